"""Demo workspace: the fictional demo clients, their paired source scenarios, and seeding.

`data/demo/clients.yaml` lists each demo client with the scenario it is paired with (a folder
`data/demo/scenarios/<slug>/` of source documents) and the target company those sources are
about; its top-level `scenarios` mapping gives each scenario a title. Everything here reads
files only; `seed_demo` writes through the Store's public client methods (no SQL here) and is
idempotent: a client already in the org, by name, is left untouched.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import yaml
from pydantic import ValidationError

from engine.models import Client, InvalidInput
from engine.store import DuplicateError

CLIENTS_FILE = "clients.yaml"
SCENARIOS_DIR = "scenarios"
_PAIRING_KEYS = ("scenario", "target")


@dataclass(frozen=True)
class DemoScenario:
    """A demo source corpus, the target company it is about and the client it is paired with."""

    slug: str
    title: str
    target: str
    client_name: str
    path: Path


@dataclass(frozen=True)
class DemoSeed:
    """What `seed_demo` did: client names added, and names already present (untouched)."""

    clients_added: list[str]
    clients_existing: list[str]


class ClientStore(Protocol):
    """The Store methods seeding uses (engine.store.Store provides them)."""

    def add_client(self, org_id: str, client: Client) -> str:
        """Add a client; a name already in the org raises DuplicateError."""
        ...

    def get_client(self, org_id: str, name: str) -> Client | None:
        """The client called name in this org, or None."""
        ...


@dataclass(frozen=True)
class _DemoEntry:
    client: Client
    scenario: str
    target: str


def demo_dir() -> Path:
    """The repository's data/demo folder (found from this file's location)."""
    return Path(__file__).resolve().parents[1] / "data" / "demo"


def _load_manifest(path: Path) -> dict[str, Any]:
    """clients.yaml as a mapping, with one-line errors naming the file."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InvalidInput(f"{str(path)!r}: cannot be read ({exc.strerror or exc})") from None
    except yaml.YAMLError as exc:
        raise InvalidInput(f"{str(path)!r}: not valid YAML ({exc})") from None
    if not isinstance(data, dict) or not isinstance(data.get("clients"), list):
        raise InvalidInput(f"{str(path)!r}: expected a mapping with a 'clients' list")
    return data


def _entry(path: Path, index: int, raw: object) -> _DemoEntry:
    """One validated entry of the clients list."""
    where = f"{str(path)!r}: clients[{index}]"
    if not isinstance(raw, dict):
        raise InvalidInput(f"{where}: expected a mapping, got {type(raw).__name__}")
    fields = dict(raw)
    pairing: dict[str, str] = {}
    for key in _PAIRING_KEYS:
        value = fields.pop(key, None)
        if not isinstance(value, str) or not value.strip():
            raise InvalidInput(f"{where}: key {key!r} must be a non-empty string")
        pairing[key] = value.strip()
    try:
        client = Client.model_validate(fields)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(part) for part in first["loc"]) or "?"
        raise InvalidInput(f"{where}: field {field!r}: {first['msg']}") from None
    return _DemoEntry(client, pairing["scenario"], pairing["target"])


def _entries() -> tuple[list[_DemoEntry], dict[str, str]]:
    """The clients.yaml entries in file order, and the scenario titles by slug."""
    path = demo_dir() / CLIENTS_FILE
    data = _load_manifest(path)
    entries = [_entry(path, index, raw) for index, raw in enumerate(data["clients"])]
    names = [entry.client.name for entry in entries]
    for name in names:
        if names.count(name) > 1:
            raise InvalidInput(f"{str(path)!r}: client {name!r} is listed more than once")
    titles = data.get("scenarios") or {}
    if not isinstance(titles, dict):
        raise InvalidInput(f"{str(path)!r}: 'scenarios' must map each slug to a title")
    return entries, {str(slug): str(title) for slug, title in titles.items()}


def demo_clients() -> list[Client]:
    """The demo clients of clients.yaml, validated, in file order."""
    entries, _ = _entries()
    return [entry.client for entry in entries]


def demo_scenarios() -> list[DemoScenario]:
    """Every demo scenario, in clients.yaml order; each folder must exist."""
    entries, titles = _entries()
    scenarios: list[DemoScenario] = []
    for entry in entries:
        folder = demo_dir() / SCENARIOS_DIR / entry.scenario
        if not folder.is_dir():
            raise InvalidInput(
                f"demo client {entry.client.name!r}: scenario folder {str(folder)!r} is missing"
            )
        scenarios.append(
            DemoScenario(
                slug=entry.scenario,
                title=titles.get(entry.scenario, entry.scenario),
                target=entry.target,
                client_name=entry.client.name,
                path=folder,
            )
        )
    return scenarios


def demo_scenario(slug_or_target: str) -> DemoScenario:
    """The demo scenario named by its slug or its target company (case-insensitive)."""
    wanted = " ".join(slug_or_target.split()).casefold()
    scenarios = demo_scenarios()
    for scenario in scenarios:
        if wanted in (scenario.slug.casefold(), " ".join(scenario.target.split()).casefold()):
            return scenario
    choices = ", ".join(f"{s.slug!r} (target {s.target!r})" for s in scenarios)
    raise InvalidInput(f"unknown demo scenario {slug_or_target!r}; choose one of: {choices}")


def seed_demo(store: ClientStore, org_id: str) -> DemoSeed:
    """Add each demo client missing from the org (by name); leave existing ones untouched."""
    added: list[str] = []
    existing: list[str] = []
    for client in demo_clients():
        if store.get_client(org_id, client.name) is not None:
            existing.append(client.name)
            continue
        try:
            store.add_client(org_id, client)
        except DuplicateError:  # added by a concurrent seed since the lookup
            existing.append(client.name)
        else:
            added.append(client.name)
    return DemoSeed(clients_added=added, clients_existing=existing)
