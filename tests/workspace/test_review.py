"""Review board and decisions (engine.workspace.review, engine.workspace.review_decisions) over
a real store with a finished Borealis Nickel run: the board mirrors the latest merge, decisions are
stored as one review per item, refused when they do not fit the item, and applied by a rebuild."""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from engine.models import InvalidInput
from engine.models.run import RunRecord, RunRequest
from engine.pipeline.launch import create_run
from engine.pipeline.rebuild import rebuild
from engine.pipeline.runner import Runner
from engine.store import Store
from engine.workspace.review import contacts_frame, review_items, review_runs, timeline_frame
from engine.workspace.review_decisions import (
    decide_ambiguous,
    decide_conflict,
    review_id_for,
    undo_decision,
)
from tests.ui.conftest import DEMO_CLIENT, DEMO_TARGET, ORG, finished_demo_run


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, RunRecord]:
    """A closed DuckDB file holding the demo clients and one finished Borealis run."""
    path = tmp_path_factory.mktemp("review") / "workbench.duckdb"
    with Store(path) as store:
        run = finished_demo_run(store)
    return path, run


@pytest.fixture
def workspace(tmp_path: Path, template: tuple[Path, RunRecord]) -> Iterator[tuple[Store, str]]:
    """A copy of the template, opened, and its run id."""
    path = tmp_path / "workbench.duckdb"
    shutil.copyfile(template[0], path)
    with Store(path) as store:
        yield store, template[1].run_id


def hq_conflict(store: Store, run_id: str) -> tuple[list[str], str]:
    """The claims of the head-office conflict and its non-recommended claim."""
    board = review_items(store, ORG, run_id)
    view = next(v for v in board.conflicts if v.conflict.attribute == "hq_location")
    other = next(option for option in view.options if not option.recommended)
    return view.conflict.claims_involved, other.claim_id


def test_board_lists_the_merge_conflicts_and_ambiguous_items_with_their_claims(
    workspace: tuple[Store, str],
) -> None:
    store, run_id = workspace
    merge = store.latest_merge(ORG, run_id)
    assert merge is not None and merge.conflicts and merge.ambiguous
    board = review_items(store, ORG, run_id)
    assert [v.conflict for v in board.conflicts] == merge.conflicts
    for view in board.conflicts:
        stated = sorted(claim.claim_id for option in view.options for claim in option.claims)
        assert stated == sorted(view.conflict.claims_involved)
        assert view.options[0].recommended
        assert view.options[0].claim_id == view.conflict.recommended_claim_id
        assert len({option.value for option in view.options}) == len(view.options) >= 2
        assert view.review_id == review_id_for("CONFLICT", view.conflict.claims_involved)
        assert view.pending is None
    assert [v.item for v in board.ambiguous] == merge.ambiguous
    contact_item = next(v for v in board.ambiguous if v.item.kind == "CONTACT")
    assert [c.claim_id for c in contact_item.claims] == contact_item.item.claims_involved
    assert {c.name for c in contact_item.contacts} == {"Daniel Reyes"}
    assert len(contact_item.contacts) == 2
    assert contact_item.decisions == ("SAME_PERSON", "DIFFERENT_PERSON", "DISMISS")
    assert board.contacts == merge.contacts_resolved
    assert board.timelines == merge.timelines_resolved
    assert (board.pending, board.changes, board.decided, board.rebuild_blocker) == (
        False,
        [],
        [],
        None,
    )


