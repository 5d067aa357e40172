"""Workspace settings: environment defaults, overridden by what the analyst saved.

`load_settings` merges the two; `save_settings` stores a checked `WorkspaceSettings` (the API
key is never part of it: only whether `OPENAI_API_KEY` is set, in the environment or in
Streamlit's secrets, is reported).
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from pydantic import ValidationError

from engine.models import InvalidInput
from engine.models.settings import WorkspaceSettings
from engine.pipeline.policy import CONCURRENCY_ENV_VAR, DEFAULT_CONCURRENCY
from engine.store import Store

API_KEY_ENV_VAR = "OPENAI_API_KEY"
ENV_NAMES = {
    "backend": "WORKBENCH_BACKEND",
    "model": "WORKBENCH_MODEL",
    "base_url": "OPENAI_BASE_URL",
    "concurrency": CONCURRENCY_ENV_VAR,
}


def _checked(values: Mapping[str, object], where: str) -> WorkspaceSettings:
    try:
        return WorkspaceSettings.model_validate(values)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(part) for part in error['loc']) or 'settings'}: {error['msg']}"
            for error in exc.errors()
        )
        raise InvalidInput(f"{where}: {problems}") from None


def environment_settings(environ: Mapping[str, str] | None = None) -> dict[str, str]:
    """The settings the environment gives, by setting name (only those set and non-blank)."""
    env = os.environ if environ is None else environ
    found = {name: env.get(var, "").strip() for name, var in ENV_NAMES.items()}
    return {name: value for name, value in found.items() if value}


def load_settings(
    store: Store,
    org_id: str,
    *,
    environ: Mapping[str, str] | None = None,
    secret_key_set: bool = False,
) -> WorkspaceSettings:
    """The workspace's settings: saved values over environment values over defaults."""
    env = os.environ if environ is None else environ
    values: dict[str, object] = {"concurrency": DEFAULT_CONCURRENCY}
    values.update(environment_settings(env))
    values.update(store.saved_settings(org_id))
    values["api_key_set"] = secret_key_set or bool(env.get(API_KEY_ENV_VAR, "").strip())
    return _checked(values, "workspace settings")


def save_settings(store: Store, org_id: str, values: Mapping[str, object]) -> WorkspaceSettings:
    """Check and save the analyst's settings (backend, model, base URL, concurrency)."""
    fields = {name: values[name] for name in ("backend", "model", "base_url", "concurrency")}
    settings = _checked(fields, "settings")
    store.save_settings(
        org_id,
        {
            "backend": settings.backend,
            "model": settings.model,
            "base_url": settings.base_url,
            "concurrency": str(settings.concurrency),
        },
    )
    return settings
