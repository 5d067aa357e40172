"""The Dossiers page's engine side: dossier rows, citations routed to their sections, downloads,
status moves and the difference between two versions (after a real rebuild)."""

from __future__ import annotations

import asyncio
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from engine.demo import seed_demo
from engine.export import export_dossier, export_filename
from engine.export.citations import source_numbers
from engine.models import InvalidInput
from engine.models.dossier import DossierRecord, DossierSource
from engine.models.run import RunRecord, RunRequest
from engine.pipeline.launch import create_run
from engine.pipeline.rebuild import rebuild
from engine.pipeline.runner import Runner
from engine.planning.edit import move_claim
from engine.store import Store
from engine.workspace.dossier_diff import compare_versions, version_diff
from engine.workspace.dossiers import (
    ROW_SCHEMA,
    change_status,
    default_dossier,
    dossier_downloads,
    dossier_rows,
    dossier_sections,
    dossier_view,
    media_views,
    next_statuses,
    section_markdown,
    source_lines,
)
from engine.workspace.text import WORD_JOINER as J
from engine.workspace.text import streamlit_link as link_markdown

ORG = "default"
CLIENT = "Northway Modular Structures"
TARGET = "Borealis Nickel"


@pytest.fixture(scope="module")
def finished_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, RunRecord]:
    """A closed DuckDB file with the demo clients and one finished Borealis run."""
    path = tmp_path_factory.mktemp("dossiers") / "workbench.duckdb"
    with Store(path) as store:
        seed_demo(store, ORG)
        run = create_run(store, ORG, RunRequest(client_name=CLIENT, target=TARGET))
        finished = asyncio.run(Runner(store, ORG).execute(run.run_id))
    assert finished.status == "succeeded"
    return path, finished


@pytest.fixture
def finished(
    tmp_path: Path, finished_template: tuple[Path, RunRecord]
) -> Iterator[tuple[Store, RunRecord]]:
    """A store over a copy of the finished workspace, and its run."""
    template, run = finished_template
    shutil.copyfile(template, tmp_path / "workbench.duckdb")
    with Store(tmp_path / "workbench.duckdb") as store:
        yield store, run


def stored(store: Store, run: RunRecord) -> DossierRecord:
    record = store.get_dossier(ORG, run.dossier_id)
    assert record is not None
    return record


def test_dossier_rows_list_the_finished_run(finished: tuple[Store, RunRecord]) -> None:
    store, run = finished
    record = stored(store, run)
    rows = dossier_rows(store, ORG)
    assert rows.columns == list(ROW_SCHEMA)
    assert rows.height == 1
    row = rows.row(0, named=True)
    assert row["dossier_id"] == run.dossier_id
    assert (row["client"], row["target"]) == (CLIENT, TARGET)
    assert row["lead_score"] == record.lead_score
    assert row["timing_urgency"] == record.find_lead.timing_urgency
    assert (row["status"], row["version"]) == ("draft", 1)
    assert record.updated_at is not None and row["updated"] == record.updated_at.date()


def test_dossier_rows_of_an_empty_workspace_keep_their_columns(tmp_path: Path) -> None:
    with Store(tmp_path / "empty.duckdb") as store:
        rows = dossier_rows(store, ORG)
    assert rows.is_empty() and rows.columns == list(ROW_SCHEMA)


def test_the_selected_dossier_is_kept_else_the_newest_is_shown() -> None:
    assert default_dossier(["DOSS_2", "DOSS_1"], "DOSS_1") == "DOSS_1"
    assert default_dossier(["DOSS_2", "DOSS_1"], "DOSS_9") == "DOSS_2"
    assert default_dossier(["DOSS_2", "DOSS_1"], None) == "DOSS_2"
    assert default_dossier([], "DOSS_1") is None


def test_citations_are_the_claims_a_section_cites_each_routed_to_it(
    finished: tuple[Store, RunRecord],
) -> None:
    store, run = finished
    record = stored(store, run)
    views = dossier_sections(store, ORG, record)
    assert [v.section for v in views] == list(record.sections)
    numbers = source_numbers(record)
    for view in views:
        section = record.sections[view.section]  # type: ignore[index]
        cited = {cid for sentence in section.sentences for cid in sentence.claim_ids}
        assert {c.claim_id for c in view.citations} == cited | set(section.cited_claim_ids)
        for citation in view.citations:
            assert citation.routed and citation.claim_id in section.routed_claim_ids
            claim = store.get_claim(ORG, run.run_id, citation.claim_id)
            assert claim is not None and citation.statement == claim.statement
            assert citation.tier == claim.source_tier.value
            assert citation.source_url == claim.source_url
            expected = numbers.get(citation.claim_id, citation.claim_id)
            assert citation.cite == f"[{expected}]"
            assert citation.link is None or citation.link.startswith(("http://", "https://"))


