"""The app and the CLI on one database file: the CLI works whenever no run executes in the app.

The app's Store is opened as ui.resources opens it (held only while working, named "the
workbench app"); its worker runs a slow scripted run. A real `workbench` process on the same
file succeeds before and after the run, and while the run executes it waits, then exits 1 with
one line naming the app and the run.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from engine.demo import demo_scenarios, seed_demo
from engine.models.run import RunRequest
from engine.store import Store
from engine.workspace.worker import RunWorker
from tests.fakes.backends import ScriptedBackend
from ui.resources import APP_DB_WAIT_S, APP_HOLDER

ORG = "default"
STEP_LATENCY_S = 1.5  # each research call of the app's run sleeps this long
CLI_WAIT_S = 1.0


def workbench(db: Path, *argv: str, wait_s: float = CLI_WAIT_S) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "WORKBENCH_DB_WAIT_S": str(wait_s)}
    return subprocess.run(
        [sys.executable, "-m", "engine", "--db", str(db), *argv],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )


@pytest.fixture
def app(tmp_path: Path) -> Iterator[tuple[Store, RunWorker]]:
    store = Store(
        tmp_path / "workbench.duckdb",
        hold_while_working=True,
        holder=APP_HOLDER,
        busy_wait_s=APP_DB_WAIT_S,
    )
    seed_demo(store, ORG)
    worker = RunWorker(
        store, ORG, backend_factory=lambda run: ScriptedBackend(latency_s=STEP_LATENCY_S)
    )
    yield store, worker
    worker.close()
    store.close()


def slow_run(worker: RunWorker) -> str:
    scenario = demo_scenarios()[0]
    request = RunRequest(
        client_name=scenario.client_name, target=scenario.target, sources_dir=str(scenario.path)
    )
    return worker.launch(request).run_id


def test_the_cli_works_while_the_app_is_open_and_idle(app: tuple[Store, RunWorker]) -> None:
    store, _ = app
    done = workbench(Path(store.path), "clients")
    assert done.returncode == 0, done.stderr
    assert demo_scenarios()[0].client_name in done.stdout
    added = workbench(Path(store.path), "client", "add", "Zed Co", "--description", "x")
    assert added.returncode == 0, added.stderr
    assert "Zed Co" in [client.name for client in store.list_clients(ORG)]  # the app sees it


def test_while_a_run_executes_in_the_app_the_cli_is_told_who_holds_the_file(
    app: tuple[Store, RunWorker],
) -> None:
    store, worker = app
    run_id = slow_run(worker)
    deadline = time.monotonic() + 30
    while not store.is_open:
        assert time.monotonic() < deadline, "the run never started"
        time.sleep(0.05)
    started = time.monotonic()
    refused = workbench(Path(store.path), "runs")
    waited = time.monotonic() - started
    assert refused.returncode == 1
    lines = refused.stderr.strip().splitlines()
    assert len(lines) == 2, refused.stderr  # the "waiting" note, then the one-line refusal
    assert lines[0].startswith("workbench: the database is busy, waiting up to 1 s")
    assert f"{APP_HOLDER} (PID {os.getpid()}) is running run {run_id}" in lines[1]
    assert "Traceback" not in refused.stderr and "IO Error" not in refused.stderr
    assert CLI_WAIT_S <= waited < CLI_WAIT_S + 20
    worker.wait(run_id, timeout=300)
    assert not store.is_open
    after = workbench(Path(store.path), "runs")
    assert after.returncode == 0 and run_id in after.stdout


def test_a_cli_command_that_waits_long_enough_gets_its_turn(
    app: tuple[Store, RunWorker],
) -> None:
    store, worker = app
    run_id = slow_run(worker)
    while not store.is_open:
        time.sleep(0.05)
    done = workbench(Path(store.path), "runs", wait_s=300)
    assert done.returncode == 0, done.stderr
    assert "waiting up to 300 s" in done.stderr
    assert store.get_run(ORG, run_id).status in ("succeeded", "partial")  # type: ignore[union-attr]


def test_parallel_cli_runs_on_one_file_wait_their_turn(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    assert workbench(db, "demo").returncode == 0
    scenario = demo_scenarios()[0]
    argv = ["run", "--client", scenario.client_name, "--target", scenario.target]
    env = {**os.environ, "WORKBENCH_DB_WAIT_S": "300"}
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "engine", "--db", str(db), *argv],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for _ in range(3)
    ]
    results = [process.communicate(timeout=600) for process in processes]
    assert [process.returncode for process in processes] == [0, 0, 0], results
    with Store(db) as store:
        runs = store.list_runs(ORG)
    assert len(runs) == 3 and all(run.status in ("succeeded", "partial") for run in runs)
    assert len({run.dossier_id for run in runs}) == 3
