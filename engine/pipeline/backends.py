"""Which backend a run executes on: the offline backend, or the openai backend over the endpoint.

`backend_for` builds the run's backend when the runner starts it: for `openai`, an
`OpenAIClient` with the workspace's model, base URL and concurrency (saved settings over the
environment), the API key from the environment only, every call logged to the store's llm_calls,
the response cache (WORKBENCH_LLM_CACHE) and the run's budget (WORKBENCH_BUDGET_TOKENS / _USD).
`check_backend` refuses, before a run is stored, an openai run that could not start.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from engine.models import InvalidInput
from engine.models.run import RunRecord
from engine.research.backend import Backend
from engine.store import Store

AVAILABLE_BACKENDS = ("offline", "openai")


def _openai_settings(
    store: Store, org_id: str, model: str | None, environ: Mapping[str, str]
) -> object:
    from engine.llm.settings import llm_settings
    from engine.workspace.settings import load_settings

    workspace = load_settings(store, org_id, environ=environ)
    return llm_settings(
        environ,
        model=model or workspace.model,
        base_url=workspace.base_url,
        concurrency=workspace.concurrency,
    )


def check_backend(
    store: Store, org_id: str, backend: str, environ: Mapping[str, str] | None = None
) -> None:
    """InvalidInput naming what is missing when the backend cannot run in this workspace."""
    if backend not in AVAILABLE_BACKENDS:
        raise InvalidInput(f"backend {backend!r} is unknown; choose from {AVAILABLE_BACKENDS}")
    if backend != "openai":
        return
    from engine.llm.settings import LLMSettings

    settings = _openai_settings(store, org_id, None, os.environ if environ is None else environ)
    assert isinstance(settings, LLMSettings)
    if not settings.has_api_key and settings.base_url is None:
        raise InvalidInput(
            "backend 'openai' needs OPENAI_API_KEY (or OPENAI_BASE_URL for a local "
            "OpenAI-compatible server); set it in the environment or .streamlit/secrets.toml"
        )


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
    from engine.llm.settings import LLMSettings
    from engine.research.openai_backend import OpenAIBackend

    env = os.environ if environ is None else environ
    settings = _openai_settings(store, org_id, run.model, env)
    assert isinstance(settings, LLMSettings)
    client = OpenAIClient(
        settings,
        log=StoreCallLog(store, org_id),
        cache=StoreCallCache(store, org_id),
        budget=RunBudget(settings.budget_tokens, settings.budget_usd),
    )
    return OpenAIBackend(
        client,
        context=CallContext(org_id=org_id, run_id=run.run_id),
        web_search=client if settings.web_search else None,
    )
