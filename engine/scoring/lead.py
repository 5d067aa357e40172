"""The lead score (0-100) and timing urgency of a dossier, from SIGNAL claims and timelines.

Each piece of evidence gets a strength `s` in [0, 0.9]:
- a SIGNAL claim: 0.9 x tier weight x confidence weight x recency, where recency halves every
  180 days of age. The age is counted from the most recent of `date_in_claim` and `reported_on`
  that is not after `today`; a claim with neither (or only future dates) has unknown age and
  recency 0.5.
- a timeline with a `current_date` (a milestone): 0.9 x the evidence weight of its best claim x
  nearness. An upcoming milestone's nearness halves every 365 days until it; an ACTUAL event in
  the past stays "active" with a weight that halves every 180 days since; a projection whose date
  has passed without an ACTUAL report counts half as much as an ACTUAL one.

The score is `round(100 x (1 - prod(1 - s)))`, computed as a sum of logs with `math.fsum` so that it
does not depend on the order of the evidence. Each factor is monotonic, so a stronger, fresher or
additional signal never lowers the score. Components report each item's marginal points, taken
strongest first, which add up to the unrounded score.

Timing urgency: HOT when the next milestone is within 183 days, a strong signal (tier x
confidence weight >= 0.6) is at most 30 days old, or an ACTUAL event happened in the last 30 days;
WARM for 365 days / 90 days / 90 days, or when a projected milestone's date passed within the
last 183 days with no ACTUAL report (overdue: the decision may be imminent or slipping); else COLD.
Given the client, its buying window (window.py: camps before construction starts, electrical
work during construction, ...) decides the level instead of the next milestone alone (a fresh
strong signal may still raise it), and the reason names the window and the milestone or signal.
"""

from __future__ import annotations

import calendar
import math
from collections.abc import Sequence
from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict

from engine.models.claims import Claim, ClaimType, Confidence, EventStatus, SourceTier
from engine.models.client import Client
from engine.models.merge import Timeline
from engine.scoring.evidence import CONFIDENCE_WEIGHT, TIER_WEIGHT, evidence_weight, signal_kind
from engine.scoring.window import client_window, window_urgency

TimingUrgency = Literal["HOT", "WARM", "COLD"]

MAX_STRENGTH = 0.9
SIGNAL_HALF_LIFE_DAYS = 180.0
MILESTONE_HALF_LIFE_DAYS = 365.0
ACTIVE_HALF_LIFE_DAYS = 180.0
UNKNOWN_AGE_RECENCY = 0.5
PASSED_PROJECTION_FACTOR = 0.5
# Evidence weight of a timeline none of whose claims were given (a NEWS, MEDIUM report).
UNKNOWN_TIMELINE_WEIGHT = TIER_WEIGHT[SourceTier.NEWS] * CONFIDENCE_WEIGHT[Confidence.MEDIUM]
STRONG_SIGNAL_WEIGHT = 0.6
HOT_MILESTONE_DAYS, WARM_MILESTONE_DAYS = 183, 365
HOT_SIGNAL_DAYS, WARM_SIGNAL_DAYS = 30, 90
# A projected milestone whose date passed this recently, with no ACTUAL report, may be imminent.
OVERDUE_WARM_DAYS = 183


class ScoreComponent(BaseModel):
    """One piece of evidence in the score: a signal claim or a timeline milestone."""

    model_config = ConfigDict(extra="forbid")

    ref_id: str
    kind: Literal["signal", "milestone"]
    strength: float
    contribution: float
    detail: str


class LeadScore(BaseModel):
    """The score, its timing urgency and the evidence behind both."""

    model_config = ConfigDict(extra="forbid")

    score: int
    timing_urgency: TimingUrgency
    urgency_reason: str
    explanation: str
    components: list[ScoreComponent]
    primary_signal_id: str | None = None
    as_of: date | None = None  # the day the score was taken: writers tell overdue plans by it


def month_label(day: date) -> str:
    """'March 2026' for 2026-03-01: event dates are known to the month."""
    return f"{calendar.month_name[day.month]} {day.year}"


def relative_days(days: int) -> str:
    """'in 3 months', '12 days ago', 'today' for a signed number of days from today."""
    if days == 0:
        return "today"
    span = abs(days)
    if span < 45:
        unit = f"{span} day" + ("s" if span != 1 else "")
    else:
        months = round(span / 30.44)
        unit = f"{months} months"
    return f"in {unit}" if days > 0 else f"{unit} ago"


def decay(days: float, half_life_days: float) -> float:
    """0.5 ** (days / half_life_days): 1.0 at 0 days, halving every half-life."""
    return math.pow(0.5, days / half_life_days)


