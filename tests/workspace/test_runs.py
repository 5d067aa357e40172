"""Runs as the Runs page sees them: the run list, one run's progress, launching from the form."""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import polars as pl
import pytest

from engine.demo import demo_scenarios, seed_demo
from engine.llm.protocol import CallUsage
from engine.models import InvalidInput
from engine.models.run import RunRecord, RunRequest
from engine.pipeline.graph import DOSSIER_STEP_IDS
from engine.pipeline.launch import create_run
from engine.pipeline.runner import Runner
from engine.store import Store
from engine.workspace.model_calls import TRACE_COLUMNS, call_label, llm_trace, model_calls
from engine.workspace.runs import (
    RUN_COLUMNS,
    LaunchForm,
    can_cancel,
    can_resume,
    launch_run,
    list_needs_polling,
    run_choices,
    run_progress,
    run_rows,
    runs_listing,
)
from engine.workspace.uploads import UPLOADS_DIR, Upload
from engine.workspace.worker import RunWorker
from tests.factories import T0, make_call

ORG = "acme"
TIMEOUT_S = 120


def demo_request(**options: object) -> RunRequest:
    scenario = demo_scenarios()[0]
    fields = {"client_name": scenario.client_name, "target": scenario.target}
    return RunRequest.model_validate({**fields, "sources_dir": str(scenario.path), **options})


@pytest.fixture(scope="module")
def finished_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, RunRecord]:
    path = tmp_path_factory.mktemp("runs") / "w.duckdb"
    with Store(path) as store:
        seed_demo(store, ORG)
        run = create_run(store, ORG, demo_request())
        finished = asyncio.run(Runner(store, ORG).execute(run.run_id))
    return path, finished


@pytest.fixture
def store(tmp_path: Path, finished_template: tuple[Path, RunRecord]) -> Iterator[Store]:
    copy = tmp_path / "w.duckdb"
    shutil.copyfile(finished_template[0], copy)
    with Store(copy) as opened:
        yield opened


@pytest.fixture
def finished(finished_template: tuple[Path, RunRecord]) -> RunRecord:
    return finished_template[1]


@pytest.fixture
def worker(store: Store) -> Iterator[RunWorker]:
    started = RunWorker(store, ORG)
    yield started
    started.close()


def test_run_rows_lists_runs_newest_first_with_counts_from_the_store(
    store: Store, finished: RunRecord
) -> None:
    queued = create_run(store, ORG, demo_request())
    rows = run_rows(store, ORG)
    assert list(rows.columns) == list(RUN_COLUMNS)
    assert rows["run_id"].to_list() == [queued.run_id, finished.run_id]
    assert rows["status"].to_list() == ["queued", "succeeded"]
    total = len(DOSSIER_STEP_IDS)
    assert rows["steps"].to_list() == [f"0/{total}", f"{total}/{total}"]
    assert rows["claims"].to_list() == [0, store.count_claims(ORG, finished.run_id)]
    dossier = store.get_dossier_for_run(ORG, finished.run_id)
    assert dossier is not None
    assert rows["lead score"].to_list() == [None, dossier.lead_score]
    assert rows["model calls"].to_list() == [0, 0]  # offline runs make no model calls
    assert rows["cost (USD)"].to_list() == [0.0, 0.0]
    step_times = rows["step time (s)"].to_list()
    steps_ms = sum(step.duration_ms or 0 for step in store.list_steps(ORG, finished.run_id))
    assert step_times == [None, round(steps_ms / 1000, 1)]


