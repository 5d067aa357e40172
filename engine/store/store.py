"""The Store: the one class that runs SQL, over one DuckDB file (or `:memory:`).

Opening a Store applies any pending migration. Its record methods (clients, sources, claims,
merges, reviews, runs with their steps and events, plans, sections, dossiers and their versions,
workspace settings, model calls and the model-response cache, intel briefings) come from one
module per group of tables; each takes `org_id` first and never reads or writes another org's
rows. Use it as a
context manager, or call `close()`.

A long-lived process opens it `hold_while_working` (see database.py): the file is held only
inside `session()` blocks (and for each statement outside one), so other processes can use it
between them; `holder` names this process in the note other processes read when it is busy.

Timestamps are stored in UTC: a naive datetime is taken to be UTC, and every datetime read
back is timezone-aware UTC.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path
from types import TracebackType

from engine.store import migrate
from engine.store.briefings import BriefingRecords
from engine.store.clients import ClientRecords
from engine.store.database import Database
from engine.store.dossiers import DossierRecords
from engine.store.evidence import EvidenceRecords
from engine.store.llm import LLMRecords
from engine.store.migrate import MigrationSource
from engine.store.reviews import ReconciliationRecords
from engine.store.settings import SettingsRecords
from engine.store.steps import StepRecords


class Store(
    ClientRecords,
    StepRecords,
    EvidenceRecords,
    ReconciliationRecords,
    DossierRecords,
    SettingsRecords,
    LLMRecords,
    BriefingRecords,
):
    """The database boundary: owns the connection, one cursor per thread, every statement."""

    def __init__(
        self,
        path: str | Path = ":memory:",
        *,
        migrations: MigrationSource | None = None,
        hold_while_working: bool = False,
        holder: str | None = None,
        busy_wait_s: float = 0.0,
        on_wait: Callable[[str], None] | None = None,
        idle_release_s: float = 0.0,
    ) -> None:
        self._db = Database(
            path,
            hold_while_working=hold_while_working,
            holder=holder,
            busy_wait_s=busy_wait_s,
            on_wait=on_wait,
            idle_release_s=idle_release_s,
        )
        try:
            with self._db.session():
                migrate.apply_migrations(self._db, migrations)
        except BaseException:
            self._db.close()
            raise

    @contextlib.contextmanager
    def session(self, activity: str | None = None) -> Iterator[None]:
        """Hold the database file for the block; `activity` ("running run X") names why."""
        with self._db.session(activity):
            yield

    @property
    def is_open(self) -> bool:
        """Whether this Store holds its file now."""
        return self._db.is_open

    @property
    def path(self) -> str:
        """The database file path, or ':memory:'."""
        return self._db.path

    def schema_version(self) -> int:
        """The highest migration version applied (0 if none)."""
        return max((version for version, _ in self.applied_migrations()), default=0)

    def applied_migrations(self) -> list[tuple[int, str]]:
        """The (version, name) of every applied migration, in order."""
        return migrate.applied_migrations(self._db)

    def close(self) -> None:
        """Close the connection and every thread's cursor; closing twice is harmless."""
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.path!r})"
