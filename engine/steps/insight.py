"""Step `insight` (07B): the single merge point, the lead score and the strategic insight.

All claims of the run are merged with the analyst's reviews (DESIGN §4) and the merge is stored
as the run's latest (unless an identical one already is, so a resumed step stores nothing
twice). The lead score reads the signals and timelines, leaving out values rejected in review.
The backend draws the strategy, and the `contacts_to_enrichment` pack carries canonical identity
and confirmed contacts to the writers.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from typing import Any

from engine.merge import merge_claims
from engine.models import Claim, MergeResult, Review
from engine.packs import build_contacts_to_enrichment
from engine.pipeline.context import StepContext, StepResult
from engine.planning.exclusions import review_rejections
from engine.scoring import lead_score
from engine.writing.inputs import InsightInput


def reviews_fingerprint(reviews: list[Review]) -> str:
    """A hash of the reviews' decisions, to tell whether a rebuild must merge again."""
    payload = sorted(
        json.dumps(r.model_dump(mode="json", exclude={"decided_at"}), sort_keys=True)
        for r in reviews
    )
    return hashlib.sha256("\n".join(payload).encode()).hexdigest()[:16]


def _same_merge(stored: MergeResult | None, merge: MergeResult) -> bool:
    if stored is None:
        return False
    ignore = {"reconciliation_timestamp"}
    return stored.model_dump(mode="json", exclude=ignore) == merge.model_dump(
        mode="json", exclude=ignore
    ) and [d.model_dump(mode="json") for d in stored.decisions] == [
        d.model_dump(mode="json") for d in merge.decisions
    ]


def _merge_and_save(
    ctx: StepContext, claims: list[Claim], reviews: list[Review]
) -> tuple[MergeResult, str | None]:
    merge = merge_claims(claims, target_entity=ctx.target, reviews=reviews, now=datetime.now(UTC))
    stored = ctx.store.latest_merge(ctx.org_id, ctx.run_id)
    if _same_merge(stored, merge):
        return merge, None
    return merge, ctx.store.save_merge(ctx.org_id, ctx.run_id, merge)


async def insight(ctx: StepContext) -> StepResult:
    """Merge every claim, score the lead, and ask the backend for the strategy."""
    claims = await ctx.claims()
    reviews = await ctx.reviews()
    merge, merge_id = await ctx.call(_merge_and_save, ctx, claims, reviews)
    rejected = review_rejections(reviews, {claim.claim_id: claim for claim in claims})
    scored = [c for c in claims if c.claim_id not in rejected]
    lead = lead_score(scored, merge.timelines_resolved, today=ctx.today, client=ctx.client)
    pack = await ctx.call(build_contacts_to_enrichment, claims, merge, target=ctx.target)
    strategy = await ctx.backend.insight(
        InsightInput(
            target=ctx.target, claims=scored, merge=merge, client=ctx.client, lead=lead, pack=pack
        )
    )
    output: dict[str, Any] = {
        "merge_id": merge_id,
        "summary": merge.summary.model_dump(mode="json"),
        "lead": lead.model_dump(mode="json"),
        "insight": strategy.model_dump(mode="json"),
        "pack": pack.model_dump(mode="json"),
        "reviews_fingerprint": reviews_fingerprint(reviews),
    }
    return StepResult(output=output)
