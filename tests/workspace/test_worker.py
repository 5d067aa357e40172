"""The run worker: runs execute in a background thread while the caller goes on."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from engine.demo import demo_scenarios, seed_demo
from engine.models import InvalidInput
from engine.models.run import RunRequest
from engine.store import Store
from engine.workspace.demo import seed_demo_workspace
from engine.workspace.rebuilds import rebuild_report, start_rebuild
from engine.workspace.worker import RunWorker

ORG = "acme"
TIMEOUT_S = 120


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "w.duckdb") as opened:
        seed_demo(opened, ORG)
        yield opened


@pytest.fixture
def worker(store: Store) -> Iterator[RunWorker]:
    started = RunWorker(store, ORG)
    yield started
    started.close()


def request(**options: object) -> RunRequest:
    scenario = demo_scenarios()[0]
    fields: dict[str, object] = {
        "client_name": scenario.client_name,
        "target": scenario.target,
        "sources_dir": str(scenario.path),
    }
    return RunRequest.model_validate({**fields, **options})


def wait_for_status(store: Store, run_id: str, status: str) -> None:
    deadline = time.monotonic() + TIMEOUT_S
    while store.get_run(ORG, run_id).status != status:  # type: ignore[union-attr]
        assert time.monotonic() < deadline, f"run never became {status}"
        time.sleep(0.05)


def test_launch_returns_at_once_and_the_run_finishes_in_the_background(
    store: Store, worker: RunWorker
) -> None:
    run = worker.launch(request())
    assert store.get_run(ORG, run.run_id) is not None
    finished = worker.wait(run.run_id, timeout=TIMEOUT_S)
    assert finished.status == "succeeded"
    assert worker.is_active(run.run_id) is False
    assert store.count_claims(ORG, run.run_id) > 0
    assert store.get_dossier(ORG, run.dossier_id) is not None
    assert all(t.name != f"run-worker-{ORG}" or t.daemon for t in threading.enumerate())


def test_a_bad_request_stores_nothing(store: Store, worker: RunWorker, tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="does not exist"):
        worker.launch(request(sources_dir=str(tmp_path / "missing")))
    assert store.list_runs(ORG) == []


def test_starting_an_active_run_again_does_not_run_it_twice(
    store: Store, worker: RunWorker
) -> None:
    run = worker.launch(request())
    again = worker.start(run.run_id)
    assert again.result(timeout=TIMEOUT_S).status == "succeeded"
    started = [e for e in store.list_events(ORG, run.run_id) if e.kind == "run_started"]
    assert len(started) == 1


def test_cancel_of_a_paused_run_and_resume_of_a_paused_run(store: Store, worker: RunWorker) -> None:
    paused = worker.launch(request(pause_after_insight=True))
    wait_for_status(store, paused.run_id, "paused")
    assert worker.cancel(paused.run_id) is True
    assert store.get_run(ORG, paused.run_id).status == "cancelled"  # type: ignore[union-attr]
    other = worker.launch(request(pause_after_insight=True))
    wait_for_status(store, other.run_id, "paused")
    assert worker.start(other.run_id).result(timeout=TIMEOUT_S).status == "succeeded"


def test_rebuild_in_the_background_reports_what_it_rewrote(store: Store, worker: RunWorker) -> None:
    run = worker.launch(request())
    worker.wait(run.run_id, timeout=TIMEOUT_S)
    start_rebuild(worker, run.run_id)
    result = worker.wait(run.run_id, timeout=TIMEOUT_S)
    assert result.rewritten == []  # nothing changed: every section kept
    report = rebuild_report(store, ORG, run.run_id, running=worker.is_active(run.run_id))
    assert report.rewritten == [] and len(report.unchanged) == 9 and not report.running


def test_a_released_or_unfinished_run_is_not_rebuilt(store: Store, worker: RunWorker) -> None:
    paused = worker.launch(request(pause_after_insight=True))
    wait_for_status(store, paused.run_id, "paused")
    with pytest.raises(InvalidInput, match="only a finished run"):
        start_rebuild(worker, paused.run_id)
    done = worker.launch(request())
    worker.wait(done.run_id, timeout=TIMEOUT_S)
    store.set_dossier_status(ORG, done.dossier_id, "ready")
    store.set_dossier_status(ORG, done.dossier_id, "released")
    with pytest.raises(InvalidInput, match="frozen"):
        start_rebuild(worker, done.run_id)


def test_demo_workspace_gets_one_finished_run_once(store: Store) -> None:
    _, first = seed_demo_workspace(store, ORG)
    _, second = seed_demo_workspace(store, ORG)
    assert first is not None and first.status == "succeeded"
    assert second is None and len(store.list_runs(ORG)) == 1
