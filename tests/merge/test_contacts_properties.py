"""Invariants of contact resolution over generated claims and reviews (engine/merge/contacts.py).

Names, organizations and identifiers come from small pools so that namesakes, nicknames,
initials, typos, job changes and LinkedIn/email evidence collide often.
"""

from __future__ import annotations

import random
from itertools import combinations
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from engine.merge.contact_graph import normalize_linkedin
from engine.merge.contacts import resolve_contacts
from engine.merge.names import compare_names
from engine.models import Claim, ResolvedContact, Review
from tests.factories import make_claim

GIVEN = ["James", "Jim", "J.", "John", "Jane", "Bob", "Robert", "R.", "Mikhaela", "Mikhayla"]
SURNAMES = ["Carver", "Carvre", "Smith", "Smyth", "Hannagan", "Hannigan"]
ORGANIZATIONS = [None, "Acme", "Acme Ltd", "Beta Mining", "Tattarang", "Wyloo Metals"]
LINKEDINS = [None, None, None, "linkedin.com/in/a", "https://www.linkedin.com/in/b/"]
EMAILS = [None, None, None, "a@x.com", "b@y.com"]


@st.composite
def claim_sets(draw: st.DrawFn) -> list[Claim]:
    """Claims with and without a person, plus parent/subsidiary links."""
    count = draw(st.integers(min_value=0, max_value=14))
    claims: list[Claim] = []
    for number in range(1, count + 1):
        claim_id = f"contact_{number:03d}"
        if draw(st.integers(min_value=0, max_value=5)) == 0:
            claims.append(make_claim(claim_id))
            continue
        person: dict[str, Any] = {
            "name": f"{draw(st.sampled_from(GIVEN))} {draw(st.sampled_from(SURNAMES))}",
            "organization": draw(st.sampled_from(ORGANIZATIONS)),
            "title": draw(st.sampled_from([None, "CEO", "VP Projects"])),
            "linkedin_url": draw(st.sampled_from(LINKEDINS)),
            "email": draw(st.sampled_from(EMAILS)),
        }
        reported = draw(st.sampled_from([None, "2024-01-01", "2025-01-01"]))
        tier = draw(st.sampled_from(["GOV", "PRIMARY", "NEWS", "OTHER"]))
        claims.append(
            make_claim(
                claim_id,
                claim_type="CONTACT",
                person=person,
                reported_on=reported,
                source_tier=tier,
            )
        )
    if draw(st.booleans()):
        claims.append(
            make_claim(
                "entity_001", subject="Wyloo Metals", attribute="parent_company", value="Tattarang"
            )
        )
    return claims


@st.composite
def review_sets(draw: st.DrawFn, claims: list[Claim]) -> list[Review]:
    """Person reviews over the claims (some naming an unknown claim)."""
    ids = [claim.claim_id for claim in claims] + ["contact_998", "contact_999"]
    reviews: list[Review] = []
    for number in range(draw(st.integers(min_value=0, max_value=3))):
        chosen = draw(st.lists(st.sampled_from(ids), min_size=2, max_size=3, unique=True))
        decision = draw(st.sampled_from(["SAME_PERSON", "DIFFERENT_PERSON"]))
        reviews.append(
            Review(review_id=f"review_{number:03d}", decision=decision, claim_ids=chosen)
        )
    return reviews


@settings(max_examples=150, deadline=None)
@given(claim_sets())
def test_every_person_claim_is_evidence_of_exactly_one_contact(claims: list[Claim]) -> None:
    outcome = resolve_contacts(claims)
    evidence = [claim_id for contact in outcome.contacts for claim_id in contact.evidence_claims]
    with_person = {claim.claim_id for claim in claims if claim.person is not None}
    assert sorted(evidence) == sorted(with_person)
    assert outcome.claim_ids == with_person
    for contact in outcome.contacts:
        assert contact.evidence_claims == sorted(contact.evidence_claims)
        assert contact.resolution != "SINGLE_CLAIM" or len(contact.evidence_claims) == 1
        assert contact.resolution != "SAME_PERSON" or len(contact.evidence_claims) > 1
    for item in outcome.ambiguous:
        assert item.kind == "CONTACT"
        assert set(item.claims_involved) <= with_person


@settings(max_examples=150, deadline=None)
@given(claim_sets(), st.randoms(use_true_random=False))
def test_shuffled_input_gives_identical_output(claims: list[Claim], rng: random.Random) -> None:
    shuffled = list(claims)
    rng.shuffle(shuffled)
    assert resolve_contacts(shuffled) == resolve_contacts(claims)


@settings(max_examples=150, deadline=None)
@given(claim_sets())
def test_ids_are_sequential_and_unsure_contacts_have_a_question(claims: list[Claim]) -> None:
    outcome = resolve_contacts(claims)
    assert [c.contact_id for c in outcome.contacts] == [
        f"person_{n:03d}" for n in range(1, len(outcome.contacts) + 1)
    ]
    assert [i.ambiguous_id for i in outcome.ambiguous] == [
        f"ambiguous_c{n:03d}" for n in range(1, len(outcome.ambiguous) + 1)
    ]
    questioned = {claim_id for item in outcome.ambiguous for claim_id in item.claims_involved}
    for contact in outcome.contacts:
        if contact.resolution == "UNSURE":
            assert set(contact.evidence_claims) <= questioned
            assert contact.confidence == "LOW"


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_applied_reviews_hold(data: st.DataObject) -> None:
    claims = data.draw(claim_sets())
    reviews = data.draw(review_sets(claims))
    outcome = resolve_contacts(claims, reviews)
    contact = {cid: c.contact_id for c in outcome.contacts for cid in c.evidence_claims}
    applied = {decision.review_id for decision in outcome.decisions}
    for review in reviews:
        present = set(review.claim_ids) & set(contact)
        if review.review_id not in applied:
            continue
        held = {contact[claim_id] for claim_id in present}
        if review.decision == "SAME_PERSON":
            assert len(held) == 1
        else:
            assert len(held) == len(present)
    for review in reviews:
        if len(set(review.claim_ids) & set(contact)) < 2:
            assert review.review_id not in applied
    shuffled = list(claims)
    random.Random(7).shuffle(shuffled)
    assert resolve_contacts(shuffled, list(reversed(reviews))) == outcome


@settings(max_examples=200, deadline=None)
@given(claim_sets())
def test_matching_contacts_are_never_split_silently(claims: list[Claim]) -> None:
    """Two contacts whose names all match share a question, or LinkedIn tells them apart."""
    outcome = resolve_contacts(claims)
    by_id = {claim.claim_id: claim for claim in claims}

    def names(contact: ResolvedContact) -> list[str]:
        return [person.name for c in contact.evidence_claims if (person := by_id[c].person)]

    def linkedins(contact: ResolvedContact) -> set[str]:
        found = (normalize_linkedin(by_id[c].person.linkedin_url) for c in contact.evidence_claims)
        return {key for key in found if key}

    for first, second in combinations(outcome.contacts, 2):
        if not all(compare_names(a, b) for a in names(first) for b in names(second)):
            continue
        together = any(
            set(first.evidence_claims) & set(item.claims_involved)
            and set(second.evidence_claims) & set(item.claims_involved)
            for item in outcome.ambiguous
        )
        told_apart = bool(linkedins(first)) and linkedins(first).isdisjoint(linkedins(second))
        assert together or (told_apart and linkedins(second))
