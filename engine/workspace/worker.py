"""The run worker: pipelines executing in a background thread, outliving the page that started them.

One `RunWorker` per store and org holds a `Runner` and a thread running its own asyncio event
loop. Pages submit work (launch, resume, rebuild) and return at once; the runner commits every
step, claim and event to the store, and pages poll the store to show progress. The worker never
touches the UI. An error that escapes a run (not one the runner records on the run itself) is
kept in `errors` so the page can show it. A run executing holds the database file for its whole
execution (`Store.session`, named "running run X" to a process that finds the file busy).
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Coroutine
from concurrent.futures import Future
from datetime import date
from typing import Any, TypeVar

from engine.llm.secrets import redact
from engine.models.run import RunRecord, RunRequest
from engine.pipeline.launch import create_run
from engine.pipeline.rebuild import RebuildResult, rebuild
from engine.pipeline.runner import BackendFactory, Runner
from engine.store import Store

LOG = logging.getLogger(__name__)
FINISHING_WAIT_S = 5.0
T = TypeVar("T")


class RunWorker:
    """Executes runs of one org on a background event loop; safe to call from any thread."""

    def __init__(
        self,
        store: Store,
        org_id: str,
        *,
        concurrency: int | None = None,
        backend_factory: BackendFactory | None = None,
        today: date | None = None,
    ) -> None:
        self.store = store
        self.org_id = org_id
        self.runner = Runner(
            store, org_id, concurrency=concurrency, backend_factory=backend_factory, today=today
        )
        self.errors: dict[str, str] = {}
        self._futures: dict[str, Future[Any]] = {}
        self._lock = threading.Lock()
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(
            target=self._loop.run_forever, name=f"run-worker-{org_id}", daemon=True
        )
        self._thread.start()

    def set_concurrency(self, concurrency: int) -> None:
        """Steps at once for runs started from now on."""
        self.runner.concurrency = concurrency

    def launch(self, request: RunRequest) -> RunRecord:
        """Check and create the run (InvalidInput names what is wrong), then start it."""
        run = create_run(self.store, self.org_id, request)
        self.start(run.run_id)
        return run

    def start(self, run_id: str) -> Future[RunRecord]:
        """Execute (or resume) the run in the background; a run already active is not doubled.

        A run whose execution has just stopped (paused, say) but whose worker task is still
        finishing is waited for briefly, then started again.
        """
        with self._lock:
            active = self._futures.get(run_id)
        if active is not None and not active.done():
            run = self.store.get_run(self.org_id, run_id)
            if run is None or run.status in ("queued", "running"):
                return active
            try:
                active.result(timeout=FINISHING_WAIT_S)
            except Exception:  # its error is kept in `errors`; the new execution goes on
                pass
        with self._lock:
            active = self._futures.get(run_id)
            if active is not None and not active.done():
                return active
            self.errors.pop(run_id, None)
            future = self._submit(
                run_id, self._held(f"running run {run_id}", self.runner.execute(run_id))
            )
            self._futures[run_id] = future
            return future

    def rebuild(self, run_id: str) -> Future[RebuildResult]:
        """Rebuild the run's dossier in the background (only the sections whose inputs changed)."""
        with self._lock:
            active = self._futures.get(run_id)
            if active is not None and not active.done():
                raise RuntimeError(f"run {run_id!r} is still executing; rebuild when it ends")
            self.errors.pop(run_id, None)
            future = self._submit(
                run_id, self._held(f"rebuilding run {run_id}", rebuild(self.runner, run_id))
            )
            self._futures[run_id] = future
            return future

    def cancel(self, run_id: str) -> bool:
        """Ask the run to stop after its current steps; False when it has already finished."""
        return self.store.request_cancel(self.org_id, run_id)

    def is_active(self, run_id: str) -> bool:
        """True while the run is executing or rebuilding in this worker."""
        with self._lock:
            future = self._futures.get(run_id)
            return future is not None and not future.done()

    def active_runs(self) -> list[str]:
        """The runs executing or rebuilding in this worker now."""
        with self._lock:
            return sorted(run_id for run_id, f in self._futures.items() if not f.done())

    def wait(self, run_id: str, timeout: float | None = None) -> Any:
        """Block until the run's current work ends; return its result (for tests and scripts)."""
        with self._lock:
            future = self._futures.get(run_id)
        return None if future is None else future.result(timeout=timeout)

    def close(self) -> None:
        """Stop the event loop after the work in progress (runs left unfinished can be resumed)."""
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=5)

    async def _held(self, activity: str, work: Coroutine[Any, Any, T]) -> T:
        """Run `work` holding the database file, the note beside it saying what it does."""
        try:
            with self.store.session(activity):
                return await work
        finally:
            work.close()  # never started when the file could not be opened: no warning

    def _submit(self, run_id: str, work: Coroutine[Any, Any, T]) -> Future[T]:
        future = asyncio.run_coroutine_threadsafe(work, self._loop)

        def remember_error(done: Future[T]) -> None:
            if done.cancelled():
                return
            error = done.exception()
            if error is not None:
                LOG.warning("run %s ended with an error: %s", run_id, redact(str(error)))
                self.errors[run_id] = redact(f"{type(error).__name__}: {error}")

        future.add_done_callback(remember_error)
        return future
