"""The runner: retries, critical and non-critical failures, pause, cancel, resume."""

from __future__ import annotations

import asyncio
import threading
import time

from engine.demo import DemoScenario
from engine.store import Store
from tests.fakes.backends import ScriptedBackend
from tests.pipeline.conftest import ORG, execute, runner, start


def statuses(store: Store, run_id: str) -> dict[str, str]:
    return {s.step_id: s.status for s in store.list_steps(ORG, run_id)}


def test_transient_errors_are_retried_with_backoff(
    store: Store, first_scenario: DemoScenario
) -> None:
    run = start(store, first_scenario)
    backend = ScriptedBackend(transient={"entity_research": 2})
    finished = execute(store, run.run_id, backend)
    assert finished.status == "succeeded"
    step = store.get_step(ORG, run.run_id, "entity_research")
    assert step is not None and step.attempts == 3
    retries = [e for e in store.list_events(ORG, run.run_id) if e.kind == "step_retry"]
    assert [e.detail["attempt"] for e in retries] == [1, 2]
    assert retries[1].detail["delay_s"] > retries[0].detail["delay_s"]


def test_transient_errors_past_the_attempts_fail_the_step(
    store: Store, first_scenario: DemoScenario
) -> None:
    run = start(store, first_scenario)
    finished = execute(store, run.run_id, ScriptedBackend(transient={"search_signal": 5}))
    assert finished.status == "failed"
    assert finished.error == "search_signal failed: search_signal: temporarily unavailable"


def test_a_failed_critical_step_fails_the_run_and_runs_nothing_after(
    store: Store, first_scenario: DemoScenario
) -> None:
    run = start(store, first_scenario)
    backend = ScriptedBackend(fail={"entity_research": RuntimeError("registry timed out")})
    finished = execute(store, run.run_id, backend)
    assert finished.status == "failed"
    assert finished.error == "entity_research failed: registry timed out"
    assert backend.called("research") == ["search_signal", "entity_research"]
    assert store.get_dossier(ORG, run.dossier_id) is None
    assert store.count_claims_by_step(ORG, run.run_id).keys() == {"search_signal"}


def test_a_failed_enrichment_gives_a_partial_run_with_a_dossier(
    store: Store, first_scenario: DemoScenario
) -> None:
    run = start(store, first_scenario)
    backend = ScriptedBackend(fail={"enrich_opportunity": RuntimeError("quota exceeded")})
    finished = execute(store, run.run_id, backend)
    assert finished.status == "partial"
    assert (
        finished.error is not None and "enrich_opportunity failed: quota exceeded" in finished.error
    )
    assert statuses(store, run.run_id)["insight"] == "succeeded"
    assert store.get_dossier(ORG, run.dossier_id) is not None


def test_a_failed_section_writer_leaves_the_other_sections(
    store: Store, first_scenario: DemoScenario
) -> None:
    run = start(store, first_scenario)
    backend = ScriptedBackend(fail={"OUTREACH": ValueError("writer crashed")})
    finished = execute(store, run.run_id, backend)
    assert finished.status == "partial"
    assert finished.error is not None and "OUTREACH" in finished.error
    dossier = store.get_dossier(ORG, run.dossier_id)
    assert dossier is not None
    assert "OUTREACH" not in dossier.sections and "INTRO" in dossier.sections


def test_pause_after_insight_then_resume_runs_only_the_rest(
    store: Store, first_scenario: DemoScenario
) -> None:
    run = start(store, first_scenario, pause_after_insight=True)
    backend = ScriptedBackend()
    paused = execute(store, run.run_id, backend)
    assert paused.status == "paused"
    assert statuses(store, run.run_id)["insight"] == "succeeded"
    assert "write_sections" not in statuses(store, run.run_id)
    research_calls = len(backend.called("research"))
    resumed = execute(store, run.run_id, backend)
    assert resumed.status == "succeeded"
    assert len(backend.called("research")) == research_calls  # nothing researched twice
    kinds = [e.kind for e in store.list_events(ORG, run.run_id)]
    assert kinds.count("run_paused") == 1 and "run_resumed" in kinds


def test_cancel_stops_the_run_and_resume_finishes_it(
    store: Store, first_scenario: DemoScenario
) -> None:
    run = start(store, first_scenario)
    backend = ScriptedBackend(latency_s=0.15)

    def cancel_soon() -> None:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if store.get_step(ORG, run.run_id, "entity_research") is not None:
                store.request_cancel(ORG, run.run_id)
                return
            time.sleep(0.01)

    canceller = threading.Thread(target=cancel_soon)
    canceller.start()
    cancelled = asyncio.run(runner(store, backend).execute(run.run_id))
    canceller.join()
    assert cancelled.status == "cancelled"
    assert "assemble" not in statuses(store, run.run_id)
    resumed = execute(store, run.run_id, ScriptedBackend())
    assert resumed.status == "succeeded"
    assert store.get_dossier(ORG, run.dossier_id) is not None


def test_a_step_returning_another_steps_claim_ids_fails(
    store: Store, first_scenario: DemoScenario
) -> None:
    class WrongPrefix(ScriptedBackend):
        async def extract(self, documents, *, target, prefix, context=(), request=None):  # type: ignore[no-untyped-def]
            return await super().extract(documents, target=target, prefix="lead", context=context)

    run = start(store, first_scenario)
    finished = execute(store, run.run_id, WrongPrefix())
    assert finished.status == "failed"
    assert finished.error is not None and "does not carry the prefix 'search'" in finished.error


def test_a_run_cancelled_while_paused_resumes_without_pausing_again(
    store: Store, first_scenario: DemoScenario
) -> None:
    run = start(store, first_scenario, pause_after_insight=True)
    assert execute(store, run.run_id).status == "paused"
    assert store.request_cancel(ORG, run.run_id) is True
    assert store.get_run(ORG, run.run_id).status == "cancelled"  # type: ignore[union-attr]
    assert execute(store, run.run_id).status == "succeeded"
    assert store.get_dossier(ORG, run.dossier_id) is not None


def test_a_run_cancelled_before_it_started_runs_nothing(
    store: Store, first_scenario: DemoScenario
) -> None:
    run = start(store, first_scenario)
    assert store.request_cancel(ORG, run.run_id) is True
    backend = ScriptedBackend()
    cancelled = execute(store, run.run_id, backend)
    assert cancelled.status == "cancelled" and backend.calls == []
    assert store.list_steps(ORG, run.run_id) == []
    kinds = [e.kind for e in store.list_events(ORG, run.run_id)]
    assert kinds == ["run_cancelled"]
    assert execute(store, run.run_id, backend).status == "succeeded"
