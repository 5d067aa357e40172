"""The Plan page: renders on an empty and a seeded workspace, moves a claim, rebuilds."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from streamlit.testing.v1 import AppTest

from engine.models import SectionName
from engine.models.dossier import SECTION_TITLES
from engine.models.run import RunRecord
from engine.store import Store
from engine.workspace.rebuilds import rebuild_report
from tests.ui.conftest import ORG, TIMEOUT_S
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


def move(at: AppTest, claim_id: str) -> AppTest:
    """Move the claim from SOURCE to DESTINATION with the form."""
    at.selectbox(key="plan_move_claim").set_value(claim_id).run()
    at.selectbox(key="plan_move_from").set_value(SOURCE).run()
    at.selectbox(key="plan_move_to").set_value(DESTINATION).run()
    return at.button(key="plan_move_save").click().run()


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
    at = move(app_at(PAGE), claim_id)
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
    at = move(app_at(PAGE), movable_claim(path, run.run_id))
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