def test_deciding_a_conflict_stores_one_review_and_deciding_again_replaces_it(
    workspace: tuple[Store, str],
) -> None:
    store, run_id = workspace
    claim_ids, other = hq_conflict(store, run_id)
    first = decide_conflict(
        store, ORG, run_id, claim_ids, "PICK_VALUE", chosen_claim_id=other, decided_by="ana"
    )
    assert (first.decision, first.chosen_claim_id, first.claim_ids) == (
        "PICK_VALUE",
        other,
        sorted(claim_ids),
    )
    again = decide_conflict(store, ORG, run_id, list(reversed(claim_ids)), "DISMISS", note="n/a")
    stored = store.list_reviews(ORG, run_id)
    assert [(r.review_id, r.decision, r.note) for r in stored] == [
        (first.review_id, "DISMISS", "n/a")
    ]
    assert again.review_id == first.review_id
    board = review_items(store, ORG, run_id)
    assert board.pending
    assert [c.review_id for c in board.changes] == [first.review_id]
    view = next(v for v in board.conflicts if v.review_id == first.review_id)
    assert view.pending is not None and view.pending.decision == "DISMISS"


def test_accepting_the_recommendation_picks_the_recommended_claim(
    workspace: tuple[Store, str],
) -> None:
    store, run_id = workspace
    conflict = review_items(store, ORG, run_id).conflicts[0].conflict
    review = decide_conflict(store, ORG, run_id, conflict.claims_involved, "ACCEPT")
    assert review.chosen_claim_id == conflict.recommended_claim_id


def test_undo_deletes_the_review(workspace: tuple[Store, str]) -> None:
    store, run_id = workspace
    claim_ids, other = hq_conflict(store, run_id)
    review = decide_conflict(store, ORG, run_id, claim_ids, "PICK_VALUE", chosen_claim_id=other)
    assert undo_decision(store, ORG, run_id, review.review_id)
    assert store.list_reviews(ORG, run_id) == []
    assert not undo_decision(store, ORG, run_id, review.review_id)
    assert not review_items(store, ORG, run_id).pending


def test_decisions_that_do_not_fit_the_item_are_refused(workspace: tuple[Store, str]) -> None:
    store, run_id = workspace
    claim_ids, _ = hq_conflict(store, run_id)
    with pytest.raises(InvalidInput, match="contact_001"):
        decide_conflict(store, ORG, run_id, claim_ids, "PICK_VALUE", chosen_claim_id="contact_001")
    with pytest.raises(InvalidInput, match="no open conflict"):
        decide_conflict(store, ORG, run_id, claim_ids[:1], "DISMISS")
    with pytest.raises(InvalidInput, match="no chosen claim"):
        decide_conflict(store, ORG, run_id, claim_ids, "DISMISS", chosen_claim_id=claim_ids[0])
    item = next(v.item for v in review_items(store, ORG, run_id).ambiguous)
    with pytest.raises(InvalidInput, match="PICK_VALUE"):
        decide_ambiguous(
            store, ORG, run_id, item.claims_involved, "PICK_VALUE", chosen_claim_id="lead_007"
        )
    with pytest.raises(InvalidInput, match="person_999"):
        decide_ambiguous(
            store, ORG, run_id, item.claims_involved, "SAME_PERSON", same_contacts=["person_999"]
        )
    assert store.list_reviews(ORG, run_id) == []


def test_different_people_names_one_claim_of_each_contact(workspace: tuple[Store, str]) -> None:
    store, run_id = workspace
    view = next(v for v in review_items(store, ORG, run_id).ambiguous if v.item.kind == "CONTACT")
    review = decide_ambiguous(store, ORG, run_id, view.item.claims_involved, "DIFFERENT_PERSON")
    assert review.review_id == review_id_for("CONTACT", view.item.claims_involved)
    firsts = sorted(contact.evidence_claims[0] for contact in view.contacts)
    assert review.claim_ids == firsts
    same = decide_ambiguous(store, ORG, run_id, view.item.claims_involved, "SAME_PERSON")
    assert same.claim_ids == view.item.claims_involved
    assert [r.decision for r in store.list_reviews(ORG, run_id)] == ["SAME_PERSON"]


