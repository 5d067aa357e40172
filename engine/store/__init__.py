"""The Store: the one boundary that runs SQL (DuckDB), with forward-only migrations.

`Store(path)` opens (or creates) the database and migrates it; `default_db_path()` is where the
CLI and the app find it unless `--db` says otherwise.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from engine.store.database import (
    DatabaseBusyError,
    DuplicateError,
    ForeignFileError,
    NotFoundError,
    StoreError,
)
from engine.store.dossiers import FrozenDossierError, InvalidTransitionError
from engine.store.store import Store

DEFAULT_DB_PATH = Path("data") / "workbench.duckdb"
DB_ENV_VAR = "WORKBENCH_DB"


def default_db_path(environ: Mapping[str, str] | None = None) -> Path:
    """The database path: $WORKBENCH_DB if set and non-empty, else data/workbench.duckdb."""
    env = os.environ if environ is None else environ
    value = env.get(DB_ENV_VAR, "").strip()
    return Path(value) if value else DEFAULT_DB_PATH


__all__ = [
    "DB_ENV_VAR",
    "DEFAULT_DB_PATH",
    "DatabaseBusyError",
    "DuplicateError",
    "ForeignFileError",
    "FrozenDossierError",
    "InvalidTransitionError",
    "NotFoundError",
    "Store",
    "StoreError",
    "default_db_path",
]
