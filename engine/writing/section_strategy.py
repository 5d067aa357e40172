"""The deal-strategy sentences of the insight: signal, evidence, fit, buyers, partner, timing, risk.

Each sentence cites the claims it rests on, through a `Composer` over the run's usable claims (so
only those can be cited). At most six sentences; with fewer than three, the best remaining
facts are added as supporting facts.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from engine.merge.freshness import superseded_holders
from engine.merge.stakeholders import is_buyer
from engine.merge.values import normalize_value
from engine.models.claims import Claim, ClaimType, EventStatus
from engine.models.client import Client
from engine.models.merge import Conflict, MergeResult, Timeline
from engine.scoring import best_first, signal_kind
from engine.writing.section_fit import (
    client_differentiators,
    service_fits,
    shortlist_partners,
)
from engine.writing.section_people import contact_rank, merge_day, remit, role_at
from engine.writing.section_text import (
    KIND_NEEDS,
    TIER_NOUNS,
    Composer,
    clause,
    join_words,
    label,
    lower_first,
    plain,
)
from engine.writing.section_timing import event_phrase, is_overdue

MIN_STRATEGY, MAX_STRATEGY = 3, 6
MAX_BUYERS = 2


@dataclass(frozen=True)
class StrategyContext:
    """What the strategy sentences are about."""

    target: str
    place: str
    client: Client
    merge: MergeResult
    signal: Claim | None
    best: Claim | None
    as_of: date | None = None  # the day of the lead score: a plan dated before it is overdue


def live_timelines(merge: MergeResult, usable: set[str]) -> list[Timeline]:
    """The merge's timelines with at least one usable claim."""
    return [t for t in merge.timelines_resolved if any(e.claim_id in usable for e in t.history)]


def next_milestone(timelines: Sequence[Timeline]) -> Timeline | None:
    """The earliest dated timeline that is not yet ACTUAL."""
    dated = [t for t in timelines if t.current_status is not EventStatus.ACTUAL and t.current_date]
    return min(dated, key=lambda t: (t.current_date, t.timeline_id), default=None)


# Headcounts and job promises do not size a supplier's work: no pricing risk comes from them.
_WORKFORCE = re.compile(r"^(?:employee_count|jobs(?:_[a-z_]+)?)$")


def metric_conflict(merge: MergeResult, composer: Composer) -> Conflict | None:
    """The first open conflict on a figure (METRIC) that sizes the work (a cost, a capacity, an
    area, a mine life; not a headcount) whose recommended claim is usable."""
    return next(
        (
            c
            for c in sorted(merge.conflicts, key=lambda c: c.conflict_id)
            if c.type == "METRIC"
            and not _WORKFORCE.match(c.attribute)
            and c.recommended_claim_id in composer.by_id
        ),
        None,
    )


def _signal_sentences(composer: Composer, context: StrategyContext) -> None:
    signal, best = context.signal, context.best
    if signal is not None:
        need = KIND_NEEDS[signal_kind(signal)]
        composer.add(
            f"Lead with the {need} at {context.place}: {clause(signal.statement)}",
            [signal.claim_id],
        )
    if best is not None and (signal is None or best.claim_id != signal.claim_id):
        tier = TIER_NOUNS[best.source_tier][0]
        composer.add(
            f"The strongest evidence is a {tier}: {clause(best.statement)}", [best.claim_id]
        )


def _fit_sentence(composer: Composer, context: StrategyContext) -> None:
    fits = service_fits(context.client, composer.claims, limit=1)
    if not fits:
        return
    edge = client_differentiators(context.client)
    client = plain(context.client.name)
    composer.add(
        f"Client fit for {client} ({lower_first(fits[0].service)}): "
        f"{clause(fits[0].claim.statement)}"
        + (f"; the edge to lead with: {lower_first(edge[0])}" if edge else ""),
        [fits[0].claim.claim_id],
    )


def _buyers_sentence(composer: Composer, context: StrategyContext) -> None:
    earlier = superseded_holders(context.merge.contacts_resolved)
    contacts = sorted(
        (
            c
            for c in context.merge.contacts_resolved
            if c.resolution != "UNSURE" and is_buyer(c) and composer.routed(c.evidence_claims)
        ),
        key=lambda c: contact_rank(c, merge_day(context.merge), earlier),
    )[:MAX_BUYERS]
    if not contacts:
        return
    people = [f"{plain(c.name)} ({role_at(c)})" if role_at(c) else plain(c.name) for c in contacts]
    lead = "this person" if len(contacts) == 1 else plain(contacts[0].name)
    composer.add(
        f"Start with {join_words(people)}: {lead} {remit(contacts[0])}",
        [cid for c in contacts for cid in c.evidence_claims],
    )


def _partner_sentence(composer: Composer, context: StrategyContext) -> None:
    for partner in shortlist_partners(composer.claims, context.target, None)[:1]:
        composer.add(
            f"{plain(partner.name)} is the {plain(partner.role)}; engage it as well, since it "
            "shapes the supplier shortlist",
            [c.claim_id for c in partner.claims],
        )


def _timing_sentence(composer: Composer, context: StrategyContext) -> None:
    as_of = context.as_of
    live = live_timelines(context.merge, set(composer.by_id))
    upcoming = [t for t in live if not is_overdue(t, as_of)]
    milestone = next_milestone(upcoming) or next_milestone(live)
    if milestone is None:
        return
    last = [e for e in milestone.history if e.claim_id in composer.by_id][-1]
    if is_overdue(milestone, as_of):
        phrase = event_phrase(milestone.attribute, last.status, last.value, overdue=True)
        composer.add(f"Timing: {phrase}; confirm the schedule first", [last.claim_id])
        return
    phrase = event_phrase(milestone.attribute, last.status, last.value)
    composer.add(f"Timing: {phrase}, so the approach should come before then", [last.claim_id])


def _risk_sentence(composer: Composer, context: StrategyContext) -> None:
    conflict = metric_conflict(context.merge, composer)
    if conflict is None or conflict.recommended_claim_id is None:
        return
    shown: dict[str, str] = {}  # normalized value -> the value as first stated
    for claim_id, value in conflict.values.items():
        if claim_id not in composer.unsafe:
            shown.setdefault(normalize_value(conflict.attribute, value), plain(value))
    name = label(conflict.attribute)
    if conflict.conflict_kind == "REVISION":
        latest = plain(conflict.values[conflict.recommended_claim_id])
        key = normalize_value(conflict.attribute, latest)
        earlier = [value for k, value in shown.items() if k != key]
        composer.add(
            f"Check the {name} before pricing: the latest report gives {latest}; earlier "
            f"reports gave {join_words(earlier)}",
            [conflict.recommended_claim_id],
        )
        return
    composer.add(
        f"Check the {name} before pricing: sources give {join_words(list(shown.values()))}",
        [conflict.recommended_claim_id],
    )


def strategy_sentences(composer: Composer, context: StrategyContext) -> None:
    """Add the deal-strategy sentences to the composer (three to six when the claims allow)."""
    _signal_sentences(composer, context)
    _fit_sentence(composer, context)
    _buyers_sentence(composer, context)
    _partner_sentence(composer, context)
    _timing_sentence(composer, context)
    _risk_sentence(composer, context)
    for claim in best_first(c for c in composer.claims if c.claim_type is not ClaimType.CONTACT):
        if len(composer.sentences) >= MIN_STRATEGY:
            break
        if claim.claim_id not in composer.cited:
            composer.add(f"Supporting fact: {clause(claim.statement)}", [claim.claim_id])
