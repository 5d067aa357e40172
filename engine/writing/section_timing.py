"""Writers of the timing sections, SCORE and WHY_THEYLL_BUY_NOW, and how a timeline is told.

A timeline is told only through the events whose claims are routed to the section: its values
come from those claims and each sentence cites them. "Most urgent first" follows the lead
score's components (strongest first: nearness of a milestone, freshness of a signal, weighted
by evidence), so the writers read no clock; items the score does not rank follow, by date.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date

from engine.merge.periods import parse_period
from engine.merge.values import normalize_value
from engine.models.claims import Claim, ClaimType, Confidence, EventStatus
from engine.models.dossier import SectionDraft
from engine.models.merge import Timeline, TimelineEvent
from engine.scoring import LeadScore, best_first, signal_kind
from engine.scoring.lead import ScoreComponent, month_label
from engine.writing.inputs import WriterInput
from engine.writing.section_text import (
    TIER_NOUNS,
    Composer,
    clause,
    join_words,
    label,
    plain,
    plural,
    without_dateline,
)

MAX_SIGNAL_SENTENCES = 6
MAX_SCORE_COMPONENTS = 3
MAX_WEAK_QUOTED = 3
WEAK_CHARS = 100

# attribute -> (what happened, what is expected), lower case.
EVENT_PHRASES: dict[str, tuple[str, str]] = {
    "construction_start": ("construction started", "construction is expected to start"),
    "construction_complete": ("construction was completed", "construction is expected to finish"),
    "first_production": ("first production was reached", "first production is expected"),
    "production_start": ("production started", "production is expected to start"),
    "operations_start": ("operations began", "operations are expected to begin"),
    "feasibility_complete": (
        "the feasibility study was completed",
        "the feasibility study is expected to be finished",
    ),
    "commissioning": ("commissioning took place", "commissioning is expected"),
    "groundbreaking": ("ground was broken", "groundbreaking is expected"),
    "permit_decision": ("the permit decision was issued", "the permit decision is expected"),
    "financing_close": ("financing closed", "financing is expected to close"),
    "contract_award": ("the contract was awarded", "the contract award is expected"),
    "funding_round": ("the funding round closed", "the funding round is expected to close"),
}
_FULL_DATE = re.compile(r"\b\d{1,2},?\s+\d{4}\b|\b\d{4}-\d{2}-\d{2}\b|^\d{1,2}\s+[A-Za-z]+\s+\d{4}")
_PREPOSITIONS = frozenset("in on by before after from during around until at".split())


def when(value: str) -> str:
    """'in March 2026', 'on February 10, 2025', or the value itself if it opens with 'by'..."""
    text = plain(value)
    first = text.split(" ", 1)[0].lower() if text else ""
    if first in _PREPOSITIONS:
        return text
    return f"{'on' if _FULL_DATE.search(text) else 'in'} {text}"


def event_phrase(attribute: str, status: EventStatus, value: str, *, overdue: bool = False) -> str:
    """'construction started in March 2026', 'first production is expected in late 2028';
    an overdue plan (its date passed, no report that it happened) is told in the past:
    'the feasibility complete was expected in March 2025, with no later report'."""
    done, expected = EVENT_PHRASES.get(
        attribute, (f"the {label(attribute)} took place", f"the {label(attribute)} is expected")
    )
    if status is EventStatus.ACTUAL:
        # An event reported without a date keeps the trigger words as its value: no "in permit".
        return f"{done} {when(value)}" if parse_period(value) is not None else done
    if overdue:
        past = expected.replace(" is expected", " was expected", 1).replace(
            " are expected", " were expected", 1
        )
        return f"{past} {when(value)}, with no later report"
    return f"{expected} {when(value)}"


def is_overdue(timeline: Timeline, as_of: date | None) -> bool:
    """True for a plan whose date passed before `as_of` with no report that it happened."""
    day = timeline.current_date
    return (
        as_of is not None
        and day is not None
        and timeline.current_status is not EventStatus.ACTUAL
        and day < as_of
    )


def routed_events(timeline: Timeline, routed: Mapping[str, Claim]) -> list[TimelineEvent]:
    """The timeline's events whose claims the section may cite, in reporting order."""
    return [event for event in timeline.history if event.claim_id in routed]


