"""Bounded time: a request, a step (its retries included) and a run each end by their deadline.

Against a loopback server that never answers, or one that trickles a byte at a time (so that no
read is ever idle long enough for the SDK's timeout), a run with small deadlines ends `failed`
with a message naming the deadline that stopped it, within that deadline and a little slack.
A non-critical step stopped by its deadline only makes the run partial.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Sequence
from typing import Any

import pytest
from pydantic import SecretStr

from engine.demo import DemoScenario
from engine.llm.budget import RunBudget
from engine.llm.calllog import StoreCallLog
from engine.llm.openai_client import OpenAIClient
from engine.llm.protocol import CallContext
from engine.llm.settings import LLMSettings, llm_settings
from engine.models import Claim, InvalidInput, SourceDocument
from engine.models.run import RunRecord
from engine.pipeline.policy import Deadlines, RetryPolicy, deadlines_from_env
from engine.pipeline.runner import Runner
from engine.research.backend import ResearchRequest
from engine.research.openai_backend import OpenAIBackend
from engine.store import Store
from tests.fakes.backends import ScriptedBackend
from tests.fakes.llm_answers import answer
from tests.fakes.openai_server import LoopbackOpenAI
from tests.pipeline.conftest import ORG, start

pytestmark = pytest.mark.allow_hosts(["127.0.0.1"])

SECRET = "sk-dl-Q7w9Zr4Kx2Lp8Vn3Tb6Hy1"
SLACK_S = 2.5  # scheduling, polling and a loaded 2-core machine


def backends(store: Store, server: LoopbackOpenAI, **settings: Any) -> Callable[[RunRecord], Any]:
    """Backends over the loopback server: inactivity timeout far above the deadlines."""
    options: dict[str, Any] = {"timeout_s": 30.0, "max_retries": 4, "request_deadline_s": 1.0}
    options.update(settings)

    def make(run: RunRecord) -> OpenAIBackend:
        client = OpenAIClient(
            LLMSettings(
                model="loopback-model",
                base_url=server.base_url,
                api_key=SecretStr(SECRET),
                cache=False,
                **options,
            ),
            log=StoreCallLog(store, ORG),
            budget=RunBudget(),
        )
        return OpenAIBackend(client, context=CallContext(org_id=ORG, run_id=run.run_id))

    return make


def timed_run(
    store: Store, scenario: DemoScenario, factory: Callable[[RunRecord], Any], deadlines: Deadlines
) -> tuple[RunRecord, float]:
    """Execute a fresh run of the scenario; (the finished run, seconds it took)."""
    run = start(store, scenario)
    runner = Runner(
        store,
        ORG,
        backend_factory=factory,
        retry=RetryPolicy(base_delay_s=0.05),
        poll_seconds=0.02,
        deadlines=deadlines,
    )
    began = time.monotonic()
    finished = asyncio.run(asyncio.wait_for(runner.execute(run.run_id), 60))
    return finished, time.monotonic() - began


@pytest.mark.parametrize(
    ("fault", "options"), [("hang", {}), ("trickle", {"every": 0.2})], ids=["silent", "trickle"]
)
def test_a_step_deadline_ends_the_run_against_an_endpoint_that_never_finishes(
    store: Store, first_scenario: DemoScenario, fault: str, options: dict[str, Any]
) -> None:
    with LoopbackOpenAI(answer) as server:
        server.fail_next(fault, times=1000, **options)  # type: ignore[arg-type]
        finished, took = timed_run(
            store, first_scenario, backends(store, server), Deadlines(step_s=3.0, run_s=60.0)
        )
        requests = len(server.chat_requests)
    assert finished.status == "failed"
    assert finished.error is not None and finished.error.startswith("search_signal failed")
    assert "WORKBENCH_STEP_DEADLINE_S" in finished.error
    assert 2.5 <= took < 3.0 + SLACK_S, f"the run took {took:.1f} s"
    assert requests >= 2  # each request was cut at its own 1 s deadline and tried again
    calls = store.list_llm_calls(ORG, finished.run_id)
    assert calls and all(call.error for call in calls)  # every cut call is logged
    assert any("WORKBENCH_REQUEST_DEADLINE_S" in (call.error or "") for call in calls)


def test_the_run_deadline_caps_a_run_whose_steps_may_take_longer(
    store: Store, first_scenario: DemoScenario
) -> None:
    with LoopbackOpenAI(answer) as server:
        server.fail_next("hang", times=1000)
        finished, took = timed_run(
            store, first_scenario, backends(store, server), Deadlines(step_s=600.0, run_s=2.0)
        )
    assert finished.status == "failed"
    assert finished.error is not None and "WORKBENCH_RUN_DEADLINE_S" in finished.error
    assert took < 2.0 + SLACK_S, f"the run took {took:.1f} s"


class SlowOpportunity(ScriptedBackend):
    """Offline answers, but the opportunity research never ends."""

    async def research(self, request: ResearchRequest) -> list[SourceDocument]:
        if request.step_id == "enrich_opportunity":
            await asyncio.sleep(600)
        return await super().research(request)

    async def extract(
        self,
        documents: Sequence[SourceDocument],
        *,
        target: str,
        prefix: str,
        context: Sequence[SourceDocument] = (),
        request: ResearchRequest | None = None,
    ) -> list[Claim]:
        return await super().extract(documents, target=target, prefix=prefix, context=context)


def test_a_non_critical_step_past_its_deadline_leaves_a_partial_run(
    store: Store, first_scenario: DemoScenario
) -> None:
    backend = SlowOpportunity()
    finished, took = timed_run(
        store, first_scenario, lambda run: backend, Deadlines(step_s=2.0, run_s=60.0)
    )
    assert finished.status == "partial", finished.error
    step = store.get_step(ORG, finished.run_id, "enrich_opportunity")
    assert step is not None and step.status == "failed"
    assert step.error is not None and "WORKBENCH_STEP_DEADLINE_S" in step.error
    assert store.get_dossier(ORG, finished.dossier_id) is not None
    assert took < 30


def test_deadlines_come_from_the_environment_and_bad_values_are_refused() -> None:
    assert deadlines_from_env({}) == Deadlines(step_s=600.0, run_s=1800.0)
    env = {"WORKBENCH_STEP_DEADLINE_S": "30", "WORKBENCH_RUN_DEADLINE_S": "90.5"}
    assert deadlines_from_env(env) == Deadlines(step_s=30.0, run_s=90.5)
    for raw in ("0", "nan", "soon", "100000", "-5"):
        with pytest.raises(InvalidInput, match="WORKBENCH_RUN_DEADLINE_S"):
            deadlines_from_env({"WORKBENCH_RUN_DEADLINE_S": raw})
    assert llm_settings({}).request_deadline_s == 120.0
    assert llm_settings({"WORKBENCH_REQUEST_DEADLINE_S": "7"}).request_deadline_s == 7.0
    with pytest.raises(InvalidInput, match="WORKBENCH_REQUEST_DEADLINE_S"):
        llm_settings({"WORKBENCH_REQUEST_DEADLINE_S": "inf"})
