"""Analyst edits to the dossier plan."""

from __future__ import annotations

import pytest

from engine.models import DossierPlan, InvalidInput, SectionRoute, UnmappedClaims
from engine.planning.edit import (
    ANALYST_REASON,
    check_plan,
    move_claim,
    route_claim,
    unroute_claim,
)


def plan() -> DossierPlan:
    return DossierPlan(
        section_routing={
            "INTRO": SectionRoute(claim_ids=["entity_001", "entity_002"]),
            "SCORE": SectionRoute(claim_ids=["search_001"]),
        },
        unmapped_claims=UnmappedClaims(claim_ids=["lead_009"], reasons={"lead_009": "off target"}),
    )


def test_move_takes_the_claim_out_of_one_section_into_another() -> None:
    original = plan()
    moved = move_claim(original, "entity_002", "INTRO", "SCORE")
    assert moved.section_routing["INTRO"].claim_ids == ["entity_001"]
    assert moved.section_routing["SCORE"].claim_ids == ["search_001", "entity_002"]
    assert original.section_routing["INTRO"].claim_ids == ["entity_001", "entity_002"]


def test_routing_an_unmapped_claim_maps_it() -> None:
    routed = route_claim(plan(), "lead_009", "OPPORTUNITY")
    assert routed.section_routing["OPPORTUNITY"].claim_ids == ["lead_009"]
    assert routed.unmapped_claims.claim_ids == [] and routed.unmapped_claims.reasons == {}


def test_unrouting_from_the_last_section_unmaps_with_a_reason() -> None:
    edited = unroute_claim(plan(), "search_001", "SCORE")
    assert edited.section_routing["SCORE"].claim_ids == []
    assert "search_001" in edited.unmapped_claims.claim_ids
    assert edited.unmapped_claims.reasons["search_001"] == ANALYST_REASON


def test_moving_to_the_same_section_changes_nothing() -> None:
    assert move_claim(plan(), "entity_001", "INTRO", "INTRO") == plan()


def test_check_plan_names_a_claim_the_run_does_not_have() -> None:
    check_plan(plan(), {"entity_001", "entity_002", "search_001", "lead_009"})
    with pytest.raises(InvalidInput, match="routes claim 'search_001' to SCORE"):
        check_plan(plan(), {"entity_001", "entity_002", "lead_009"})
    with pytest.raises(InvalidInput, match="unmapped claim 'lead_009'"):
        check_plan(plan(), {"entity_001", "entity_002", "search_001"})
