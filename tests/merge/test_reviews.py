"""Reviews: PICK_VALUE and DISMISS close the items whose claims they cover, latest first."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from engine.merge.conflicts import detect_conflicts
from engine.merge.reviews import apply_reviews
from engine.models import AmbiguousItem, Conflict, Review
from engine.models.reviews import review_order
from tests.factories import make_claim

TARGET = "Borealis Nickel"


def tied_conflict() -> tuple[list[Conflict], list[AmbiguousItem]]:
    """A conflict with no recommendation (so it has a twin CONFLICT item) over doc_001..002."""
    claims = [
        make_claim("doc_001", subject="Kestrel Lake", attribute="capital_cost", value="$1.2bn"),
        make_claim("doc_002", subject="Kestrel Lake", attribute="capital_cost", value="$1.5bn"),
    ]
    outcome = detect_conflicts(claims, target_entity=TARGET)
    assert len(outcome.conflicts) == 1 and len(outcome.ambiguous) == 1
    return outcome.conflicts, outcome.ambiguous


def review(review_id: str, decision: str, claim_ids: list[str], **fields: Any) -> Review:
    return Review.model_validate(
        {"review_id": review_id, "decision": decision, "claim_ids": claim_ids, **fields}
    )


def item(kind: str, claim_ids: list[str]) -> AmbiguousItem:
    return AmbiguousItem(
        ambiguous_id="ambiguous_pending",
        kind=kind,  # type: ignore[arg-type]
        description=f"{kind} item",
        claims_involved=claim_ids,
        options=[],
        reason="test",
    )


def test_pick_value_closes_the_conflict_and_its_twin_item() -> None:
    conflicts, ambiguous = tied_conflict()
    picked = review("rev_1", "PICK_VALUE", ["doc_001", "doc_002"], chosen_claim_id="doc_002")
    outcome = apply_reviews(conflicts, ambiguous, [picked])
    assert outcome.conflicts == [] and outcome.ambiguous == []
    [decision] = outcome.decisions
    assert decision.review_id == "rev_1"
    assert decision.decision == "PICK_VALUE"
    assert decision.item_kind == "CONFLICT"
    assert decision.chosen_claim_id == "doc_002"
    assert decision.claims_involved == ["doc_001", "doc_002"]
    assert decision.description == "Kept doc_002 ($1.5bn) for capital_cost of Kestrel Lake"


def test_dismiss_closes_a_conflict_and_a_review_may_list_more_claims() -> None:
    conflicts, ambiguous = tied_conflict()
    dismissed = review("rev_1", "DISMISS", ["doc_009", "doc_002", "doc_001"], note="known")
    outcome = apply_reviews(conflicts, ambiguous, [dismissed])
    assert outcome.conflicts == [] and outcome.ambiguous == []
    assert [(d.decision, d.note) for d in outcome.decisions] == [("DISMISS", "known")]


def test_a_conflict_with_a_claim_the_review_did_not_list_stays_open() -> None:
    conflicts, ambiguous = tied_conflict()
    outcome = apply_reviews(conflicts, ambiguous, [review("rev_1", "DISMISS", ["doc_001"])])
    assert outcome.conflicts == conflicts and outcome.ambiguous == ambiguous
    assert outcome.decisions == []


def test_a_pick_of_a_claim_outside_the_conflict_does_not_apply() -> None:
    conflicts, ambiguous = tied_conflict()
    stray = review(
        "rev_1", "PICK_VALUE", ["doc_001", "doc_002", "doc_003"], chosen_claim_id="doc_003"
    )
    outcome = apply_reviews(conflicts, ambiguous, [stray])
    assert outcome.conflicts == conflicts and outcome.decisions == []


def test_the_latest_review_wins() -> None:
    conflicts, ambiguous = tied_conflict()
    ids = ["doc_001", "doc_002"]
    may, june = datetime(2025, 5, 1, tzinfo=UTC), datetime(2025, 6, 1)
    reviews = [
        review("rev_b", "PICK_VALUE", ids, chosen_claim_id="doc_001", decided_at=may),
        review("rev_a", "DISMISS", ids, decided_at=june),
        review("rev_c", "PICK_VALUE", ids, chosen_claim_id="doc_002"),
    ]
    [decision] = apply_reviews(conflicts, ambiguous, reviews).decisions
    assert decision.review_id == "rev_a"
    same_time = [
        review("rev_2", "DISMISS", ids, decided_at=may),
        review("rev_1", "PICK_VALUE", ids, chosen_claim_id="doc_001", decided_at=may),
    ]
    [decision] = apply_reviews(conflicts, ambiguous, same_time).decisions
    assert decision.review_id == "rev_2"


def test_review_order_puts_undated_reviews_first_and_reads_naive_times_as_utc() -> None:
    undated = review("rev_z", "DISMISS", ["doc_001"])
    naive = review("rev_y", "DISMISS", ["doc_001"], decided_at=datetime(2025, 1, 1, 12))
    aware = review("rev_x", "DISMISS", ["doc_001"], decided_at=datetime(2025, 1, 1, 11, tzinfo=UTC))
    ordered = sorted([naive, aware, undated], key=review_order)
    assert [r.review_id for r in ordered] == ["rev_z", "rev_x", "rev_y"]


def test_dismiss_closes_timeline_and_contact_items_but_pick_value_does_not() -> None:
    timeline_item = item("TIMELINE", ["doc_004", "doc_005"])
    contact_item = item("CONTACT", ["doc_006", "doc_007"])
    other_item = item("CONTACT", ["doc_008", "doc_009"])
    reviews = [
        review("rev_1", "DISMISS", ["doc_004", "doc_005", "doc_006", "doc_007"]),
        review("rev_2", "PICK_VALUE", ["doc_008", "doc_009"], chosen_claim_id="doc_008"),
        review("rev_3", "SAME_PERSON", ["doc_008", "doc_009"]),
    ]
    outcome = apply_reviews([], [timeline_item, contact_item, other_item], reviews)
    assert outcome.ambiguous == [other_item]
    assert [(d.item_kind, d.review_id) for d in outcome.decisions] == [
        ("TIMELINE", "rev_1"),
        ("CONTACT", "rev_1"),
    ]
    assert outcome.decisions[0].description == "Dismissed: TIMELINE item"
