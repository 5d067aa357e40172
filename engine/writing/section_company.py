"""Writers of INTRO (who the target is) and OPPORTUNITY (the project's scope and stage).

Each fact is one composed sentence citing the routed claims that state it. Where the merge holds
an open conflict on a value (a conflict named in the section's route), the recommended value is
stated and the other values are mentioned with the reason the merge gives; with no
recommendation every routed value is given and the sentence says a review is needed. Routed
claims no composed sentence used are added as their own statements, best evidence first.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date

from engine.claims.facts import MONEY
from engine.merge.freshness import holder_key, superseded_holders
from engine.merge.places import detail_rank, refines
from engine.merge.text import fold
from engine.merge.values import normalize_value, value_kind
from engine.models.claims import Claim, ClaimType, EventStatus
from engine.models.dossier import SectionDraft
from engine.models.merge import Conflict, Timeline
from engine.packs.facts import host_of, is_about, mentions, names_match, ranked_values
from engine.packs.orgs import key_project, parent_of, subsidiaries_of
from engine.planning.routes import FUNDING_WORDS, is_funding_claim
from engine.scoring import best_first
from engine.writing.inputs import WriterInput
from engine.writing.section_text import Composer, join_words, plain, possessive
from engine.writing.section_timing import (
    date_key,
    event_phrase,
    is_overdue,
    named_timelines,
    routed_events,
)

MAX_EXTRA_STATEMENTS = 4
_OVER = re.compile(r"\s*\(over (\w+)\)")
_OVER_WORDS = r" over \1"
Render = Callable[[str], str]


def named_conflicts(inp: WriterInput) -> list[Conflict]:
    """The merge's conflicts named in the section's route, by conflict id."""
    wanted = set(inp.resolved_object_ids)
    return sorted(
        (c for c in inp.merge.conflicts if c.conflict_id in wanted), key=lambda c: c.conflict_id
    )


def _conflict_reason(conflict: Conflict) -> str:
    """' (PRIMARY source over NEWS)' from the merge's recommendation, or ''."""
    reason = conflict.recommendation.partition(": ")[2]
    return f" ({_OVER.sub(_OVER_WORDS, reason)})" if reason else ""


def _earlier(conflict: Conflict, composer: Composer, current: str) -> list[str]:
    """The values a revision superseded, oldest first, each with the year it was reported."""
    key = normalize_value(conflict.attribute, current)
    earlier: dict[str, None] = {}
    for claim_id, value in conflict.values.items():  # a revision lists them oldest first
        claim = composer.by_id.get(claim_id)
        if claim_id in composer.unsafe or normalize_value(conflict.attribute, value) == key:
            continue
        year = f" ({claim.reported_on.year})" if claim and claim.reported_on else ""
        earlier[f"{plain(value)}{year}"] = None
    return list(earlier)


def _same_value(claims: Sequence[Claim], attribute: str, subject: str, value: str) -> list[str]:
    key = normalize_value(attribute, value)
    return [
        c.claim_id
        for c in best_first(claims)
        if c.attribute == attribute
        and c.value
        and is_about(c, subject)
        and normalize_value(attribute, c.value) == key
    ]


def value_fact(
    composer: Composer,
    conflicts: Sequence[Conflict],
    subject: str,
    attribute: str,
    render: Render,
) -> bool:
    """Add the sentence stating `attribute` of `subject` (conflict-aware); False if unknown."""
    claims = composer.claims
    conflict = next(
        (c for c in conflicts if c.attribute == attribute and names_match(c.subject, subject)),
        None,
    )
    chosen = conflict.recommended_claim_id if conflict else None
    if conflict is not None and chosen is None:
        routed = composer.routed(conflict.claims_involved)
        values = list(dict.fromkeys(plain(conflict.values[cid]) for cid in routed))
        if len(values) > 1:
            text = render(join_words(values, "or"))
            return composer.add(f"{text}; the sources disagree and a review is needed", routed)
    if conflict is not None and chosen is not None and chosen in composer.by_id:
        value = conflict.values.get(chosen, "")
        others = [
            plain(v)
            for cid, v in conflict.values.items()
            if cid not in composer.unsafe
            and normalize_value(attribute, v) != normalize_value(attribute, value)
        ]
        ids = _same_value(claims, attribute, subject, value) or [chosen]
        ids += composer.routed(cid for cid in conflict.claims_involved if cid not in ids)
        text = render(plain(value))
        if others and conflict.conflict_kind == "REVISION":
            text += f", revised from {join_words(_earlier(conflict, composer, value), 'and')}"
        elif others:
            text += (
                f"; another source gives {join_words(list(dict.fromkeys(others)), 'or')}, "
                f"which the merge ranks lower{_conflict_reason(conflict)}"
            )
        return composer.add(text, ids)
    found = ranked_values(claims, attribute, subject)
    if not found:
        return False
    value, _ = found[0]
    ids = _same_value(claims, attribute, subject, value)
    if value_kind(attribute) == "place":  # "Perth" over "Australia": they agree, say the detail
        detailed = [v for v, _ in found if refines(v, value)]
        if detailed:
            best = max(detailed, key=detail_rank)
            ids = _same_value(claims, attribute, subject, best) + ids
            value = best
    return composer.add(render(plain(value)), ids)


