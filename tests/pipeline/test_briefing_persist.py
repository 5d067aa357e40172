"""Auto-persist of briefing steps: stored as the step ends, one row per key, failures only warn."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest

from engine.briefings.queries import query_icp_job_titles
from engine.demo import demo_scenarios, seed_demo
from engine.models import Client
from engine.models.run import RunRecord, RunRequest
from engine.pipeline.launch import create_run
from engine.pipeline.runner import Runner
from engine.store import Store, StoreError

ORG = "acme"


@pytest.fixture
def store() -> Iterator[Store]:
    with Store(":memory:") as opened:
        seed_demo(opened, ORG)
        yield opened


def run_once(store: Store, client_name: str | None = None) -> RunRecord:
    scenario = demo_scenarios()[0]
    request = RunRequest(
        client_name=client_name or scenario.client_name,
        target=scenario.target,
        sources_dir=str(scenario.path),
    )
    run = create_run(store, ORG, request)
    return asyncio.run(Runner(store, ORG).execute(run.run_id))


def warnings_of(store: Store, run: RunRecord) -> list[str]:
    return [e.detail["message"] for e in store.events_of_kind(ORG, run.run_id, "step_warning")]


def test_a_run_stores_its_clients_icp_job_titles_once_per_key(store: Store) -> None:
    first = run_once(store)
    assert first.status == "succeeded"
    [row] = query_icp_job_titles(store, org_id=ORG)
    assert row.company_domain == "northwaymodular.example"
    assert (row.source_run_id, row.source_step_id) == (first.run_id, "icp_job_titles")
    assert [t["title"] for t in row.raw_output["job_titles"]][:2] == [
        "VP Projects",
        "Construction Manager",
    ]
    second = run_once(store)
    [again] = query_icp_job_titles(store, org_id=ORG)
    assert again.id == row.id and again.created_at == row.created_at
    assert again.source_run_id == second.run_id and again.updated_at >= row.updated_at
    assert warnings_of(store, first) == [] == warnings_of(store, second)


def test_a_client_without_a_domain_gets_a_warning_not_a_failure(store: Store) -> None:
    store.add_client(
        ORG, Client(name="Nodomain Co", description="Camps.", icp="Buyers: VP Projects.")
    )
    run = run_once(store, "Nodomain Co")
    assert run.status == "succeeded"
    assert query_icp_job_titles(store, org_id=ORG) == []
    [warning] = warnings_of(store, run)
    assert "'Nodomain Co' has no web domain" in warning
    assert store.get_step(ORG, run.run_id, "icp_job_titles").status == "succeeded"  # type: ignore[union-attr]


def test_a_store_failure_in_the_persist_leaves_step_and_run_succeeded(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: object, **_kwargs: object) -> None:
        raise StoreError("disk full (injected)")

    monkeypatch.setattr(store, "upsert_briefing", broken)
    run = run_once(store)
    assert run.status == "succeeded"
    assert store.get_step(ORG, run.run_id, "icp_job_titles").status == "succeeded"  # type: ignore[union-attr]
    [warning] = warnings_of(store, run)
    assert "could not be stored" in warning and "disk full (injected)" in warning


def test_a_resume_stores_a_briefing_whose_persist_was_lost(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    scenario = demo_scenarios()[0]
    request = RunRequest(
        client_name=scenario.client_name,
        target=scenario.target,
        sources_dir=str(scenario.path),
        pause_after_insight=True,
    )
    run = create_run(store, ORG, request)
    with monkeypatch.context() as patched:  # the process dies between commit and persist
        patched.setattr("engine.pipeline.attempts.store_briefing", lambda *a, **k: None)
        paused = asyncio.run(Runner(store, ORG).execute(run.run_id))
    assert paused.status == "paused" and query_icp_job_titles(store, org_id=ORG) == []
    resumed = asyncio.run(Runner(store, ORG).execute(run.run_id))
    assert resumed.status == "succeeded"
    [row] = query_icp_job_titles(store, org_id=ORG)
    assert (row.source_run_id, row.source_step_id) == (run.run_id, "icp_job_titles")
