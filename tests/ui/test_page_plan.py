"""The Plan page: renders on an empty and a seeded workspace, moves a claim, rebuilds; run labels
are unique; the move pickers start afresh for another run or plan version and offer only the
sections a claim does not feed yet."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import polars as pl
from streamlit.testing.v1 import AppTest

from engine.demo import demo_scenarios
from engine.models import DOSSIER_SECTIONS, SectionName
from engine.models.dossier import SECTION_TITLES
from engine.models.run import RunRecord, RunRequest
from engine.pipeline.launch import create_run
from engine.pipeline.runner import Runner
from engine.store import Store
from engine.workspace import routing
from engine.workspace.rebuilds import rebuild_report
from tests.ui.conftest import DEMO_CLIENT, DEMO_TARGET, ORG, TIMEOUT_S
from ui.resources import run_worker

PAGE = "pages/plan.py"
SOURCE: SectionName = "OPPORTUNITY"
DESTINATION: SectionName = "DEAL_STRATEGY"


def texts(at: AppTest) -> str:
    """Every message, caption and heading of the page, as one string."""
    elements = [*at.success, *at.info, *at.error, *at.caption, *at.markdown, *at.subheader]
    return "\n".join(str(element.value) for element in elements)


def movable_claim(path: Path, run_id: str) -> str:
    """A claim routed to SOURCE and not to DESTINATION in the run's plan."""
    with Store(path) as store:
        latest = store.latest_plan(ORG, run_id)
    assert latest is not None
    routing = latest[1].section_routing
    return next(
        cid for cid in routing[SOURCE].claim_ids if cid not in routing[DESTINATION].claim_ids
    )


def keyed(widgets: Sequence[Any], prefix: str) -> Any:
    """The first widget whose key starts with `prefix`."""
    return next(widget for widget in widgets if (widget.key or "").startswith(prefix))


def move_pickers(at: AppTest, run_id: str, plan_no: int) -> list[Any]:
    """The "Move a claim" pickers drawn for this run and plan version."""
    scope = f"_{run_id}_{plan_no}_"
    return [
        box for box in at.selectbox if (box.key or "").startswith("plan_move_") and scope in box.key
    ]


def move(
    at: AppTest,
    claim_id: str,
    run_id: str,
    plan_no: int = 1,
    source: SectionName = SOURCE,
    destination: SectionName = DESTINATION,
) -> AppTest:
    """Move the claim from `source` to `destination` with the form."""
    scope = f"{run_id}_{plan_no}"
    keyed(at.selectbox, f"plan_move_claim_{scope}_").set_value(claim_id).run()
    at.selectbox(key=f"plan_move_from_{scope}_{claim_id}").set_value(source).run()
    at.selectbox(key=f"plan_move_to_{scope}_{claim_id}").set_value(destination).run()
    return at.button(key="plan_move_save").click().run()


def finished_run(path: Path, target: str, client: str) -> RunRecord:
    """Run a demo scenario offline to the end in the workspace at `path`."""
    with Store(path) as store:
        run = create_run(store, ORG, RunRequest(client_name=client, target=target))
        return asyncio.run(Runner(store, ORG).execute(run.run_id))


def test_renders_on_an_empty_workspace(empty_db: Path, app_at: Callable[[str], AppTest]) -> None:
    at = app_at(PAGE)
    assert not at.exception
    assert "No runs yet" in texts(at)


def test_renders_the_seeded_run_plan(
    seeded_db: tuple[Path, RunRecord], app_at: Callable[[str], AppTest]
) -> None:
    _, run = seeded_db
    at = app_at(PAGE)
    assert not at.exception
    assert at.selectbox(key="plan_run").value == run.run_id
    assert "Plan version 1" in texts(at)
    assert "By default" in texts(at)
    coverage, unmapped = at.dataframe[-2], at.dataframe[-1]
    assert list(coverage.value["title"]) == list(SECTION_TITLES.values())
    assert len(unmapped.value) > 0 and "reason" in unmapped.value.columns