def tell_timeline(
    timeline: Timeline, routed: Mapping[str, Claim], as_of: date | None = None
) -> tuple[str, list[str]] | None:
    """One sentence telling the timeline from its routed events, with the ids it cites."""
    events = routed_events(timeline, routed)
    if not events:
        return None
    current = events[-1]
    current_key = normalize_value(timeline.attribute, current.value)
    earlier = list(
        dict.fromkeys(
            plain(e.value)
            for e in events[:-1]
            if e.status is not EventStatus.ACTUAL
            and normalize_value(timeline.attribute, e.value) != current_key
        )
    )
    overdue = is_overdue(timeline, as_of) and current.claim_id == timeline.history[-1].claim_id
    text = f"At {plain(timeline.subject)}, " + event_phrase(
        timeline.attribute, current.status, current.value, overdue=overdue
    )
    if earlier and current.status is EventStatus.ACTUAL:
        text += f", after it was first announced for {earlier[0]}"
    elif earlier:
        # The superseded plans come last and apart, so no reader takes one for the current plan.
        text += f"; earlier reports gave {join_words(earlier, 'and later')}, since superseded"
    return text, [e.claim_id for e in events]


def named_timelines(inp: WriterInput) -> list[Timeline]:
    """The merge's timelines named in the section's route, by timeline id."""
    wanted = set(inp.resolved_object_ids)
    return sorted(
        (t for t in inp.merge.timelines_resolved if t.timeline_id in wanted),
        key=lambda t: t.timeline_id,
    )


def _component_rank(lead: LeadScore) -> dict[str, int]:
    return {component.ref_id: rank for rank, component in enumerate(lead.components)}


def date_key(timeline: Timeline) -> tuple[int, str]:
    """Sort key: dated timelines by date, then undated ones, then by timeline id."""
    day = timeline.current_date
    return (day.toordinal() if day else 10**7, timeline.timeline_id)


def write_why_now(inp: WriterInput) -> SectionDraft:
    """WHY_THEYLL_BUY_NOW: milestones and signals, most urgent first."""
    composer = Composer(inp.section, inp.claims)
    rank = _component_rank(inp.lead)
    unranked = len(rank)
    items: list[tuple[int, int, str, list[str]]] = []
    told: set[str] = set()
    for position, timeline in enumerate(sorted(named_timelines(inp), key=date_key)):
        told_timeline = tell_timeline(timeline, composer.by_id, inp.lead.as_of)
        if told_timeline is not None:
            items.append((rank.get(timeline.timeline_id, unranked), position, *told_timeline))
            told.update(told_timeline[1])
    signals = best_first(
        c for c in composer.claims if c.claim_type is ClaimType.SIGNAL and c.claim_id not in told
    )
    strong = [c for c in signals if c.confidence is not Confidence.LOW][:MAX_SIGNAL_SENTENCES]
    for position, claim in enumerate(strong, start=len(items)):
        items.append(
            (rank.get(claim.claim_id, unranked), position, claim.statement, [claim.claim_id])
        )
    for _, _, text, ids in sorted(items, key=lambda item: item[:2]):
        composer.add(text, ids)
    weak = [c for c in signals if c not in strong]
    if weak:
        kinds = list(dict.fromkeys(signal_kind(c).lower() for c in weak))
        quoted = "; ".join(clause(c.statement, WEAK_CHARS) for c in weak[:MAX_WEAK_QUOTED])
        composer.add(
            f"{plural(len(weak), 'lower-confidence report')} also point to "
            f"{join_words(kinds)} activity: {quoted}",
            [c.claim_id for c in weak],
        )
    return composer.draft()


def _component_ids(
    component: ScoreComponent, inp: WriterInput, routed: Mapping[str, Claim]
) -> list[str]:
    if component.kind == "signal":
        return [component.ref_id] if component.ref_id in routed else []
    for timeline in named_timelines(inp):
        if timeline.timeline_id == component.ref_id:
            events = routed_events(timeline, routed)
            return [events[-1].claim_id] if events else []
    return []


