"""Timeline resolution (DESIGN §4): event claims become histories, announced -> revised -> actual.

Event claims (attributes the registry calls events) are grouped by (normalized subject,
attribute); a claim with no subject is about the target entity. A project's spellings share a
subject: "Eagle's Nest", "Eagles Nest", "Eagle's Nest mine" and "the Eagle's Nest project" form
one timeline (apostrophes, a leading "the" and a trailing project word do not count). Within a
group claims are read in reporting order: reported_on (undated first, as oldest), then weakest
evidence first (tier, then confidence), then claim id, so that among claims reported on the same
day the strongest holds the current projection. The first projections are ANNOUNCED; a later-
reported projection whose date differs from the current one is REVISED; an equal later
projection is a restatement and keeps the current status; a claim its source calls REVISED stays
REVISED. Claims reported on the same day (or all undated) never revise one another: they are
compared with the projection before their day, and when they disagree among themselves (and no
ACTUAL settles it) a TIMELINE ambiguous item names them. ACTUAL supersedes every projection,
wherever it sits in the order. Sources that report the event as having happened in different
periods (not one inside the other) raise a TIMELINE ambiguous item.

An event's date is its date_in_claim (month precision), else the period its value names
('Q2 2026'); `current_date` is that period's first day. A value that names no date is compared
as folded text; a claim with neither a date nor a value restates the current projection.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import groupby

from engine.merge.periods import Period, parse_period, period_of_date
from engine.merge.ranking import (
    PROVISIONAL_AMBIGUOUS_ID,
    claim_sort_key,
    display_subject,
    reported_ordinal,
    sort_claim_ids,
    strongest,
    subject_key,
)
from engine.merge.text import fold
from engine.models import (
    CONFIDENCE_RANK,
    TIER_RANK,
    AmbiguousItem,
    Claim,
    EventStatus,
    Timeline,
    TimelineEvent,
)
from engine.models.registry import is_event_attribute


@dataclass(frozen=True)
class TimelineOutcome:
    """Timelines (final ids), TIMELINE ambiguous items (provisional ids), claims used."""

    timelines: list[Timeline]
    ambiguous: list[AmbiguousItem]
    claim_ids: frozenset[str]


_PROJECT_TAIL = re.compile(r"(?:\s+(?:project|mine|site|campus|property|deposit|development))+$")


def timeline_subject_key(claim: Claim, target_entity: str) -> str:
    """The subject a timeline groups by: the subject key without apostrophes, a leading
    'the' or a trailing project word ("Eagle's Nest mine" == "Eagles Nest")."""
    key = subject_key(claim, target_entity)
    bare = re.sub(r"['’]", "", key).removeprefix("the ")
    bare = _PROJECT_TAIL.sub("", " ".join(bare.split()))
    return bare or key


def event_period(claim: Claim) -> Period | None:
    """The period an event claim dates the event to: date_in_claim, else its value."""
    if claim.date_in_claim is not None:
        return period_of_date(claim.date_in_claim)
    if claim.value is not None:
        return parse_period(claim.value)
    return None


def projection_key(claim: Claim) -> str | None:
    """What two projections compare by: the period key, else the folded value, else None."""
    period = event_period(claim)
    if period is not None:
        return period.key
    if claim.value is not None and fold(claim.value):
        return f"text:{fold(claim.value)}"
    return None


def reporting_order(claim: Claim) -> tuple[int, int, int, tuple[str, int, str]]:
    """Sort key of a timeline's history: reported_on (undated first), weakest first, claim id."""
    return (
        reported_ordinal(claim),
        TIER_RANK[claim.source_tier],
        CONFIDENCE_RANK[claim.confidence],
        claim_sort_key(claim.claim_id),
    )


def _statuses(
    ordered: Sequence[Claim],
) -> tuple[list[EventStatus], Claim | None, EventStatus | None]:
    """Status of each claim in reporting order, the current claim and the current status.

    Claims reported on one day are each compared with the projection current before that day;
    the last of them with a projection (the strongest) becomes current.
    """
    statuses: list[EventStatus] = []
    current_key: str | None = None
    current_status: EventStatus | None = None
    current: Claim | None = None
    for _, same_day in groupby(ordered, key=reported_ordinal):
        before_key, before_status = current_key, current_status
        for claim in same_day:
            if claim.event_status == EventStatus.ACTUAL:
                statuses.append(EventStatus.ACTUAL)
                continue
            key = projection_key(claim)
            if claim.event_status == EventStatus.REVISED:
                status = EventStatus.REVISED
            elif before_status is None:
                status = EventStatus.ANNOUNCED
            elif key is not None and before_key is not None and key != before_key:
                status = EventStatus.REVISED
            else:
                status = before_status
            statuses.append(status)
            if key is not None:
                current, current_key, current_status = claim, key, status
            elif current is None:
                current, current_status = claim, status
    return statuses, current, current_status


