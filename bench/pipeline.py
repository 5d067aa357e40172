"""Benchmark of the pipeline runner: concurrency gain and overhead, and an offline demo run.

A fake backend answers like the offline backend but sleeps a fixed latency before every call
(as a model would). For one demo scenario it measures:
- the wall time of a run at the given concurrency, against two lower bounds: the longest chain
  of the steps' measured durations through the graph (`wall_over_critical_path`, aim <= 1.3:
  what scheduling and commits add), and the latency alone along the graph's longest chain of
  sequential calls (`latency_bound_s`: the best any runner could do with free computation);
- the wall time of the same run with concurrency 1 (every step and call one after another), and
  the speedup of the concurrent run over it;
- the wall time of a plain offline run of each demo scenario (no latency), median of repeats.
Prints one JSON line. Run from the repo root:

    .venv/bin/python bench/pipeline.py [--latency 0.1] [--concurrency 16] [--repeats 3]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from engine.demo import DemoScenario, demo_scenarios, seed_demo  # noqa: E402
from engine.models import Claim, SourceDocument  # noqa: E402
from engine.models.dossier import ContactCopy, SectionDraft, StrategicInsight  # noqa: E402
from engine.models.run import RunRequest  # noqa: E402
from engine.pipeline.graph import DOSSIER_GRAPH, critical_path_ms  # noqa: E402
from engine.pipeline.launch import create_run  # noqa: E402
from engine.pipeline.runner import Runner  # noqa: E402
from engine.research.backend import ResearchRequest, Usage  # noqa: E402
from engine.research.offline import OfflineBackend  # noqa: E402
from engine.store import Store  # noqa: E402
from engine.writing.inputs import ContactInput, InsightInput, WriterInput  # noqa: E402

ORG = "bench"
# Calls a step makes one after another (research then extract), and the steps whose calls fan
# out (one per contact, one per section).
SEQUENTIAL_CALLS = {
    "search_signal": 2,
    "entity_research": 2,
    "contact_discovery": 2,
    "enrich_lead": 2,
    "enrich_opportunity": 2,
    "client_specific": 2,
    "insight": 1,
}
FAN_OUT_METHOD = {"enrich_contacts": "enrich_contact", "write_sections": "write_section"}


class LatencyBackend:
    """The offline backend, sleeping a fixed latency before each call; counts calls."""

    name = "offline"
    model: str | None = None

    def __init__(self, latency_s: float) -> None:
        self.latency_s = latency_s
        self.inner = OfflineBackend()
        self.calls: dict[str, int] = {}

    async def _wait(self, method: str) -> None:
        self.calls[method] = self.calls.get(method, 0) + 1
        await asyncio.sleep(self.latency_s)

    async def research(self, request: ResearchRequest) -> list[SourceDocument]:
        await self._wait("research")
        return await self.inner.research(request)

    async def extract(
        self,
        documents: Sequence[SourceDocument],
        *,
        target: str,
        prefix: str,
        context: Sequence[SourceDocument] = (),
        request: ResearchRequest | None = None,
    ) -> list[Claim]:
        await self._wait("extract")
        return await self.inner.extract(documents, target=target, prefix=prefix, context=context)

    async def insight(self, inp: InsightInput) -> StrategicInsight:
        await self._wait("insight")
        return await self.inner.insight(inp)

    async def enrich_contact(self, inp: ContactInput) -> ContactCopy:
        await self._wait("enrich_contact")
        return await self.inner.enrich_contact(inp)

    async def write_section(self, inp: WriterInput) -> SectionDraft:
        await self._wait("write_section")
        return await self.inner.write_section(inp)

    def usage(self) -> Usage:
        return Usage()


def _request(scenario: DemoScenario) -> RunRequest:
    return RunRequest(
        client_name=scenario.client_name, target=scenario.target, sources_dir=str(scenario.path)
    )


def timed_run(
    store: Store, scenario: DemoScenario, backend: Any, concurrency: int
) -> tuple[float, dict[str, float]]:
    """Wall seconds of one run, and each step's duration in ms."""
    run = create_run(store, ORG, _request(scenario))
    factory = None if backend is None else (lambda record: backend)
    runner = Runner(store, ORG, backend_factory=factory, concurrency=concurrency)
    started = time.perf_counter()
    finished = asyncio.run(runner.execute(run.run_id))
    wall = time.perf_counter() - started
    if finished.status != "succeeded":
        raise SystemExit(f"bench run {run.run_id} ended {finished.status}: {finished.error}")
    durations = {s.step_id: float(s.duration_ms or 0) for s in store.list_steps(ORG, run.run_id)}
    return wall, durations


def latency_bound_s(latency_s: float, calls: dict[str, int], concurrency: int) -> float:
    """Latency alone along the longest chain of sequential calls (free computation)."""
    rounds = dict.fromkeys((s.step_id for s in DOSSIER_GRAPH), 0.0)
    rounds.update({step: float(n) for step, n in SEQUENTIAL_CALLS.items()})
    for step, method in FAN_OUT_METHOD.items():
        rounds[step] = float(math.ceil(calls.get(method, 0) / concurrency))
    return critical_path_ms(DOSSIER_GRAPH, rounds) * latency_s


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--latency", type=float, default=0.1, help="seconds per backend call")
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    scenarios = demo_scenarios()
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "bench.duckdb") as store:
        seed_demo(store, ORG)
        scenario = scenarios[0]
        concurrent = LatencyBackend(args.latency)
        wall, durations = timed_run(store, scenario, concurrent, args.concurrency)
        critical_s = critical_path_ms(DOSSIER_GRAPH, durations) / 1000
        serial_wall, _ = timed_run(store, scenario, LatencyBackend(args.latency), 1)
        offline: dict[str, float] = {}
        for item in scenarios:
            walls = [timed_run(store, item, None, 4)[0] for _ in range(args.repeats)]
            offline[item.slug] = round(statistics.median(walls), 3)
    bound = latency_bound_s(args.latency, concurrent.calls, args.concurrency)
    figures = {
        "bench": "pipeline",
        "scenario": scenario.slug,
        "latency_s": args.latency,
        "concurrency": args.concurrency,
        "backend_calls": sum(concurrent.calls.values()),
        "wall_s": round(wall, 3),
        "critical_path_s": round(critical_s, 3),
        "wall_over_critical_path": round(wall / critical_s, 3),
        "latency_bound_s": round(bound, 3),
        "wall_over_latency_bound": round(wall / bound, 3),
        "serial_wall_s": round(serial_wall, 3),
        "speedup_over_serial": round(serial_wall / wall, 2),
        "offline_demo_run_s": offline,
    }
    sys.stdout.write(json.dumps(figures) + "\n")


if __name__ == "__main__":
    main()
