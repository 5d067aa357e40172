"""The merge of step 07B: every claim of a run reconciled into one MergeResult (DESIGN §4).

`merge_claims` is pure and deterministic: the same claims in any order, the same reviews and
the same `now` give an identical result, ids included. It resolves contacts, builds
timelines, detects conflicts, applies analyst reviews, numbers every ambiguous item, and
passes through the claims that none of those used, so that no claim is lost.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime

from engine.merge.conflicts import detect_conflicts, renumber_conflicts
from engine.merge.contacts import accept_dismissed, resolve_contacts
from engine.merge.ranking import claim_sort_key, sort_claim_ids
from engine.merge.reviews import apply_reviews
from engine.merge.timelines import resolve_timelines
from engine.models import AmbiguousItem, Claim, InvalidInput, MergeResult, MergeSummary, Review


def _check_unique_ids(claims: Sequence[Claim]) -> None:
    """Raise InvalidInput naming the first claim id that appears twice."""
    seen: set[str] = set()
    for index, claim in enumerate(claims):
        if claim.claim_id in seen:
            raise InvalidInput(
                f"claim {claim.claim_id!r} (#{index}): field 'claim_id': duplicate claim id"
            )
        seen.add(claim.claim_id)


def _timestamp(now: datetime | None) -> datetime:
    """The reconciliation time in UTC (a naive `now` is taken as UTC)."""
    if now is None:
        return datetime.now(UTC)
    if now.tzinfo is None:
        return now.replace(tzinfo=UTC)
    return now.astimezone(UTC)


def _ambiguous_order(item: AmbiguousItem) -> tuple[str, list[tuple[str, int, str]], str]:
    """Sort key of ambiguous items: kind, then the claims involved, then the description."""
    return (item.kind, [claim_sort_key(cid) for cid in item.claims_involved], item.description)


def number_ambiguous(items: Iterable[AmbiguousItem]) -> list[AmbiguousItem]:
    """All ambiguous items in a deterministic order, numbered ambiguous_001.."""
    return [
        item.model_copy(update={"ambiguous_id": f"ambiguous_{index:03d}"})
        for index, item in enumerate(sorted(items, key=_ambiguous_order), start=1)
    ]


def merge_claims(
    claims: Sequence[Claim],
    *,
    target_entity: str,
    reviews: Sequence[Review] = (),
    now: datetime | None = None,
) -> MergeResult:
    """Reconcile claims into contacts, timelines, conflicts, ambiguous items and pass-through."""
    _check_unique_ids(claims)
    ordered = sorted(claims, key=lambda claim: claim_sort_key(claim.claim_id))
    contact_outcome = resolve_contacts(ordered, reviews, target=target_entity)
    timeline_outcome = resolve_timelines(ordered, target_entity=target_entity)
    conflict_outcome = detect_conflicts(ordered, target_entity=target_entity)
    pending = number_ambiguous(
        [*contact_outcome.ambiguous, *timeline_outcome.ambiguous, *conflict_outcome.ambiguous]
    )
    reviewed = apply_reviews(conflict_outcome.conflicts, pending, reviews)
    conflicts = renumber_conflicts(reviewed.conflicts)
    ambiguous = number_ambiguous(reviewed.ambiguous)
    contacts = accept_dismissed(contact_outcome.contacts, ambiguous, ordered)

    used: set[str] = set(contact_outcome.claim_ids)
    used.update(cid for contact in contacts for cid in contact.evidence_claims)
    used.update(timeline_outcome.claim_ids)
    used.update(cid for conflict in conflicts for cid in conflict.claims_involved)
    used.update(cid for item in ambiguous for cid in item.claims_involved)
    pass_through = sort_claim_ids(claim.claim_id for claim in ordered if claim.claim_id not in used)

    summary = MergeSummary(
        total_claims=len(ordered),
        contacts_resolved=len(contacts),
        timelines_resolved=len(timeline_outcome.timelines),
        conflicts_found=len(conflicts),
        ambiguous_items=len(ambiguous),
        passed_through=len(pass_through),
    )
    return MergeResult(
        reconciliation_timestamp=_timestamp(now),
        target_entity=target_entity,
        summary=summary,
        contacts_resolved=contacts,
        timelines_resolved=timeline_outcome.timelines,
        conflicts=conflicts,
        ambiguous=ambiguous,
        pass_through=pass_through,
        decisions=[*contact_outcome.decisions, *reviewed.decisions],
    )
