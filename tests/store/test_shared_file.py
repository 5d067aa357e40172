"""One DuckDB file for a long-lived process and others: held only while working, busy named."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from engine.models import Client
from engine.store import DatabaseBusyError, Store
from engine.store.holder import note_path, read_note

OPEN_FROM_ANOTHER_PROCESS = """
import sys
from engine.store import DatabaseBusyError, Store
try:
    with Store(sys.argv[1], busy_wait_s=float(sys.argv[2])) as store:
        print(len(store.list_clients("o1")))
except DatabaseBusyError as exc:
    print("BUSY", exc)
"""


HOLD_THE_FILE = """
import sys, time, duckdb
connection = duckdb.connect(sys.argv[1])
print("holding", flush=True)
time.sleep(60)
"""


def other_process(path: Path, wait_s: float = 0.0) -> str:
    done = subprocess.run(
        [sys.executable, "-c", OPEN_FROM_ANOTHER_PROCESS, str(path), str(wait_s)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return done.stdout.strip()


@pytest.fixture
def app_store(tmp_path: Path) -> Store:
    store = Store(tmp_path / "w.duckdb", hold_while_working=True, holder="the workbench app")
    store.add_client("o1", Client(name="Acme", description="sells things"))
    yield store
    store.close()


def test_a_store_held_while_working_lets_the_file_go_between_sessions(app_store: Store) -> None:
    assert not app_store.is_open
    assert other_process(Path(app_store.path)) == "1"
    assert app_store.list_clients("o1")[0].name == "Acme"  # reopens for the statement
    assert not app_store.is_open


def test_inside_a_session_another_process_is_told_who_holds_the_file(app_store: Store) -> None:
    with app_store.session("running run run_ab12"):
        answer = other_process(Path(app_store.path))
        note = read_note(app_store.path)
    assert answer.startswith("BUSY ")
    assert f"the workbench app (PID {os.getpid()}) is running run run_ab12" in answer
    assert "\n" not in answer
    assert note is not None and note.activity == "running run run_ab12"
    assert not note_path(app_store.path).exists()  # the note goes with the connection


def test_a_waiting_process_gets_the_file_once_the_session_ends(app_store: Store) -> None:
    released = threading.Event()

    def hold_briefly() -> None:
        with app_store.session("running run run_ab12"):
            released.wait(10)
            time.sleep(1.0)

    holder = threading.Thread(target=hold_briefly)
    holder.start()
    released.set()
    try:
        assert other_process(Path(app_store.path), wait_s=20) == "1"
    finally:
        holder.join()


def test_sessions_nest_and_cursors_survive_a_reopen(app_store: Store) -> None:
    with app_store.session():
        with app_store.session("a"):
            assert app_store.is_open
        assert app_store.is_open
        app_store.add_client("o1", Client(name="Beta", description="more things"))
    assert not app_store.is_open
    assert [c.name for c in app_store.list_clients("o1")] == ["Acme", "Beta"]


def test_a_stale_note_from_a_dead_process_is_not_believed(tmp_path: Path) -> None:
    path = tmp_path / "w.duckdb"
    Store(path).close()
    note_path(str(path)).write_text(
        '{"pid": 999999, "holder": "the workbench app", "activity": "running run x"}'
    )
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_THE_FILE, str(path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "holding"
        with pytest.raises(DatabaseBusyError) as busy:
            Store(path).close()
    finally:
        holder.kill()
        holder.wait()
    message = str(busy.value)
    assert f"another process (PID {holder.pid}) has it open" in message
    assert "workbench app" not in message


def test_with_an_idle_release_a_burst_of_statements_shares_one_connection(
    tmp_path: Path,
) -> None:
    store = Store(tmp_path / "w.duckdb", hold_while_working=True, idle_release_s=0.3)
    try:
        for _ in range(20):
            store.list_clients("o1")
        assert store.is_open  # not let go between the statements
        deadline = time.monotonic() + 10
        while store.is_open:
            assert time.monotonic() < deadline, "the idle connection was never let go"
            time.sleep(0.05)
        assert other_process(Path(store.path)) == "0"
    finally:
        store.close()
