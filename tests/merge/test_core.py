"""merge_claims: the whole of step 07B over a small realistic run."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta, timezone

import pytest

from engine.merge import merge_claims
from engine.models import Claim, InvalidInput, Review
from engine.models.merge import MERGE_RESULT_KEYS
from tests.factories import make_claim

TARGET = "Borealis Nickel"
NOW = datetime(2025, 11, 3, 9, 30, tzinfo=UTC)


def run_claims() -> list[Claim]:
    """Claims of a small run: a contact, a timeline, a conflict, a tie and plain notes."""
    return [
        make_claim("entity_001", claim_type="SIGNAL", statement="Ontario approved the permit."),
        make_claim(
            "contact_001",
            claim_type="CONTACT",
            person={"name": "Marie Tremblay", "title": "VP Projects", "organization": "Borealis"},
        ),
        make_claim(
            "lead_002",
            claim_type="CONTACT",
            person={"name": "Marie Tremblay", "title": "VP Projects", "organization": "Borealis"},
        ),
        make_claim("entity_002", subject="Kestrel Lake", attribute="construction_start",
                   value="June 2025", reported_on="2024-12-01"),
        make_claim("lead_003", subject="Kestrel Lake", attribute="construction_start",
                   value="September 2025", reported_on="2025-03-01"),
        make_claim("opp_001", subject="Kestrel Lake", attribute="capital_cost",
                   value="$1.2 billion", source_tier="GOV"),
        make_claim("opp_002", subject="Kestrel Lake", attribute="capital_cost",
                   value="C$1.4 billion", source_tier="NEWS"),
        make_claim("entity_003", attribute="hq_location", value="Sudbury"),
        make_claim("lead_004", attribute="hq_location", value="Toronto"),
        make_claim("entity_004", attribute="founded_year", value="2011"),
        make_claim("lead_005", attribute="founded_year", value="founded in 2011"),
        make_claim("lead_006", attribute="partner", value="Hatch Ltd"),
    ]  # fmt: skip


def test_a_run_is_reconciled_into_every_section() -> None:
    result = merge_claims(run_claims(), target_entity=TARGET, now=NOW)
    data = result.contract_json()
    assert tuple(data) == MERGE_RESULT_KEYS
    assert data["reconciliation_timestamp"] == "2025-11-03T09:30:00Z"
    assert result.target_entity == TARGET
    [contact] = result.contacts_resolved
    assert contact.evidence_claims == ["contact_001", "lead_002"]
    [timeline] = result.timelines_resolved
    assert [e.claim_id for e in timeline.history] == ["entity_002", "lead_003"]
    assert [c.conflict_id for c in result.conflicts] == ["conflict_001", "conflict_002"]
    assert [c.attribute for c in result.conflicts] == ["hq_location", "capital_cost"]
    assert result.conflicts[1].recommended_claim_id == "opp_001"
    [tie] = result.ambiguous
    assert (tie.ambiguous_id, tie.kind) == ("ambiguous_001", "CONFLICT")
    assert tie.claims_involved == ["entity_003", "lead_004"]
    assert result.pass_through == ["entity_001", "entity_004", "lead_005", "lead_006"]
    assert result.summary.model_dump() == {
        "total_claims": 12,
        "contacts_resolved": 1,
        "timelines_resolved": 1,
        "conflicts_found": 2,
        "ambiguous_items": 1,
        "passed_through": 4,
    }


def test_the_result_does_not_depend_on_input_order() -> None:
    claims = run_claims()
    expected = merge_claims(claims, target_entity=TARGET, now=NOW).contract_json()
    for seed in range(5):
        shuffled = list(claims)
        random.Random(seed).shuffle(shuffled)
        assert merge_claims(shuffled, target_entity=TARGET, now=NOW).contract_json() == expected


def test_duplicate_claim_ids_are_rejected_by_name() -> None:
    claims = [make_claim("doc_001"), make_claim("doc_002"), make_claim("doc_001")]
    with pytest.raises(InvalidInput, match="'doc_001'.*duplicate"):
        merge_claims(claims, target_entity=TARGET)


def test_the_timestamp_is_utc_and_defaults_to_now() -> None:
    before = datetime.now(UTC)
    result = merge_claims([], target_entity=TARGET)
    assert before <= result.reconciliation_timestamp <= datetime.now(UTC)
    toronto = timezone(timedelta(hours=-5))
    shifted = merge_claims([], target_entity=TARGET, now=datetime(2025, 1, 1, 7, tzinfo=toronto))
    assert shifted.contract_json()["reconciliation_timestamp"] == "2025-01-01T12:00:00Z"
    naive = merge_claims([], target_entity=TARGET, now=datetime(2025, 1, 1, 7))
    assert naive.contract_json()["reconciliation_timestamp"] == "2025-01-01T07:00:00Z"


def test_reviews_close_items_and_their_claims_pass_through() -> None:
    reviews = [
        Review(review_id="rev_1", decision="DISMISS", claim_ids=["entity_003", "lead_004"]),
        Review(
            review_id="rev_2",
            decision="PICK_VALUE",
            claim_ids=["opp_001", "opp_002"],
            chosen_claim_id="opp_002",
        ),
    ]
    result = merge_claims(run_claims(), target_entity=TARGET, reviews=reviews, now=NOW)
    assert result.conflicts == [] and result.ambiguous == []
    assert [(d.review_id, d.decision, d.item_kind) for d in result.decisions] == [
        ("rev_1", "DISMISS", "CONFLICT"),
        ("rev_2", "PICK_VALUE", "CONFLICT"),
    ]
    assert {"entity_003", "lead_004", "opp_001", "opp_002"} <= set(result.pass_through)
    assert result.summary.passed_through == len(result.pass_through) == 8
    assert "decisions" not in result.contract_json()


def test_ambiguous_items_of_every_kind_are_numbered_by_kind_then_claims() -> None:
    claims = [
        make_claim("doc_001", attribute="first_production", value="May 2025",
                   event_status="ACTUAL"),
        make_claim("doc_002", attribute="first_production", value="July 2025",
                   event_status="ACTUAL"),
        make_claim("doc_003", subject="Zed", attribute="ceo", value="Ann Lee"),
        make_claim("doc_004", subject="Zed", attribute="ceo", value="Bo Chan"),
        make_claim("doc_005", subject="Alpha", attribute="ceo", value="Cy Diaz"),
        make_claim("doc_006", subject="Alpha", attribute="ceo", value="Di Ross"),
    ]  # fmt: skip
    result = merge_claims(claims, target_entity=TARGET, now=NOW)
    assert [(a.ambiguous_id, a.kind, a.claims_involved) for a in result.ambiguous] == [
        ("ambiguous_001", "CONFLICT", ["doc_003", "doc_004"]),
        ("ambiguous_002", "CONFLICT", ["doc_005", "doc_006"]),
        ("ambiguous_003", "TIMELINE", ["doc_001", "doc_002"]),
    ]
    assert result.pass_through == []


def namesakes() -> list[Claim]:
    """The same name at two organizations (a CONTACT question) and a tied CEO conflict."""
    return [
        make_claim("doc_001", person={"name": "Marie Tremblay", "organization": "Borealis"}),
        make_claim("doc_002", person={"name": "Marie Tremblay", "organization": "Hatch Ltd"}),
        make_claim("doc_003", subject="Zed", attribute="ceo", value="Ann Lee"),
        make_claim("doc_004", subject="Zed", attribute="ceo", value="Bo Chan"),
    ]


def test_dismissing_a_contact_question_keeps_both_contacts() -> None:
    before = merge_claims(namesakes(), target_entity=TARGET, now=NOW)
    [question] = [item for item in before.ambiguous if item.kind == "CONTACT"]
    assert question.claims_involved == ["doc_001", "doc_002"]
    dismiss = Review(review_id="rev_1", decision="DISMISS", claim_ids=["doc_001", "doc_002"])
    after = merge_claims(namesakes(), target_entity=TARGET, reviews=[dismiss], now=NOW)
    assert [item.kind for item in after.ambiguous] == ["CONFLICT"]
    assert len(after.contacts_resolved) == len(before.contacts_resolved) == 2
    assert [(d.review_id, d.item_kind) for d in after.decisions] == [("rev_1", "CONTACT")]
    assert after.pass_through == []


def test_dismissed_contact_question_leaves_separate_contacts_not_unsure() -> None:
    before = merge_claims(namesakes(), target_entity=TARGET, now=NOW)
    assert {c.resolution for c in before.contacts_resolved} == {"UNSURE"}
    dismiss = Review(review_id="rev_1", decision="DISMISS", claim_ids=["doc_001", "doc_002"])
    after = merge_claims(namesakes(), target_entity=TARGET, reviews=[dismiss], now=NOW)
    assert {c.resolution for c in after.contacts_resolved} == {"DIFFERENT_PERSON"}
    assert {c.confidence for c in after.contacts_resolved} == {"MEDIUM"}  # NEWS evidence


def test_contact_decisions_come_before_review_decisions() -> None:
    reviews = [
        Review(review_id="rev_2", decision="DISMISS", claim_ids=["doc_003", "doc_004"]),
        Review(review_id="rev_1", decision="SAME_PERSON", claim_ids=["doc_001", "doc_002"]),
    ]
    result = merge_claims(namesakes(), target_entity=TARGET, reviews=reviews, now=NOW)
    assert [(d.review_id, d.decision) for d in result.decisions] == [
        ("rev_1", "SAME_PERSON"),
        ("rev_2", "DISMISS"),
    ]
    [contact] = result.contacts_resolved
    assert contact.evidence_claims == ["doc_001", "doc_002"]
    assert result.ambiguous == [] and result.conflicts == []
    assert result.pass_through == ["doc_003", "doc_004"]
