"""Workspaces for the page tests: an empty DuckDB file, and one seeded with the demo clients and
one finished offline run of the Borealis Nickel scenario (built once per session, copied per test).

`app_at(page)` gives an AppTest of app.py switched to that page, over the workspace the test's
fixture prepared (WORKBENCH_DB points at it). Every page test uses the real store and worker.
"""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from engine.demo import seed_demo
from engine.models.run import RunRecord, RunRequest
from engine.pipeline.launch import create_run
from engine.pipeline.runner import Runner
from engine.store import Store

ROOT = Path(__file__).resolve().parents[2]
ORG = "default"
DEMO_CLIENT = "Northway Modular Structures"
DEMO_TARGET = "Borealis Nickel"
TIMEOUT_S = 60


def finished_demo_run(store: Store) -> RunRecord:
    """Seed the demo clients and run the Borealis scenario offline to the end."""
    seed_demo(store, ORG)
    run = create_run(store, ORG, RunRequest(client_name=DEMO_CLIENT, target=DEMO_TARGET))
    return asyncio.run(Runner(store, ORG).execute(run.run_id))


@pytest.fixture(scope="session")
def seeded_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, RunRecord]:
    """A closed DuckDB file with the demo clients and one finished run, and that run."""
    path = tmp_path_factory.mktemp("seeded") / "workbench.duckdb"
    with Store(path) as store:
        run = finished_demo_run(store)
    return path, run


@pytest.fixture(autouse=True)
def _fresh_resources() -> Iterator[None]:
    """Every test opens its own store and worker (cached resources are per process)."""
    st.cache_resource.clear()
    yield
    st.cache_resource.clear()


@pytest.fixture
def empty_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """WORKBENCH_DB at a new, empty DuckDB file."""
    path = tmp_path / "workbench.duckdb"
    monkeypatch.setenv("WORKBENCH_DB", str(path))
    monkeypatch.setenv("WORKBENCH_ORG", ORG)
    monkeypatch.setenv("WORKBENCH_USER", "tester")
    return path


@pytest.fixture
def seeded_db(empty_db: Path, seeded_template: tuple[Path, RunRecord]) -> tuple[Path, RunRecord]:
    """WORKBENCH_DB at a copy of the seeded workspace, and its finished run."""
    template, run = seeded_template
    shutil.copyfile(template, empty_db)
    return empty_db, run


@pytest.fixture
def app_at() -> Callable[[str], AppTest]:
    """An AppTest of app.py on the given page (e.g. 'pages/runs.py'), already run once."""

    def at_page(page: str) -> AppTest:
        app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT_S)
        app.switch_page(page)
        return app.run()

    return at_page
