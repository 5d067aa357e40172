"""OpenAIClient through the real `openai` SDK against the loopback server: answers, retries,
JSON-mode fallback, repair, cache, budget, concurrency, web search, and a key that never leaks."""

from __future__ import annotations

import asyncio
import email.utils
import json
import logging
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from engine.llm import openai_client
from engine.llm import retry as llm_retry
from engine.llm.budget import RunBudget
from engine.llm.calllog import StoreCallCache, StoreCallLog
from engine.llm.openai_client import OpenAIClient
from engine.llm.pricing import ModelPrice, PriceTable
from engine.llm.protocol import (
    BudgetExceeded,
    CallContext,
    CallRecord,
    ChatMessage,
    LLMError,
    LLMResult,
    LLMTransientError,
    Prompt,
)
from engine.llm.replies import cache_key, schema_line
from engine.llm.settings import llm_settings
from engine.store import Store
from tests.fakes.openai_server import LoopbackOpenAI, requested_schema

pytestmark = pytest.mark.allow_hosts(["127.0.0.1"])

KEY = "sk-test-RECOGNISABLE-KEY-0123456789abcdef"
MODEL = "loopback-model"
PRICES = PriceTable({MODEL: ModelPrice(input_per_million=1.0, output_per_million=2.0)})
CONTEXT = CallContext(org_id="org_a", run_id="run_1", step_id="search_signal")
PROMPT = Prompt(
    name="research_search_signal",
    prompt_hash="p" * 64,
    messages=(ChatMessage("system", "You extract facts."), ChatMessage("user", "Find the title.")),
    messages_hash="m" * 64,
)


class Answer(BaseModel):
    title: str
    count: int


def answer(body: dict[str, Any]) -> dict[str, Any]:
    """A model stand-in: a valid Answer when asked for one."""
    assert requested_schema(body) == "Answer"
    return {"title": "Borealis Nickel", "count": 3}


class ListLog:
    """A CallLog keeping records in a list."""

    def __init__(self) -> None:
        self.records: list[CallRecord] = []

    def record(self, record: CallRecord) -> None:
        self.records.append(record)


class DictCache:
    """An in-memory CallCache."""

    def __init__(self) -> None:
        self.entries: dict[str, str] = {}

    def get(self, key: str) -> str | None:
        return self.entries.get(key)

    def put(self, key: str, model: str, response_text: str) -> None:
        self.entries[key] = response_text


@pytest.fixture
def server() -> Iterator[LoopbackOpenAI]:
    with LoopbackOpenAI(answer) as running:
        yield running


@pytest.fixture(autouse=True)
def quick_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(llm_retry, "BACKOFF_BASE_S", 0.01)


def client_for(
    server: LoopbackOpenAI,
    *,
    log: ListLog | None = None,
    call_cache: DictCache | None = None,
    budget: RunBudget | None = None,
    **settings: Any,
) -> OpenAIClient:
    """A client of the loopback server; `settings` override LLMSettings fields."""
    values: dict[str, Any] = {"model": MODEL, "base_url": server.base_url, "api_key": KEY}
    values.update({"timeout_s": 5.0, "max_retries": 2, **settings})
    return OpenAIClient(
        llm_settings({}, **values), log=log, cache=call_cache, budget=budget, prices=PRICES
    )


def run_calls(
    client: OpenAIClient, count: int = 1, prompt: Prompt = PROMPT
) -> list[LLMResult[Answer]]:
    async def calls() -> list[LLMResult[Answer]]:
        try:
            return [await client.structured(prompt, Answer, context=CONTEXT) for _ in range(count)]
        finally:
            await client.aclose()

    return asyncio.run(calls())


def failing(client: OpenAIClient, error: type[Exception]) -> pytest.ExceptionInfo[Exception]:
    with pytest.raises(error) as caught:
        run_calls(client)
    return caught


