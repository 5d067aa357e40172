"""Rebuilds as the pages see them: start one in the worker, then read what it rewrote.

A rebuild (engine.pipeline.rebuild) reruns the merge if reviews changed, then the plan, the
section writers (only sections whose fingerprint changed) and assembly. The Review and Plan
pages start it with `start_rebuild` and read `rebuild_report` from the store while and after it
runs, so the report survives a page reload.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from engine.models import InvalidInput
from engine.pipeline.rebuild import rebuildable_run
from engine.store import Store
from engine.workspace.worker import RunWorker


@dataclass(frozen=True)
class RebuildReport:
    """The latest section writing of a run: what was rewritten, kept or failed."""

    run_id: str
    running: bool
    rewritten: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    dossier_version: int | None = None
    error: str | None = None


def start_rebuild(worker: RunWorker, run_id: str) -> None:
    """Start rebuilding the run's dossier in the background; InvalidInput says why it cannot."""
    rebuildable_run(worker.store, worker.org_id, run_id)
    if worker.is_active(run_id):
        raise InvalidInput(f"run {run_id!r} is still executing; rebuild when it has finished")
    worker.rebuild(run_id)


def rebuild_report(store: Store, org_id: str, run_id: str, *, running: bool) -> RebuildReport:
    """What the run's latest section writing did (`running`: a rebuild is still in progress)."""
    run = store.get_run(org_id, run_id)
    if run is None:
        raise InvalidInput(f"run {run_id!r} does not exist")
    step = store.get_step(org_id, run_id, "write_sections")
    output = (step.output if step else None) or {}
    dossier = store.get_dossier(org_id, run.dossier_id)
    return RebuildReport(
        run_id=run_id,
        running=running,
        rewritten=list(output.get("rewritten", [])),
        unchanged=list(output.get("unchanged", [])),
        failed=dict(output.get("failed", {})),
        dossier_version=dossier.version if dossier else None,
        error=run.error,
    )
