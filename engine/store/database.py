"""The DuckDB connection behind the Store: one cursor per thread, transactions, wrapped errors.

`Database` owns a single DuckDB connection. Each thread that touches it gets its own cursor
(`connection.cursor()`, kept in a `threading.local`), as DuckDB requires for concurrent use.
Every DuckDB error surfaces as a `StoreError` whose message quotes the failing statement.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

import duckdb

STATEMENT_EXCERPT = 200
# A DuckDB file holds the magic bytes "DUCK" at offset 8.
_DUCKDB_MAGIC_START, _DUCKDB_MAGIC_END = 8, 12
_OFFLINE_CONFIG: dict[str, str | bool | int | float | list[str]] = {
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
}

Row = tuple[Any, ...]
T = TypeVar("T")


class StoreError(Exception):
    """A storage failure; the message names the statement, record or migration that failed."""

    def __init__(self, message: str, *, statement: str | None = None) -> None:
        super().__init__(message)
        self.statement = statement


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


def _refuse_foreign_file(path: Path) -> None:
    """Raise StoreError if path is an existing file that is not a DuckDB database."""
    try:
        with path.open("rb") as handle:
            header = handle.read(_DUCKDB_MAGIC_END)
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return
    except OSError as exc:
        raise StoreError(f"cannot open database {str(path)!r}: {exc.strerror}") from exc
    if header and header[_DUCKDB_MAGIC_START:_DUCKDB_MAGIC_END] != b"DUCK":
        raise StoreError(f"{str(path)!r} is not a DuckDB database file")


class Database:
    """One DuckDB connection; each thread runs its statements on its own cursor."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        if self.path != ":memory:":
            _refuse_foreign_file(Path(self.path))
        try:
            if self.path != ":memory:":
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            # Offline by design: DuckDB must never fetch an extension (a SQLite file passed as
            # the database would otherwise make it download the sqlite scanner).
            self._connection = duckdb.connect(self.path, config=_OFFLINE_CONFIG)
        except (duckdb.Error, OSError) as exc:
            raise StoreError(f"cannot open database {self.path!r}: {exc}") from exc
        self._local = threading.local()
        self._lock = threading.Lock()
        self._cursors: dict[threading.Thread, duckdb.DuckDBPyConnection] = {}
        self._closed = False

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """This thread's cursor, created on first use."""
        if self._closed:
            raise StoreError(f"the store {self.path!r} is closed")
        cursor: duckdb.DuckDBPyConnection | None = getattr(self._local, "cursor", None)
        if cursor is not None:
            return cursor
        with self._lock:
            if self._closed:
                raise StoreError(f"the store {self.path!r} is closed")
            self._close_cursors_of_finished_threads()
            cursor = self._connection.cursor()
            self._cursors[threading.current_thread()] = cursor
        self._local.cursor = cursor
        return cursor

    def _close_cursors_of_finished_threads(self) -> None:
        for thread in [thread for thread in self._cursors if not thread.is_alive()]:
            with contextlib.suppress(duckdb.Error):
                self._cursors.pop(thread).close()

    def _run(self, sql: str, action: Callable[[duckdb.DuckDBPyConnection], T]) -> T:
        try:
            return action(self.cursor())
        except duckdb.Error as exc:
            first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else repr(exc)
            statement = excerpt(sql)
            raise StoreError(f"{first_line} (statement: {statement})", statement=statement) from exc

    def execute(self, sql: str, params: Sequence[object] = ()) -> None:
        """Run one statement for its effect."""
        self._run(sql, lambda cursor: cursor.execute(sql, params))

    def executemany(self, sql: str, rows: Sequence[Sequence[object]]) -> None:
        """Run one statement once per row of parameters."""
        if rows:
            self._run(sql, lambda cursor: cursor.executemany(sql, rows))

    def fetchall(self, sql: str, params: Sequence[object] = ()) -> list[Row]:
        """Run one query and return all its rows."""
        return self._run(sql, lambda cursor: cursor.execute(sql, params).fetchall())

    def fetchone(self, sql: str, params: Sequence[object] = ()) -> Row | None:
        """Run one query and return its first row, or None."""
        return self._run(sql, lambda cursor: cursor.execute(sql, params).fetchone())

    def split_script(self, script: str) -> list[str]:
        """The statements of a SQL script, in order."""
        return self._run(
            script, lambda cursor: [item.query for item in cursor.extract_statements(script)]
        )

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """Run the block in one transaction on this thread's cursor; roll back if it raises.

        A transaction opened inside another on the same thread joins the outer one.
        """
        if getattr(self._local, "in_transaction", False):
            yield
            return
        cursor = self.cursor()
        self._run("BEGIN TRANSACTION", lambda _: cursor.begin())
        self._local.in_transaction = True
        try:
            yield
        except BaseException:
            with contextlib.suppress(duckdb.Error):
                cursor.rollback()
            raise
        else:
            try:
                self._run("COMMIT", lambda _: cursor.commit())
            except StoreError:
                with contextlib.suppress(duckdb.Error):
                    cursor.rollback()
                raise
        finally:
            self._local.in_transaction = False

    def close(self) -> None:
        """Close every cursor and the connection; later calls raise StoreError."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            for cursor in self._cursors.values():
                with contextlib.suppress(duckdb.Error):
                    cursor.close()
            self._cursors.clear()
            self._connection.close()
