"""Step `dossier_plan`: route the claims to the dossier's sections (seed 003 "Dossier Plan").

The default routing is computed from the claims, the latest merge and the reviews. A plan the
analyst saved (author "analyst") is never overwritten: the rebuild keeps their routing. A plan
identical to the latest stored one is not stored again, so resuming or rebuilding adds versions
only when the routing really changed. MEDIA and SOURCES are routed from what the other sections
use (the pages the images come from; every routed claim). A model backend may advise moves
(`advise_plan`, shown at most ADVICE_CLAIMS claims, best first); they are applied to the default
routing only where they are safe: a claim kept out for a review, a conflict, an
instruction-like statement, another entity (off-target) or as a LOW-confidence note is never
routed back in. The advice is optional: when the model call fails (or the budget is spent) the
default plan is kept and the failure is recorded in the step output as "model_advice_error".
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from engine.models import DOSSIER_SECTIONS, Claim, DossierPlan, SectionRoute
from engine.models.dossier import MediaAsset
from engine.pipeline.context import StepContext, StepResult
from engine.planning import claim_order, default_plan
from engine.planning.edit import route_claim, unroute_claim
from engine.research.backend import BudgetSpent
from engine.scoring import best_first

DEFAULT_AUTHOR = "default"
CLAIMS_PER_IMAGE_PAGE = 2
ADVICE_CLAIMS = 200  # the most claims the model's plan advice is shown (best first)
ADVICE_ERROR_CHARS = 500


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


PROTECTED_REASONS = (
    "rejected in review",
    "instruction-like",
    "conflict_",
    "off-target:",
    "NOTE with LOW confidence",
)


def _default_or_kept(
    ctx: StepContext, assets: list[MediaAsset]
) -> tuple[int | None, str, DossierPlan]:
    """(plan_no, author, plan): the analyst's stored plan, or a new default plan (plan_no None)."""
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
    return None, DEFAULT_AUTHOR, with_media_and_sources(plan, claims, assets)


def apply_advice(plan: DossierPlan, moves: Sequence[Any]) -> tuple[DossierPlan, list[str]]:
    """The plan with the model's safe moves applied, and one line per move applied."""
    protected = {
        claim_id
        for claim_id, reason in plan.unmapped_claims.reasons.items()
        if reason.startswith(PROTECTED_REASONS) or " not recommended " in reason
    }
    applied: list[str] = []
    for move in moves:
        if move.claim_id in protected:
            continue
        was_unmapped = move.claim_id in plan.unmapped_claims.reasons
        for section in move.remove_from:
            plan = unroute_claim(plan, move.claim_id, section)
        if not was_unmapped and move.claim_id in plan.unmapped_claims.reasons:
            plan.unmapped_claims.reasons[move.claim_id] = (
                f"removed by the model's plan advice: {move.reason or 'no reason given'}"
            )
        for section in move.add_to:
            plan = route_claim(plan, move.claim_id, section)
        applied.append(
            f"{move.claim_id}: add {', '.join(move.add_to) or 'none'}; "
            f"remove {', '.join(move.remove_from) or 'none'} ({move.reason or 'no reason given'})"
        )
    return plan, applied


def _advice_error(what: str, exc: Exception) -> str:
    """One line for the step output: what failed, and the error (the default plan is kept)."""
    detail = " ".join(str(exc).split()) or type(exc).__name__
    line = f"{what}; the default plan is kept ({type(exc).__name__}: {detail})"
    return line[:ADVICE_ERROR_CHARS]


def _save(ctx: StepContext, plan: DossierPlan) -> int:
    latest = ctx.store.latest_plan(ctx.org_id, ctx.run_id)
    if latest is not None and latest[1] == plan:
        return latest[0]
    return ctx.store.save_plan(ctx.org_id, ctx.run_id, plan, author=DEFAULT_AUTHOR)


async def dossier_plan(ctx: StepContext) -> StepResult:
    """Route claims to sections, keeping an analyst's routing when there is one."""
    assets = [
        MediaAsset.model_validate(asset)
        for asset in (await ctx.output("media")).get("image_assets", [])
    ]
    kept_no, author, plan = await ctx.call(_default_or_kept, ctx, assets)
    advised: list[str] = []
    advice_error: str | None = None
    advise = getattr(ctx.backend, "advise_plan", None)
    if kept_no is None and callable(advise):
        claims = await ctx.claims()
        try:
            advice = await advise(plan, best_first(claims)[:ADVICE_CLAIMS])
            plan, advised = apply_advice(plan, advice.moves)
        except BudgetSpent as exc:
            advice_error = _advice_error("the model budget is spent", exc)
        except Exception as exc:  # the advice is optional: the default plan stands without it
            advice_error = _advice_error("the model's plan advice failed", exc)
        plan = with_media_and_sources(plan, claims, assets)
    plan_no = kept_no if kept_no is not None else await ctx.call(_save, ctx, plan)
    extra = {} if advice_error is None else {"model_advice_error": advice_error}
    return StepResult(
        output={
            "plan_no": plan_no,
            "author": author,
            "model_moves": advised,
            **extra,
            "routed": {
                section: len(plan.section_routing[section].claim_ids)
                for section in DOSSIER_SECTIONS
                if section in plan.section_routing
            },
            "unmapped": len(plan.unmapped_claims.claim_ids),
        }
    )
