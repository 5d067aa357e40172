"""Multi-tenancy: org A never reads, changes or deletes org B's rows, even knowing B's ids."""

from __future__ import annotations

import pytest

from engine.store import NotFoundError, Store
from tests.factories import make_claim
from tests.store.builders import make_client, make_merge_result, make_review, make_source

A, B = "org-a", "org-b"
RUN_B = "run-b"


@pytest.fixture
def store_with_org_b(store: Store) -> Store:
    """A store where only org B has data, in every table."""
    store.add_client(B, make_client("Bravo Client"))
    store.save_sources(B, RUN_B, [make_source("src-b")])
    store.save_claims(B, RUN_B, [make_claim("search_001")], step_id="search_signal")
    store.save_merge(B, RUN_B, make_merge_result())
    store.add_review(B, RUN_B, make_review("review-b"))
    return store


def test_org_a_sees_none_of_org_b_rows(store_with_org_b: Store) -> None:
    store = store_with_org_b
    assert store.list_clients(A) == []
    assert store.get_client(A, "Bravo Client") is None
    assert store.get_client_id(A, "Bravo Client") is None
    assert store.list_sources(A, RUN_B) == []
    assert store.list_claims(A, RUN_B) == []
    assert store.list_claims(A, RUN_B, step_id="search_signal") == []
    assert store.get_claim(A, RUN_B, "search_001") is None
    assert store.count_claims(A, RUN_B) == 0
    assert store.latest_merge(A, RUN_B) is None
    assert store.list_reviews(A, RUN_B) == []


def test_org_a_cannot_change_or_delete_org_b_rows(store_with_org_b: Store) -> None:
    store = store_with_org_b
    with pytest.raises(NotFoundError):
        store.update_client(A, "Bravo Client", make_client("Bravo Client", icp="stolen"))
    assert store.delete_review(A, RUN_B, "review-b") is False
    assert store.get_client(B, "Bravo Client") == make_client("Bravo Client")
    assert [review.review_id for review in store.list_reviews(B, RUN_B)] == ["review-b"]


def test_the_same_ids_in_org_a_are_separate_rows(store_with_org_b: Store) -> None:
    store = store_with_org_b
    store.add_client(A, make_client("Bravo Client", description="org A's own"))
    assert store.save_sources(A, RUN_B, [make_source("src-b", text="A text")]) == 1
    conflicting_in_b = make_claim("search_001", statement="A's own statement.")
    assert store.save_claims(A, RUN_B, [conflicting_in_b], step_id="other_step") == 1
    assert store.save_merge(A, RUN_B, make_merge_result("A target")) == "merge_001"
    store.add_review(A, RUN_B, make_review("review-b", note="A's note"))

    assert store.get_client(B, "Bravo Client") == make_client("Bravo Client")
    assert store.list_sources(B, RUN_B) == [make_source("src-b")]
    assert store.list_claims(B, RUN_B) == [make_claim("search_001")]
    latest_b = store.latest_merge(B, RUN_B)
    assert latest_b is not None
    assert latest_b.target_entity == "Wyloo Metals"
    assert store.list_reviews(B, RUN_B) == [make_review("review-b")]
    assert store.delete_review(A, RUN_B, "review-b") is True
    assert store.list_reviews(B, RUN_B) == [make_review("review-b")]
