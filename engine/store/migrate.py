"""Forward-only schema migrations: numbered `NNNN_name.sql` files applied in order at open.

Each pending migration runs in one transaction together with its row in `schema_migrations`,
so a failing migration leaves neither tables nor record behind. Migrations are never edited
once landed: a database that records a migration the code does not know, under another name,
or behind a later one, is refused rather than guessed at.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from engine.store.database import Database, StoreError, utc_now

MIGRATION_FILE = re.compile(r"^(?P<version>\d{4})_(?P<name>[a-z0-9_]+)\.sql$")

SCHEMA_MIGRATIONS_DDL = """
CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at TIMESTAMP NOT NULL
)
"""

MigrationSource = Traversable | Path | str


@dataclass(frozen=True)
class Migration:
    """One migration file: its version, name ('initial' for 0001_initial.sql) and SQL."""

    version: int
    name: str
    filename: str
    sql: str


def packaged_migrations() -> Traversable:
    """The migrations directory shipped inside the engine.store package."""
    return resources.files("engine.store") / "migrations"


def discover_migrations(source: MigrationSource | None = None) -> list[Migration]:
    """Read the migration files of a directory, ordered by version; other files are ignored."""
    directory: Traversable
    if source is None:
        directory = packaged_migrations()
    elif isinstance(source, str):
        directory = Path(source)
    else:
        directory = source
    if not directory.is_dir():
        raise StoreError(f"migrations directory {str(directory)!r} does not exist")
    found: dict[int, Migration] = {}
    for entry in directory.iterdir():
        if not entry.is_file() or not entry.name.endswith(".sql"):
            continue
        match = MIGRATION_FILE.match(entry.name)
        if match is None:
            raise StoreError(f"migration file {entry.name!r} is not named like '0001_name.sql'")
        version = int(match["version"])
        if version in found:
            raise StoreError(
                f"migration files {found[version].filename!r} and {entry.name!r} "
                f"share version {version}"
            )
        sql = entry.read_text(encoding="utf-8")
        found[version] = Migration(version, match["name"], entry.name, sql)
    return [found[version] for version in sorted(found)]


def applied_migrations(database: Database) -> list[tuple[int, str]]:
    """The (version, name) of every migration recorded in the database, in order."""
    rows = database.fetchall("SELECT version, name FROM schema_migrations ORDER BY version")
    return [(int(version), str(name)) for version, name in rows]


def _check_history(applied: list[tuple[int, str]], known: list[Migration]) -> None:
    by_version = {migration.version: migration for migration in known}
    for version, name in applied:
        migration = by_version.get(version)
        if migration is None:
            raise StoreError(
                f"the database records migration {version} ({name!r}) that this code does not "
                "have: it was made by a newer version of the workbench"
            )
        if migration.name != name:
            raise StoreError(
                f"the database records migration {version} as {name!r} but the file is "
                f"{migration.filename!r}: landed migrations must not be renamed"
            )


def apply_migrations(database: Database, source: MigrationSource | None = None) -> list[int]:
    """Apply every pending migration in order; return the versions applied now."""
    known = discover_migrations(source)
    with database.transaction():
        database.execute(SCHEMA_MIGRATIONS_DDL)
    applied = applied_migrations(database)
    _check_history(applied, known)
    done = {version for version, _ in applied}
    latest = max(done, default=0)
    newly_applied: list[int] = []
    for migration in known:
        if migration.version in done:
            continue
        if migration.version < latest:
            raise StoreError(
                f"migration {migration.filename!r} is older than the applied migration "
                f"{latest}: migrations only move forward, give it a later number"
            )
        _apply_one(database, migration)
        newly_applied.append(migration.version)
    return newly_applied


def _apply_one(database: Database, migration: Migration) -> None:
    try:
        with database.transaction():
            for statement in database.split_script(migration.sql):
                database.execute(statement)
            database.execute(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                [migration.version, migration.name, utc_now()],
            )
    except StoreError as exc:
        raise StoreError(
            f"migration {migration.filename!r} failed and was rolled back: {exc}",
            statement=exc.statement,
        ) from exc
