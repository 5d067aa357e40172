"""End to end: a demo scenario becomes a succeeded run and a complete, fully cited dossier."""

from __future__ import annotations

import re

from engine.demo import DemoScenario
from engine.export import export_dossier
from engine.models import DOSSIER_SECTIONS
from engine.pipeline.graph import DOSSIER_STEP_IDS
from engine.planning import section_route
from engine.store import Store
from tests.pipeline.conftest import ORG, execute, start


def test_demo_scenario_gives_a_complete_cited_dossier(store: Store, scenario: DemoScenario) -> None:
    run = start(store, scenario)
    assert re.fullmatch(r"DOSS_\d{8}_\d{4}", run.dossier_id)
    finished = execute(store, run.run_id)
    assert finished.status == "succeeded", finished.error

    steps = {s.step_id: s for s in store.list_steps(ORG, run.run_id)}
    assert set(steps) == set(DOSSIER_STEP_IDS)
    assert all(s.status == "succeeded" for s in steps.values())
    claims = {c.claim_id: c for c in store.list_claims(ORG, run.run_id)}
    by_step = store.count_claims_by_step(ORG, run.run_id)
    assert by_step["search_signal"] > 0 and by_step["entity_research"] > 0
    for claim_id in claims:
        assert claim_id.split("_")[0] in {"search", "entity", "contact", "lead", "opp", "client"}

    dossier = store.get_dossier(ORG, run.dossier_id)
    assert dossier is not None and dossier.status == "draft" and dossier.version == 1
    assert list(dossier.sections) == list(DOSSIER_SECTIONS)
    for name, section in dossier.sections.items():
        assert section.sentences, f"{name} is empty"
        assert not section.citation_issues, section.citation_issues
    assert 0 < dossier.lead_score <= 100
    assert dossier.find_lead.lead_score == dossier.lead_score
    assert dossier.find_lead.timing_urgency.split(" - ")[0] in {"HOT", "WARM", "COLD"}
    assert dossier.find_lead.primary_buying_signal is not None
    assert dossier.sources and dossier.media["image_assets"]
    assert dossier.copy_["contacts"]
    for contact in dossier.copy_["contacts"]:
        assert len(contact["linkedin_copy"]) <= 250

    # Every citation resolves: to a stored claim routed to that section, and to a listed source.
    plan_entry = store.latest_plan(ORG, run.run_id)
    assert plan_entry is not None
    plan = plan_entry[1]
    sourced = {cid for source in dossier.sources for cid in source.claim_ids}
    cited_anywhere = 0
    for name, section in dossier.sections.items():
        routed = set(section_route(plan, name).claim_ids)
        for sentence in section.sentences:
            for claim_id in sentence.claim_ids:
                cited_anywhere += 1
                assert claim_id in claims
                assert claim_id in routed, f"{name} cites unrouted {claim_id}"
                if claims[claim_id].source_url or claims[claim_id].source_name:
                    assert claim_id in sourced
    assert cited_anywhere > 20

    markdown = export_dossier(dossier, "md")
    numbers = {int(n) for n in re.findall(r"\[(\d+)\]", markdown)}
    assert numbers and numbers <= {s.number for s in dossier.sources}
    events = store.list_events(ORG, run.run_id)
    assert events[0].kind == "run_started" and events[-1].kind == "run_finished"
    assert [e.seq for e in events] == list(range(1, len(events) + 1))


def test_running_a_finished_run_again_changes_nothing(
    store: Store, first_scenario: DemoScenario
) -> None:
    run = start(store, first_scenario)
    execute(store, run.run_id)
    claims = store.list_claims(ORG, run.run_id)
    again = execute(store, run.run_id)
    assert again.status == "succeeded"
    assert store.list_claims(ORG, run.run_id) == claims
    dossier = store.get_dossier(ORG, run.dossier_id)
    assert dossier is not None and dossier.version == 1
