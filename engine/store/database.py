"""The DuckDB connection behind the Store: one cursor per thread, transactions, wrapped errors.

`Database` owns a single DuckDB connection. Each thread that touches it gets its own cursor
(`connection.cursor()`, kept in a `threading.local`), as DuckDB requires for concurrent use.
Every DuckDB error surfaces as a `StoreError` whose message quotes the failing statement.

DuckDB lets one process at a time open a file, so a long-lived process (the app) opens it
*while working* only: with `hold_while_working`, the connection opens when the first
`session()` starts and closes when the last one ends (a statement outside any session is a
session of its own), and other processes can use the file in between. Opening a file another
process holds waits up to `busy_wait_s`, telling `on_wait` once, then raises
`DatabaseBusyError` naming the holder in one line (holder.py). With `idle_release_s`, the
connection is let go only once no session has started for that long, so a burst of statements
outside any session (a page drawn piece by piece) shares one connection. A process that gives
a `holder` name leaves a note beside the file saying who it is and what its sessions are doing.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, TypeVar

import duckdb

from engine.store import holder as holder_note
from engine.store.basics import (
    DatabaseBusyError,
    DuplicateError,
    ForeignFileError,
    NotFoundError,
    StoreError,
    excerpt,
    from_db_time,
    refuse_foreign_file,
    require_key,
    to_db_time,
    utc_now,
)

__all__ = [
    "Database",
    "DatabaseBusyError",
    "DuplicateError",
    "ForeignFileError",
    "NotFoundError",
    "Row",
    "StoreError",
    "excerpt",
    "from_db_time",
    "require_key",
    "to_db_time",
    "utc_now",
]

BUSY_POLL_S = 0.25
_OFFLINE_CONFIG: dict[str, str | bool | int | float | list[str]] = {
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
}

Row = tuple[Any, ...]
T = TypeVar("T")


class Database:
    """One DuckDB connection; each thread runs its statements on its own cursor."""

    def __init__(
        self,
        path: str | Path,
        *,
        hold_while_working: bool = False,
        holder: str | None = None,
        busy_wait_s: float = 0.0,
        on_wait: Callable[[str], None] | None = None,
        idle_release_s: float = 0.0,
    ) -> None:
        self.path = str(path)
        in_memory = self.path == ":memory:"
        if not in_memory:
            refuse_foreign_file(Path(self.path))
        self._lazy = hold_while_working and not in_memory
        self._holder = None if in_memory else holder
        self._busy_wait_s = max(0.0, busy_wait_s)
        self._on_wait = on_wait
        self._idle_release_s = max(0.0, idle_release_s)
        self._release_timer: threading.Timer | None = None
        self._local = threading.local()
        self._lock = threading.RLock()
        self._cursors: dict[threading.Thread, duckdb.DuckDBPyConnection] = {}
        self._connection: duckdb.DuckDBPyConnection | None = None
        self._generation = 0
        self._sessions = 0
        self._activities: list[str] = []
        self._closed = False
        if not self._lazy:
            self._connect()

    @property
    def is_open(self) -> bool:
        """Whether the file is held now (always true unless opened `hold_while_working`)."""
        return self._connection is not None

    def _connect(self) -> None:
        if self.path != ":memory:":
            try:
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"cannot open database {self.path!r}: {exc}") from exc
        started = time.monotonic()
        told = False
        while True:
            try:
                # Offline by design: DuckDB must never fetch an extension (a SQLite file passed
                # as the database would otherwise make it download the sqlite scanner).
                self._connection = duckdb.connect(self.path, config=_OFFLINE_CONFIG)
                break
            except duckdb.Error as exc:
                if not holder_note.is_lock_conflict(exc):
                    raise StoreError(f"cannot open database {self.path!r}: {exc}") from exc
                waited = time.monotonic() - started
                if waited >= self._busy_wait_s:
                    raise DatabaseBusyError(
                        holder_note.busy_message(self.path, exc, waited)
                    ) from None
                if not told and self._on_wait is not None:
                    told = True
                    who = holder_note.holder_description(self.path, exc)
                    self._on_wait(f"waiting up to {self._busy_wait_s:.0f} s: {who}")
                time.sleep(min(BUSY_POLL_S, self._busy_wait_s - waited))
        self._generation += 1
        self._write_note()

    def _disconnect(self) -> None:
        for cursor in self._cursors.values():
            with contextlib.suppress(duckdb.Error):
                cursor.close()
        self._cursors.clear()
        if self._connection is not None:
            with contextlib.suppress(duckdb.Error):
                self._connection.close()
        self._connection = None
        if self._holder is not None:
            holder_note.remove_note(self.path)

    def _write_note(self) -> None:
        if self._holder is not None and self._connection is not None:
            activity = self._activities[-1] if self._activities else None
            holder_note.write_note(self.path, self._holder, activity)

    @contextlib.contextmanager
    def session(self, activity: str | None = None) -> Iterator[None]:
        """Hold the file for the block (opening it if needed); `activity` goes in the note.

        Sessions nest and may overlap across threads; the file is let go when the last ends.
        """
        with self._lock:
            if self._closed:
                raise StoreError(f"the store {self.path!r} is closed")
            if self._release_timer is not None:
                self._release_timer.cancel()
                self._release_timer = None
            if self._connection is None:
                self._connect()
            self._sessions += 1
            if activity:
                self._activities.append(activity)
                self._write_note()
        try:
            yield
        finally:
            with self._lock:
                self._sessions -= 1
                if activity:
                    self._activities.remove(activity)
                    self._write_note()
                if self._lazy and self._sessions == 0 and not self._closed:
                    self._let_go()

    def _let_go(self) -> None:
        """Close the idle connection now, or after `idle_release_s` if no session starts."""
        if self._idle_release_s <= 0:
            self._disconnect()
            return
        timer = threading.Timer(self._idle_release_s, self._release_if_idle)
        timer.daemon = True
        self._release_timer = timer
        timer.start()

    def _release_if_idle(self) -> None:
        with self._lock:
            if self._release_timer is None or self._sessions or self._closed:
                return
            self._release_timer = None
            self._disconnect()

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """This thread's cursor, created on first use (and again after the file was let go)."""
        if self._closed:
            raise StoreError(f"the store {self.path!r} is closed")
        cursor: duckdb.DuckDBPyConnection | None = getattr(self._local, "cursor", None)
        if cursor is not None and getattr(self._local, "generation", None) == self._generation:
            return cursor
        with self._lock:
            if self._closed:
                raise StoreError(f"the store {self.path!r} is closed")
            if self._connection is None:
                raise StoreError(f"the store {self.path!r} is not open: use a session")
            self._close_cursors_of_finished_threads()
            cursor = self._connection.cursor()
            self._cursors[threading.current_thread()] = cursor
            generation = self._generation
        self._local.cursor = cursor
        self._local.generation = generation
        return cursor

    def _close_cursors_of_finished_threads(self) -> None:
        for thread in [thread for thread in self._cursors if not thread.is_alive()]:
            with contextlib.suppress(duckdb.Error):
                self._cursors.pop(thread).close()

    def _run(self, sql: str, action: Callable[[duckdb.DuckDBPyConnection], T]) -> T:
        try:
            with self.session():
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
        with self.session():
            yield from self._transaction()

    def _transaction(self) -> Iterator[None]:
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
            if self._release_timer is not None:
                self._release_timer.cancel()
                self._release_timer = None
            self._disconnect()
