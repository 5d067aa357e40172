"""The Store-backed call log and response cache: what the model client records and caches goes
through the store of one org, and survives reopening the database file."""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path

import pytest

from engine.llm.calllog import StoreCallCache, StoreCallLog
from engine.llm.protocol import CallCache, CallLog, CallUsage
from engine.store import Store, StoreError
from tests.factories import make_call

ORG, OTHER = "acme", "other-org"


@pytest.fixture
def store() -> Iterator[Store]:
    """A migrated in-memory Store."""
    with Store(":memory:") as opened:
        yield opened


def test_the_log_records_each_call_through_the_store(tmp_path: Path) -> None:
    path = tmp_path / "w.duckdb"
    with Store(path) as store:
        log: CallLog = StoreCallLog(store, ORG)
        log.record(make_call("c1", step_id="search_signal"))
        log.record(make_call("c2", step_id="entity_research", org_id=None))
        log.record(make_call("c3", run_id=None, step_id=None))
    with Store(path) as store:
        calls = store.list_llm_calls(ORG, "run-1")
        assert [(call.call_id, call.context.step_id) for call in calls] == [
            ("c1", "search_signal"),
            ("c2", "entity_research"),
        ]
        assert all(call.context.org_id == ORG for call in calls)
        assert store.llm_usage(ORG, ["run-1"])["run-1"].calls == 2
        assert store.list_llm_calls(OTHER, "run-1") == []


def test_a_refused_record_raises_and_stores_nothing(store: Store) -> None:
    log = StoreCallLog(store, ORG)
    with pytest.raises(StoreError, match="cost_usd"):
        log.record(make_call(usage=CallUsage(cost_usd=math.nan)))
    with pytest.raises(StoreError, match="belongs to org"):
        log.record(make_call(org_id=OTHER))
    assert store.list_llm_calls(ORG, "run-1") == []


def test_the_cache_gets_and_puts_through_the_store_per_org(tmp_path: Path) -> None:
    path = tmp_path / "w.duckdb"
    with Store(path) as store:
        cache: CallCache = StoreCallCache(store, ORG)
        assert cache.get("key-1") is None
        cache.put("key-1", "gpt-4o-mini", '{"claims": []}')
        cache.put("key-1", "gpt-4o-mini", '{"claims": [1]}')
        assert cache.get("key-1") == '{"claims": [1]}'
        assert StoreCallCache(store, OTHER).get("key-1") is None
    with Store(path) as store:
        assert store.cached_response(ORG, "key-1") == '{"claims": [1]}'
        assert StoreCallCache(store, ORG).get("key-1") == '{"claims": [1]}'


def test_the_adapters_name_their_store_and_org_but_nothing_secret(store: Store) -> None:
    assert repr(StoreCallLog(store, ORG)) == "StoreCallLog(':memory:', org_id='acme')"
    assert repr(StoreCallCache(store, ORG)) == "StoreCallCache(':memory:', org_id='acme')"
