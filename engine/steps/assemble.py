"""Step `assemble`: the `v2_dossiers` record (seed 000) from everything the run produced.

The record gathers the lead summary (`find_lead`), company intelligence (`enrich_lead`), the
merge and strategy (`insight`), outreach copy (`copy`), media and the written sections, with the
sources collected from the claims the sections cite (seed 003 "Source Auto-Population"). It is
stored as a new version of the run's dossier only when its content changed, so a resumed step
never adds a duplicate version.
"""

from __future__ import annotations

from typing import Any

from engine.models import DOSSIER_SECTIONS, Claim, MergeResult
from engine.models.dossier import DossierRecord, FindLead, WrittenSection
from engine.pipeline.context import StepContext, StepResult
from engine.pipeline.sources import collect_sources
from engine.scoring import LeadScore

_VOLATILE = {"version", "created_at", "updated_at", "released_at", "status"}


def timing_line(lead: LeadScore) -> str:
    """'HOT - <reason>' (the reason already starts with the urgency when scoring wrote it)."""
    if lead.urgency_reason.startswith(lead.timing_urgency):
        return lead.urgency_reason
    return f"{lead.timing_urgency} - {lead.urgency_reason}"


def _primary_signal(lead: LeadScore, claims: dict[str, Claim]) -> dict[str, Any] | None:
    claim = claims.get(lead.primary_signal_id or "")
    if claim is None:
        return None
    return {
        "claim_id": claim.claim_id,
        "statement": claim.statement,
        "date": claim.date_in_claim.isoformat() if claim.date_in_claim else None,
        "source_url": claim.source_url,
        "source_name": claim.source_name,
        "source_tier": claim.source_tier.value,
    }


def _enrich_lead(entity_pack: dict[str, Any], claims: dict[str, Claim]) -> dict[str, Any]:
    keys = ("canonical_target", "corporate_structure", "key_project", "partner_organizations")
    data: dict[str, Any] = {key: entity_pack.get(key) for key in keys}
    for prefix, label in (("lead_", "lead_claims"), ("opp_", "opportunity_claims")):
        data[label] = sorted(cid for cid in claims if cid.startswith(prefix))
    return data


def build_record(
    ctx: StepContext,
    outputs: dict[str, dict[str, Any]],
    claims: dict[str, Claim],
    merge: MergeResult,
    sections: dict[str, WrittenSection],
) -> DossierRecord:
    """The dossier record from the steps' outputs, the claims, the merge and the sections."""
    insight_out = outputs["insight"]
    lead = LeadScore.model_validate(insight_out["lead"])
    strategy = insight_out["insight"]
    entity_pack = outputs["entity_research"].get("pack") or {}
    project = (entity_pack.get("key_project") or {}).get("name")
    find_lead = FindLead(
        timing_urgency=timing_line(lead),
        the_angle=strategy["the_angle"],
        one_liner=strategy["one_liner"],
        lead_score=lead.score,
        score_explanation=lead.explanation,
        primary_buying_signal=_primary_signal(lead, claims),
    )
    ordered = {s: sections[s] for s in DOSSIER_SECTIONS if s in sections}
    sources = collect_sources(ordered, claims)
    copy = {
        "contacts": outputs.get("enrich_contacts", {}).get("contacts", []),
        "objection_handling": strategy.get("objections", []),
    }
    media = {
        "image_assets": outputs.get("media", {}).get("image_assets", []),
        "notes_for_sales_team": outputs.get("media", {}).get("notes_for_sales_team", {}),
    }
    insight = {
        "merge": merge.contract_json(),
        "decisions": [d.model_dump(mode="json") for d in merge.decisions],
        "strategy": strategy,
        "lead_score": lead.model_dump(mode="json"),
    }
    record = DossierRecord(
        dossier_id=ctx.run.dossier_id,
        run_id=ctx.run_id,
        client_id=ctx.run.client_id,
        client_name=ctx.run.client_name,
        target_entity=ctx.target,
        target_project=project,
        lead_score=lead.score,
        find_lead=find_lead,
        enrich_lead=_enrich_lead(entity_pack, claims),
        insight=insight,
        copy_=copy,
        media=media,
        sections=ordered,
        sources=sources,
    )
    assembled = record.model_dump(mode="json", exclude={"assembled_dossier", *_VOLATILE})
    assembled["client"] = ctx.client.model_dump(mode="json")
    assembled["plan_no"] = outputs["write_sections"].get("plan_no")
    return record.model_copy(update={"assembled_dossier": assembled})


def _content(record: DossierRecord) -> dict[str, Any]:
    data = record.model_dump(mode="json", exclude=_VOLATILE)
    data["insight"] = {**data["insight"], "merge": None}
    data["assembled_dossier"] = {**data["assembled_dossier"], "insight": None}
    return data


def _save(ctx: StepContext, record: DossierRecord) -> DossierRecord:
    stored = ctx.store.get_dossier(ctx.org_id, record.dossier_id)
    if stored is not None and _content(stored) == _content(record):
        return stored
    reason = "assembled" if stored is None else "reassembled"
    return ctx.store.save_dossier(ctx.org_id, record, reason=reason)


STEPS_READ = ("entity_research", "enrich_contacts", "insight", "media", "write_sections")


async def assemble(ctx: StepContext) -> StepResult:
    """Assemble and store the dossier; a changed dossier becomes a new version."""
    outputs = {step: await ctx.output(step) for step in STEPS_READ}
    written = outputs["write_sections"]
    kept = set(written.get("rewritten", [])) | set(written.get("unchanged", []))
    stored_sections = await ctx.call(ctx.store.list_sections, ctx.org_id, ctx.run_id)
    sections = {name: section for name, section in stored_sections.items() if name in kept}
    merge = await ctx.call(ctx.store.latest_merge, ctx.org_id, ctx.run_id)
    if merge is None or not outputs["insight"]:
        raise RuntimeError(f"run {ctx.run_id!r} has no merge or insight to assemble")
    claims = {claim.claim_id: claim for claim in await ctx.claims()}
    record = build_record(ctx, outputs, claims, merge, sections)
    saved = await ctx.call(_save, ctx, record)
    return StepResult(
        output={
            "dossier_id": saved.dossier_id,
            "version": saved.version,
            "lead_score": saved.lead_score,
            "sections": len(saved.sections),
            "sources": len(saved.sources),
            "failed_sections": sorted(written.get("failed", {})),
        }
    )