def test_section_prose_is_escaped_and_cites_source_numbers(
    finished: tuple[Store, RunRecord],
) -> None:
    store, run = finished
    record = stored(store, run)
    intro = record.sections["INTRO"]
    first = intro.sentences[0]
    hostile = first.model_copy(
        update={"text": "<img src=x onerror=alert(1)> **bold** [search_001] costs $5 and $6"}
    )
    tampered = intro.model_copy(update={"sentences": [hostile]})
    text = section_markdown(record, tampered)
    assert text.startswith("\\<img") and not re.search(r"(?<!\\)[<>]", text)
    assert "\\*\\*bold\\*\\*" in text
    assert "[search_001]" not in text  # brackets in prose cannot pass for a citation
    assert "\\$5" in text and "\\$6" in text
    number = next(s.number for s in record.sources if first.claim_ids[0] in s.claim_ids)
    assert f"\\[{number}\\]" in text


def test_only_web_urls_become_links() -> None:
    assert link_markdown("Site", "https://example.com/a") == "[Site](<https://example.com/a>)"
    shown = link_markdown("Click", "javascript:alert(1)")
    assert "](" not in shown and f"javascript:{J}alert(1)" in shown
    source = DossierSource(
        number=1, url="file:///etc/passwd", name="Local", tier="OTHER", used_in=[], claim_ids=[]
    )
    record_line = source_lines(_with_sources([source]))[0]
    assert record_line.startswith(f"1. Local (file:{J}///etc/passwd)") and "](" not in record_line


def _with_sources(sources: list[DossierSource]) -> DossierRecord:
    base = {
        "dossier_id": "DOSS_20260101_0001",
        "run_id": "run-1",
        "client_id": "client-1",
        "client_name": "C",
        "target_entity": "T",
        "lead_score": 10,
        "find_lead": {
            "timing_urgency": "COLD",
            "the_angle": "a",
            "one_liner": "o",
            "lead_score": 10,
            "score_explanation": "e",
        },
    }
    return DossierRecord.model_validate({**base, "sources": [s.model_dump() for s in sources]})


def test_status_moves_follow_the_transitions(finished: tuple[Store, RunRecord]) -> None:
    store, run = finished
    assert next_statuses(stored(store, run)) == ["ready"]
    store.set_dossier_status(ORG, run.dossier_id, "ready")
    assert next_statuses(stored(store, run)) == ["draft", "released"]
    store.set_dossier_status(ORG, run.dossier_id, "released")
    view = dossier_view(store, ORG, run.dossier_id)
    assert view.next_statuses == [] and view.record.status == "released"


def test_a_status_move_is_refused_while_the_run_is_queued_running_or_rebuilding(
    finished: tuple[Store, RunRecord],
) -> None:
    store, run = finished
    for run_status, named in (("running", "executing or rebuilding"), ("queued", "queued")):
        store.set_run_status(ORG, run.run_id, run_status)  # a rebuild marks the run running
        with pytest.raises(InvalidInput, match=named) as refused:
            change_status(store, ORG, run.dossier_id, "ready")
        assert run.run_id in str(refused.value) and run.dossier_id in str(refused.value)
        assert stored(store, run).status == "draft"
    store.set_run_status(ORG, run.run_id, "succeeded")
    with pytest.raises(InvalidInput, match="executing or rebuilding"):
        change_status(store, ORG, run.dossier_id, "ready", executing=True)  # the worker's word
    assert change_status(store, ORG, run.dossier_id, "ready").status == "ready"
    assert stored(store, run).status == "ready"


def test_a_status_move_the_transitions_forbid_is_named(finished: tuple[Store, RunRecord]) -> None:
    store, run = finished
    with pytest.raises(InvalidInput, match="cannot move dossier"):
        change_status(store, ORG, run.dossier_id, "released")  # draft -> released skips ready
    with pytest.raises(InvalidInput, match="'DOSS_19990101_0001' does not exist"):
        change_status(store, ORG, "DOSS_19990101_0001", "ready")
    assert stored(store, run).status == "draft"


