"""The connection layer: wrapped errors quoting the statement, per-thread cursors, closing."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from engine.store import Store, StoreError
from engine.store.database import Database, excerpt
from tests.factories import make_claim


def test_a_duckdb_error_becomes_a_store_error_quoting_the_statement() -> None:
    database = Database(":memory:")
    sql = "SELECT missing_column FROM (SELECT 1 AS present)"
    with pytest.raises(StoreError) as caught:
        database.fetchall(sql)
    assert "missing_column" in str(caught.value)
    assert sql in str(caught.value)
    assert caught.value.statement == sql
    assert caught.value.__cause__ is not None
    database.close()


def test_a_long_statement_is_quoted_by_its_first_200_characters() -> None:
    database = Database(":memory:")
    sql = "SELECT " + ", ".join(f"column_{index}" for index in range(100)) + " FROM nowhere"
    with pytest.raises(StoreError) as caught:
        database.execute(sql)
    assert caught.value.statement == excerpt(sql)
    assert len(excerpt(sql)) == 200
    assert sql[:150] in str(caught.value)
    assert "FROM nowhere" not in str(caught.value)
    database.close()


def test_a_failed_transaction_leaves_nothing_behind() -> None:
    database = Database(":memory:")
    database.execute("CREATE TABLE t (x INTEGER PRIMARY KEY)")
    with pytest.raises(StoreError, match="INSERT INTO t VALUES"), database.transaction():
        database.execute("INSERT INTO t VALUES (1)")
        database.execute("INSERT INTO t VALUES (1)")
    assert database.fetchall("SELECT count(*) FROM t") == [(0,)]
    database.execute("INSERT INTO t VALUES (2)")
    assert database.fetchall("SELECT x FROM t") == [(2,)]
    database.close()


def test_each_thread_gets_its_own_cursor_and_keeps_it() -> None:
    database = Database(":memory:")
    all_alive = threading.Barrier(4)
    seen: dict[str, tuple[object, object]] = {}

    def grab(name: str) -> None:
        first = database.cursor()
        all_alive.wait()
        seen[name] = (first, database.cursor())

    threads = [threading.Thread(target=grab, args=(f"t{n}",)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(first is second for first, second in seen.values())
    assert len({id(first) for first, _ in seen.values()}) == 4
    assert all(database.cursor() is not first for first, _ in seen.values())
    database.close()


@pytest.mark.parametrize("where", ["memory", "file"])
def test_threads_writing_claims_for_different_runs_all_land(where: str, tmp_path: Path) -> None:
    path = ":memory:" if where == "memory" else tmp_path / "db.duckdb"
    threads_count, batches, per_batch = 6, 5, 20
    errors: list[BaseException] = []
    with Store(path) as store:

        def write(run_id: str) -> None:
            try:
                for batch in range(batches):
                    claims = [
                        make_claim(f"search_{batch * per_batch + index + 1:03d}")
                        for index in range(per_batch)
                    ]
                    store.save_claims("org-a", run_id, claims, step_id="search_signal")
            except BaseException as exc:  # collected and asserted below
                errors.append(exc)

        threads = [threading.Thread(target=write, args=(f"run-{n}",)) for n in range(threads_count)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == []
        for n in range(threads_count):
            assert store.count_claims("org-a", f"run-{n}") == batches * per_batch
            ids = [claim.claim_id for claim in store.list_claims("org-a", f"run-{n}")]
            assert ids == [f"search_{index:03d}" for index in range(1, batches * per_batch + 1)]


def test_a_closed_store_refuses_work_and_closes_twice_quietly() -> None:
    store = Store()
    store.close()
    store.close()
    with pytest.raises(StoreError, match="is closed"):
        store.count_claims("org-a", "run-1")


def test_store_is_a_context_manager_that_closes() -> None:
    with Store() as store:
        assert store.count_claims("org-a", "run-1") == 0
    with pytest.raises(StoreError, match="is closed"):
        store.list_clients("org-a")


def test_keys_must_be_non_empty_strings(store: Store) -> None:
    with pytest.raises(StoreError, match="org_id must be a non-empty string, got ''"):
        store.list_clients("")
    with pytest.raises(StoreError, match="run_id must be a non-empty string, got None"):
        store.list_claims("org-a", None)  # type: ignore[arg-type]


def test_a_path_that_cannot_hold_a_database_is_a_store_error(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("plain file", encoding="utf-8")
    with pytest.raises(StoreError, match="cannot open database"):
        Store(blocker / "workbench.duckdb")


def test_threads_racing_to_save_the_same_batch_store_it_once() -> None:
    batch = [make_claim(f"search_{index:03d}") for index in range(1, 151)]
    inserted: list[int] = []
    errors: list[BaseException] = []
    start = threading.Barrier(4)
    with Store() as store:

        def save() -> None:
            start.wait()
            try:
                inserted.append(store.save_claims("org-a", "run-1", batch, step_id="s"))
            except BaseException as exc:  # collected and asserted below
                errors.append(exc)

        threads = [threading.Thread(target=save) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == []
        assert sum(inserted) == len(batch)
        assert store.list_claims("org-a", "run-1") == batch


def test_a_file_that_is_not_duckdb_is_refused_without_touching_it(tmp_path: Path) -> None:
    sqlite = tmp_path / "other.db"
    content = b"SQLite format 3\x00" + b"\x00" * 100
    sqlite.write_bytes(content)
    with pytest.raises(StoreError, match="is not a DuckDB database file"):
        Store(sqlite)
    assert sqlite.read_bytes() == content


def test_extensions_are_never_installed_or_loaded_automatically() -> None:
    with Store(":memory:") as store:
        settings = store._db.fetchall(  # noqa: SLF001 - checking the connection's own settings
            "SELECT current_setting('autoinstall_known_extensions'), "
            "current_setting('autoload_known_extensions')"
        )
    assert settings == [(False, False)]
