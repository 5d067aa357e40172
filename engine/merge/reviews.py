"""Applying analyst reviews to conflicts and ambiguous items (DESIGN §4, reviews).

A review names the claims it was made over (see `engine.models.reviews`). It decides an item
whose claims are all among the review's claim_ids, so an item that has gained a claim the
review did not list stays open:

- PICK_VALUE decides a conflict when its chosen claim is one of the conflict's claims.
- DISMISS decides a conflict, a TIMELINE ambiguous item, or a CONTACT ambiguous item that the
  contact resolver left open (SAME_PERSON / DIFFERENT_PERSON are the resolver's business).

A decided conflict leaves `conflicts` together with its twin CONFLICT ambiguous item (same
claims). When several reviews decide one item, the latest wins (by decided_at, undated
first, then review_id). Each decided item records one AppliedDecision.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from engine.models import AmbiguousItem, AppliedDecision, Conflict, Review
from engine.models.reviews import review_order

_APPLIED_HERE = ("PICK_VALUE", "DISMISS")


@dataclass(frozen=True)
class ReviewOutcome:
    """What is still open after the reviews, and the decisions that closed the rest."""

    conflicts: list[Conflict]
    ambiguous: list[AmbiguousItem]
    decisions: list[AppliedDecision]


class _ReviewIndex:
    """The PICK_VALUE and DISMISS reviews, latest first, findable by any claim they name."""

    def __init__(self, reviews: Sequence[Review]) -> None:
        applicable = [review for review in reviews if review.decision in _APPLIED_HERE]
        latest_first = sorted(applicable, key=review_order, reverse=True)
        self._claim_sets = [frozenset(review.claim_ids) for review in latest_first]
        self._reviews = latest_first
        self._by_claim: dict[str, list[int]] = {}
        for position, review in enumerate(latest_first):
            for claim_id in dict.fromkeys(review.claim_ids):
                self._by_claim.setdefault(claim_id, []).append(position)

    def covering(self, claim_ids: Sequence[str]) -> list[Review]:
        """Reviews, latest first, whose claim_ids include every one of `claim_ids`."""
        if not claim_ids:
            return []
        wanted = set(claim_ids)
        return [
            self._reviews[position]
            for position in self._by_claim.get(claim_ids[0], [])
            if wanted <= self._claim_sets[position]
        ]


def _conflict_decision(conflict: Conflict, index: _ReviewIndex) -> AppliedDecision | None:
    """The decision of the latest review that settles `conflict`, if any."""
    for review in index.covering(conflict.claims_involved):
        subject = f"{conflict.attribute} of {conflict.subject}"
        if review.decision == "DISMISS":
            description = f"Dismissed the conflict on {subject}"
        elif review.chosen_claim_id in conflict.values:
            chosen = review.chosen_claim_id
            description = f"Kept {chosen} ({conflict.values[chosen]}) for {subject}"
        else:
            continue
        return AppliedDecision(
            review_id=review.review_id,
            decision=review.decision,
            item_kind="CONFLICT",
            claims_involved=list(conflict.claims_involved),
            chosen_claim_id=review.chosen_claim_id,
            note=review.note,
            description=description,
        )
    return None


def _dismissal(item: AmbiguousItem, index: _ReviewIndex) -> AppliedDecision | None:
    """The latest DISMISS that settles an ambiguous item, if any."""
    for review in index.covering(item.claims_involved):
        if review.decision == "DISMISS":
            return AppliedDecision(
                review_id=review.review_id,
                decision="DISMISS",
                item_kind=item.kind,
                claims_involved=list(item.claims_involved),
                note=review.note,
                description=f"Dismissed: {item.description}",
            )
    return None


def apply_reviews(
    conflicts: Sequence[Conflict],
    ambiguous: Sequence[AmbiguousItem],
    reviews: Sequence[Review],
) -> ReviewOutcome:
    """Remove the conflicts and ambiguous items that reviews decide; record each decision."""
    index = _ReviewIndex(reviews)
    decisions: list[AppliedDecision] = []
    open_conflicts: list[Conflict] = []
    decided_claim_sets: set[frozenset[str]] = set()
    open_claim_sets: set[frozenset[str]] = set()
    for conflict in conflicts:
        decision = _conflict_decision(conflict, index)
        if decision is None:
            open_conflicts.append(conflict)
            open_claim_sets.add(frozenset(conflict.claims_involved))
        else:
            decisions.append(decision)
            decided_claim_sets.add(frozenset(conflict.claims_involved))
    open_items: list[AmbiguousItem] = []
    for item in ambiguous:
        claims = frozenset(item.claims_involved)
        if item.kind == "CONFLICT" and claims in decided_claim_sets:
            continue
        if item.kind == "CONFLICT" and claims in open_claim_sets:
            open_items.append(item)
            continue
        dismissal = _dismissal(item, index)
        if dismissal is None:
            open_items.append(item)
        else:
            decisions.append(dismissal)
    return ReviewOutcome(conflicts=open_conflicts, ambiguous=open_items, decisions=decisions)