def test_a_rerun_step_replaces_its_time_instead_of_stretching_the_run(
    store: Store, finished: RunRecord
) -> None:
    before = run_rows(store, ORG)["step time (s)"].to_list()
    store.set_run_status(ORG, finished.run_id, "running")  # as a rebuild does, maybe days later
    store.reset_step(ORG, finished.run_id, "assemble")
    store.finish_step(ORG, finished.run_id, "assemble", output={}, duration_ms=0)
    store.set_run_status(ORG, finished.run_id, "succeeded")
    later = datetime.now(UTC) + timedelta(days=1)
    after = runs_listing(store, ORG, now=later).frame["step time (s)"].to_list()
    steps_ms = sum(step.duration_ms or 0 for step in store.list_steps(ORG, finished.run_id))
    assert after == [round(steps_ms / 1000, 1)] and after[0] <= before[0]


def test_a_running_step_counts_up_to_now(store: Store) -> None:
    queued = create_run(store, ORG, demo_request())
    store.set_run_status(ORG, queued.run_id, "running")
    started = store.start_step(ORG, queued.run_id, "search_signal")
    assert started.started_at is not None
    now = started.started_at + timedelta(seconds=12)
    rows = runs_listing(store, ORG, now=now).frame
    assert rows.filter(pl.col("run_id") == queued.run_id)["step time (s)"].to_list() == [12.0]


def test_run_choices_label_each_run_with_its_id_and_know_the_live_ones(
    store: Store, finished: RunRecord
) -> None:
    queued = create_run(store, ORG, demo_request())
    choices = run_choices(store, ORG)
    assert list(choices.labels) == [queued.run_id, finished.run_id]
    assert all(label.endswith(f" · {run_id}") for run_id, label in choices.labels.items())
    assert choices.labels[finished.run_id].startswith(f"{finished.target} · {finished.client_name}")
    assert choices.live == {queued.run_id}
    assert choices.polling([queued.run_id]) and not choices.polling([finished.run_id])
    assert list(run_choices(store, ORG, limit=1).labels) == [queued.run_id]
    assert run_choices(store, "other-org").labels == {}


def test_the_list_polls_only_while_a_listed_run_executes(store: Store, finished: RunRecord) -> None:
    listing = runs_listing(store, ORG)
    assert not list_needs_polling(listing, {finished.run_id})  # finished: nothing to follow
    queued = create_run(store, ORG, demo_request())
    listing = runs_listing(store, ORG)
    assert list_needs_polling(listing, {queued.run_id})
    assert not list_needs_polling(listing, set())  # left queued by a process that is gone
    store.set_run_status(ORG, queued.run_id, "running")
    assert list_needs_polling(runs_listing(store, ORG), [queued.run_id])
    store.set_run_status(ORG, queued.run_id, "succeeded")
    assert not list_needs_polling(runs_listing(store, ORG), [queued.run_id])


def test_run_rows_of_another_org_is_empty_with_the_same_columns(store: Store) -> None:
    rows = run_rows(store, "other-org")
    assert rows.is_empty()
    assert list(rows.columns) == list(RUN_COLUMNS)


def test_runs_listing_says_when_older_runs_are_left_out(store: Store) -> None:
    create_run(store, ORG, demo_request())
    assert runs_listing(store, ORG, limit=1).more is True
    assert runs_listing(store, ORG, limit=1).frame.height == 1
    assert runs_listing(store, ORG, limit=2).more is False


