"""The offline strategic insight (step `insight`): angle, one-liner, why-now, strategy, questions.

Read from the run's claims (instruction-like claims and the values an open conflict does not
recommend left out), the merge, the lead score and the client. The strongest signal is the one
the lead score ranks first, else the best evidence. Deal-strategy sentences cite the claims they
rest on (engine.writing.section_strategy); the DEAL_STRATEGY writer later keeps only those that
cite claims routed to it. Open questions come from the merge's ambiguous items and conflicts.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from engine.models.claims import Claim, ClaimType
from engine.models.dossier import CitedSentence, StrategicInsight
from engine.models.merge import MergeResult, Timeline
from engine.packs.facts import best_value, clip
from engine.packs.orgs import key_project
from engine.planning.exclusions import conflict_exclusions
from engine.scoring import best_first, signal_kind
from engine.scoring.lead import month_label
from engine.writing.inputs import InsightInput
from engine.writing.section_fit import (
    best_service,
    client_differentiators,
    client_services,
    service_fits,
    shortlist_partners,
    the_angle,
)
from engine.writing.section_strategy import (
    MAX_STRATEGY,
    StrategyContext,
    live_timelines,
    metric_conflict,
    next_milestone,
    strategy_sentences,
)
from engine.writing.section_text import (
    KIND_NEEDS,
    Composer,
    instruction_ids,
    join_words,
    label,
    lower_first,
    plain,
    possessive,
)
from engine.writing.section_timing import strongest_signals, urgency_text

ONE_LINER_CHARS = 120
WHY_NOW_CHARS = 400
_MONEY = re.compile(
    r"^\s*((?:US|C|CA|A|AU)?\$)\s*([\d.,]+)\s*(billion|bn|b|million|mn|m)\b", re.IGNORECASE
)


def compact_money(value: str) -> str:
    """'$1.2 billion' -> '$1.2B', 'C$450 million' -> 'C$450M'; other values unchanged."""
    match = _MONEY.match(value)
    if match is None:
        return plain(value)
    unit = "B" if match.group(3).lower().startswith("b") else "M"
    return f"{match.group(1)}{match.group(2)}{unit}"


def one_liner(
    target: str, project: str | None, claims: Sequence[Claim], timelines: Sequence[Timeline]
) -> str:
    """'Borealis Nickel building the $1.2B Kestrel Lake project, construction from March 2026'."""
    if project is None:
        signals = best_first(c for c in claims if c.claim_type is ClaimType.SIGNAL)
        need = KIND_NEEDS[signal_kind(signals[0])] if signals else "next phase"
        return clip(f"{target}: {need}", ONE_LINER_CHARS)
    construction = next(
        (t for t in timelines if t.attribute == "construction_start" and t.current_date), None
    )
    tail = ""
    if construction is not None and construction.current_date is not None:
        tail = f", construction from {month_label(construction.current_date)}"
    elif (milestone := next_milestone(timelines)) is not None and milestone.current_date:
        tail = f", {label(milestone.attribute)} {month_label(milestone.current_date)}"
    verb = "building" if construction is not None else "developing"
    name = plain(project)
    if "project" not in name.lower():
        name += " project"
    cost = best_value(claims, "capital_cost", project)
    money = f"{compact_money(cost[0])} " if cost else ""
    for text in (
        f"{target} {verb} the {money}{name}{tail}",
        f"{target} {verb} the {name}{tail}",
        f"{target} {verb} the {money}{name}",
    ):
        if len(text) <= ONE_LINER_CHARS:
            return text
    return clip(f"{target} {verb} the {name}", ONE_LINER_CHARS)


def objections(
    inp: InsightInput, composer: Composer, place: str, timelines: Sequence[Timeline]
) -> list[dict[str, str]]:
    """Likely objections of the target, each with a response grounded in the claims."""
    client = plain(inp.client.name)
    found: list[dict[str, str]] = []
    for partner in shortlist_partners(composer.claims, inp.target, None)[:1]:
        name = plain(partner.name)
        found.append(
            {
                "objection": f"Procurement for {place} runs through {name.rstrip('.')}.",
                "response": f"Then {client} belongs on {possessive(name)} shortlist too: "
                "approach both with the same offer.",
            }
        )
    for timeline in timelines:
        usable = [e for e in timeline.history if e.claim_id in composer.by_id]
        values = list(dict.fromkeys(plain(e.value) for e in usable))
        if len(values) > 1:
            found.append(
                {
                    "objection": f"The {label(timeline.attribute)} has moved "
                    f"({values[0]} to {values[-1]}); it is too early to talk.",
                    "response": "A moved schedule reopens sequencing: suppliers engaged before "
                    "mobilisation shape the plan and the long-lead orders.",
                }
            )
            break
    conflict = metric_conflict(inp.merge, composer)
    if conflict is not None and conflict.recommended_claim_id is not None:
        chosen = plain(conflict.values.get(conflict.recommended_claim_id, ""))
        found.append(
            {
                "objection": f"The {label(conflict.attribute)} is not settled.",
                "response": f"The strongest source gives {chosen}; scope an offer in phases "
                "that holds at either figure.",
            }
        )
    edge = client_differentiators(inp.client) or client_services(inp.client)
    found.append(
        {
            "objection": "We already have suppliers for this.",
            "response": f"{client} adds {lower_first(edge[0])}."
            if edge
            else f"{client} can bid alongside the incumbents on the open packages.",
        }
    )
    if inp.lead.timing_urgency == "COLD":
        found.append(
            {
                "objection": "There is no need right now.",
                "response": "Agree on the next milestone and check back before it; "
                "early contact keeps the client on the list.",
            }
        )
    return found


def open_questions(merge: MergeResult, unsafe: set[str]) -> list[str]:
    """Questions for the analyst: the merge's ambiguous items and its open conflicts.

    Values stated only by instruction-like claims (`unsafe` ids) are left out.
    """
    questions: list[str] = []
    covered: list[set[str]] = []
    for item in sorted(merge.ambiguous, key=lambda a: a.ambiguous_id):
        options = [plain(o) for o in item.options]
        choice = join_words(options[:1] + [lower_first(o) for o in options[1:]], "or")
        questions.append(f"{plain(item.description)}. {choice}? ({plain(item.reason)})")
        covered.append(set(item.claims_involved))
    for conflict in sorted(merge.conflicts, key=lambda c: c.conflict_id):
        if set(conflict.claims_involved) in covered:
            continue
        values = list(
            dict.fromkeys(plain(v) for cid, v in conflict.values.items() if cid not in unsafe)
        )
        if len(values) < 2:
            continue
        subject = f"{label(conflict.attribute)} of {plain(conflict.subject)}"
        recommended = conflict.recommended_claim_id or ""
        chosen = conflict.values.get(recommended) if recommended not in unsafe else None
        if chosen is not None:
            questions.append(
                f"Is {plain(chosen)} the right {subject}? Sources also give "
                f"{join_words([v for v in values if v != plain(chosen)], 'or')}."
            )
        else:
            questions.append(f"Which {subject} is right: {join_words(values, 'or')}?")
    return questions


def strategic_insight(inp: InsightInput) -> StrategicInsight:
    """The angle, one-liner, why-now, deal strategy, objections and open questions of a run."""
    excluded = conflict_exclusions(inp.merge, {claim.claim_id: claim for claim in inp.claims})
    composer = Composer("DEAL_STRATEGY", (c for c in inp.claims if c.claim_id not in excluded))
    composer.unsafe |= instruction_ids(inp.claims)
    claims = composer.claims
    target, client = plain(inp.target), plain(inp.client.name)
    project = inp.pack.key_project.name if inp.pack and inp.pack.key_project else None
    project = project or key_project(claims, inp.target)
    place = plain(project) if project else target
    ranked = strongest_signals(claims, inp.lead)
    signal = ranked[0] if ranked else None
    best = best_first(c for c in claims if c.claim_type is ClaimType.SIGNAL)
    fits = service_fits(inp.client, [signal], limit=1) if signal else []
    service = fits[0].service if fits else best_service(inp.client, claims)
    context = StrategyContext(
        target=inp.target,
        place=place,
        client=inp.client,
        merge=inp.merge,
        signal=signal,
        best=best[0] if best else None,
        as_of=inp.lead.as_of,
    )
    strategy_sentences(composer, context)
    why_now = f"{inp.lead.timing_urgency} (lead score {inp.lead.score}/100): "
    why_now += f"{urgency_text(inp.lead)}."
    if signal is not None:
        why_now += f" {plain(signal.statement)}"
    timelines = live_timelines(inp.merge, set(composer.by_id))
    return StrategicInsight(
        the_angle=the_angle(client, service, signal, place),
        one_liner=one_liner(target, project, claims, timelines),
        why_now=clip(why_now, WHY_NOW_CHARS),
        deal_strategy=[
            CitedSentence(text=s.text, claim_ids=list(s.claim_ids))
            for s in composer.sentences[:MAX_STRATEGY]
        ],
        objections=objections(inp, composer, place, timelines),
        open_questions=open_questions(inp.merge, composer.unsafe),
    )
