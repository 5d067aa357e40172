"""Evidence records of the Store: the source documents a run read and the claims it extracted.

Claims are saved all-or-nothing: a batch that repeats a claim id, or that carries a claim id
already stored for the run with different content, is refused whole. Re-saving identical
claims is a no-op, so a resumed step can save its output again safely, even while another
thread saves the same batch. A stored claim that no longer validates (saved under older rules)
makes reading the run's claims fail, naming it; `set_aside_invalid_claims` removes such claims
and says which and why (the runner calls it, and records the answer, before every execution).
"""

from __future__ import annotations

from collections.abc import Sequence

import duckdb

from engine.models import Claim, ClaimType, SourceDocument
from engine.store.database import Database, DuplicateError, StoreError, require_key, utc_now
from engine.store.rows import (
    CLAIM_FIELDS,
    SOURCE_FIELDS,
    claim_from_row,
    columns,
    model_values,
    source_from_row,
    validated,
)

_SOURCE_COLUMNS = columns(SOURCE_FIELDS)
_SOURCE_UPSERT = (
    f"INSERT INTO sources (org_id, run_id, {_SOURCE_COLUMNS}, stored_at) "
    f"VALUES ({', '.join('?' * (len(SOURCE_FIELDS) + 3))}) "
    "ON CONFLICT (org_id, run_id, source_id) DO UPDATE SET "
    + ", ".join(f"{field} = excluded.{field}" for field in (*SOURCE_FIELDS[1:], "stored_at"))
)
_SOURCE_SELECT = f"SELECT {_SOURCE_COLUMNS} FROM sources WHERE org_id = ? AND run_id = ?"
_SOURCE_BY_IDS = f"{_SOURCE_SELECT} AND source_id IN (SELECT unnest(?::VARCHAR[]))"

_CLAIM_COLUMNS = columns(CLAIM_FIELDS)
_CLAIM_INSERT = (
    f"INSERT INTO claims (org_id, run_id, step_id, {_CLAIM_COLUMNS}, created_at) "
    f"VALUES ({', '.join('?' * (len(CLAIM_FIELDS) + 4))})"
)
_CLAIM_SELECT = f"SELECT {_CLAIM_COLUMNS}, step_id FROM claims WHERE org_id = ? AND run_id = ?"
_CLAIM_BY_IDS = f"{_CLAIM_SELECT} AND claim_id IN (SELECT unnest(?::VARCHAR[]))"
_CLAIM_COUNT = "SELECT count(*) FROM claims WHERE org_id = ? AND run_id = ?"
_CLAIMS_BY_TYPE = (
    "SELECT claim_type, count(*) FROM claims WHERE org_id = ? AND run_id = ? "
    "GROUP BY claim_type ORDER BY claim_type"
)
# Newest first: the most recently stored claims (a step's claims are stored together when it
# finishes), ties broken by claim_id descending.
_CLAIMS_NEWEST = f"{_CLAIM_SELECT} ORDER BY created_at DESC, claim_id DESC LIMIT ?"


def _unique_ids(ids: Sequence[str], kind: str, run_id: str) -> None:
    seen: set[str] = set()
    for item_id in ids:
        if item_id in seen:
            raise DuplicateError(
                f"{kind} {item_id!r} appears twice in the batch for run {run_id!r}; "
                "nothing was saved"
            )
        seen.add(item_id)


def _first_difference(stored: Claim, claim: Claim) -> str:
    return next(
        (field for field in CLAIM_FIELDS if getattr(stored, field) != getattr(claim, field)),
        "claim_id",
    )


# Saving the same batch from several threads at once: each loser re-reads and retries.
_CONCURRENT_SAVE_ATTEMPTS = 5


