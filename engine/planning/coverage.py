"""Coverage notes of the default dossier plan: what each section has and what it is missing.

Notes are read only from the claims routed to the section and the merge's objects, so they say
what the writer will actually see. "Next milestone" is the earliest projected (not ACTUAL)
timeline date; no clock is read. Every section holding a claim of an open conflict, or an open
ambiguous item, says so.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from engine.models.claims import Claim, ClaimType, EventStatus
from engine.models.merge import MergeResult, Timeline
from engine.models.plan import SectionName
from engine.packs.facts import best_value, org_domains
from engine.packs.orgs import parent_of, partners_of
from engine.planning.routes import RoutingContext, is_event_claim, live_timelines
from engine.scoring.evidence import best_first, signal_kind
from engine.scoring.lead import month_label

Notes = Callable[[Sequence[Claim], MergeResult, RoutingContext], str]


def plural(count: int, word: str) -> str:
    """'1 claim', '3 claims'."""
    return f"{count} {word}" + ("" if count == 1 else "s")


def _join(has: Sequence[str], missing: Sequence[str], lead: str = "") -> str:
    parts = [lead] if lead else []
    if has:
        parts.append("Has: " + ", ".join(has) + ".")
    if missing:
        parts.append("Missing: " + ", ".join(missing) + ".")
    return " ".join(parts)


def _checks(items: Sequence[tuple[str, str | None]]) -> tuple[list[str], list[str]]:
    has = [f"{label} ({value})" if value else label for label, value in items if value is not None]
    return has, [label for label, value in items if value is None]


def next_milestone(timelines: Sequence[Timeline]) -> Timeline | None:
    """The earliest projected (not yet ACTUAL) dated timeline."""
    projected = [
        t for t in timelines if t.current_status is not EventStatus.ACTUAL and t.current_date
    ]
    return min(projected, key=lambda t: (t.current_date, t.timeline_id), default=None)


def _intro(claims: Sequence[Claim], merge: MergeResult, context: RoutingContext) -> str:
    target = context.target
    identity = any(c.claim_type is ClaimType.ENTITY and context.about_group(c) for c in claims)
    parent = parent_of(claims, target)
    hq, founded = (
        best_value(claims, "hq_location", target),
        best_value(claims, "founded_year", target),
    )
    domains = org_domains(claims, target)
    has, missing = _checks(
        [
            ("entity identity", "" if identity else None),
            ("parent", parent[0] if parent else None),
            ("HQ", hq[0] if hq else None),
            ("founding year", founded[0] if founded else None),
            ("website", ", ".join(domains) if domains else None),
        ]
    )
    return _join(has, missing, f"{plural(len(claims), 'claim')}.")


def _signals_line(claims: Sequence[Claim]) -> tuple[str, list[str]]:
    signals = best_first(c for c in claims if c.claim_type is ClaimType.SIGNAL)
    if not signals:
        return "No SIGNAL claims.", ["buying signals"]
    kinds = ", ".join(dict.fromkeys(signal_kind(s) for s in signals))
    best = signals[0]
    line = (
        f"{plural(len(signals), 'signal')} ({kinds}); strongest {best.claim_id} "
        f"({best.source_tier.value}/{best.confidence.value})."
    )
    return line, []


def _milestone_line(timelines: Sequence[Timeline]) -> tuple[str, list[str]]:
    milestone = next_milestone(timelines)
    if milestone is None or milestone.current_date is None:
        return f"{plural(len(timelines), 'timeline')}, no projected milestone.", [
            "dated next milestone"
        ]
    when = month_label(milestone.current_date)
    return (
        f"{plural(len(timelines), 'timeline')}; next milestone {milestone.attribute} {when} "
        f"({milestone.current_status.value}).",
        [],
    )


def _score(claims: Sequence[Claim], merge: MergeResult, context: RoutingContext) -> str:
    signals, missing = _signals_line(claims)
    milestones, missing_ms = _milestone_line(live_timelines(merge, context))
    return _join([], missing + missing_ms, f"{signals} {milestones}")


def _why_now(claims: Sequence[Claim], merge: MergeResult, context: RoutingContext) -> str:
    signals, missing = _signals_line(claims)
    events = [c for c in claims if is_event_claim(c, context)]
    lines = [signals, f"{plural(len(events), 'event claim')}."]
    for timeline in live_timelines(merge, context):
        if len(timeline.history) > 1 and timeline.current_status is EventStatus.REVISED:
            first = timeline.history[0]
            lines.append(
                f"Timing changed: {timeline.attribute} first announced {first.value}, "
                f"now {timeline.history[-1].value} ({timeline.timeline_id})."
            )
    if not events:
        missing.append("dated events")
    return _join([], missing, " ".join(lines))


def _opportunity(claims: Sequence[Claim], merge: MergeResult, context: RoutingContext) -> str:
    project = context.project
    if project is None:
        return _join(
            [], ["key project"], f"{plural(len(claims), 'claim')}; no key project identified."
        )
    values = {
        label: best_value(claims, attribute, project)
        for label, attribute in (
            ("stage", "project_stage"),
            ("location", "project_location"),
            ("capacity", "project_capacity"),
            ("capital cost", "capital_cost"),
        )
    }
    milestone = next_milestone(live_timelines(merge, context))
    timeline = month_label(milestone.current_date) if milestone and milestone.current_date else None
    has, missing = _checks(
        [(label, found[0] if found else None) for label, found in values.items()]
        + [("next milestone", f"{milestone.attribute} {timeline}" if milestone else None)]
    )
    return _join(has, missing, f"Project {project}: {plural(len(claims), 'claim')}.")


def _contacts(claims: Sequence[Claim], merge: MergeResult, context: RoutingContext) -> str:
    routed = {c.claim_id for c in claims}
    contacts = [c for c in merge.contacts_resolved if routed & set(c.evidence_claims)]
    if not contacts:
        return _join(
            [], ["decision makers"], f"No resolved contacts; {plural(len(claims), 'claim')}."
        )
    unsure = sorted(c.name for c in contacts if c.resolution == "UNSURE")
    lead = f"{plural(len(contacts), 'contact')}."
    if unsure:
        lead += " UNSURE identity: " + ", ".join(unsure) + "."
    missing = []
    no_email = sum(1 for c in contacts if not c.email)
    no_linkedin = sum(1 for c in contacts if not c.linkedin_url)
    if no_email:
        missing.append(f"email for {no_email}")
    if no_linkedin:
        missing.append(f"LinkedIn for {no_linkedin}")
    return _join([], missing, lead)


def _deal(claims: Sequence[Claim], merge: MergeResult, context: RoutingContext) -> str:
    partners = [p.name for p in partners_of(claims, context.target, context.project)]
    client = [c for c in claims if c.step_prefix == "client"]
    people = [c for c in claims if c.person is not None or c.claim_type is ClaimType.CONTACT]
    has, missing = _checks(
        [
            ("partners", ", ".join(partners) if partners else None),
            ("client-specific research", plural(len(client), "claim") if client else None),
            ("contacts", plural(len(people), "claim") if people else None),
        ]
    )
    return _join(has, missing, f"{plural(len(claims), 'claim')}.")


def _outreach(claims: Sequence[Claim], merge: MergeResult, context: RoutingContext) -> str:
    signals = sorted(c.claim_id for c in claims if c.claim_id in context.top_signal_ids)
    people = [c for c in claims if c.person is not None or c.claim_type is ClaimType.CONTACT]
    has, missing = _checks(
        [
            ("contact claims", str(len(people)) if people else None),
            ("top signals", ", ".join(signals) if signals else None),
        ]
    )
    return _join(has, missing)


def _media(claims: Sequence[Claim], merge: MergeResult, context: RoutingContext) -> str:
    if not claims:
        return "No claims mention images; image assets come from the media step."
    return f"{plural(len(claims), 'claim')} mentioning images, renderings or photos."


def _sources(claims: Sequence[Claim], merge: MergeResult, context: RoutingContext) -> str:
    urls = {c.source_url for c in claims if c.source_url}
    return (
        "No claims routed: sources are auto-collected from the claims the other sections cite "
        f"({plural(len(urls), 'distinct source URL')} among the routed claims)."
    )


SECTION_NOTES: dict[SectionName, Notes] = {
    "INTRO": _intro,
    "SCORE": _score,
    "WHY_THEYLL_BUY_NOW": _why_now,
    "OPPORTUNITY": _opportunity,
    "VERIFIED_CONTACTS": _contacts,
    "DEAL_STRATEGY": _deal,
    "OUTREACH": _outreach,
    "MEDIA": _media,
    "SOURCES": _sources,
}