def test_an_answer_is_validated_costed_and_logged_once(server: LoopbackOpenAI) -> None:
    log = ListLog()
    result = run_calls(client_for(server, log=log))[0]
    assert result.value == Answer(title="Borealis Nickel", count=3)
    (request,) = server.requests
    sent = "".join(message["content"] for message in request.messages)
    assert result.usage.prompt_tokens == (len(sent) + 3) // 4 > 0
    assert result.usage.completion_tokens > 0
    assert result.usage.cost_usd == pytest.approx(
        (result.usage.prompt_tokens * 1.0 + result.usage.completion_tokens * 2.0) / 1e6
    )
    assert request.response_format_type == "json_schema"
    assert request.body is not None
    json_schema = request.body["response_format"]["json_schema"]
    assert json_schema["name"] == "Answer" and json_schema["strict"] is True
    assert json_schema["schema"]["additionalProperties"] is False
    assert request.messages[0]["content"].endswith("\n" + schema_line("Answer"))
    assert request.messages[1] == {"role": "user", "content": "Find the title."}
    (record,) = log.records
    assert (record.mode, record.attempts, record.repaired, record.error) == (
        "json_schema",
        1,
        False,
        None,
    )
    assert record.call_id == result.call_id and record.context == CONTEXT
    assert record.prompt_name == "research_search_signal" and record.schema_name == "Answer"
    assert json.loads(record.response_text or "") == {"title": "Borealis Nickel", "count": 3}
    assert record.usage == result.usage and record.usage.latency_ms >= 0


def test_a_429_waits_for_retry_after_then_succeeds(server: LoopbackOpenAI) -> None:
    log = ListLog()
    server.fail_next("429", seconds=0.2)
    started = time.monotonic()
    result = run_calls(client_for(server, log=log))[0]
    assert time.monotonic() - started >= 0.2
    assert result.value.count == 3 and len(server.requests) == 2
    assert log.records[0].attempts == 2 and log.records[0].error is None


def test_retry_after_ms_is_honoured(server: LoopbackOpenAI) -> None:
    server.fail_next("429", ms=150)
    started = time.monotonic()
    run_calls(client_for(server))
    assert time.monotonic() - started >= 0.15 and len(server.requests) == 2


@pytest.mark.parametrize("status", [500, 502, 503, 504])
def test_a_server_error_is_retried(server: LoopbackOpenAI, status: int) -> None:
    log = ListLog()
    server.fail_next("500", status=status)
    assert run_calls(client_for(server, log=log))[0].value.title == "Borealis Nickel"
    assert log.records[0].attempts == 2


def test_a_timeout_is_retried(server: LoopbackOpenAI) -> None:
    log = ListLog()
    server.fail_next("timeout", seconds=1.0)
    result = run_calls(client_for(server, log=log, timeout_s=0.3))[0]
    assert result.value.count == 3
    assert log.records[0].attempts == 2 and len(server.requests) == 2


def test_an_endpoint_that_keeps_failing_gives_a_transient_error_after_all_retries(
    server: LoopbackOpenAI,
) -> None:
    log = ListLog()
    server.fail_next("500", times=10)
    caught = failing(client_for(server, log=log, max_retries=3), LLMTransientError)
    assert len(server.requests) == 4
    assert "HTTP 500" in str(caught.value) and "4 attempts" in str(caught.value)
    (record,) = log.records
    assert (
        record.attempts == 4 and record.error == str(caught.value) and record.response_text is None
    )


def test_a_truncated_reply_is_repaired_with_the_validation_error(server: LoopbackOpenAI) -> None:
    log = ListLog()
    server.fail_next("truncated")
    result = run_calls(client_for(server, log=log))[0]
    assert result.value.count == 3
    first, repair = server.requests
    bad_reply = repair.messages[-2]
    assert bad_reply["role"] == "assistant" and not bad_reply["content"].endswith("}")
    assert repair.messages[:-2] == first.messages
    asked = repair.messages[-1]
    assert asked["role"] == "user" and "Answer" in asked["content"]
    assert "cut off" in asked["content"] and "Invalid JSON" in asked["content"]
    (record,) = log.records
    assert record.repaired is True and record.attempts == 2
    assert record.messages[-1].content == asked["content"]
    assert (
        result.usage.prompt_tokens > (len("".join(m["content"] for m in first.messages)) + 3) // 4
    )


