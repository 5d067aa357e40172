"""Where the database lives: $WORKBENCH_DB, else data/workbench.duckdb."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.store import default_db_path


def test_the_default_path_is_under_data() -> None:
    assert default_db_path({}) == Path("data/workbench.duckdb")


def test_workbench_db_overrides_the_default() -> None:
    assert default_db_path({"WORKBENCH_DB": "/tmp/x/other.duckdb"}) == Path("/tmp/x/other.duckdb")


def test_an_empty_workbench_db_falls_back_to_the_default() -> None:
    assert default_db_path({"WORKBENCH_DB": "  "}) == Path("data/workbench.duckdb")


def test_the_process_environment_is_read_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKBENCH_DB", ":memory:")
    assert default_db_path() == Path(":memory:")
