"""The backend interface the pipeline's steps call: research, extract, insight, enrich, write.

The same steps run offline (deterministic research over local documents) or on an LLM: a step
never knows which. `TransientError` marks a failure worth retrying (a timeout, a rate limit);
any other exception fails the step at once. `Usage` counts what a backend spent.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from engine.models import Claim, Client, SourceDocument
from engine.models.dossier import ContactCopy, SectionDraft, StrategicInsight
from engine.writing.inputs import ContactInput, InsightInput, WriterInput


class TransientError(Exception):
    """A failure that may pass if the call is tried again (timeout, rate limit, 5xx)."""


@dataclass(frozen=True)
class ResearchRequest:
    """What one research step looks for, over the run's sources (or the web, for an LLM).

    `pack` is the context pack the step receives from the one before it (seed 003: what it needs,
    not every claim); `earlier_claims` are the run's claims so far, for backends that measure
    what the pack saves.
    """

    step_id: str
    target: str
    client: Client
    corpus: Sequence[SourceDocument]
    questions: Sequence[str] = field(default_factory=tuple)
    pack: Mapping[str, Any] | None = None
    earlier_claims: Sequence[Claim] = field(default_factory=tuple)


class BudgetSpent(Exception):
    """The run's model budget is spent: the runner stops the run as partial with this message."""


@dataclass
class Usage:
    """What a backend has spent so far: calls to a model, tokens and cost."""

    llm_calls: int = 0
    tokens: int = 0
    cost_usd: float = 0.0


class Backend(Protocol):
    """What steps call; implemented by the offline backend and by the LLM backend."""

    name: str
    model: str | None

    async def research(self, request: ResearchRequest) -> list[SourceDocument]:
        """The documents this step reads."""
        ...

    async def extract(
        self,
        documents: Sequence[SourceDocument],
        *,
        target: str,
        prefix: str,
        context: Sequence[SourceDocument] = (),
        request: ResearchRequest | None = None,
    ) -> list[Claim]:
        """Claims from the documents, ids `<prefix>_NNN` from 1; `context`: the whole corpus;
        `request`: the step's research request (questions and incoming pack)."""
        ...

    async def insight(self, inp: InsightInput) -> StrategicInsight:
        """The strategy drawn from the merged claims and the client."""
        ...

    async def enrich_contact(self, inp: ContactInput) -> ContactCopy:
        """Bio, relation to the signal and outreach copy for one contact."""
        ...

    async def write_section(self, inp: WriterInput) -> SectionDraft:
        """One section written from its routed claims, citing their ids."""
        ...

    def usage(self) -> Usage:
        """Calls, tokens and cost spent so far."""
        ...
