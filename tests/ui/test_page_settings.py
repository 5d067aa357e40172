"""AppTest of the Settings page: empty and seeded workspaces, saving, refusing a bad base URL,
and an API key that is reported as set but never shown."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from engine.models.run import RunRecord
from engine.store import Store
from tests.ui.conftest import ORG

PAGE = "pages/settings.py"
SECRET = "sk-test-do-not-show-0123456789abcdef"


def markdown(at: AppTest) -> str:
    return "\n".join(element.value for element in at.markdown)


def rendered_protos(node: Any) -> Iterator[str]:
    """The text of every element rendered under `node` (sidebar and main), as protobuf text."""
    proto = getattr(node, "proto", None)
    if proto is not None:
        yield str(proto)
    children = getattr(node, "children", None) or {}
    for child in children.values():
        yield from rendered_protos(child)


@pytest.fixture(autouse=True)
def _no_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    for name in ("WORKBENCH_BACKEND", "WORKBENCH_MODEL", "OPENAI_BASE_URL"):
        monkeypatch.delenv(name, raising=False)


def test_renders_on_an_empty_workspace_with_defaults_and_the_database_path(
    empty_db: Path, app_at: Callable[[str], AppTest]
) -> None:
    at = app_at(PAGE)
    assert not at.exception
    assert at.radio(key="settings_backend").value == "offline"
    assert at.number_input(key="settings_concurrency").value >= 1
    assert "API key: **not set**" in markdown(at)
    shown = [element.value for element in at.text]
    assert f"Database: {empty_db}" in shown
    assert f"Workspace (org): {ORG}" in shown


def test_renders_on_a_seeded_workspace(
    seeded_db: tuple[Path, RunRecord], app_at: Callable[[str], AppTest]
) -> None:
    at = app_at(PAGE)
    assert not at.exception
    assert at.text_input(key="settings_model").value


def test_saving_concurrency_and_model_persists_and_shows(
    empty_db: Path, app_at: Callable[[str], AppTest]
) -> None:
    at = app_at(PAGE)
    at.number_input(key="settings_concurrency").set_value(8)
    at.text_input(key="settings_model").set_value("model-x")
    at.button(key="settings_save").click().run()
    assert not at.exception
    assert not at.error
    with Store(empty_db) as store:
        saved = store.saved_settings(ORG)
    assert saved["concurrency"] == "8"
    assert saved["model"] == "model-x"
    assert any("Settings saved" in element.value for element in at.success)
    fresh = app_at(PAGE)
    assert fresh.number_input(key="settings_concurrency").value == 8
    assert fresh.text_input(key="settings_model").value == "model-x"


def test_a_bad_base_url_is_refused_by_name_and_nothing_is_saved(
    empty_db: Path, app_at: Callable[[str], AppTest]
) -> None:
    at = app_at(PAGE)
    at.text_input(key="settings_base_url").set_value("ftp://example.com/v1")
    at.number_input(key="settings_concurrency").set_value(8)
    at.button(key="settings_save").click().run()
    assert not at.exception
    assert any("base_url" in error.value for error in at.error)
    with Store(empty_db) as store:
        assert store.saved_settings(ORG) == {}


def test_an_api_key_in_the_environment_is_reported_set_and_never_shown(
    empty_db: Path, app_at: Callable[[str], AppTest], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", SECRET)
    at = app_at(PAGE)
    assert not at.exception
    assert "API key: **set** (read from the OPENAI_API_KEY environment variable)" in markdown(at)
    protos = list(rendered_protos(at._tree))
    assert any("API key: **set**" in text for text in protos)  # the walk sees the page
    assert not [text for text in protos if SECRET in text]
    assert SECRET not in repr(at.session_state)
