"""A spent model budget stops the run as partial, says so, and loses nothing already done."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from engine.demo import DemoScenario
from engine.llm.budget import RunBudget
from engine.llm.protocol import BudgetExceeded, CallContext, CallRecord, CallUsage, ChatMessage
from engine.pipeline.backends import backend_for
from engine.pipeline.launch import run_summary
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


def test_the_budget_message_names_every_step_the_budget_stopped(
    store: Store, first_scenario: DemoScenario
) -> None:
    run = start(store, first_scenario)
    backend = ScriptedBackend(latency_s=0.05, fail={"enrich_lead": SPENT, "client_specific": SPENT})
    finished = execute(store, run.run_id, backend, concurrency=4)
    assert finished.status == "partial" and finished.error is not None
    assert "20,000 tokens" in finished.error
    stopped = finished.error.split("stopped by it: ", 1)[1].split(")", 1)[0]
    assert set(stopped.split(", ")) == {"enrich_lead", "client_specific"}
    steps = {step.step_id: step.status for step in store.list_steps(ORG, run.run_id)}
    assert steps["enrich_lead"] == steps["client_specific"] == "failed"


def call(run_id: str, number: int, *, tokens: int, attempts: int, **extra: Any) -> CallRecord:
    """A logged model call of the run."""
    return CallRecord(
        call_id=f"call_{number:03d}",
        context=CallContext(org_id=ORG, run_id=run_id, step_id="search_signal"),
        model="gpt-4o-mini",
        prompt_name="research_search_signal",
        prompt_hash="hash",
        schema_name="ExtractionOutput",
        messages=(ChatMessage("user", "Extract the claims."),),
        response_text=None if extra.get("error") else '{"claims": []}',
        usage=CallUsage(
            prompt_tokens=tokens, cost_usd=tokens / 1e6, cache_hit=extra.get("hit", False)
        ),
        attempts=attempts,
        error=extra.get("error"),
        created_at=datetime(2026, 1, 5, 12, number, tzinfo=UTC),
    )


def test_a_resumed_run_starts_its_budget_from_what_it_already_spent(
    store: Store, first_scenario: DemoScenario, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-0123456789abcdefghij")
    monkeypatch.setenv("WORKBENCH_BUDGET_TOKENS", "9000")
    run = start(store, first_scenario, backend="openai")
    store.save_llm_call(ORG, call(run.run_id, 1, tokens=6_000, attempts=1))
    store.save_llm_call(ORG, call(run.run_id, 2, tokens=3_500, attempts=2))
    backend = backend_for(store, ORG, run)
    budget = backend.llm._budget  # type: ignore[attr-defined]
    assert isinstance(budget, RunBudget)
    assert budget.spent_tokens == 9_500 and budget.spent_usd == pytest.approx(0.0095)
    with pytest.raises(BudgetExceeded, match="9,000 tokens spent"):
        budget.check()


def test_calls_the_budget_refused_or_the_cache_answered_are_not_counted_as_calls(
    store: Store, first_scenario: DemoScenario
) -> None:
    run = start(store, first_scenario)
    store.save_llm_call(ORG, call(run.run_id, 1, tokens=1_000, attempts=1))
    store.save_llm_call(ORG, call(run.run_id, 2, tokens=500, attempts=3))
    store.save_llm_call(ORG, call(run.run_id, 3, tokens=0, attempts=0, hit=True))
    refused = "budget of 1,000 tokens spent (1,500 used)"
    for number in (4, 5, 6):
        store.save_llm_call(ORG, call(run.run_id, number, tokens=0, attempts=0, error=refused))
    summary = run_summary(store, ORG, run.run_id)
    assert (summary.llm_calls, summary.tokens) == (2, 1_500)