def signal_age_days(claim: Claim, *, today: date) -> int | None:
    """Days since the most recent of the claim's dates that is not after today (None: unknown)."""
    past = [d for d in (claim.date_in_claim, claim.reported_on) if d is not None and d <= today]
    return (today - max(past)).days if past else None


def signal_strength(claim: Claim, *, today: date) -> float:
    """Strength in [0, 0.9] of one SIGNAL claim: tier x confidence x recency."""
    age = signal_age_days(claim, today=today)
    recency = UNKNOWN_AGE_RECENCY if age is None else decay(age, SIGNAL_HALF_LIFE_DAYS)
    return MAX_STRENGTH * evidence_weight(claim) * recency


def _timeline_weight(timeline: Timeline, claims_by_id: dict[str, Claim]) -> float:
    weights = [
        evidence_weight(claims_by_id[event.claim_id])
        for event in timeline.history
        if event.claim_id in claims_by_id
    ]
    return max(weights, default=UNKNOWN_TIMELINE_WEIGHT)


def milestone_strength(timeline: Timeline, claims_by_id: dict[str, Claim], *, today: date) -> float:
    """Strength in [0, 0.9] of a timeline: its best evidence x nearness of its current date."""
    if timeline.current_date is None:
        return 0.0
    days = (timeline.current_date - today).days
    if days >= 0:
        nearness = decay(days, MILESTONE_HALF_LIFE_DAYS)
    else:
        nearness = decay(-days, ACTIVE_HALF_LIFE_DAYS)
        if timeline.current_status is not EventStatus.ACTUAL:
            nearness *= PASSED_PROJECTION_FACTOR
    return MAX_STRENGTH * _timeline_weight(timeline, claims_by_id) * nearness


def combine(strengths: Sequence[float]) -> int:
    """round(100 x (1 - prod(1 - s))), order-independent, each s clamped to [0, 0.9]."""
    log_rest = math.fsum(math.log1p(-min(max(s, 0.0), MAX_STRENGTH)) for s in strengths)
    return math.floor(100.0 * (1.0 - math.exp(log_rest)) + 0.5)


_Evidence = tuple[str, Literal["signal", "milestone"], float, str]


def _evidence(
    claims: Sequence[Claim], timelines: Sequence[Timeline], today: date
) -> list[_Evidence]:
    """(ref_id, kind, strength, detail) for every signal and dated timeline, strongest first."""
    claims_by_id = {claim.claim_id: claim for claim in claims}
    raw: list[_Evidence] = []
    for claim in claims:
        if claim.claim_type is ClaimType.SIGNAL:
            age = signal_age_days(claim, today=today)
            when = "undated" if age is None else f"{age} days old"
            detail = (
                f"{signal_kind(claim)} signal, {claim.source_tier.value}/"
                f"{claim.confidence.value}, {when}"
            )
            raw.append((claim.claim_id, "signal", signal_strength(claim, today=today), detail))
    for timeline in timelines:
        strength = milestone_strength(timeline, claims_by_id, today=today)
        if strength > 0 and timeline.current_date is not None:
            days = (timeline.current_date - today).days
            detail = (
                f"{timeline.attribute} {timeline.current_status.value} "
                f"{month_label(timeline.current_date)} ({relative_days(days)})"
            )
            raw.append((timeline.timeline_id, "milestone", strength, detail))
    raw.sort(key=lambda item: (-item[2], item[0]))
    return raw


def _components(evidence: list[_Evidence]) -> list[ScoreComponent]:
    components: list[ScoreComponent] = []
    remaining = 1.0
    for ref_id, kind, strength, detail in evidence:
        points = 100.0 * remaining * strength
        remaining *= 1.0 - strength
        components.append(
            ScoreComponent(
                ref_id=ref_id,
                kind=kind,
                strength=round(strength, 4),
                contribution=round(points, 1),
                detail=detail,
            )
        )
    return components


