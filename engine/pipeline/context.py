"""What a step sees while it runs (`StepContext`) and what it returns (`StepResult`).

Steps are async and uniform: `async def step(ctx: StepContext) -> StepResult`. A step reads the
run's stored claims, sources and earlier outputs through the context (the Store is synchronous,
so each read runs in a worker thread with its own cursor) and calls the run's backend. It writes
nothing itself: the runner commits its result, claims and timing in one transaction.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

from engine.models import Claim, Client, Review, SourceDocument
from engine.models.run import RunRecord
from engine.research.backend import Backend
from engine.store import Store

T = TypeVar("T")


@dataclass
class StepResult:
    """A step's output (JSON-ready) and the claims it extracted."""

    output: dict[str, Any]
    claims: list[Claim] = field(default_factory=list)


@dataclass
class StepContext:
    """The run, its client and backend, and read access to what earlier steps stored."""

    store: Store
    org_id: str
    run: RunRecord
    client: Client
    backend: Backend
    step_id: str
    today: date
    fan_out: asyncio.Semaphore

    @property
    def run_id(self) -> str:
        """The run this step belongs to."""
        return self.run.run_id

    @property
    def target(self) -> str:
        """The company the dossier is about."""
        return self.run.target

    async def call(self, function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run a synchronous (Store) call in a worker thread."""
        return await asyncio.to_thread(function, *args, **kwargs)

    async def claims(self) -> list[Claim]:
        """Every claim the run has stored so far."""
        return await self.call(self.store.list_claims, self.org_id, self.run_id)

    async def corpus(self) -> list[SourceDocument]:
        """The run's source documents."""
        return await self.call(self.store.list_sources, self.org_id, self.run_id)

    async def reviews(self) -> list[Review]:
        """The analyst's review decisions on this run."""
        return await self.call(self.store.list_reviews, self.org_id, self.run_id)

    async def output(self, step_id: str) -> dict[str, Any]:
        """The output of an earlier step, or {} when it failed or was skipped."""
        step = await self.call(self.store.get_step, self.org_id, self.run_id, step_id)
        if step is None or step.status != "succeeded" or step.output is None:
            return {}
        return step.output
