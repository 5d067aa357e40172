"""Benchmark of the merge (step 07B): time merge_claims on 2,000, 20,000 and 200,000 claims.

Claims come from bench/claimgen.py (seeded; generation is not timed). Prints one JSON line:
seconds per size (median of the repeats, each started with the merge's caches empty), growth
per 10x claims, the seconds of contact resolution alone (the same way), and what the merge found
at the largest size. Run from the repo root:

    .venv/bin/python bench/merge.py [--sizes 2000,20000,200000] [--seed 7]
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.claimgen import ClaimGenerator  # noqa: E402
from engine.merge import contacts, merge_claims  # noqa: E402

NOW = datetime(2025, 11, 3, tzinfo=UTC)
TARGET = "Borealis Nickel"
T = TypeVar("T")
REPEATS = {2000: 9, 20000: 3}


def clear_merge_caches() -> None:
    """Empty every lru_cache of engine.merge, so that each timed merge starts cold."""
    for name, module in list(sys.modules.items()):
        if name.startswith("engine.merge"):
            for value in vars(module).values():
                if callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()


def cold_median(work: Callable[[], T], repeats: int) -> tuple[float, T]:
    """Median wall time of `repeats` cold runs of `work`, and the last result."""
    timings: list[float] = []
    results: list[T] = []
    for _ in range(repeats):
        clear_merge_caches()
        gc.collect()
        start = time.perf_counter()
        results.append(work())
        timings.append(time.perf_counter() - start)
    return statistics.median(timings), results[-1]


def main() -> None:
    """Generate, time and print one JSON line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="2000,20000,200000")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    seconds: dict[str, float] = {}
    contact_seconds: dict[str, float] = {}
    found: dict[str, int] = {}
    for size in sizes:
        claims = ClaimGenerator(seed=args.seed).run(size)
        repeats = REPEATS.get(size, 1)
        merge = partial(merge_claims, claims, target_entity=TARGET, now=NOW)
        elapsed, result = cold_median(merge, repeats)
        seconds[str(size)] = round(elapsed, 3)
        found = result.summary.model_dump()
        elapsed, _ = cold_median(partial(contacts.resolve_contacts, claims), repeats)
        contact_seconds[str(size)] = round(elapsed, 3)
    figures: dict[str, object] = {"bench": "merge", "claims": seconds}
    for small, large in zip(sizes, sizes[1:], strict=False):
        ratio = seconds[str(large)] / max(seconds[str(small)], 1e-9)
        figures[f"growth_{small // 1000}k_to_{large // 1000}k"] = round(ratio, 2)
    figures["contact_resolution_alone"] = contact_seconds
    figures["summary_at_largest"] = found
    figures["seed"] = args.seed
    figures["cpus"] = os.cpu_count()
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
