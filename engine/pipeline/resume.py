"""What resuming a run executes: the steps not yet succeeded, and the ones their work invalidates.

A step that runs again (it failed, was cancelled or never ran) may change what the steps after
it read, so those run again too: a failed enrichment retried on resume brings new claims, and
the merge, plan, sections and dossier must take them in. A run paused after `insight` for review
merges again when the reviews changed meanwhile. Succeeded steps that stored claims are never
rerun (their claims are committed), nor is anything when the dossier is released (it is frozen).
Sections a writer failed to write are written on resume (the others are kept by fingerprint).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from engine.models.run import RunRecord, StepRecord
from engine.pipeline.graph import PAUSE_AFTER, StepSpec, downstream
from engine.steps.insight import reviews_fingerprint
from engine.store import Store

WRITE_STEP = "write_sections"


def _left_work(step: StepRecord) -> bool:
    """Whether a succeeded step reports items it could not do (sections not written)."""
    return bool((step.output or {}).get("failed"))


def _reviews_changed(store: Store, org_id: str, run_id: str, insight: StepRecord) -> bool:
    used = (insight.output or {}).get("reviews_fingerprint")
    return bool(used != reviews_fingerprint(store.list_reviews(org_id, run_id)))


def steps_to_resume(
    store: Store,
    org_id: str,
    run: RunRecord,
    specs: Sequence[StepSpec],
    stored: Mapping[str, StepRecord],
) -> tuple[list[StepSpec], list[str]]:
    """The steps a resume runs, in graph order, and the succeeded ones to reset first."""

    def succeeded(step_id: str) -> bool:
        return getattr(stored.get(step_id), "status", "") == "succeeded"

    unfinished = [spec.step_id for spec in specs if not succeeded(spec.step_id)]
    incomplete = [s for s in (WRITE_STEP,) if succeeded(s) and _left_work(stored[s])]
    if not unfinished and not incomplete:
        return [], []
    dossier = store.get_dossier(org_id, run.dossier_id)
    if dossier is not None and dossier.status == "released":
        return [spec for spec in specs if spec.step_id in unfinished], []
    sources = unfinished + incomplete
    insight = stored.get(PAUSE_AFTER)
    after_insight = set(downstream(specs, [PAUSE_AFTER])) - {PAUSE_AFTER}
    if (
        insight is not None
        and succeeded(PAUSE_AFTER)
        and after_insight & set(unfinished)
        and _reviews_changed(store, org_id, run.run_id, insight)
    ):
        sources.append(PAUSE_AFTER)
    stale = [
        step_id
        for step_id in downstream(specs, sources)
        if succeeded(step_id) and stored[step_id].claims_added == 0
    ]
    rerun = set(unfinished) | set(stale)
    return [spec for spec in specs if spec.step_id in rerun], stale
