"""Reviews carry what their decision needs, and nothing it does not."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from engine.models import Review


def test_pick_value_needs_a_chosen_claim_among_its_claims() -> None:
    review = Review(
        review_id="rev-1",
        decision="PICK_VALUE",
        claim_ids=["a_001", "b_001"],
        chosen_claim_id="a_001",
    )
    assert review.chosen_claim_id == "a_001"
    with pytest.raises(ValidationError, match="needs chosen_claim_id"):
        Review(review_id="rev-2", decision="PICK_VALUE", claim_ids=["a_001", "b_001"])
    with pytest.raises(ValidationError, match="not among claim_ids"):
        Review(
            review_id="rev-3",
            decision="PICK_VALUE",
            claim_ids=["a_001", "b_001"],
            chosen_claim_id="c_001",
        )


def test_person_decisions_need_two_claims_and_no_chosen_claim() -> None:
    with pytest.raises(ValidationError, match="at least two claim_ids"):
        Review(review_id="rev-4", decision="SAME_PERSON", claim_ids=["a_001", "a_001"])
    with pytest.raises(ValidationError, match="takes no chosen_claim_id"):
        Review(
            review_id="rev-5",
            decision="DIFFERENT_PERSON",
            claim_ids=["a_001", "b_001"],
            chosen_claim_id="a_001",
        )


def test_unknown_decision_and_extra_fields_are_rejected() -> None:
    with pytest.raises(ValidationError):
        Review.model_validate({"review_id": "r", "decision": "MAYBE", "claim_ids": ["a_001"]})
    with pytest.raises(ValidationError):
        Review.model_validate(
            {"review_id": "r", "decision": "DISMISS", "claim_ids": ["a_001"], "why": "x"}
        )