def test_a_reply_ignoring_the_schema_twice_is_an_error_naming_the_schema(
    server: LoopbackOpenAI,
) -> None:
    log = ListLog()
    server.fail_next("ignore_schema", times=2)
    caught = failing(client_for(server, log=log), LLMError)
    assert not isinstance(caught.value, LLMTransientError)
    message = str(caught.value)
    assert "'Answer'" in message and "title" in message and "Field required" in message
    assert len(server.requests) == 2 and "title" in server.requests[1].messages[-1]["content"]
    (record,) = log.records
    assert record.error == message and record.repaired is False and record.attempts == 2


def test_a_code_fenced_reply_is_accepted() -> None:
    with LoopbackOpenAI(lambda body: '```json\n{"title": "fenced", "count": 2}\n```') as fenced:
        result = run_calls(client_for(fenced))[0]
        assert result.value == Answer(title="fenced", count=2) and len(fenced.requests) == 1


def test_a_server_without_json_schema_gets_json_mode_from_then_on() -> None:
    log = ListLog()
    with LoopbackOpenAI(answer, supports_json_schema=False) as plain:
        client = client_for(plain, log=log)
        results = run_calls(client, count=2)
        formats = [request.response_format_type for request in plain.requests]
        system = plain.requests[1].messages[0]["content"]
    assert [result.value.count for result in results] == [3, 3]
    assert formats == ["json_schema", "json_object", "json_object"]
    assert '"title"' in system and "The JSON schema of Answer" in system
    assert system.endswith(schema_line("Answer"))
    assert [record.mode for record in log.records] == ["json_object", "json_object"]
    assert [record.attempts for record in log.records] == [2, 1]
    assert client.json_schema_supported is False


def test_a_one_off_json_schema_refusal_switches_to_json_mode(server: LoopbackOpenAI) -> None:
    server.fail_next("reject_json_schema")
    assert run_calls(client_for(server))[0].value.count == 3
    assert [request.response_format_type for request in server.requests] == [
        "json_schema",
        "json_object",
    ]


def test_a_schema_the_endpoint_finds_invalid_goes_to_json_mode_alone() -> None:
    class Other(BaseModel):
        note: str

    def both(body: dict[str, Any]) -> dict[str, Any]:
        return {"note": "ok"} if requested_schema(body) == "Other" else answer(body)

    refusal = "Invalid schema for response_format 'Answer': 'default' is not permitted."
    with LoopbackOpenAI(both) as server:
        server.fail_next("error", status=400, message=refusal)
        client = client_for(server)

        async def calls() -> None:
            try:
                await client.structured(PROMPT, Answer, context=CONTEXT)
                await client.structured(PROMPT, Other, context=CONTEXT)
                await client.structured(PROMPT, Answer, context=CONTEXT)
            finally:
                await client.aclose()

        asyncio.run(calls())
        formats = [request.response_format_type for request in server.requests]
    assert formats == ["json_schema", "json_object", "json_schema", "json_object"]
    assert client.json_schema_supported is True


