"""Merges and reviews: exact round-trips, numbering of merges, replaced and deleted reviews."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from engine.models.merge import MERGE_RESULT_KEYS
from engine.store import Store, StoreError
from tests.store.builders import make_merge_result, make_review

ORG, RUN = "org-a", "run-1"


def test_a_merge_round_trips_with_its_decisions(store: Store) -> None:
    result = make_merge_result(reconciliation_timestamp=datetime(2024, 6, 1, 12, 5, 9, 7, UTC))
    assert store.save_merge(ORG, RUN, result) == "merge_001"
    loaded = store.latest_merge(ORG, RUN)
    assert loaded == result
    assert loaded is not None
    assert loaded.decisions == result.decisions
    assert loaded.contract_json() == result.contract_json()


def test_a_merge_timestamp_in_another_zone_comes_back_as_the_same_instant_in_utc(
    store: Store,
) -> None:
    result = make_merge_result()
    store.save_merge(ORG, RUN, result)
    loaded = store.latest_merge(ORG, RUN)
    assert loaded is not None
    assert loaded.reconciliation_timestamp == result.reconciliation_timestamp
    assert loaded.reconciliation_timestamp.tzinfo is UTC
    assert loaded.reconciliation_timestamp.microsecond == 654321
    assert loaded.contract_json()["reconciliation_timestamp"] == "2024-06-01T12:05:09Z"


def test_the_merge_result_column_holds_the_contract_json(store: Store) -> None:
    result = make_merge_result()
    store.save_merge(ORG, RUN, result)
    rows = store._db.fetchall(
        "SELECT result::VARCHAR, json_array_length(decisions) FROM merges WHERE run_id = ?", [RUN]
    )
    ((stored_json, decisions_count),) = rows
    stored = json.loads(stored_json)
    assert tuple(stored) == MERGE_RESULT_KEYS
    assert stored["reconciliation_timestamp"] == "2024-06-01T12:05:09Z"
    assert stored["conflicts"] == [
        conflict.model_dump(mode="json") for conflict in result.conflicts
    ]
    assert decisions_count == len(result.decisions) == 1


def test_the_latest_merge_is_the_last_saved(store: Store) -> None:
    assert store.latest_merge(ORG, RUN) is None
    store.save_merge(ORG, RUN, make_merge_result("First Target"))
    assert store.save_merge(ORG, RUN, make_merge_result("Second Target", decisions=[])) == (
        "merge_002"
    )
    latest = store.latest_merge(ORG, RUN)
    assert latest is not None
    assert latest.target_entity == "Second Target"
    assert latest.decisions == []
    assert store.save_merge(ORG, "run-2", make_merge_result()) == "merge_001"


def test_reviews_round_trip_in_decision_order(store: Store) -> None:
    late = make_review("review-b", decided_at=datetime(2024, 5, 2, tzinfo=UTC))
    early = make_review(
        "review-c",
        decision="SAME_PERSON",
        claim_ids=["contact_001", "contact_002"],
        chosen_claim_id=None,
        decided_at=datetime(2024, 5, 1, tzinfo=UTC),
    )
    undated = make_review("review-a", decision="DISMISS", chosen_claim_id=None, decided_at=None)
    same_time = make_review("review-a2", decided_at=datetime(2024, 5, 2, tzinfo=UTC))
    for review in (late, undated, early, same_time):
        store.add_review(ORG, RUN, review)
    assert store.list_reviews(ORG, RUN) == [early, same_time, late, undated]


def test_the_same_review_id_replaces_the_earlier_decision(store: Store) -> None:
    store.add_review(ORG, RUN, make_review("review-1"))
    changed = make_review(
        "review-1", decision="DISMISS", chosen_claim_id=None, note="changed my mind"
    )
    store.add_review(ORG, RUN, changed)
    assert store.list_reviews(ORG, RUN) == [changed]


def test_delete_review_says_whether_it_existed(store: Store) -> None:
    store.add_review(ORG, RUN, make_review("review-1"))
    store.add_review(ORG, RUN, make_review("review-2"))
    assert store.delete_review(ORG, RUN, "review-1") is True
    assert store.delete_review(ORG, RUN, "review-1") is False
    assert [review.review_id for review in store.list_reviews(ORG, RUN)] == ["review-2"]


def test_a_naive_decision_time_is_read_as_utc(store: Store) -> None:
    store.add_review(ORG, RUN, make_review("review-1", decided_at=datetime(2024, 5, 1, 9, 30)))
    (loaded,) = store.list_reviews(ORG, RUN)
    assert loaded.decided_at == datetime(2024, 5, 1, 9, 30, tzinfo=UTC)


def test_an_invalid_review_is_refused_at_the_edge(store: Store) -> None:
    broken = make_review("review-1")
    broken.chosen_claim_id = "lead_009"
    with pytest.raises(StoreError, match="review 'review-1' is invalid"):
        store.add_review(ORG, RUN, broken)
    assert store.list_reviews(ORG, RUN) == []
