"""The model stand-in answers every one of our prompts with a schema-valid, sensible reply.

Replies are checked against the schemas from prompts the backend really renders, and a whole
dossier run goes through `answer` (in process, through ScriptedModel's responder): it succeeds
with every section written and cited, and context packs measurably cut prompt tokens.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

from engine.claims import load_documents
from engine.claims.guard import INSTRUCTION_NOTE_PREFIX
from engine.demo import DemoScenario, demo_scenarios
from engine.llm.protocol import CallContext
from engine.llm.schemas import ContactOutput, InsightOutput, PlanAdvice, SectionOutput
from engine.models import DOSSIER_SECTIONS, DossierPlan, SectionRoute
from engine.research.openai_backend import OpenAIBackend
from engine.store import Store
from engine.writing.inputs import ContactInput, WriterInput
from tests.fakes.llm import ScriptedModel, request_body
from tests.fakes.llm_answers import answer, claim_records, fenced_blocks, schema_name
from tests.pipeline.conftest import ORG, execute, start
from tests.research.test_openai_backend import CLIENT, insight_input
from tests.scenarios import TARGET, wyloo_claims, wyloo_merge

CONTEXT = CallContext(org_id=ORG, run_id="run_0001")
SCENARIO = demo_scenarios()[0]


def _backend(**options: Any) -> tuple[OpenAIBackend, ScriptedModel]:
    model = ScriptedModel(responder=answer)
    return OpenAIBackend(model, context=CONTEXT, **options), model


def _reply(model: ScriptedModel, index: int = -1) -> dict[str, Any]:
    call = model.calls[index]
    return answer(request_body(call.prompt, call.schema))


def test_extraction_answers_are_the_claims_engines_extraction() -> None:
    documents = load_documents(SCENARIO.path, target=SCENARIO.target)
    openai, model = _backend()
    claims = asyncio.run(openai.extract(documents, target=SCENARIO.target, prefix="doc"))
    assert len(claims) > 40
    assert claims[0].claim_id == "doc_001"
    urls = {d.url for d in documents}
    assert all(claim.source_url in urls for claim in claims if claim.source_url)
    assert not any(c.statement.startswith(INSTRUCTION_NOTE_PREFIX) for c in claims)
    assert openai.extraction_notes["doc"].dropped == []
    tiers = {d.url: d.tier for d in documents}
    assert all(claim.source_tier is tiers[claim.source_url] for claim in claims if claim.source_url)
    reply = _reply(model, 0)
    assert reply["claims"] and all("source_id" in draft for draft in reply["claims"])


def test_insight_contact_section_and_plan_answers_fit_their_schemas() -> None:
    openai, model = _backend()
    inp = insight_input()
    insight = asyncio.run(openai.insight(inp))
    assert insight.the_angle.startswith(CLIENT.name) and insight.deal_strategy
    assert InsightOutput.model_validate(_reply(model)).open_questions

    merge, by_id = wyloo_merge(), {c.claim_id: c for c in wyloo_claims()}
    contact = ContactInput(merge.contacts_resolved[0], [by_id["contact_001"]], TARGET, CLIENT)
    copy = asyncio.run(openai.enrich_contact(contact))
    assert copy.bio.startswith("Sylvain Goyette is VP Projects") and copy.evidence_claims
    assert ContactOutput.model_validate(_reply(model)).email_copy

    for section in DOSSIER_SECTIONS:
        routed = [by_id[cid] for cid in ("search_001", "entity_001", "contact_001")]
        writer = WriterInput(section, TARGET, routed, [], "", merge, CLIENT, inp.lead)
        draft = asyncio.run(openai.write_section(writer))
        assert draft.sentences, section
        cited = {cid for s in draft.sentences for cid in s.claim_ids}
        assert cited <= {"search_001", "entity_001", "contact_001"}, section
        assert SectionOutput.model_validate(_reply(model)).sentences

    plan = DossierPlan(section_routing={"INTRO": SectionRoute(claim_ids=["entity_001"])})
    assert asyncio.run(openai.advise_plan(plan, wyloo_claims())).moves == []
    assert PlanAdvice.model_validate(_reply(model)).moves == []


def test_the_schema_is_read_from_the_system_message_in_either_mode() -> None:
    system = "Rules.\nReply with one JSON object matching the schema SectionOutput.\n{...schema...}"
    body = {"messages": [{"role": "system", "content": system}, {"role": "user", "content": ""}]}
    assert schema_name(body) == "SectionOutput"
    assert answer(body) == {"sentences": []}
    assert answer({"messages": [{"role": "system", "content": "no schema"}]}) == {}
    assert fenced_blocks("no fences") == [] and claim_records("(none)\nnot json") == []


@pytest.fixture
def store(tmp_path: Path) -> Any:
    from engine.demo import seed_demo

    with Store(tmp_path / "workbench.duckdb") as opened:
        seed_demo(opened, ORG)
        yield opened


def _full_run(store: Store, scenario: DemoScenario, mode: str) -> tuple[OpenAIBackend, Any]:
    run = start(store, scenario)
    model = ScriptedModel(responder=answer)
    openai = OpenAIBackend(
        model,
        context=CallContext(ORG, run.run_id),
        context_mode=mode,  # type: ignore[arg-type]
    )
    return openai, execute(store, run.run_id, openai)


@pytest.mark.parametrize("scenario", demo_scenarios(), ids=lambda s: s.slug)
def test_a_dossier_run_on_the_openai_backend_through_the_stand_in(
    store: Store, scenario: DemoScenario
) -> None:
    openai, finished = _full_run(store, scenario, "pack")
    assert finished.status == "succeeded", finished.error
    claims = store.list_claims(ORG, finished.run_id)
    prefixes = {claim.claim_id.split("_")[0] for claim in claims}
    assert prefixes == {"search", "entity", "contact", "lead", "opp", "client"}
    dossier = store.get_dossier(ORG, finished.dossier_id)
    assert dossier is not None and list(dossier.sections) == list(DOSSIER_SECTIONS)
    for name, section in dossier.sections.items():
        assert section.sentences and not section.citation_issues, name
    for contact in dossier.copy_["contacts"]:
        assert len(contact["linkedin_copy"]) <= 250 and len(contact["client_linkedin_copy"]) <= 250
    assert openai.usage().llm_calls > 15 and openai.usage().tokens > 0
    assert all(not notes.dropped for notes in openai.extraction_notes.values())

    all_claims, finished_all = _full_run(store, scenario, "all_claims")
    assert finished_all.status == "succeeded", finished_all.error
    measured = ("entity_research", "contact_discovery", "enrich_lead", "insight")
    with_packs = sum(openai.prompt_tokens[step] for step in measured)
    without = sum(all_claims.prompt_tokens[step] for step in measured)
    assert with_packs < 0.8 * without
