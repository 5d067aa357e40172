"""The Clients page: renders on an empty and a seeded workspace; creating a client stores it;
editing a description persists; a duplicate name or a blank field shows the engine's message and
stores nothing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from streamlit.testing.v1 import AppTest

from engine.models import Client
from engine.models.run import RunRecord
from engine.store import Store
from tests.ui.conftest import DEMO_CLIENT, ORG, ROOT

PAGE = "pages/clients.py"


def stored_clients(path: Path) -> list[Client]:
    with Store(path) as store:
        return store.list_clients(ORG)


def fill_new(at: AppTest, name: str, description: str) -> None:
    at.text_input(key="client_new_name").set_value(name)
    at.text_area(key="client_new_description").set_value(description)
    at.text_area(key="client_new_services").set_value("Camps")


def test_renders_on_an_empty_workspace(empty_db: Path, app_at: Callable[[str], AppTest]) -> None:
    at = app_at(PAGE)
    assert not at.exception
    assert any("No clients yet" in info.value for info in at.info)
    assert not at.selectbox  # nothing to edit yet


def test_renders_the_seeded_clients(
    seeded_db: tuple[Path, RunRecord], app_at: Callable[[str], AppTest]
) -> None:
    path, _ = seeded_db
    at = app_at(PAGE)
    assert not at.exception
    names = [client.name for client in stored_clients(path)]
    assert at.dataframe[0].value["name"].tolist() == names
    assert at.selectbox(key="client_edit_select").options == names


def test_creating_a_client_stores_it(empty_db: Path, app_at: Callable[[str], AppTest]) -> None:
    at = app_at(PAGE)
    fill_new(at, "Acme Camps", "Modular camps for remote sites")
    at.button(key="client_create").click().run()
    assert not at.exception and not at.error
    assert stored_clients(empty_db) == [
        Client(name="Acme Camps", description="Modular camps for remote sites", services="Camps")
    ]
    assert any("Acme Camps" in s.value for s in at.success)
    assert at.text_input(key="client_new_name").value == ""  # the form is cleared


def test_editing_the_description_persists(
    seeded_db: tuple[Path, RunRecord], app_at: Callable[[str], AppTest]
) -> None:
    path, _ = seeded_db
    at = app_at(PAGE)
    at.selectbox(key="client_edit_select").set_value(DEMO_CLIENT).run()
    assert at.text_input(key="client_edit_name").value == DEMO_CLIENT
    at.text_area(key="client_edit_description").set_value("Camps, now also warehouses")
    at.button(key="client_save").click().run()
    assert not at.exception and not at.error
    with Store(path) as store:
        client = store.get_client(ORG, DEMO_CLIENT)
    assert client is not None and client.description == "Camps, now also warehouses"


def test_choosing_another_client_loads_its_fields(
    seeded_db: tuple[Path, RunRecord], app_at: Callable[[str], AppTest]
) -> None:
    path, _ = seeded_db
    other = next(c for c in stored_clients(path) if c.name != DEMO_CLIENT)
    at = app_at(PAGE)
    at.selectbox(key="client_edit_select").set_value(DEMO_CLIENT).run()
    at.text_area(key="client_edit_description").set_value("typed but not saved")
    at.selectbox(key="client_edit_select").set_value(other.name).run()
    assert not at.exception
    assert at.text_input(key="client_edit_name").value == other.name
    assert at.text_area(key="client_edit_description").value == other.description


def test_renaming_a_client_reloads_the_form_from_the_store(
    seeded_db: tuple[Path, RunRecord], app_at: Callable[[str], AppTest]
) -> None:
    path, _ = seeded_db
    at = app_at(PAGE)
    at.selectbox(key="client_edit_select").set_value(DEMO_CLIENT).run()
    at.text_input(key="client_edit_name").set_value("Northway Renamed")
    at.button(key="client_save").click().run()
    assert not at.exception and not at.error
    assert "Northway Renamed" in [client.name for client in stored_clients(path)]
    shown = at.selectbox(key="client_edit_select").value
    with Store(path) as store:
        client = store.get_client(ORG, shown)
    assert client is not None
    assert at.text_input(key="client_edit_name").value == client.name
    assert at.text_area(key="client_edit_description").value == client.description


def test_a_duplicate_name_shows_an_error_and_stores_nothing_new(
    seeded_db: tuple[Path, RunRecord], app_at: Callable[[str], AppTest]
) -> None:
    path, _ = seeded_db
    before = stored_clients(path)
    at = app_at(PAGE)
    fill_new(at, DEMO_CLIENT, "A second one")
    at.button(key="client_create").click().run()
    assert not at.exception
    assert [e.value for e in at.error] == [f"client {DEMO_CLIENT!r} already exists in org {ORG!r}"]
    assert stored_clients(path) == before


def test_a_blank_description_is_named_and_nothing_is_saved(
    empty_db: Path, app_at: Callable[[str], AppTest]
) -> None:
    at = app_at(PAGE)
    fill_new(at, "Acme Camps", "   ")
    at.button(key="client_create").click().run()
    assert not at.exception
    assert "field 'description': must not be blank" in at.error[0].value.replace("\\", "")
    assert stored_clients(empty_db) == []


def test_the_page_never_allows_html() -> None:
    assert "unsafe_allow_html" not in (ROOT / PAGE).read_text(encoding="utf-8")
