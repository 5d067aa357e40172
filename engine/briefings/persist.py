"""Auto-persist (seed 001 deliverable 5): a briefing step's result goes to its table at once.

When a step with a briefing operation ends with a non-empty result, the runner calls
`persist_step_output` right after committing the step and before its dependants start. The
step's output carries what is stored: `operation_id` (DESIGN §10), `processor`, and the
briefing. The row's provenance is the run and the step. An upsert on the same key (a resume, a
rebuild, a second run) updates the one row. What cannot be stored is said, not raised:
- an empty result (no job titles) stores nothing and says so;
- ICP job titles of a client without a web domain (their key) are not stored, and the reason
  names the client.
`store_briefing` turns a Store failure (or a result without a key) into a `step_warning`
event: the step and the run stay succeeded. A resume stores the briefings of the steps that
had already succeeded again (a process killed between a step's commit and its persist loses
nothing; the upsert keeps one row).
"""

from __future__ import annotations

import contextlib
from collections.abc import Collection, Iterable
from typing import Any

from engine.briefings.service import upsert_icp_job_titles
from engine.models.briefings import IcpJobTitlesOutput
from engine.models.run import StepRecord
from engine.store import Store

ICP_OPERATION = "company.derive.icp_job_titles"
COMPANY_OPERATION = "company.derive.intel_briefing"
PERSON_OPERATION = "person.derive.intel_briefing"


def persist_step_output(
    store: Store, org_id: str, *, run_id: str, step_id: str, output: dict[str, Any]
) -> str | None:
    """Upsert the briefing a step's output holds; a reason when nothing was stored."""
    operation = output.get("operation_id")
    if operation == ICP_OPERATION:
        return _persist_icp(store, org_id, run_id, step_id, output)
    return f"no briefing operation in the output of {step_id!r}"


BRIEFING_OPERATIONS = frozenset({ICP_OPERATION, COMPANY_OPERATION, PERSON_OPERATION})


def is_briefing_output(output: dict[str, Any] | None) -> bool:
    """Whether a step's output holds a briefing to store."""
    return bool(output) and (output or {}).get("operation_id") in BRIEFING_OPERATIONS


def store_briefing(
    store: Store, org_id: str, *, run_id: str, step_id: str, output: dict[str, Any]
) -> None:
    """Persist a briefing step's output; what could not be stored becomes a warning event.

    Never raises: a Store failure, or a result that has no key (no client domain), is a
    `step_warning` event on the run (shown in the run view), and the step stays succeeded.
    """
    try:
        reason = persist_step_output(store, org_id, run_id=run_id, step_id=step_id, output=output)
    except Exception as exc:
        reason = f"the briefing could not be stored: {' '.join(str(exc).split())[:500]}"
    if reason is None or reason.startswith("empty result"):
        return
    with contextlib.suppress(Exception):  # a warning that cannot be written is not fatal
        store.add_event(org_id, run_id, "step_warning", step_id=step_id, detail={"message": reason})


def restore_briefings(
    store: Store,
    org_id: str,
    run_id: str,
    steps: Iterable[StepRecord],
    rerun: Collection[str],
) -> None:
    """On a resume: store again the briefings of the steps that succeeded and are not rerun."""
    for step in steps:
        if step.step_id not in rerun and step.status == "succeeded":
            if is_briefing_output(step.output):
                store_briefing(
                    store, org_id, run_id=run_id, step_id=step.step_id, output=step.output or {}
                )


def _persist_icp(
    store: Store, org_id: str, run_id: str, step_id: str, output: dict[str, Any]
) -> str | None:
    icp = IcpJobTitlesOutput.model_validate(output.get("icp") or {})
    if not icp.job_titles:
        return "empty result: no job titles to store"
    if not icp.company_domain:
        return (
            f"client {icp.company_name!r} has no web domain, the key of its ICP job titles: "
            "not stored (add it on the Clients page or with `client add --domain`)"
        )
    upsert_icp_job_titles(
        store,
        org_id=org_id,
        company_domain=icp.company_domain,
        company_name=icp.company_name,
        company_description=icp.company_description,
        raw_output=icp.model_dump(mode="json"),
        processor=output.get("processor"),
        source_run_id=run_id,
        source_step_id=step_id,
    )
    return None
