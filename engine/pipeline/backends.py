"""Which backend a run executes on: the offline backend, or the openai backend over the endpoint.

`backend_for` builds the run's backend when the runner starts it: for `openai`, an
`OpenAIClient` with the workspace's model, base URL and concurrency (saved settings over the
environment), every call logged to the store's llm_calls, the response cache
(WORKBENCH_LLM_CACHE) and the run's budget (WORKBENCH_BUDGET_TOKENS / _USD), seeded with what
the run's earlier executions already spent, so a resume does not start the budget afresh.
`check_backend` refuses, before a run is stored, an openai run that could not start.

The API key comes from the environment only, and it goes only where the environment points:
`OPENAI_BASE_URL`, or api.openai.com when that is unset. A base URL saved in the workspace that
differs gets no key (the client sends a placeholder) unless WORKBENCH_ALLOW_SAVED_BASE_URL_KEY
is on; a plain http:// base URL is refused unless its host is this machine (loopback).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from urllib.parse import urlsplit

from engine.llm.pricing import PRICES_ENV_VAR, PriceTable
from engine.llm.prompts import check_prompts
from engine.llm.settings import DEFAULT_BASE_URL, ON_WORDS, LLMSettings, llm_settings
from engine.models import InvalidInput
from engine.models.run import RunRecord
from engine.research.backend import Backend
from engine.store import Store
from engine.workspace.settings import load_settings

AVAILABLE_BACKENDS = ("offline", "openai")
BASE_URL_ENV_VAR = "OPENAI_BASE_URL"
ALLOW_SAVED_KEY_ENV_VAR = "WORKBENCH_ALLOW_SAVED_BASE_URL_KEY"
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "::1", "localhost"})
DEFAULT_PORTS = {"http": 80, "https": 443}


def _endpoint(url: str) -> tuple[str, str, int | None, str]:
    """(scheme, host, port, path) of a base URL, for comparing two spellings of one endpoint."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    try:
        port = parts.port or DEFAULT_PORTS.get(scheme)
    except ValueError:
        port = None
    return scheme, (parts.hostname or "").lower(), port, parts.path.rstrip("/")


def refuse_plain_http(base_url: str | None) -> None:
    """InvalidInput when `base_url` is plain http:// to a host other than this machine."""
    if base_url is None:
        return
    scheme, host, _, _ = _endpoint(base_url)
    if scheme == "http" and host not in LOOPBACK_HOSTS:
        raise InvalidInput(
            f"base URL {base_url!r} is plain http:// to another machine; use https:// "
            f"(plain http is allowed only for {', '.join(sorted(LOOPBACK_HOSTS))})"
        )


def key_may_go_to(base_url: str | None, environ: Mapping[str, str]) -> bool:
    """Whether the environment's API key may be sent to `base_url` (None: the default)."""
    if base_url is None:
        return True
    env_url = environ.get(BASE_URL_ENV_VAR, "").strip() or DEFAULT_BASE_URL
    if _endpoint(base_url) == _endpoint(env_url):
        return True
    return environ.get(ALLOW_SAVED_KEY_ENV_VAR, "").strip().lower() in ON_WORDS


def _openai_settings(
    store: Store, org_id: str, model: str | None, environ: Mapping[str, str]
) -> LLMSettings:
    workspace = load_settings(store, org_id, environ=environ)
    refuse_plain_http(workspace.base_url)
    overrides: dict[str, object] = {
        "model": model or workspace.model,
        "base_url": workspace.base_url,
        "concurrency": workspace.concurrency,
    }
    if not key_may_go_to(workspace.base_url, environ):
        overrides["api_key"] = None  # the env's key is for the env's endpoint only
    return llm_settings(environ, **overrides)


def _refuse_unpriced_dollar_budget(settings: LLMSettings, environ: Mapping[str, str]) -> PriceTable:
    """The price table; InvalidInput when a dollar budget is set for a model it does not price."""
    prices = PriceTable.load(environ=environ)
    if settings.budget_usd is not None and not prices.known(settings.model):
        raise InvalidInput(
            f"WORKBENCH_BUDGET_USD is set but model {settings.model!r} has no price, so its "
            f"spend cannot be counted in dollars; add the model to the price table "
            f"({PRICES_ENV_VAR} or data/llm/prices.yaml) or use WORKBENCH_BUDGET_TOKENS"
        )
    return prices


def check_backend(
    store: Store, org_id: str, backend: str, environ: Mapping[str, str] | None = None
) -> None:
    """InvalidInput naming what is missing when the backend cannot run in this workspace."""
    if backend not in AVAILABLE_BACKENDS:
        raise InvalidInput(f"backend {backend!r} is unknown; choose from {AVAILABLE_BACKENDS}")
    if backend != "openai":
        return
    try:
        check_prompts()
    except ValueError as exc:
        raise InvalidInput(str(exc)) from None
    env = os.environ if environ is None else environ
    settings = _openai_settings(store, org_id, None, env)
    if not settings.has_api_key and settings.base_url is None:
        raise InvalidInput(
            "backend 'openai' needs OPENAI_API_KEY (or OPENAI_BASE_URL for a local "
            "OpenAI-compatible server); set it in the environment or .streamlit/secrets.toml"
        )
    _refuse_unpriced_dollar_budget(settings, env)


def web_search_enabled(
    store: Store, org_id: str, backend: str, environ: Mapping[str, str] | None = None
) -> bool:
    """Whether a run on `backend` can search the web (openai with WORKBENCH_WEB_SEARCH on)."""
    if backend != "openai":
        return False
    env = os.environ if environ is None else environ
    settings = _openai_settings(store, org_id, None, env)
    return settings.web_search


def backend_for(
    store: Store, org_id: str, run: RunRecord, environ: Mapping[str, str] | None = None
) -> Backend:
    """The backend the run executes on, built fresh for each execution."""
    if run.backend == "offline":
        from engine.research.offline import OfflineBackend

        return OfflineBackend()
    if run.backend != "openai":
        raise ValueError(f"backend {run.backend!r} is not available in this build")
    from engine.llm.budget import RunBudget
    from engine.llm.calllog import StoreCallCache, StoreCallLog
    from engine.llm.openai_client import OpenAIClient
    from engine.llm.protocol import CallContext
    from engine.research.openai_backend import OpenAIBackend

    env = os.environ if environ is None else environ
    settings = _openai_settings(store, org_id, run.model, env)
    prices = _refuse_unpriced_dollar_budget(settings, env)
    spent = store.llm_usage(org_id, [run.run_id])[run.run_id]
    client = OpenAIClient(
        settings,
        log=StoreCallLog(store, org_id),
        cache=StoreCallCache(store, org_id),
        budget=RunBudget(
            settings.budget_tokens,
            settings.budget_usd,
            spent_tokens=spent.total_tokens,
            spent_usd=spent.cost_usd,
        ),
        prices=prices,
    )
    return OpenAIBackend(
        client,
        context=CallContext(org_id=org_id, run_id=run.run_id),
        web_search=client if settings.web_search else None,
    )
