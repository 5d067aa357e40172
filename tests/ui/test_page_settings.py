"""AppTest of the Settings page: empty and seeded workspaces, saving, refusing a bad base URL,
an API key that is reported as set but never shown, the warning that openai runs will be refused
without a key or base URL, a bad environment value that names itself instead of breaking the
page, and typed values escaped for Streamlit's Markdown."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from engine.models.run import RunRecord
from engine.store import Store
from engine.workspace.text import WORD_JOINER
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
    for name in (
        "WORKBENCH_BACKEND",
        "WORKBENCH_MODEL",
        "OPENAI_BASE_URL",
        "WORKBENCH_CONCURRENCY",
    ):
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


def refused_warnings(at: AppTest) -> list[str]:
    return [w.value for w in at.warning if "will be refused" in w.value]


def test_choosing_openai_without_a_key_or_base_url_warns_that_runs_will_be_refused(
    empty_db: Path, app_at: Callable[[str], AppTest]
) -> None:
    at = app_at(PAGE)
    assert refused_warnings(at) == []  # offline needs neither
    at.radio(key="settings_backend").set_value("openai").run()
    assert not at.exception
    [warning] = refused_warnings(at)
    assert "OPENAI_API_KEY" in warning and "OPENAI_BASE_URL" in warning
    assert not [t for t in at.text_input if "key" in str(t.label).lower()]  # no key input


@pytest.mark.parametrize(
    ("name", "value"),
    [("OPENAI_API_KEY", SECRET), ("OPENAI_BASE_URL", "http://127.0.0.1:8000/v1")],
)
def test_openai_with_a_key_or_a_base_url_gives_no_warning(
    empty_db: Path,
    app_at: Callable[[str], AppTest],
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    value: str,
) -> None:
    monkeypatch.setenv(name, value)
    at = app_at(PAGE)
    at.radio(key="settings_backend").set_value("openai").run()
    assert not at.exception
    assert refused_warnings(at) == []
    assert not [text for text in rendered_protos(at._tree) if SECRET in text]


def test_a_bad_environment_value_is_named_and_the_default_is_used(
    empty_db: Path, app_at: Callable[[str], AppTest], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WORKBENCH_CONCURRENCY", "abc")
    at = app_at(PAGE)
    assert not at.exception
    assert at.number_input(key="settings_concurrency").value == 4
    at.number_input(key="settings_concurrency").set_value(6)
    at.button(key="settings_save").click().run()
    assert not at.exception
    with Store(empty_db) as store:
        assert store.saved_settings(ORG)["concurrency"] == "6"


def test_a_model_name_with_colons_is_shown_as_typed_not_as_an_icon(
    empty_db: Path, app_at: Callable[[str], AppTest]
) -> None:
    at = app_at(PAGE)
    at.text_input(key="settings_model").set_value("llama3:material/bolt:8b")
    at.button(key="settings_save").click().run()
    assert not at.exception
    [notice] = [element.value for element in at.success]
    assert f"llama3:{WORD_JOINER}material/bolt:{WORD_JOINER}8b" in notice
    assert ":material/" not in notice
