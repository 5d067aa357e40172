"""Run records of the Store: runs, the steps they ran and the progress events a UI polls.

A run gets its `dossier_id` (`DOSS_YYYYMMDD_NNNN`, numbered per day across all orgs) when it is
created. A step's claims, output and timing are committed together by `finish_step`, so a
killed process resumes from the last finished step with no duplicates. Event numbers (`seq`)
count from 1 per run without gaps, even with several threads writing at once: a writer that
loses a race to another thread rolls back and tries again.
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

from engine.models import Claim
from engine.models.run import (
    FINISHED_RUN_STATUSES,
    EventKind,
    RunEvent,
    RunRecord,
    RunRequest,
    RunStatus,
    StepRecord,
)
from engine.store.database import (
    Database,
    NotFoundError,
    StoreError,
    from_db_time,
    require_key,
    utc_now,
)
from engine.store.evidence import EvidenceRecords, _unique_ids
from engine.store.rows import (
    EVENT_FIELDS,
    RUN_FIELDS,
    STEP_FIELDS,
    columns,
    event_from_row,
    quoted_columns,
    record_values,
    run_from_row,
    step_from_row,
    validated,
)

T = TypeVar("T")
StepEnd = Literal["failed", "skipped", "cancelled"]

_RUN_COLUMNS = columns(RUN_FIELDS)
_RUN_INSERT = f"INSERT INTO runs (org_id, {_RUN_COLUMNS}) VALUES (?{', ?' * len(RUN_FIELDS)})"
_RUN_SELECT = f"SELECT {_RUN_COLUMNS} FROM runs WHERE org_id = ?"
_DAY_LAST_NUMBER = (
    "SELECT max(TRY_CAST(substr(dossier_id, ?) AS INTEGER)) FROM runs "
    "WHERE starts_with(dossier_id, ?)"
)
_STEP_SELECT = f"SELECT {columns(STEP_FIELDS)} FROM step_runs WHERE org_id = ? AND run_id = ?"
_STEP_INSERT = (
    "INSERT INTO step_runs (org_id, run_id, step_id, status) VALUES (?, ?, ?, 'pending') "
    "ON CONFLICT DO NOTHING"
)
_STEP_WHERE = " WHERE org_id = ? AND run_id = ? AND step_id = ?"
_EVENT_NEXT_SEQ = "SELECT coalesce(max(seq), 0) + 1 FROM run_events WHERE org_id = ? AND run_id = ?"
_EVENT_INSERT = (
    f"INSERT INTO run_events (org_id, {quoted_columns(EVENT_FIELDS)}) "
    f"VALUES (?{', ?' * len(EVENT_FIELDS)})"
)
_EVENT_SELECT = (
    f"SELECT {quoted_columns(EVENT_FIELDS)} FROM run_events "
    "WHERE org_id = ? AND run_id = ? AND seq > ? ORDER BY seq"
)
_STEP_CLAIM_IDS = (
    "SELECT claim_id FROM claims WHERE org_id = ? AND run_id = ? AND step_id = ? ORDER BY claim_id"
)
_CLAIMS_BY_STEP = (
    "SELECT step_id, count(*) FROM claims WHERE org_id = ? AND run_id = ? "
    "AND step_id IS NOT NULL GROUP BY step_id ORDER BY step_id"
)
_STEP_END_EVENTS: dict[str, EventKind | None] = {
    "failed": "step_failed",
    "skipped": "step_skipped",
    "cancelled": None,
}
EVENT_CLAIM_IDS_SHOWN = 50

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
        return json.dumps(value)
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

    def create_run(
        self, org_id: str, request: RunRequest, *, client_id: str, today: date | None = None
    ) -> RunRecord:
        """Record a queued run with a fresh run_id and the day's next dossier_id."""
        org_id, client_id = require_key("org_id", org_id), require_key("client_id", client_id)
        label = f"run request for {getattr(request, 'target', None)!r}"
        request = validated(RunRequest, request, label)
        prefix = f"DOSS_{today or utc_now().date():%Y%m%d}_"

        def insert() -> RunRecord:
            with self._db.transaction():
                row = self._db.fetchone(_DAY_LAST_NUMBER, [len(prefix) + 1, prefix])
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
        """Flag the run for cancellation; False if it has already finished."""
        org_id, run_id = require_key("org_id", org_id), require_key("run_id", run_id)

        def flag() -> bool:
            with self._db.transaction():
                if self._require_run(org_id, run_id).status in FINISHED_RUN_STATUSES:
                    return False
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

    def start_step(self, org_id: str, run_id: str, step_id: str) -> StepRecord:
        """Mark a step running (one more attempt) and add a 'step_started' event."""
        keys = _step_keys(org_id, run_id, step_id)

        def start() -> StepRecord:
            with self._db.transaction():
                self._db.execute(_STEP_INSERT, keys)
                self._db.execute(
                    "UPDATE step_runs SET status = 'running', attempts = attempts + 1, "
                    "started_at = ?, error = NULL, finished_at = NULL, duration_ms = NULL"
                    + _STEP_WHERE,
                    [utc_now(), *keys],
                )
                self._insert_event(keys[0], keys[1], "step_started", keys[2], {})
                return self._require_step(*keys)

        return retry_on_conflict(self._db, start)

    def finish_step(
        self,
        org_id: str,
        run_id: str,
        step_id: str,
        *,
        output: dict[str, Any],
        claims: Sequence[Claim] = (),
        duration_ms: int,
    ) -> int:
        """Commit a step's claims, output and timing at once; return the claims newly stored.

        A step already succeeded is left as it is (0 is returned); if anything fails, nothing
        of the step is stored.
        """
        org_id, run_id, step_id = _step_keys(org_id, run_id, step_id)
        if not isinstance(output, dict):
            raise StoreError(f"output of step {step_id!r} must be a dict, got {output!r}")
        output_json = _as_json(output, f"output of step {step_id!r}")
        batch = [
            validated(Claim, claim, f"claim {getattr(claim, 'claim_id', index)!r}")
            for index, claim in enumerate(claims)
        ]
        _unique_ids([claim.claim_id for claim in batch], "claim", run_id)

        def commit() -> int:
            with self._db.transaction():
                stored = self.get_step(org_id, run_id, step_id)
                if stored is not None and stored.status == "succeeded":
                    return 0
                inserted = self._insert_new_claims(org_id, run_id, step_id, batch)
                rows = self._db.fetchall(_STEP_CLAIM_IDS, [org_id, run_id, step_id])
                claim_ids = [str(row[0]) for row in rows]
                self._db.execute(_STEP_INSERT, [org_id, run_id, step_id])
                self._db.execute(
                    "UPDATE step_runs SET status = 'succeeded', output = ?, error = NULL, "
                    "claims_added = ?, finished_at = ?, duration_ms = ?" + _STEP_WHERE,
                    [output_json, len(claim_ids), utc_now(), duration_ms, org_id, run_id, step_id],
                )
                if claim_ids:
                    detail = {
                        "count": len(claim_ids),
                        "claim_ids": claim_ids[:EVENT_CLAIM_IDS_SHOWN],
                    }
                    self._insert_event(org_id, run_id, "claims_added", step_id, detail)
                detail = {"claims": len(claim_ids), "duration_ms": duration_ms}
                self._insert_event(org_id, run_id, "step_finished", step_id, detail)
            return inserted

        return retry_on_conflict(self._db, commit)

    def fail_step(
        self,
        org_id: str,
        run_id: str,
        step_id: str,
        error: str,
        *,
        status: StepEnd = "failed",
        duration_ms: int | None = None,
    ) -> None:
        """End a step as failed, skipped or cancelled, with its error (and an event)."""
        keys = _step_keys(org_id, run_id, step_id)
        if status not in _STEP_END_EVENTS:
            raise StoreError(f"a step cannot end with status {status!r} through fail_step")
        kind = _STEP_END_EVENTS[status]

        def end() -> None:
            with self._db.transaction():
                self._db.execute(_STEP_INSERT, keys)
                self._db.execute(
                    "UPDATE step_runs SET status = ?, error = ?, finished_at = ?, duration_ms = ?"
                    + _STEP_WHERE,
                    [status, error, utc_now(), duration_ms, *keys],
                )
                if kind is not None:
                    self._insert_event(keys[0], keys[1], kind, keys[2], {"error": error})

        retry_on_conflict(self._db, end)

    def reset_step(self, org_id: str, run_id: str, step_id: str) -> None:
        """Put a step without claims back to 'pending' (output cleared); unknown steps are left."""
        keys = _step_keys(org_id, run_id, step_id)

        def reset() -> None:
            with self._db.transaction():
                if self._db.fetchone(_STEP_CLAIM_IDS, keys) is not None:
                    raise StoreError(
                        f"step {keys[2]!r} of run {keys[1]!r} has claims stored and cannot be reset"
                    )
                self._db.execute(
                    "UPDATE step_runs SET status = 'pending', output = NULL, error = NULL, "
                    "claims_added = 0, started_at = NULL, finished_at = NULL, duration_ms = NULL"
                    + _STEP_WHERE,
                    keys,
                )

        retry_on_conflict(self._db, reset)

    def get_step(self, org_id: str, run_id: str, step_id: str) -> StepRecord | None:
        """One step of the run, or None if it never started."""
        row = self._db.fetchone(
            f"{_STEP_SELECT} AND step_id = ?", _step_keys(org_id, run_id, step_id)
        )
        return None if row is None else step_from_row(row)

    def _require_step(self, org_id: str, run_id: str, step_id: str) -> StepRecord:
        step = self.get_step(org_id, run_id, step_id)
        if step is None:
            raise NotFoundError(f"step {step_id!r} of run {run_id!r} does not exist")
        return step

    def list_steps(self, org_id: str, run_id: str) -> list[StepRecord]:
        """The run's steps, by start time (never started last), then step_id."""
        rows = self._db.fetchall(
            f"{_STEP_SELECT} ORDER BY started_at ASC NULLS LAST, step_id",
            [require_key("org_id", org_id), require_key("run_id", run_id)],
        )
        return [step_from_row(row) for row in rows]

    def add_event(
        self,
        org_id: str,
        run_id: str,
        kind: EventKind,
        *,
        step_id: str | None = None,
        detail: dict[str, Any] | None = None,
    ) -> RunEvent:
        """Append a progress event to the run; its seq is the run's next number."""
        org_id, run_id = require_key("org_id", org_id), require_key("run_id", run_id)

        def append() -> RunEvent:
            with self._db.transaction():
                return self._insert_event(org_id, run_id, kind, step_id, detail or {})

        return retry_on_conflict(self._db, append)

    def _insert_event(
        self,
        org_id: str,
        run_id: str,
        kind: EventKind,
        step_id: str | None,
        detail: dict[str, Any],
    ) -> RunEvent:
        row = self._db.fetchone(_EVENT_NEXT_SEQ, [org_id, run_id])
        seq = 1 if row is None else int(row[0])
        _as_json(detail, f"detail of event {kind!r}")
        event = validated(
            RunEvent,
            {"run_id": run_id, "seq": seq, "kind": kind, "step_id": step_id, "detail": detail},
            f"event {kind!r} of run {run_id!r}",
            {"at": from_db_time(utc_now())},
        )
        self._db.execute(_EVENT_INSERT, [org_id, *record_values(event, EVENT_FIELDS)])
        return event

    def list_events(
        self, org_id: str, run_id: str, *, after_seq: int = 0, limit: int | None = None
    ) -> list[RunEvent]:
        """The run's events numbered after `after_seq`, in order, at most `limit` of them."""
        keys = [require_key("org_id", org_id), require_key("run_id", run_id), after_seq]
        sql, params = _limited(_EVENT_SELECT, keys, limit)
        return [event_from_row(row) for row in self._db.fetchall(sql, params)]

    def count_claims_by_step(self, org_id: str, run_id: str) -> dict[str, int]:
        """How many claims each step of the run stored (claims saved with no step are left out)."""
        rows = self._db.fetchall(
            _CLAIMS_BY_STEP, [require_key("org_id", org_id), require_key("run_id", run_id)]
        )
        return {str(step_id): int(count) for step_id, count in rows}


def _step_keys(org_id: str, run_id: str, step_id: str) -> list[str]:
    return [
        require_key("org_id", org_id),
        require_key("run_id", run_id),
        require_key("step_id", step_id),
    ]
