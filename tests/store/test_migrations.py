"""Migrations: applied in order at open, recorded once, rolled back whole when one fails."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pytest

from engine.models.run import RunRequest
from engine.store import Store, StoreError
from engine.store.migrate import discover_migrations, packaged_migrations

EXPECTED_TABLES = {
    "clients",
    "sources",
    "claims",
    "merges",
    "reviews",
    "runs",
    "step_runs",
    "run_events",
    "plans",
    "sections",
    "dossiers",
    "dossier_versions",
    "workspace_settings",
    "llm_calls",
    "llm_cache",
    "icp_job_titles",
    "company_intel_briefings",
    "person_intel_briefings",
    "schema_migrations",
}


def _tables(path: Path) -> set[str]:
    with duckdb.connect(str(path), read_only=True) as connection:
        rows = connection.execute("SELECT table_name FROM information_schema.tables").fetchall()
    return {str(name) for (name,) in rows}


def _write(directory: Path, files: dict[str, str]) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for name, sql in files.items():
        (directory / name).write_text(sql, encoding="utf-8")
    return directory


def test_packaged_migrations_are_found_through_importlib_resources() -> None:
    migrations = discover_migrations(packaged_migrations())
    assert [(m.version, m.name) for m in migrations][:1] == [(1, "initial")]
    assert [m.version for m in migrations] == sorted(m.version for m in migrations)


def test_open_applies_and_records_every_migration(tmp_path: Path) -> None:
    path = tmp_path / "nested" / "workbench.duckdb"
    with Store(path) as store:
        assert store.applied_migrations() == [
            (1, "initial"),
            (2, "runs_and_dossiers"),
            (3, "workspace_settings"),
            (4, "llm_calls"),
            (5, "dossier_ids_per_org"),
            (6, "intel_briefings"),
            (7, "client_domain"),
        ]
        assert store.schema_version() == 7
    assert EXPECTED_TABLES <= _tables(path)


def test_a_version_3_workspace_gains_the_llm_tables_and_keeps_its_data(tmp_path: Path) -> None:
    version_3 = tmp_path / "v3"
    version_3.mkdir()
    for migration in discover_migrations(packaged_migrations())[:3]:
        (version_3 / migration.filename).write_text(migration.sql, encoding="utf-8")
    path = tmp_path / "db.duckdb"
    with Store(path, migrations=version_3) as store:
        assert store.schema_version() == 3
        store.save_settings("acme", {"model": "m-1"})
    assert not {"llm_calls", "llm_cache"} & _tables(path)
    with Store(path) as store:
        assert store.schema_version() == 7
        assert store.saved_settings("acme") == {"model": "m-1"}
        assert store.list_llm_calls("acme", "run-1") == []
        assert store.cached_response("acme", "key") is None
    assert {"llm_calls", "llm_cache"} <= _tables(path)


def test_a_version_4_workspace_keeps_its_runs_and_numbers_dossiers_per_org(
    tmp_path: Path,
) -> None:
    version_4 = tmp_path / "v4"
    version_4.mkdir()
    for migration in discover_migrations(packaged_migrations())[:4]:
        (version_4 / migration.filename).write_text(migration.sql, encoding="utf-8")
    path = tmp_path / "db.duckdb"
    request = RunRequest(client_name="Acme", target="Wyloo")
    with Store(path, migrations=version_4) as store:
        first = store.create_run("a", request, client_id="c1", today=date(2026, 12, 4))
        second = store.create_run("a", request, client_id="c1", today=date(2026, 12, 4))
    assert (first.dossier_id, second.dossier_id) == ("DOSS_20261204_0001", "DOSS_20261204_0002")
    with Store(path) as store:
        assert [run.run_id for run in store.list_runs("a")] == [second.run_id, first.run_id]
        assert store.get_run("a", first.run_id) == first
        third = store.create_run("a", request, client_id="c1", today=date(2026, 12, 4))
        theirs = store.create_run("b", request, client_id="c1", today=date(2026, 12, 4))
    assert third.dossier_id == "DOSS_20261204_0003"
    assert theirs.dossier_id == "DOSS_20261204_0001"


def test_reopening_a_file_applies_nothing_twice(tmp_path: Path) -> None:
    migrations = _write(
        tmp_path / "migrations",
        {
            "0001_first.sql": "CREATE TABLE things (thing_id TEXT);",
            "0002_second.sql": "INSERT INTO things VALUES ('seeded');",
        },
    )
    path = tmp_path / "db.duckdb"
    Store(path, migrations=migrations).close()
    with Store(path, migrations=migrations) as store:
        assert store.applied_migrations() == [(1, "first"), (2, "second")]
        assert store._db.fetchall("SELECT thing_id FROM things") == [("seeded",)]
        recorded = store._db.fetchall("SELECT count(*) FROM schema_migrations")
        assert recorded == [(2,)]


def test_a_new_migration_is_applied_on_the_next_open(tmp_path: Path) -> None:
    migrations = _write(tmp_path / "m", {"0001_first.sql": "CREATE TABLE a (x INTEGER);"})
    path = tmp_path / "db.duckdb"
    Store(path, migrations=migrations).close()
    _write(migrations, {"0002_second.sql": "CREATE TABLE b (y INTEGER);"})
    with Store(path, migrations=migrations) as store:
        assert store.schema_version() == 2
    assert {"a", "b"} <= _tables(path)


def test_a_failing_migration_rolls_back_and_names_its_file(tmp_path: Path) -> None:
    migrations = _write(
        tmp_path / "m",
        {
            "0001_good.sql": "CREATE TABLE good (x INTEGER);",
            "0002_bad.sql": (
                "CREATE TABLE half_done (y INTEGER);\n"
                "INSERT INTO half_done VALUES (1);\n"
                "INSERT INTO no_such_table VALUES (2);\n"
            ),
        },
    )
    path = tmp_path / "db.duckdb"
    with pytest.raises(StoreError, match=r"migration '0002_bad\.sql' failed") as caught:
        Store(path, migrations=migrations)
    assert "INSERT INTO no_such_table VALUES (2)" in str(caught.value)
    assert caught.value.statement == "INSERT INTO no_such_table VALUES (2);"
    tables = _tables(path)
    assert "good" in tables
    assert "half_done" not in tables
    with duckdb.connect(str(path), read_only=True) as connection:
        versions = connection.execute("SELECT version FROM schema_migrations").fetchall()
    assert versions == [(1,)]


def test_a_migration_with_a_syntax_error_names_its_file(tmp_path: Path) -> None:
    migrations = _write(tmp_path / "m", {"0001_typo.sql": "CREAT TABLE t (x INTEGER);"})
    with pytest.raises(StoreError, match=r"'0001_typo\.sql'"):
        Store(tmp_path / "db.duckdb", migrations=migrations)


def test_a_badly_named_migration_file_is_refused(tmp_path: Path) -> None:
    migrations = _write(tmp_path / "m", {"1_first.sql": "CREATE TABLE a (x INTEGER);"})
    with pytest.raises(StoreError, match=r"'1_first\.sql' is not named like"):
        Store(":memory:", migrations=migrations)


def test_two_files_with_one_version_are_refused(tmp_path: Path) -> None:
    migrations = _write(
        tmp_path / "m",
        {"0001_a.sql": "CREATE TABLE a (x INTEGER);", "0001_b.sql": "CREATE TABLE b (x INTEGER);"},
    )
    with pytest.raises(StoreError, match="share version 1"):
        Store(":memory:", migrations=migrations)


def test_files_that_are_not_sql_are_ignored(tmp_path: Path) -> None:
    migrations = _write(
        tmp_path / "m", {"0001_a.sql": "CREATE TABLE a (x INTEGER);", "README.md": "notes"}
    )
    with Store(":memory:", migrations=migrations) as store:
        assert store.applied_migrations() == [(1, "a")]


def test_a_database_newer_than_the_code_is_refused(tmp_path: Path) -> None:
    newer = _write(
        tmp_path / "newer",
        {"0001_a.sql": "CREATE TABLE a (x INTEGER);", "0002_b.sql": "CREATE TABLE b (x INTEGER);"},
    )
    older = _write(tmp_path / "older", {"0001_a.sql": "CREATE TABLE a (x INTEGER);"})
    path = tmp_path / "db.duckdb"
    Store(path, migrations=newer).close()
    with pytest.raises(StoreError, match=r"migration 2 \('b'\) that this code does not have"):
        Store(path, migrations=older)


def test_a_renamed_landed_migration_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "db.duckdb"
    Store(path, migrations=_write(tmp_path / "v1", {"0001_a.sql": "SELECT 1;"})).close()
    renamed = _write(tmp_path / "v2", {"0001_renamed.sql": "SELECT 1;"})
    with pytest.raises(StoreError, match="must not be renamed"):
        Store(path, migrations=renamed)


def test_a_migration_numbered_behind_the_applied_ones_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "db.duckdb"
    first = {"0001_a.sql": "SELECT 1;", "0003_c.sql": "SELECT 3;"}
    Store(path, migrations=_write(tmp_path / "v1", first)).close()
    late = _write(tmp_path / "v2", {**first, "0002_b.sql": "SELECT 2;"})
    with pytest.raises(StoreError, match=r"'0002_b\.sql' is older than the applied migration 3"):
        Store(path, migrations=late)


def test_a_missing_migrations_directory_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        Store(":memory:", migrations=tmp_path / "absent")