def test_an_identical_second_call_comes_from_the_cache_without_a_request(
    server: LoopbackOpenAI,
) -> None:
    log, cache = ListLog(), DictCache()
    first, second = run_calls(client_for(server, log=log, call_cache=cache), count=2)
    assert len(server.requests) == 1 and len(cache.entries) == 1
    assert second.value == first.value and second.usage.cache_hit is True
    assert (second.usage.prompt_tokens, second.usage.completion_tokens, second.usage.cost_usd) == (
        0,
        0,
        0.0,
    )
    assert [record.mode for record in log.records] == ["json_schema", "cache"]
    assert log.records[1].attempts == 0 and log.records[1].usage.cache_hit is True
    other = Prompt(PROMPT.name, PROMPT.prompt_hash, PROMPT.messages, "n" * 64)
    run_calls(client_for(server, call_cache=cache), prompt=other)
    assert len(server.requests) == 2


def test_the_cache_is_skipped_when_off_and_keeps_only_valid_replies(server: LoopbackOpenAI) -> None:
    cache = DictCache()
    run_calls(client_for(server, call_cache=cache, cache=False), count=2)
    assert len(server.requests) == 2 and cache.entries == {}
    server.fail_next("ignore_schema", times=2)
    failing(client_for(server, call_cache=cache), LLMError)
    assert cache.entries == {}
    cache.entries["broken"] = "not json"
    client = client_for(server, call_cache=cache)
    cache.entries[cache_key(MODEL, PROMPT, Answer, server.base_url)] = '{"title": 1}'
    assert run_calls(client)[0].usage.cache_hit is False


def test_a_spent_budget_stops_the_call_before_any_request(server: LoopbackOpenAI) -> None:
    log = ListLog()
    budget = RunBudget(max_tokens=20_000)
    budget.spend(openai_client.CallUsage(prompt_tokens=20_000, completion_tokens=412))
    caught = failing(client_for(server, log=log, budget=budget), BudgetExceeded)
    assert str(caught.value) == "budget of 20,000 tokens spent (20,412 used)"
    assert server.requests == [] and log.records[0].error == str(caught.value)


def test_the_budget_counts_each_response_and_stops_the_next_call(server: LoopbackOpenAI) -> None:
    budget = RunBudget(max_tokens=1)
    client = client_for(server, budget=budget)
    with pytest.raises(BudgetExceeded, match="budget of 1 tokens spent"):
        run_calls(client, count=2)
    assert len(server.requests) == 1 and budget.spent_tokens > 1
    cost_budget = RunBudget(max_cost_usd=1e-9)
    with pytest.raises(BudgetExceeded, match=r"budget of \$0\.00 spent"):
        run_calls(client_for(server, budget=cost_budget), count=2)


