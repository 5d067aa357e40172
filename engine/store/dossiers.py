"""Dossier records of the Store: a run's plans and written sections, and its assembled dossier.

Plans are numbered per run from 1 and the latest counts; sections are kept one per name, with
the fingerprint of their inputs. A dossier is saved whole: every save is a new version (kept in
`dossier_versions` with its reason), its status moves draft -> ready -> released along
`STATUS_TRANSITIONS`, and once released it can change no more.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import get_args

from engine.models import DOSSIER_SECTIONS, DossierPlan
from engine.models.dossier import (
    STATUS_TRANSITIONS,
    DossierRecord,
    DossierStatus,
    WrittenSection,
)
from engine.store.database import (
    Database,
    DuplicateError,
    NotFoundError,
    StoreError,
    require_key,
    utc_now,
)
from engine.store.rows import (
    DOSSIER_FIELDS,
    dossier_from_row,
    quoted_columns,
    record_values,
    validated,
)
from engine.store.runs import retry_on_conflict


class FrozenDossierError(StoreError):
    """The dossier is released: its content can no longer change."""


class InvalidTransitionError(StoreError):
    """The dossier's status cannot move to the one asked for."""


_PLAN_NEXT_NO = "SELECT coalesce(max(plan_no), 0) + 1 FROM plans WHERE org_id = ? AND run_id = ?"
_PLAN_INSERT = (
    "INSERT INTO plans (org_id, run_id, plan_no, author, plan, created_at) "
    "VALUES (?, ?, ?, ?, ?, ?)"
)
_PLAN_LATEST = (
    "SELECT plan_no, plan FROM plans WHERE org_id = ? AND run_id = ? ORDER BY plan_no DESC LIMIT 1"
)
_PLAN_LIST = (
    "SELECT plan_no, author, created_at FROM plans WHERE org_id = ? AND run_id = ? ORDER BY plan_no"
)
_SECTION_UPSERT = (
    "INSERT INTO sections (org_id, run_id, section, fingerprint, writer_version, content, "
    "written_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (org_id, run_id, section) DO UPDATE "
    "SET fingerprint = excluded.fingerprint, writer_version = excluded.writer_version, "
    "content = excluded.content, written_at = excluded.written_at"
)
_SECTION_LIST = "SELECT section, content FROM sections WHERE org_id = ? AND run_id = ?"

_DOSSIER_COLUMNS = quoted_columns(DOSSIER_FIELDS)
_DOSSIER_SELECT = f"SELECT {_DOSSIER_COLUMNS} FROM dossiers WHERE org_id = ?"
_DOSSIER_INSERT = (
    f"INSERT INTO dossiers (org_id, {_DOSSIER_COLUMNS}) VALUES (?{', ?' * len(DOSSIER_FIELDS)})"
)
_DOSSIER_UPDATE = (
    "UPDATE dossiers SET "
    + ", ".join(f'"{field}" = ?' for field in DOSSIER_FIELDS[1:])
    + " WHERE org_id = ? AND dossier_id = ?"
)
_VERSION_INSERT = (
    "INSERT INTO dossier_versions (org_id, dossier_id, version, reason, record, created_at) "
    "VALUES (?, ?, ?, ?, ?, ?)"
)
_VERSION_WHERE = " FROM dossier_versions WHERE org_id = ? AND dossier_id = ?"


def _checked_status(status: object) -> DossierStatus:
    if status not in get_args(DossierStatus):
        raise StoreError(f"unknown dossier status {status!r}")
    return status  # type: ignore[return-value]


def _stored_time(value: object) -> datetime:
    if not isinstance(value, datetime):
        raise StoreError(f"expected a stored timestamp, got {value!r}")
    return value.replace(tzinfo=UTC)


