"""The offline backend: research over the run's local documents, rules instead of a model.

Research hands each step the documents allocated to it (`allocation`); extraction is the claims
engine; insight, contact copy and sections come from the extractive writers. No key, no network,
reproducible: the same sources always give the same dossier. CPU-bound work runs in a worker
thread so concurrent steps of several runs do not block one another's event loop.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

from engine.claims import extract_claims
from engine.models import Claim, SourceDocument
from engine.models.dossier import ContactCopy, SectionDraft, StrategicInsight
from engine.research.allocation import allocate_documents
from engine.research.backend import ResearchRequest, Usage
from engine.writing import enrich_contact, strategic_insight, write_section
from engine.writing.inputs import ContactInput, InsightInput, WriterInput


class OfflineBackend:
    """Deterministic research, extraction and writing over local documents."""

    name = "offline"
    model: str | None = None

    def __init__(self) -> None:
        self._usage = Usage()

    async def research(self, request: ResearchRequest) -> list[SourceDocument]:
        """The corpus documents that answer this step best (none twice across steps)."""
        allocation = await asyncio.to_thread(allocate_documents, request.corpus, request.client)
        return list(allocation.get(request.step_id, []))

    async def extract(
        self,
        documents: Sequence[SourceDocument],
        *,
        target: str,
        prefix: str,
        context: Sequence[SourceDocument] = (),
        request: ResearchRequest | None = None,
    ) -> list[Claim]:
        """Claims by the deterministic rules of the claims engine, with the corpus as context."""
        return await asyncio.to_thread(
            extract_claims, documents, target=target, prefix=prefix, context=context
        )

    async def insight(self, inp: InsightInput) -> StrategicInsight:
        """The extractive strategic insight."""
        return strategic_insight(inp)

    async def enrich_contact(self, inp: ContactInput) -> ContactCopy:
        """Bio and outreach copy from the contact's claims."""
        return enrich_contact(inp)

    async def write_section(self, inp: WriterInput) -> SectionDraft:
        """One section, written extractively from its routed claims."""
        return write_section(inp)

    def usage(self) -> Usage:
        """Nothing spent: no model is called."""
        return self._usage