def test_a_rebuild_applies_the_decisions_and_the_board_shows_them_decided(
    workspace: tuple[Store, str],
) -> None:
    store, run_id = workspace
    claim_ids, other = hq_conflict(store, run_id)
    pick = decide_conflict(store, ORG, run_id, claim_ids, "PICK_VALUE", chosen_claim_id=other)
    item = next(v.item for v in review_items(store, ORG, run_id).ambiguous)
    apart = decide_ambiguous(store, ORG, run_id, item.claims_involved, "DIFFERENT_PERSON")
    result = asyncio.run(rebuild(Runner(store, ORG), run_id))
    assert result.merged_again and result.status == "succeeded"
    merge = store.latest_merge(ORG, run_id)
    assert merge is not None
    assert {d.review_id for d in merge.decisions} == {pick.review_id, apart.review_id}
    assert all(c.attribute != "hq_location" for c in merge.conflicts)
    board = review_items(store, ORG, run_id)
    assert not board.pending and board.changes == []
    assert {v.applied.review_id: v.state for v in board.decided} == {
        pick.review_id: "applied",
        apart.review_id: "applied",
    }
    assert board.ambiguous == []
    reyes = sorted(c.evidence_claims for c in board.contacts if c.name == "Daniel Reyes")
    assert reyes == [["contact_008", "lead_008"], ["contact_013"]]
    undo_decision(store, ORG, run_id, pick.review_id)
    board = review_items(store, ORG, run_id)
    assert board.pending
    assert [(c.review_id, c.change) for c in board.changes] == [(pick.review_id, "undone")]
    assert {v.applied.review_id: v.state for v in board.decided}[pick.review_id] == "undone"


def test_run_choices_prefer_the_page_run_then_the_newest_with_a_merge(
    workspace: tuple[Store, str],
) -> None:
    store, run_id = workspace
    assert review_runs(store, ORG, "run_missing").default_run_id == run_id
    newer = create_run(store, ORG, RunRequest(client_name=DEMO_CLIENT, target=DEMO_TARGET))
    choices = review_runs(store, ORG)
    assert [run.run_id for run in choices.runs] == [newer.run_id, run_id]
    assert choices.default_run_id == run_id
    assert review_runs(store, ORG, newer.run_id).default_run_id == newer.run_id
    unmerged = review_items(store, ORG, newer.run_id)
    assert unmerged.merge is None and unmerged.conflicts == []
    assert review_runs(store, "other_org").runs == []


def test_a_paused_run_says_decisions_apply_when_it_resumes(workspace: tuple[Store, str]) -> None:
    store, _ = workspace
    request = RunRequest(client_name=DEMO_CLIENT, target=DEMO_TARGET, pause_after_insight=True)
    paused = asyncio.run(Runner(store, ORG).execute(create_run(store, ORG, request).run_id))
    assert paused.status == "paused"
    board = review_items(store, ORG, paused.run_id)
    assert board.merge is not None
    assert board.rebuild_blocker is not None and "resumes" in board.rebuild_blocker


def test_review_ids_depend_on_the_item_kind_and_claims_not_their_order() -> None:
    assert review_id_for("CONFLICT", ["b_002", "a_001"]) == review_id_for(
        "CONFLICT", ["a_001", "b_002", "a_001"]
    )
    assert review_id_for("CONFLICT", ["a_001", "b_002"]) != review_id_for(
        "CONTACT", ["a_001", "b_002"]
    )
    with pytest.raises(InvalidInput):
        review_id_for("PERSON", ["a_001"])


def test_contact_and_timeline_frames(workspace: tuple[Store, str]) -> None:
    store, run_id = workspace
    board = review_items(store, ORG, run_id)
    contacts = contacts_frame(board.contacts)
    assert contacts.height == len(board.contacts)
    assert contacts.columns[:3] == ["contact_id", "name", "role"]
    assert contacts_frame([]).height == 0
    timeline = max(board.timelines, key=lambda t: len(t.history))
    frame = timeline_frame(timeline, board.claims)
    assert frame["claim_id"].to_list() == [event.claim_id for event in timeline.history]
    assert frame["status"].to_list() == [str(event.status) for event in timeline.history]
    assert frame["date_reported"].null_count() == 0
