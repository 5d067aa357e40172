"""How the OpenAI-compatible client is configured: `LLMSettings`, read from the environment.

The names are DESIGN §7's contract (`OPENAI_API_KEY`, `OPENAI_BASE_URL`, `WORKBENCH_MODEL`,
`WORKBENCH_CONCURRENCY`, `WORKBENCH_LLM_CACHE`) plus the client's own knobs: the inactivity
timeout (`WORKBENCH_LLM_TIMEOUT`, default 60 s: the longest silence a request may keep), the
total deadline of one request (`WORKBENCH_REQUEST_DEADLINE_S`, default 120 s: connecting to the
last byte of the answer, whatever trickles in between), budget and web search. The API key is
a `SecretStr`: no repr, log or message ever shows it, and it must be printable ASCII without
whitespace (an HTTP header carries it). The base URL must split into an http(s) scheme, a host
and a valid port, without credentials. A bad value is refused as
`InvalidInput` naming the variable (or the override) that carried it; key-looking values
(`sk-` and 20+ characters, any case) and the key itself (any 8 of its characters in a row,
engine.llm.secrets) are masked in that message.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError, field_validator

from engine.llm.deadlines import DEFAULT_REQUEST_DEADLINE_S, REQUEST_DEADLINE_ENV_VAR
from engine.llm.secrets import mask_secrets
from engine.models import InvalidInput

DEFAULT_BASE_URL = "https://api.openai.com/v1"  # where requests go when no base URL is set

DEFAULT_MODEL = "gpt-4o-mini"
ON_WORDS = frozenset({"on", "true", "yes", "1"})
OFF_WORDS = frozenset({"off", "false", "no", "0"})

# setting name -> (environment variable, what a good value looks like)
ENV_VARS: dict[str, tuple[str, str]] = {
    "model": ("WORKBENCH_MODEL", "a model name"),
    "base_url": ("OPENAI_BASE_URL", "an http:// or https:// URL without credentials"),
    "api_key": ("OPENAI_API_KEY", "an API key"),
    "timeout_s": ("WORKBENCH_LLM_TIMEOUT", "a number of seconds from 0.1 to 3600"),
    "request_deadline_s": (REQUEST_DEADLINE_ENV_VAR, "a number of seconds from 0.1 to 3600"),
    "concurrency": ("WORKBENCH_CONCURRENCY", "a whole number from 1 to 64"),
    "cache": ("WORKBENCH_LLM_CACHE", "on or off"),
    "budget_tokens": ("WORKBENCH_BUDGET_TOKENS", "a whole number of tokens of at least 1"),
    "budget_usd": ("WORKBENCH_BUDGET_USD", "a number of US dollars greater than 0"),
    "web_search": ("WORKBENCH_WEB_SEARCH", "on or off"),
}
SWITCHES = frozenset({"cache", "web_search"})
KEY_LIKE = re.compile(r"sk-[A-Za-z0-9_\-]{20,}", re.I)


class LLMSettings(BaseModel):
    """The model client's settings: endpoint, model, limits, cache, budget, web search."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    model: str = Field(default=DEFAULT_MODEL, min_length=1, max_length=200)
    base_url: str | None = Field(default=None, max_length=2000)
    api_key: SecretStr | None = None
    timeout_s: float = Field(default=60.0, ge=0.1, le=3600.0)
    request_deadline_s: float = Field(default=DEFAULT_REQUEST_DEADLINE_S, ge=0.1, le=3600.0)
    max_retries: int = Field(default=4, ge=0, le=20)
    concurrency: int = Field(default=4, ge=1, le=64)
    cache: bool = True
    budget_tokens: int | None = Field(default=None, ge=1)
    budget_usd: float | None = Field(default=None, gt=0.0)
    web_search: bool = False

    @field_validator("model")
    @classmethod
    def _model_name(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("model must not be blank")
        return value.strip()

    @field_validator("base_url")
    @classmethod
    def _web_address(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        value = value.strip().rstrip("/")
        if any(not char.isprintable() or char.isspace() for char in value):
            raise ValueError("base URL must not contain spaces or control characters")
        parts = urlsplit(value)
        if parts.scheme.lower() not in ("http", "https") or not value.lower().startswith(
            ("http://", "https://")
        ):
            raise ValueError("base URL must start with http:// or https://")
        if "@" in parts.netloc:
            raise ValueError("base URL must not carry credentials")
        if not parts.hostname:
            raise ValueError("base URL must name a host")
        try:
            parts.port  # noqa: B018 - urlsplit checks the port when it is read
        except ValueError:
            raise ValueError("base URL has an invalid port (1 to 65535)") from None
        if parts.port == 0:
            raise ValueError("base URL has an invalid port (1 to 65535)")
        return value

    @field_validator("api_key")
    @classmethod
    def _blank_key(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None or not value.get_secret_value().strip():
            return None
        key = value.get_secret_value().strip()
        if not all(33 <= ord(char) <= 126 for char in key):
            raise ValueError(
                "the key must be printable ASCII without whitespace (was it pasted with a "
                "smart quote or a space?)"
            )
        return SecretStr(key)

    @field_validator("budget_usd", "timeout_s", "request_deadline_s")
    @classmethod
    def _finite(cls, value: float | None) -> float | None:
        if value is not None and not math.isfinite(value):
            raise ValueError("must be a finite number")
        return value

    @property
    def has_api_key(self) -> bool:
        """Whether an API key is set (never the key itself)."""
        return self.api_key is not None


def _switch(name: str, raw: str) -> bool:
    word = raw.strip().lower()
    if word in ON_WORDS:
        return True
    if word in OFF_WORDS:
        return False
    variable, expected = ENV_VARS[name]
    raise InvalidInput(f"{variable} must be {expected}, got {raw!r}")


def _from_environment(env: Mapping[str, str]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name, (variable, _) in ENV_VARS.items():
        raw = env.get(variable, "")
        if not raw.strip():
            continue
        values[name] = _switch(name, raw) if name in SWITCHES else raw.strip()
    return values


def masked(text: str, secret: str | None = None) -> str:
    """The text with `secret` (any 8 of its characters in a row) and key-looking values masked."""
    return mask_secrets(text, (secret,), KEY_LIKE)


def _problem(error: Mapping[str, Any], values: Mapping[str, Any], from_env: set[str]) -> str:
    name = str(error["loc"][0]) if error["loc"] else "settings"
    message = str(error["msg"])
    if name == "api_key":
        return f"{ENV_VARS[name][0]} is not a valid key: {message}"
    if name in from_env:
        variable, expected = ENV_VARS[name]
        return f"{variable} must be {expected}, got {values[name]!r} ({message})"
    return f"setting {name!r}: {message}"


def _secret_of(values: Mapping[str, Any]) -> str | None:
    key = values.get("api_key")
    if isinstance(key, SecretStr):
        key = key.get_secret_value()
    return key.strip() or None if isinstance(key, str) else None


def llm_settings(environ: Mapping[str, str] | None = None, **overrides: Any) -> LLMSettings:
    """The client's settings from the environment, with keyword overrides by setting name."""
    env = os.environ if environ is None else environ
    values = _from_environment(env)
    unknown = sorted(set(overrides) - set(LLMSettings.model_fields))
    if unknown:
        raise InvalidInput(f"unknown LLM setting(s): {', '.join(repr(name) for name in unknown)}")
    values.update(overrides)
    from_env = set(values) - set(overrides)
    try:
        return LLMSettings.model_validate(values)
    except ValidationError as exc:
        problems = "; ".join(_problem(error, values, from_env) for error in exc.errors())
        raise InvalidInput(masked(f"LLM settings: {problems}", _secret_of(values))) from None
