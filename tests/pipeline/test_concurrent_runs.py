"""Ten runs at once in one process on one store: all succeed, with consistent counts."""

from __future__ import annotations

import asyncio

from engine.demo import demo_scenarios
from engine.store import Store
from tests.pipeline.conftest import ORG, runner, start

RUNS = 10


def test_ten_concurrent_runs_on_one_store(store: Store) -> None:
    scenarios = demo_scenarios()
    runs = [start(store, scenarios[i % len(scenarios)]) for i in range(RUNS)]
    assert len({run.dossier_id for run in runs}) == RUNS

    async def all_runs() -> list[str]:
        shared = runner(store)
        finished = await asyncio.gather(*(shared.execute(run.run_id) for run in runs))
        return [record.status for record in finished]

    assert asyncio.run(all_runs()) == ["succeeded"] * RUNS

    by_scenario: dict[str, set[tuple[int, int, int, int]]] = {}
    for index, run in enumerate(runs):
        steps = store.list_steps(ORG, run.run_id)
        claims = store.count_claims(ORG, run.run_id)
        assert sum(step.claims_added for step in steps) == claims
        dossier = store.get_dossier(ORG, run.dossier_id)
        assert dossier is not None and dossier.run_id == run.run_id
        events = store.list_events(ORG, run.run_id)
        assert [e.seq for e in events] == list(range(1, len(events) + 1))
        figures = (claims, len(dossier.sections), len(dossier.sources), dossier.lead_score)
        by_scenario.setdefault(scenarios[index % len(scenarios)].slug, set()).add(figures)
    # The same scenario gives the same dossier figures in every one of its runs.
    assert all(len(figures) == 1 for figures in by_scenario.values())
    assert len(store.list_dossiers(ORG)) == RUNS
