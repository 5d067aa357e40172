"""Crash and resume: a run killed by SIGKILL resumes to the same dossier, with no duplicates."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

from engine.briefings.queries import query_icp_job_titles
from engine.demo import demo_scenarios, seed_demo
from engine.models.dossier import DossierRecord
from engine.store import Store
from tests.pipeline.conftest import ORG, execute, start

ROOT = Path(__file__).resolve().parents[2]
KILL_AFTER = "contact_discovery"


def comparable(record: DossierRecord) -> dict[str, Any]:
    """The dossier without what differs between two runs by nature: ids and timestamps."""
    data = record.model_dump(mode="json")
    for key in ("dossier_id", "run_id", "created_at", "updated_at", "released_at"):
        data.pop(key)
    assembled = data["assembled_dossier"]
    for key in ("dossier_id", "run_id"):
        assembled.pop(key, None)
    for holder in (data["insight"], assembled["insight"]):
        holder["merge"].pop("reconciliation_timestamp")
    return data


def claim_rows(store: Store, run_id: str) -> list[dict[str, Any]]:
    return [c.model_dump(mode="json") for c in store.list_claims(ORG, run_id)]


def test_sigkill_mid_run_then_resume_equals_an_uninterrupted_run(tmp_path: Path) -> None:
    db = tmp_path / "crash.duckdb"
    scenario = demo_scenarios()[0]
    with Store(db) as store:
        seed_demo(store, ORG)
        reference = start(store, scenario)
        execute(store, reference.run_id)
        crashed = start(store, scenario)

    child = subprocess.Popen(
        [sys.executable, "-m", "tests.pipeline.crash_child", str(db), crashed.run_id, ORG],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert child.stdout is not None
    finished_before_kill = []
    for line in child.stdout:
        finished_before_kill.append(line.split()[1])
        if line.strip() == f"finished {KILL_AFTER}":
            child.send_signal(signal.SIGKILL)
            break
    child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    assert KILL_AFTER in finished_before_kill

    with Store(db) as store:
        interrupted = store.get_run(ORG, crashed.run_id)
        assert interrupted is not None and interrupted.status == "running"
        assert store.get_dossier(ORG, crashed.dossier_id) is None
        done_steps = {
            s.step_id for s in store.list_steps(ORG, crashed.run_id) if s.status == "succeeded"
        }
        assert {"search_signal", "entity_research", "contact_discovery"} <= done_steps
        assert "assemble" not in done_steps

    resumed = subprocess.run(
        [sys.executable, "-m", "engine", "--db", str(db), "--org", ORG, "resume", crashed.run_id],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert resumed.returncode == 0, resumed.stderr
    assert "succeeded" in resumed.stdout

    with Store(db) as store:
        assert claim_rows(store, crashed.run_id) == claim_rows(store, reference.run_id)
        steps = store.list_steps(ORG, crashed.run_id)
        assert sum(s.claims_added for s in steps) == store.count_claims(ORG, crashed.run_id)
        after = store.get_dossier(ORG, crashed.dossier_id)
        before = store.get_dossier(ORG, reference.dossier_id)
        assert after is not None and before is not None
        assert after.version == 1
        assert comparable(after) == comparable(before)
        # The client's ICP job titles: one row for the two runs, whatever the kill interrupted.
        [icp] = query_icp_job_titles(store, org_id=ORG)
        assert icp.source_run_id in (reference.run_id, crashed.run_id)
