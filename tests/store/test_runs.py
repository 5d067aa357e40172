"""Runs, steps and events: dossier ids per day, step commits all-or-nothing, gapless event seq."""

from __future__ import annotations

import re
import shutil
import threading
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.models import SourceDocument, SourceTier
from engine.models.run import EventKind, RunRecord, RunRequest
from engine.store import DuplicateError, NotFoundError, Store, StoreError
from engine.store.migrate import packaged_migrations
from tests.factories import make_claim

ORG, OTHER = "org-a", "org-b"
DAY = date(2024, 5, 17)
EVENT_KINDS: list[EventKind] = ["run_started", "step_started", "step_retry", "run_paused"]


def make_request(target: str = "Wyloo Metals", **fields: object) -> RunRequest:
    """A valid run request; any field can be overridden."""
    return RunRequest.model_validate({"client_name": "Northwind", "target": target, **fields})


def new_run(store: Store, org_id: str = ORG, today: date = DAY) -> RunRecord:
    """A queued run of `org_id` created on `today`."""
    return store.create_run(org_id, make_request(), client_id="client-1", today=today)


def run_in_threads(count: int, work: Callable[[int], None]) -> list[BaseException]:
    """Run work(0..count-1) in as many threads started together; return what they raised."""
    errors: list[BaseException] = []
    barrier = threading.Barrier(count)

    def call(index: int) -> None:
        try:
            barrier.wait()
            work(index)
        except BaseException as exc:  # collected and asserted by the caller
            errors.append(exc)

    threads = [threading.Thread(target=call, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def test_a_new_run_is_queued_with_fresh_ids_and_reads_back_equal(store: Store) -> None:
    before = datetime.now(UTC)
    request = make_request(model="gpt-x", sources_dir="/corpus", pause_after_insight=True)
    run = store.create_run(ORG, request, client_id="client-1", today=DAY)
    assert re.fullmatch(r"run_[0-9a-f]{12}", run.run_id)
    assert run.dossier_id == "DOSS_20240517_0001"
    assert (run.status, run.client_id, run.client_name, run.target) == (
        "queued",
        "client-1",
        "Northwind",
        "Wyloo Metals",
    )
    assert (run.model, run.sources_dir, run.pause_after_insight) == ("gpt-x", "/corpus", True)
    assert run.created_at.tzinfo is UTC and before - timedelta(seconds=1) <= run.created_at
    assert run.started_at is None and run.finished_at is None and not run.cancel_requested
    assert store.get_run(ORG, run.run_id) == run
    assert store.get_run(ORG, "run_000000000000") is None


def test_dossier_ids_are_numbered_per_day_within_each_org(store: Store) -> None:
    assert new_run(store).dossier_id == "DOSS_20240517_0001"
    assert new_run(store, OTHER).dossier_id == "DOSS_20240517_0001"
    assert new_run(store).dossier_id == "DOSS_20240517_0002"
    assert new_run(store, OTHER).dossier_id == "DOSS_20240517_0002"
    assert new_run(store, today=date(2024, 5, 18)).dossier_id == "DOSS_20240518_0001"
    today = datetime.now(UTC).date()
    run = store.create_run(ORG, make_request(), client_id="client-1")
    assert run.dossier_id == f"DOSS_{today:%Y%m%d}_0001"


def test_the_next_number_follows_the_highest_used_not_the_count(store: Store) -> None:
    new_run(store)
    store._db.execute("UPDATE runs SET dossier_id = 'DOSS_20240517_0041'")
    assert new_run(store).dossier_id == "DOSS_20240517_0042"
    assert new_run(store, OTHER).dossier_id == "DOSS_20240517_0001"


def test_ten_threads_creating_runs_at_once_get_distinct_dossier_ids(tmp_path: Path) -> None:
    created: list[tuple[str, RunRecord]] = []
    with Store(tmp_path / "runs.duckdb") as shared:
        errors = run_in_threads(
            10, lambda n: created.append((f"org-{n % 3}", new_run(shared, f"org-{n % 3}")))
        )
        assert errors == []
        # Orgs 0, 1 and 2 get 4, 3 and 3 runs, each numbered from 0001 within its org.
        expected = sorted(f"org-{n % 3} DOSS_20240517_{1 + n // 3:04d}" for n in range(10))
        assert sorted(f"{org} {run.dossier_id}" for org, run in created) == expected
        assert len({run.run_id for _, run in created}) == 10
        stored = [
            f"{org} {run.dossier_id}"
            for org in ("org-0", "org-1", "org-2")
            for run in shared.list_runs(org)
        ]
        assert sorted(stored) == expected


def test_an_invalid_request_is_refused_naming_it(store: Store) -> None:
    bad = make_request().model_copy(update={"backend": "gpt"})
    with pytest.raises(StoreError, match="run request for 'Wyloo Metals' is invalid"):
        store.create_run(ORG, bad, client_id="client-1")
    with pytest.raises(StoreError, match="client_id must be a non-empty string"):
        store.create_run(ORG, make_request(), client_id=" ")
    assert store.list_runs(ORG) == []


def test_runs_are_listed_newest_first_and_limited(store: Store) -> None:
    runs = [new_run(store) for _ in range(3)]
    store._db.execute(
        "UPDATE runs SET created_at = created_at - INTERVAL 1 HOUR WHERE run_id = ?",
        [runs[2].run_id],
    )
    listed = store.list_runs(ORG)
    assert [run.run_id for run in listed] == [runs[1].run_id, runs[0].run_id, runs[2].run_id]
    assert store.list_runs(ORG, limit=2) == listed[:2]
    assert store.list_runs(ORG, limit=0) == []
    with pytest.raises(StoreError, match="limit must not be negative"):
        store.list_runs(ORG, limit=-1)


def test_run_status_stamps_start_once_and_finish_only_while_finished(store: Store) -> None:
    run = new_run(store)
    running = store.set_run_status(ORG, run.run_id, "running")
    assert running.status == "running" and running.started_at is not None
    paused = store.set_run_status(ORG, run.run_id, "paused")
    assert paused.finished_at is None
    failed = store.set_run_status(ORG, run.run_id, "failed", error="search_signal failed: x")
    assert failed.finished_at is not None and failed.error == "search_signal failed: x"
    resumed = store.set_run_status(ORG, run.run_id, "running")
    assert resumed.started_at == running.started_at
    assert resumed.finished_at is None and resumed.error is None
    assert store.get_run(ORG, run.run_id) == resumed


def test_run_status_refuses_unknown_runs_and_statuses(store: Store) -> None:
    run = new_run(store)
    with pytest.raises(NotFoundError, match="run 'run_x' does not exist in org 'org-a'"):
        store.set_run_status(ORG, "run_x", "running")
    with pytest.raises(StoreError, match="unknown run status 'done'"):
        store.set_run_status(ORG, run.run_id, "done")  # type: ignore[arg-type]


def test_cancel_is_requested_until_the_run_finishes(store: Store) -> None:
    run = new_run(store)
    assert store.request_cancel(ORG, run.run_id) is True
    assert store.get_run(ORG, run.run_id).cancel_requested is True  # type: ignore[union-attr]
    store.clear_cancel(ORG, run.run_id)
    assert store.get_run(ORG, run.run_id).cancel_requested is False  # type: ignore[union-attr]
    store.set_run_status(ORG, run.run_id, "succeeded")
    assert store.request_cancel(ORG, run.run_id) is False
    assert store.get_run(ORG, run.run_id).cancel_requested is False  # type: ignore[union-attr]
    with pytest.raises(NotFoundError):
        store.request_cancel(ORG, "run_x")


def test_cancelling_a_paused_run_cancels_it_at_once(store: Store) -> None:
    run = new_run(store)
    store.set_run_status(ORG, run.run_id, "running")
    store.set_run_status(ORG, run.run_id, "paused")
    assert store.request_cancel(ORG, run.run_id) is True
    cancelled = store.get_run(ORG, run.run_id)
    assert cancelled is not None
    assert (cancelled.status, cancelled.cancel_requested) == ("cancelled", False)
    assert cancelled.finished_at is not None
    events = store.list_events(ORG, run.run_id)
    assert [(e.kind, e.detail) for e in events] == [
        ("run_cancelled", {"status": "cancelled", "error": None})
    ]
    assert store.request_cancel(ORG, run.run_id) is False


def test_starting_a_step_counts_attempts_and_adds_an_event(store: Store) -> None:
    store.start_step(ORG, "run-1", "search_signal")
    store.fail_step(ORG, "run-1", "search_signal", "timeout", duration_ms=5)
    step = store.start_step(ORG, "run-1", "search_signal")
    assert (step.status, step.attempts, step.error) == ("running", 2, None)
    assert step.started_at is not None and step.finished_at is None and step.duration_ms is None
    kinds = [event.kind for event in store.list_events(ORG, "run-1")]
    assert kinds == ["step_started", "step_failed", "step_started"]


def test_finishing_a_step_commits_claims_output_timing_and_events(store: Store) -> None:
    store.start_step(ORG, "run-1", "search_signal")
    claims = [make_claim("search_002"), make_claim("search_001")]
    assert (
        store.finish_step(
            ORG, "run-1", "search_signal", output={"pack": {"a": 1}}, claims=claims, duration_ms=42
        )
        == 2
    )
    step = store.get_step(ORG, "run-1", "search_signal")
    assert step is not None
    assert (step.status, step.output, step.claims_added, step.duration_ms) == (
        "succeeded",
        {"pack": {"a": 1}},
        2,
        42,
    )
    assert step.finished_at is not None and step.attempts == 1
    assert store.list_claims(ORG, "run-1", step_id="search_signal") == sorted(
        claims, key=lambda claim: claim.claim_id
    )
    events = store.list_events(ORG, "run-1")
    assert [(event.seq, event.kind, event.step_id) for event in events] == [
        (1, "step_started", "search_signal"),
        (2, "claims_added", "search_signal"),
        (3, "step_finished", "search_signal"),
    ]
    assert events[1].detail == {"count": 2, "claim_ids": ["search_001", "search_002"]}
    assert events[2].detail == {"claims": 2, "duration_ms": 42}


def test_finishing_a_step_again_changes_nothing(store: Store) -> None:
    claims = [make_claim("search_001")]
    store.finish_step(ORG, "run-1", "search_signal", output={"n": 1}, claims=claims, duration_ms=1)
    before = (store.get_step(ORG, "run-1", "search_signal"), store.list_events(ORG, "run-1"))
    again = [*claims, make_claim("search_002")]
    assert (
        store.finish_step(
            ORG, "run-1", "search_signal", output={"n": 2}, claims=again, duration_ms=9
        )
        == 0
    )
    assert (
        store.get_step(ORG, "run-1", "search_signal"),
        store.list_events(ORG, "run-1"),
    ) == before
    assert store.count_claims(ORG, "run-1") == 1


def test_a_step_without_claims_adds_no_claims_event_and_caps_listed_ids(store: Store) -> None:
    store.finish_step(ORG, "run-1", "media", output={}, duration_ms=3)
    assert [event.kind for event in store.list_events(ORG, "run-1")] == ["step_finished"]
    many = [make_claim(f"search_{n:03d}") for n in range(1, 61)]
    store.finish_step(ORG, "run-1", "search_signal", output={}, claims=many, duration_ms=3)
    added = store.list_events(ORG, "run-1", after_seq=1)[0]
    assert added.detail["count"] == 60
    assert added.detail["claim_ids"] == [f"search_{n:03d}" for n in range(1, 51)]


def test_a_claim_conflicting_with_a_stored_one_stores_nothing_of_the_step(store: Store) -> None:
    store.save_claims(ORG, "run-1", [make_claim("search_001", value="Perth")], step_id="search")
    store.start_step(ORG, "run-1", "entity_research")
    events_before = store.list_events(ORG, "run-1")
    batch = [make_claim("entity_001"), make_claim("search_001", value="Toronto")]
    with pytest.raises(DuplicateError, match="claim 'search_001' already exists"):
        store.finish_step(
            ORG, "run-1", "entity_research", output={"x": 1}, claims=batch, duration_ms=7
        )
    step = store.get_step(ORG, "run-1", "entity_research")
    assert step is not None and (step.status, step.output, step.claims_added) == (
        "running",
        None,
        0,
    )
    assert store.get_claim(ORG, "run-1", "entity_001") is None
    assert store.list_events(ORG, "run-1") == events_before


def test_output_that_is_not_json_stores_nothing(store: Store) -> None:
    with pytest.raises(StoreError, match="output of step 'media' cannot be stored as JSON"):
        store.finish_step(
            ORG,
            "run-1",
            "media",
            output={"when": date(2024, 1, 1)},
            claims=[make_claim()],
            duration_ms=1,
        )
    assert store.get_step(ORG, "run-1", "media") is None
    assert store.count_claims(ORG, "run-1") == 0


@pytest.mark.parametrize("number", [float("nan"), float("inf"), float("-inf")])
def test_output_with_a_number_json_cannot_hold_stores_nothing(store: Store, number: float) -> None:
    with pytest.raises(StoreError, match="output of step 'insight' cannot be stored as JSON"):
        store.finish_step(ORG, "run-1", "insight", output={"score": number}, duration_ms=1)
    assert store.get_step(ORG, "run-1", "insight") is None
    with pytest.raises(StoreError, match="detail of event 'step_retry' cannot be stored as JSON"):
        store.add_event(ORG, "run-1", "step_retry", detail={"delay_s": number})
    assert store.list_events(ORG, "run-1") == []


@pytest.mark.parametrize("status", ["failed", "skipped", "cancelled"])
def test_ending_a_succeeded_step_leaves_it_succeeded(store: Store, status: str) -> None:
    store.finish_step(
        ORG, "run-1", "search_signal", output={"a": 1}, claims=[make_claim()], duration_ms=3
    )
    events_before = store.list_events(ORG, "run-1")
    ended = store.fail_step(
        ORG,
        "run-1",
        "search_signal",
        "cancelled by the analyst",
        status=status,  # type: ignore[arg-type]
    )
    assert ended is False
    step = store.get_step(ORG, "run-1", "search_signal")
    assert step is not None
    assert (step.status, step.error, step.output, step.claims_added) == (
        "succeeded",
        None,
        {"a": 1},
        1,
    )
    assert store.list_events(ORG, "run-1") == events_before
    assert store.fail_step(ORG, "run-1", "media", "no images") is True


@pytest.mark.parametrize(
    ("status", "kind"),
    [("failed", "step_failed"), ("skipped", "step_skipped"), ("cancelled", None)],
)
def test_ending_a_step_records_status_error_and_its_event(
    store: Store, status: str, kind: str | None
) -> None:
    store.fail_step(ORG, "run-1", "media", "no images", status=status)  # type: ignore[arg-type]
    step = store.get_step(ORG, "run-1", "media")
    assert step is not None
    assert (step.status, step.error, step.duration_ms) == (status, "no images", None)
    assert step.finished_at is not None
    events = store.list_events(ORG, "run-1")
    assert [(event.kind, event.detail) for event in events] == (
        [] if kind is None else [(kind, {"error": "no images"})]
    )


def test_resetting_a_step_makes_it_pending_unless_it_has_claims(store: Store) -> None:
    store.finish_step(ORG, "run-1", "write_sections", output={"a": 1}, duration_ms=5)
    store.reset_step(ORG, "run-1", "write_sections")
    step = store.get_step(ORG, "run-1", "write_sections")
    assert step is not None
    assert (step.status, step.output, step.finished_at, step.attempts) == ("pending", None, None, 0)
    store.reset_step(ORG, "run-1", "never_ran")
    assert store.get_step(ORG, "run-1", "never_ran") is None
    store.finish_step(
        ORG, "run-1", "search_signal", output={}, claims=[make_claim()], duration_ms=1
    )
    with pytest.raises(StoreError, match="step 'search_signal' of run 'run-1' has claims stored"):
        store.reset_step(ORG, "run-1", "search_signal")
    assert store.get_step(ORG, "run-1", "search_signal").status == "succeeded"  # type: ignore[union-attr]


def test_steps_are_listed_by_start_time_with_unstarted_last(store: Store) -> None:
    store.fail_step(ORG, "run-1", "a_skipped", "skipped: x", status="skipped")
    store.start_step(ORG, "run-1", "search_signal")
    store.start_step(ORG, "run-1", "entity_research")
    order = [step.step_id for step in store.list_steps(ORG, "run-1")]
    assert order == ["search_signal", "entity_research", "a_skipped"]


def test_claims_are_counted_per_step(store: Store) -> None:
    store.finish_step(
        ORG,
        "run-1",
        "search_signal",
        output={},
        duration_ms=1,
        claims=[make_claim("search_001"), make_claim("search_002")],
    )
    store.finish_step(
        ORG, "run-1", "entity_research", output={}, duration_ms=1, claims=[make_claim("entity_001")]
    )
    store.save_claims(ORG, "run-1", [make_claim("manual_001")])
    assert store.count_claims_by_step(ORG, "run-1") == {"entity_research": 1, "search_signal": 2}
    assert store.count_claims_by_step(ORG, "run-2") == {}


def test_events_are_read_after_a_seq_and_limited(store: Store) -> None:
    for kind in EVENT_KINDS:
        store.add_event(ORG, "run-1", kind, step_id="insight", detail={"kind": kind})
    assert [e.seq for e in store.list_events(ORG, "run-1", after_seq=1, limit=2)] == [2, 3]
    last = store.list_events(ORG, "run-1", after_seq=3)
    assert [(e.seq, e.kind, e.detail) for e in last] == [(4, "run_paused", {"kind": "run_paused"})]
    with pytest.raises(StoreError, match="event 'run_exploded' of run 'run-1' is invalid"):
        store.add_event(ORG, "run-1", "run_exploded")  # type: ignore[arg-type]


@settings(max_examples=30, deadline=None)
@given(kinds=st.lists(st.sampled_from(EVENT_KINDS), max_size=12), after=st.integers(0, 14))
def test_event_seq_counts_from_one_per_run_in_order(kinds: list[EventKind], after: int) -> None:
    with Store() as store:
        added = [store.add_event(ORG, "run-1", kind) for kind in kinds]
        store.add_event(ORG, "run-2", "run_started")
        assert [event.seq for event in added] == list(range(1, len(kinds) + 1))
        assert store.list_events(ORG, "run-1") == added
        assert store.list_events(ORG, "run-1", after_seq=after) == added[after:]


def test_ten_threads_adding_events_to_one_run_get_seq_without_gaps(tmp_path: Path) -> None:
    per_thread = 5
    with Store(tmp_path / "events.duckdb") as shared:

        def add(index: int) -> None:
            for number in range(per_thread):
                shared.add_event(ORG, "run-1", "step_retry", detail={"t": index, "n": number})

        assert run_in_threads(10, add) == []
        events = shared.list_events(ORG, "run-1")
    assert [event.seq for event in events] == list(range(1, 10 * per_thread + 1))
    assert sorted((e.detail["t"], e.detail["n"]) for e in events) == [
        (t, n) for t in range(10) for n in range(per_thread)
    ]


def test_parallel_steps_finishing_at_once_all_commit(tmp_path: Path) -> None:
    prefixes = {"enrich_lead": "lead", "enrich_opportunity": "opp", "client_specific": "client"}
    steps = [*prefixes, "media"]
    with Store(tmp_path / "steps.duckdb") as shared:

        def run_step(index: int) -> None:
            step_id = steps[index]
            shared.start_step(ORG, "run-1", step_id)
            prefix = prefixes.get(step_id, "doc")
            claims = [make_claim(f"{prefix}_{n:03d}") for n in range(1, 4)]
            shared.finish_step(ORG, "run-1", step_id, output={}, claims=claims, duration_ms=1)

        assert run_in_threads(len(steps), run_step) == []
        assert {step.status for step in shared.list_steps(ORG, "run-1")} == {"succeeded"}
        seqs = [event.seq for event in shared.list_events(ORG, "run-1")]
        assert seqs == list(range(1, 3 * len(steps) + 1))
        assert shared.count_claims(ORG, "run-1") == 3 * len(steps)


def test_an_org_never_sees_or_changes_another_orgs_runs(store: Store) -> None:
    run = new_run(store, OTHER)
    store.finish_step(
        OTHER, run.run_id, "search_signal", output={}, claims=[make_claim()], duration_ms=1
    )
    assert store.get_run(ORG, run.run_id) is None
    assert store.list_runs(ORG) == []
    assert store.get_step(ORG, run.run_id, "search_signal") is None
    assert store.list_steps(ORG, run.run_id) == []
    assert store.list_events(ORG, run.run_id) == []
    assert store.count_claims_by_step(ORG, run.run_id) == {}
    with pytest.raises(NotFoundError):
        store.set_run_status(ORG, run.run_id, "cancelled")
    with pytest.raises(NotFoundError):
        store.request_cancel(ORG, run.run_id)
    assert store.finish_step(ORG, run.run_id, "search_signal", output={}, duration_ms=1) == 0
    assert store.get_run(OTHER, run.run_id) == run
    other_step = store.get_step(OTHER, run.run_id, "search_signal")
    assert other_step is not None and other_step.claims_added == 1
    assert len(store.list_events(OTHER, run.run_id)) == 2


def test_migration_0002_applies_on_an_existing_0001_database(tmp_path: Path) -> None:
    only_first = tmp_path / "m"
    only_first.mkdir()
    source = packaged_migrations() / "0001_initial.sql"
    (only_first / "0001_initial.sql").write_text(source.read_text(encoding="utf-8"))
    path = tmp_path / "old.duckdb"
    with Store(path, migrations=only_first) as old:
        assert old.schema_version() == 1
        old.save_claims(ORG, "run-1", [make_claim()], step_id="search_signal")
    with Store(path) as upgraded:
        assert upgraded.applied_migrations()[:2] == [(1, "initial"), (2, "runs_and_dossiers")]
        assert upgraded.count_claims_by_step(ORG, "run-1") == {"search_signal": 1}
        run = new_run(upgraded)
    with Store(path) as reopened:
        assert reopened.get_run(ORG, run.run_id) == run
    shutil.rmtree(only_first)


def test_a_run_and_its_sources_are_stored_together_or_not_at_all() -> None:
    source = SourceDocument(source_id="doc-a", path="a.md", tier=SourceTier.GOV, text="Text.")
    with Store() as store:
        run = store.create_run(ORG, make_request(), client_id="client_1", sources=[source])
        assert store.list_sources(ORG, run.run_id) == [source]
        with pytest.raises(DuplicateError, match="doc-a"):
            store.create_run(ORG, make_request(), client_id="client_1", sources=[source, source])
        assert [r.run_id for r in store.list_runs(ORG)] == [run.run_id]
