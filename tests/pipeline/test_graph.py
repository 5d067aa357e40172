"""The dossier step graph: contract step ids, dependencies, critical path."""

from __future__ import annotations

import pytest

from engine.pipeline.graph import (
    DOSSIER_GRAPH,
    DOSSIER_STEP_IDS,
    critical_path_ms,
    downstream,
    template_steps,
)


def test_step_ids_are_the_contract() -> None:
    assert DOSSIER_STEP_IDS == (
        "icp_job_titles",  # DESIGN §10: a briefing step with no research dependency
        "search_signal",
        "entity_research",
        "contact_discovery",
        "enrich_lead",
        "enrich_opportunity",
        "client_specific",
        "enrich_contacts",
        "insight",
        "media",
        "dossier_plan",
        "write_sections",
        "assemble",
    )


def test_graph_is_in_dependency_order_and_only_two_steps_are_critical() -> None:
    seen: set[str] = set()
    for spec in DOSSIER_GRAPH:
        assert set(spec.waits_for) <= seen, spec.step_id
        seen.add(spec.step_id)
    assert {s.step_id for s in DOSSIER_GRAPH if s.critical} == {"search_signal", "entity_research"}


def test_research_steps_carry_the_claim_prefixes() -> None:
    prefixes = {s.step_id: s.claims_prefix for s in DOSSIER_GRAPH if s.claims_prefix}
    assert prefixes == {
        "search_signal": "search",
        "entity_research": "entity",
        "contact_discovery": "contact",
        "enrich_lead": "lead",
        "enrich_opportunity": "opp",
        "client_specific": "client",
    }


def test_insight_waits_for_every_enrichment() -> None:
    insight = next(s for s in DOSSIER_GRAPH if s.step_id == "insight")
    assert set(insight.waits_for) >= {
        "enrich_lead",
        "enrich_opportunity",
        "client_specific",
        "enrich_contacts",
    }


def test_critical_path_takes_the_longest_chain() -> None:
    durations = {step: 1.0 for step in DOSSIER_STEP_IDS}
    durations["enrich_opportunity"] = 5.0
    # search, entity, contact, opp(5), enrich_contacts, insight, plan, write, assemble
    assert critical_path_ms(DOSSIER_GRAPH, durations) == 13.0


def test_downstream_of_the_plan() -> None:
    assert downstream(DOSSIER_GRAPH, ["dossier_plan"]) == [
        "dossier_plan",
        "write_sections",
        "assemble",
    ]


def test_unknown_template_is_refused_by_name() -> None:
    with pytest.raises(ValueError, match="research_report"):
        template_steps("research_report")
