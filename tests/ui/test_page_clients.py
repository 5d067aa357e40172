"""The Clients page: renders on an empty and a seeded workspace; creating a client stores it and
clears the form; editing a description persists; choosing another client shows (and saves) that
client's fields; a rename keeps the renamed client selected; a duplicate name or a blank field
shows the engine's message and stores nothing.

`run_as_browser` reruns the way a browser does: an input whose widget survives the rerun keeps
the value the browser showed unless the page sets a new one. AppTest alone reads every value from
the server, so without it a form that silently keeps another client's values would pass.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import TextArea, TextInput

from engine.models import Client
from engine.models.run import RunRecord
from engine.store import Store
from engine.workspace.text import streamlit_markdown
from tests.ui.conftest import DEMO_CLIENT, ORG, ROOT

PAGE = "pages/clients.py"
EDIT_FORM = "client_edit_form"


def stored_clients(path: Path) -> list[Client]:
    with Store(path) as store:
        return store.list_clients(ORG)


def stored_client(path: Path, name: str) -> Client | None:
    with Store(path) as store:
        return store.get_client(ORG, name)


def text_widgets(at: AppTest) -> list[TextInput | TextArea]:
    return [*at.text_input, *at.text_area]


def run_as_browser(at: AppTest) -> AppTest:
    """Rerun; then every text input the rerun kept (same id) shows what the browser held,
    unless the page set its value."""
    held = {widget.id: widget.value for widget in text_widgets(at)}
    at.run()
    for widget in text_widgets(at):
        if widget.id in held and not widget.proto.set_value:
            widget.set_value(held[widget.id])
    return at


def edit_field(at: AppTest, label: str) -> TextInput | TextArea:
    """The input of the edit form whose label starts with `label`."""
    return next(
        widget
        for widget in text_widgets(at)
        if widget.form_id == EDIT_FORM and widget.label.startswith(label)
    )


def choose(at: AppTest, name: str) -> AppTest:
    at.selectbox(key="client_edit_select").set_value(name)
    return run_as_browser(at)


def fill_new(at: AppTest, name: str, description: str, services: str | None = "Camps") -> None:
    at.text_input(key="client_new_name").set_value(name)
    at.text_area(key="client_new_description").set_value(description)
    if services is not None:
        at.text_area(key="client_new_services").set_value(services)


def other_client(path: Path) -> Client:
    return next(client for client in stored_clients(path) if client.name != DEMO_CLIENT)


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
    assert at.text_input(key=f"client_edit_{names[0]}_name").value == names[0]


def test_creating_a_client_stores_it(empty_db: Path, app_at: Callable[[str], AppTest]) -> None:
    at = app_at(PAGE)
    fill_new(at, "Acme Camps", "Modular camps for remote sites")
    at.button(key="client_create").click()
    run_as_browser(at)
    assert not at.exception and not at.error
    assert stored_clients(empty_db) == [
        Client(name="Acme Camps", description="Modular camps for remote sites", services="Camps")
    ]
    assert any("Acme Camps" in s.value for s in at.success)
    assert at.text_input(key="client_new_name").value == ""  # the form is cleared
    assert at.text_area(key="client_new_services").value == ""
    assert at.text_input(key="client_edit_Acme Camps_name").value == "Acme Camps"


def test_creating_two_clients_one_after_the_other_stores_each_as_typed(
    empty_db: Path, app_at: Callable[[str], AppTest]
) -> None:
    at = app_at(PAGE)
    fill_new(at, "Acme Camps", "Modular camps for remote sites")
    at.button(key="client_create").click()
    run_as_browser(at)
    fill_new(at, "Boreal Builders", "Steel buildings", services=None)  # services left empty
    at.button(key="client_create").click()
    run_as_browser(at)
    assert not at.exception and not at.error
    assert stored_clients(empty_db) == [
        Client(name="Acme Camps", description="Modular camps for remote sites", services="Camps"),
        Client(name="Boreal Builders", description="Steel buildings"),
    ]


def test_editing_the_description_persists(
    seeded_db: tuple[Path, RunRecord], app_at: Callable[[str], AppTest]
) -> None:
    path, _ = seeded_db
    at = choose(app_at(PAGE), DEMO_CLIENT)
    assert at.text_input(key=f"client_edit_{DEMO_CLIENT}_name").value == DEMO_CLIENT
    at.text_area(key=f"client_edit_{DEMO_CLIENT}_description").set_value(
        "Camps, now also warehouses"
    )
    at.button(key="client_save").click()
    run_as_browser(at)
    assert not at.exception and not at.error
    client = stored_client(path, DEMO_CLIENT)
    assert client is not None and client.description == "Camps, now also warehouses"
    assert edit_field(at, "Description").value == "Camps, now also warehouses"


def test_choosing_another_client_loads_its_fields(
    seeded_db: tuple[Path, RunRecord], app_at: Callable[[str], AppTest]
) -> None:
    path, _ = seeded_db
    first, other = stored_client(path, DEMO_CLIENT), other_client(path)
    assert first is not None
    at = choose(app_at(PAGE), DEMO_CLIENT)
    edit_field(at, "Description").set_value("typed but not saved")
    choose(at, other.name)
    assert not at.exception
    assert edit_field(at, "Name").value == other.name
    assert edit_field(at, "Description").value == other.description
    assert at.text_area(key=f"client_edit_{other.name}_description").value == other.description
    choose(at, DEMO_CLIENT)  # back again: the stored values, not the text never saved
    assert edit_field(at, "Description").value == first.description


def test_saving_another_client_never_changes_the_first(
    seeded_db: tuple[Path, RunRecord], app_at: Callable[[str], AppTest]
) -> None:
    path, _ = seeded_db
    first, other = stored_client(path, DEMO_CLIENT), other_client(path)
    at = choose(app_at(PAGE), DEMO_CLIENT)
    choose(at, other.name)
    edit_field(at, "Description").set_value("Only the second client's description")
    at.button(key="client_save").click()
    run_as_browser(at)
    assert not at.exception and not at.error
    assert stored_client(path, DEMO_CLIENT) == first
    assert stored_client(path, other.name) == other.model_copy(
        update={"description": "Only the second client's description"}
    )


def test_a_renamed_client_stays_selected_and_its_next_edit_persists(
    seeded_db: tuple[Path, RunRecord], app_at: Callable[[str], AppTest]
) -> None:
    path, _ = seeded_db
    other = other_client(path)  # sorted after the demo client: the picker's default is not it
    renamed = "Zulu Renamed"
    at = choose(app_at(PAGE), other.name)
    edit_field(at, "Name").set_value(renamed)
    at.button(key="client_save").click()
    run_as_browser(at)
    assert not at.exception and not at.error
    assert at.selectbox(key="client_edit_select").value == renamed
    assert edit_field(at, "Name").value == renamed
    assert edit_field(at, "Description").value == other.description
    edit_field(at, "Description").set_value("Edited after the rename")
    at.button(key="client_save").click()
    run_as_browser(at)
    assert not at.exception and not at.error
    assert stored_client(path, other.name) is None
    client = stored_client(path, renamed)
    assert client is not None and client.description == "Edited after the rename"
    first = stored_client(path, DEMO_CLIENT)
    assert first is not None and first.description != "Edited after the rename"


def test_a_duplicate_name_shows_an_error_and_stores_nothing_new(
    seeded_db: tuple[Path, RunRecord], app_at: Callable[[str], AppTest]
) -> None:
    path, _ = seeded_db
    before = stored_clients(path)
    at = app_at(PAGE)
    fill_new(at, DEMO_CLIENT, "A second one")
    at.button(key="client_create").click()
    run_as_browser(at)
    assert not at.exception
    assert [e.value for e in at.error] == [f"client {DEMO_CLIENT!r} already exists in org {ORG!r}"]
    assert stored_clients(path) == before
    assert at.text_area(key="client_new_description").value == "A second one"  # kept to fix


def test_renaming_onto_a_taken_name_shows_an_error_and_keeps_both(
    seeded_db: tuple[Path, RunRecord], app_at: Callable[[str], AppTest]
) -> None:
    path, _ = seeded_db
    before = stored_clients(path)
    other = other_client(path)
    at = choose(app_at(PAGE), other.name)
    edit_field(at, "Name").set_value(DEMO_CLIENT)
    at.button(key="client_save").click()
    run_as_browser(at)
    assert not at.exception
    assert len(at.error) == 1 and "already exists" in at.error[0].value
    assert stored_clients(path) == before
    assert at.selectbox(key="client_edit_select").value == other.name


def test_a_blank_description_is_named_and_nothing_is_saved(
    empty_db: Path, app_at: Callable[[str], AppTest]
) -> None:
    at = app_at(PAGE)
    fill_new(at, "Acme Camps", "   ")
    at.button(key="client_create").click().run()
    assert not at.exception
    assert streamlit_markdown("field 'description': must not be blank") in at.error[0].value
    assert stored_clients(empty_db) == []


def test_the_page_never_allows_html() -> None:
    assert "unsafe_allow_html" not in (ROOT / PAGE).read_text(encoding="utf-8")
