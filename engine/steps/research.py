"""The six research steps: each asks the backend for documents, extracts claims, builds a pack.

`search_signal`, `entity_research`, `contact_discovery`, then in parallel `enrich_lead`,
`enrich_opportunity` and `client_specific`. Claim ids carry the step's prefix (DESIGN §3). The
context packs of seed 003 pass forward what the next step needs: `signal_to_entity` after the
search, `entity_to_contacts` after entity research, and a first `contacts_to_enrichment` after
contact discovery whose questions steer the parallel enrichment (insight rebuilds it after the
merge). The two critical steps fail with a message when there is nothing to research. What a
model backend dropped or repaired while extracting goes into the step output as `model_notes`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from engine.llm.schemas import clean_text
from engine.merge import merge_claims
from engine.models import Claim
from engine.packs import (
    build_contacts_to_enrichment,
    build_entity_to_contacts,
    build_signal_to_entity,
)
from engine.packs.facts import mentions
from engine.pipeline.context import StepContext, StepResult
from engine.research.backend import ResearchRequest

StepFunction = Callable[[StepContext], Awaitable[StepResult]]
MAX_MODEL_NOTES = 200
MODEL_NOTE_CHARS = 400

CLAIM_PREFIXES: dict[str, str] = {
    "search_signal": "search",
    "entity_research": "entity",
    "contact_discovery": "contact",
    "enrich_lead": "lead",
    "enrich_opportunity": "opp",
    "client_specific": "client",
}
DEFAULT_QUESTIONS: dict[str, tuple[str, ...]] = {
    "search_signal": (
        "What recent permit, approval, award, financing or construction news shows buying intent?",
    ),
    "entity_research": ("What is the company's legal identity, parent, HQ, domains and project?",),
    "contact_discovery": ("Who owns project execution, procurement and construction?",),
    "enrich_lead": ("What is the company's market position, partners and recent results?",),
    "enrich_opportunity": ("What are the project's scope, capacity, cost, stage and schedule?",),
    "client_specific": ("What will they buy that the client sells, and how do they procure it?",),
}
# Which earlier output holds the questions that steer each step.
_QUESTION_SOURCES: dict[str, tuple[str, str]] = {
    "entity_research": ("search_signal", "key_questions"),
    "contact_discovery": ("entity_research", "key_questions"),
}


class NothingToResearch(Exception):
    """A critical research step found nothing to work from."""


async def _incoming_pack(ctx: StepContext, step_id: str) -> dict[str, Any] | None:
    """The context pack this step receives (None for the first step)."""
    if step_id == "search_signal":
        return None
    source = _QUESTION_SOURCES.get(step_id, ("contact_discovery", ""))[0]
    pack = (await ctx.output(source)).get("pack")
    return dict(pack) if isinstance(pack, dict) else None


async def _questions(ctx: StepContext, step_id: str) -> list[str]:
    if step_id in _QUESTION_SOURCES:
        source, key = _QUESTION_SOURCES[step_id]
        pack = (await ctx.output(source)).get("pack") or {}
        asked = [str(q) for q in pack.get(key, [])]
    else:
        pack = (await ctx.output("contact_discovery")).get("pack") or {}
        asked = [str(q) for q in (pack.get("enrichment_questions") or {}).get(step_id, [])]
    return asked or list(DEFAULT_QUESTIONS[step_id])


def _pack_after(step_id: str, claims: list[Claim], target: str) -> dict[str, Any] | None:
    if step_id == "search_signal":
        return build_signal_to_entity(claims, target=target).model_dump(mode="json")
    if step_id == "entity_research":
        return build_entity_to_contacts(claims, target=target).model_dump(mode="json")
    if step_id == "contact_discovery":
        merge = merge_claims(claims, target_entity=target)
        return build_contacts_to_enrichment(claims, merge, target=target).model_dump(mode="json")
    return None


def research_step(step_id: str) -> StepFunction:
    """The step function of one research step."""
    prefix = CLAIM_PREFIXES[step_id]

    async def run(ctx: StepContext) -> StepResult:
        corpus = await ctx.corpus()
        questions = await _questions(ctx, step_id)
        earlier = await ctx.claims()
        request = ResearchRequest(
            step_id,
            ctx.target,
            ctx.client,
            corpus,
            tuple(questions),
            pack=await _incoming_pack(ctx, step_id),
            earlier_claims=tuple(earlier),
        )
        documents = await ctx.backend.research(request)
        if step_id == "search_signal" and not documents:
            raise NothingToResearch(
                f"the run has no source documents for {ctx.target!r}"
                + ("" if corpus else " and the backend found none")
            )
        claims = (
            await ctx.backend.extract(
                documents, target=ctx.target, prefix=prefix, context=corpus, request=request
            )
            if documents
            else []
        )
        known = earlier + claims
        if step_id == "entity_research" and not any(mentions(c, ctx.target) for c in known):
            raise NothingToResearch(
                f"found nothing about {ctx.target!r} in {len(corpus)} source documents; "
                "check the target's name or the sources"
            )
        output: dict[str, Any] = {
            "documents": [doc.source_id for doc in documents],
            "questions": questions,
            "claims": len(claims),
            "claim_types": _type_counts(claims),
        }
        notes = model_notes(ctx.backend, prefix) if documents else None
        if notes is not None:
            output["model_notes"] = notes
        pack = await ctx.call(_pack_after, step_id, known, ctx.target)
        if pack is not None:
            output["pack"] = pack
        return StepResult(output=output, claims=claims)

    run.__name__ = step_id
    return run


def model_notes(backend: object, prefix: str) -> list[str] | None:
    """What the backend's extraction for `prefix` dropped or repaired, one line each (at most
    MAX_MODEL_NOTES, the last saying how many more), or None when the backend keeps no notes."""
    by_prefix = getattr(backend, "extraction_notes", None)
    found = by_prefix.get(prefix) if isinstance(by_prefix, dict) else None
    if found is None:
        return None
    lines = [f"dropped: {line}" for line in getattr(found, "dropped", [])]
    lines += [f"repaired: {line}" for line in getattr(found, "repaired", [])]
    clean = [clean_text(str(line), MODEL_NOTE_CHARS) for line in lines]
    if len(clean) > MAX_MODEL_NOTES:
        more = len(clean) - MAX_MODEL_NOTES + 1
        clean = [*clean[: MAX_MODEL_NOTES - 1], f"... and {more} more notes"]
    return clean


def _type_counts(claims: list[Claim]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for claim in claims:
        counts[claim.claim_type.value] = counts.get(claim.claim_type.value, 0) + 1
    return dict(sorted(counts.items()))
