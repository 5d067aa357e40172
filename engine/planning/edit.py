"""Analyst edits to a dossier plan: route a claim to a section, take it out, move it.

Pure functions returning a new plan. A claim routed to a section leaves the unmapped list; a
claim taken out of its last section joins it with the analyst's reason. `check_plan` refuses a
plan that names claims the run does not have.
"""

from __future__ import annotations

from collections.abc import Collection

from engine.models import DOSSIER_SECTIONS, DossierPlan, InvalidInput, SectionName, SectionRoute
from engine.planning.plan import claim_order

ANALYST_REASON = "removed from every section by the analyst"


def _copy(plan: DossierPlan) -> DossierPlan:
    return plan.model_copy(deep=True)


def route_claim(plan: DossierPlan, claim_id: str, section: SectionName) -> DossierPlan:
    """The plan with the claim also routed to `section`."""
    edited = _copy(plan)
    route = edited.section_routing.setdefault(section, SectionRoute())
    if claim_id not in route.claim_ids:
        route.claim_ids = sorted([*route.claim_ids, claim_id], key=claim_order)
    unmapped = edited.unmapped_claims
    if claim_id in unmapped.claim_ids:
        unmapped.claim_ids = [cid for cid in unmapped.claim_ids if cid != claim_id]
        unmapped.reasons.pop(claim_id, None)
    return edited


def unroute_claim(plan: DossierPlan, claim_id: str, section: SectionName) -> DossierPlan:
    """The plan without the claim in `section` (unmapped if it is in no section any more)."""
    edited = _copy(plan)
    route = edited.section_routing.get(section)
    if route is not None:
        route.claim_ids = [cid for cid in route.claim_ids if cid != claim_id]
    still_routed = any(
        claim_id in edited.section_routing[s].claim_ids
        for s in DOSSIER_SECTIONS
        if s in edited.section_routing
    )
    if not still_routed and claim_id not in edited.unmapped_claims.claim_ids:
        unmapped = edited.unmapped_claims
        unmapped.claim_ids = sorted([*unmapped.claim_ids, claim_id], key=claim_order)
        unmapped.reasons[claim_id] = ANALYST_REASON
    return edited


def move_claim(
    plan: DossierPlan, claim_id: str, source: SectionName, destination: SectionName
) -> DossierPlan:
    """The plan with the claim moved from one section to another."""
    if source == destination:
        return _copy(plan)
    return unroute_claim(route_claim(plan, claim_id, destination), claim_id, source)


def check_plan(plan: DossierPlan, claim_ids: Collection[str]) -> None:
    """Raise InvalidInput naming the first routed or unmapped claim the run does not have."""
    known = set(claim_ids)
    for section in DOSSIER_SECTIONS:
        route = plan.section_routing.get(section)
        for claim_id in route.claim_ids if route else ():
            if claim_id not in known:
                raise InvalidInput(
                    f"the plan routes claim {claim_id!r} to {section}, "
                    "but the run has no such claim"
                )
    for claim_id in plan.unmapped_claims.claim_ids:
        if claim_id not in known:
            raise InvalidInput(
                f"the plan lists unmapped claim {claim_id!r}, but the run has no such claim"
            )
