"""The Review page (pages/review.py): renders on an empty and a seeded workspace; choosing
another value saves a PICK_VALUE review; "Apply and rebuild" merges it into a new merge and
reports the rewritten sections by title; "Different people" on an ambiguous contact saves a
DIFFERENT_PERSON review; a paused run is resumed from the page; a note typed on one run does
not follow the analyst to another run of the same sources; an executing run shows one notice."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

from streamlit.testing.v1 import AppTest

from engine.models import DOSSIER_SECTIONS
from engine.models.run import RunRecord, RunRequest
from engine.pipeline.launch import create_run
from engine.pipeline.runner import Runner
from engine.store import Store
from engine.workspace.rebuilds import rebuild_report
from engine.workspace.review import review_items
from engine.workspace.routing import section_titles
from tests.ui.conftest import DEMO_CLIENT, DEMO_TARGET, ORG, TIMEOUT_S
from ui.resources import open_store, run_worker

PAGE = "pages/review.py"
AppAt = Callable[[str], AppTest]


def page_text(at: AppTest) -> str:
    """Every Markdown, caption, info, warning and success text the page drew."""
    parts = [*at.markdown, *at.caption, *at.info, *at.warning, *at.success, *at.error]
    return "\n".join(str(part.value) for part in parts)


def paused_run(store: Store) -> RunRecord:
    """A second run of the seeded sources, paused after insight (so it has a merge)."""
    request = RunRequest(client_name=DEMO_CLIENT, target=DEMO_TARGET, pause_after_insight=True)
    return asyncio.run(Runner(store, ORG).execute(create_run(store, ORG, request).run_id))


def choose_other_value(at: AppTest, store: Store, run: RunRecord) -> tuple[str, str]:
    """On the first conflict, choose its non-recommended value and save; (review id, claim)."""
    first = review_items(store, ORG, run.run_id).conflicts[0]
    other = next(option.claim_id for option in first.options if not option.recommended)
    key = f"{run.run_id}_{first.review_id}"
    at.radio(key=f"{key}_mode").set_value("Choose another value").run()
    at.radio(key=f"{key}_value").set_value(other)
    at.text_input(key=f"{key}_note").input("checked the filing")
    at.button(key=f"{key}_save").click().run()
    assert not at.exception
    return first.review_id, other


def test_renders_on_an_empty_workspace(empty_db: Path, app_at: AppAt) -> None:
    at = app_at(PAGE)
    assert not at.exception
    assert "No runs yet" in page_text(at)


def test_renders_the_seeded_run_with_its_four_tabs(
    seeded_db: tuple[Path, RunRecord], app_at: AppAt
) -> None:
    _, run = seeded_db
    at = app_at(PAGE)
    assert not at.exception
    assert at.selectbox(key="review_run").value == run.run_id
    labels = [tab.label for tab in at.tabs]
    assert [label.split(" (")[0] for label in labels] == [
        "Conflicts",
        "Ambiguous items",
        "Contacts",
        "Timelines",
    ]
    text = page_text(at)
    assert "Prefer lead_003" in text and "Sudbury, Ontario" in text
    assert "sources disagree" in text and "revised over time" in text
    assert "Daniel Reyes" in text
    assert len(at.dataframe) >= 2


def test_choosing_another_value_saves_a_pick_value_review(
    seeded_db: tuple[Path, RunRecord], app_at: AppAt
) -> None:
    path, run = seeded_db
    at = app_at(PAGE)
    store = open_store(str(path))
    review_id, other = choose_other_value(at, store, run)
    reviews = store.list_reviews(ORG, run.run_id)
    assert [(r.review_id, r.decision, r.chosen_claim_id) for r in reviews] == [
        (review_id, "PICK_VALUE", other)
    ]
    assert (reviews[0].decided_by, reviews[0].note) == ("tester", "checked the filing")
    assert "applied on the next rebuild" in page_text(at)
    assert at.button(key="review_rebuild")


def test_apply_and_rebuild_merges_the_decision(
    seeded_db: tuple[Path, RunRecord], app_at: AppAt
) -> None:
    path, run = seeded_db
    at = app_at(PAGE)
    store = open_store(str(path))
    review_id, other = choose_other_value(at, store, run)
    at.button(key="review_rebuild").click().run()
    assert not at.exception
    run_worker(str(path), ORG).wait(run.run_id, TIMEOUT_S)
    merge = store.latest_merge(ORG, run.run_id)
    assert merge is not None
    applied = [(d.review_id, d.chosen_claim_id) for d in merge.decisions]
    assert applied == [(review_id, other)]
    assert all(other not in conflict.claims_involved for conflict in merge.conflicts)
    at.run()
    assert not at.exception
    text = page_text(at)
    assert f"Kept {other}" in text
    report = rebuild_report(store, ORG, run.run_id, running=False)
    assert report.rewritten  # the decision changed some sections
    caption = next(c.value for c in at.caption if c.value.startswith("Latest section writing"))
    assert caption == (
        f"Latest section writing (dossier version {report.dossier_version}): "
        f"rewritten {section_titles(report.rewritten)}; "
        f"unchanged {section_titles(report.unchanged)}"
    )
    assert not set(caption.replace(",", " ").replace(";", " ").split()) & set(DOSSIER_SECTIONS)
    assert not any(button.key == "review_rebuild" for button in at.button)


def test_different_people_saves_a_different_person_review(
    seeded_db: tuple[Path, RunRecord], app_at: AppAt
) -> None:
    path, run = seeded_db
    at = app_at(PAGE)
    store = open_store(str(path))
    item = next(v for v in review_items(store, ORG, run.run_id).ambiguous)
    at.button(key=f"{run.run_id}_amb_{item.review_id}_different").click().run()
    assert not at.exception
    reviews = store.list_reviews(ORG, run.run_id)
    assert [(r.review_id, r.decision) for r in reviews] == [(item.review_id, "DIFFERENT_PERSON")]
    assert len(reviews[0].claim_ids) == len(item.contacts) == 2


def test_a_paused_run_offers_resume_and_resuming_finishes_it(
    seeded_db: tuple[Path, RunRecord], app_at: AppAt
) -> None:
    path, _ = seeded_db
    store = open_store(str(path))
    paused = paused_run(store)
    assert paused.status == "paused"
    at = app_at(PAGE)
    assert not at.exception
    assert at.selectbox(key="review_run").value == paused.run_id
    assert "applied when it resumes" in page_text(at)
    at.button(key="review_resume").click().run()
    assert not at.exception
    run_worker(str(path), ORG).wait(paused.run_id, TIMEOUT_S)
    finished = store.get_run(ORG, paused.run_id)
    assert finished is not None and finished.status == "succeeded"


def test_a_note_typed_on_one_run_does_not_follow_to_another_run_of_the_same_sources(
    seeded_db: tuple[Path, RunRecord], app_at: AppAt
) -> None:
    path, seeded = seeded_db
    store = open_store(str(path))
    paused = paused_run(store)
    first = review_items(store, ORG, paused.run_id).conflicts[0]
    assert first.review_id == review_items(store, ORG, seeded.run_id).conflicts[0].review_id
    at = app_at(PAGE)
    assert at.selectbox(key="review_run").value == paused.run_id
    at.radio(key=f"{paused.run_id}_{first.review_id}_mode").set_value("Dismiss").run()
    at.text_input(key=f"{paused.run_id}_{first.review_id}_note").input("only for the paused run")
    at.selectbox(key="review_run").set_value(seeded.run_id).run()
    assert not at.exception
    assert [note.value for note in at.text_input if note.label == "Note"]
    assert all(note.value == "" for note in at.text_input if note.label == "Note")
    mode = at.radio(key=f"{seeded.run_id}_{first.review_id}_mode")
    assert mode.value == "Accept recommendation"
    at.button(key=f"{seeded.run_id}_{first.review_id}_save").click().run()
    assert not at.exception
    [review] = store.list_reviews(ORG, seeded.run_id)
    assert review.decision != "DISMISS" and review.note == ""  # the recommendation, accepted
    assert store.list_reviews(ORG, paused.run_id) == []


def test_an_executing_run_shows_one_notice(
    seeded_db: tuple[Path, RunRecord], app_at: AppAt
) -> None:
    path, _ = seeded_db
    with Store(path) as store:
        request = RunRequest(client_name=DEMO_CLIENT, target=DEMO_TARGET)
        executing = create_run(store, ORG, request)
        store.set_run_status(ORG, executing.run_id, "running")
    at = app_at(PAGE)
    at.selectbox(key="review_run").set_value(executing.run_id).run()
    assert not at.exception
    assert [info.value for info in at.info] == [
        "The run is executing: rebuild when it has finished."
    ]
    assert not at.tabs