def _urgency(
    claims: Sequence[Claim], timelines: Sequence[Timeline], today: date
) -> tuple[TimingUrgency, str, bool]:
    """The urgency from milestones and signals, its reason, and whether a signal decided it."""
    upcoming = sorted(
        (t for t in timelines if t.current_date is not None and t.current_date >= today),
        key=lambda t: (t.current_date or today, t.timeline_id),
    )
    happened = sorted(
        (
            t
            for t in timelines
            if t.current_status is EventStatus.ACTUAL
            and t.current_date is not None
            and t.current_date < today
        ),
        key=lambda t: (-(t.current_date or today).toordinal(), t.timeline_id),
    )
    overdue = sorted(
        (
            t
            for t in timelines
            if t.current_status is not EventStatus.ACTUAL
            and t.current_date is not None
            and 0 < (today - t.current_date).days <= OVERDUE_WARM_DAYS
        ),
        key=lambda t: (-(t.current_date or today).toordinal(), t.timeline_id),
    )
    dated_signals = sorted(
        (age, claim.claim_id, claim)
        for claim in claims
        if claim.claim_type is ClaimType.SIGNAL
        and (age := signal_age_days(claim, today=today)) is not None
    )
    strong = [item for item in dated_signals if evidence_weight(item[2]) >= STRONG_SIGNAL_WEIGHT]

    def milestone_reason(level: str, timeline: Timeline, lead: str = "", verb: str = "") -> str:
        """'HOT - construction_start March 2026 (in 3 months)'."""
        when = timeline.current_date or today
        return (
            f"{level} - {lead}{timeline.attribute}{verb} {month_label(when)} "
            f"({relative_days((when - today).days)})"
        )

    def signal_reason(level: str, age: int, claim: Claim, lead: str = "") -> str:
        """'HOT - REGULATORY signal search_001 2025-11-11 (20 days ago): <statement>'."""
        when = date.fromordinal(today.toordinal() - age)
        return (
            f"{level} - {lead}{signal_kind(claim)} signal {claim.claim_id} {when.isoformat()} "
            f"({relative_days(-age)}): {claim.statement[:80]}"
        )

    levels: tuple[tuple[TimingUrgency, int, int], ...] = (
        ("HOT", HOT_MILESTONE_DAYS, HOT_SIGNAL_DAYS),
        ("WARM", WARM_MILESTONE_DAYS, WARM_SIGNAL_DAYS),
    )
    for level, milestone_days, signal_days in levels:
        if upcoming and ((upcoming[0].current_date or today) - today).days <= milestone_days:
            return level, milestone_reason(level, upcoming[0]), False
        if strong and strong[0][0] <= signal_days:
            return level, signal_reason(level, strong[0][0], strong[0][2]), True
        if happened and (today - (happened[0].current_date or today)).days <= signal_days:
            return level, milestone_reason(level, happened[0], verb=" happened"), False
        if level == "WARM" and overdue:
            reason = milestone_reason(level, overdue[0], verb=" was expected")
            return (
                level,
                f"{reason}: overdue with no report that it happened; confirm status",
                False,
            )
    if upcoming:
        return "COLD", milestone_reason("COLD", upcoming[0], lead="next milestone "), False
    if dated_signals:
        age, _, claim = dated_signals[0]
        return "COLD", signal_reason("COLD", age, claim, lead="freshest: "), False
    return "COLD", "COLD - no buying signals or dated milestones", False


_LEVEL_RANK: dict[str, int] = {"COLD": 0, "WARM": 1, "HOT": 2}


def _with_client_window(
    found: tuple[TimingUrgency, str, bool],
    timelines: Sequence[Timeline],
    client: Client | None,
    today: date,
) -> tuple[TimingUrgency, str]:
    """The urgency weighed by the client's window (window.py): the window decides, and a fresh
    strong signal may still raise it; the reason names the window and the milestone or signal."""
    level, reason, by_signal = found
    window = client_window(client, list(timelines), today=today)
    if window is None:
        return level, reason
    chosen: TimingUrgency = window_urgency(window, today)
    if by_signal and _LEVEL_RANK[level] > _LEVEL_RANK[chosen]:
        chosen = level
    detail = reason.partition(" - ")[2] or reason
    return chosen, f"{chosen} - {window.describe(today)}; {detail}"


def lead_score(
    claims: Sequence[Claim],
    timelines: Sequence[Timeline],
    *,
    today: date,
    client: Client | None = None,
) -> LeadScore:
    """Score 0-100 and HOT/WARM/COLD urgency from SIGNAL claims and timelines, explained.

    With a client, the urgency weighs the client's buying window (window.py); the score itself
    does not depend on the client.
    """
    evidence = _evidence(claims, timelines, today)
    score = combine([strength for _, _, strength, _ in evidence])
    components = _components(evidence)
    urgency, reason = _with_client_window(
        _urgency(claims, timelines, today), timelines, client, today
    )
    signals = [c for c in components if c.kind == "signal"]
    if components:
        shown = "; ".join(f"{c.ref_id} {c.detail}: +{c.contribution}" for c in components[:5])
        more = f"; and {len(components) - 5} more" if len(components) > 5 else ""
        explanation = (
            f"Score {score}/100 from {len(signals)} signal(s) and "
            f"{len(components) - len(signals)} milestone(s): {shown}{more}."
        )
    else:
        explanation = "Score 0/100: no SIGNAL claims and no dated timelines."
    return LeadScore(
        score=score,
        timing_urgency=urgency,
        urgency_reason=reason,
        explanation=explanation,
        components=components,
        primary_signal_id=signals[0].ref_id if signals else None,
        as_of=today,
    )