# An amount next to the funding word: "$600 million in grants", "a grant of $300 million".
_AMOUNT = re.compile(
    rf"{MONEY}[^.;]{{0,60}}\b{FUNDING_WORDS}|\b{FUNDING_WORDS}[^.;]{{0,60}}{MONEY}",
    re.IGNORECASE,
)
_CONDITIONS = re.compile(r"\bclaw|\brepay|\brecover|\brequire|\bcondition|\bcommit", re.I)


def _add_funding(composer: Composer) -> None:
    """Public funding: the two best-evidenced statements of amounts, then the best statement of
    its conditions (what the funder can take back)."""
    by_statement: dict[str, Claim] = {}
    for claim in best_first(composer.claims):  # one sentence may give several claims
        if is_funding_claim(claim):
            by_statement.setdefault(claim.statement, claim)
    funding = list(by_statement.values())
    amounts = [c for c in funding if _AMOUNT.search(c.statement)][:2]
    terms = next((c for c in funding if c not in amounts and _CONDITIONS.search(c.statement)), None)
    for claim in [*amounts, *([terms] if terms else [])]:
        if claim.claim_id not in composer.cited:
            composer.add_statement(claim)


def _add_rest(composer: Composer, kinds: Sequence[ClaimType]) -> None:
    stated = {
        (fold(c.subject or ""), c.attribute)
        for c in composer.claims
        if c.claim_id in composer.cited
    }
    rest = [
        c
        for c in best_first(composer.claims)
        if c.claim_type in kinds
        and (c.attribute is None or (fold(c.subject or ""), c.attribute) not in stated)
    ]
    added = 0
    for claim in rest:
        if added >= MAX_EXTRA_STATEMENTS:
            break
        if claim.claim_id not in composer.cited and composer.add_statement(claim):
            added += 1


def _headcount(target: str) -> Render:
    def render(value: str) -> str:
        """'Wyloo employs about 450 people', or the headcount as stated."""
        if re.fullmatch(r"(about |around |over |some )?[\d,.]+\+?", value):
            return f"{target} employs about {value} people"
        return f"{possessive(target)} headcount is {value}"

    return render


def write_intro(inp: WriterInput) -> SectionDraft:
    """INTRO: identity, headquarters, parent, size, website and key project of the target."""
    composer = Composer(inp.section, inp.claims)
    target, conflicts = plain(inp.target), named_conflicts(inp)
    facts: tuple[tuple[str, Render], ...] = (
        ("legal_name", lambda v: f"{target} trades as {v}"),
        ("hq_location", lambda v: f"{target} is headquartered in {v}"),
    )
    for attribute, render in facts:
        value_fact(composer, conflicts, inp.target, attribute, render)
    parent = parent_of(composer.claims, inp.target)
    if parent is not None and not value_fact(
        composer, conflicts, inp.target, "parent_company", lambda v: f"{target} is owned by {v}"
    ):
        composer.add(f"{target} is owned by {plain(parent[0])}", [parent[1].claim_id])
    subsidiaries = subsidiaries_of(composer.claims, inp.target)
    if subsidiaries:
        ids = [
            c.claim_id
            for c in composer.claims
            if (c.attribute == "subsidiary" and is_about(c, inp.target))
            or (c.attribute == "parent_company" and c.value and names_match(c.value, inp.target))
        ]
        names = join_words([plain(name) for name in subsidiaries])
        composer.add(f"{possessive(target)} subsidiaries include {names}", ids)
    facts = (
        ("founded_year", lambda v: f"{target} was founded in {v}"),
        ("employee_count", _headcount(target)),
        ("revenue", lambda v: f"{target} reports revenue of {v}"),
        ("ceo", lambda v: f"{target} is led by {v}"),
        ("website", lambda v: f"{possessive(target)} website is {host_of(v) or v}"),
    )
    for attribute, render in facts:
        if attribute == "ceo" and _led_by_latest(composer, inp):
            continue
        value_fact(composer, conflicts, inp.target, attribute, render)
    project = inp.pack.key_project.name if inp.pack and inp.pack.key_project else None
    project = project or key_project(composer.claims, inp.target)
    if project is not None:
        naming = [c.claim_id for c in best_first(composer.claims) if mentions(c, project)]
        composer.add(f"{possessive(target)} key project is {plain(project)}", naming[:2])
    _add_rest(composer, (ClaimType.ENTITY, ClaimType.RELATIONSHIP, ClaimType.METRIC))
    return composer.draft()


