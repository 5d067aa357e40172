"""Step `dossier_plan`: route the claims to the dossier's sections (seed 003 "Dossier Plan").

The default routing is computed from the claims, the latest merge and the reviews. A plan the
analyst saved (author "analyst") is never overwritten: the rebuild keeps their routing. A plan
identical to the latest stored one is not stored again, so resuming or rebuilding adds versions
only when the routing really changed.
"""

from __future__ import annotations

from engine.models import DOSSIER_SECTIONS, DossierPlan
from engine.pipeline.context import StepContext, StepResult
from engine.planning import default_plan

DEFAULT_AUTHOR = "default"


def _plan_and_save(ctx: StepContext) -> tuple[int, str, DossierPlan]:
    store, org_id, run_id = ctx.store, ctx.org_id, ctx.run_id
    versions = store.list_plans(org_id, run_id)
    latest = store.latest_plan(org_id, run_id)
    if latest is not None and versions and versions[-1][1] != DEFAULT_AUTHOR:
        return latest[0], versions[-1][1], latest[1]
    merge = store.latest_merge(org_id, run_id)
    if merge is None:
        raise RuntimeError(f"run {run_id!r} has no merge to plan from; run the insight step")
    plan = default_plan(
        store.list_claims(org_id, run_id),
        merge,
        reviews=store.list_reviews(org_id, run_id),
        target=ctx.target,
    )
    if latest is not None and latest[1] == plan:
        return latest[0], DEFAULT_AUTHOR, plan
    return store.save_plan(org_id, run_id, plan, author=DEFAULT_AUTHOR), DEFAULT_AUTHOR, plan


async def dossier_plan(ctx: StepContext) -> StepResult:
    """Route claims to sections, keeping an analyst's routing when there is one."""
    plan_no, author, plan = await ctx.call(_plan_and_save, ctx)
    return StepResult(
        output={
            "plan_no": plan_no,
            "author": author,
            "routed": {
                section: len(plan.section_routing[section].claim_ids)
                for section in DOSSIER_SECTIONS
                if section in plan.section_routing
            },
            "unmapped": len(plan.unmapped_claims.claim_ids),
        }
    )
