"""Step and event records of the Store: what each step of a run did, and the progress events.

A step's claims, output and timing are committed together by `finish_step`, so a killed process
resumes from the last finished step with no duplicates. Event numbers (`seq`) count from 1 per
run without gaps, even with several threads writing at once: a writer that loses a race to
another thread rolls back and tries again (`retry_on_conflict`). The API key is masked in every
error, output and event detail written here (engine.llm.secrets.redact).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from engine.llm.replies import storable
from engine.llm.secrets import redact, redact_value
from engine.models import Claim
from engine.models.run import EventKind, RunEvent, StepRecord
from engine.store.database import NotFoundError, StoreError, from_db_time, require_key, utc_now
from engine.store.evidence import _unique_ids
from engine.store.rows import (
    EVENT_FIELDS,
    STEP_FIELDS,
    columns,
    event_from_row,
    quoted_columns,
    record_values,
    step_from_row,
    validated,
)
from engine.store.runs import RunRecords, StepEnd, _as_json, _limited, retry_on_conflict

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
_EVENTS_OF_KIND = (
    f"SELECT {quoted_columns(EVENT_FIELDS)} FROM run_events "
    "WHERE org_id = ? AND run_id = ? AND kind = ? ORDER BY seq LIMIT ?"
)
_STEP_CLAIM_IDS = (
    "SELECT claim_id FROM claims WHERE org_id = ? AND run_id = ? AND step_id = ? ORDER BY claim_id"
)
_CLAIMS_BY_STEP = (
    "SELECT step_id, count(*) FROM claims WHERE org_id = ? AND run_id = ? "
    "AND step_id IS NOT NULL GROUP BY step_id ORDER BY step_id"
)
EVENT_CLAIM_IDS_SHOWN = 50
_STEP_END_EVENTS: dict[str, EventKind | None] = {
    "failed": "step_failed",
    "skipped": "step_skipped",
    "cancelled": None,
}


class StepRecords(RunRecords):
    """Store methods for the step_runs and run_events tables; every call is scoped to one org."""

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
        output_json = _as_json(redact_value(output), f"output of step {step_id!r}")
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
    ) -> bool:
        """End a step as failed, skipped or cancelled, with its error (and an event).

        A step already succeeded keeps its commit (False is returned): a late cancel or failure
        never undoes a step's stored output and claims.
        """
        keys = _step_keys(org_id, run_id, step_id)
        if status not in _STEP_END_EVENTS:
            raise StoreError(f"a step cannot end with status {status!r} through fail_step")
        kind = _STEP_END_EVENTS[status]
        error = storable(redact(str(error)))

        def end() -> bool:
            with self._db.transaction():
                stored = self.get_step(*keys)
                if stored is not None and stored.status == "succeeded":
                    return False
                self._db.execute(_STEP_INSERT, keys)
                self._db.execute(
                    "UPDATE step_runs SET status = ?, error = ?, finished_at = ?, duration_ms = ?"
                    + _STEP_WHERE,
                    [status, error, utc_now(), duration_ms, *keys],
                )
                if kind is not None:
                    self._insert_event(keys[0], keys[1], kind, keys[2], {"error": error})
            return True

        return retry_on_conflict(self._db, end)

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
        detail = cast(dict[str, Any], redact_value(detail))
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

    def events_of_kind(
        self, org_id: str, run_id: str, kind: EventKind, *, limit: int = 20
    ) -> list[RunEvent]:
        """The run's first `limit` events of one kind (sources_skipped, step_warning), in order."""
        keys = [require_key("org_id", org_id), require_key("run_id", run_id), kind, limit]
        return [event_from_row(row) for row in self._db.fetchall(_EVENTS_OF_KIND, keys)]

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
