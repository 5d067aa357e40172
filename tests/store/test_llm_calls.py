"""Model calls in the store: the llm_calls log (round trip, order, org isolation, refusals that
store nothing, usage of many runs in one query) and the llm_cache (get, put, upsert, per org)."""

from __future__ import annotations

import dataclasses
import math
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from uuid import uuid4

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.llm.protocol import CallRecord, CallUsage, ChatMessage
from engine.store import DuplicateError, Store, StoreError
from engine.store.llm import CALL_FIELDS, LLMUsage, storable_text
from tests.factories import T0, make_call

ORG, OTHER = "acme", "other-org"


def _rows(store: Store, table: str = "llm_calls") -> int:
    row = store._db.fetchone(f"SELECT count(*) FROM {table}")
    assert row is not None
    return int(row[0])


def test_a_saved_call_lists_back_equal_with_messages_usage_and_extra(store: Store) -> None:
    record = make_call(
        mode="json_object",
        repaired=True,
        attempts=2,
        extra={"dropped": [{"index": 3, "reason": "no statement"}], "web": None},
    )
    store.save_llm_call(ORG, record)
    [listed] = store.list_llm_calls(ORG, "run-1")
    assert listed == record
    assert listed.messages == record.messages
    assert listed.usage == record.usage
    assert listed.created_at.tzinfo is not None


def test_a_failed_call_keeps_its_error_and_no_response(store: Store) -> None:
    failed = make_call(
        "call-failed",
        response_text=None,
        error="HTTP 500 from the endpoint after 4 attempts",
        attempts=4,
        usage=CallUsage(latency_ms=12_000),
    )
    store.save_llm_call(ORG, failed)
    [listed] = store.list_llm_calls(ORG, "run-1")
    assert listed.error == failed.error and listed.response_text is None
    assert listed.usage == CallUsage(latency_ms=12_000)


def test_calls_list_oldest_first_and_only_the_runs_own(store: Store) -> None:
    store.save_llm_call(ORG, make_call("c-late", created_at=T0 + timedelta(seconds=5)))
    store.save_llm_call(ORG, make_call("c-early", created_at=T0))
    store.save_llm_call(ORG, make_call("c-other-run", run_id="run-2"))
    store.save_llm_call(ORG, make_call("c-no-run", run_id=None, step_id=None))
    assert [call.call_id for call in store.list_llm_calls(ORG, "run-1")] == ["c-early", "c-late"]
    assert [call.call_id for call in store.list_llm_calls(ORG, "run-2")] == ["c-other-run"]


def test_a_naive_created_at_is_taken_as_utc(store: Store) -> None:
    store.save_llm_call(ORG, make_call(created_at=datetime(2025, 1, 2, 3, 4, 5)))
    [listed] = store.list_llm_calls(ORG, "run-1")
    assert listed.created_at == datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC)


def test_another_org_never_sees_the_calls_and_may_reuse_the_ids(store: Store) -> None:
    store.save_llm_call(ORG, make_call())
    assert store.list_llm_calls(OTHER, "run-1") == []
    assert store.llm_usage(OTHER, ["run-1"]) == {"run-1": LLMUsage()}
    theirs = make_call(org_id=OTHER, prompt_name="insight")
    store.save_llm_call(OTHER, theirs)
    assert [call.prompt_name for call in store.list_llm_calls(OTHER, "run-1")] == ["insight"]
    assert [call.prompt_name for call in store.list_llm_calls(ORG, "run-1")] == ["extract_claims"]


def test_a_record_whose_context_names_another_org_is_refused(store: Store) -> None:
    with pytest.raises(StoreError, match="belongs to org 'other-org'"):
        store.save_llm_call(ORG, make_call(org_id=OTHER))
    assert _rows(store) == 0


def test_a_call_id_stored_twice_is_refused_and_the_first_is_kept(store: Store) -> None:
    store.save_llm_call(ORG, make_call())
    with pytest.raises(DuplicateError, match="'call-1'"):
        store.save_llm_call(ORG, make_call(prompt_name="another"))
    assert [call.prompt_name for call in store.list_llm_calls(ORG, "run-1")] == ["extract_claims"]


@pytest.mark.parametrize(
    ("change", "named"),
    [
        ({"usage": CallUsage(cost_usd=math.nan)}, "cost_usd"),
        ({"usage": CallUsage(cost_usd=math.inf)}, "cost_usd"),
        ({"usage": CallUsage(cost_usd=-0.01)}, "cost_usd"),
        ({"usage": CallUsage(prompt_tokens=-1)}, "prompt_tokens"),
        ({"attempts": -1}, "attempts"),
        ({"mode": "chat"}, "mode"),
        ({"model": " "}, "model"),
        ({"call_id": ""}, "call_id"),
        ({"messages": (ChatMessage("tool", "x"),)}, "role"),  # type: ignore[arg-type]
        ({"extra": {"score": math.nan}}, "extra"),
        ({"extra": {"when": object()}}, "extra"),
    ],
)
def test_an_invalid_record_is_refused_and_nothing_is_stored(
    store: Store, change: dict[str, Any], named: str
) -> None:
    with pytest.raises(StoreError, match=named):
        store.save_llm_call(ORG, make_call(**change))
    assert _rows(store) == 0


def test_something_that_is_not_a_call_record_is_refused(store: Store) -> None:
    with pytest.raises(StoreError, match="must be a CallRecord"):
        store.save_llm_call(ORG, {"call_id": "x"})  # type: ignore[arg-type]
    assert _rows(store) == 0


