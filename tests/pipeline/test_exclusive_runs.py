"""One run, one executor: a second `execute` or `rebuild` of a run in progress is refused."""

from __future__ import annotations

import asyncio

import pytest

from engine.demo import DemoScenario
from engine.pipeline.exclusive import RunInProgressError, exclusive_run
from engine.pipeline.rebuild import rebuild
from engine.store import Store
from tests.fakes.backends import ScriptedBackend
from tests.pipeline.conftest import ORG, execute, runner, start


def test_executing_a_run_twice_at_once_is_refused_and_stores_nothing_twice(
    store: Store, first_scenario: DemoScenario
) -> None:
    run = start(store, first_scenario)

    async def both() -> list[object]:
        first = runner(store, ScriptedBackend(latency_s=0.02)).execute(run.run_id)
        second = runner(store, ScriptedBackend(latency_s=0.03)).execute(run.run_id)
        return await asyncio.gather(first, second, return_exceptions=True)

    outcomes = asyncio.run(both())
    refused = [o for o in outcomes if isinstance(o, RunInProgressError)]
    assert len(refused) == 1 and run.run_id in str(refused[0])
    finished = next(o for o in outcomes if not isinstance(o, BaseException))
    assert getattr(finished, "status", None) == "succeeded"
    steps = store.list_steps(ORG, run.run_id)
    assert {s.status for s in steps} == {"succeeded"}
    assert all(s.attempts == 1 for s in steps)
    assert sum(s.claims_added for s in steps) == store.count_claims(ORG, run.run_id)
    assert [v[0] for v in store.list_dossier_versions(ORG, run.dossier_id)] == [1]
    assert len(store.list_plans(ORG, run.run_id)) == 1
    kinds = [e.kind for e in store.list_events(ORG, run.run_id) if e.kind.startswith("run_")]
    assert kinds == ["run_started", "run_finished"]


def test_a_rebuild_of_a_run_held_by_an_execution_is_refused_before_resetting_anything(
    store: Store, first_scenario: DemoScenario
) -> None:
    run = start(store, first_scenario)
    execute(store, run.run_id)
    before = store.list_steps(ORG, run.run_id)
    with exclusive_run(store, ORG, run.run_id):
        with pytest.raises(RunInProgressError, match="is already being executed"):
            asyncio.run(rebuild(runner(store), run.run_id))
    assert store.list_steps(ORG, run.run_id) == before
    assert asyncio.run(rebuild(runner(store), run.run_id)).status == "succeeded"


def test_a_run_can_be_executed_again_once_the_first_execution_ended(
    store: Store, first_scenario: DemoScenario
) -> None:
    run = start(store, first_scenario)
    shared = runner(store, ScriptedBackend(fail={"search_signal": RuntimeError("offline")}))
    assert asyncio.run(shared.execute(run.run_id)).status == "failed"
    assert execute(store, run.run_id, ScriptedBackend()).status == "succeeded"


def test_an_execution_that_raises_releases_the_run(
    store: Store, first_scenario: DemoScenario
) -> None:
    run = start(store, first_scenario)
    with pytest.raises(KeyError, match="dossier"):
        asyncio.run(runner(store, graphs={"other": ()}).execute(run.run_id))
    assert execute(store, run.run_id).status == "succeeded"
