"""Whole dossier runs on the openai backend, through the real SDK, against a loopback server.

The server (tests/fakes/openai_server.py) answers like a careful model (tests/fakes/llm_answers.py)
and injects faults on demand: rate limits with Retry-After, server errors, timeouts, truncated and
schema-ignoring JSON. Each run must end succeeded, partial or failed with a clear message, keep
every claim its finished steps saved, and log every call; an identical second run is served from
the cache without a single request. The API key never reaches the store.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr

from engine.demo import DemoScenario
from engine.llm.budget import RunBudget
from engine.llm.calllog import StoreCallCache, StoreCallLog
from engine.llm.openai_client import OpenAIClient
from engine.llm.protocol import CallContext
from engine.llm.settings import LLMSettings
from engine.models import DOSSIER_SECTIONS
from engine.models.run import RunRecord
from engine.pipeline.launch import run_summary
from engine.pipeline.policy import RetryPolicy
from engine.pipeline.runner import Runner
from engine.research.openai_backend import OpenAIBackend
from engine.store import Store
from tests.fakes.llm_answers import answer, schema_name
from tests.fakes.openai_server import LoopbackOpenAI
from tests.pipeline.conftest import ORG, start

pytestmark = pytest.mark.allow_hosts(["127.0.0.1"])

SECRET = "sk-loopback-test-0123456789abcdef"
MODEL = "loopback-model"


@pytest.fixture
def server() -> Iterator[LoopbackOpenAI]:
    with LoopbackOpenAI(answer) as running:
        yield running


def factory(
    store: Store, server: LoopbackOpenAI, **settings: Any
) -> Callable[[RunRecord], OpenAIBackend]:
    """Backends over the loopback server, logging and caching in the store."""
    options: dict[str, Any] = {"timeout_s": 5.0, "max_retries": 2, "concurrency": 4}
    options.update(settings)
    budget = options.pop("budget", None)

    def make(run: RunRecord) -> OpenAIBackend:
        client = OpenAIClient(
            LLMSettings(
                model=MODEL, base_url=server.base_url, api_key=SecretStr(SECRET), **options
            ),
            log=StoreCallLog(store, ORG),
            cache=StoreCallCache(store, ORG),
            budget=budget or RunBudget(),
        )
        return OpenAIBackend(client, context=CallContext(org_id=ORG, run_id=run.run_id))

    return make


def run_on(
    store: Store, scenario: DemoScenario, server: LoopbackOpenAI, **settings: Any
) -> RunRecord:
    """Create a run of the scenario on the openai backend and execute it to its end."""
    run = start(store, scenario)
    runner = Runner(
        store,
        ORG,
        backend_factory=factory(store, server, **settings),
        retry=RetryPolicy(base_delay_s=0.01),
        poll_seconds=0.02,
    )
    return asyncio.run(runner.execute(run.run_id))


def claims_by_step(store: Store, run_id: str) -> dict[str, int]:
    return store.count_claims_by_step(ORG, run_id)


def test_a_full_dossier_run_on_the_openai_backend(
    store: Store, first_scenario: DemoScenario, server: LoopbackOpenAI, tmp_path: Path
) -> None:
    finished = run_on(store, first_scenario, server)
    assert finished.status == "succeeded", finished.error
    dossier = store.get_dossier(ORG, finished.dossier_id)
    assert dossier is not None and set(dossier.sections) == set(DOSSIER_SECTIONS)
    claims = store.list_claims(ORG, finished.run_id)
    assert len(claims) > 20
    steps = claims_by_step(store, finished.run_id)
    assert {"search_signal", "entity_research", "contact_discovery"} <= set(steps)
    calls = store.list_llm_calls(ORG, finished.run_id)
    requested = [call for call in calls if not call.usage.cache_hit]
    assert len(requested) == len(server.requests) > 10
    assert all(call.error is None and call.context.step_id for call in calls)
    assert {schema_name(r.body or {}) for r in server.requests} >= {
        "ExtractionOutput",
        "InsightOutput",
        "SectionOutput",
    }
    assert all(request.authorized for request in server.requests)
    summary = run_summary(store, ORG, finished.run_id)
    assert summary.llm_calls == len(requested) and summary.tokens > 0
    for section in dossier.sections.values():
        routed = set(section.routed_claim_ids)
        assert set(section.cited_claim_ids) <= routed
    store.close()
    assert SECRET.encode() not in Path(store.path).read_bytes()


def test_an_identical_second_run_is_served_from_the_cache(
    store: Store, first_scenario: DemoScenario, server: LoopbackOpenAI
) -> None:
    first = run_on(store, first_scenario, server)
    requests_before = len(server.requests)
    second = run_on(store, first_scenario, server)
    assert second.status == "succeeded", second.error
    assert len(server.requests) == requests_before, "the second run made requests"
    calls = store.list_llm_calls(ORG, second.run_id)
    assert calls and all(call.usage.cache_hit for call in calls)
    assert run_summary(store, ORG, second.run_id).llm_calls == 0
    assert len(store.list_claims(ORG, second.run_id)) == len(store.list_claims(ORG, first.run_id))


def test_rate_limits_server_errors_and_a_timeout_are_retried_to_success(
    store: Store, first_scenario: DemoScenario, server: LoopbackOpenAI
) -> None:
    server.fail_next("429", seconds=0.1)
    server.fail_next("500")
    server.fail_next("timeout", seconds=1.0)
    finished = run_on(store, first_scenario, server, timeout_s=0.5)
    assert finished.status == "succeeded", finished.error
    requested = [
        call for call in store.list_llm_calls(ORG, finished.run_id) if not call.usage.cache_hit
    ]
    assert sum(call.attempts for call in requested) == len(server.requests)
    assert len(server.requests) > len(requested)  # the faulty requests were retried
    assert not server._faults  # every fault was served


def test_truncated_json_is_repaired(
    store: Store, first_scenario: DemoScenario, server: LoopbackOpenAI
) -> None:
    server.fail_next("truncated")
    finished = run_on(store, first_scenario, server)
    assert finished.status == "succeeded", finished.error
    assert any(call.repaired for call in store.list_llm_calls(ORG, finished.run_id))


def test_a_writer_that_ignores_the_schema_gives_a_partial_dossier(
    store: Store, first_scenario: DemoScenario, tmp_path: Path
) -> None:
    def stubborn(body: dict[str, Any]) -> dict[str, Any]:
        if schema_name(body) == "SectionOutput" and "OUTREACH" in str(body.get("messages")):
            return {"answer": "I would rather talk about the weather."}
        return answer(body)

    with LoopbackOpenAI(stubborn) as server:
        finished = run_on(store, first_scenario, server)
    with LoopbackOpenAI(answer) as server:
        clean_run = run_on(store, first_scenario, server, cache=False)
    assert finished.status == "partial"
    assert finished.error is not None and "OUTREACH" in finished.error
    assert "Traceback" not in finished.error
    dossier = store.get_dossier(ORG, finished.dossier_id)
    assert dossier is not None and "INTRO" in dossier.sections
    assert claims_by_step(store, finished.run_id) == claims_by_step(store, clean_run.run_id)


def test_a_server_that_keeps_failing_fails_the_run_with_a_clear_message(
    store: Store, first_scenario: DemoScenario, server: LoopbackOpenAI
) -> None:
    server.fail_next("500", times=1000)
    finished = run_on(store, first_scenario, server, max_retries=1)
    assert finished.status == "failed"
    assert finished.error is not None and finished.error.startswith("search_signal failed")
    assert "500" in finished.error or "server" in finished.error.lower()
    assert "Traceback" not in finished.error and SECRET not in finished.error
    assert store.list_claims(ORG, finished.run_id) == []


def test_a_spent_budget_ends_the_run_partial_and_keeps_its_claims(
    store: Store, first_scenario: DemoScenario, server: LoopbackOpenAI
) -> None:
    finished = run_on(store, first_scenario, server, budget=RunBudget(max_tokens=9_000))
    assert finished.status == "partial"
    assert finished.error is not None and "budget" in finished.error
    saved = claims_by_step(store, finished.run_id)
    assert sum(saved.values()) == len(store.list_claims(ORG, finished.run_id))


def odd(body: dict[str, Any]) -> dict[str, Any]:
    """Schema-valid but odd model output: empty, hostile and made-up values beside good ones."""
    reply = answer(body)
    name = schema_name(body)
    if name == "ExtractionOutput":
        reply["claims"] = [
            *reply.get("claims", []),
            {"claim_type": "SIGNAL", "statement": "   "},
            {"claim_type": "FOO", "statement": "Odd \u202e\u200b text", "date_in_claim": "soon"},
            {
                "claim_id": "search_001",
                "claim_type": "CONTACT",
                "statement": "Someone leads procurement.",
                "source_url": "javascript:alert(1)",
                "entities": ["", "\x1b[31m", "Borealis Nickel"],
                "reported_on": "2026-13-45",
                "confidence": "CERTAIN",
                "source_tier": "GOV",
            },
        ]
    elif name == "SectionOutput":
        reply["sentences"] = [
            *reply.get("sentences", []),
            {"text": "An invented fact.", "claim_ids": ["made_up_999"]},
            {"text": "", "claim_ids": []},
        ]
    elif name == "InsightOutput":
        reply = {key: "" if isinstance(value, str) else value for key, value in reply.items()}
    return reply


def test_odd_model_output_never_crashes_a_step_or_corrupts_the_store(
    store: Store, first_scenario: DemoScenario
) -> None:
    with LoopbackOpenAI(odd) as server:
        finished = run_on(store, first_scenario, server)
    assert finished.status in ("succeeded", "partial"), finished.error
    claims = store.list_claims(ORG, finished.run_id)
    steps = store.count_claims_by_step(ORG, finished.run_id)
    assert sum(steps.values()) == len(claims) == len({claim.claim_id for claim in claims})
    assert all(claim.statement.strip() for claim in claims)
    assert not any(
        (claim.source_url or "").startswith("javascript:") or "\u202e" in claim.statement
        for claim in claims
    )
    dossier = store.get_dossier(ORG, finished.dossier_id)
    assert dossier is not None
    known = {claim.claim_id for claim in claims}
    for section in dossier.sections.values():
        assert set(section.cited_claim_ids) <= known
        assert "made_up_999" not in section.cited_claim_ids


def test_a_resumed_run_keeps_the_budget_its_earlier_executions_spent(
    store: Store,
    first_scenario: DemoScenario,
    server: LoopbackOpenAI,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from engine.workspace.settings import save_settings

    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "WORKBENCH_BUDGET_USD", "WORKBENCH_PRICES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("WORKBENCH_BUDGET_TOKENS", "9000")
    monkeypatch.setenv("WORKBENCH_LLM_CACHE", "off")
    settings = {"backend": "openai", "model": MODEL, "base_url": server.base_url, "concurrency": 4}
    save_settings(store, ORG, settings)
    run = start(store, first_scenario, backend="openai")
    runner = Runner(store, ORG, retry=RetryPolicy(base_delay_s=0.01), poll_seconds=0.02)
    first = asyncio.run(runner.execute(run.run_id))
    assert first.status == "partial" and first.error is not None and "budget" in first.error
    requests, summary = len(server.requests), run_summary(store, ORG, run.run_id)
    assert summary.tokens >= 9_000 and summary.llm_calls == requests
    resumed = asyncio.run(runner.execute(run.run_id))
    assert resumed.status == "partial" and resumed.error is not None
    assert "9,000 tokens spent" in resumed.error
    assert len(server.requests) == requests, "the resume started the budget afresh"
    after = run_summary(store, ORG, run.run_id)
    assert (after.llm_calls, after.tokens) == (summary.llm_calls, summary.tokens)
