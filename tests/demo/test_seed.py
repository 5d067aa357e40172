"""Seeding the demo clients is idempotent; demo scenarios are found by slug or target."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

from engine.demo import DemoSeed, demo_clients, demo_dir, demo_scenario, demo_scenarios, seed_demo
from engine.models import Client, InvalidInput
from engine.store import Store

ORG = "org-demo"


@pytest.fixture
def store() -> Iterator[Store]:
    with Store(":memory:") as opened:
        yield opened


def test_demo_dir_is_the_repository_data_demo() -> None:
    assert demo_dir().name == "demo" and demo_dir().parent.name == "data"
    assert (demo_dir() / "clients.yaml").is_file()


def test_demo_clients_are_valid_and_described() -> None:
    clients = demo_clients()
    assert len(clients) == 2 and len({c.name for c in clients}) == 2
    assert all(c.description and c.services and c.icp and c.differentiators for c in clients)


def test_seeding_twice_adds_the_demo_clients_once(store: Store) -> None:
    names = [c.name for c in demo_clients()]
    assert seed_demo(store, ORG) == DemoSeed(clients_added=names, clients_existing=[])
    assert seed_demo(store, ORG) == DemoSeed(clients_added=[], clients_existing=names)
    assert store.list_clients(ORG) == sorted(demo_clients(), key=lambda c: c.name)


def test_seeding_leaves_an_existing_client_untouched(store: Store) -> None:
    first, second = demo_clients()
    edited = Client(name=first.name, description="Edited by the analyst.")
    store.add_client(ORG, edited)
    seed = seed_demo(store, ORG)
    assert seed == DemoSeed(clients_added=[second.name], clients_existing=[first.name])
    assert store.get_client(ORG, first.name) == edited
    assert store.get_client(ORG, second.name) == second


def test_seeding_one_org_does_not_touch_another(store: Store) -> None:
    seed_demo(store, ORG)
    assert store.list_clients("org-other") == []
    assert seed_demo(store, "org-other").clients_added == [c.name for c in demo_clients()]


def test_scenario_lookup_by_slug_and_target() -> None:
    borealis = demo_scenario("borealis-nickel")
    assert demo_scenario("Borealis Nickel") == borealis
    assert (borealis.target, borealis.client_name) == (
        "Borealis Nickel",
        "Northway Modular Structures",
    )
    halvard = demo_scenario("  HALVARD   data ")
    assert halvard.slug == "halvard-data"
    assert halvard.path == demo_dir() / "scenarios" / "halvard-data"


@given(data=st.data())
def test_lookup_ignores_case(data: st.DataObject) -> None:
    for scenario in demo_scenarios():
        for name in (scenario.slug, scenario.target):
            flips = data.draw(st.lists(st.booleans(), min_size=len(name), max_size=len(name)))
            cased = "".join(
                ch.swapcase() if flip else ch for ch, flip in zip(name, flips, strict=True)
            )
            assert demo_scenario(cased) == scenario


@pytest.mark.parametrize("name", ["", "Kestrel Lake", "borealis", "northway-modular"])
def test_unknown_scenario_names_the_choices(name: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        demo_scenario(name)
    message = str(caught.value)
    assert repr(name) in message
    for scenario in demo_scenarios():
        assert repr(scenario.slug) in message and repr(scenario.target) in message