def test_the_api_key_never_reaches_records_errors_or_logs(
    server: LoopbackOpenAI, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    log = ListLog()
    run_calls(client_for(server, log=log))
    messages: list[str] = []
    server.fail_next("error", status=401, message=f"Incorrect API key provided: {KEY}.")
    messages.append(str(failing(client_for(server, log=log), LLMError).value))
    server.fail_next("error", status=400, message=f"bad request for key {KEY} and sk-other-9876543")
    messages.append(str(failing(client_for(server, log=log), LLMError).value))
    server.fail_next("500", times=3)
    messages.append(str(failing(client_for(server, log=log), LLMTransientError).value))
    assert "check OPENAI_API_KEY" in messages[0] and "sk-other-9876543" not in messages[1]
    for text in [*messages, *(repr(record) for record in log.records), caplog.text]:
        assert KEY not in text and KEY[8:24] not in text
    assert KEY not in repr(client_for(server).settings)
    assert all(request.authorized for request in server.requests)


def test_concurrency_bounds_requests_in_flight() -> None:
    def slow(body: dict[str, Any]) -> dict[str, Any]:
        time.sleep(0.15)
        return answer(body)

    with LoopbackOpenAI(slow) as busy:
        client = client_for(busy, concurrency=2)

        async def six() -> list[LLMResult[Answer]]:
            try:
                calls = [client.structured(PROMPT, Answer, context=CONTEXT) for _ in range(6)]
                return await asyncio.gather(*calls)
            finally:
                await client.aclose()

        results = asyncio.run(six())
        assert len(results) == 6 and len(busy.requests) == 6
        assert busy.max_in_flight == 2


def test_web_search_returns_the_cited_pages() -> None:
    cited = [
        ("https://example.gov/notice", "Notice"),
        ("https://news.example.com/a", ""),
        ("https://example.gov/notice", "Duplicate"),
        ("javascript:alert(1)", "Bad"),
    ]
    log = ListLog()
    with LoopbackOpenAI(answer, web_responder=lambda body: ("Found it.", cited)) as web:
        client = client_for(web, log=log)

        async def search() -> openai_client.WebSearchResult:
            try:
                return await client.web_search("Borealis Nickel tender", context=CONTEXT)
            finally:
                await client.aclose()

        result = asyncio.run(search())
        (request,) = web.requests
    assert request.path == "/v1/responses" and request.body is not None
    assert request.body["input"] == "Borealis Nickel tender"
    assert request.body["tools"] == [{"type": "web_search"}]
    assert result.text == "Found it."
    assert result.citations == [
        ("https://example.gov/notice", "Notice"),
        ("https://news.example.com/a", "https://news.example.com/a"),
    ]
    assert result.usage.prompt_tokens > 0 and result.usage.completion_tokens > 0
    (record,) = log.records
    assert record.schema_name == "web_search" and record.response_text == "Found it."
    assert record.extra["citations_dropped"] == 1


def test_an_endpoint_without_web_search_says_so(server: LoopbackOpenAI) -> None:
    log = ListLog()
    client = client_for(server, log=log)

    async def search() -> None:
        try:
            await client.web_search("anything", context=CONTEXT)
        finally:
            await client.aclose()

    with pytest.raises(LLMError, match="this endpoint offers no web search"):
        asyncio.run(search())
    assert len(server.requests) == 1 and log.records[0].error is not None


def test_refused_requests_fail_at_once_with_a_hint(server: LoopbackOpenAI) -> None:
    server.fail_next("error", status=404, message="The model 'loopback-model' does not exist")
    caught = failing(client_for(server), LLMError)
    assert "HTTP 404" in str(caught.value) and "WORKBENCH_MODEL" in str(caught.value)
    assert len(server.requests) == 1


def test_no_key_and_no_base_url_is_a_clear_error_before_any_request() -> None:
    client = OpenAIClient(llm_settings({}), prices=PRICES)
    with pytest.raises(LLMError, match="OPENAI_API_KEY is not set"):
        run_calls(client)


def test_a_local_server_needs_no_key() -> None:
    with LoopbackOpenAI(answer) as local:
        settings = llm_settings({}, base_url=local.base_url, model=MODEL)
        assert run_calls(OpenAIClient(settings, prices=PRICES))[0].value.count == 3
        assert local.requests[0].authorized


def test_a_log_that_refuses_a_record_does_not_fail_the_call(server: LoopbackOpenAI) -> None:
    class RefusingLog:
        def record(self, record: CallRecord) -> None:
            raise ValueError("refused")

    client = OpenAIClient(
        llm_settings({}, base_url=server.base_url, api_key=KEY, model=MODEL),
        log=RefusingLog(),
        prices=PRICES,
    )
    assert run_calls(client)[0].value.count == 3


def test_a_broken_cache_only_means_asking_the_model(server: LoopbackOpenAI) -> None:
    class BrokenCache(DictCache):
        def get(self, key: str) -> str | None:
            raise OSError("disk gone")

        def put(self, key: str, model: str, response_text: str) -> None:
            raise OSError("disk gone")

    results = run_calls(client_for(server, call_cache=BrokenCache()), count=2)
    assert [result.usage.cache_hit for result in results] == [False, False]
    assert len(server.requests) == 2


def test_odd_but_valid_replies_pass_untouched() -> None:
    def odd(body: dict[str, Any]) -> dict[str, Any]:
        return {"title": "\u202eevil\u200b ``` <<<END>>>", "count": -1, "unasked": [1, 2]}

    with LoopbackOpenAI(odd) as weird:
        result = run_calls(client_for(weird))[0]
    assert result.value == Answer(title="\u202eevil\u200b ``` <<<END>>>", count=-1)


def test_a_reply_that_is_not_an_object_is_repaired() -> None:
    replies = iter(["[1, 2, 3]", '{"title": "second try", "count": 2}'])
    with LoopbackOpenAI(lambda body: next(replies)) as server:
        log = ListLog()
        result = run_calls(client_for(server, log=log))[0]
    assert result.value.title == "second try" and log.records[0].repaired is True


@settings(max_examples=200)
@given(
    retry=st.integers(min_value=0, max_value=10_000),
    header=st.sampled_from(["retry-after", "retry-after-ms", "x-other"]),
    value=st.one_of(st.text(max_size=40), st.floats(allow_nan=True).map(str)),
)
def test_retry_delays_stay_within_their_caps(retry: int, header: str, value: str) -> None:
    delay = llm_retry.retry_delay(retry, {header: value})
    assert 0.0 <= delay <= llm_retry.SERVER_DELAY_MAX_S
    assert 0.0 < llm_retry.retry_delay(retry) <= llm_retry.BACKOFF_MAX_S


def test_server_delays_in_seconds_milliseconds_and_dates() -> None:
    assert llm_retry.server_delay({"retry-after": "2"}) == 2.0
    assert llm_retry.server_delay({"retry-after-ms": "250", "retry-after": "9"}) == 0.25
    assert llm_retry.server_delay({"retry-after": "3600"}) == 60.0
    soon = email.utils.formatdate(time.time() + 5, usegmt=True)
    assert 3.0 <= (llm_retry.server_delay({"retry-after": soon}) or 0) <= 5.0
    past = email.utils.formatdate(time.time() - 50, usegmt=True)
    assert llm_retry.server_delay({"retry-after": past}) == 0.0
    assert llm_retry.server_delay({"retry-after": "soon"}) is None
    assert llm_retry.server_delay(None) is None


def test_backoff_doubles_from_half_a_second_with_jitter(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(llm_retry, "BACKOFF_BASE_S", 0.5)
    delays = [llm_retry.retry_delay(retry) for retry in range(8)]
    for retry, delay in enumerate(delays):
        ceiling = min(30.0, 0.5 * 2**retry)
        assert 0.75 * ceiling <= delay <= ceiling


# --- review 5: secrets (D5), robustness (D8), cache endpoint (D10), quota (D11), sizes (D15) ---


class Extraction(BaseModel):
    claims: list[str]


def stored_calls(path: Path) -> list[CallRecord]:
    with Store(path) as store:
        return store.list_llm_calls("org_a", "run_1")


def test_the_key_in_any_case_is_masked_in_errors_and_stored_records(
    server: LoopbackOpenAI, tmp_path: Path
) -> None:
    path = tmp_path / "w.duckdb"
    mangled = f"Invalid key {KEY.upper()} / {KEY[:-1]} / {KEY.lower()}"
    server.fail_next("error", status=400, message=mangled)
    secret_prompt = Prompt(
        PROMPT.name,
        PROMPT.prompt_hash,
        (*PROMPT.messages, ChatMessage("user", f"a document quoting {KEY.swapcase()}")),
        "k" * 64,
    )
    with Store(path) as store:
        log = StoreCallLog(store, "org_a")
        client = OpenAIClient(
            llm_settings({}, model=MODEL, base_url=server.base_url, api_key=KEY),
            log=log,  # type: ignore[arg-type]
            prices=PRICES,
        )
        caught = failing(client, LLMError)
        run_calls(client, prompt=secret_prompt)
    assert "HTTP 400" in str(caught.value)
    texts = [str(caught.value), *(repr(record) for record in stored_calls(path))]
    for text in texts:
        assert KEY[8:24].lower() not in text.lower()
    assert server.requests[1].messages[-1]["content"].endswith(KEY.swapcase())  # sent as is


def test_a_reply_holding_the_key_is_refused_and_neither_cached_nor_stored(
    server: LoopbackOpenAI, tmp_path: Path
) -> None:
    path = tmp_path / "w.duckdb"
    leaky = {"title": f"your token is {KEY.upper()}", "count": 1}
    with LoopbackOpenAI(lambda body: leaky) as hostile, Store(path) as store:
        client = OpenAIClient(
            llm_settings({}, model=MODEL, base_url=hostile.base_url, api_key=KEY),
            log=StoreCallLog(store, "org_a"),  # type: ignore[arg-type]
            cache=StoreCallCache(store, "org_a"),
            prices=PRICES,
        )
        caught = failing(client, LLMError)
        assert (
            store.cached_response("org_a", cache_key(MODEL, PROMPT, Answer, hostile.base_url))
            is None
        )
    assert "contained the API key" in str(caught.value)
    (record,) = stored_calls(path)
    assert record.error is not None and record.response_text is None
    assert KEY[8:24].lower() not in repr(record).lower()


def test_extra_and_response_text_are_masked_in_the_record() -> None:
    from engine.llm.replies import CallTrace

    trace = CallTrace("p", "h", "Answer", response_text=f"x {KEY.upper()} y")
    trace.extra["detail"] = {"nested": [f"bad {KEY}", "sk-" + "A" * 30]}
    record = trace.record(CONTEXT, MODEL, trace.usage(), f"error {KEY.lower()}", KEY)
    assert KEY[8:24].lower() not in repr(record).lower() and "A" * 30 not in repr(record)
    assert record.response_text == "x *** y"


def test_a_lone_surrogate_in_a_reply_is_repaired_and_stored(tmp_path: Path) -> None:
    path = tmp_path / "w.duckdb"
    replies = iter(['{"title": "bad \ud800 reply"', '{"title": "ok \udfff", "count": 2}'])
    with LoopbackOpenAI(lambda body: next(replies)) as server, Store(path) as store:
        log = StoreCallLog(store, "org_a")
        client = client_for(server)
        client._log = log  # type: ignore[assignment]
        result = run_calls(client)[0]
        assert len(server.requests) == 2 and "\ufffd" in server.requests[1].messages[-2]["content"]
    assert result.value == Answer(title="ok \ufffd", count=2)
    (record,) = stored_calls(path)
    assert record.repaired is True and "\ufffd" in (record.response_text or "")


@pytest.mark.parametrize(
    "body", [{"choices": {"x": "y"}}, {"choices": []}, {"object": "chat.completion"}, [1, 2]]
)
def test_a_reply_that_is_not_a_chat_completion_is_an_llm_error(
    server: LoopbackOpenAI, body: object
) -> None:
    log = ListLog()
    server.fail_next("raw", body=body)
    caught = failing(client_for(server, log=log), LLMError)
    assert not isinstance(caught.value, LLMTransientError) and len(server.requests) == 1
    assert log.records[0].error == str(caught.value)


def test_any_other_failure_while_sending_becomes_a_scrubbed_llm_error(
    server: LoopbackOpenAI,
) -> None:
    from pydantic import SecretStr

    log = ListLog()
    client = client_for(server, log=log)
    bad_key = KEY + "\u2019"  # a smart quote: the header cannot be encoded
    client.settings = client.settings.model_copy(update={"api_key": SecretStr(bad_key)})
    caught = failing(client, LLMError)
    assert "model request failed" in str(caught.value) and KEY[8:24] not in str(caught.value)
    assert log.records[0].error == str(caught.value)


def test_the_cache_key_names_the_endpoint_and_empty_extractions_are_not_cached() -> None:
    cache = DictCache()
    with LoopbackOpenAI(answer) as first, LoopbackOpenAI(answer) as second:
        run_calls(client_for(first, call_cache=cache))
        run_calls(client_for(second, call_cache=cache))
        assert len(first.requests) == len(second.requests) == 1 and len(cache.entries) == 2
    assert cache_key(MODEL, PROMPT, Answer, "a") != cache_key(MODEL, PROMPT, Answer, "b")
    with LoopbackOpenAI(lambda body: {"claims": []}) as empty:
        client = client_for(empty, call_cache=cache)

        async def twice() -> None:
            try:
                for _ in range(2):
                    await client.structured(PROMPT, Extraction, context=CONTEXT)
            finally:
                await client.aclose()

        asyncio.run(twice())
        assert len(empty.requests) == 2 and len(cache.entries) == 2


def test_a_spent_quota_is_final_with_the_servers_reason(server: LoopbackOpenAI) -> None:
    reason = f"You exceeded your current quota, please check your plan. key={KEY}"
    server.fail_next("error", times=5, status=429, message=reason, code="insufficient_quota")
    caught = failing(client_for(server, max_retries=4), LLMError)
    assert not isinstance(caught.value, LLMTransientError) and len(server.requests) == 1
    assert "quota" in str(caught.value) and "check your plan" in str(caught.value)
    assert KEY not in str(caught.value)


def test_a_transient_error_ends_with_the_last_scrubbed_detail(server: LoopbackOpenAI) -> None:
    server.fail_next("error", times=3, status=503, message=f"overloaded\nfor {KEY} " + "z" * 500)
    caught = failing(client_for(server, max_retries=2), LLMTransientError)
    message = str(caught.value)
    assert message.startswith("model endpoint unavailable: HTTP 503 on all 3 attempts (last: ")
    assert "overloaded for ***" in message and "\n" not in message and len(message) < 260


def test_huge_token_counts_are_clamped_and_stored(server: LoopbackOpenAI, tmp_path: Path) -> None:
    path = tmp_path / "w.duckdb"
    completion = {
        "id": "c1",
        "object": "chat.completion",
        "created": 1,
        "model": MODEL,
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": '{"title": "t", "count": 1}'},
                "finish_reason": "stop",
            }
        ],
        "usage": {"prompt_tokens": 1e20, "completion_tokens": 10**30, "total_tokens": -1},
    }
    server.fail_next("raw", body=completion)
    with Store(path) as store:
        client = client_for(server)
        client._log = StoreCallLog(store, "org_a")  # type: ignore[assignment]
        result = run_calls(client)[0]
    assert (result.usage.prompt_tokens, result.usage.completion_tokens) == (10**9, 10**9)
    assert stored_calls(path)[0].usage.prompt_tokens == 10**9


def test_a_reply_over_a_megabyte_is_stored_cut_and_not_cached(tmp_path: Path) -> None:
    path = tmp_path / "w.duckdb"
    cache = DictCache()
    with LoopbackOpenAI(lambda body: {"title": "é" * 600_000, "count": 1}) as big:
        with Store(path) as store:
            client = client_for(big, call_cache=cache)
            client._log = StoreCallLog(store, "org_a")  # type: ignore[assignment]
            assert len(run_calls(client)[0].value.title) == 600_000
    (record,) = stored_calls(path)
    assert len((record.response_text or "").encode()) <= 1_000_000
    assert record.extra["response_text_truncated_from_bytes"] > 1_000_000
    assert cache.entries == {}


def test_a_429_saying_the_quota_is_exceeded_is_final_even_without_a_code(
    server: LoopbackOpenAI,
) -> None:
    reason = "You exceeded your current quota, please check your plan and billing details."
    server.fail_next("error", times=5, status=429, message=reason)
    caught = failing(client_for(server, max_retries=4), LLMError)
    assert not isinstance(caught.value, LLMTransientError) and len(server.requests) == 1
    assert llm_retry.quota_spent(429, None, None, "Rate limit reached.") is False