def _tied_projections(ordered: Sequence[Claim]) -> list[dict[str, list[str]]]:
    """Claim ids by projection key, for each reporting day whose projections differ."""
    tied: list[dict[str, list[str]]] = []
    for _, same_day in groupby(ordered, key=reported_ordinal):
        by_key: dict[str, list[str]] = {}
        for claim in same_day:
            key = projection_key(claim)
            if key is not None and claim.event_status != EventStatus.ACTUAL:
                by_key.setdefault(key, []).append(claim.claim_id)
        if len(by_key) > 1:
            tied.append(by_key)
    return tied


def _disagreeing_actuals(actuals: Sequence[Claim]) -> dict[str, list[str]]:
    """Actual dates by period key when they disagree (not all nested); else empty."""
    by_key: dict[str, list[str]] = {}
    periods: dict[str, Period] = {}
    for claim in actuals:
        period = event_period(claim)
        if period is not None:
            periods[period.key] = period
            by_key.setdefault(period.key, []).append(claim.claim_id)
    chain = sorted(periods.values(), key=lambda p: (p.start - p.end, p.start, p.key))
    nested = all(outer.contains(inner) for outer, inner in zip(chain, chain[1:], strict=False))
    return {} if nested else by_key


def _event_value(claim: Claim) -> str:
    """What the history shows: the value as stated, else the date, else the statement."""
    if claim.value is not None and claim.value.strip():
        return claim.value
    if claim.date_in_claim is not None:
        return claim.date_in_claim.isoformat()
    return claim.statement


def _timeline_ambiguity(
    subject: str, attribute: str, by_key: dict[str, list[str]], *, actual: bool
) -> AmbiguousItem:
    claim_ids = sort_claim_ids(cid for ids in by_key.values() for cid in ids)
    options = [f"{key} ({', '.join(sort_claim_ids(ids))})" for key, ids in sorted(by_key.items())]
    if actual:
        description = f"{attribute} of {subject}: {len(by_key)} different actual dates reported"
        reason = "sources report the event as having happened at different times"
    else:
        description = (
            f"{attribute} of {subject}: {len(by_key)} different projections reported together"
        )
        reason = "sources reported on the same day (or undated) project different dates"
    return AmbiguousItem(
        ambiguous_id=PROVISIONAL_AMBIGUOUS_ID,
        kind="TIMELINE",
        description=description,
        claims_involved=claim_ids,
        options=options,
        reason=reason,
    )


def _build(
    timeline_id: str, subject: str, attribute: str, members: Sequence[Claim]
) -> tuple[Timeline, list[AmbiguousItem]]:
    ordered = sorted(members, key=reporting_order)
    statuses, current, last_status = _statuses(ordered)
    actuals = [claim for claim in ordered if claim.event_status == EventStatus.ACTUAL]
    ambiguities: list[AmbiguousItem] = []
    if actuals:
        current_status = EventStatus.ACTUAL
        period = event_period(strongest(actuals))
        disagreeing = _disagreeing_actuals(actuals)
        if disagreeing:
            ambiguities.append(_timeline_ambiguity(subject, attribute, disagreeing, actual=True))
    else:
        current_status = last_status if last_status is not None else statuses[-1]
        period = event_period(current) if current is not None else None
        ambiguities.extend(
            _timeline_ambiguity(subject, attribute, by_key, actual=False)
            for by_key in _tied_projections(ordered)
        )
    history = [
        TimelineEvent(
            date_reported=claim.reported_on,
            status=status,
            value=_event_value(claim),
            claim_id=claim.claim_id,
        )
        for claim, status in zip(ordered, statuses, strict=True)
    ]
    timeline = Timeline(
        timeline_id=timeline_id,
        subject=subject,
        attribute=attribute,
        current_status=current_status,
        current_date=period.start if period is not None else None,
        history=history,
    )
    return timeline, ambiguities


def resolve_timelines(claims: Sequence[Claim], *, target_entity: str) -> TimelineOutcome:
    """Build one timeline per (subject, event attribute) from the event claims."""
    groups: dict[tuple[str, str], list[Claim]] = {}
    for claim in claims:
        if claim.attribute is not None and is_event_attribute(claim.attribute):
            key = (timeline_subject_key(claim, target_entity), claim.attribute)
            groups.setdefault(key, []).append(claim)
    timelines: list[Timeline] = []
    ambiguous: list[AmbiguousItem] = []
    for index, key in enumerate(sorted(groups), start=1):
        members = groups[key]
        subject = display_subject(members, target_entity)
        timeline, ambiguities = _build(f"timeline_{index:03d}", subject, key[1], members)
        timelines.append(timeline)
        ambiguous.extend(ambiguities)
    used = frozenset(claim.claim_id for members in groups.values() for claim in members)
    return TimelineOutcome(timelines=timelines, ambiguous=ambiguous, claim_ids=used)
