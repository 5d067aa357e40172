"""A spent model budget stops the run as partial, says so, and loses nothing already done."""

from __future__ import annotations

from engine.demo import DemoScenario
from engine.research.backend import BudgetSpent
from engine.store import Store
from tests.fakes.backends import ScriptedBackend
from tests.pipeline.conftest import ORG, execute, start

SPENT = BudgetSpent("budget of 20,000 tokens spent (20,412 used)")


def test_a_spent_budget_stops_the_run_as_partial_with_a_clear_message(
    store: Store, first_scenario: DemoScenario
) -> None:
    run = start(store, first_scenario)
    finished = execute(store, run.run_id, ScriptedBackend(fail={"contact_discovery": SPENT}))
    assert finished.status == "partial"
    assert finished.error is not None
    assert "budget is spent" in finished.error and "20,000 tokens" in finished.error
    assert "not run: " in finished.error and "insight" in finished.error
    steps = {step.step_id: step.status for step in store.list_steps(ORG, run.run_id)}
    assert steps["search_signal"] == steps["entity_research"] == "succeeded"
    assert steps["contact_discovery"] == "failed"
    assert steps.get("insight", "pending") == "pending"
    kept = store.count_claims_by_step(ORG, run.run_id)
    assert kept.get("search_signal", 0) > 0 and kept.get("entity_research", 0) > 0


def test_the_budget_is_not_retried_like_a_transient_error(
    store: Store, first_scenario: DemoScenario
) -> None:
    backend = ScriptedBackend(fail={"search_signal": SPENT})
    run = start(store, first_scenario)
    finished = execute(store, run.run_id, backend)
    assert finished.status == "partial"
    assert [call for call in backend.calls if call[1] == "search_signal"] == [
        ("research", "search_signal")
    ]


def test_resuming_after_the_budget_is_raised_finishes_the_run(
    store: Store, first_scenario: DemoScenario
) -> None:
    run = start(store, first_scenario)
    execute(store, run.run_id, ScriptedBackend(fail={"enrich_lead": SPENT}))
    resumed = execute(store, run.run_id, ScriptedBackend())
    assert resumed.status == "succeeded"
    assert store.get_dossier(ORG, run.dossier_id) is not None
