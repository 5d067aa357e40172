"""Rebuild: moving one claim rewrites exactly the affected sections; reviews merge again."""

from __future__ import annotations

import asyncio

import pytest

from engine.demo import DemoScenario
from engine.models import InvalidInput, Review
from engine.pipeline.rebuild import rebuild, save_analyst_plan
from engine.planning.edit import move_claim, route_claim
from engine.store import Store
from tests.pipeline.conftest import ORG, execute, runner, start


def finished_run(store: Store, scenario: DemoScenario) -> tuple[str, str]:
    run = start(store, scenario)
    assert execute(store, run.run_id).status == "succeeded"
    return run.run_id, run.dossier_id


def test_moving_one_claim_rewrites_exactly_the_two_sections(
    store: Store, first_scenario: DemoScenario
) -> None:
    run_id, dossier_id = finished_run(store, first_scenario)
    before = store.list_sections(ORG, run_id)
    entry = store.latest_plan(ORG, run_id)
    assert entry is not None
    _, plan = entry
    claim_id = plan.section_routing["OPPORTUNITY"].claim_ids[0]
    assert claim_id not in plan.section_routing["INTRO"].claim_ids
    store.save_plan(
        ORG, run_id, move_claim(plan, claim_id, "OPPORTUNITY", "INTRO"), author="analyst"
    )

    result = asyncio.run(rebuild(runner(store), run_id))
    assert result.status == "succeeded" and not result.merged_again
    assert sorted(result.rewritten) == ["INTRO", "OPPORTUNITY"]
    assert len(result.unchanged) == 7
    after = store.list_sections(ORG, run_id)
    for name in result.unchanged:
        assert after[name] == before[name]
    assert claim_id in after["INTRO"].routed_claim_ids
    assert claim_id not in after["OPPORTUNITY"].cited_claim_ids
    dossier = store.get_dossier(ORG, dossier_id)
    assert dossier is not None and dossier.version == 2 and result.version == 2
    assert [v[0] for v in store.list_dossier_versions(ORG, dossier_id)] == [1, 2]

    again = asyncio.run(rebuild(runner(store), run_id))
    assert again.rewritten == [] and again.version == 2


def test_a_review_merges_again_and_rewrites_what_it_touches(
    store: Store, first_scenario: DemoScenario
) -> None:
    run_id, _ = finished_run(store, first_scenario)
    merge = store.latest_merge(ORG, run_id)
    assert merge is not None and merge.conflicts
    conflict = merge.conflicts[0]
    other = next(c for c in conflict.claims_involved if c != conflict.recommended_claim_id)
    store.add_review(
        ORG,
        run_id,
        Review(
            review_id="r1",
            decision="PICK_VALUE",
            claim_ids=list(conflict.claims_involved),
            chosen_claim_id=other,
        ),
    )
    result = asyncio.run(rebuild(runner(store), run_id))
    assert result.merged_again
    assert result.rewritten and len(result.rewritten) < 9
    remerged = store.latest_merge(ORG, run_id)
    assert remerged is not None and len(remerged.conflicts) == len(merge.conflicts) - 1


def test_a_released_dossier_is_not_rebuilt(store: Store, first_scenario: DemoScenario) -> None:
    run_id, dossier_id = finished_run(store, first_scenario)
    store.set_dossier_status(ORG, dossier_id, "ready")
    store.set_dossier_status(ORG, dossier_id, "released")
    with pytest.raises(InvalidInput, match="released"):
        asyncio.run(rebuild(runner(store), run_id))


def test_an_analyst_plan_naming_an_unknown_claim_is_refused(
    store: Store, first_scenario: DemoScenario
) -> None:
    run_id, _ = finished_run(store, first_scenario)
    entry = store.latest_plan(ORG, run_id)
    assert entry is not None
    plans_before = store.list_plans(ORG, run_id)
    edited = route_claim(entry[1], "search_999", "INTRO")
    with pytest.raises(InvalidInput, match="'search_999'"):
        save_analyst_plan(store, ORG, run_id, edited)
    assert store.list_plans(ORG, run_id) == plans_before
