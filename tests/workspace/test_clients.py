"""The Clients page's engine side: rows, and creating or editing a client from form fields with
the engine's own messages for a blank field, an invisible character or a name already taken."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from engine.models import Client, InvalidInput
from engine.store import Store
from engine.workspace.clients import (
    CLIENT_FIELDS,
    client_from_form,
    client_names,
    client_rows,
    create_client,
    save_client,
)

ORG = "default"
ACME = {
    "name": "Acme Camps",
    "description": "Modular camps for remote sites",
    "services": "Camps",
    "icp": "Mines",
    "differentiators": "Fast delivery",
    "domain": "acmecamps.example",
}


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "workbench.duckdb") as opened:
        yield opened


def test_rows_list_every_field_sorted_by_name(store: Store) -> None:
    assert client_rows(store, ORG).is_empty()
    assert client_rows(store, ORG).columns == list(CLIENT_FIELDS)
    create_client(store, ORG, {**ACME, "name": "Zeta"})
    create_client(store, ORG, ACME)
    rows = client_rows(store, ORG)
    assert rows["name"].to_list() == ["Acme Camps", "Zeta"]
    assert rows.row(0, named=True) == ACME
    assert client_names(store, ORG) == ["Acme Camps", "Zeta"]


def test_a_created_client_is_stored_trimmed(store: Store) -> None:
    created = create_client(store, ORG, {**ACME, "name": "  Acme Camps "})
    assert created.name == "Acme Camps"
    assert store.get_client(ORG, "Acme Camps") == Client(**ACME)


@pytest.mark.parametrize("field", ["name", "description"])
def test_a_blank_required_field_is_named_and_nothing_is_saved(store: Store, field: str) -> None:
    with pytest.raises(InvalidInput, match=f"field '{field}': must not be blank"):
        create_client(store, ORG, {**ACME, field: "   "})
    assert store.list_clients(ORG) == []


def test_a_duplicate_name_is_refused_and_nothing_new_is_stored(store: Store) -> None:
    create_client(store, ORG, ACME)
    with pytest.raises(InvalidInput, match="'Acme Camps' already exists"):
        create_client(store, ORG, {**ACME, "description": "Another"})
    assert store.list_clients(ORG) == [Client(**ACME)]


def test_an_invisible_character_in_the_name_is_refused(store: Store) -> None:
    with pytest.raises(InvalidInput, match="invisible character"):
        client_from_form({**ACME, "name": "Acme\u202eCamps"})


def test_editing_the_description_persists(store: Store) -> None:
    create_client(store, ORG, ACME)
    save_client(store, ORG, "Acme Camps", {**ACME, "description": "Now also warehouses"})
    stored = store.get_client(ORG, "Acme Camps")
    assert stored is not None and stored.description == "Now also warehouses"


def test_renaming_onto_a_taken_name_is_refused(store: Store) -> None:
    create_client(store, ORG, ACME)
    create_client(store, ORG, {**ACME, "name": "Zeta"})
    with pytest.raises(InvalidInput, match="'Zeta': that name already exists"):
        save_client(store, ORG, "Acme Camps", {**ACME, "name": "Zeta"})
    assert client_names(store, ORG) == ["Acme Camps", "Zeta"]


def test_editing_a_client_that_is_gone_is_named(store: Store) -> None:
    with pytest.raises(InvalidInput, match="'Ghost' does not exist"):
        save_client(store, ORG, "Ghost", ACME)


def test_a_client_domain_is_kept_in_key_form_and_a_bad_one_is_named(store: Store) -> None:
    created = create_client(store, ORG, {**ACME, "domain": "https://www.AcmeCamps.example/about"})
    assert created.domain == "acmecamps.example"
    assert store.get_client(ORG, "Acme Camps").domain == "acmecamps.example"  # type: ignore[union-attr]
    with pytest.raises(InvalidInput, match="client domain"):
        create_client(store, ORG, {**ACME, "name": "Other", "domain": "not a domain"})
