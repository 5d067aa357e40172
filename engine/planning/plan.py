"""The default dossier plan (step `dossier_plan`): route every claim to sections or say why not.

`default_plan` is pure and independent of the order of its inputs: claim ids within a section
and unmapped ids are in claim-id order, resolved object ids sorted. Every input claim is either
routed to at least one section or listed in `unmapped_claims` with a reason. Section rules are in
`engine.planning.routes`, exclusions in `engine.planning.exclusions`, notes in
`engine.planning.coverage`.
"""

from __future__ import annotations

from collections.abc import Sequence

from engine.merge.freshness import holder_key
from engine.models.claims import STEP_PREFIXES, Claim, ClaimType
from engine.models.merge import MergeResult
from engine.models.plan import (
    DOSSIER_SECTIONS,
    DossierPlan,
    SectionName,
    SectionRoute,
    UnmappedClaims,
)
from engine.models.reviews import Review
from engine.packs.orgs import (
    PROJECT_ATTRIBUTES,
    key_project,
    parent_of,
    partners_of,
    related_names,
    subsidiaries_of,
)
from engine.planning.coverage import SECTION_NOTES
from engine.planning.exclusions import exclusion_reasons
from engine.planning.routes import (
    CONTACT_SECTIONS,
    TIMING_SECTIONS,
    RoutingContext,
    claim_sections,
    live_timelines,
)
from engine.scoring.evidence import best_first

NO_SECTION_REASON = "low-relevance: {kind} claim fits no section"


def claim_order(claim_id: str) -> tuple[int, str, int, str]:
    """Sort key for claim ids: by step (pipeline order), then number."""
    prefix, _, number = claim_id.rpartition("_")
    step = STEP_PREFIXES.index(prefix) if prefix in STEP_PREFIXES else len(STEP_PREFIXES)
    return (step, prefix, int(number) if number.isdigit() else 0, claim_id)


def _context(claims: Sequence[Claim], merge: MergeResult, target: str) -> RoutingContext:
    project = key_project(claims, target)
    parent = parent_of(claims, target)
    group = [target, *subsidiaries_of(claims, target)] + ([parent[0]] if parent else [])
    return RoutingContext(
        target=target,
        group=group,
        project=project,
        partners=[p.name for p in partners_of(claims, target, project)],
        contact_claim_ids={cid for c in merge.contacts_resolved for cid in c.evidence_claims},
        timeline_claim_ids={e.claim_id for t in merge.timelines_resolved for e in t.history},
    )


def conflict_sections(
    merge: MergeResult, routes: dict[SectionName, list[str]]
) -> dict[str, set[SectionName]]:
    """Conflict id -> the sections that must name it (those holding its routed claims).

    A conflict none of whose claims is routed goes to the section of its attribute (project
    attributes: OPPORTUNITY, else INTRO), so every open conflict is named somewhere.
    """
    placed: dict[str, set[SectionName]] = {}
    routed = {section: set(ids) for section, ids in routes.items()}
    for conflict in merge.conflicts:
        involved = set(conflict.claims_involved)
        sections = {section for section, ids in routed.items() if involved & ids}
        if not sections:
            sections = {"OPPORTUNITY" if conflict.attribute in PROJECT_ATTRIBUTES else "INTRO"}
        placed[conflict.conflict_id] = sections
    return placed


def _resolved_ids(
    merge: MergeResult, context: RoutingContext, conflicts: dict[str, set[SectionName]]
) -> dict[SectionName, set[str]]:
    ids: dict[SectionName, set[str]] = {section: set() for section in DOSSIER_SECTIONS}
    for contact in merge.contacts_resolved:
        if set(contact.evidence_claims) - context.excluded_claim_ids:
            for section in CONTACT_SECTIONS:
                ids[section].add(contact.contact_id)
            if holder_key(contact.current_role) == "ceo":
                ids["INTRO"].add(contact.contact_id)  # the intro says who leads the company
    for timeline in live_timelines(merge, context):
        for section in TIMING_SECTIONS:
            ids[section].add(timeline.timeline_id)
    for conflict_id, sections in conflicts.items():
        for section in sections:
            ids[section].add(conflict_id)
    return ids


