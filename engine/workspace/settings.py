"""Workspace settings: environment defaults, overridden by what the analyst saved.

`load_settings` merges the two and refuses a bad value naming where it came from (for a bad
environment value, the variable); `settings_or_defaults` is what the workbench opens with: it
never fails, leaving out each bad environment variable (and saved values that no longer check)
and saying which, so one mistyped variable cannot stop every page. `save_settings` stores a
checked `WorkspaceSettings` (the API key is never part of it: only whether `OPENAI_API_KEY` is
set, in the environment or in Streamlit's secrets, is reported). `openai_refusal` says why runs
on the openai backend would be refused with these settings.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from pydantic import ValidationError

from engine.claims.frontmatter import without_credentials
from engine.models import InvalidInput
from engine.models.settings import WorkspaceSettings
from engine.pipeline.policy import CONCURRENCY_ENV_VAR, DEFAULT_CONCURRENCY
from engine.store import Store

API_KEY_ENV_VAR = "OPENAI_API_KEY"
BASE_URL_ENV_VAR = "OPENAI_BASE_URL"
ENV_NAMES = {
    "backend": "WORKBENCH_BACKEND",
    "model": "WORKBENCH_MODEL",
    "base_url": BASE_URL_ENV_VAR,
    "concurrency": CONCURRENCY_ENV_VAR,
}


@dataclass(frozen=True)
class OpenedSettings:
    """The settings the workbench uses, and one line per value left out because it was bad."""

    settings: WorkspaceSettings
    problems: list[str]


def _problems(exc: ValidationError) -> str:
    return "; ".join(
        f"{'.'.join(str(part) for part in error['loc']) or 'settings'}: {error['msg']}"
        for error in exc.errors()
    )


def _checked(values: Mapping[str, object], where: str) -> WorkspaceSettings:
    try:
        return WorkspaceSettings.model_validate(values)
    except ValidationError as exc:
        raise InvalidInput(f"{where}: {_problems(exc)}") from None


def environment_settings(environ: Mapping[str, str] | None = None) -> dict[str, str]:
    """The settings the environment gives, by setting name (only those set and non-blank)."""
    env = os.environ if environ is None else environ
    found = {name: env.get(var, "").strip() for name, var in ENV_NAMES.items()}
    return {name: value for name, value in found.items() if value}


def environment_problems(environ: Mapping[str, str] | None = None) -> dict[str, str]:
    """Each environment setting whose value does not check, by setting name: what is wrong,
    naming the variable and its value (any password in a URL left out)."""
    problems: dict[str, str] = {}
    for name, value in environment_settings(environ).items():
        try:
            WorkspaceSettings.model_validate({name: value})
        except ValidationError as exc:
            problem = f"environment variable {ENV_NAMES[name]}={value!r}: {_problems(exc)}"
            problems[name] = without_credentials(problem)
    return problems


def _api_key_set(env: Mapping[str, str], secret_key_set: bool) -> bool:
    return secret_key_set or bool(env.get(API_KEY_ENV_VAR, "").strip())


def load_settings(
    store: Store,
    org_id: str,
    *,
    environ: Mapping[str, str] | None = None,
    secret_key_set: bool = False,
) -> WorkspaceSettings:
    """The workspace's settings: saved values over environment values over defaults.

    InvalidInput names a bad environment variable (and its value), or the bad saved setting.
    """
    env = os.environ if environ is None else environ
    bad_env = environment_problems(env)
    if bad_env:
        raise InvalidInput("; ".join(bad_env.values()))
    values: dict[str, object] = {"concurrency": DEFAULT_CONCURRENCY}
    values.update(environment_settings(env))
    values.update(store.saved_settings(org_id))
    values["api_key_set"] = _api_key_set(env, secret_key_set)
    return _checked(values, "workspace settings")


def settings_or_defaults(
    store: Store,
    org_id: str,
    *,
    environ: Mapping[str, str] | None = None,
    secret_key_set: bool = False,
) -> OpenedSettings:
    """The workspace's settings with every bad value left out (its default used), and why."""
    env = os.environ if environ is None else environ
    bad_env = environment_problems(env)
    problems = [f"{problem}; using the default instead" for problem in bad_env.values()]
    values: dict[str, object] = {"concurrency": DEFAULT_CONCURRENCY}
    values.update(
        {name: value for name, value in environment_settings(env).items() if name not in bad_env}
    )
    values["api_key_set"] = _api_key_set(env, secret_key_set)
    saved = store.saved_settings(org_id)
    try:
        settings = _checked({**values, **saved}, "saved settings")
    except InvalidInput as exc:
        problems.append(f"{exc}; the saved settings are ignored until saved again")
        settings = _checked(values, "environment settings")
    return OpenedSettings(settings=settings, problems=problems)


def openai_refusal(backend: str, settings: WorkspaceSettings) -> str | None:
    """Why runs on `backend` would be refused for want of a key or endpoint, or None."""
    if backend != "openai" or settings.api_key_set or settings.base_url is not None:
        return None
    return (
        f"Runs on the openai backend will be refused until {API_KEY_ENV_VAR} (environment or "
        f".streamlit/secrets.toml) or {BASE_URL_ENV_VAR} (or the base URL here, for a local "
        "OpenAI-compatible server) is set."
    )


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
