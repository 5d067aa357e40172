"""The workbench's shared resources, opened once per process with `st.cache_resource`.

The Store (one DuckDB file, a cursor per thread) and the run worker (a background thread with
its own event loop) are shared by every session; runs keep going while the analyst moves between
pages or closes the tab. The Store holds the file only while it works (a page run, a fragment's
rerun, a run executing in the worker: `held`), so the CLI can use the same file in between;
when another process holds it, the page waits briefly, then shows who holds it
(`DatabaseBusyError`, one line) instead of a traceback. `workspace()` gathers what a page
needs: store, worker, org, user and the workspace settings. A bad settings value in the
environment (WORKBENCH_CONCURRENCY=abc) does not stop the workbench: its default is used and
`Workspace.problems` names the variable, for app.py to show once.
"""

from __future__ import annotations

import functools
import getpass
import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import ParamSpec, TypeVar

import streamlit as st

from engine.models.settings import WorkspaceSettings
from engine.pipeline.policy import DEFAULT_CONCURRENCY
from engine.store import Store, default_db_path
from engine.workspace.settings import API_KEY_ENV_VAR, settings_or_defaults
from engine.workspace.worker import RunWorker

ORG_ENV_VAR = "WORKBENCH_ORG"
USER_ENV_VAR = "WORKBENCH_USER"
DEFAULT_ORG = "default"
APP_HOLDER = "the workbench app"
APP_DB_WAIT_S = 3.0  # a page waits this long for a CLI command to let the file go
APP_IDLE_RELEASE_S = 0.5  # the app lets the file go once idle this long
P = ParamSpec("P")
R = TypeVar("R")


@dataclass(frozen=True)
class Workspace:
    """What a page works with."""

    store: Store
    worker: RunWorker
    org_id: str
    user: str
    db_path: str
    settings: WorkspaceSettings
    problems: tuple[str, ...] = ()


@st.cache_resource(show_spinner=False)
def open_store(path: str) -> Store:
    """The Store over the DuckDB file at `path`, made (and migrated) once per process.

    It holds the file only while working, so CLI commands can use it between page runs.
    """
    return Store(
        path,
        hold_while_working=True,
        holder=APP_HOLDER,
        busy_wait_s=APP_DB_WAIT_S,
        idle_release_s=APP_IDLE_RELEASE_S,
    )


def held(function: Callable[P, R]) -> Callable[P, R]:
    """Run `function` (a fragment's body) holding the database file for its whole rerun."""

    @functools.wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with open_store(str(default_db_path())).session():
            return function(*args, **kwargs)

    return wrapper


@st.cache_resource(show_spinner=False)
def run_worker(path: str, org_id: str) -> RunWorker:
    """The background run worker of one store and org, started once per process.

    Its concurrency comes from the workspace settings (`workspace()` sets it on every page
    run), never straight from the environment, so a bad environment value cannot stop it.
    """
    return RunWorker(open_store(path), org_id, concurrency=DEFAULT_CONCURRENCY)


def secret_key_set() -> bool:
    """Whether Streamlit's secrets hold an API key (the key itself is never read out)."""
    try:
        return API_KEY_ENV_VAR in st.secrets
    except Exception:  # no secrets file: Streamlit raises rather than answering "no"
        return False


def export_secret_key() -> None:
    """Give the engine the key from Streamlit's secrets (in this process only, never stored)."""
    if os.environ.get(API_KEY_ENV_VAR, "").strip() or not secret_key_set():
        return
    try:
        os.environ[API_KEY_ENV_VAR] = str(st.secrets[API_KEY_ENV_VAR])
    except Exception:  # unreadable secrets: the Settings page says no key is set
        return


def current_org() -> str:
    """The workspace id: $WORKBENCH_ORG, else 'default'."""
    return os.environ.get(ORG_ENV_VAR, "").strip() or DEFAULT_ORG


def current_user() -> str:
    """The analyst: $WORKBENCH_USER, else the login name."""
    configured = os.environ.get(USER_ENV_VAR, "").strip()
    if configured:
        return configured
    try:
        return getpass.getuser()
    except Exception:
        return "analyst"


def workspace() -> Workspace:
    """The store, worker, org, user and settings for this page run (bad values named)."""
    path = str(default_db_path())
    org_id = current_org()
    store = open_store(path)
    export_secret_key()
    opened = settings_or_defaults(store, org_id, secret_key_set=secret_key_set())
    worker = run_worker(path, org_id)
    worker.set_concurrency(opened.settings.concurrency)
    return Workspace(
        store, worker, org_id, current_user(), path, opened.settings, tuple(opened.problems)
    )
