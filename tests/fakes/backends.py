"""A scriptable backend for pipeline tests: the offline backend plus latency, failures, retries.

`ScriptedBackend` answers like the offline backend, but can sleep before each call, raise a
permanent error or a run of transient errors for chosen steps or sections, and records every
call it receives so tests can see what ran (and what a resume did not run again).
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass, field

from engine.models import Claim, SourceDocument
from engine.models.dossier import ContactCopy, SectionDraft, StrategicInsight
from engine.research.backend import ResearchRequest, TransientError, Usage
from engine.research.offline import OfflineBackend
from engine.writing.inputs import ContactInput, InsightInput, WriterInput


@dataclass
class ScriptedBackend:
    """The offline backend with scripted latency and failures, recording its calls."""

    latency_s: float = 0.0
    fail: dict[str, Exception] = field(default_factory=dict)
    transient: dict[str, int] = field(default_factory=dict)
    calls: list[tuple[str, str]] = field(default_factory=list)
    name: str = "offline"
    model: str | None = None

    def __post_init__(self) -> None:
        self._inner = OfflineBackend()

    async def _enter(self, method: str, key: str) -> None:
        self.calls.append((method, key))
        if self.latency_s:
            await asyncio.sleep(self.latency_s)
        if key in self.fail:
            raise self.fail[key]
        if self.transient.get(key, 0) > 0:
            self.transient[key] -= 1
            raise TransientError(f"{key}: temporarily unavailable")

    async def research(self, request: ResearchRequest) -> list[SourceDocument]:
        await self._enter("research", request.step_id)
        return await self._inner.research(request)

    async def extract(
        self,
        documents: Sequence[SourceDocument],
        *,
        target: str,
        prefix: str,
        context: Sequence[SourceDocument] = (),
        request: ResearchRequest | None = None,
    ) -> list[Claim]:
        await self._enter("extract", prefix)
        return await self._inner.extract(documents, target=target, prefix=prefix, context=context)

    async def insight(self, inp: InsightInput) -> StrategicInsight:
        await self._enter("insight", "insight")
        return await self._inner.insight(inp)

    async def enrich_contact(self, inp: ContactInput) -> ContactCopy:
        await self._enter("enrich_contact", inp.contact.contact_id)
        return await self._inner.enrich_contact(inp)

    async def write_section(self, inp: WriterInput) -> SectionDraft:
        await self._enter("write_section", inp.section)
        return await self._inner.write_section(inp)

    def usage(self) -> Usage:
        return Usage()

    def called(self, method: str) -> list[str]:
        """The keys of every call to `method`, in order."""
        return [key for m, key in self.calls if m == method]
