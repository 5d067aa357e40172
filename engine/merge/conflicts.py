"""Conflict detection (DESIGN §4): different values of a single-valued attribute for one subject.

Claims of single-valued registry attributes are grouped by (normalized subject, attribute);
a claim with no subject is about the target entity. Values compare by `normalize_value`, so
'$1.2 billion' and 'USD 1,200 million' agree. Two or more distinct values make a conflict
over every claim of the group, including claims that agree with each other. Multi-valued and
unknown attributes never conflict; claims without a value take no part.

Recommendation: the strongest claim of each value group is compared by tier, then confidence,
then the most recent reported_on. When the two strongest groups tie on tier and confidence and
no date tells them apart (a date is missing or the dates are equal) there is no recommendation,
and a CONFLICT ambiguous item over the same claims asks a human.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from engine.merge.ranking import (
    PROVISIONAL_AMBIGUOUS_ID,
    RESOLUTION_LOGIC,
    display_subject,
    sort_claim_ids,
    strength_key,
    strongest,
    subject_key,
)
from engine.merge.values import normalize_value
from engine.models import AmbiguousItem, Claim, Conflict
from engine.models.registry import NUMERIC_ATTRIBUTES, attribute_kind


@dataclass(frozen=True)
class ConflictOutcome:
    """Conflicts (final ids) and their CONFLICT ambiguous items (provisional ids)."""

    conflicts: list[Conflict]
    ambiguous: list[AmbiguousItem]


@dataclass(frozen=True)
class _ValueGroup:
    """Claims that state one normalized value; `best` is the strongest of them."""

    key: str
    claims: list[Claim]
    best: Claim


def _decide(first: Claim, second: Claim) -> str | None:
    """Why `first` beats `second`, or None when tier, confidence and dates cannot tell."""
    if first.source_tier != second.source_tier:
        return f"{first.source_tier} source (over {second.source_tier})"
    if first.confidence != second.confidence:
        return f"{first.confidence} confidence (over {second.confidence})"
    if first.reported_on is None or second.reported_on is None:
        return None
    if first.reported_on != second.reported_on:
        return f"most recent report ({first.reported_on.isoformat()})"
    return None


def _no_recommendation_reason(first: Claim, second: Claim) -> str:
    """Why two strongest claims of different values cannot be ranked."""
    if first.reported_on is None and second.reported_on is None:
        dates = "neither has a report date"
    elif first.reported_on is None or second.reported_on is None:
        undated = first if first.reported_on is None else second
        dates = f"{undated.claim_id} has no report date"
    else:
        dates = f"both were reported on {first.reported_on.isoformat()}"
    return (
        f"{first.claim_id} and {second.claim_id} have the same tier ({first.source_tier}) "
        f"and confidence ({first.confidence}), and {dates}"
    )


def _value_groups(attribute: str, members: Sequence[Claim]) -> list[_ValueGroup]:
    """Members grouped by normalized value, strongest group first."""
    by_key: dict[str, list[Claim]] = {}
    for claim in members:
        by_key.setdefault(normalize_value(attribute, claim.value or ""), []).append(claim)
    groups = [_ValueGroup(key, claims, strongest(claims)) for key, claims in by_key.items()]
    return sorted(groups, key=lambda group: strength_key(group.best))


def _build(
    conflict_id: str, subject: str, attribute: str, groups: Sequence[_ValueGroup]
) -> tuple[Conflict, AmbiguousItem | None]:
    claims = [claim for group in groups for claim in group.claims]
    claim_ids = sort_claim_ids(claim.claim_id for claim in claims)
    by_id = {claim.claim_id: claim for claim in claims}
    values = {cid: by_id[cid].value or "" for cid in claim_ids}
    first, second = groups[0].best, groups[1].best
    reason = _decide(first, second)
    ambiguity = None
    if reason is not None:
        recommendation = f"Prefer {first.claim_id} ({first.value}): {reason}"
        recommended: str | None = first.claim_id
    else:
        why = _no_recommendation_reason(first, second)
        recommendation = f"No recommendation: {why}"
        recommended = None
        ambiguity = AmbiguousItem(
            ambiguous_id=PROVISIONAL_AMBIGUOUS_ID,
            kind="CONFLICT",
            description=f"{attribute} of {subject}: {len(groups)} different values, none preferred",
            claims_involved=claim_ids,
            options=[_option(group) for group in groups],
            reason=why,
        )
    conflict = Conflict(
        conflict_id=conflict_id,
        type="METRIC" if attribute in NUMERIC_ATTRIBUTES else "ATTRIBUTE",
        subject=subject,
        attribute=attribute,
        description=f"{attribute} of {subject}: {len(groups)} different values",
        claims_involved=claim_ids,
        values=values,
        recommendation=recommendation,
        recommended_claim_id=recommended,
        resolution_logic=RESOLUTION_LOGIC,
    )
    return conflict, ambiguity


def _option(group: _ValueGroup) -> str:
    """One choice of an ambiguous conflict: the value as its strongest claim states it."""
    ids = ", ".join(sort_claim_ids(claim.claim_id for claim in group.claims))
    return f"{group.best.value} ({ids})"


def is_conflict_candidate(claim: Claim) -> bool:
    """True for a claim with a non-empty value of a single-valued attribute."""
    return (
        claim.attribute is not None
        and claim.value is not None
        and attribute_kind(claim.attribute) == "single"
        and normalize_value(claim.attribute, claim.value) != ""
    )


def detect_conflicts(claims: Sequence[Claim], *, target_entity: str) -> ConflictOutcome:
    """Find every single-valued attribute with two or more values for one subject."""
    subjects: dict[tuple[str, str], list[Claim]] = {}
    for claim in claims:
        if is_conflict_candidate(claim):
            key = (subject_key(claim, target_entity), claim.attribute or "")
            subjects.setdefault(key, []).append(claim)
    conflicts: list[Conflict] = []
    ambiguous: list[AmbiguousItem] = []
    for key in sorted(subjects):
        members = subjects[key]
        groups = _value_groups(key[1], members)
        if len(groups) < 2:
            continue
        subject = display_subject(members, target_entity)
        conflict_id = f"conflict_{len(conflicts) + 1:03d}"
        conflict, ambiguity = _build(conflict_id, subject, key[1], groups)
        conflicts.append(conflict)
        if ambiguity is not None:
            ambiguous.append(ambiguity)
    return ConflictOutcome(conflicts=conflicts, ambiguous=ambiguous)


def renumber_conflicts(conflicts: Sequence[Conflict]) -> list[Conflict]:
    """The same conflicts numbered conflict_001.. in their current order."""
    return [
        conflict.model_copy(update={"conflict_id": f"conflict_{index:03d}"})
        for index, conflict in enumerate(conflicts, start=1)
    ]
