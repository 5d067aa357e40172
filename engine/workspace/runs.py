"""Runs as the Runs page sees them: the run list, one run's progress, launching a run.

`runs_listing` / `run_rows` give the newest runs as one polars frame (status, client, target,
step time, steps done, claims, lead score, model calls, cost) from a bounded number of queries:
one for the runs, one for the model-call totals of all of them (`Store.llm_usage`), and at most
two for each. An offline run makes no model calls: 0 calls, cost 0.0. A run's "step time" is
the sum of its steps' durations (each step's latest attempt, a running step counted up to now):
a rebuild replaces the times of the steps it reran instead of stretching the run to the
rebuild's end, and steps that ran side by side each count, so it can exceed the wall-clock
time. `run_choices` labels the newest runs for the run picker in one query;
`list_needs_polling` (and `RunChoices.polling`) say whether a listed run is still executing.

`run_progress` gives one run's steps in graph order (steps not yet started show as pending),
claim counts by step and by type and the newest claims (`Store.recent_claims`: the most
recently stored first), all from aggregate or bounded queries, so a live view can poll it every
second without loading every claim or event of the run. A run's model calls are in
engine.workspace.model_calls. `launch_run` checks the request (and saves uploaded files) before
the worker starts it.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

import polars as pl
from pydantic import ValidationError

from engine.demo import demo_scenario
from engine.models import Claim, InvalidInput
from engine.models.run import FINISHED_RUN_STATUSES, RunRecord, RunRequest, StepRecord
from engine.pipeline.graph import template_steps
from engine.store import Store
from engine.workspace.uploads import Upload, discard_uploads, save_uploads
from engine.workspace.worker import RunWorker

SourceKind = Literal["demo", "upload", "folder"]
RUN_LIST_LIMIT = 50
FEED_LIMIT = 30
LIVE_RUN_STATUSES = frozenset({"queued", "running"})
CANCELLABLE_STATUSES = frozenset({"queued", "running", "paused"})
RESUMABLE_STATUSES = frozenset({"paused", "failed", "partial", "cancelled"})
RUN_COLUMNS: dict[str, pl.DataType | type[pl.DataType]] = {
    "run_id": pl.String,
    "status": pl.String,
    "client": pl.String,
    "target": pl.String,
    "template": pl.String,
    "backend": pl.String,
    "created": pl.Datetime("us", "UTC"),
    "step time (s)": pl.Float64,
    "steps": pl.String,
    "claims": pl.Int64,
    "lead score": pl.Int64,
    "model calls": pl.Int64,
    "cost (USD)": pl.Float64,
}


@dataclass(frozen=True)
class RunListing:
    """The newest runs as a frame (RUN_COLUMNS), and whether older ones were left out."""

    frame: pl.DataFrame
    more: bool


@dataclass(frozen=True)
class RunProgress:
    """One run's progress: its steps in graph order, claim counts and the newest claims."""

    run: RunRecord
    steps: list[StepRecord]
    counts_by_step: dict[str, int]
    counts_by_type: dict[str, int]
    claims_total: int
    recent_claims: list[Claim]
    dossier_ready: bool
    lead_score: int | None
    skipped_sources: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()

    @property
    def finished(self) -> bool:
        """True once the run has ended (succeeded, partial, failed or cancelled)."""
        return self.run.status in FINISHED_RUN_STATUSES

    @property
    def live(self) -> bool:
        """True while the run is queued or running (its view should poll)."""
        return self.run.status in LIVE_RUN_STATUSES

    @property
    def steps_done(self) -> int:
        """How many steps have succeeded."""
        return sum(1 for step in self.steps if step.status == "succeeded")


def _template_step_ids(template: str) -> list[str]:
    try:
        return [spec.step_id for spec in template_steps(template)]
    except ValueError:
        return []


def _ordered_steps(run: RunRecord, stored: Sequence[StepRecord]) -> list[StepRecord]:
    """The template's steps in graph order (missing ones pending), then any others stored."""
    by_id = {step.step_id: step for step in stored}
    graph_ids = _template_step_ids(run.template)
    ordered = [
        by_id.get(step_id) or StepRecord(run_id=run.run_id, step_id=step_id, status="pending")
        for step_id in graph_ids
    ]
    return ordered + [step for step in stored if step.step_id not in graph_ids]


