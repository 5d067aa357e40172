"""Workspace settings: environment defaults, saved overrides, checked values, no secrets; a bad
environment value named by its variable (and left out when the workbench opens); when openai
runs would be refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.models import InvalidInput
from engine.store import Store
from engine.workspace.settings import (
    environment_problems,
    load_settings,
    openai_refusal,
    save_settings,
    settings_or_defaults,
)

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
    with pytest.raises(InvalidInput, match="concurrency") as refused:
        load_settings(store, ORG, environ={"WORKBENCH_CONCURRENCY": "lots"})
    assert "environment variable WORKBENCH_CONCURRENCY='lots'" in str(refused.value)


def test_opening_leaves_out_each_bad_environment_value_and_says_which(store: Store) -> None:
    env = {
        "WORKBENCH_CONCURRENCY": "abc",
        "WORKBENCH_BACKEND": "magic",
        "WORKBENCH_MODEL": "env-model",
        "OPENAI_BASE_URL": "ftp://user:hunter2@host/v1",
    }
    opened = settings_or_defaults(store, ORG, environ=env)
    settings = opened.settings
    assert (settings.concurrency, settings.backend, settings.base_url) == (4, "offline", None)
    assert settings.model == "env-model"  # the good value is kept
    assert len(opened.problems) == 3
    joined = " ".join(opened.problems)
    for variable in ("WORKBENCH_CONCURRENCY", "WORKBENCH_BACKEND", "OPENAI_BASE_URL"):
        assert variable in joined
    assert "hunter2" not in joined  # a password in a URL is never repeated
    assert set(environment_problems(env)) == {"concurrency", "backend", "base_url"}


def test_opening_with_good_values_reports_nothing_and_matches_load_settings(
    store: Store,
) -> None:
    env = {"WORKBENCH_CONCURRENCY": "6", "OPENAI_API_KEY": SECRET}
    save_settings(
        store, ORG, {"backend": "openai", "model": "m", "base_url": None, "concurrency": 2}
    )
    opened = settings_or_defaults(store, ORG, environ=env)
    assert opened.problems == []
    assert opened.settings == load_settings(store, ORG, environ=env)
    assert opened.settings.concurrency == 2 and opened.settings.api_key_set


def test_openai_runs_are_refused_without_a_key_or_a_base_url(store: Store) -> None:
    bare = load_settings(store, ORG, environ={})
    refusal = openai_refusal("openai", bare)
    assert refusal is not None and "OPENAI_API_KEY" in refusal and "OPENAI_BASE_URL" in refusal
    assert openai_refusal("offline", bare) is None
    with_key = load_settings(store, ORG, environ={"OPENAI_API_KEY": SECRET})
    assert openai_refusal("openai", with_key) is None
    local = load_settings(store, ORG, environ={"OPENAI_BASE_URL": "http://127.0.0.1:8000/v1"})
    assert openai_refusal("openai", local) is None


def test_saved_settings_that_no_longer_check_are_ignored_and_named(store: Store) -> None:
    store.save_settings(ORG, {"concurrency": "999"})  # past today's limit
    opened = settings_or_defaults(store, ORG, environ={"WORKBENCH_MODEL": "env-model"})
    assert (opened.settings.concurrency, opened.settings.model) == (4, "env-model")
    [problem] = opened.problems
    assert "saved settings" in problem and "concurrency" in problem
