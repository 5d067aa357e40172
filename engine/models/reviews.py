"""Analyst reviews: decisions on merge items, stored and applied on the next merge.

A review names the claims it was made over, so it stays meaningful across re-merges
(merge item ids such as conflict_001 are renumbered; claim ids are not):

- PICK_VALUE: of the conflict whose claims are all in `claim_ids`, keep `chosen_claim_id`'s value.
- DISMISS: the conflict or ambiguous item whose claims are all in `claim_ids` needs no action.
- SAME_PERSON: the people named by these claims are one contact (a must-link).
- DIFFERENT_PERSON: the people named by these claims are distinct contacts (a cannot-link).

A conflict that gains a claim the review did not see is open again: the analyst decides anew.
When two reviews decide the same item, the later one wins (`review_order`).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

ReviewDecision = Literal["PICK_VALUE", "DISMISS", "SAME_PERSON", "DIFFERENT_PERSON"]


class Review(BaseModel):
    """One analyst decision over a set of claims."""

    model_config = ConfigDict(extra="forbid")

    review_id: str = Field(min_length=1)
    decision: ReviewDecision
    claim_ids: list[str] = Field(min_length=1)
    chosen_claim_id: str | None = None
    note: str = ""
    decided_by: str | None = None
    decided_at: datetime | None = None

    @model_validator(mode="after")
    def _decision_has_what_it_needs(self) -> Review:
        if self.decision == "PICK_VALUE":
            if self.chosen_claim_id is None:
                raise ValueError("PICK_VALUE needs chosen_claim_id")
            if self.chosen_claim_id not in self.claim_ids:
                raise ValueError(f"chosen_claim_id {self.chosen_claim_id!r} is not among claim_ids")
        elif self.chosen_claim_id is not None:
            raise ValueError(f"{self.decision} takes no chosen_claim_id")
        if self.decision in ("SAME_PERSON", "DIFFERENT_PERSON") and len(set(self.claim_ids)) < 2:
            raise ValueError(f"{self.decision} needs at least two claim_ids")
        return self


def review_order(review: Review) -> tuple[bool, float, str]:
    """Chronological sort key: undated reviews first, then decided_at (naive = UTC), then id."""
    if review.decided_at is None:
        return (False, 0.0, review.review_id)
    moment = review.decided_at
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return (True, moment.timestamp(), review.review_id)