def _step_time_s(steps: Sequence[StepRecord], now: datetime) -> float | None:
    """The steps' durations added up (a running step up to now); None before any step ran."""
    total_ms, timed = 0.0, False
    for step in steps:
        if step.duration_ms is not None:
            total_ms, timed = total_ms + step.duration_ms, True
        elif step.status == "running" and step.started_at is not None:
            elapsed = (now - step.started_at).total_seconds() * 1000
            total_ms, timed = total_ms + max(0.0, elapsed), True
    return round(total_ms / 1000, 1) if timed else None


def _lead_score(
    store: Store, org_id: str, run: RunRecord, steps: Sequence[StepRecord]
) -> int | None:
    """The assembled dossier's lead score, from the assemble step's output (no extra query)."""
    assembled = next(
        (step for step in steps if step.step_id == "assemble" and step.status == "succeeded"),
        None,
    )
    if assembled is None:
        return None
    score = (assembled.output or {}).get("lead_score")
    if isinstance(score, int) and not isinstance(score, bool):
        return score
    dossier = store.get_dossier(org_id, run.dossier_id)  # an output without the score
    return None if dossier is None else dossier.lead_score


def runs_listing(
    store: Store, org_id: str, limit: int = RUN_LIST_LIMIT, *, now: datetime | None = None
) -> RunListing:
    """The `limit` newest runs as a frame, newest first, and whether there are more."""
    now = now or datetime.now(UTC)
    runs = store.list_runs(org_id, limit=limit + 1)
    usage = store.llm_usage(org_id, [run.run_id for run in runs[:limit]])
    rows: list[dict[str, object]] = []
    for run in runs[:limit]:
        steps = store.list_steps(org_id, run.run_id)
        total = len(_template_step_ids(run.template)) or len(steps)
        done = sum(1 for step in steps if step.status == "succeeded")
        rows.append(
            {
                "run_id": run.run_id,
                "status": run.status,
                "client": run.client_name,
                "target": run.target,
                "template": run.template,
                "backend": run.backend,
                "created": run.created_at,
                "step time (s)": _step_time_s(steps, now),
                "steps": f"{done}/{total}",
                "claims": store.count_claims(org_id, run.run_id),
                "lead score": _lead_score(store, org_id, run, steps),
                "model calls": usage[run.run_id].calls,
                "cost (USD)": usage[run.run_id].cost_usd,
            }
        )
    frame = pl.DataFrame(rows, schema=RUN_COLUMNS)
    return RunListing(frame=frame, more=len(runs) > limit)


def run_rows(store: Store, org_id: str, limit: int = RUN_LIST_LIMIT) -> pl.DataFrame:
    """The `limit` newest runs of the org as a frame (RUN_COLUMNS), newest first."""
    return runs_listing(store, org_id, limit).frame


@dataclass(frozen=True)
class RunChoices:
    """The newest runs for the run picker: run_id -> label (newest first), and the live ones."""

    labels: dict[str, str]
    live: frozenset[str]

    def polling(self, active_run_ids: Collection[str]) -> bool:
        """Whether a listed run is queued or running and executing (in `active_run_ids`)."""
        return any(run_id in self.live for run_id in active_run_ids)


def run_choices(store: Store, org_id: str, limit: int = RUN_LIST_LIMIT) -> RunChoices:
    """The `limit` newest runs labelled "target · client · created · run_id" (one query)."""
    runs = store.list_runs(org_id, limit=limit)
    return RunChoices(
        labels={
            run.run_id: f"{run.target} · {run.client_name} · {run.created_at:%Y-%m-%d %H:%M} · "
            f"{run.run_id}"
            for run in runs
        },
        live=frozenset(run.run_id for run in runs if run.status in LIVE_RUN_STATUSES),
    )


def list_needs_polling(listing: RunListing, active_run_ids: Collection[str]) -> bool:
    """Whether the list shows a queued or running run that is executing (in `active_run_ids`).

    A run left queued or running by a process that stopped is not executing: it does not
    keep the list polling.
    """
    live = listing.frame.filter(pl.col("status").is_in(sorted(LIVE_RUN_STATUSES)))
    return any(run_id in active_run_ids for run_id in live["run_id"].to_list())


