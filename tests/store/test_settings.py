"""Workspace settings in the store: saved per org, replaced, forgotten, never an unknown name."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.store import Store, StoreError


def test_settings_are_saved_per_org_and_replaced(tmp_path: Path) -> None:
    with Store(tmp_path / "w.duckdb") as store:
        store.save_settings("acme", {"backend": "offline", "concurrency": "8"})
        store.save_settings("acme", {"concurrency": "2"})
        store.save_settings("other", {"model": "m-1"})
        assert store.saved_settings("acme") == {"backend": "offline", "concurrency": "2"}
        assert store.saved_settings("other") == {"model": "m-1"}


def test_none_forgets_a_saved_value(tmp_path: Path) -> None:
    with Store(tmp_path / "w.duckdb") as store:
        store.save_settings("acme", {"base_url": "http://127.0.0.1:9/v1", "model": "m"})
        store.save_settings("acme", {"base_url": None})
        assert store.saved_settings("acme") == {"model": "m"}


def test_an_unknown_setting_is_refused_and_nothing_is_saved(tmp_path: Path) -> None:
    with Store(tmp_path / "w.duckdb") as store:
        with pytest.raises(StoreError, match="api_key"):
            store.save_settings("acme", {"model": "m", "api_key": "sk-secret"})
        assert store.saved_settings("acme") == {}
