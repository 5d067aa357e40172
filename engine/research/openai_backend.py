"""The openai backend: a language model researches, extracts claims, draws strategy and writes.

`OpenAIBackend` implements the Backend the pipeline's steps call, over any `StructuredLLM`
(engine.llm.openai_client in production, a scripted fake in tests). Research reads the run's
sources, allocated to steps exactly as offline (engine.research.allocation); without sources it
searches the web when a `WebSearcher` is given, each cited page becoming a document, and
otherwise fails with a clear message: it never invents a source. Extraction sends the documents
fenced as untrusted data (without the sentences the guard calls instructions or finds governed
by one: context.model_view) in batches under `MAX_PROMPT_TOKENS`, with the step's questions and its
incoming context pack (`context_mode="pack"`) or every earlier claim (`"all_claims"`, to measure
what packs save); the engine, not the model, numbers and checks the claims (engine.llm.claims).
The merge stays deterministic: the model gives only the strategic part of the insight. Model
errors map onto the pipeline's: a transient one is retried, a spent budget stops the run; a
final model error in the insight falls back to the engine's insight. A reply gives at most
`MAX_DRAFTS_PER_REPLY` drafts and a step at most `MAX_CLAIMS_PER_STEP` claims, de-duplicated
across batches. What was dropped or repaired is kept in `extraction_notes` (per claim prefix)
and `notes` (per step).
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import Literal, Protocol, TypeVar

from pydantic import BaseModel

from engine.claims.guard import is_instruction_statement
from engine.llm.claims import claims_from_drafts
from engine.llm.context import (
    WebSearchAnswer,
    anchor_claims,
    model_view,
    pack_text,
    questions_text,
    resolved_text,
    section_context,
    section_names,
    web_documents,
)
from engine.llm.prompts import (
    NONE_TEXT,
    DocumentHeaderTooLong,
    UntrustedValue,
    claim_lines,
    client_text,
    document_blocks,
    fence,
    lead_text,
    merge_text,
    prompt_hash,
    render,
)
from engine.llm.protocol import (
    BudgetExceeded,
    CallContext,
    CallUsage,
    LLMError,
    LLMTransientError,
    Prompt,
    StructuredLLM,
)
from engine.llm.schemas import (
    ContactOutput,
    ExtractionOutput,
    InsightOutput,
    PlanAdvice,
    PlanMove,
    SectionOutput,
    cited_ids,
    cited_sentences,
    clean_text,
    contact_copy_from_output,
    insight_from_output,
)
from engine.models import (
    CONFIDENCE_RANK,
    DOSSIER_SECTIONS,
    TIER_RANK,
    Claim,
    DossierPlan,
    SourceDocument,
)
from engine.models.dossier import (
    LINKEDIN_MAX_CHARS,
    SECTION_TITLES,
    ContactCopy,
    SectionDraft,
    StrategicInsight,
)
from engine.research.allocation import allocate_documents
from engine.research.backend import BudgetSpent, ResearchRequest, TransientError, Usage
from engine.tokens import compact_json, estimate_tokens
from engine.writing import enrich_contact as engine_contact_copy
from engine.writing import strategic_insight as engine_insight
from engine.writing.inputs import ContactInput, InsightInput, WriterInput
from engine.writing.section_text import usable_claims

T = TypeVar("T", bound=BaseModel)
ContextMode = Literal["pack", "all_claims"]

NO_SOURCES_MESSAGE = (
    "no sources for this run and web search is off; give sources or enable WORKBENCH_WEB_SEARCH"
)
MAX_PROMPT_TOKENS = 12_000
MIN_DOCUMENT_ROOM_TOKENS = 1_000
MAX_DRAFTS_PER_REPLY = 400
MAX_CLAIMS_PER_STEP = 1_000
MAX_ADVICE_CLAIMS = 200
STEP_OF_PREFIX = {
    "search": "search_signal",
    "entity": "entity_research",
    "contact": "contact_discovery",
    "lead": "enrich_lead",
    "opp": "enrich_opportunity",
    "client": "client_specific",
}


class NoResearchSources(Exception):
    """The run has no sources and web search is off: nothing to research."""


class WebSearcher(Protocol):
    """A model endpoint that can search the web (the Responses API web_search tool)."""

    async def web_search(self, query: str, *, context: CallContext) -> WebSearchAnswer:
        """Search the web for the query; the answer cites the pages it used."""
        ...


@dataclass
class ExtractionNotes:
    """What one step's extraction dropped or repaired, one line each."""

    dropped: list[str] = field(default_factory=list)
    repaired: list[str] = field(default_factory=list)


