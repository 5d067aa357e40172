"""The demo workspace a new user opens: demo clients seeded and one finished demo run.

`make run` calls `workbench demo --with-run` before starting the app, so the first page already
shows a run, its claims, a merge to review and an assembled dossier. Idempotent: a workspace
that has any run gets none added.
"""

from __future__ import annotations

import asyncio

from engine.demo import DemoSeed, demo_scenarios, seed_demo
from engine.models.run import RunRecord, RunRequest
from engine.pipeline.launch import create_run
from engine.pipeline.runner import Runner
from engine.store import Store


def seed_demo_workspace(store: Store, org_id: str) -> tuple[DemoSeed, RunRecord | None]:
    """Seed the demo clients and, if the workspace has no run yet, run the first demo scenario."""
    seeded = seed_demo(store, org_id)
    if store.list_runs(org_id, limit=1):
        return seeded, None
    scenario = demo_scenarios()[0]
    request = RunRequest(
        client_name=scenario.client_name, target=scenario.target, sources_dir=str(scenario.path)
    )
    run = create_run(store, org_id, request)
    return seeded, asyncio.run(Runner(store, org_id).execute(run.run_id))
