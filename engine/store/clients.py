"""Client records of the Store: the companies dossiers are written for, unique by name per org.

Names are compared by `names.name_key` (NFKC, whitespace collapsed, case-folded): "ACME  Corp",
"acme corp" and the full-width "ＡＣＭＥ Corp" find, and collide with, the client "Acme Corp".
"""

from __future__ import annotations

from uuid import uuid4

from engine.models import Client
from engine.models.names import name_key
from engine.store.database import (
    Database,
    DuplicateError,
    NotFoundError,
    require_key,
    utc_now,
)
from engine.store.rows import CLIENT_FIELDS, client_from_row, columns, model_values, validated

_COLUMNS = columns(CLIENT_FIELDS)
_INSERT = (
    f"INSERT INTO clients (org_id, client_id, {_COLUMNS}, created_at, updated_at) "
    f"VALUES (?, ?{', ?' * len(CLIENT_FIELDS)}, ?, ?)"
)
_UPDATE = (
    f"UPDATE clients SET {', '.join(f'{field} = ?' for field in CLIENT_FIELDS)}, updated_at = ? "
    "WHERE org_id = ? AND client_id = ?"
)
_SELECT_IDS = "SELECT client_id, name FROM clients WHERE org_id = ?"
_SELECT_ONE = f"SELECT {_COLUMNS} FROM clients WHERE org_id = ? AND client_id = ?"
_SELECT_ALL = f"SELECT {_COLUMNS} FROM clients WHERE org_id = ? ORDER BY name"


def new_client_id() -> str:
    """A fresh client id: 'client-' and 12 hex digits (stable across renames)."""
    return f"client-{uuid4().hex[:12]}"


class ClientRecords:
    """Store methods for the clients table; every call is scoped to one org."""

    _db: Database

    def add_client(self, org_id: str, client: Client) -> str:
        """Add a client, return its client_id; a name already in the org raises DuplicateError."""
        org_id = require_key("org_id", org_id)
        client = validated(Client, client, f"client {getattr(client, 'name', None)!r}")
        client_id = new_client_id()
        now = utc_now()
        with self._db.transaction():
            if self._client_id(org_id, client.name) is not None:
                raise DuplicateError(f"client {client.name!r} already exists in org {org_id!r}")
            self._db.execute(
                _INSERT, [org_id, client_id, *model_values(client, CLIENT_FIELDS), now, now]
            )
        return client_id

    def update_client(self, org_id: str, name: str, client: Client) -> None:
        """Replace the client called `name` with `client` (which may rename it)."""
        org_id = require_key("org_id", org_id)
        client = validated(Client, client, f"client {name!r}")
        with self._db.transaction():
            client_id = self._client_id(org_id, name)
            if client_id is None:
                raise NotFoundError(f"client {name!r} does not exist in org {org_id!r}")
            renamed_to = self._client_id(org_id, client.name)
            if renamed_to is not None and renamed_to != client_id:
                raise DuplicateError(
                    f"cannot rename client {name!r} to {client.name!r}: "
                    f"that name already exists in org {org_id!r}"
                )
            self._db.execute(
                _UPDATE, [*model_values(client, CLIENT_FIELDS), utc_now(), org_id, client_id]
            )

    def get_client(self, org_id: str, name: str) -> Client | None:
        """The client called `name` in this org, or None."""
        org_id = require_key("org_id", org_id)
        client_id = self._client_id(org_id, name)
        row = None if client_id is None else self._db.fetchone(_SELECT_ONE, [org_id, client_id])
        return None if row is None else client_from_row(row)

    def get_client_id(self, org_id: str, name: str) -> str | None:
        """The client_id of the client called `name` in this org, or None."""
        return self._client_id(require_key("org_id", org_id), name)

    def list_clients(self, org_id: str) -> list[Client]:
        """Every client of this org, sorted by name."""
        rows = self._db.fetchall(_SELECT_ALL, [require_key("org_id", org_id)])
        return [client_from_row(row) for row in rows]

    def _client_id(self, org_id: str, name: str) -> str | None:
        wanted = name_key(name)
        for client_id, stored_name in self._db.fetchall(_SELECT_IDS, [org_id]):
            if name_key(stored_name) == wanted:
                return str(client_id)
        return None