class EvidenceRecords:
    """Store methods for the sources and claims tables; every call is scoped to one org."""

    _db: Database

    def save_sources(self, org_id: str, run_id: str, docs: Sequence[SourceDocument]) -> int:
        """Insert or update sources by source_id; return how many were new or changed."""
        org_id, run_id = require_key("org_id", org_id), require_key("run_id", run_id)
        batch = [
            validated(SourceDocument, doc, f"source {getattr(doc, 'source_id', index)!r}")
            for index, doc in enumerate(docs)
        ]
        _unique_ids([doc.source_id for doc in batch], "source", run_id)
        now = utc_now()
        with self._db.transaction():
            rows = self._db.fetchall(
                _SOURCE_BY_IDS, [org_id, run_id, [doc.source_id for doc in batch]]
            )
            stored = {doc.source_id: doc for doc in map(source_from_row, rows)}
            changed = [doc for doc in batch if stored.get(doc.source_id) != doc]
            self._db.executemany(
                _SOURCE_UPSERT,
                [[org_id, run_id, *model_values(doc, SOURCE_FIELDS), now] for doc in changed],
            )
        return len(changed)

    def list_sources(self, org_id: str, run_id: str) -> list[SourceDocument]:
        """Every source of the run, sorted by source_id."""
        rows = self._db.fetchall(
            f"{_SOURCE_SELECT} ORDER BY source_id",
            [require_key("org_id", org_id), require_key("run_id", run_id)],
        )
        return [source_from_row(row) for row in rows]

    def save_claims(
        self, org_id: str, run_id: str, claims: Sequence[Claim], *, step_id: str | None = None
    ) -> int:
        """Save a batch of claims all-or-nothing; return how many were newly inserted."""
        org_id, run_id = require_key("org_id", org_id), require_key("run_id", run_id)
        if step_id is not None:
            require_key("step_id", step_id)
        batch = [
            validated(Claim, claim, f"claim {getattr(claim, 'claim_id', index)!r}")
            for index, claim in enumerate(claims)
        ]
        _unique_ids([claim.claim_id for claim in batch], "claim", run_id)
        for attempt in range(_CONCURRENT_SAVE_ATTEMPTS):
            try:
                return self._insert_new_claims(org_id, run_id, step_id, batch)
            except StoreError as exc:
                lost_a_race = isinstance(
                    exc.__cause__, duckdb.ConstraintException | duckdb.TransactionException
                )
                if not lost_a_race or attempt == _CONCURRENT_SAVE_ATTEMPTS - 1:
                    raise
                # Another thread saved some of these ids meanwhile (DuckDB reports it at INSERT
                # or at COMMIT): compare against what is stored now and try again.
        raise AssertionError("unreachable")

    def _insert_new_claims(
        self, org_id: str, run_id: str, step_id: str | None, batch: list[Claim]
    ) -> int:
        now = utc_now()
        with self._db.transaction():
            rows = self._db.fetchall(
                _CLAIM_BY_IDS, [org_id, run_id, [claim.claim_id for claim in batch]]
            )
            stored = {row[0]: (claim_from_row(row[:-1]), row[-1]) for row in rows}
            new: list[Claim] = []
            for claim in batch:
                if claim.claim_id not in stored:
                    new.append(claim)
                    continue
                stored_claim, stored_step = stored[claim.claim_id]
                if stored_claim != claim:
                    raise DuplicateError(
                        f"claim {claim.claim_id!r} already exists in run {run_id!r} with a "
                        f"different {_first_difference(stored_claim, claim)!r}; nothing was saved"
                    )
                if stored_step != step_id:
                    raise DuplicateError(
                        f"claim {claim.claim_id!r} was saved in run {run_id!r} by step "
                        f"{stored_step!r}, not {step_id!r}; nothing was saved"
                    )
            self._db.executemany(
                _CLAIM_INSERT,
                [
                    [org_id, run_id, step_id, *model_values(claim, CLAIM_FIELDS), now]
                    for claim in new
                ],
            )
        return len(new)

    def set_aside_invalid_claims(
        self, org_id: str, run_id: str
    ) -> list[tuple[str, str | None, str]]:
        """Remove the run's stored claims that no longer validate; (claim_id, step_id, reason).

        A claim saved under older rules (a date the Claim model now refuses) would make every
        later read of the run's claims fail: the runner sets such claims aside when an
        execution starts and records each with its reason. Valid claims are left untouched.
        """
        org_id, run_id = require_key("org_id", org_id), require_key("run_id", run_id)
        invalid: list[tuple[str, str | None, str]] = []
        for row in self._db.fetchall(f"{_CLAIM_SELECT} ORDER BY claim_id", [org_id, run_id]):
            try:
                claim_from_row(row[:-1])
            except (StoreError, ValueError) as exc:
                step_id = None if row[-1] is None else str(row[-1])
                invalid.append((str(row[0]), step_id, str(exc)))
        if invalid:
            with self._db.transaction():
                self._db.execute(
                    "DELETE FROM claims WHERE org_id = ? AND run_id = ? "
                    "AND claim_id IN (SELECT unnest(?::VARCHAR[]))",
                    [org_id, run_id, [claim_id for claim_id, _, _ in invalid]],
                )
        return invalid

    def list_claims(
        self,
        org_id: str,
        run_id: str,
        *,
        claim_type: ClaimType | str | None = None,
        step_id: str | None = None,
    ) -> list[Claim]:
        """The run's claims, optionally of one type or from one step, sorted by claim_id."""
        sql = _CLAIM_SELECT
        params: list[object] = [require_key("org_id", org_id), require_key("run_id", run_id)]
        if claim_type is not None:
            try:
                params.append(ClaimType(claim_type).value)
            except ValueError:
                raise StoreError(f"unknown claim_type {claim_type!r}") from None
            sql += " AND claim_type = ?"
        if step_id is not None:
            sql += " AND step_id = ?"
            params.append(step_id)
        rows = self._db.fetchall(f"{sql} ORDER BY claim_id", params)
        return [claim_from_row(row[:-1]) for row in rows]

    def list_claims_with_steps(self, org_id: str, run_id: str) -> list[tuple[Claim, str | None]]:
        """Every claim of the run with the step that saved it (None if saved without one)."""
        rows = self._db.fetchall(
            f"{_CLAIM_SELECT} ORDER BY claim_id",
            [require_key("org_id", org_id), require_key("run_id", run_id)],
        )
        return [
            (claim_from_row(row[:-1]), None if row[-1] is None else str(row[-1])) for row in rows
        ]

    def get_claim(self, org_id: str, run_id: str, claim_id: str) -> Claim | None:
        """One claim of the run by id, or None."""
        row = self._db.fetchone(
            f"{_CLAIM_SELECT} AND claim_id = ?",
            [require_key("org_id", org_id), require_key("run_id", run_id), claim_id],
        )
        return None if row is None else claim_from_row(row[:-1])

    def count_claims(self, org_id: str, run_id: str) -> int:
        """How many claims the run has."""
        row = self._db.fetchone(
            _CLAIM_COUNT, [require_key("org_id", org_id), require_key("run_id", run_id)]
        )
        return 0 if row is None else int(row[0])

    def count_claims_by_type(self, org_id: str, run_id: str) -> dict[str, int]:
        """How many claims of each type the run has, by type name (types it lacks left out)."""
        rows = self._db.fetchall(
            _CLAIMS_BY_TYPE, [require_key("org_id", org_id), require_key("run_id", run_id)]
        )
        return {str(claim_type): int(count) for claim_type, count in rows}

    def recent_claims(self, org_id: str, run_id: str, limit: int) -> list[Claim]:
        """The run's `limit` newest claims, newest first.

        Newest means most recently stored (a step stores its claims at once when it finishes,
        so the last step to finish comes first); claims stored together come by claim_id,
        descending. A claim saved again unchanged keeps the time it was first stored.
        """
        if limit < 0:
            raise StoreError(f"limit must not be negative, got {limit!r}")
        rows = self._db.fetchall(
            _CLAIMS_NEWEST,
            [require_key("org_id", org_id), require_key("run_id", run_id), limit],
        )
        return [claim_from_row(row[:-1]) for row in rows]