def test_media_are_links_to_the_image_and_its_page_never_images() -> None:
    record = _with_sources([]).model_copy(
        update={
            "media": {
                "image_assets": [
                    {
                        "asset_id": "img_1",
                        "asset_type": "photo",
                        "caption_suggested": "Site :material/bolt: <img src=x> $5$",
                        "image_url": "https://cdn.example/site.png",
                        "source_page_url": "javascript:alert(1)",
                    },
                    {"asset_id": "img_2", "image_url": "file:///etc/passwd"},
                ]
            }
        }
    )
    first, second = media_views(record)
    assert first.caption == f"Site :{J}material/bolt:{J} \\<img src=x\\> \\$5\\$"
    assert "[Image](<https://cdn.example/site.png>)" in first.details
    assert f"Source page (javascript:{J}alert(1))" in first.details
    assert first.details.count("](") == 1
    assert "](" not in second.details and f"file:{J}///etc/passwd" in second.details


def test_downloads_are_the_three_exports(finished: tuple[Store, RunRecord]) -> None:
    store, run = finished
    record = stored(store, run)
    downloads = {d.fmt: d for d in dossier_downloads(record)}
    assert list(downloads) == ["json", "md", "html"]
    assert downloads["md"].data == export_dossier(record, "md")
    assert downloads["md"].file_name == export_filename(record, "md")
    assert {d.fmt: d.mime for d in downloads.values()} == {
        "json": "application/json",
        "md": "text/markdown",
        "html": "text/html",
    }


def test_an_unknown_dossier_is_named(finished: tuple[Store, RunRecord]) -> None:
    store, _ = finished
    with pytest.raises(InvalidInput, match="'DOSS_19990101_0001'"):
        dossier_view(store, ORG, "DOSS_19990101_0001")


def test_the_diff_after_moving_a_claim_names_exactly_the_changed_sections(
    finished: tuple[Store, RunRecord],
) -> None:
    store, run = finished
    entry = store.latest_plan(ORG, run.run_id)
    assert entry is not None
    plan = entry[1]
    claim_id = plan.section_routing["OPPORTUNITY"].claim_ids[0]
    store.save_plan(
        ORG, run.run_id, move_claim(plan, claim_id, "OPPORTUNITY", "INTRO"), author="analyst"
    )
    result = asyncio.run(rebuild(Runner(store, ORG), run.run_id))
    assert result.status == "succeeded" and result.version == 2

    diff = compare_versions(store, ORG, run.dossier_id, 1, 2)
    assert diff.changed_sections == ["INTRO", "OPPORTUNITY"]
    assert sorted(diff.changed_sections) == sorted(result.rewritten)
    intro, opportunity = diff.sections
    assert claim_id in intro.routed_added and claim_id in opportunity.routed_removed
    assert intro.kind == opportunity.kind == "changed"
    assert (diff.old_version, diff.new_version) == (1, 2)
    assert diff.has_changes


def test_identical_versions_have_no_changes(finished: tuple[Store, RunRecord]) -> None:
    store, run = finished
    record = stored(store, run)
    diff = version_diff(record, record)
    assert not diff.has_changes
    assert diff.sections == [] and diff.fields == [] and diff.sources_added == []
    assert not compare_versions(store, ORG, run.dossier_id, 1, 1).has_changes


def test_the_diff_shows_lead_score_status_text_and_sources(
    finished: tuple[Store, RunRecord],
) -> None:
    store, run = finished
    old = stored(store, run)
    intro = old.sections["INTRO"]
    sentence = intro.sentences[0].model_copy(update={"text": "A rewritten first sentence."})
    new_source = DossierSource(
        number=99, url="https://new.example/x", name="New", tier="NEWS", used_in=[], claim_ids=[]
    )
    new = old.model_copy(
        update={
            "lead_score": old.lead_score - 10,
            "status": "ready",
            "sections": {
                **old.sections,
                "INTRO": intro.model_copy(update={"sentences": [sentence, *intro.sentences[1:]]}),
            },
            "sources": [*old.sources[1:], new_source],
        }
    )
    diff = version_diff(old, new)
    assert diff.changed_sections == ["INTRO"]
    assert "+A rewritten first sentence." in diff.sections[0].text_diff
    assert f"-{intro.sentences[0].text}" in diff.sections[0].text_diff
    changed = {f.name: (f.old, f.new) for f in diff.fields}
    assert changed == {
        "lead score": (str(old.lead_score), str(old.lead_score - 10)),
        "status": ("draft", "ready"),
    }
    assert diff.sources_added == ["New — https://new.example/x"]
    assert len(diff.sources_removed) == 1 and old.sources[0].url in diff.sources_removed[0]


def test_a_missing_version_is_named(finished: tuple[Store, RunRecord]) -> None:
    store, run = finished
    with pytest.raises(InvalidInput, match="no version 7"):
        compare_versions(store, ORG, run.dossier_id, 1, 7)
