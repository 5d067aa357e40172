"""Step `dossier_plan`: route the claims to the dossier's sections (seed 003 "Dossier Plan").

The default routing is computed from the claims, the latest merge and the reviews. A plan the
analyst saved (author "analyst") is never overwritten: the rebuild keeps their routing. A plan
identical to the latest stored one is not stored again, so resuming or rebuilding adds versions
only when the routing really changed. MEDIA and SOURCES are routed from what the other sections
use (the pages the images come from; every routed claim).
"""

from __future__ import annotations

from collections.abc import Sequence

from engine.models import DOSSIER_SECTIONS, Claim, DossierPlan, SectionRoute
from engine.models.dossier import MediaAsset
from engine.pipeline.context import StepContext, StepResult
from engine.planning import claim_order, default_plan
from engine.scoring import best_first

DEFAULT_AUTHOR = "default"
CLAIMS_PER_IMAGE_PAGE = 2


def with_media_and_sources(
    plan: DossierPlan, claims: Sequence[Claim], assets: Sequence[MediaAsset]
) -> DossierPlan:
    """The plan with MEDIA and SOURCES routes drawn from what the other sections use.

    MEDIA gets the best claims (already routed elsewhere) of each page an image comes from, so
    each image's caption can cite what that page says; SOURCES gets every claim routed to
    another section, so its writer can say what the dossier rests on.
    """
    routed = {
        claim_id
        for section, route in plan.section_routing.items()
        if section not in ("MEDIA", "SOURCES")
        for claim_id in route.claim_ids
    }
    usable = [claim for claim in claims if claim.claim_id in routed]
    media = set(plan.section_routing.get("MEDIA", SectionRoute()).claim_ids)
    for page in dict.fromkeys(a.source_page_url for a in assets if a.source_page_url):
        on_page = [claim for claim in usable if claim.source_url == page]
        media.update(claim.claim_id for claim in best_first(on_page)[:CLAIMS_PER_IMAGE_PAGE])
    edited = plan.model_copy(deep=True)
    for section, ids in (("MEDIA", media), ("SOURCES", routed | media)):
        route = edited.section_routing.setdefault(section, SectionRoute())  # type: ignore[arg-type]
        route.claim_ids = sorted(ids, key=claim_order)
    return edited


def _plan_and_save(ctx: StepContext, assets: list[MediaAsset]) -> tuple[int, str, DossierPlan]:
    store, org_id, run_id = ctx.store, ctx.org_id, ctx.run_id
    versions = store.list_plans(org_id, run_id)
    latest = store.latest_plan(org_id, run_id)
    if latest is not None and versions and versions[-1][1] != DEFAULT_AUTHOR:
        return latest[0], versions[-1][1], latest[1]
    merge = store.latest_merge(org_id, run_id)
    if merge is None:
        raise RuntimeError(f"run {run_id!r} has no merge to plan from; run the insight step")
    claims = store.list_claims(org_id, run_id)
    plan = default_plan(
        claims, merge, reviews=store.list_reviews(org_id, run_id), target=ctx.target
    )
    plan = with_media_and_sources(plan, claims, assets)
    if latest is not None and latest[1] == plan:
        return latest[0], DEFAULT_AUTHOR, plan
    return store.save_plan(org_id, run_id, plan, author=DEFAULT_AUTHOR), DEFAULT_AUTHOR, plan


async def dossier_plan(ctx: StepContext) -> StepResult:
    """Route claims to sections, keeping an analyst's routing when there is one."""
    assets = [
        MediaAsset.model_validate(asset)
        for asset in (await ctx.output("media")).get("image_assets", [])
    ]
    plan_no, author, plan = await ctx.call(_plan_and_save, ctx, assets)
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
