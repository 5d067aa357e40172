"""Step `write_sections`: one writer per section, concurrently, each checked for citations.

Each section's writer gets only its routed claims plus what that section reads of the run
(`SECTION_EXTRAS`). Before writing, the section's fingerprint is compared with the stored
section's: an unchanged section is kept as it is, so a rebuild rewrites only what changed. A
draft's citations are checked against the section's routed claims (repaired or reported), and
each section is stored as soon as it is written, so a retried step does not write it twice. A
writer that fails leaves its section out and the run `partial`; the other sections go on.
"""

from __future__ import annotations

import asyncio
from typing import Any

from engine.models import DOSSIER_SECTIONS, Claim, SectionName
from engine.models.dossier import ContactCopy, MediaAsset, StrategicInsight, WrittenSection
from engine.models.packs import ContactsToEnrichmentPack
from engine.pipeline.context import StepContext, StepResult
from engine.pipeline.fingerprint import section_fingerprint
from engine.planning import section_route
from engine.research.backend import BudgetSpent, TransientError
from engine.scoring import LeadScore
from engine.writing import WRITER_VERSION, check_citations
from engine.writing.inputs import WriterInput

# The run-level inputs each section's writer reads besides its routed claims (and so its
# fingerprint covers): a section not listed here never sees them.
SECTION_EXTRAS: dict[SectionName, frozenset[str]] = {
    "INTRO": frozenset({"pack"}),
    "SCORE": frozenset({"lead"}),
    "WHY_THEYLL_BUY_NOW": frozenset({"lead"}),
    "OPPORTUNITY": frozenset(),
    "VERIFIED_CONTACTS": frozenset({"contacts_copy"}),
    "DEAL_STRATEGY": frozenset({"insight"}),
    "OUTREACH": frozenset({"contacts_copy", "insight"}),
    "MEDIA": frozenset({"media"}),
    "SOURCES": frozenset(),
}


def writer_version(ctx: StepContext, section: str) -> str:
    """Backend, model and writer version (and the section's prompt version, for a model backend):
    a change rewrites the sections it affects."""
    version = f"{ctx.backend.name}:{ctx.backend.model or '-'}:{WRITER_VERSION}"
    prompt_version = getattr(ctx.backend, "section_prompt_version", None)
    return f"{version}:{prompt_version(section)}" if callable(prompt_version) else version


class _RunInputs:
    """What the earlier steps produced, loaded once for all writers."""

    def __init__(
        self, ctx: StepContext, insight_out: dict[str, Any], contacts: list[Any], media: list[Any]
    ) -> None:
        self.lead = LeadScore.model_validate(insight_out["lead"])
        self.insight = StrategicInsight.model_validate(insight_out["insight"])
        pack = insight_out.get("pack")
        self.pack = ContactsToEnrichmentPack.model_validate(pack) if pack else None
        self.contacts_copy = [ContactCopy.model_validate(c) for c in contacts]
        self.media = [MediaAsset.model_validate(m) for m in media]

    def extras(self, section: SectionName) -> dict[str, Any]:
        used = SECTION_EXTRAS[section]
        values: dict[str, Any] = {}
        if "lead" in used:
            values["lead"] = self.lead.model_dump(mode="json")
        if "insight" in used:
            values["insight"] = self.insight.model_dump(mode="json")
        if "pack" in used and self.pack is not None:
            values["pack"] = self.pack.model_dump(mode="json")
        if "contacts_copy" in used:
            values["contacts_copy"] = [c.model_dump(mode="json") for c in self.contacts_copy]
        if "media" in used:
            values["media"] = [m.model_dump(mode="json") for m in self.media]
        return values


async def write_sections(ctx: StepContext) -> StepResult:
    """Write every section whose inputs changed; keep the others."""
    plan_entry = await ctx.call(ctx.store.latest_plan, ctx.org_id, ctx.run_id)
    merge = await ctx.call(ctx.store.latest_merge, ctx.org_id, ctx.run_id)
    if plan_entry is None or merge is None:
        raise RuntimeError(f"run {ctx.run_id!r} has no plan or merge to write from")
    plan_no, plan = plan_entry
    claims = {claim.claim_id: claim for claim in await ctx.claims()}
    reviews = await ctx.reviews()
    inputs = _RunInputs(
        ctx,
        await ctx.output("insight"),
        (await ctx.output("enrich_contacts")).get("contacts", []),
        (await ctx.output("media")).get("image_assets", []),
    )
    stored = await ctx.call(ctx.store.list_sections, ctx.org_id, ctx.run_id)

    async def one(section: SectionName) -> tuple[str, WrittenSection | None, str | None]:
        version = writer_version(ctx, section)
        route = section_route(plan, section)
        extras = inputs.extras(section)
        fingerprint = section_fingerprint(
            section, route, claims, merge, reviews, ctx.client, version, extras
        )
        old = stored.get(section)
        if old is not None and old.fingerprint == fingerprint:
            return "unchanged", old, None
        routed: list[Claim] = [claims[cid] for cid in route.claim_ids if cid in claims]
        used = SECTION_EXTRAS[section]
        inp = WriterInput(
            section=section,
            target=ctx.target,
            claims=routed,
            resolved_object_ids=list(route.resolved_object_ids),
            coverage_notes=route.coverage_notes,
            merge=merge,
            client=ctx.client,
            lead=inputs.lead,
            insight=inputs.insight if "insight" in used else None,
            pack=inputs.pack if "pack" in used else None,
            contacts_copy=inputs.contacts_copy if "contacts_copy" in used else (),
            media=inputs.media if "media" in used else (),
        )
        try:
            async with ctx.fan_out:
                draft = await ctx.backend.write_section(inp)
        except (TransientError, BudgetSpent):
            raise
        except Exception as exc:  # one writer's failure must not sink the other sections
            return "failed", None, f"{type(exc).__name__}: {exc}"
        written = check_citations(draft, route.claim_ids, claims).model_copy(
            update={"fingerprint": fingerprint, "writer_version": version}
        )
        await ctx.call(ctx.store.save_sections, ctx.org_id, ctx.run_id, [written])
        return "rewritten", written, None

    results = await asyncio.gather(*(one(section) for section in DOSSIER_SECTIONS))
    output: dict[str, Any] = {
        "plan_no": plan_no,
        "rewritten": [],
        "unchanged": [],
        "failed": {},
        "citation_issues": [],
        "sentences": {},
    }
    for section, (outcome, written, error) in zip(DOSSIER_SECTIONS, results, strict=True):
        if outcome == "failed":
            output["failed"][section] = error
            continue
        output[outcome].append(section)
        assert written is not None
        output["sentences"][section] = len(written.sentences)
        if outcome == "rewritten":
            output["citation_issues"].extend(written.citation_issues)
    return StepResult(output=output)