class DossierRecords:
    """Store methods for the plans, sections, dossiers and dossier_versions tables, per org."""

    _db: Database

    def save_plan(
        self, org_id: str, run_id: str, plan: DossierPlan, *, author: str = "default"
    ) -> int:
        """Store a plan as the run's latest; return its number (1, 2, ...)."""
        org_id, run_id = require_key("org_id", org_id), require_key("run_id", run_id)
        author = require_key("author", author)
        plan_json = json.dumps(validated(DossierPlan, plan, "dossier plan").model_dump(mode="json"))

        def insert() -> int:
            with self._db.transaction():
                row = self._db.fetchone(_PLAN_NEXT_NO, [org_id, run_id])
                plan_no = 1 if row is None else int(row[0])
                self._db.execute(
                    _PLAN_INSERT, [org_id, run_id, plan_no, author, plan_json, utc_now()]
                )
            return plan_no

        return retry_on_conflict(self._db, insert)

    def latest_plan(self, org_id: str, run_id: str) -> tuple[int, DossierPlan] | None:
        """The run's latest plan with its number, or None."""
        row = self._db.fetchone(
            _PLAN_LATEST, [require_key("org_id", org_id), require_key("run_id", run_id)]
        )
        if row is None:
            return None
        plan_no = int(row[0])
        label = f"stored plan {plan_no} of run {run_id!r}"
        return plan_no, validated(DossierPlan, json.loads(str(row[1])), label)

    def list_plans(self, org_id: str, run_id: str) -> list[tuple[int, str, datetime]]:
        """(plan_no, author, created_at) of every plan of the run, oldest first."""
        rows = self._db.fetchall(
            _PLAN_LIST, [require_key("org_id", org_id), require_key("run_id", run_id)]
        )
        return [(int(plan_no), str(author), _stored_time(at)) for plan_no, author, at in rows]

    def save_sections(self, org_id: str, run_id: str, sections: Sequence[WrittenSection]) -> None:
        """Store written sections, replacing any earlier one of the same name, all at once."""
        org_id, run_id = require_key("org_id", org_id), require_key("run_id", run_id)
        batch = [
            validated(WrittenSection, section, f"section {getattr(section, 'section', index)!r}")
            for index, section in enumerate(sections)
        ]
        names = [section.section for section in batch]
        for name in names:
            if names.count(name) > 1:
                raise DuplicateError(
                    f"section {name!r} appears twice in the batch for run {run_id!r}; "
                    "nothing was saved"
                )
        now = utc_now()
        rows: list[list[object]] = [
            [
                org_id,
                run_id,
                section.section,
                section.fingerprint,
                section.writer_version,
                json.dumps(section.model_dump(mode="json")),
                now,
            ]
            for section in batch
        ]

        def upsert() -> None:
            with self._db.transaction():
                self._db.executemany(_SECTION_UPSERT, rows)

        retry_on_conflict(self._db, upsert)

    def list_sections(self, org_id: str, run_id: str) -> dict[str, WrittenSection]:
        """The run's written sections by name, in DOSSIER_SECTIONS order."""
        rows = self._db.fetchall(
            _SECTION_LIST, [require_key("org_id", org_id), require_key("run_id", run_id)]
        )
        stored = {
            str(name): validated(
                WrittenSection, json.loads(str(content)), f"stored section {name!r}"
            )
            for name, content in rows
        }
        return {name: stored[name] for name in DOSSIER_SECTIONS if name in stored}

    def save_dossier(self, org_id: str, record: DossierRecord, *, reason: str) -> DossierRecord:
        """Store the dossier as its next version (the first is a draft); released ones refuse."""
        org_id, reason = require_key("org_id", org_id), require_key("reason", reason)
        label = f"dossier {getattr(record, 'dossier_id', None)!r}"
        record = validated(DossierRecord, record, label)

        def save() -> DossierRecord:
            with self._db.transaction():
                stored = self.get_dossier(org_id, record.dossier_id)
                if stored is not None and stored.status == "released":
                    raise FrozenDossierError(
                        f"dossier {record.dossier_id!r} is released and cannot change"
                    )
                now = utc_now()
                now_utc = now.replace(tzinfo=UTC)
                saved = record.model_copy(
                    update={
                        "version": 1 if stored is None else stored.version + 1,
                        "status": "draft" if stored is None else stored.status,
                        "created_at": now_utc if stored is None else stored.created_at,
                        "updated_at": now_utc,
                        "released_at": None if stored is None else stored.released_at,
                    }
                )
                values = record_values(saved, DOSSIER_FIELDS)
                if stored is None:
                    self._db.execute(_DOSSIER_INSERT, [org_id, *values])
                else:
                    self._db.execute(_DOSSIER_UPDATE, [*values[1:], org_id, saved.dossier_id])
                self._db.execute(
                    _VERSION_INSERT,
                    [
                        org_id,
                        saved.dossier_id,
                        saved.version,
                        reason,
                        json.dumps(saved.model_dump(mode="json")),
                        now,
                    ],
                )
            return saved

        return retry_on_conflict(self._db, save)

    def get_dossier(self, org_id: str, dossier_id: str) -> DossierRecord | None:
        """One dossier of this org, or None."""
        row = self._db.fetchone(
            f"{_DOSSIER_SELECT} AND dossier_id = ?",
            [require_key("org_id", org_id), require_key("dossier_id", dossier_id)],
        )
        return None if row is None else dossier_from_row(row)

    def get_dossier_for_run(self, org_id: str, run_id: str) -> DossierRecord | None:
        """The dossier assembled by this run, or None."""
        row = self._db.fetchone(
            f"{_DOSSIER_SELECT} AND run_id = ? ORDER BY updated_at DESC LIMIT 1",
            [require_key("org_id", org_id), require_key("run_id", run_id)],
        )
        return None if row is None else dossier_from_row(row)

    def _require_dossier(self, org_id: str, dossier_id: str) -> DossierRecord:
        stored = self.get_dossier(org_id, dossier_id)
        if stored is None:
            raise NotFoundError(f"dossier {dossier_id!r} does not exist in org {org_id!r}")
        return stored

    def list_dossiers(self, org_id: str) -> list[DossierRecord]:
        """The org's dossiers, most recently updated first."""
        rows = self._db.fetchall(
            f"{_DOSSIER_SELECT} ORDER BY updated_at DESC, dossier_id",
            [require_key("org_id", org_id)],
        )
        return [dossier_from_row(row) for row in rows]

    def set_dossier_status(
        self, org_id: str, dossier_id: str, status: DossierStatus
    ) -> DossierRecord:
        """Move the dossier along STATUS_TRANSITIONS (no new version); released is final."""
        org_id = require_key("org_id", org_id)
        dossier_id = require_key("dossier_id", dossier_id)
        status = _checked_status(status)

        def move() -> DossierRecord:
            with self._db.transaction():
                stored = self._require_dossier(org_id, dossier_id)
                if stored.status == status:
                    return stored
                if stored.status == "released":
                    raise InvalidTransitionError(
                        f"dossier {dossier_id!r} is released: released dossiers are frozen"
                    )
                allowed = STATUS_TRANSITIONS[stored.status]
                if status not in allowed:
                    raise InvalidTransitionError(
                        f"cannot move dossier {dossier_id!r} from {stored.status!r} to "
                        f"{status!r}; allowed: {', '.join(map(repr, sorted(allowed)))}"
                    )
                now = utc_now()
                self._db.execute(
                    "UPDATE dossiers SET status = ?, updated_at = ?, released_at = "
                    "CASE WHEN ? THEN ? ELSE released_at END WHERE org_id = ? AND dossier_id = ?",
                    [status, now, status == "released", now, org_id, dossier_id],
                )
                return self._require_dossier(org_id, dossier_id)

        return retry_on_conflict(self._db, move)

    def list_dossier_versions(
        self, org_id: str, dossier_id: str
    ) -> list[tuple[int, str, datetime]]:
        """(version, reason, created_at) of every saved version of the dossier, oldest first."""
        rows = self._db.fetchall(
            f"SELECT version, reason, created_at{_VERSION_WHERE} ORDER BY version",
            [require_key("org_id", org_id), require_key("dossier_id", dossier_id)],
        )
        return [(int(version), str(reason), _stored_time(at)) for version, reason, at in rows]

    def get_dossier_version(
        self, org_id: str, dossier_id: str, version: int
    ) -> DossierRecord | None:
        """The dossier as it was saved in `version`, or None."""
        row = self._db.fetchone(
            f"SELECT record{_VERSION_WHERE} AND version = ?",
            [require_key("org_id", org_id), require_key("dossier_id", dossier_id), version],
        )
        if row is None:
            return None
        label = f"stored version {version} of dossier {dossier_id!r}"
        return validated(DossierRecord, json.loads(str(row[0])), label)
