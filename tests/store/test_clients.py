"""Clients: added once per name and org, read back, updated, renamed, persisted to the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.models import Client
from engine.store import DuplicateError, NotFoundError, Store, StoreError
from tests.store.builders import make_client


def test_a_client_round_trips_and_gets_an_id(store: Store) -> None:
    client = make_client("Northwind Drilling")
    client_id = store.add_client("org-a", client)
    assert client_id.startswith("client-")
    assert store.get_client("org-a", "Northwind Drilling") == client
    assert store.get_client_id("org-a", "Northwind Drilling") == client_id
    assert store.get_client("org-a", "Nobody") is None


def test_clients_are_listed_by_name(store: Store) -> None:
    for name in ("Zephyr Logistics", "Acme Survey", "Muskeg Civil"):
        store.add_client("org-a", make_client(name))
    names = [client.name for client in store.list_clients("org-a")]
    assert names == ["Acme Survey", "Muskeg Civil", "Zephyr Logistics"]


def test_a_duplicate_name_is_refused_and_nothing_is_written(store: Store) -> None:
    store.add_client("org-a", make_client("Acme Survey", description="first"))
    with pytest.raises(DuplicateError, match="client 'Acme Survey' already exists in org 'org-a'"):
        store.add_client("org-a", make_client("Acme Survey", description="second"))
    assert store.list_clients("org-a") == [make_client("Acme Survey", description="first")]


def test_the_same_name_in_another_org_is_a_different_client(store: Store) -> None:
    id_a = store.add_client("org-a", make_client("Acme Survey"))
    id_b = store.add_client("org-b", make_client("Acme Survey"))
    assert id_a != id_b


def test_update_replaces_the_fields_and_keeps_the_id(store: Store) -> None:
    client_id = store.add_client("org-a", make_client("Acme Survey"))
    changed = make_client("Acme Survey", services="aerial survey", icp="juniors")
    store.update_client("org-a", "Acme Survey", changed)
    assert store.get_client("org-a", "Acme Survey") == changed
    assert store.get_client_id("org-a", "Acme Survey") == client_id


def test_update_can_rename_but_not_onto_another_client(store: Store) -> None:
    client_id = store.add_client("org-a", make_client("Acme Survey"))
    store.add_client("org-a", make_client("Muskeg Civil"))
    store.update_client("org-a", "Acme Survey", make_client("Acme Geo"))
    assert store.get_client("org-a", "Acme Survey") is None
    assert store.get_client_id("org-a", "Acme Geo") == client_id
    with pytest.raises(DuplicateError, match="cannot rename client 'Acme Geo' to 'Muskeg Civil'"):
        store.update_client("org-a", "Acme Geo", make_client("Muskeg Civil", icp="changed"))
    assert store.get_client("org-a", "Muskeg Civil") == make_client("Muskeg Civil")


def test_updating_a_missing_client_names_it(store: Store) -> None:
    with pytest.raises(NotFoundError, match="client 'Ghost Co' does not exist in org 'org-a'"):
        store.update_client("org-a", "Ghost Co", make_client("Ghost Co"))


def test_an_invalid_client_model_is_refused_at_the_edge(store: Store) -> None:
    broken = make_client("Acme Survey")
    broken.description = "   "
    with pytest.raises(StoreError, match="client 'Acme Survey' is invalid: field 'description'"):
        store.add_client("org-a", broken)
    assert store.list_clients("org-a") == []


def test_a_file_backed_store_persists_across_reopen(tmp_path: Path) -> None:
    path = tmp_path / "workbench.duckdb"
    with Store(path) as store:
        client_id = store.add_client("org-a", make_client("Acme Survey"))
    with Store(path) as reopened:
        assert reopened.list_clients("org-a") == [make_client("Acme Survey")]
        assert reopened.get_client_id("org-a", "Acme Survey") == client_id
        assert isinstance(reopened.get_client("org-a", "Acme Survey"), Client)
