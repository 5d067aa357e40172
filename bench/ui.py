"""Benchmark of the workbench pages: each page's render time on a large workspace.

Builds (or reuses, with --db) a workspace of 50 finished offline runs of the two demo scenarios
with 10,000 claims in all: each run's own claims plus generated ones (bench/claimgen.py) added to
its search step, then merged, planned, written and assembled again so every page sees them.
Each page is rendered with Streamlit's AppTest (the server-side script run a browser waits
for): the first render in a fresh process (`cold_s`, imports included) and the median of
`--repeats` later renders (`warm_s`). Aim: under 1.5 s a page. Prints one JSON line:

    .venv/bin/python bench/ui.py [--db FILE] [--runs 50] [--claims 10000] [--repeats 3]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.claimgen import ClaimGenerator  # noqa: E402
from engine.demo import demo_scenarios, seed_demo  # noqa: E402
from engine.models import Claim  # noqa: E402
from engine.models.run import RunRequest  # noqa: E402
from engine.pipeline.launch import create_run  # noqa: E402
from engine.pipeline.runner import Runner  # noqa: E402
from engine.store import Store  # noqa: E402

ORG = "bench"
PAGES = (
    "pages/runs.py",
    "pages/claims.py",
    "pages/review.py",
    "pages/plan.py",
    "pages/dossiers.py",
    "pages/clients.py",
    "pages/settings.py",
)
REDO = ("insight", "dossier_plan", "write_sections", "assemble")
BATCH = 10


async def _build(store: Store, runs: int, claims: int) -> None:
    seed_demo(store, ORG)
    scenarios = demo_scenarios()
    runner = Runner(store, ORG)
    run_ids: list[str] = []
    for index in range(runs):
        scenario = scenarios[index % len(scenarios)]
        request = RunRequest(
            client_name=scenario.client_name,
            target=scenario.target,
            sources_dir=str(scenario.path),
        )
        run_ids.append(create_run(store, ORG, request).run_id)
    for start in range(0, runs, BATCH):
        await asyncio.gather(*(runner.execute(r) for r in run_ids[start : start + BATCH]))
    own = sum(store.count_claims(ORG, run_id) for run_id in run_ids)
    extra = max(0, claims - own)
    generator = ClaimGenerator(seed=7)
    for number, run_id in enumerate(run_ids):
        share = extra // runs + (1 if number < extra % runs else 0)
        generated = [
            Claim.model_validate(
                {**generator.claim(number * 10_000 + i).model_dump(), "claim_id": f"gen_{i:05d}"}
            )
            for i in range(share)
        ]
        store.save_claims(ORG, run_id, generated, step_id="search_signal")
    for start in range(0, runs, BATCH):
        batch = run_ids[start : start + BATCH]
        await asyncio.gather(*(runner.execute(r, only=REDO, reset=REDO) for r in batch))


def build_workspace(path: Path, runs: int, claims: int) -> dict[str, float]:
    """Create the workspace at `path` (if it has no runs yet); return its size and build time."""
    started = time.perf_counter()
    with Store(path) as store:
        if not store.list_runs(ORG, limit=1):
            asyncio.run(_build(store, runs, claims))
        stored_runs = store.list_runs(ORG)
        total = sum(store.count_claims(ORG, run.run_id) for run in stored_runs)
    return {
        "runs": len(stored_runs),
        "claims": total,
        "build_s": round(time.perf_counter() - started, 2),
    }


def render_times(repeats: int) -> dict[str, dict[str, float]]:
    """Page -> cold and warm render seconds (AppTest of app.py switched to the page)."""
    from streamlit.testing.v1 import AppTest

    times: dict[str, dict[str, float]] = {}
    for page in PAGES:
        runs: list[float] = []
        for _ in range(repeats + 1):
            app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
            app.switch_page(page)
            started = time.perf_counter()
            app.run()
            runs.append(time.perf_counter() - started)
            if app.exception:
                raise SystemExit(f"{page} raised: {app.exception[0].message}")
        name = Path(page).stem
        times[name] = {"cold_s": round(runs[0], 3), "warm_s": round(statistics.median(runs[1:]), 3)}
    return times


def main() -> None:
    """Build or reuse the workspace, render every page, print one JSON line."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--claims", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        path = args.db or Path(scratch) / "ui-bench.duckdb"
        workspace = build_workspace(path, args.runs, args.claims)
        os.environ.update({"WORKBENCH_DB": str(path), "WORKBENCH_ORG": ORG})
        pages = render_times(args.repeats)
    slowest = max(pages.values(), key=lambda t: t["warm_s"])["warm_s"]
    print(
        json.dumps(
            {
                "bench": "ui",
                **workspace,
                "pages": pages,
                "slowest_warm_s": slowest,
                "aim_s": 1.5,
                "cpus": os.cpu_count(),
            }
        )
    )


if __name__ == "__main__":
    main()