def _timeline_of(inp: WriterInput, timeline_id: str) -> Timeline | None:
    return next((t for t in named_timelines(inp) if t.timeline_id == timeline_id), None)


def _component_sentence(
    component: ScoreComponent, inp: WriterInput, routed: Mapping[str, Claim]
) -> str | None:
    points = f"{component.contribution:g} points"
    if component.kind == "signal":
        claim = routed.get(component.ref_id)
        if claim is None:
            return None
        tier = TIER_NOUNS[claim.source_tier][0]
        return (
            f"A {tier} ({claim.confidence.value} confidence) adds {points}: "
            f"{without_dateline(claim.statement)}"
        )
    timeline = _timeline_of(inp, component.ref_id)
    if timeline is None or timeline.current_date is None:
        return None
    status = timeline.current_status.value.lower()
    return (
        f"The {label(timeline.attribute)} milestone at {plain(timeline.subject)} "
        f"({status}, {month_label(timeline.current_date)}) adds {points}"
    )


def urgency_text(lead: LeadScore) -> str:
    """The urgency reason without its level prefix and without any quoted statement."""
    reason = lead.urgency_reason.removeprefix(f"{lead.timing_urgency} - ")
    head, sep, _ = reason.partition("): ")
    reason = head + ")" if sep else reason
    return re.sub(r"\b[a-z]+(?:_[a-z]+)+\b", lambda m: label(m.group(0)), plain(reason))


def _reason_ids(inp: WriterInput, routed: Mapping[str, Claim]) -> list[str]:
    """The claims the urgency reason rests on: its signal claim, or its milestone's latest event."""
    reason = inp.lead.urgency_reason
    match = re.search(r"\b[a-z]+_\d{3,}\b", reason)
    if match and match.group(0) in routed:
        return [match.group(0)]
    for timeline in named_timelines(inp):
        events = routed_events(timeline, routed)
        if events and re.search(rf"\b{re.escape(timeline.attribute)}\b", reason):
            return [events[-1].claim_id]
    return []


def write_score(inp: WriterInput) -> SectionDraft:
    """SCORE: the lead score, its urgency and reason, and the strongest evidence behind it."""
    composer = Composer(inp.section, inp.claims)
    lead, routed = inp.lead, composer.by_id
    if not routed:
        return composer.draft()
    components = [c for c in lead.components if _component_ids(c, inp, routed)]
    top_ids = [
        cid for c in components[:MAX_SCORE_COMPONENTS] for cid in _component_ids(c, inp, routed)
    ]
    signals = best_first(c for c in composer.claims if c.claim_type is ClaimType.SIGNAL)
    if not top_ids:
        top_ids = [c.claim_id for c in (signals or best_first(composer.claims))[:2]]
    signal_count = sum(1 for c in lead.components if c.kind == "signal")
    milestones = len(lead.components) - signal_count
    composer.add(
        f"{plain(inp.target)} scores {lead.score}/100 and is a {lead.timing_urgency} lead, "
        f"on {plural(signal_count, 'signal')} and {plural(milestones, 'dated milestone')}",
        top_ids,
    )
    reason_ids = _reason_ids(inp, routed) or top_ids[:1]
    composer.add(f"Timing is {lead.timing_urgency}: {urgency_text(lead)}", reason_ids)
    for component in components[:MAX_SCORE_COMPONENTS]:
        sentence = _component_sentence(component, inp, routed)
        if sentence is not None:
            composer.add(sentence, _component_ids(component, inp, routed))
    if not components:
        for claim in signals[:MAX_SCORE_COMPONENTS]:
            tier = TIER_NOUNS[claim.source_tier][0]
            composer.add(
                f"Evidence from a {tier}: {without_dateline(claim.statement)}", [claim.claim_id]
            )
    return composer.draft()


def strongest_signals(claims: Sequence[Claim], lead: LeadScore) -> list[Claim]:
    """SIGNAL claims ordered as the lead score ranks them, then by evidence."""
    rank = _component_rank(lead)
    ranked = best_first(c for c in claims if c.claim_type is ClaimType.SIGNAL)
    return sorted(ranked, key=lambda c: rank.get(c.claim_id, len(rank)))
