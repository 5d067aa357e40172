"""Run records of the Store: runs, their ids, status and cancellation (steps: `steps.py`).

A run gets its `dossier_id` (`DOSS_YYYYMMDD_NNNN`, numbered per day within its org) when it is
created, even with several threads creating runs at once: a writer that loses a race to another
thread rolls back and tries again (`retry_on_conflict`, shared with the step records). A run's
error is stored with the API key masked (engine.llm.secrets.redact).
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, Literal, TypeVar, get_args
from uuid import uuid4

import duckdb

from engine.llm.replies import storable
from engine.llm.secrets import redact
from engine.models import SourceDocument
from engine.models.run import (
    FINISHED_RUN_STATUSES,
    EventKind,
    RunEvent,
    RunRecord,
    RunRequest,
    RunStatus,
)
from engine.store.database import (
    Database,
    NotFoundError,
    StoreError,
    from_db_time,
    require_key,
    utc_now,
)
from engine.store.evidence import EvidenceRecords
from engine.store.rows import (
    RUN_FIELDS,
    columns,
    record_values,
    run_from_row,
    validated,
)

T = TypeVar("T")
StepEnd = Literal["failed", "skipped", "cancelled"]

_RUN_COLUMNS = columns(RUN_FIELDS)
_RUN_INSERT = f"INSERT INTO runs (org_id, {_RUN_COLUMNS}) VALUES (?{', ?' * len(RUN_FIELDS)})"
_RUN_SELECT = f"SELECT {_RUN_COLUMNS} FROM runs WHERE org_id = ?"
_DAY_LAST_NUMBER = (
    "SELECT max(TRY_CAST(substr(dossier_id, ?) AS INTEGER)) FROM runs "
    "WHERE org_id = ? AND starts_with(dossier_id, ?)"
)

# A thread that loses a write race rolls back and retries after a short random pause.
_CONFLICT_ATTEMPTS = 40
_CONFLICT_PAUSE_MAX_S = 0.05


def retry_on_conflict(database: Database, action: Callable[[], T]) -> T:
    """Run `action` (one whole transaction); rerun it if it lost a write race to another thread.

    Inside an outer transaction the action runs once: only the outermost caller can retry.
    """
    attempts = 1 if getattr(database._local, "in_transaction", False) else _CONFLICT_ATTEMPTS
    for attempt in range(attempts):
        try:
            return action()
        except StoreError as exc:
            lost_a_race = isinstance(
                exc.__cause__, duckdb.ConstraintException | duckdb.TransactionException
            )
            if not lost_a_race or attempt == attempts - 1:
                raise
            time.sleep(random.uniform(0, min(_CONFLICT_PAUSE_MAX_S, 0.001 * 2**attempt)))
    raise AssertionError("unreachable")


def new_run_id() -> str:
    """A fresh run id: 'run_' and 12 lowercase hex digits."""
    return f"run_{uuid4().hex[:12]}"


def _as_json(value: object, label: str) -> str:
    try:
        return json.dumps(value, allow_nan=False)  # NaN and Infinity are not JSON
    except (TypeError, ValueError) as exc:
        raise StoreError(f"{label} cannot be stored as JSON: {exc}") from None


def _limited(sql: str, params: list[object], limit: int | None) -> tuple[str, list[object]]:
    if limit is None:
        return sql, params
    if limit < 0:
        raise StoreError(f"limit must not be negative, got {limit!r}")
    return f"{sql} LIMIT ?", [*params, limit]


def _checked_status(status: object) -> RunStatus:
    if status not in get_args(RunStatus):
        raise StoreError(f"unknown run status {status!r}")
    return status  # type: ignore[return-value]


class RunRecords(EvidenceRecords):
    """Store methods for the runs, step_runs and run_events tables, scoped to one org."""

    _db: Database

    def _insert_event(
        self,
        org_id: str,
        run_id: str,
        kind: EventKind,
        step_id: str | None,
        detail: dict[str, Any],
    ) -> RunEvent:
        """Append an event inside the caller's transaction (written by the step records)."""
        raise NotImplementedError

    def create_run(
        self,
        org_id: str,
        request: RunRequest,
        *,
        client_id: str,
        today: date | None = None,
        sources: Sequence[SourceDocument] = (),
    ) -> RunRecord:
        """Record a queued run with a fresh run_id, the day's next dossier_id and its sources.

        The run and its sources are stored in one transaction: a run never exists without them.
        """
        org_id, client_id = require_key("org_id", org_id), require_key("client_id", client_id)
        label = f"run request for {getattr(request, 'target', None)!r}"
        request = validated(RunRequest, request, label)
        prefix = f"DOSS_{today or utc_now().date():%Y%m%d}_"

        def insert() -> RunRecord:
            with self._db.transaction():
                row = self._db.fetchone(_DAY_LAST_NUMBER, [len(prefix) + 1, org_id, prefix])
                number = 1 + (0 if row is None or row[0] is None else int(row[0]))
                run = RunRecord(
                    **request.model_dump(),
                    run_id=new_run_id(),
                    dossier_id=f"{prefix}{number:04d}",
                    client_id=client_id,
                    status="queued",
                    created_at=from_db_time(utc_now()),
                )
                self._db.execute(_RUN_INSERT, [org_id, *record_values(run, RUN_FIELDS)])
                if sources:
                    self.save_sources(org_id, run.run_id, sources)
            return run

        return retry_on_conflict(self._db, insert)

    def get_run(self, org_id: str, run_id: str) -> RunRecord | None:
        """One run of this org, or None."""
        row = self._db.fetchone(
            f"{_RUN_SELECT} AND run_id = ?",
            [require_key("org_id", org_id), require_key("run_id", run_id)],
        )
        return None if row is None else run_from_row(row)

    def list_runs(self, org_id: str, *, limit: int | None = None) -> list[RunRecord]:
        """The org's runs, newest first (then by run_id), at most `limit` of them."""
        sql, params = _limited(
            f"{_RUN_SELECT} ORDER BY created_at DESC, run_id",
            [require_key("org_id", org_id)],
            limit,
        )
        return [run_from_row(row) for row in self._db.fetchall(sql, params)]

    def _require_run(self, org_id: str, run_id: str) -> RunRecord:
        run = self.get_run(org_id, run_id)
        if run is None:
            raise NotFoundError(f"run {run_id!r} does not exist in org {org_id!r}")
        return run

    def set_run_status(
        self, org_id: str, run_id: str, status: RunStatus, *, error: str | None = None
    ) -> RunRecord:
        """Move a run to `status`, stamping started_at (first run) and finished_at (end)."""
        org_id, run_id = require_key("org_id", org_id), require_key("run_id", run_id)
        status = _checked_status(status)
        error = None if error is None else storable(redact(str(error)))

        def update() -> RunRecord:
            with self._db.transaction():
                self._require_run(org_id, run_id)
                now = utc_now()
                self._db.execute(
                    "UPDATE runs SET status = ?, error = ?, "
                    "started_at = CASE WHEN ? THEN coalesce(started_at, ?) ELSE started_at END, "
                    "finished_at = ? WHERE org_id = ? AND run_id = ?",
                    [
                        status,
                        error,
                        status == "running",
                        now,
                        now if status in FINISHED_RUN_STATUSES else None,
                        org_id,
                        run_id,
                    ],
                )
                return self._require_run(org_id, run_id)

        return retry_on_conflict(self._db, update)

    def request_cancel(self, org_id: str, run_id: str) -> bool:
        """Flag the run for cancellation; False if it has already finished.

        A paused run has no runner to see the flag: it is cancelled at once (with its event).
        """
        org_id, run_id = require_key("org_id", org_id), require_key("run_id", run_id)

        def flag() -> bool:
            with self._db.transaction():
                status = self._require_run(org_id, run_id).status
                if status in FINISHED_RUN_STATUSES:
                    return False
                if status == "paused":
                    self._db.execute(
                        "UPDATE runs SET status = 'cancelled', cancel_requested = FALSE, "
                        "error = NULL, finished_at = ? WHERE org_id = ? AND run_id = ?",
                        [utc_now(), org_id, run_id],
                    )
                    detail = {"status": "cancelled", "error": None}
                    self._insert_event(org_id, run_id, "run_cancelled", None, detail)
                    return True
                self._db.execute(
                    "UPDATE runs SET cancel_requested = TRUE WHERE org_id = ? AND run_id = ?",
                    [org_id, run_id],
                )
            return True

        return retry_on_conflict(self._db, flag)

    def clear_cancel(self, org_id: str, run_id: str) -> None:
        """Withdraw a cancellation request (a resumed run starts without one)."""
        org_id, run_id = require_key("org_id", org_id), require_key("run_id", run_id)

        def clear() -> None:
            with self._db.transaction():
                self._require_run(org_id, run_id)
                self._db.execute(
                    "UPDATE runs SET cancel_requested = FALSE WHERE org_id = ? AND run_id = ?",
                    [org_id, run_id],
                )

        retry_on_conflict(self._db, clear)