def run_progress(
    store: Store, org_id: str, run_id: str, feed_limit: int = FEED_LIMIT
) -> RunProgress:
    """One run's steps in graph order, claim counts by step and type, and its newest claims."""
    run = store.get_run(org_id, run_id)
    if run is None:
        raise InvalidInput(f"run {run_id!r} does not exist")
    stored_steps = store.list_steps(org_id, run_id)
    lead_score = _lead_score(store, org_id, run, stored_steps)
    return RunProgress(
        run=run,
        steps=_ordered_steps(run, stored_steps),
        counts_by_step=store.count_claims_by_step(org_id, run_id),
        counts_by_type=dict(sorted(store.count_claims_by_type(org_id, run_id).items())),
        claims_total=store.count_claims(org_id, run_id),
        recent_claims=store.recent_claims(org_id, run_id, feed_limit),
        dossier_ready=lead_score is not None,
        lead_score=lead_score,
        skipped_sources=_skipped_sources(store, org_id, run_id),
        warnings=_step_warnings(store, org_id, run_id),
    )


def _skipped_sources(store: Store, org_id: str, run_id: str) -> tuple[str, ...]:
    """What the launch skipped or cut in the sources folder, one line per entry."""
    events = store.events_of_kind(org_id, run_id, "sources_skipped", limit=1)
    notices = events[0].detail.get("notices", []) if events else []
    return tuple(str(notice) for notice in notices)


def _step_warnings(store: Store, org_id: str, run_id: str) -> tuple[str, ...]:
    """Warnings of the run's steps (a briefing that could not be stored), one line each."""
    return tuple(
        f"{event.step_id}: {event.detail.get('message', '')}"
        for event in store.events_of_kind(org_id, run_id, "step_warning")
    )


def can_cancel(run: RunRecord) -> bool:
    """Whether the run can still be cancelled (queued, running or paused)."""
    return run.status in CANCELLABLE_STATUSES


def can_resume(run: RunRecord, *, executing: bool) -> bool:
    """Whether Resume applies: a stopped run, or one left queued/running by a dead process."""
    if executing:
        return False
    return run.status in RESUMABLE_STATUSES or run.status in LIVE_RUN_STATUSES


@dataclass(frozen=True)
class LaunchForm:
    """What the analyst filled in to launch a run; the sources come from one of three kinds."""

    client_name: str
    target: str
    source_kind: SourceKind = "demo"
    scenario: str | None = None
    folder: str | None = None
    uploads: Sequence[Upload] = ()
    template: str = "dossier"
    backend: str = "offline"
    model: str | None = None
    pause_after_insight: bool = False


def _request(form: LaunchForm, sources_dir: str | None) -> RunRequest:
    fields = {
        "client_name": form.client_name,
        "target": form.target,
        "template": form.template,
        "backend": form.backend,
        "model": form.model,
        "sources_dir": sources_dir,
        "pause_after_insight": form.pause_after_insight,
    }
    try:
        return RunRequest.model_validate(fields)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(part) for part in error['loc']) or 'request'}: {error['msg']}"
            for error in exc.errors()
        )
        raise InvalidInput(f"run request: {problems}") from None


def _sources_dir(form: LaunchForm) -> str:
    if form.source_kind == "demo":
        if not form.scenario:
            raise InvalidInput("choose a demo scenario")
        return str(demo_scenario(form.scenario).path)
    if form.source_kind == "folder":
        folder = (form.folder or "").strip()
        if not folder:
            raise InvalidInput("enter the folder of source documents on this machine")
        return str(Path(folder).expanduser())
    raise InvalidInput(f"unknown kind of sources {form.source_kind!r}")


def launch_run(worker: RunWorker, form: LaunchForm) -> RunRecord:
    """Check the form, save any uploads as the run's sources, and start the run in the worker.

    InvalidInput names what is wrong; then no run is stored and no uploaded file is kept.
    """
    request = _request(form, None)
    try:
        template_steps(request.template)
    except ValueError as exc:
        raise InvalidInput(str(exc)) from None
    if form.source_kind != "upload":
        return worker.launch(request.model_copy(update={"sources_dir": _sources_dir(form)}))
    folder = save_uploads(worker.store.path, form.uploads)
    try:
        return worker.launch(request.model_copy(update={"sources_dir": str(folder)}))
    except BaseException:
        discard_uploads(worker.store.path, folder)
        raise
