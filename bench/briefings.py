"""Benchmark of intel briefings: upsert and query time on a store of 100,000 briefings.

Builds a DuckDB file with `--rows` company and `--rows` person briefings (in batches through
`upsert_many`, one transaction per batch of 10,000), then measures:
- `upsert_10k_batch_s`: one more batch of 10,000 company briefings, half new and half updates;
- `upsert_one_ms`: single upserts (`upsert_company_intel_briefing`), median of 200;
- `query_domain_ms`, `query_linkedin_ms`, `query_client_ms`: queries by target domain, by
  LinkedIn URL and by client lens (limit 100), median of 200 each.
Aims (issue 12): a query by domain or LinkedIn under 50 ms, an upsert of 10,000 under 10 s.
Prints one JSON line. Run from the repo root:

    .venv/bin/python bench/briefings.py [--rows 100000]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from engine.briefings.queries import (  # noqa: E402
    query_company_intel_briefings,
    query_person_intel_briefings,
)
from engine.briefings.service import upsert_company_intel_briefing, upsert_many  # noqa: E402
from engine.store import Store  # noqa: E402

ORG = "bench"
BATCH = 10_000
CLIENTS = ("SecurityPal", "WithCoverage", "Licking Valley Electrical", "Northline Power")


def company(n: int) -> dict[str, Any]:
    return {
        "company_domain": f"https://www.target-{n // len(CLIENTS)}.com/about",
        "company_name": f"Target {n // len(CLIENTS)}",
        "client_company_name": CLIENTS[n % len(CLIENTS)],
        "raw_output": {"summary": f"Briefing {n}", "claims": [f"search_{n % 999:03d}"]},
        "processor": "offline",
    }


def person(n: int) -> dict[str, Any]:
    return {
        "person_full_name": f"Person {n}",
        "person_linkedin_url": f"https://www.linkedin.com/in/person-{n}/",
        "person_current_company_name": f"Target {n // 10}",
        "client_company_name": CLIENTS[n % len(CLIENTS)],
        "raw_output": {"bio": f"Person {n} runs projects", "claims": ["contact_001"]},
    }


def median_ms(action: Callable[[int], object], times: int = 200) -> float:
    timings = []
    for n in range(times):
        started = time.perf_counter()
        action(n)
        timings.append(time.perf_counter() - started)
    return round(statistics.median(timings) * 1000, 2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder, Store(Path(folder) / "b.duckdb") as store:
        started = time.perf_counter()
        for first in range(0, args.rows, BATCH):
            last = min(first + BATCH, args.rows)
            upsert_many(store, "company", org_id=ORG, briefings=map(company, range(first, last)))
            upsert_many(store, "person", org_id=ORG, briefings=map(person, range(first, last)))
        build_s = time.perf_counter() - started
        started = time.perf_counter()
        half = args.rows - BATCH // 2
        inserted, updated = upsert_many(
            store, "company", org_id=ORG, briefings=map(company, range(half, half + BATCH))
        )
        batch_s = time.perf_counter() - started
        one = median_ms(
            lambda n: upsert_company_intel_briefing(store, org_id=ORG, **company(n * 97))
        )
        spread = max(1, args.rows // 200)
        by_domain = median_ms(
            lambda n: query_company_intel_briefings(
                store, org_id=ORG, company_domain=f"target-{n * spread // 4}.com"
            )
        )
        by_linkedin = median_ms(
            lambda n: query_person_intel_briefings(
                store, org_id=ORG, person_linkedin_url=f"linkedin.com/in/Person-{n * spread}"
            )
        )
        by_client = median_ms(
            lambda n: query_company_intel_briefings(
                store, org_id=ORG, client_company_name=CLIENTS[n % len(CLIENTS)]
            )
        )
        rows = store.count_briefings("company", ORG) + store.count_briefings("person", ORG)
    line = {
        "bench": "briefings",
        "briefings": rows,
        "build_s": round(build_s, 2),
        "upsert_10k_batch_s": round(batch_s, 2),
        "batch_inserted": inserted,
        "batch_updated": updated,
        "upsert_one_ms": one,
        "query_domain_ms": by_domain,
        "query_linkedin_ms": by_linkedin,
        "query_client_ms": by_client,
    }
    print(json.dumps(line))


if __name__ == "__main__":
    main()
