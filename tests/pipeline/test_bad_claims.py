"""One bad claim never fails a run nor makes it unresumable.

On the openai backend a model gave a date in December 9999 to a claim of a non-critical step
(`enrich_opportunity`): the claim was stored, the merge overflowed on it (year 10000), insight
and the contact copy failed, the run failed, and every resume failed the same way. Now the edge
refuses such a date (the draft's date is cleared with a note), a claim that does not validate is
dropped by the runner with its reason instead of failing its step, and a claim stored under
older rules is set aside (named, with its reason, in the run's resume event) instead of making
every later read of the run's claims fail.
"""

from __future__ import annotations

import asyncio
import dataclasses
from datetime import date
from typing import Any

import pytest
from pydantic import SecretStr

from engine.demo import DemoScenario
from engine.llm.calllog import StoreCallLog
from engine.llm.openai_client import OpenAIClient
from engine.llm.protocol import CallContext
from engine.llm.settings import LLMSettings
from engine.models.run import RunRecord
from engine.pipeline.context import StepContext, StepResult
from engine.pipeline.graph import DOSSIER_GRAPH, StepSpec
from engine.pipeline.policy import RetryPolicy
from engine.pipeline.runner import Runner
from engine.research.openai_backend import OpenAIBackend
from engine.store import Store, StoreError
from engine.store.rows import CLAIM_FIELDS, model_values
from tests.fakes.backends import ScriptedBackend
from tests.fakes.llm_answers import answer, schema_name
from tests.fakes.openai_server import LoopbackOpenAI
from tests.pipeline.conftest import ORG, execute, start

pytestmark = pytest.mark.allow_hosts(["127.0.0.1"])

FAR = "9999-12-15"


def far_dated(body: dict[str, Any]) -> dict[str, Any] | str:
    """The careful model, but every opportunity claim is an event dated in December 9999."""
    replied = answer(body)
    user = next((m["content"] for m in body["messages"] if m["role"] == "user"), "")
    if schema_name(body) == "ExtractionOutput" and "Research step: enrich_opportunity" in user:
        for draft in replied.get("claims", []):
            draft.update(date_in_claim=FAR, attribute="construction_start", event_status="ACTUAL")
    return replied


def openai_runner(store: Store, server: LoopbackOpenAI) -> Runner:
    def make(run: RunRecord) -> OpenAIBackend:
        settings = LLMSettings(
            model="loopback-model",
            base_url=server.base_url,
            api_key=SecretStr("sk-loopback-Q7w9Zr4Kx2Lp8Vn3"),
            cache=False,
        )
        client = OpenAIClient(settings, log=StoreCallLog(store, ORG))
        return OpenAIBackend(client, context=CallContext(org_id=ORG, run_id=run.run_id))

    return Runner(
        store, ORG, backend_factory=make, retry=RetryPolicy(base_delay_s=0.01), poll_seconds=0.02
    )


def test_a_model_date_in_9999_neither_fails_the_run_nor_is_stored(
    store: Store, first_scenario: DemoScenario
) -> None:
    run = start(store, first_scenario)
    with LoopbackOpenAI(far_dated) as server:
        finished = asyncio.run(openai_runner(store, server).execute(run.run_id))
    assert finished.status == "succeeded", finished.error
    claims = store.list_claims(ORG, run.run_id, step_id="enrich_opportunity")
    assert claims and all(
        day is None or day.year <= 2100 for c in claims for day in (c.date_in_claim, c.reported_on)
    )
    step = store.get_step(ORG, run.run_id, "enrich_opportunity")
    assert step is not None and step.output is not None
    assert any(FAR in note for note in step.output.get("model_notes", []))
    assert store.get_dossier(ORG, run.dossier_id) is not None


def plant_claim(store: Store, run_id: str, step_id: str, claim_id: str, **changes: Any) -> None:
    """Store a copy of one of the step's claims as an older version could have: unchecked."""
    model = store.list_claims(ORG, run_id, step_id=step_id)[0]
    values = dict(zip(CLAIM_FIELDS, model_values(model, CLAIM_FIELDS), strict=True))
    values.update(claim_id=claim_id, **changes)
    columns = ", ".join(CLAIM_FIELDS)
    store._db.execute(
        f"INSERT INTO claims (org_id, run_id, step_id, {columns}, created_at) "
        f"VALUES (?, ?, ?, {', '.join('?' * len(CLAIM_FIELDS))}, now())",
        [ORG, run_id, step_id, *values.values()],
    )


def test_a_stored_claim_that_no_longer_validates_is_set_aside_and_the_run_resumes(
    store: Store, first_scenario: DemoScenario
) -> None:
    run = start(store, first_scenario)
    broken = ScriptedBackend(fail={"enrich_opportunity": RuntimeError("quota exceeded")})
    assert execute(store, run.run_id, broken).status == "partial"
    plant_claim(store, run.run_id, "enrich_lead", "lead_999", date_in_claim=date(9999, 12, 15))
    with pytest.raises(StoreError, match="lead_999"):
        store.list_claims(ORG, run.run_id)  # the poison: every read of the run's claims fails

    resumed = execute(store, run.run_id, ScriptedBackend())
    assert resumed.status == "succeeded", resumed.error
    assert "lead_999" not in {claim.claim_id for claim in store.list_claims(ORG, run.run_id)}
    (event,) = [e for e in store.list_events(ORG, run.run_id) if e.kind == "run_resumed"]
    (aside,) = event.detail["claims_set_aside"]
    assert aside["claim_id"] == "lead_999" and aside["step_id"] == "enrich_lead"
    assert "date_in_claim" in aside["reason"] and "9999" in aside["reason"]


def with_bad_claim(spec: StepSpec) -> StepSpec:
    """The step, returning one more claim built without validation: dated in 9999."""

    async def run(ctx: StepContext) -> StepResult:
        result = await spec.run(ctx)
        bad = result.claims[0].model_copy(
            update={"claim_id": "opp_900", "date_in_claim": date(9999, 12, 15)}
        )
        return StepResult(result.output, [*result.claims, bad])

    return dataclasses.replace(spec, run=run)


def test_a_claim_that_fails_validation_is_dropped_with_its_reason_not_the_step(
    store: Store, first_scenario: DemoScenario
) -> None:
    graph = tuple(
        with_bad_claim(spec) if spec.step_id == "enrich_opportunity" else spec
        for spec in DOSSIER_GRAPH
    )
    run = start(store, first_scenario)
    finished = execute(store, run.run_id, ScriptedBackend(), graphs={"dossier": graph})
    assert finished.status == "succeeded", finished.error
    step = store.get_step(ORG, run.run_id, "enrich_opportunity")
    assert step is not None and step.status == "succeeded" and step.output is not None
    (dropped,) = step.output["dropped_claims"]
    assert dropped.startswith("opp_900: field 'date_in_claim'")
    assert store.get_claim(ORG, run.run_id, "opp_900") is None
    assert store.get_claim(ORG, run.run_id, "opp_001") is not None


def test_a_step_error_the_store_cannot_hold_as_it_is_still_ends_only_that_step(
    store: Store, first_scenario: DemoScenario
) -> None:
    run = start(store, first_scenario)
    odd = RuntimeError("the registry answered \udc80\udcff garbage")
    finished = execute(store, run.run_id, ScriptedBackend(fail={"enrich_opportunity": odd}))
    assert finished.status == "partial", finished.error
    step = store.get_step(ORG, run.run_id, "enrich_opportunity")
    assert step is not None and step.status == "failed"
    assert step.error is not None and "the registry answered" in step.error
    assert store.get_dossier(ORG, run.dossier_id) is not None
