"""The Clients page's engine side: the client list, and creating or editing a client from the
fields of a form.

Form fields are checked the way the command line checks `workbench client add`: the `Client`
model's rules (name and description must not be blank), no invisible characters in the name, and
a name unique within the org. A rejected form raises `InvalidInput` with one line naming the
client and the problem, and nothing is saved.
"""

from __future__ import annotations

from collections.abc import Mapping

import polars as pl
from pydantic import ValidationError

from engine.briefings.keys import client_domain
from engine.models import Client, InvalidInput
from engine.models.claims import describe_validation_error
from engine.models.names import clean_name, shorten
from engine.store import DuplicateError, NotFoundError, Store

CLIENT_FIELDS = ("name", "description", "services", "icp", "differentiators", "domain")
FIELD_LABELS = {
    "name": "Name",
    "description": "Description",
    "services": "Services",
    "icp": "Ideal customer profile (ICP)",
    "differentiators": "Differentiators",
    "domain": "Web domain (for its ICP job titles)",
}
ROW_SCHEMA = {field: pl.String for field in CLIENT_FIELDS}


def client_rows(store: Store, org_id: str) -> pl.DataFrame:
    """The org's clients sorted by name, one row each with every field."""
    rows = [client.model_dump(include=set(CLIENT_FIELDS)) for client in store.list_clients(org_id)]
    return pl.DataFrame(rows, schema=ROW_SCHEMA)


def client_names(store: Store, org_id: str) -> list[str]:
    """The names of the org's clients, sorted."""
    return [client.name for client in store.list_clients(org_id)]


def client_from_form(fields: Mapping[str, str]) -> Client:
    """A checked Client from form fields; InvalidInput names the client and the bad field."""
    values = {name: str(fields.get(name) or "") for name in CLIENT_FIELDS}
    shown = shorten(values["name"].strip()) or "(unnamed)"
    if values["name"].strip():
        values["name"] = clean_name(values["name"], "client name")  # the CLI's rules
    values["domain"] = client_domain(values["domain"])
    try:
        return Client(**values)
    except ValidationError as exc:
        detail = describe_validation_error(exc, record="client")
        raise InvalidInput(f"client {shown!r}: {detail}") from None


def create_client(store: Store, org_id: str, fields: Mapping[str, str]) -> Client:
    """Check and store a new client; InvalidInput if a field is bad or the name is taken."""
    client = client_from_form(fields)
    try:
        store.add_client(org_id, client)
    except DuplicateError as exc:
        raise InvalidInput(str(exc)) from None
    return client


def save_client(store: Store, org_id: str, name: str, fields: Mapping[str, str]) -> Client:
    """Check and store the edited client called `name` (it may be renamed); InvalidInput if not."""
    client = client_from_form(fields)
    try:
        store.update_client(org_id, name, client)
    except (DuplicateError, NotFoundError) as exc:
        raise InvalidInput(str(exc)) from None
    return client