def _open_items_note(
    merge: MergeResult,
    section: SectionName,
    claim_ids: set[str],
    conflicts: dict[str, set[SectionName]],
) -> str:
    notes: list[str] = []
    for conflict in sorted(merge.conflicts, key=lambda c: c.conflict_id):
        if section not in conflicts[conflict.conflict_id]:
            continue
        chosen = conflict.recommended_claim_id
        if chosen is not None and chosen in claim_ids:
            others = ", ".join(sorted(set(conflict.claims_involved) - {chosen}))
            value = conflict.values.get(chosen, "")
            notes.append(
                f"Open conflict {conflict.conflict_id} ({conflict.attribute}): routed {chosen} "
                f"({value!r}), kept out {others}."
            )
        elif chosen is not None:
            notes.append(
                f"Open conflict {conflict.conflict_id} ({conflict.attribute}): its recommended "
                f"claim {chosen} is not routed here; no value of it is routed."
            )
        else:
            notes.append(
                f"Open conflict {conflict.conflict_id} ({conflict.attribute}): no recommendation, "
                "all values routed; analyst review needed."
            )
    for item in sorted(merge.ambiguous, key=lambda a: a.ambiguous_id):
        if set(item.claims_involved) & claim_ids:
            notes.append(f"Open {item.kind.lower()} question {item.ambiguous_id}: {item.reason}.")
    return " ".join(notes)


def default_plan(
    claims: Sequence[Claim],
    merge: MergeResult,
    *,
    reviews: Sequence[Review] = (),
    target: str,
) -> DossierPlan:
    """Route claims to dossier sections by type, attribute and subject; explain the rest."""
    context = _context(claims, merge, target)
    reasons = exclusion_reasons(claims, merge, reviews, related_names(claims, target))
    kept = [c for c in claims if c.claim_id not in reasons]
    context.excluded_claim_ids = set(reasons)
    signals = best_first(c for c in kept if c.claim_type is ClaimType.SIGNAL)
    context.top_signal_ids = {c.claim_id for c in signals[:3]}
    routed: dict[SectionName, list[Claim]] = {section: [] for section in DOSSIER_SECTIONS}
    for claim in kept:
        sections = claim_sections(claim, context)
        if not sections:
            reasons[claim.claim_id] = NO_SECTION_REASON.format(kind=claim.claim_type.value)
        for section in sections:
            routed[section].append(claim)
    for section in routed:
        routed[section].sort(key=lambda c: claim_order(c.claim_id))
    routes = {section: [c.claim_id for c in routed[section]] for section in DOSSIER_SECTIONS}
    placed = conflict_sections(merge, routes)
    resolved = _resolved_ids(merge, context, placed)
    all_routed = best_first({c.claim_id: c for cs in routed.values() for c in cs}.values())
    section_routing: dict[SectionName, SectionRoute] = {}
    for section in DOSSIER_SECTIONS:
        noted = all_routed if section == "SOURCES" else routed[section]
        notes = SECTION_NOTES[section](noted, merge, context)
        extra = _open_items_note(merge, section, set(routes[section]), placed)
        section_routing[section] = SectionRoute(
            claim_ids=routes[section],
            resolved_object_ids=sorted(resolved[section]),
            coverage_notes=f"{notes} {extra}".strip(),
        )
    unmapped = sorted(reasons, key=claim_order)
    return DossierPlan(
        section_routing=section_routing,
        unmapped_claims=UnmappedClaims(
            claim_ids=unmapped, reasons={cid: reasons[cid] for cid in unmapped}
        ),
    )


def section_route(plan: DossierPlan, section: SectionName) -> SectionRoute:
    """The route of one section (an empty route if the plan does not name it)."""
    return plan.section_routing.get(section, SectionRoute())


def sections_of(plan: DossierPlan, claim_id: str) -> list[SectionName]:
    """The sections a claim is routed to, in dossier order."""
    return [s for s in DOSSIER_SECTIONS if claim_id in section_route(plan, s).claim_ids]