def test_run_rows_uses_a_bounded_number_of_queries(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    for _ in range(4):
        create_run(store, ORG, demo_request())
    database = store._db
    calls: list[str] = []
    for name in ("fetchall", "fetchone"):
        original = getattr(database, name)

        def counted(sql: str, params: object = (), _original: object = original) -> object:
            calls.append(sql)
            return _original(sql, params)  # type: ignore[operator]

        monkeypatch.setattr(database, name, counted)
    rows = run_rows(store, ORG)
    assert rows.height == 5
    assert len(calls) <= 2 + 2 * rows.height
    assert sum("llm_calls" in sql for sql in calls) == 1  # one usage query for every listed run


def save_calls(store: Store, run_id: str) -> None:
    """Three model calls of the run, saved newest first: answered, cache hit, failed."""
    store.save_llm_call(
        ORG,
        make_call(
            "call-3",
            run_id=run_id,
            step_id="write_sections",
            prompt_name="section_intro",
            response_text=None,
            error="HTTP 500 after 4 attempts",
            attempts=4,
            usage=CallUsage(prompt_tokens=0, completion_tokens=0, latency_ms=9000),
            created_at=T0 + timedelta(seconds=20),
        ),
    )
    store.save_llm_call(
        ORG,
        make_call(
            "call-2",
            run_id=run_id,
            step_id="entity_research",
            mode="cache",
            usage=CallUsage(cache_hit=True, latency_ms=2),
            created_at=T0 + timedelta(seconds=10),
        ),
    )
    store.save_llm_call(
        ORG,
        make_call(
            "call-1",
            run_id=run_id,
            step_id="search_signal",
            repaired=True,
            mode="json_object",
            attempts=2,
            usage=CallUsage(prompt_tokens=1000, completion_tokens=200, cost_usd=0.25),
            created_at=T0,
        ),
    )


def test_the_trace_lists_a_runs_model_calls_oldest_first_with_totals(
    store: Store, finished: RunRecord
) -> None:
    queued = create_run(store, ORG, demo_request())
    save_calls(store, queued.run_id)
    trace = llm_trace(store, ORG, queued.run_id)
    assert dict(trace.schema) == TRACE_COLUMNS
    assert trace["call id"].to_list() == ["call-1", "call-2", "call-3"]
    assert trace["step"].to_list() == ["search_signal", "entity_research", "write_sections"]
    assert trace["prompt"].to_list() == ["extract_claims", "extract_claims", "section_intro"]
    assert trace["mode"].to_list() == ["json_object", "cache", "json_schema"]
    assert trace["prompt tokens"].to_list() == [1000, 0, 0]
    assert trace["completion tokens"].to_list() == [200, 0, 0]
    assert trace["cost (USD)"].to_list() == [0.25, 0.0, 0.0]
    assert trace["latency (ms)"].to_list() == [0, 2, 9000]
    assert trace["cache hit"].to_list() == [False, True, False]
    assert trace["attempts"].to_list() == [2, 1, 4]
    assert trace["repaired"].to_list() == [True, False, False]
    assert trace["error"].to_list() == ["", "", "HTTP 500 after 4 attempts"]
    assert trace["created"].to_list()[0] == T0
    found = model_calls(store, ORG, queued.run_id)
    assert found.trace.equals(trace)
    assert (found.usage.calls, found.usage.total_tokens, found.usage.cache_hits) == (3, 1200, 1)
    assert (found.usage.cost_usd, found.usage.errors) == (0.25, 1)
    assert found.usage == store.llm_usage(ORG, [queued.run_id])[queued.run_id]
    failed = found.call("call-3")
    assert failed is not None
    assert call_label(failed).endswith("write_sections · section_intro · error")
    assert found.call("call-nope") is None
    offline = model_calls(store, ORG, finished.run_id)
    assert offline.calls == [] and offline.trace.is_empty() and offline.usage.calls == 0
    assert dict(offline.trace.schema) == TRACE_COLUMNS
    assert llm_trace(store, "other-org", queued.run_id).is_empty()


def test_the_run_list_shows_each_runs_model_calls_and_summed_cost(
    store: Store, finished: RunRecord
) -> None:
    queued = create_run(store, ORG, demo_request())
    save_calls(store, queued.run_id)
    store.save_llm_call(
        ORG, make_call("call-4", run_id=queued.run_id, usage=CallUsage(cost_usd=0.125))
    )
    rows = run_rows(store, ORG)
    assert rows["run_id"].to_list() == [queued.run_id, finished.run_id]
    assert rows["model calls"].to_list() == [4, 0]
    assert rows["cost (USD)"].to_list() == [0.375, 0.0]
    assert run_rows(store, "other-org").is_empty()


def test_run_progress_of_a_finished_run(store: Store, finished: RunRecord) -> None:
    progress = run_progress(store, ORG, finished.run_id)
    assert progress.finished and not progress.live
    assert [step.step_id for step in progress.steps] == list(DOSSIER_STEP_IDS)
    assert {step.status for step in progress.steps} == {"succeeded"}
    assert progress.steps_done == len(DOSSIER_STEP_IDS)
    total = store.count_claims(ORG, finished.run_id)
    assert progress.claims_total == total > 0
    assert sum(progress.counts_by_type.values()) == total
    assert progress.counts_by_step == store.count_claims_by_step(ORG, finished.run_id)
    assert sum(progress.counts_by_step.values()) == total
    assert progress.dossier_ready
    dossier = store.get_dossier_for_run(ORG, finished.run_id)
    assert dossier is not None and progress.lead_score == dossier.lead_score


def test_the_claims_feed_holds_the_newest_claims_of_the_run(
    store: Store, finished: RunRecord
) -> None:
    progress = run_progress(store, ORG, finished.run_id, feed_limit=5)
    assert len(progress.recent_claims) == 5
    stored = {claim.claim_id: claim for claim in store.list_claims(ORG, finished.run_id)}
    assert all(stored[claim.claim_id] == claim for claim in progress.recent_claims)
    last = [e for e in store.list_events(ORG, finished.run_id) if e.kind == "claims_added"][-1]
    last_step = {c.claim_id for c in store.list_claims(ORG, finished.run_id, step_id=last.step_id)}
    assert progress.recent_claims[0].claim_id == max(last_step)  # the last step's, by id desc
    assert progress.recent_claims == store.recent_claims(ORG, finished.run_id, 5)
    assert len(run_progress(store, ORG, finished.run_id).recent_claims) == 30


def test_run_progress_reads_no_list_of_every_claim_or_event(
    store: Store, finished: RunRecord, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = run_progress(store, ORG, finished.run_id)

    def refused(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the live view must not load every claim or event")

    for name in ("list_claims", "list_claims_with_steps", "list_events"):
        monkeypatch.setattr(store, name, refused)
    assert run_progress(store, ORG, finished.run_id) == expected
    assert expected.counts_by_type == store.count_claims_by_type(ORG, finished.run_id)


def test_run_progress_of_a_queued_run_shows_every_step_pending(store: Store) -> None:
    queued = create_run(store, ORG, demo_request())
    progress = run_progress(store, ORG, queued.run_id)
    assert progress.live and not progress.finished
    assert [step.step_id for step in progress.steps] == list(DOSSIER_STEP_IDS)
    assert {step.status for step in progress.steps} == {"pending"}
    assert progress.claims_total == 0 and progress.recent_claims == []
    assert progress.counts_by_type == {} and progress.counts_by_step == {}
    assert not progress.dossier_ready and progress.lead_score is None


def test_run_progress_of_an_unknown_run_or_another_orgs_run_is_refused(
    store: Store, finished: RunRecord
) -> None:
    with pytest.raises(InvalidInput, match="run_nope"):
        run_progress(store, ORG, "run_nope")
    with pytest.raises(InvalidInput, match=finished.run_id):
        run_progress(store, "other-org", finished.run_id)


def test_cancel_and_resume_apply_to_the_right_runs(store: Store, finished: RunRecord) -> None:
    queued = create_run(store, ORG, demo_request())
    assert can_cancel(queued) and not can_cancel(finished)
    assert can_resume(queued, executing=False)  # left queued by a process that is gone
    assert not can_resume(queued, executing=True)
    assert not can_resume(finished, executing=False)
    for status in ("paused", "failed", "partial", "cancelled"):
        stopped = queued.model_copy(update={"status": status})
        assert can_resume(stopped, executing=False)


def form(**options: object) -> LaunchForm:
    scenario = demo_scenarios()[0]
    fields: dict[str, object] = {
        "client_name": scenario.client_name,
        "target": scenario.target,
        "source_kind": "demo",
        "scenario": scenario.slug,
    }
    fields.update(options)
    return LaunchForm(**fields)  # type: ignore[arg-type]


def test_launching_a_demo_scenario_runs_it_to_the_end(store: Store, worker: RunWorker) -> None:
    run = launch_run(worker, form())
    assert run.sources_dir == str(demo_scenarios()[0].path)
    assert worker.wait(run.run_id, timeout=TIMEOUT_S).status == "succeeded"


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"source_kind": "folder", "folder": "/no/such/folder"}, "does not exist"),
        ({"source_kind": "folder", "folder": "  "}, "enter the folder"),
        ({"template": "research_report"}, "not available yet"),
        ({"backend": "openai"}, "needs OPENAI_API_KEY"),
        ({"target": "  "}, "target"),
        ({"client_name": "Nobody Inc"}, "Nobody Inc"),
        ({"scenario": None}, "choose a demo scenario"),
    ],
)
def test_a_refused_launch_stores_no_run(
    store: Store,
    worker: RunWorker,
    monkeypatch: pytest.MonkeyPatch,
    options: dict[str, object],
    message: str,
) -> None:
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "WORKBENCH_BACKEND"):
        monkeypatch.delenv(name, raising=False)
    before = len(store.list_runs(ORG))
    with pytest.raises(InvalidInput, match=message):
        launch_run(worker, form(**options))
    assert len(store.list_runs(ORG)) == before