@contextmanager
def _pipeline_errors() -> Iterator[None]:
    """Model errors as the pipeline knows them: transient (retry) or budget spent (stop)."""
    try:
        yield
    except BudgetExceeded as exc:
        raise BudgetSpent(str(exc)) from exc
    except LLMTransientError as exc:
        raise TransientError(str(exc)) from exc


class OpenAIBackend:
    """The Backend of an `openai` run: a structured-output model behind every step."""

    name = "openai"

    def __init__(
        self,
        llm: StructuredLLM,
        *,
        context: CallContext,
        web_search: WebSearcher | None = None,
        context_mode: ContextMode = "pack",
    ) -> None:
        self.llm = llm
        self.model: str | None = llm.model
        self.context = context
        self.web_search = web_search
        self.context_mode: ContextMode = context_mode
        self.prompt_tokens: dict[str, int] = {}
        self.extraction_notes: dict[str, ExtractionNotes] = {}
        self.notes: dict[str, list[str]] = {}
        self._usage = Usage()

    def _spend(self, step_id: str, usage: CallUsage) -> None:
        if not usage.cache_hit:
            self._usage.llm_calls += 1
        self._usage.tokens += usage.total_tokens
        self._usage.cost_usd += usage.cost_usd
        self.prompt_tokens[step_id] = self.prompt_tokens.get(step_id, 0) + usage.prompt_tokens

    async def _call(self, prompt: Prompt, schema: type[T], step_id: str) -> T:
        with _pipeline_errors():
            context = replace(self.context, step_id=step_id)
            result = await self.llm.structured(prompt, schema, context=context)
        self._spend(step_id, result.usage)
        return result.value

    async def research(self, request: ResearchRequest) -> list[SourceDocument]:
        """The run's sources allocated to this step, else cited web pages, else an error."""
        if request.corpus:
            allocation = await asyncio.to_thread(allocate_documents, request.corpus, request.client)
            return list(allocation.get(request.step_id, []))
        if self.web_search is None:
            raise NoResearchSources(NO_SOURCES_MESSAGE)
        prompt = render(
            f"research_{request.step_id}",
            {"target": request.target, "client": client_text(request.client)},
            {"questions": questions_text(request), "pack": pack_text(request.pack)},
        )
        query = "\n\n".join(message.content for message in prompt.messages)
        with _pipeline_errors():
            context = replace(self.context, step_id=request.step_id)
            answer = await self.web_search.web_search(query, context=context)
        usage = getattr(answer, "usage", None)
        if isinstance(usage, CallUsage):
            self._spend(request.step_id, usage)
        return web_documents(answer, target=request.target, step_id=request.step_id)

    def _extraction_context(self, request: ResearchRequest | None) -> list[tuple[str, str]]:
        if request is None:
            return [("context", NONE_TEXT)]
        if self.context_mode == "all_claims":
            return [("earlier claims", claim_lines(request.earlier_claims))]
        if request.pack is None:
            return [("context", "(none: this is the first research step)")]
        kind = str(request.pack.get("context_type", "")).replace("_", " ")
        return [(f"context pack {kind}", compact_json(dict(request.pack)))]

    def _batches(
        self,
        documents: Sequence[SourceDocument],
        values: dict[str, str],
        fixed: dict[str, UntrustedValue],
        notes: ExtractionNotes,
    ) -> list[tuple[list[tuple[str, str]], list[SourceDocument]]]:
        """Documents in batches whose prompts stay under MAX_PROMPT_TOKENS (big ones in parts;
        a document whose header leaves no room is left out with a note)."""
        base = render("extract_claims", values, {**fixed, "documents": []})
        used_by_base = sum(estimate_tokens(message.content) for message in base.messages)
        room = max(MAX_PROMPT_TOKENS - used_by_base, MIN_DOCUMENT_ROOM_TOKENS)
        batches: list[tuple[list[tuple[str, str]], list[SourceDocument]]] = []
        blocks: list[tuple[str, str]] = []
        docs: dict[str, SourceDocument] = {}
        used = 0
        for document in documents:
            try:
                document_parts = document_blocks(model_view(document), room)
            except DocumentHeaderTooLong as exc:
                notes.dropped.append(str(exc))
                continue
            for label, text in document_parts:
                cost = estimate_tokens(fence(label, text)) + 1
                if blocks and used + cost > room:
                    batches.append((blocks, list(docs.values())))
                    blocks, docs, used = [], {}, 0
                blocks.append((label, text))
                docs[document.source_id] = document
                used += cost
        if blocks:
            batches.append((blocks, list(docs.values())))
        return batches

    async def extract(
        self,
        documents: Sequence[SourceDocument],
        *,
        target: str,
        prefix: str,
        context: Sequence[SourceDocument] = (),
        request: ResearchRequest | None = None,
    ) -> list[Claim]:
        """Claims the model extracts, numbered `<prefix>_NNN` by the engine across batches."""
        step_id = request.step_id if request else STEP_OF_PREFIX.get(prefix, prefix)
        values = {"target": target, "step": step_id}
        untrusted: dict[str, UntrustedValue] = {
            "questions": questions_text(request),
            "context": self._extraction_context(request),
        }
        notes = self.extraction_notes[prefix] = ExtractionNotes()
        batches = self._batches(documents, values, untrusted, notes)
        replies = await asyncio.gather(
            *(
                self._call(
                    render("extract_claims", values, {**untrusted, "documents": blocks}),
                    ExtractionOutput,
                    step_id,
                )
                for blocks, _ in batches
            )
        )
        claims: list[Claim] = []
        seen: dict[tuple[object, ...], str] = {}
        for number, ((_, docs), reply) in enumerate(zip(batches, replies, strict=True), 1):
            drafts = reply.claims
            if len(drafts) > MAX_DRAFTS_PER_REPLY:
                notes.dropped.append(
                    f"batch {number}: {len(drafts) - MAX_DRAFTS_PER_REPLY} drafts over the "
                    f"{MAX_DRAFTS_PER_REPLY} a reply may give; not read"
                )
                drafts = drafts[:MAX_DRAFTS_PER_REPLY]
            outcome = await asyncio.to_thread(
                claims_from_drafts,
                drafts,
                prefix=prefix,
                documents=docs,
                target=target,
                start=len(claims) + 1,
                seen=seen,
                limit=MAX_CLAIMS_PER_STEP - len(claims),
            )
            claims.extend(outcome.claims)
            if outcome.over_limit:
                notes.dropped.append(
                    f"batch {number}: {outcome.over_limit} drafts over the "
                    f"{MAX_CLAIMS_PER_STEP} claims a step may keep; not read"
                )
            notes.dropped.extend(
                f"batch {number}, draft {i + 1}: {why}" for i, why in outcome.dropped
            )
            notes.repaired.extend(f"{claim_id}: {why}" for claim_id, why in outcome.repaired)
        return claims

    def _notes(self, step_id: str) -> list[str]:
        return self.notes.setdefault(step_id, [])

    async def insight(self, inp: InsightInput) -> StrategicInsight:
        """The strategic part of the insight, from the pack (or every claim) and the merge."""
        claims = usable_claims(inp.claims)
        all_claims = self.context_mode == "all_claims"
        shown = claims if all_claims else anchor_claims(inp, claims)
        pack = inp.pack.model_dump(mode="json") if inp.pack is not None and not all_claims else None
        prompt = render(
            "insight",
            {"target": inp.target, "client": client_text(inp.client)},
            {
                "lead": lead_text(inp.lead),
                "pack": compact_json(pack) if pack else NONE_TEXT,
                "merge": merge_text(inp.merge),
                "claims": claim_lines(shown),
            },
        )
        try:
            output = await self._call(prompt, InsightOutput, "insight")
        except LLMError as exc:
            if isinstance(exc, LLMTransientError | BudgetExceeded):
                raise
            self._notes("insight").append(
                f"the model's insight failed ({clean_text(str(exc), 300)}); the engine's insight "
                "is used instead"
            )
            return await asyncio.to_thread(engine_insight, inp)
        return insight_from_output(
            output,
            known_ids={claim.claim_id for claim in claims},
            fallback=lambda: engine_insight(inp),
            notes=self._notes("insight"),
        )

    async def enrich_contact(self, inp: ContactInput) -> ContactCopy:
        """Bio, relation to the signal and outreach copy for one contact."""
        contact = inp.contact
        claims = usable_claims(inp.claims)
        signal = inp.signal
        if signal is not None and is_instruction_statement(signal.statement):
            signal = None
        prompt = render(
            "enrich_contact",
            {
                "target": inp.target,
                "client": client_text(inp.client),
                "linkedin_max": str(LINKEDIN_MAX_CHARS),
            },
            {
                "contact": compact_json(contact),
                "claims": claim_lines(claims),
                "signal": claim_lines([signal] if signal else []),
            },
        )
        output = await self._call(prompt, ContactOutput, "enrich_contacts")
        identity = ContactCopy(
            contact_id=contact.contact_id,
            name=contact.name,
            title=contact.current_role,
            organization=contact.organization,
            bio="",
            relation_to_signal="",
            email_copy="",
            linkedin_copy="",
            client_email_copy="",
            client_linkedin_copy="",
            evidence_claims=list(contact.evidence_claims),
        )
        return contact_copy_from_output(
            output,
            identity=identity,
            known_ids={claim.claim_id for claim in claims},
            fallback=lambda: engine_contact_copy(inp),
            notes=self._notes("enrich_contacts"),
        )

    async def write_section(self, inp: WriterInput) -> SectionDraft:
        """One section from its routed claims; made-up citations stay for the citation check."""
        title = SECTION_TITLES[inp.section]
        claims = usable_claims(inp.claims)
        if not claims:
            return SectionDraft(section=inp.section, title=title)
        prompt = render(
            f"section_{inp.section.lower()}",
            {
                "target": inp.target,
                "client": client_text(inp.client),
                "section": f"{inp.section} ({title})",
            },
            {
                "claims": claim_lines(claims),
                "resolved": resolved_text(inp),
                "context": section_context(inp),
            },
        )
        output = await self._call(prompt, SectionOutput, "write_sections")
        notes = self._notes("write_sections")
        sentences = cited_sentences(output.sentences, notes, where=inp.section)
        return SectionDraft(section=inp.section, title=title, sentences=sentences)

    async def advise_plan(self, plan: DossierPlan, claims: Sequence[Claim]) -> PlanAdvice:
        """Suggested routing moves, kept only for existing claims and sections."""
        routing = {name: route.claim_ids for name, route in plan.section_routing.items()}
        notes = self._notes("dossier_plan")
        usable = usable_claims(claims)
        shown = sorted(
            usable,
            key=lambda c: (-CONFIDENCE_RANK[c.confidence], -TIER_RANK[c.source_tier]),
        )[:MAX_ADVICE_CLAIMS]
        if len(usable) > len(shown):
            notes.append(f"advice saw the {len(shown)} best of {len(usable)} claims")
        prompt = render(
            "dossier_plan",
            {"sections": ", ".join(DOSSIER_SECTIONS)},
            {"plan": compact_json(plan), "claims": claim_lines(shown)},
        )
        output = await self._call(prompt, PlanAdvice, "dossier_plan")
        known = {claim.claim_id for claim in claims}
        moves: list[PlanMove] = []
        for number, move in enumerate(output.moves, 1):
            claim_id = next(iter(cited_ids([move.claim_id])), "")
            routed = {name for name, ids in routing.items() if claim_id in ids}
            add = [s for s in section_names(move.add_to) if s not in routed]
            remove = [s for s in section_names(move.remove_from) if s in routed]
            if claim_id not in known or not (add or remove):
                notes.append(f"move {number} ({claim_id or 'no claim'}) changes nothing; dropped")
                continue
            reason = clean_text(move.reason, 300)
            moves.append(PlanMove(claim_id=claim_id, add_to=add, remove_from=remove, reason=reason))
        return PlanAdvice(moves=moves)

    async def aclose(self) -> None:
        """Close the model client's connections (the runner calls it when an execution ends)."""
        closer = getattr(self.llm, "aclose", None)
        if callable(closer):
            await closer()

    def section_prompt_version(self, section: str) -> str:
        """The content hash of the section writer's prompt: editing it rewrites that section."""
        return prompt_hash(f"section_{section.lower()}")[:12]

    def usage(self) -> Usage:
        """Model calls (cache hits not counted), tokens and cost spent so far."""
        return Usage(self._usage.llm_calls, self._usage.tokens, self._usage.cost_usd)