def test_filters_narrow_the_claims_shown(
    seeded_db: tuple[Path, RunRecord], app_at: Callable[[str], AppTest]
) -> None:
    at = app_at(PAGE)
    at.selectbox(key="plan_filter_section").set_value("UNROUTED").run()
    assert not at.exception
    shown = next(c.value for c in at.caption if "claims shown" in c.value)
    assert not shown.startswith(("0 of", "72 of"))
    at.text_input(key="plan_filter_text").set_value("no such text anywhere").run()
    assert any(c.value.startswith("0 of") for c in at.caption)


def test_moving_a_claim_saves_plan_version_2(
    seeded_db: tuple[Path, RunRecord], app_at: Callable[[str], AppTest]
) -> None:
    path, run = seeded_db
    claim_id = movable_claim(path, run.run_id)
    at = move(app_at(PAGE), claim_id, run.run_id)
    assert not at.exception
    with Store(path) as store:
        latest = store.latest_plan(ORG, run.run_id)
        versions = store.list_plans(ORG, run.run_id)
    assert latest is not None and latest[0] == 2 and versions[-1][1] == "analyst"
    assert claim_id not in latest[1].section_routing[SOURCE].claim_ids
    assert claim_id in latest[1].section_routing[DESTINATION].claim_ids
    assert "Saved plan version 2" in texts(at)
    assert "Plan version 2" in texts(at)


def test_saving_the_table_unedited_saves_no_version(
    seeded_db: tuple[Path, RunRecord], app_at: Callable[[str], AppTest]
) -> None:
    path, run = seeded_db
    at = app_at(PAGE)
    at.button(key="plan_save").click().run()
    assert not at.exception
    assert "Nothing changed" in texts(at)
    with Store(path) as store:
        assert len(store.list_plans(ORG, run.run_id)) == 1


def test_rebuild_rewrites_exactly_the_two_affected_sections(
    seeded_db: tuple[Path, RunRecord], app_at: Callable[[str], AppTest]
) -> None:
    path, run = seeded_db
    at = move(app_at(PAGE), movable_claim(path, run.run_id), run.run_id)
    at.button(key="plan_rebuild").click().run()
    assert not at.exception
    assert "Rebuilding" in texts(at) or "dossier version 2" in texts(at)
    run_worker(str(path), ORG).wait(run.run_id, timeout=TIMEOUT_S)
    at.run()
    assert not at.exception
    with Store(path) as store:
        report = rebuild_report(store, ORG, run.run_id, running=False)
    assert sorted(report.rewritten) == sorted([SOURCE, DESTINATION])
    assert report.dossier_version == 2 and not report.failed
    shown = texts(at)
    expected = f"rewritten: {SECTION_TITLES[SOURCE]}, {SECTION_TITLES[DESTINATION]};"
    assert expected in shown and "dossier version 2" in shown


def test_a_released_dossier_is_frozen(
    seeded_db: tuple[Path, RunRecord], app_at: Callable[[str], AppTest]
) -> None:
    path, run = seeded_db
    with Store(path) as store:
        store.set_dossier_status(ORG, run.dossier_id, "ready")
        store.set_dossier_status(ORG, run.dossier_id, "released")
    at = app_at(PAGE)
    assert not at.exception
    assert "released dossiers are frozen" in texts(at)
    assert not [b for b in at.button if b.key == "plan_rebuild"]
    assert at.button(key="plan_move_save").disabled


def test_runs_with_the_same_target_client_and_minute_keep_apart_in_the_picker(
    seeded_db: tuple[Path, RunRecord], app_at: Callable[[str], AppTest]
) -> None:
    path, _ = seeded_db
    request = RunRequest(client_name=DEMO_CLIENT, target=DEMO_TARGET)
    with Store(path) as store:
        twins = [create_run(store, ORG, request).run_id for _ in range(2)]
    at = app_at(PAGE)
    picker = at.selectbox(key="plan_run")
    assert len(set(picker.options)) == len(picker.options) == 3
    assert all(any(run_id in label for label in picker.options) for run_id in twins)
    for run_id in twins:
        at.selectbox(key="plan_run").set_value(run_id).run()
        assert not at.exception
        assert at.selectbox(key="plan_run").value == run_id
        assert "has no plan yet" in texts(at)


