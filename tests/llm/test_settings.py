"""LLMSettings from the environment: defaults, parsing, bad values named, the key never shown."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from engine.llm.settings import ENV_VARS, LLMSettings, llm_settings
from engine.models import InvalidInput

KEY = "sk-proj-VISIBLE-ONLY-TO-THE-SDK-42"


def test_defaults_without_environment() -> None:
    settings = llm_settings({})
    assert settings.model == "gpt-4o-mini" and settings.base_url is None
    assert settings.api_key is None and settings.has_api_key is False
    assert (settings.timeout_s, settings.max_retries, settings.concurrency) == (60.0, 4, 4)
    assert settings.cache is True and settings.web_search is False
    assert settings.budget_tokens is None and settings.budget_usd is None


def test_every_variable_is_read() -> None:
    settings = llm_settings(
        {
            "WORKBENCH_MODEL": " gpt-4.1-mini ",
            "OPENAI_BASE_URL": "http://127.0.0.1:8080/v1/",
            "OPENAI_API_KEY": KEY,
            "WORKBENCH_LLM_TIMEOUT": "12.5",
            "WORKBENCH_CONCURRENCY": "8",
            "WORKBENCH_LLM_CACHE": "OFF",
            "WORKBENCH_BUDGET_TOKENS": "20000",
            "WORKBENCH_BUDGET_USD": "0.5",
            "WORKBENCH_WEB_SEARCH": "on",
        }
    )
    assert settings.model == "gpt-4.1-mini"
    assert settings.base_url == "http://127.0.0.1:8080/v1"
    assert settings.api_key is not None and settings.api_key.get_secret_value() == KEY
    assert (settings.timeout_s, settings.concurrency) == (12.5, 8)
    assert settings.cache is False and settings.web_search is True
    assert (settings.budget_tokens, settings.budget_usd) == (20_000, 0.5)


def test_blank_values_count_as_unset() -> None:
    blank = {variable: "  " for variable, _ in ENV_VARS.values()}
    assert llm_settings(blank) == llm_settings({})


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("WORKBENCH_LLM_TIMEOUT", "soon"),
        ("WORKBENCH_LLM_TIMEOUT", "0"),
        ("WORKBENCH_LLM_TIMEOUT", "nan"),
        ("WORKBENCH_CONCURRENCY", "0"),
        ("WORKBENCH_CONCURRENCY", "2.5"),
        ("WORKBENCH_CONCURRENCY", "65"),
        ("WORKBENCH_LLM_CACHE", "maybe"),
        ("WORKBENCH_WEB_SEARCH", "enabled"),
        ("WORKBENCH_BUDGET_TOKENS", "-5"),
        ("WORKBENCH_BUDGET_TOKENS", "lots"),
        ("WORKBENCH_BUDGET_USD", "0"),
        ("WORKBENCH_BUDGET_USD", "inf"),
        ("OPENAI_BASE_URL", "ftp://example.com"),
        ("OPENAI_BASE_URL", "https://user:pw@example.com/v1"),
    ],
)
def test_a_bad_value_is_refused_naming_its_variable(variable: str, value: str) -> None:
    with pytest.raises(InvalidInput, match=variable):
        llm_settings({variable: value})


def test_overrides_win_and_are_checked_by_name() -> None:
    env = {"WORKBENCH_MODEL": "gpt-4o", "WORKBENCH_CONCURRENCY": "8"}
    settings = llm_settings(env, model="local-llama", max_retries=0, base_url=None)
    assert (settings.model, settings.concurrency, settings.max_retries) == ("local-llama", 8, 0)
    with pytest.raises(InvalidInput, match="'timeout_s'"):
        llm_settings({}, timeout_s=-1)
    with pytest.raises(InvalidInput, match="'temperature'"):
        llm_settings({}, temperature=0.2)


def test_the_key_is_hidden_in_repr_str_and_dumps() -> None:
    settings = llm_settings({"OPENAI_API_KEY": KEY})
    for shown in (
        repr(settings),
        str(settings),
        settings.model_dump_json(),
        str(settings.model_dump()),
    ):
        assert KEY not in shown
    assert settings.has_api_key


def test_settings_are_frozen_and_forbid_unknown_fields() -> None:
    settings = llm_settings({})
    with pytest.raises(ValidationError):
        settings.model = "other"  # type: ignore[misc]
    with pytest.raises(ValidationError):
        LLMSettings.model_validate({"modle": "typo"})


@given(st.dictionaries(st.sampled_from([v for v, _ in ENV_VARS.values()]), st.text(max_size=30)))
def test_any_environment_gives_settings_or_a_named_refusal_without_the_key(
    env: dict[str, str],
) -> None:
    env = {**env, "OPENAI_API_KEY": KEY}
    try:
        settings = llm_settings(env)
    except InvalidInput as refused:
        assert KEY not in str(refused)
        assert any(variable in str(refused) for variable in env if variable != "OPENAI_API_KEY")
    else:
        assert KEY not in repr(settings)


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:99999/v1",
        "http://127.0.0.1:0/v1",
        "http://127.0.0.1:port/v1",
        "https:///v1",
        "http://exa mple.com/v1",
        "http://example.com\n/v1",
        "HTTPS//example.com",
    ],
)
def test_a_base_url_with_a_bad_host_or_port_is_refused(url: str) -> None:
    with pytest.raises(InvalidInput, match="OPENAI_BASE_URL"):
        llm_settings({"OPENAI_BASE_URL": url})


def test_a_good_base_url_keeps_its_port() -> None:
    settings = llm_settings({"OPENAI_BASE_URL": "HTTPS://[::1]:8443/v1/"})
    assert settings.base_url == "HTTPS://[::1]:8443/v1"


@pytest.mark.parametrize("key", [KEY + "\u2019", "sk-proj abc-123456789012", "sk-\tx", "ключ-1"])
def test_a_key_that_no_http_header_can_carry_is_refused_without_showing_it(key: str) -> None:
    with pytest.raises(InvalidInput, match="OPENAI_API_KEY") as refused:
        llm_settings({"OPENAI_API_KEY": key})
    assert key.strip() not in str(refused.value) and "printable ASCII" in str(refused.value)


def test_key_looking_values_are_masked_in_refusals() -> None:
    other = "SK-PROJ-abcdefghijklmnopqrstuvwxyz0123"
    with pytest.raises(InvalidInput, match="OPENAI_BASE_URL") as refused:
        llm_settings({"OPENAI_BASE_URL": other, "WORKBENCH_CONCURRENCY": KEY.upper()})
    message = str(refused.value)
    assert "WORKBENCH_CONCURRENCY" in message and "sk-***" in message
    assert other[8:30] not in message and KEY.upper()[8:] not in message
