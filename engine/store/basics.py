"""The Store's errors and the small value helpers every record module shares.

Errors: `StoreError` (its message names the statement, record or migration that failed) and its
kinds: `DuplicateError`, `NotFoundError`, `DatabaseBusyError` (another process holds the file),
`ForeignFileError` (the path is not a DuckDB file). Values: statement excerpts for messages,
UTC timestamps in the naive form TIMESTAMP columns hold, and the check on record keys.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

STATEMENT_EXCERPT = 200
# A DuckDB file holds the magic bytes "DUCK" at offset 8.
_DUCKDB_MAGIC_START, _DUCKDB_MAGIC_END = 8, 12


class StoreError(Exception):
    """A storage failure; the message names the statement, record or migration that failed."""

    def __init__(self, message: str, *, statement: str | None = None) -> None:
        super().__init__(message)
        self.statement = statement


class DatabaseBusyError(StoreError):
    """Another process holds the database file; the message names it in one line."""


class ForeignFileError(StoreError):
    """The path names a file that is not a DuckDB database (bad input, not a store failure)."""


class DuplicateError(StoreError):
    """A record with that key already exists (or the batch repeats a key)."""


class NotFoundError(StoreError):
    """The record to change does not exist in this org."""


def excerpt(sql: str) -> str:
    """The statement on one line, cut to its first 200 characters."""
    flat = " ".join(sql.split())
    return flat if len(flat) <= STATEMENT_EXCERPT else flat[: STATEMENT_EXCERPT - 3] + "..."


def utc_now() -> datetime:
    """The current time as a naive UTC datetime, the form TIMESTAMP columns hold."""
    return datetime.now(UTC).replace(tzinfo=None)


def to_db_time(value: datetime | None) -> datetime | None:
    """A datetime for a TIMESTAMP column: aware values converted to UTC; naive taken as UTC."""
    if value is None or value.tzinfo is None:
        return value
    return value.astimezone(UTC).replace(tzinfo=None)


def from_db_time(value: datetime | None) -> datetime | None:
    """A TIMESTAMP column value back as an aware UTC datetime."""
    return None if value is None else value.replace(tzinfo=UTC)


def require_key(label: str, value: object) -> str:
    """Return `value` if it is a non-empty string key (org_id, run_id...), else raise."""
    if not isinstance(value, str) or not value.strip():
        raise StoreError(f"{label} must be a non-empty string, got {value!r}")
    return value


def refuse_foreign_file(path: Path) -> None:
    """Raise ForeignFileError if path is an existing file that is not a DuckDB database."""
    try:
        with path.open("rb") as handle:
            header = handle.read(_DUCKDB_MAGIC_END)
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return
    except OSError as exc:
        raise StoreError(f"cannot open database {str(path)!r}: {exc.strerror}") from exc
    if header and header[_DUCKDB_MAGIC_START:_DUCKDB_MAGIC_END] != b"DUCK":
        raise ForeignFileError(f"{str(path)!r} is not a DuckDB database file")
