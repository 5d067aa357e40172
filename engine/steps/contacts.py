"""Step `enrich_contacts`: per contact, a bio, relation to the signal and outreach copy.

It runs beside the other enrichment steps, before the merge, so it resolves the people found so
far itself (the same pure contact resolution the merge uses) and enriches each one concurrently
through the backend. Only buying-group candidates (target staff and partners) get copy:
officials, community leaders and press are stakeholders, not buyers; people whose role was
reported long ago come after those with a current one. The copy is stored in the step's
output, not as claims (seed 003: contacts have their own enrichment path); assembly puts it in
the dossier's `copy`.
"""

from __future__ import annotations

import asyncio

from engine.merge import merge_claims
from engine.merge.freshness import is_outdated, superseded_holders
from engine.merge.stakeholders import is_buyer
from engine.models import Claim, ResolvedContact
from engine.models.dossier import ContactCopy
from engine.packs.signal import strongest_signal
from engine.pipeline.context import StepContext, StepResult
from engine.writing.inputs import ContactInput

MAX_CONTACTS = 12


async def _enrich(ctx: StepContext, inp: ContactInput) -> ContactCopy:
    async with ctx.fan_out:
        return await ctx.backend.enrich_contact(inp)


def _contact_inputs(ctx: StepContext, claims: list[Claim]) -> list[ContactInput]:
    merge = merge_claims(claims, target_entity=ctx.target)
    by_id = {claim.claim_id: claim for claim in claims}
    signal = strongest_signal(claims, ctx.target)
    buyers = [contact for contact in merge.contacts_resolved if is_buyer(contact)]
    earlier = superseded_holders(merge.contacts_resolved)
    buyers.sort(key=lambda c: is_outdated(c, ctx.today, earlier))
    contacts: list[ResolvedContact] = buyers[:MAX_CONTACTS]
    return [
        ContactInput(
            contact=contact,
            claims=[by_id[cid] for cid in contact.evidence_claims if cid in by_id],
            target=ctx.target,
            client=ctx.client,
            signal=signal,
        )
        for contact in contacts
    ]


async def enrich_contacts(ctx: StepContext) -> StepResult:
    """Enrich every contact resolved from the claims so far, concurrently."""
    claims = await ctx.claims()
    inputs = await ctx.call(_contact_inputs, ctx, claims)
    copies = await asyncio.gather(*(_enrich(ctx, inp) for inp in inputs))
    return StepResult(
        output={
            "contacts": [copy.model_dump(mode="json") for copy in copies],
            "contacts_enriched": len(copies),
        }
    )
