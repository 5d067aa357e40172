"""Conflict detection (DESIGN §4): different values of a single-valued attribute for one subject.

Claims of single-valued registry attributes are grouped by (normalized subject, attribute,
scope); a claim with no subject is about the target entity. Values compare by
`normalize_value`, so '$1.2 billion' and 'USD 1,200 million' agree. Two or more distinct values
make a conflict over every claim of the group, including claims that agree with each other.
Multi-valued and unknown attributes never conflict; claims without a value take no part.
Values of different scopes ("initial" vs "potential" capacity, Phase I vs the whole) are never
compared, and a place that only adds detail to another ("Perth" vs "Australia") agrees with
it: the detailed value stands for both (conflict_kinds.py, places.py).

Each conflict has a kind (conflict_kinds.conflict_kind). A REVISION (an older estimate
superseded by a newer report) recommends the newest report and lists its values oldest first.
A DISAGREEMENT compares the strongest claim of each value group by tier, then the number of
independent origins (a republished story counts once), then confidence, then the most recent
reported_on. When the two strongest groups tie on all of them (a date missing or equal) there
is no recommendation, and a CONFLICT ambiguous item over the same claims asks a human.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from engine.merge.conflict_kinds import (
    by_report_date,
    conflict_kind,
    count_origins,
    disagreement_rank,
    value_scope,
)
from engine.merge.places import detail_rank, refines
from engine.merge.ranking import (
    PROVISIONAL_AMBIGUOUS_ID,
    RESOLUTION_LOGIC,
    display_subject,
    sort_claim_ids,
    strength_key,
    strongest,
    subject_key,
)
from engine.merge.values import normalize_value, value_kind
from engine.models import AmbiguousItem, Claim, Conflict
from engine.models.merge import ConflictKind
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

    @cached_property
    def origins(self) -> int:
        """Independent origins among the group's claims (counted once, on first use)."""
        return count_origins(self.claims)


def _decide(first: _ValueGroup, second: _ValueGroup) -> str | None:
    """Why `first` beats `second` in a disagreement, or None when nothing tells them apart."""
    best, other = first.best, second.best
    if best.source_tier != other.source_tier:
        return f"{best.source_tier} source (over {other.source_tier})"
    origins, other_origins = first.origins, second.origins
    if origins != other_origins:
        return f"{origins} independent origins (over {other_origins})"
    if best.confidence != other.confidence:
        return f"{best.confidence} confidence (over {other.confidence})"
    if best.reported_on is None or other.reported_on is None:
        return None
    newest = max(c.reported_on for c in first.claims if c.reported_on is not None)
    other_newest = max(c.reported_on for c in second.claims if c.reported_on is not None)
    if newest != other_newest:
        return f"most recent report ({newest.isoformat()})"
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
    """Members grouped by normalized value, strongest group first (places merged by detail)."""
    by_key: dict[str, list[Claim]] = {}
    for claim in members:
        by_key.setdefault(normalize_value(attribute, claim.value or ""), []).append(claim)
    groups = [_ValueGroup(key, claims, strongest(claims)) for key, claims in by_key.items()]
    if value_kind(attribute) == "place" and len(groups) > 1:
        groups = _merge_refinements(groups)
    return sorted(groups, key=lambda group: strength_key(group.best))


def _merge_refinements(groups: list[_ValueGroup]) -> list[_ValueGroup]:
    """Place groups with each vaguer value folded into the most detailed value refining it."""
    ordered = sorted(groups, key=lambda g: (-detail_rank(g.best.value or ""), g.key))
    kept: list[_ValueGroup] = []
    for group in ordered:
        value = group.best.value or ""
        into = next((k for k in kept if refines(k.best.value or "", value)), None)
        if into is None:
            kept.append(group)
            continue
        claims = [*into.claims, *group.claims]
        kept[kept.index(into)] = _ValueGroup(into.key, claims, into.best)
    return kept


def _ranked(
    attribute: str, groups: Sequence[_ValueGroup]
) -> tuple[ConflictKind, list[_ValueGroup]]:
    """The conflict's kind and its groups, the recommended candidate first."""
    kind, newest = conflict_kind(attribute, [group.claims for group in groups])
    if kind == "REVISION" and newest is not None:
        return kind, [groups[newest], *(g for i, g in enumerate(groups) if i != newest)]
    return kind, sorted(
        groups, key=lambda g: (disagreement_rank(g.claims, g.best, g.origins), g.key)
    )


def _build(
    conflict_id: str, subject: str, attribute: str, unranked: Sequence[_ValueGroup]
) -> tuple[Conflict, AmbiguousItem | None]:
    kind, groups = _ranked(attribute, unranked)
    claims = [claim for group in groups for claim in group.claims]
    claim_ids = sort_claim_ids(claim.claim_id for claim in claims)
    by_id = {claim.claim_id: claim for claim in claims}
    if kind == "REVISION":
        order = [claim.claim_id for claim in by_report_date([by_id[cid] for cid in claim_ids])]
    else:
        order = claim_ids
    values = {cid: by_id[cid].value or "" for cid in order}
    ambiguity = None
    if kind == "REVISION":
        newest = min(groups[0].claims, key=_newest_first)
        when = newest.reported_on.isoformat() if newest.reported_on else "undated"
        recommendation = (
            f"Prefer {newest.claim_id} ({newest.value}): the newest report ({when}) "
            "supersedes the earlier estimates"
        )
        recommended: str | None = newest.claim_id
    elif (reason := _decide(groups[0], groups[1])) is not None:
        first = groups[0].best
        recommendation = f"Prefer {first.claim_id} ({first.value}): {reason}"
        recommended = first.claim_id
    else:
        why = _no_recommendation_reason(groups[0].best, groups[1].best)
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
    how = ", revised over time" if kind == "REVISION" else ""
    conflict = Conflict(
        conflict_id=conflict_id,
        type="METRIC" if attribute in NUMERIC_ATTRIBUTES else "ATTRIBUTE",
        conflict_kind=kind,
        subject=subject,
        attribute=attribute,
        description=f"{attribute} of {subject}: {len(groups)} different values{how}",
        claims_involved=claim_ids,
        values=values,
        recommendation=recommendation,
        recommended_claim_id=recommended,
        resolution_logic=RESOLUTION_LOGIC,
    )
    return conflict, ambiguity


def _newest_first(claim: Claim) -> tuple[int, tuple[int, int, int, tuple[str, int, str]]]:
    """Sort key: the most recent report first, then the strongest claim."""
    return (-(claim.reported_on or date.min).toordinal(), strength_key(claim))


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
    subjects: dict[tuple[str, str, str], list[Claim]] = {}
    for claim in claims:
        if is_conflict_candidate(claim):
            scope = value_scope(claim.value or "")
            key = (subject_key(claim, target_entity), claim.attribute or "", scope)
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