def test_move_pickers_start_afresh_for_another_run_and_move_only_its_claim(
    seeded_db: tuple[Path, RunRecord], app_at: Callable[[str], AppTest]
) -> None:
    path, seeded = seeded_db
    halvard = demo_scenarios()[1]
    other = finished_run(path, halvard.target, halvard.client_name)
    at = app_at(PAGE)
    at.selectbox(key="plan_run").set_value(seeded.run_id).run()
    chosen = movable_claim(path, seeded.run_id)
    keyed(at.selectbox, f"plan_move_claim_{seeded.run_id}_1_").set_value(chosen).run()
    at.selectbox(key="plan_run").set_value(other.run_id).run()
    assert not at.exception
    assert not move_pickers(at, seeded.run_id, 1)  # nothing of the other run is sent back
    claim_picker = keyed(at.selectbox, f"plan_move_claim_{other.run_id}_1_")
    assert claim_picker.index == 0  # a fresh picker: the first routed claim of this run
    other_claim = movable_claim(path, other.run_id)
    at = move(at, other_claim, other.run_id)
    assert not at.exception and not at.error
    with Store(path) as store:
        latest = store.latest_plan(ORG, other.run_id)
        seeded_versions = store.list_plans(ORG, seeded.run_id)
    assert latest is not None and latest[0] == 2
    assert other_claim in latest[1].section_routing[DESTINATION].claim_ids
    assert other_claim not in latest[1].section_routing[SOURCE].claim_ids
    assert len(seeded_versions) == 1
    assert move_pickers(at, other.run_id, 2) and not move_pickers(at, other.run_id, 1)


def test_to_section_offers_only_the_sections_the_claim_does_not_feed(
    seeded_db: tuple[Path, RunRecord], app_at: Callable[[str], AppTest]
) -> None:
    path, run = seeded_db
    at = app_at(PAGE)
    claim_id = keyed(at.selectbox, f"plan_move_claim_{run.run_id}_1_").value
    with Store(path) as store:
        latest = store.latest_plan(ORG, run.run_id)
    assert latest is not None
    fed = routing.routed_sections(latest[1], claim_id)
    offered = at.selectbox(key=f"plan_move_to_{run.run_id}_1_{claim_id}").options
    assert offered == [SECTION_TITLES[s] for s in DOSSIER_SECTIONS if s not in fed]
    assert at.selectbox(key=f"plan_move_from_{run.run_id}_1_{claim_id}").options == [
        SECTION_TITLES[s] for s in fed
    ]


def test_a_claim_that_feeds_every_section_cannot_be_moved(
    seeded_db: tuple[Path, RunRecord], app_at: Callable[[str], AppTest]
) -> None:
    path, run = seeded_db
    claim_id = movable_claim(path, run.run_id)
    with Store(path) as store:
        view = routing.plan_view(store, ORG, run.run_id)
        assert view is not None
        everywhere = view.matrix.filter(pl.col("claim_id") == claim_id).with_columns(
            *(pl.lit(True).alias(section) for section in DOSSIER_SECTIONS)
        )
        routing.save_matrix(store, ORG, run.run_id, everywhere, base_plan_no=1)
    at = app_at(PAGE)
    at.text_input(key="plan_filter_text").set_value(claim_id).run()
    assert not at.exception
    assert keyed(at.selectbox, f"plan_move_claim_{run.run_id}_2_").value == claim_id
    assert "already feeds every section" in texts(at)
    assert not [box for box in at.selectbox if (box.key or "").startswith("plan_move_to_")]
    assert not [button for button in at.button if button.key == "plan_move_save"]