def document(name: str) -> Upload:
    text = "---\nurl: https://example.com/news\n---\nBorealis Nickel announced a new mine.\n"
    return Upload(name, text.encode())


def test_uploaded_files_become_the_runs_sources(store: Store, worker: RunWorker) -> None:
    run = launch_run(worker, form(source_kind="upload", uploads=[document("news.md")]))
    folder = Path(run.sources_dir or "")
    assert folder.parent == Path(store.path).resolve().parent / UPLOADS_DIR
    assert [path.name for path in folder.iterdir()] == ["news.md"]
    assert [source.path for source in store.list_sources(ORG, run.run_id)] == ["news.md"]
    worker.wait(run.run_id, timeout=TIMEOUT_S)


def test_a_refused_upload_launch_keeps_no_files(store: Store, worker: RunWorker) -> None:
    uploads = Path(store.path).resolve().parent / UPLOADS_DIR
    with pytest.raises(InvalidInput, match="Nobody Inc"):
        launch_run(
            worker,
            form(source_kind="upload", uploads=[document("a.md")], client_name="Nobody Inc"),
        )
    with pytest.raises(InvalidInput, match="no files were uploaded"):
        launch_run(worker, form(source_kind="upload", uploads=[]))
    assert not uploads.exists() or not any(uploads.iterdir())
    assert len(store.list_runs(ORG)) == 1


def test_a_link_out_of_the_sources_folder_is_named_on_the_run_and_its_view(
    tmp_path: Path,
) -> None:
    sources = tmp_path / "sources"
    shutil.copytree(demo_scenarios()[0].path, sources)
    secret = tmp_path / "secret.txt"
    secret.write_text("API token sk-not-for-the-model", encoding="utf-8")
    (sources / "secret.txt").symlink_to(secret)
    with Store(":memory:") as store:
        seed_demo(store, "acme")
        run = create_run(store, "acme", demo_request(sources_dir=str(sources)))
        progress = run_progress(store, "acme", run.run_id)
        stored_text = " ".join(source.text for source in store.list_sources("acme", run.run_id))
    assert len(progress.skipped_sources) == 1
    assert "secret.txt" in progress.skipped_sources[0]
    assert "outside the sources folder" in progress.skipped_sources[0]
    assert "sk-not-for-the-model" not in stored_text