def test_a_lone_surrogate_from_a_model_reply_is_stored_as_a_replacement_character(
    store: Store,
) -> None:
    store.save_llm_call(
        ORG,
        make_call(
            response_text='{"a": "x\ud800y"}',
            messages=(ChatMessage("user", "bad \udfff pair, good \U0001f600, nul \x00"),),
            extra={"note": "\ud83d"},
        ),
    )
    [listed] = store.list_llm_calls(ORG, "run-1")
    assert listed.response_text == '{"a": "x\ufffdy"}'
    assert listed.messages[0].content == "bad \ufffd pair, good \U0001f600, nul \x00"
    assert listed.extra == {"note": "\ufffd"}


def test_llm_usage_sums_each_run_in_one_query(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.save_llm_call(ORG, make_call("a1", usage=CallUsage(100, 10, 0.25, 5)))
    store.save_llm_call(ORG, make_call("a2", usage=CallUsage(50, 5, 0.5, 5, cache_hit=True)))
    store.save_llm_call(ORG, make_call("a3", response_text=None, error="timeout"))
    store.save_llm_call(ORG, make_call("b1", run_id="run-2", usage=CallUsage(7, 3, 0.125)))
    store.save_llm_call(OTHER, make_call("x1", org_id=OTHER, usage=CallUsage(9, 9, 9.0)))
    queries: list[str] = []
    original = store._db.fetchall

    def counted(sql: str, params: Any = ()) -> Any:
        queries.append(sql)
        return original(sql, params)

    monkeypatch.setattr(store._db, "fetchall", counted)
    usage = store.llm_usage(ORG, ["run-1", "run-2", "run-offline"])
    assert len(queries) == 1
    default = make_call().usage
    assert usage["run-1"] == LLMUsage(
        calls=3,
        prompt_tokens=150 + default.prompt_tokens,
        completion_tokens=15 + default.completion_tokens,
        cost_usd=pytest.approx(0.75 + default.cost_usd),  # type: ignore[arg-type]
        cache_hits=1,
        errors=1,
    )
    assert usage["run-2"] == LLMUsage(1, 7, 3, 0.125, 0, 0)
    assert usage["run-2"].total_tokens == 10
    assert usage["run-offline"] == LLMUsage()
    assert store.llm_usage(ORG, []) == {}
    assert len(queries) == 1


def test_the_cache_gets_puts_and_replaces_per_org(store: Store) -> None:
    assert store.cached_response(ORG, "k1") is None
    store.cache_response(ORG, "k1", "gpt-4o-mini", '{"v": 1}')
    assert store.cached_response(ORG, "k1") == '{"v": 1}'
    store.cache_response(ORG, "k1", "gpt-4o-mini", '{"v": 2}')
    assert store.cached_response(ORG, "k1") == '{"v": 2}'
    assert _rows(store, "llm_cache") == 1
    assert store.cached_response(OTHER, "k1") is None
    store.cache_response(OTHER, "k1", "m", "theirs")
    assert store.cached_response(ORG, "k1") == '{"v": 2}'
    assert store.cached_response(OTHER, "k1") == "theirs"


def test_the_cache_refuses_an_empty_key_or_text_that_is_not_text(store: Store) -> None:
    with pytest.raises(StoreError, match="cache_key"):
        store.cache_response(ORG, " ", "m", "text")
    with pytest.raises(StoreError, match="must be text"):
        store.cache_response(ORG, "k", "m", None)  # type: ignore[arg-type]
    assert _rows(store, "llm_cache") == 0


def test_calls_and_cache_survive_reopening_the_file(tmp_path: Path) -> None:
    path = tmp_path / "w.duckdb"
    with Store(path) as store:
        store.save_llm_call(ORG, make_call())
        store.cache_response(ORG, "k", "m", "cached")
    with Store(path) as store:
        assert [call.call_id for call in store.list_llm_calls(ORG, "run-1")] == ["call-1"]
        assert store.cached_response(ORG, "k") == "cached"


def test_no_column_or_record_field_could_hold_an_api_key(store: Store) -> None:
    rows = store._db.fetchall(
        "SELECT column_name FROM information_schema.columns "
        "WHERE table_name IN ('llm_calls', 'llm_cache')"
    )
    names = {str(name) for (name,) in rows} | {f.name for f in dataclasses.fields(CallRecord)}
    assert not [name for name in names if "api" in name or "secret" in name or "key" == name]
    assert set(CALL_FIELDS) <= names


@settings(max_examples=40, deadline=None)
@given(
    content=st.text(),
    response=st.one_of(st.none(), st.text()),
    error=st.one_of(st.none(), st.text()),
)
def test_any_text_round_trips_as_storable_text(
    content: str, response: str | None, error: str | None
) -> None:
    record = make_call(
        f"call-{uuid4().hex}",
        messages=(ChatMessage("assistant", content),),
        response_text=response,
        error=error,
    )
    with Store() as store:
        store.save_llm_call(ORG, record)
        [listed] = store.list_llm_calls(ORG, "run-1")
    assert listed.messages[0].content == storable_text(content)
    assert listed.response_text == (None if response is None else storable_text(response))
    assert listed.error == (None if error is None else storable_text(error))
    if response is not None and not any("\ud800" <= char <= "\udfff" for char in response):
        assert listed.response_text == response
