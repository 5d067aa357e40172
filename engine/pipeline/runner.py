"""The asyncio DAG runner: executes a run's step graph, committing each step as it ends.

Steps whose dependencies are finished run concurrently, at most `concurrency` at a time. Each
finished step's output, claims and timing are committed in one transaction, so a killed process
resumes from the last finished step (`execute` again) without duplicate claims: steps already
`succeeded` are never run twice. Transient errors are retried with backoff (engine.pipeline.
attempts runs each step). A failed critical step fails the run; any other failure leaves a
`partial` run if a dossier was still assembled. A cancel request (from any thread or process,
through the store) stops the run between polls; `pause_after_insight` stops it after the merge
until it is resumed.

Time is bounded (engine.pipeline.policy `Deadlines`): each step within the step deadline, its
retries included, and each execution within the run deadline; no step starts once the run
deadline has passed, and a run stopped by it fails naming it (resume to go on). Stored claims
that no longer validate (the Claim model's rules moved on since they were saved) are set aside
when an execution starts, each named with its reason in the run_started/run_resumed event.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, date, datetime

from engine.briefings.persist import restore_briefings
from engine.llm.deadlines import Deadline
from engine.models.run import FINISHED_STEP_STATUSES, RunRecord, RunStatus
from engine.pipeline.attempts import StepAttempts, StepOutputError, error_message
from engine.pipeline.context import StepContext
from engine.pipeline.exclusive import exclusive_run
from engine.pipeline.graph import PAUSE_AFTER, StepSpec, template_steps
from engine.pipeline.policy import Deadlines, RetryPolicy, concurrency_from_env, deadlines_from_env
from engine.pipeline.resume import steps_to_resume
from engine.research.backend import Backend, Usage
from engine.store import NotFoundError, Store

__all__ = ["BackendFactory", "Runner", "StepOutputError", "error_message"]

BackendFactory = Callable[[RunRecord], Backend]
POLL_SECONDS = 0.2


class Runner:
    """Executes runs of one org over one store."""

    def __init__(
        self,
        store: Store,
        org_id: str,
        *,
        backend_factory: BackendFactory | None = None,
        concurrency: int | None = None,
        retry: RetryPolicy | None = None,
        today: date | None = None,
        poll_seconds: float = POLL_SECONDS,
        graphs: Mapping[str, Sequence[StepSpec]] | None = None,
        deadlines: Deadlines | None = None,
    ) -> None:
        self.store = store
        self.org_id = org_id
        self.backend_factory = backend_factory or self._default_backend
        self.concurrency = concurrency if concurrency is not None else concurrency_from_env()
        self.retry = retry or RetryPolicy()
        self.deadlines = deadlines or deadlines_from_env()
        self.today = today
        self.poll_seconds = poll_seconds
        self.graphs = graphs
        self.usage: dict[str, Usage] = {}  # the backend's spend in each run's latest execution

    def _default_backend(self, run: RunRecord) -> Backend:
        from engine.pipeline.backends import backend_for

        return backend_for(self.store, self.org_id, run)

    async def execute(
        self, run_id: str, *, only: Sequence[str] | None = None, reset: Sequence[str] = ()
    ) -> RunRecord:
        """Run every step not yet succeeded and what it invalidates (or exactly `only`).

        `reset` steps are put back to pending first. A run already executing in this process is
        refused (RunInProgressError); the run's status is set when it ends.
        """
        with exclusive_run(self.store, self.org_id, run_id):
            for step_id in reset:
                self.store.reset_step(self.org_id, run_id, step_id)
            return await self._execute(run_id, only)

    async def _execute(self, run_id: str, only: Sequence[str] | None) -> RunRecord:
        run = self.store.get_run(self.org_id, run_id)
        if run is None:
            raise NotFoundError(f"run {run_id!r} does not exist in org {self.org_id!r}")
        specs = tuple(self.graphs[run.template]) if self.graphs else template_steps(run.template)
        stored = {step.step_id: step for step in self.store.list_steps(self.org_id, run_id)}
        if only is None:
            targets, stale = steps_to_resume(self.store, self.org_id, run, specs, stored)
            for step_id in stale:
                self.store.reset_step(self.org_id, run_id, step_id)
        else:
            targets = [s for s in specs if s.step_id in set(only)]
        target_ids = {spec.step_id for spec in targets}
        finished: dict[str, str] = {
            sid: step.status
            for sid, step in stored.items()
            if sid not in target_ids and step.status in ("succeeded", "failed", "skipped")
        }
        if run.status == "queued" and run.cancel_requested:
            return self._finish(run_id, "cancelled", None)  # cancelled before it started
        set_aside = self.store.set_aside_invalid_claims(self.org_id, run_id)
        resumed = run.started_at is not None
        events = self.store.list_events(self.org_id, run_id) if resumed else []
        pause = (
            only is None
            and run.pause_after_insight
            and not any(event.kind == "run_paused" for event in events)
        )
        self.store.clear_cancel(self.org_id, run_id)
        run = self.store.set_run_status(self.org_id, run_id, "running")
        started: dict[str, object] = {"steps": [spec.step_id for spec in targets]}
        if set_aside:
            started["claims_set_aside"] = [
                {"claim_id": claim_id, "step_id": step_id, "reason": reason}
                for claim_id, step_id, reason in set_aside
            ]
        self.store.add_event(
            self.org_id, run_id, "run_resumed" if resumed else "run_started", detail=started
        )
        if resumed:  # a kill between a step's commit and its persist loses nothing
            restore_briefings(self.store, self.org_id, run_id, stored.values(), target_ids)
        try:
            client = self.store.get_client(self.org_id, run.client_name)
            if client is None:
                raise NotFoundError(f"client {run.client_name!r} no longer exists")
            backend = self.backend_factory(run)
        except Exception as exc:
            return self._finish(run_id, "failed", error_message(exc))
        fan_out = asyncio.Semaphore(self.concurrency)
        today = self.today or datetime.now(UTC).date()

        def context(spec: StepSpec) -> StepContext:
            return StepContext(
                self.store, self.org_id, run, client, backend, spec.step_id, today, fan_out
            )

        try:
            outcome = await self._schedule(run_id, targets, finished, context, pause)
        finally:
            self.usage[run_id] = backend.usage()
            closer = getattr(backend, "aclose", None)
            if callable(closer):
                await closer()
        return self._conclude(run_id, specs, outcome)

    async def _schedule(
        self,
        run_id: str,
        targets: list[StepSpec],
        finished: dict[str, str],
        context: Callable[[StepSpec], StepContext],
        pause: bool,
    ) -> tuple[str | None, str | None]:
        """Run the target steps; return (stop reason, critical error)."""
        pending = list(targets)
        running: dict[asyncio.Task[tuple[str, str | None]], StepSpec] = {}
        slots = asyncio.Semaphore(self.concurrency)
        stop: str | None = None
        critical: str | None = None
        spent: dict[str, str] = {}  # every step the budget stopped -> its message
        checked = float("-inf")
        loop = asyncio.get_running_loop()
        run_ends = Deadline(loop.time() + self.deadlines.run_s, self.deadlines.run_label)
        attempts = StepAttempts(self.store, self.org_id, run_id, self.retry)

        def launch(spec: StepSpec) -> asyncio.Task[tuple[str, str | None]]:
            return asyncio.create_task(
                self._run_step(attempts, spec, context(spec), slots, run_ends)
            )

        while pending or running:
            if stop is None and pending and run_ends.left() <= 0:
                stop = "deadline"
            # Poll the store for a cancel request at most once per poll interval, so that
            # launching the next ready step never waits on a read.
            if stop is None and time.monotonic() - checked >= self.poll_seconds:
                checked = time.monotonic()
                if await asyncio.to_thread(self._cancel_requested, run_id):
                    stop = "cancelled"
                    for task in running:
                        task.cancel()
            if stop is None:
                self._launch_ready(run_id, pending, running, finished, launch)
            if not running:
                break
            done, _ = await asyncio.wait(
                running, timeout=self.poll_seconds, return_when=asyncio.FIRST_COMPLETED
            )
            for task in done:
                spec = running.pop(task)
                if task.cancelled():
                    finished_anyway = await asyncio.to_thread(
                        self._mark_cancelled, run_id, spec.step_id
                    )
                    if finished_anyway:
                        finished[spec.step_id] = "succeeded"
                    continue
                exc = task.exception()
                status, error = ("failed", error_message(exc)) if exc else task.result()
                if status == "budget":
                    finished[spec.step_id] = "failed"
                    spent[spec.step_id] = error or "budget spent"
                    stop = stop or "budget"
                    continue
                finished[spec.step_id] = status
                if status == "failed" and spec.critical and stop is None:
                    stop, critical = "failed", f"{spec.step_id} failed: {error}"
                if spec.step_id == PAUSE_AFTER and status == "succeeded" and pause:
                    stop = stop or "paused"
        if stop == "budget":
            latest = list(spent.values())[-1]
            critical = f"{latest}; stopped by it: {', '.join(spent)}"
        if stop == "deadline":
            critical = f"stopped: {run_ends.label} passed"
        return stop, critical

    def _launch_ready(
        self,
        run_id: str,
        pending: list[StepSpec],
        running: dict[asyncio.Task[tuple[str, str | None]], StepSpec],
        finished: dict[str, str],
        launch: Callable[[StepSpec], asyncio.Task[tuple[str, str | None]]],
    ) -> None:
        progressed = True
        while progressed:
            progressed = False
            for spec in list(pending):
                if any(dep not in finished for dep in spec.waits_for):
                    continue
                pending.remove(spec)
                progressed = True
                failed_needs = [dep for dep in spec.needs if finished[dep] != "succeeded"]
                if failed_needs:
                    self.store.fail_step(
                        self.org_id,
                        run_id,
                        spec.step_id,
                        f"skipped: {failed_needs[0]} did not succeed",
                        status="skipped",
                    )
                    finished[spec.step_id] = "skipped"
                    continue
                running[launch(spec)] = spec

    def _mark_cancelled(self, run_id: str, step_id: str) -> bool:
        """Mark a cancelled step, unless its commit landed first; return whether it did."""
        return not self.store.fail_step(
            self.org_id, run_id, step_id, "cancelled by the analyst", status="cancelled"
        )

    def _cancel_requested(self, run_id: str) -> bool:
        run = self.store.get_run(self.org_id, run_id)
        return run is None or run.cancel_requested

    async def _run_step(
        self,
        attempts: StepAttempts,
        spec: StepSpec,
        ctx: StepContext,
        slots: asyncio.Semaphore,
        run_ends: Deadline,
    ) -> tuple[str, str | None]:
        async with slots:  # the step's time counts from when it gets its slot
            step_end = asyncio.get_running_loop().time() + self.deadlines.step_s
            deadline = run_ends
            if step_end < run_ends.at:
                deadline = Deadline(step_end, self.deadlines.step_label)
            return await attempts.run(spec, ctx, deadline)

    def _conclude(
        self, run_id: str, specs: Sequence[StepSpec], outcome: tuple[str | None, str | None]
    ) -> RunRecord:
        stop, critical = outcome
        if stop == "cancelled":
            return self._finish(run_id, "cancelled", None)
        if stop == "failed":
            return self._finish(run_id, "failed", critical)
        if stop == "paused":
            return self._finish(run_id, "paused", None)
        if stop == "deadline":
            return self._finish(run_id, "failed", self._not_run(run_id, specs, critical or ""))
        if stop == "budget":
            message = f"stopped: the run's model budget is spent ({critical})"
            return self._finish(
                run_id, "partial", self._not_run(run_id, specs, message, "raise the budget and ")
            )
        steps = {step.step_id: step for step in self.store.list_steps(self.org_id, run_id)}
        assembled = getattr(steps.get("assemble"), "status", None) == "succeeded"
        problems = [
            f"{spec.step_id} {steps[spec.step_id].status}: {steps[spec.step_id].error}"
            for spec in specs
            if spec.step_id in steps and steps[spec.step_id].status in ("failed", "skipped")
        ]
        if assembled:
            failed_sections = (steps["assemble"].output or {}).get("failed_sections", [])
            if failed_sections:
                problems.append("sections not written: " + ", ".join(failed_sections))
            return self._finish(
                run_id, "partial" if problems else "succeeded", "; ".join(problems) or None
            )
        return self._finish(run_id, "failed", "; ".join(problems) or "no dossier was assembled")

    def _not_run(
        self, run_id: str, specs: Sequence[StepSpec], message: str, advice: str = ""
    ) -> str:
        """The message, with the steps left to run (and how to run them) when there are any."""
        done = {
            step.step_id
            for step in self.store.list_steps(self.org_id, run_id)
            if step.status in FINISHED_STEP_STATUSES
        }
        left = [spec.step_id for spec in specs if spec.step_id not in done]
        if left:
            message += "; not run: " + ", ".join(left) + f" ({advice}resume)"
        return message

    def _finish(self, run_id: str, status: RunStatus, error: str | None) -> RunRecord:
        record = self.store.set_run_status(self.org_id, run_id, status, error=error)
        kind = {"cancelled": "run_cancelled", "paused": "run_paused"}.get(status, "run_finished")
        self.store.add_event(
            self.org_id,
            run_id,
            kind,  # type: ignore[arg-type]
            detail={"status": status, "error": error},
        )
        return record
