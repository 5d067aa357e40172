"""Rebuild: after a review or a routing edit, rewrite only the sections whose inputs changed.

If the reviews changed since the last merge, `insight` merges again (and the default plan
follows it; an analyst's plan is kept). Then `write_sections` compares each section's
fingerprint with the stored one and rewrites only the changed sections, and `assemble` stores
the dossier as a new version. A released dossier is frozen and is not rebuilt.
`save_analyst_plan` stores an edited routing (every claim it names must exist) for the rebuild.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from engine.models import DossierPlan, InvalidInput
from engine.models.run import RunRecord
from engine.pipeline.exclusive import is_executing
from engine.pipeline.runner import Runner
from engine.planning.edit import check_plan
from engine.steps.insight import reviews_fingerprint
from engine.store import Store

REBUILDABLE = frozenset({"succeeded", "partial"})
WRITE_STEPS = ("dossier_plan", "write_sections", "assemble")
ANALYST_AUTHOR = "analyst"


@dataclass(frozen=True)
class RebuildResult:
    """What a rebuild did: which sections it rewrote, and the dossier version it made."""

    run_id: str
    dossier_id: str
    status: str
    merged_again: bool
    rewritten: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    version: int | None = None


def rebuildable_run(store: Store, org_id: str, run_id: str) -> RunRecord:
    """The run, if it can be rebuilt: it exists, has finished and its dossier is not released."""
    run = store.get_run(org_id, run_id)
    if run is None:
        raise InvalidInput(f"run {run_id!r} does not exist")
    if run.status in ("queued", "running") and not is_executing(store, org_id, run_id):
        # The file is held by one process at a time: a run this process is not executing was
        # left unfinished by a process that stopped (killed, closed), and resume finishes it.
        raise InvalidInput(
            f"run {run_id!r} is {run.status} but nothing is executing it (its process "
            f"stopped); only a finished run can be rebuilt: finish it with "
            f"'workbench resume {run_id}'"
        )
    if run.status == "paused":
        raise InvalidInput(
            f"run {run_id!r} is paused for review; only a finished run can be rebuilt: "
            f"resume it first ('workbench resume {run_id}')"
        )
    if run.status not in REBUILDABLE:
        raise InvalidInput(f"run {run_id!r} is {run.status}; only a finished run can be rebuilt")
    dossier = store.get_dossier(org_id, run.dossier_id)
    if dossier is not None and dossier.status == "released":
        raise InvalidInput(f"dossier {run.dossier_id!r} is released: released dossiers are frozen")
    return run


async def rebuild(runner: Runner, run_id: str) -> RebuildResult:
    """Rebuild the run's dossier, rewriting only the sections whose fingerprint changed."""
    store, org_id = runner.store, runner.org_id
    run = rebuildable_run(store, org_id, run_id)
    insight_step = store.get_step(org_id, run_id, "insight")
    used = (insight_step.output or {}).get("reviews_fingerprint") if insight_step else None
    merged_again = used != reviews_fingerprint(store.list_reviews(org_id, run_id))
    redo = (("insight",) if merged_again else ()) + WRITE_STEPS
    finished = await runner.execute(run_id, only=redo, reset=redo)
    written = store.get_step(org_id, run_id, "write_sections")
    output = (written.output if written else None) or {}
    rebuilt = store.get_dossier(org_id, run.dossier_id)
    return RebuildResult(
        run_id=run_id,
        dossier_id=run.dossier_id,
        status=finished.status,
        merged_again=merged_again,
        rewritten=list(output.get("rewritten", [])),
        unchanged=list(output.get("unchanged", [])),
        failed=dict(output.get("failed", {})),
        version=rebuilt.version if rebuilt else None,
    )


def save_analyst_plan(store: Store, org_id: str, run_id: str, plan: DossierPlan) -> int:
    """Store the analyst's routing as the run's new plan version (checked against its claims)."""
    if store.get_run(org_id, run_id) is None:
        raise InvalidInput(f"run {run_id!r} does not exist")
    check_plan(plan, {claim.claim_id for claim in store.list_claims(org_id, run_id)})
    return store.save_plan(org_id, run_id, plan, author=ANALYST_AUTHOR)
