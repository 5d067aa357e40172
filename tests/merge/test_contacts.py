"""Contact resolution end to end (engine/merge/contacts.py and the modules it drives)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from engine.merge.contacts import ContactOutcome, resolve_contacts
from engine.models import Claim, ResolvedContact, Review
from tests.factories import make_claim


def person_claim(claim_id: str, name: str, organization: str | None = None, **fields: Any) -> Claim:
    """A CONTACT claim about `name`; person fields (title, linkedin_url, email) may be given."""
    person = {"name": name, "organization": organization}
    for key in ("title", "linkedin_url", "email"):
        if key in fields:
            person[key] = fields.pop(key)
    return make_claim(claim_id, claim_type="CONTACT", person=person, **fields)


def contact_of(outcome: ContactOutcome, claim_id: str) -> ResolvedContact:
    """The contact that has `claim_id` as evidence."""
    (found,) = [c for c in outcome.contacts if claim_id in c.evidence_claims]
    return found


def test_two_name_forms_at_one_organization_are_one_person() -> None:
    outcome = resolve_contacts(
        [
            person_claim(
                "contact_001",
                "James Carver",
                "Wyloo Metals",
                title="VP Projects",
                reported_on="2024-03-01",
                source_tier="GOV",
            ),
            person_claim(
                "contact_002",
                "Jim Carver",
                "Wyloo Metals Pty Ltd",
                title="Chief Operating Officer",
                reported_on="2025-01-15",
            ),
            person_claim("contact_003", "Dr. J. Carver", "WYLOO METALS", title="Engineer"),
        ]
    )
    (contact,) = outcome.contacts
    assert contact.evidence_claims == ["contact_001", "contact_002", "contact_003"]
    assert contact.resolution == "SAME_PERSON"
    assert contact.current_role == "Chief Operating Officer"  # the most recent claim
    assert contact.organization == "Wyloo Metals Pty Ltd"  # the organization of that claim
    assert contact.name == "James Carver"  # the fullest name form
    assert contact.confidence == "HIGH"  # GOV evidence and a title
    assert contact.contact_id == "person_001"
    assert outcome.ambiguous == []
    assert outcome.claim_ids == {"contact_001", "contact_002", "contact_003"}


def test_role_ties_break_by_tier_then_confidence_then_claim_id() -> None:
    outcome = resolve_contacts(
        [
            person_claim("contact_001", "Ann Lee", "Acme", title="CFO", reported_on="2025-01-01"),
            person_claim(
                "contact_002",
                "Ann Lee",
                "Acme",
                title="Finance Director",
                reported_on="2025-01-01",
                source_tier="PRIMARY",
            ),
            person_claim("contact_003", "Ann Lee", "Acme", title="Intern"),  # undated: oldest
        ]
    )
    assert outcome.contacts[0].current_role == "Finance Director"


def test_organization_falls_back_to_the_latest_claim_that_names_one() -> None:
    outcome = resolve_contacts(
        [
            person_claim("contact_001", "Ann Lee", "Acme", reported_on="2023-01-01"),
            person_claim("contact_002", "Ann Lee", "Acme Ltd", reported_on="2024-01-01"),
            person_claim("contact_003", "Ann Lee", None, title="CFO", reported_on="2025-01-01"),
        ]
    )
    (contact,) = outcome.contacts
    assert (contact.current_role, contact.organization) == ("CFO", "Acme Ltd")


def test_same_name_at_different_organizations_is_an_open_question() -> None:
    outcome = resolve_contacts(
        [
            person_claim("contact_001", "Maria Lopez", "Acme Corp"),
            person_claim("contact_002", "Maria Lopez", "Beta Mining"),
        ]
    )
    assert [c.resolution for c in outcome.contacts] == ["UNSURE", "UNSURE"]
    assert {c.organization for c in outcome.contacts} == {"Acme Corp", "Beta Mining"}
    assert all(c.confidence == "LOW" for c in outcome.contacts)
    (item,) = outcome.ambiguous
    assert item.kind == "CONTACT"
    assert item.ambiguous_id == "ambiguous_c001"
    assert item.claims_involved == ["contact_001", "contact_002"]
    assert item.options == ["Same person (job change)", "Different people"]
    assert "Acme Corp" in item.description and "Beta Mining" in item.description
    assert item.reason


def test_parent_and_subsidiary_count_as_one_organization() -> None:
    outcome = resolve_contacts(
        [
            person_claim("contact_001", "Maria Lopez", "Wyloo Metals", reported_on="2024-01-01"),
            person_claim("contact_002", "Maria Lopez", "Tattarang", reported_on="2025-01-01"),
            person_claim("contact_003", "Maria Lopez", "Squadron Energy"),
            make_claim(
                "entity_001", subject="Wyloo Metals", attribute="parent_company", value="Tattarang"
            ),
            make_claim(
                "entity_002",
                claim_type="RELATIONSHIP",
                subject="Tattarang Pty Ltd",
                attribute="subsidiary",
                value="Squadron Energy",
            ),
        ]
    )
    (contact,) = outcome.contacts
    assert contact.resolution == "SAME_PERSON"
    assert contact.organization == "Tattarang"
    assert outcome.ambiguous == []
    assert outcome.claim_ids == {"contact_001", "contact_002", "contact_003"}


def test_same_linkedin_merges_across_organizations_and_name_variants() -> None:
    outcome = resolve_contacts(
        [
            person_claim(
                "contact_001",
                "Robert Chen",
                "Acme",
                linkedin_url="https://www.linkedin.com/in/robchen/",
            ),
            person_claim(
                "contact_002",
                "Bob Chen",
                "Beta Mining",
                linkedin_url="http://linkedin.com/in/RobChen?trk=abc",
            ),
        ]
    )
    (contact,) = outcome.contacts
    assert contact.resolution == "SAME_PERSON"
    assert contact.name == "Robert Chen"
    assert contact.linkedin_url is not None
    assert outcome.ambiguous == []


def test_same_email_merges_across_organizations() -> None:
    outcome = resolve_contacts(
        [
            person_claim("contact_001", "Robert Chen", "Acme", email="R.Chen@gmail.com"),
            person_claim("contact_002", "Robert Chen", "Beta", email=" r.chen@gmail.com"),
        ]
    )
    (contact,) = outcome.contacts
    assert contact.resolution == "SAME_PERSON"
    assert outcome.ambiguous == []


def test_different_linkedin_urls_are_different_people_without_a_question() -> None:
    outcome = resolve_contacts(
        [
            person_claim(
                "contact_001", "Robert Chen", "Acme", linkedin_url="linkedin.com/in/rchen1"
            ),
            person_claim(
                "contact_002", "Robert Chen", "Acme", linkedin_url="linkedin.com/in/rchen2"
            ),
            person_claim(
                "contact_003", "Robert Chen", "Beta", linkedin_url="linkedin.com/in/rchen3"
            ),
        ]
    )
    assert len(outcome.contacts) == 3
    assert {c.resolution for c in outcome.contacts} == {"DIFFERENT_PERSON"}
    assert outcome.ambiguous == []


def test_different_emails_after_a_job_change_settle_nothing() -> None:
    outcome = resolve_contacts(
        [
            person_claim("contact_001", "Robert Chen", "Acme", email="rchen@acme.com"),
            person_claim("contact_002", "Robert Chen", "Beta", email="robert.chen@beta.com"),
        ]
    )
    assert [c.resolution for c in outcome.contacts] == ["UNSURE", "UNSURE"]
    assert len(outcome.ambiguous) == 1


def test_shared_identifier_with_different_names_is_a_question() -> None:
    outcome = resolve_contacts(
        [
            person_claim("contact_001", "Robert Chen", "Acme", email="info@acme.com"),
            person_claim("contact_002", "Laura Diaz", "Acme", email="info@acme.com"),
        ]
    )
    assert len(outcome.contacts) == 2
    (item,) = outcome.ambiguous
    assert "share a LinkedIn URL or email" in item.description


def test_shared_email_on_an_initial_and_two_names_is_flagged() -> None:
    outcome = resolve_contacts(
        [
            person_claim("contact_001", "J. Smith", "Acme", email="j@x.com"),
            person_claim("contact_002", "John Smith", "Acme", email="j@x.com"),
            person_claim("contact_003", "Jane Smith", "Acme", email="j@x.com"),
        ]
    )
    assert len(outcome.contacts) == 3
    assert contact_of(outcome, "contact_001").resolution == "UNSURE"
    bridge = [item for item in outcome.ambiguous if item.options[-1] == "A different person"]
    assert [item.claims_involved for item in bridge] == [
        ["contact_001", "contact_002", "contact_003"]
    ]
    shared = [item for item in outcome.ambiguous if "share a LinkedIn" in item.description]
    assert [item.claims_involved for item in shared] == [
        ["contact_001", "contact_002", "contact_003"]
    ]  # one question over everyone sharing the address, not one per pair


def test_same_surname_only_is_different_people() -> None:
    outcome = resolve_contacts(
        [
            person_claim("contact_001", "James Carver", "Acme"),
            person_claim("contact_002", "Mary Carver", "Acme"),
            person_claim("contact_003", "Carver", "Acme"),
        ]
    )
    assert len(outcome.contacts) == 3
    assert {c.resolution for c in outcome.contacts} == {"SINGLE_CLAIM"}
    assert outcome.ambiguous == []


def test_an_initial_does_not_bridge_two_different_names() -> None:
    outcome = resolve_contacts(
        [
            person_claim("contact_001", "John Smith", "Acme"),
            person_claim("contact_002", "Jane Smith", "Acme"),
            person_claim("contact_003", "J. Smith", "Acme"),
            person_claim("contact_004", "John Smith", "Acme Inc"),
        ]
    )
    assert len(outcome.contacts) == 3
    assert contact_of(outcome, "contact_001").evidence_claims == ["contact_001", "contact_004"]
    assert contact_of(outcome, "contact_001").resolution == "SAME_PERSON"
    assert contact_of(outcome, "contact_002").resolution == "SINGLE_CLAIM"
    bridge = contact_of(outcome, "contact_003")
    assert bridge.resolution == "UNSURE"
    (item,) = outcome.ambiguous
    assert item.claims_involved == ["contact_001", "contact_002", "contact_003", "contact_004"]
    assert len(item.options) == 3  # John, Jane, or someone else
    assert item.description.startswith(f"{bridge.contact_id} 'J. Smith'")


def test_a_person_without_organization_joins_the_only_matching_contact() -> None:
    outcome = resolve_contacts(
        [
            person_claim("contact_001", "Laura Diaz", "Acme", title="CTO", source_tier="PRIMARY"),
            person_claim("contact_002", "Laura Diaz"),
            person_claim("contact_003", "L. Diaz"),
        ]
    )
    (contact,) = outcome.contacts
    assert contact.evidence_claims == ["contact_001", "contact_002", "contact_003"]
    assert contact.organization == "Acme"
    assert outcome.ambiguous == []


def test_a_person_without_organization_is_unsure_between_two_organizations() -> None:
    outcome = resolve_contacts(
        [
            person_claim("contact_001", "Laura Diaz", "Acme"),
            person_claim("contact_002", "Laura Diaz", "Beta"),
            person_claim("contact_003", "Laura Diaz"),
        ]
    )
    assert len(outcome.contacts) == 3
    loose = contact_of(outcome, "contact_003")
    assert loose.resolution == "UNSURE" and loose.organization is None
    kinds = sorted(item.options[-1] for item in outcome.ambiguous)
    assert kinds == ["A different person", "Different people"]  # the bridge and the job change
    bridge = next(i for i in outcome.ambiguous if i.options[-1] == "A different person")
    assert bridge.claims_involved == ["contact_001", "contact_002", "contact_003"]


def test_a_typo_chain_is_one_person() -> None:
    outcome = resolve_contacts(
        [
            person_claim("contact_001", "Mikhaela Hannagan", "Acme"),
            person_claim("contact_002", "Mikhayla Hannagan", "Acme"),
            person_claim("contact_003", "Mikhaela Hannigan", "Acme"),
            person_claim("contact_004", "Mikhaela Hannagan", "Acme"),
        ]
    )
    (contact,) = outcome.contacts
    assert contact.name == "Mikhaela Hannagan"
    assert outcome.ambiguous == []


def test_names_too_far_apart_in_one_group_are_a_question_not_a_merge() -> None:
    outcome = resolve_contacts(
        [
            person_claim("contact_001", "Sophie Bullock", "Acme"),
            person_claim("contact_002", "Sophie Bulloch", "Acme"),
            person_claim("contact_003", "Sophie Bullach", "Acme"),
        ]
    )
    assert len(outcome.contacts) == 2
    assert contact_of(outcome, "contact_001") != contact_of(outcome, "contact_003")
    assert {c.resolution for c in outcome.contacts} == {"UNSURE"}
    (item,) = outcome.ambiguous
    assert item.claims_involved == ["contact_001", "contact_002", "contact_003"]


def test_same_person_review_merges_and_closes_the_question() -> None:
    claims = [
        person_claim("contact_001", "Maria Lopez", "Acme Corp"),
        person_claim("contact_002", "Maria Lopez", "Beta Mining"),
    ]
    review = Review(
        review_id="review_001",
        decision="SAME_PERSON",
        claim_ids=["contact_002", "contact_001"],
        note="moved in 2024",
    )
    outcome = resolve_contacts(claims, [review])
    (contact,) = outcome.contacts
    assert contact.resolution == "SAME_PERSON"
    assert outcome.ambiguous == []
    (decision,) = outcome.decisions
    assert decision.review_id == "review_001"
    assert decision.item_kind == "CONTACT"
    assert decision.decision == "SAME_PERSON"
    assert decision.claims_involved == ["contact_001", "contact_002"]
    assert decision.note == "moved in 2024"
    assert "person_001" in decision.description


def test_different_person_review_splits_same_name_same_organization() -> None:
    claims = [
        person_claim("contact_001", "Maria Lopez", "Acme"),
        person_claim("contact_002", "Maria Lopez", "Acme"),
        person_claim("contact_003", "Maria Lopez", "Acme"),
    ]
    review = Review(
        review_id="review_001",
        decision="DIFFERENT_PERSON",
        claim_ids=["contact_001", "contact_002"],
    )
    outcome = resolve_contacts(claims, [review])
    assert contact_of(outcome, "contact_001") != contact_of(outcome, "contact_002")
    assert contact_of(outcome, "contact_001").resolution == "DIFFERENT_PERSON"
    assert contact_of(outcome, "contact_002").resolution == "DIFFERENT_PERSON"
    assert contact_of(outcome, "contact_003").resolution == "UNSURE"  # could be either
    assert [d.review_id for d in outcome.decisions] == ["review_001"]
    assert len(outcome.ambiguous) == 1


def test_different_person_review_settles_a_job_change_question() -> None:
    claims = [
        person_claim("contact_001", "Maria Lopez", "Acme Corp"),
        person_claim("contact_002", "Maria Lopez", "Beta Mining"),
    ]
    review = Review(
        review_id="r1", decision="DIFFERENT_PERSON", claim_ids=["contact_001", "contact_002"]
    )
    outcome = resolve_contacts(claims, [review])
    assert [c.resolution for c in outcome.contacts] == ["DIFFERENT_PERSON", "DIFFERENT_PERSON"]
    assert outcome.ambiguous == []
    assert outcome.decisions[0].decision == "DIFFERENT_PERSON"


def test_review_naming_unknown_claims_is_not_applied() -> None:
    claims = [
        person_claim("contact_001", "Maria Lopez", "Acme Corp"),
        person_claim("contact_002", "Maria Lopez", "Beta Mining"),
        make_claim("search_001"),
    ]
    reviews = [
        Review(review_id="r1", decision="SAME_PERSON", claim_ids=["contact_001", "contact_999"]),
        Review(
            review_id="r2", decision="DIFFERENT_PERSON", claim_ids=["contact_001", "search_001"]
        ),
        Review(review_id="r3", decision="DISMISS", claim_ids=["contact_001", "contact_002"]),
    ]
    outcome = resolve_contacts(claims, reviews)
    assert outcome.decisions == []
    assert len(outcome.contacts) == 2
    assert len(outcome.ambiguous) == 1  # DISMISS is the merge's business, not the resolver's


def test_the_latest_of_contradicting_reviews_wins() -> None:
    claims = [
        person_claim("contact_001", "Maria Lopez", "Acme Corp"),
        person_claim("contact_002", "Maria Lopez", "Beta Mining"),
    ]
    older = Review(
        review_id="r2",
        decision="DIFFERENT_PERSON",
        claim_ids=["contact_001", "contact_002"],
        decided_at=datetime(2025, 1, 1),
    )
    newer = Review(
        review_id="r1",
        decision="SAME_PERSON",
        claim_ids=["contact_001", "contact_002"],
        decided_at=datetime(2025, 6, 1),
    )
    outcome = resolve_contacts(claims, [older, newer])
    assert len(outcome.contacts) == 1
    assert [d.review_id for d in outcome.decisions] == ["r1"]


def test_confidence_follows_the_best_evidence() -> None:
    outcome = resolve_contacts(
        [
            person_claim("contact_001", "Ann Gov", "Acme", title="CEO", source_tier="GOV"),
            person_claim("contact_002", "Ann Primary", "Acme", source_tier="PRIMARY"),
            person_claim("contact_003", "Ann News", "Acme", title="CFO", source_tier="NEWS"),
            person_claim("contact_004", "Ann Other", "Acme", title="CTO", source_tier="OTHER"),
            person_claim(
                "contact_005",
                "Ann Weak",
                "Acme",
                title="CEO",
                source_tier="GOV",
                confidence="LOW",
            ),
        ]
    )
    levels = {c.name: c.confidence for c in outcome.contacts}
    assert levels == {
        "Ann Gov": "HIGH",
        "Ann Primary": "MEDIUM",
        "Ann News": "MEDIUM",
        "Ann Other": "LOW",
        "Ann Weak": "MEDIUM",
    }


def test_claims_without_a_person_are_ignored() -> None:
    outcome = resolve_contacts(
        [make_claim("search_001"), make_claim("search_002", claim_type="SIGNAL")]
    )
    assert outcome == ContactOutcome(contacts=[])


def test_contact_ids_follow_name_then_organization() -> None:
    outcome = resolve_contacts(
        [
            person_claim("contact_001", "Zoe Adams", "Acme"),
            person_claim("contact_002", "Abe Zimmer", "Beta"),
            person_claim("contact_003", "abe zimmer", "Acme"),
        ]
    )
    ids = [(c.contact_id, c.name, c.organization) for c in outcome.contacts]
    assert ids == [
        ("person_001", "abe zimmer", "Acme"),
        ("person_002", "Abe Zimmer", "Beta"),
        ("person_003", "Zoe Adams", "Acme"),
    ]


def test_non_latin_names_and_organizations_are_compared() -> None:
    outcome = resolve_contacts(
        [
            person_claim("contact_001", "Иван Петров", "Газпром"),
            person_claim("contact_002", "Иван Петров", "Газпром"),
            person_claim("contact_003", "Иван Петров", "Роснефть"),
            person_claim("contact_004", "Пётр Сидоров", "Газпром"),
        ],
        [],
    )
    assert contact_of(outcome, "contact_001") == contact_of(outcome, "contact_002")
    assert contact_of(outcome, "contact_001") != contact_of(outcome, "contact_003")
    assert contact_of(outcome, "contact_001") != contact_of(outcome, "contact_004")
    assert any(item.kind == "CONTACT" for item in outcome.ambiguous)


def test_given_names_a_typo_apart_at_one_company_are_a_question() -> None:
    outcome = resolve_contacts(
        [
            person_claim("contact_001", "Maria Rossi", "Acme"),
            person_claim("contact_002", "Mario Rossi", "Acme"),
            person_claim("contact_003", "Micheal Laverty", "Acme"),
            person_claim("contact_004", "Michael Laverty", "Acme"),
        ],
        [],
    )
    maria, mario = contact_of(outcome, "contact_001"), contact_of(outcome, "contact_002")
    assert maria != mario
    assert maria.resolution == mario.resolution == "UNSURE"
    [item] = outcome.ambiguous
    assert item.kind == "CONTACT"
    assert item.claims_involved == ["contact_001", "contact_002"]
    assert contact_of(outcome, "contact_003") == contact_of(outcome, "contact_004")


def test_a_possible_name_does_not_join_a_typo_chain() -> None:
    outcome = resolve_contacts(
        [
            person_claim("contact_001", "Maria Rossi", "Acme"),
            person_claim("contact_002", "M. Rossi", "Acme"),
            person_claim("contact_003", "Mario Rossi", "Acme"),
        ],
        [],
    )
    assert contact_of(outcome, "contact_001") != contact_of(outcome, "contact_003")
    unsure = [c for c in outcome.contacts if c.resolution == "UNSURE"]
    for contact in unsure:
        assert any(
            set(contact.evidence_claims) & set(item.claims_involved) for item in outcome.ambiguous
        )


def test_hyphen_or_space_in_a_name_is_one_contact() -> None:
    outcome = resolve_contacts(
        [
            person_claim("contact_001", "Anne-Marie Dubois", "Acme"),
            person_claim("contact_002", "Anne Marie Dubois", "Acme"),
            person_claim("contact_003", "Sean McDonald", "Acme"),
            person_claim("contact_004", "Sean Mc Donald", None),
        ],
        [],
    )
    assert contact_of(outcome, "contact_001") == contact_of(outcome, "contact_002")
    assert contact_of(outcome, "contact_003") == contact_of(outcome, "contact_004")
    assert contact_of(outcome, "contact_001").resolution == "SAME_PERSON"
    assert outcome.ambiguous == []


def test_person_review_applies_to_the_claims_still_present() -> None:
    claims = [
        person_claim("contact_001", "Maria Lopez", "Acme Corp"),
        person_claim("contact_002", "Maria Lopez", "Beta Mining"),
        person_claim("contact_003", "Tom Hart", "Acme"),
        person_claim("contact_004", "Tom Hart", "Acme"),
    ]
    reviews = [
        Review(
            review_id="r1",
            decision="SAME_PERSON",
            claim_ids=["contact_001", "contact_002", "contact_999"],
        ),
        Review(
            review_id="r2",
            decision="DIFFERENT_PERSON",
            claim_ids=["contact_003", "contact_004", "contact_998"],
        ),
    ]
    outcome = resolve_contacts(claims, reviews)
    assert contact_of(outcome, "contact_001") == contact_of(outcome, "contact_002")
    assert contact_of(outcome, "contact_003") != contact_of(outcome, "contact_004")
    assert outcome.ambiguous == []
    assert [(d.review_id, d.claims_involved) for d in outcome.decisions] == [
        ("r1", ["contact_001", "contact_002"]),
        ("r2", ["contact_003", "contact_004"]),
    ]


def test_same_name_at_many_organizations_is_one_question() -> None:
    claims = [
        person_claim(f"contact_{number:03d}", "Maria Lopez", f"Company {number}")
        for number in range(1, 31)
    ]
    outcome = resolve_contacts(claims)
    assert len(outcome.contacts) == 30
    [item] = outcome.ambiguous
    assert item.claims_involved == sorted(claim.claim_id for claim in claims)
    assert len(item.options) == 31
    assert "same name at different organizations" in item.description
    assert {contact.resolution for contact in outcome.contacts} == {"UNSURE"}


def test_one_email_shared_by_many_people_is_one_question() -> None:
    names = ["Ann Lee", "Bo Chan", "Cy Dunn", "Di Ross", "Ed Kahn", "Flo Park"]
    claims = [
        person_claim(f"contact_{n:03d}", name, "Acme", email="info@acme.com")
        for n, name in enumerate(names, start=1)
    ]
    outcome = resolve_contacts(claims)
    assert len(outcome.contacts) == 6
    [item] = outcome.ambiguous
    assert len(item.claims_involved) == 6


def test_one_person_at_the_targets_short_and_long_names_is_one_contact() -> None:
    outcome = resolve_contacts(
        [
            person_claim("c_001", "Olga Brandt", "Tamarack Metals", title="CEO"),
            person_claim("c_002", "Olga Brandt", "Tamarack Ring of Fire", title="CEO"),
            person_claim("c_003", "Olga Brandt", "Tamarack", title="chief executive"),
        ],
        target="Tamarack Metals",
    )
    (contact,) = outcome.contacts
    assert contact.resolution == "SAME_PERSON" and outcome.ambiguous == []


def test_the_county_and_its_full_name_are_one_employer() -> None:
    outcome = resolve_contacts(
        [
            person_claim("c_001", "Tom Ruiz", "Pine County", title="County Attorney"),
            person_claim("c_002", "Tom Ruiz", "County", title="Attorney"),
        ],
        target="Tamarack Metals",
    )
    assert len(outcome.contacts) == 1 and outcome.ambiguous == []


def test_a_namesake_at_an_unrelated_organization_is_still_a_question() -> None:
    outcome = resolve_contacts(
        [
            person_claim("c_001", "Olga Brandt", "Tamarack Metals", title="CEO"),
            person_claim("c_002", "Olga Brandt", "Blue Heron Trucking", title="Owner"),
        ],
        target="Tamarack Metals",
    )
    assert len(outcome.contacts) == 2 and len(outcome.ambiguous) == 1


def test_a_company_title_without_organization_is_the_targets() -> None:
    outcome = resolve_contacts(
        [person_claim("c_001", "Rhea Colvin", None, title="chief executive")],
        target="Tamarack Metals",
    )
    (contact,) = outcome.contacts
    assert (contact.organization, contact.stakeholder_role) == ("Tamarack Metals", "target_staff")