def _located(project: str) -> Render:
    def render(value: str) -> str:
        """'X is located 60 km north of Y' or 'X is located in Y'."""
        first = value.split(" ", 1)[0].lower()
        direct = value[:1].isdigit() or " of " in value or first in {"in", "at", "near", "on"}
        return f"{project} is located {value if direct else 'in ' + value}"

    return render


def _stage(project: str) -> Render:
    def render(value: str) -> str:
        """'X is at the pre-construction stage'."""
        shown = value if value[:2].isupper() else value[:1].lower() + value[1:]
        suffix = "" if "stage" in shown.lower() else " stage"
        return f"{project} is at the {shown}{suffix}"

    return render


def _superseded(timeline: Timeline, timelines: Sequence[Timeline]) -> bool:
    """True when another timeline of the same event reports it happened or dates it later."""
    day = timeline.current_date
    return any(
        other is not timeline
        and other.attribute == timeline.attribute
        and (
            other.current_status is EventStatus.ACTUAL
            or (day is not None and other.current_date is not None and other.current_date > day)
        )
        for other in timelines
    )


def _led_by_latest(composer: Composer, inp: WriterInput) -> bool:
    """'X is led by NAME (chief executive, reported 2025)' when a dated report names the
    target's chief executive and no later one names another; False to fall back on the `ceo`
    attribute (a chief executive named only in undated pages may have left)."""
    named = set(inp.resolved_object_ids)  # the plan names the chief executives here
    contacts = [c for c in inp.merge.contacts_resolved if c.contact_id in named]
    earlier = superseded_holders(contacts)
    chiefs = [
        c
        for c in contacts
        if c.stakeholder_role == "target_staff"
        and holder_key(c.current_role) == "ceo"
        and c.role_reported_on is not None
        and c.contact_id not in earlier
        and names_match(c.organization or inp.target, inp.target)
        and composer.routed(c.evidence_claims)
    ]
    if not chiefs:
        return False
    chief = max(chiefs, key=lambda c: (c.role_reported_on or date.min, c.contact_id))
    when = chief.role_reported_on.year if chief.role_reported_on else ""
    role = plain(chief.current_role or "chief executive")
    return composer.add(
        f"{plain(inp.target)} is led by {plain(chief.name)} ({role}, reported {when})",
        composer.routed(chief.evidence_claims),
    )


def write_opportunity(inp: WriterInput) -> SectionDraft:
    """OPPORTUNITY: the project's location, stage, capacity, capital cost and milestones."""
    composer = Composer(inp.section, inp.claims)
    conflicts = named_conflicts(inp)
    timelines = named_timelines(inp)
    name = key_project(composer.claims, inp.target) or (timelines[0].subject if timelines else None)
    if name is not None:
        project = plain(name)
        value_fact(composer, conflicts, name, "project_location", _located(project))
        value_fact(composer, conflicts, name, "project_stage", _stage(project))
        value_fact(
            composer,
            conflicts,
            name,
            "project_capacity",
            lambda v: f"{project} is designed for a capacity of {v}",
        )
        value_fact(
            composer,
            conflicts,
            name,
            "capital_cost",
            lambda v: f"The capital cost of {project} is estimated at {v}",
        )
    milestones: list[tuple[str, str]] = []
    for timeline in sorted(timelines, key=date_key):
        events = routed_events(timeline, composer.by_id)
        overdue = is_overdue(timeline, inp.lead.as_of)
        if not events or (overdue and _superseded(timeline, timelines)):
            continue
        last = events[-1]
        overdue = overdue and last == timeline.history[-1]
        phrase = event_phrase(timeline.attribute, last.status, last.value, overdue=overdue)
        if name is not None and not names_match(timeline.subject, name):
            phrase += f" ({plain(timeline.subject)})"
        milestones.append((phrase, last.claim_id))
    if milestones:
        subject = f"{plain(name)} milestones" if name else "Milestones"
        composer.add(
            f"{subject}: " + "; ".join(phrase for phrase, _ in milestones),
            [cid for _, cid in milestones],
        )
    partners = [c for c in best_first(composer.claims) if c.claim_type is ClaimType.RELATIONSHIP]
    for claim in partners[:MAX_EXTRA_STATEMENTS]:
        composer.add_statement(claim)
    _add_funding(composer)
    _add_rest(composer, (ClaimType.OPPORTUNITY, ClaimType.METRIC))
    return composer.draft()
