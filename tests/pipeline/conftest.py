"""Fixtures for pipeline tests: a seeded store file, the demo scenarios, a runner helper."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from engine.demo import DemoScenario, demo_scenarios, seed_demo
from engine.models.run import RunRecord, RunRequest
from engine.pipeline.launch import create_run
from engine.pipeline.policy import RetryPolicy
from engine.pipeline.runner import Runner
from engine.research.backend import Backend
from engine.store import Store

ORG = "acme"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "workbench.duckdb") as opened:
        seed_demo(opened, ORG)
        yield opened


@pytest.fixture(params=[s.slug for s in demo_scenarios()])
def scenario(request: pytest.FixtureRequest) -> DemoScenario:
    return next(s for s in demo_scenarios() if s.slug == request.param)


@pytest.fixture
def first_scenario() -> DemoScenario:
    return demo_scenarios()[0]


def start(store: Store, scenario: DemoScenario, **request: Any) -> RunRecord:
    """Create a run of the scenario for its demo client."""
    return create_run(
        store,
        ORG,
        RunRequest(
            client_name=scenario.client_name,
            target=scenario.target,
            sources_dir=str(scenario.path),
            **request,
        ),
    )


def runner(store: Store, backend: Backend | None = None, **options: Any) -> Runner:
    """A runner with fast retries and polling, optionally on a given backend."""
    options.setdefault("retry", RetryPolicy(base_delay_s=0.01))
    options.setdefault("poll_seconds", 0.02)
    factory = None if backend is None else (lambda run: backend)
    return Runner(store, ORG, backend_factory=factory, **options)


def execute(store: Store, run_id: str, backend: Backend | None = None, **options: Any) -> RunRecord:
    """Execute (or resume) a run to its end."""
    return asyncio.run(runner(store, backend, **options).execute(run_id))
