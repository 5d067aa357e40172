"""Intel briefing records of the Store: upsert by key and query, per org (DESIGN §10).

The three tables (icp_job_titles, company_intel_briefings, person_intel_briefings) share one
shape: display columns, key columns (the normalized key parts, '' when absent), the briefing as
produced (`raw_output`, JSON) and its provenance. An upsert finds the row by its key in one
transaction: an existing row is updated (its `id` and `created_at` kept, `updated_at` moved), a
new one inserted with a fresh UUID; the table's UNIQUE key makes a lost race a retry, never a
second row. Keys are built by engine.briefings (the service); the Store only stores them.
Queries filter on columns by equality, newest first (`updated_at`, then `id`), paged.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal, TypeVar
from uuid import uuid4

from pydantic import BaseModel

from engine.models.briefings import (
    COMPANY_FIELDS,
    ICP_FIELDS,
    PERSON_FIELDS,
    PROVENANCE_FIELDS,
    CompanyIntelBriefing,
    IcpJobTitles,
    PersonIntelBriefing,
)
from engine.store.database import Database, StoreError, from_db_time, require_key, utc_now
from engine.store.runs import retry_on_conflict

BriefingKind = Literal["icp", "company", "person"]
B = TypeVar("B", bound=BaseModel)
_ROWS_PER_INSERT = 200  # rows per multi-row INSERT of a batch (DuckDB's executemany is slow)
_WRITTEN = ("raw_output", "provider_call_id", "processor", "source_run_id", "source_step_id")


@dataclass(frozen=True)
class BriefingTable:
    """One briefing table: its name, record model, display columns and key columns."""

    name: str
    model: type[BaseModel]
    fields: tuple[str, ...]
    keys: tuple[str, ...]

    @property
    def columns(self) -> tuple[str, ...]:
        """Every column but org_id, in SELECT order."""
        extra = tuple(key for key in self.keys if key not in self.fields)
        return (*PROVENANCE_FIELDS, *self.fields, *extra)


TABLES: dict[BriefingKind, BriefingTable] = {
    "icp": BriefingTable("icp_job_titles", IcpJobTitles, ICP_FIELDS, ("company_domain",)),
    "company": BriefingTable(
        "company_intel_briefings",
        CompanyIntelBriefing,
        COMPANY_FIELDS,
        ("company_domain", "client_key"),
    ),
    "person": BriefingTable(
        "person_intel_briefings",
        PersonIntelBriefing,
        PERSON_FIELDS,
        ("person_key", "company_key", "client_key"),
    ),
}


def _json(table: BriefingTable, raw_output: object) -> str:
    try:
        return json.dumps(raw_output, ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise StoreError(f"{table.name}: raw_output is not JSON ({exc})") from None


def _record(table: BriefingTable, row: tuple[Any, ...]) -> BaseModel:
    data = dict(zip(table.columns, row, strict=True))
    data["raw_output"] = json.loads(data["raw_output"])
    data["created_at"] = from_db_time(data["created_at"])
    data["updated_at"] = from_db_time(data["updated_at"])
    shown = {name: data[name] for name in (*PROVENANCE_FIELDS, *table.fields)}
    return table.model.model_validate(shown)


class BriefingRecords:
    """Store methods for the three briefing tables; every call is scoped to one org."""

    _db: Database

    def upsert_briefing(
        self, kind: BriefingKind, org_id: str, values: Mapping[str, Any]
    ) -> BaseModel:
        """Insert or update the row with the key in `values`; return the stored record.

        `values` holds every display column, every key column and the written provenance
        (raw_output, provider_call_id, processor, source_run_id, source_step_id).
        """
        org_id = require_key("org_id", org_id)
        table = TABLES[kind]
        missing = [c for c in (*table.fields, *table.keys, *_WRITTEN) if c not in values]
        if missing:
            raise StoreError(f"{table.name} upsert lacks {', '.join(missing)}")
        raw = _json(table, values["raw_output"])
        shown = [c for c in table.columns if c not in ("id", "created_at", "updated_at")]
        given = {**values, "raw_output": raw}
        where = " AND ".join(f"{key} = ?" for key in table.keys)
        find = f"SELECT id FROM {table.name} WHERE org_id = ? AND {where}"
        update = (
            f"UPDATE {table.name} SET {', '.join(f'{c} = ?' for c in shown)}, updated_at = ? "
            "WHERE org_id = ? AND id = ?"
        )
        insert = (
            f"INSERT INTO {table.name} (org_id, id, {', '.join(shown)}, created_at, updated_at) "
            f"VALUES (?, ?{', ?' * len(shown)}, ?, ?)"
        )
        select = f"SELECT {', '.join(table.columns)} FROM {table.name} WHERE org_id = ? AND id = ?"

        def upsert() -> BaseModel:
            now = utc_now()
            with self._db.transaction():
                found = self._db.fetchone(find, [org_id, *(values[k] for k in table.keys)])
                row_values = [given[c] for c in shown]
                if found is None:
                    row_id = str(uuid4())
                    self._db.execute(insert, [org_id, row_id, *row_values, now, now])
                else:
                    row_id = str(found[0])
                    self._db.execute(update, [*row_values, now, org_id, row_id])
                stored = self._db.fetchone(select, [org_id, row_id])
            if stored is None:  # pragma: no cover - the row was written in this transaction
                raise StoreError(f"{table.name}: the upserted row {row_id!r} is missing")
            return _record(table, stored)

        return retry_on_conflict(self._db, upsert)

    def upsert_briefings(
        self, kind: BriefingKind, org_id: str, batch: Sequence[Mapping[str, Any]]
    ) -> tuple[int, int]:
        """Upsert many rows in one transaction (the last of a repeated key wins).

        Returns (inserted, updated). Used by backfills and bulk imports, where one transaction
        per row would be the cost. An updated row is deleted and written again with its `id`
        and `created_at`, all rows in multi-row INSERTs.
        """
        org_id = require_key("org_id", org_id)
        table = TABLES[kind]
        shown = [c for c in table.columns if c not in ("id", "created_at", "updated_at")]
        latest: dict[tuple[Any, ...], list[Any]] = {}
        for values in batch:
            missing = [c for c in (*table.fields, *table.keys, *_WRITTEN) if c not in values]
            if missing:
                raise StoreError(f"{table.name} upsert lacks {', '.join(missing)}")
            row = [_json(table, values[c]) if c == "raw_output" else values[c] for c in shown]
            latest[tuple(values[key] for key in table.keys)] = row
        keys = ", ".join(table.keys)
        existing_sql = f"SELECT {keys}, id, created_at FROM {table.name} WHERE org_id = ?"
        delete = f"DELETE FROM {table.name} WHERE org_id = ? AND id IN (SELECT unnest(?))"
        row_marks = f"(?, ?{', ?' * len(shown)}, ?, ?)"
        insert = (
            f"INSERT INTO {table.name} (org_id, id, {', '.join(shown)}, created_at, updated_at) "
        )

        def upsert_all() -> tuple[int, int]:
            now = utc_now()
            with self._db.transaction():
                width = len(table.keys)
                existing = {
                    tuple(row[:width]): (str(row[width]), row[width + 1])
                    for row in self._db.fetchall(existing_sql, [org_id])
                }
                rows, replaced = [], []
                for key, row in latest.items():
                    kept = existing.get(key)
                    if kept is None:
                        rows.append([org_id, str(uuid4()), *row, now, now])
                    else:  # an update keeps the row's id and created_at
                        replaced.append(kept[0])
                        rows.append([org_id, kept[0], *row, kept[1], now])
                if replaced:
                    self._db.execute(delete, [org_id, replaced])
                for first in range(0, len(rows), _ROWS_PER_INSERT):
                    chunk = rows[first : first + _ROWS_PER_INSERT]
                    sql = insert + "VALUES " + ", ".join([row_marks] * len(chunk))
                    self._db.execute(sql, [value for row in chunk for value in row])
            return len(rows) - len(replaced), len(replaced)

        return retry_on_conflict(self._db, upsert_all)

    def query_briefings(
        self,
        kind: BriefingKind,
        org_id: str,
        filters: Mapping[str, str],
        *,
        limit: int,
        offset: int,
    ) -> list[BaseModel]:
        """The org's rows whose columns equal `filters`, newest first, `limit` from `offset`."""
        org_id = require_key("org_id", org_id)
        table = TABLES[kind]
        unknown = [c for c in filters if c not in table.columns]
        if unknown:
            raise StoreError(f"{table.name} cannot be filtered on {', '.join(unknown)}")
        conditions = "".join(f" AND {column} = ?" for column in filters)
        sql = (
            f"SELECT {', '.join(table.columns)} FROM {table.name} WHERE org_id = ?{conditions} "
            "ORDER BY updated_at DESC, id LIMIT ? OFFSET ?"
        )
        rows = self._db.fetchall(sql, [org_id, *filters.values(), limit, offset])
        return [_record(table, row) for row in rows]

    def count_briefings(self, kind: BriefingKind, org_id: str) -> int:
        """How many briefings of this kind the org holds."""
        table = TABLES[kind]
        row = self._db.fetchone(
            f"SELECT count(*) FROM {table.name} WHERE org_id = ?", [require_key("org_id", org_id)]
        )
        return 0 if row is None else int(row[0])
