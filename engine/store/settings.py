"""Workspace-settings records of the Store: one value a setting per org (never a secret)."""

from __future__ import annotations

from collections.abc import Mapping

from engine.models.settings import SETTING_NAMES
from engine.store.database import Database, StoreError, require_key, utc_now

_UPSERT = (
    "INSERT INTO workspace_settings (org_id, setting, value, updated_at) VALUES (?, ?, ?, ?) "
    "ON CONFLICT (org_id, setting) DO UPDATE SET value = excluded.value, "
    "updated_at = excluded.updated_at"
)
_DELETE = "DELETE FROM workspace_settings WHERE org_id = ? AND setting = ?"
_SELECT = "SELECT setting, value FROM workspace_settings WHERE org_id = ? ORDER BY setting"


class SettingsRecords:
    """Store methods for the workspace_settings table; every call is scoped to one org."""

    _db: Database

    def saved_settings(self, org_id: str) -> dict[str, str]:
        """The org's saved settings, by name (only those saved)."""
        rows = self._db.fetchall(_SELECT, [require_key("org_id", org_id)])
        return {str(setting): str(value) for setting, value in rows}

    def save_settings(self, org_id: str, values: Mapping[str, str | None]) -> None:
        """Save settings by name in one transaction; None forgets a saved value."""
        org_id = require_key("org_id", org_id)
        unknown = sorted(set(values) - set(SETTING_NAMES))
        if unknown:
            raise StoreError(f"unknown settings {unknown!r}; known: {list(SETTING_NAMES)!r}")
        now = utc_now()
        with self._db.transaction():
            for setting, value in values.items():
                if value is None:
                    self._db.execute(_DELETE, [org_id, setting])
                else:
                    self._db.execute(_UPSERT, [org_id, setting, str(value), now])
