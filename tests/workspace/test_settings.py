"""Workspace settings: environment defaults, saved overrides, checked values, no secrets."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.models import InvalidInput
from engine.store import Store
from engine.workspace.settings import load_settings, save_settings

ORG = "acme"
SECRET = "sk-test-0123456789abcdef"


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "w.duckdb")


def test_defaults_without_environment_or_saved_values(store: Store) -> None:
    settings = load_settings(store, ORG, environ={})
    assert (settings.backend, settings.concurrency, settings.base_url) == ("offline", 4, None)
    assert settings.api_key_set is False


def test_environment_gives_defaults_and_saved_values_override_them(store: Store) -> None:
    env = {
        "WORKBENCH_BACKEND": "openai",
        "WORKBENCH_MODEL": "env-model",
        "OPENAI_BASE_URL": "http://127.0.0.1:8000/v1",
        "WORKBENCH_CONCURRENCY": "6",
    }
    assert load_settings(store, ORG, environ=env).model == "env-model"
    save_settings(
        store,
        ORG,
        {"backend": "offline", "model": "saved-model", "base_url": None, "concurrency": 2},
    )
    settings = load_settings(store, ORG, environ=env)
    assert (settings.backend, settings.model, settings.concurrency) == ("offline", "saved-model", 2)
    assert settings.base_url == "http://127.0.0.1:8000/v1"  # nothing saved: the environment's


def test_the_key_is_reported_as_set_but_never_stored(store: Store, tmp_path: Path) -> None:
    settings = load_settings(store, ORG, environ={"OPENAI_API_KEY": SECRET})
    assert settings.api_key_set is True
    assert SECRET not in settings.model_dump_json()
    save_settings(store, ORG, {**settings.model_dump(), "model": "m"})
    store.close()
    assert SECRET.encode() not in (tmp_path / "w.duckdb").read_bytes()


@pytest.mark.parametrize(
    ("field", "value", "named"),
    [
        ("concurrency", 0, "concurrency"),
        ("concurrency", 65, "concurrency"),
        ("base_url", "ftp://x", "base URL"),
        ("base_url", "https://user:pw@host/v1", "credentials"),
        ("backend", "magic", "backend"),
        ("model", "  ", "model"),
    ],
)
def test_bad_values_are_refused_by_name_and_nothing_is_saved(
    store: Store, field: str, value: object, named: str
) -> None:
    values = {"backend": "offline", "model": "m", "base_url": None, "concurrency": 4}
    with pytest.raises(InvalidInput, match=named):
        save_settings(store, ORG, {**values, field: value})
    assert store.saved_settings(ORG) == {}


def test_a_bad_environment_value_is_named(store: Store) -> None:
    with pytest.raises(InvalidInput, match="concurrency"):
        load_settings(store, ORG, environ={"WORKBENCH_CONCURRENCY": "lots"})
