"""One executor per run: a second `execute` or `rebuild` of a run in progress is refused.

Two executions of one run would both run its steps, interleave their side writes (merges, plans,
sections, dossier versions) and let one's failure overwrite the other's success. DuckDB lets one
process at a time open a database file, so a run can only be executing in this process: the
claim is a process-wide set of (database, org, run). A run left `running` by a killed process is
not claimed by anyone, so resuming it after a crash works as before.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from engine.models import InvalidInput
from engine.store import Store

_CLAIMED: set[tuple[str, str, str]] = set()
_CLAIMS_LOCK = threading.Lock()


class RunInProgressError(InvalidInput):
    """The run is already being executed or rebuilt in this process."""


def _database_key(store: Store) -> str:
    if store.path == ":memory:":
        return f":memory:{id(store)}"
    return str(Path(store.path).resolve())


def is_executing(store: Store, org_id: str, run_id: str) -> bool:
    """Whether the run is being executed or rebuilt in this process now."""
    with _CLAIMS_LOCK:
        return (_database_key(store), org_id, run_id) in _CLAIMED


@contextmanager
def exclusive_run(store: Store, org_id: str, run_id: str) -> Iterator[None]:
    """Hold the run for one execution; raise RunInProgressError if another holds it."""
    key = (_database_key(store), org_id, run_id)
    with _CLAIMS_LOCK:
        if key in _CLAIMED:
            raise RunInProgressError(
                f"run {run_id!r} is already being executed; wait for it to end, or cancel it"
            )
        _CLAIMED.add(key)
    try:
        yield
    finally:
        with _CLAIMS_LOCK:
            _CLAIMED.discard(key)
