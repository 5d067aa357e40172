"""Building a run's backend: where the API key may go, dollar budgets, runs that search the web."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from engine.demo import DemoScenario, seed_demo
from engine.llm.settings import LLMSettings
from engine.models import InvalidInput
from engine.models.run import RunRecord, RunRequest
from engine.pipeline.backends import backend_for, check_backend, key_may_go_to
from engine.pipeline.launch import create_run
from engine.store import Store
from engine.workspace.settings import save_settings
from tests.pipeline.conftest import ORG, start

KEY = "sk-env-key-0123456789abcdefghij"
LLM_VARS = (
    "OPENAI_API_KEY",
    "OPENAI_BASE_URL",
    "WORKBENCH_MODEL",
    "WORKBENCH_BUDGET_TOKENS",
    "WORKBENCH_BUDGET_USD",
    "WORKBENCH_WEB_SEARCH",
    "WORKBENCH_PRICES",
    "WORKBENCH_ALLOW_SAVED_BASE_URL_KEY",
)


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in LLM_VARS:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "workbench.duckdb") as opened:
        seed_demo(opened, ORG)
        yield opened


def save_base_url(store: Store, base_url: str | None, model: str = "gpt-4o-mini") -> None:
    save_settings(
        store,
        ORG,
        {"backend": "openai", "model": model, "base_url": base_url, "concurrency": 4},
    )


def settings_of(store: Store, run: RunRecord, env: dict[str, str]) -> LLMSettings:
    backend = backend_for(store, ORG, run, environ=env)
    settings = backend.llm.settings  # type: ignore[attr-defined]
    assert isinstance(settings, LLMSettings)
    return settings


def offline_run(store: Store, scenario: DemoScenario) -> RunRecord:
    """A stored run switched to the openai backend (so no key is needed to create it)."""
    return start(store, scenario).model_copy(update={"backend": "openai"})


def test_the_env_key_goes_to_the_env_endpoint_or_openai(
    store: Store, first_scenario: DemoScenario
) -> None:
    run = offline_run(store, first_scenario)
    settings = settings_of(store, run, {"OPENAI_API_KEY": KEY})
    assert settings.base_url is None and settings.api_key is not None
    assert settings.api_key.get_secret_value() == KEY
    env = {"OPENAI_API_KEY": KEY, "OPENAI_BASE_URL": "https://llm.example.com/v1/"}
    save_base_url(store, "https://LLM.example.com:443/v1")  # the same endpoint, spelt otherwise
    assert settings_of(store, run, env).api_key is not None


@pytest.mark.parametrize(
    "saved", ["https://attacker.example/v1", "http://127.0.0.1:9/v1", "https://api.openai.com/v2"]
)
def test_a_saved_base_url_elsewhere_gets_no_key(
    store: Store, first_scenario: DemoScenario, saved: str
) -> None:
    run = offline_run(store, first_scenario)
    save_base_url(store, saved)
    settings = settings_of(store, run, {"OPENAI_API_KEY": KEY})
    assert settings.base_url == saved.rstrip("/") and settings.api_key is None
    sdk = backend_for(store, ORG, run, environ={"OPENAI_API_KEY": KEY}).llm._client()  # type: ignore[attr-defined]
    assert sdk.api_key != KEY and KEY not in repr(vars(sdk))
    check_backend(store, ORG, "openai", environ={"OPENAI_API_KEY": KEY})  # a keyless server


def test_the_analyst_may_allow_the_key_to_go_to_a_saved_base_url(
    store: Store, first_scenario: DemoScenario
) -> None:
    run = offline_run(store, first_scenario)
    save_base_url(store, "https://proxy.example.org/v1")
    env = {"OPENAI_API_KEY": KEY, "WORKBENCH_ALLOW_SAVED_BASE_URL_KEY": "on"}
    settings = settings_of(store, run, env)
    assert settings.api_key is not None and settings.api_key.get_secret_value() == KEY


@pytest.mark.parametrize(
    ("url", "allowed"),
    [
        (None, True),
        ("https://api.openai.com/v1", True),
        ("https://api.openai.com/v1/", True),
        ("https://api.openai.com:8443/v1", False),
        ("http://api.openai.com/v1", False),
        ("https://api.openai.com.evil.example/v1", False),
    ],
)
def test_which_urls_the_key_may_go_to_without_an_env_base_url(
    url: str | None, allowed: bool
) -> None:
    assert key_may_go_to(url, {}) is allowed


@pytest.mark.parametrize(
    "url", ["http://llm.example.com/v1", "http://10.0.0.5:8000/v1", "http://127.0.0.1.nip.io/v1"]
)
def test_plain_http_to_another_machine_is_refused(
    store: Store, first_scenario: DemoScenario, url: str
) -> None:
    run = offline_run(store, first_scenario)
    save_base_url(store, url)
    with pytest.raises(InvalidInput, match="plain http"):
        check_backend(store, ORG, "openai", environ={"OPENAI_API_KEY": KEY})
    with pytest.raises(InvalidInput, match="plain http"):
        backend_for(store, ORG, run, environ={"OPENAI_API_KEY": KEY})
    with pytest.raises(InvalidInput, match="plain http"):
        check_backend(store, ORG, "openai", environ={"OPENAI_BASE_URL": url})


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1:8080/v1", "http://localhost/v1", "http://[::1]:1/v1"]
)
def test_plain_http_to_this_machine_is_allowed(store: Store, url: str) -> None:
    save_base_url(store, url)
    check_backend(store, ORG, "openai", environ={})


def test_a_dollar_budget_for_a_model_without_a_price_is_refused(
    store: Store, first_scenario: DemoScenario
) -> None:
    run = offline_run(store, first_scenario)
    save_base_url(store, "http://127.0.0.1:8080/v1", model="local-llama")
    env = {"WORKBENCH_BUDGET_USD": "2"}
    for attempt in (
        lambda: check_backend(store, ORG, "openai", environ=env),
        lambda: backend_for(store, ORG, run, environ=env),
    ):
        with pytest.raises(InvalidInput, match=r"'local-llama'.*WORKBENCH_PRICES"):
            attempt()
    check_backend(store, ORG, "openai", environ={"WORKBENCH_BUDGET_TOKENS": "5000"})
    save_base_url(store, "http://127.0.0.1:8080/v1", model="gpt-4o-mini-2024-07-18")
    check_backend(store, ORG, "openai", environ=env)


def test_an_openai_run_that_searches_the_web_needs_no_sources(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    request = RunRequest(
        client_name="Northwind Haulage", target="Nowhere Minerals Corp", backend="openai"
    )
    client = store.list_clients(ORG)[0].name
    request = request.model_copy(update={"client_name": client})
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    with pytest.raises(InvalidInput, match="no demo scenario matches"):
        create_run(store, ORG, request)
    monkeypatch.setenv("WORKBENCH_WEB_SEARCH", "on")
    run = create_run(store, ORG, request)
    assert run.sources_dir is None and run.backend == "openai"
    assert store.list_sources(ORG, run.run_id) == []
    offline = request.model_copy(update={"backend": "offline"})
    with pytest.raises(InvalidInput, match="no demo scenario matches"):
        create_run(store, ORG, offline)
