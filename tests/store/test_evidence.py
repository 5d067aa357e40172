"""Sources and claims: idempotent upserts, all-or-nothing claim batches, exact round-trips."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import uuid4

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.models import Claim, ClaimType, Confidence, EventStatus, Person, SourceTier
from engine.store import DuplicateError, Store, StoreError
from tests.factories import make_claim
from tests.store.builders import make_source

_FIRST_DAY, _LAST_DAY = date(1900, 1, 1), date(2100, 12, 31)  # the claim years

ORG, RUN = "org-a", "run-1"


def test_sources_round_trip_sorted_by_id(store: Store) -> None:
    docs = [make_source("src-2"), make_source("src-1", published=None, url=None, images=[])]
    assert store.save_sources(ORG, RUN, docs) == 2
    assert store.list_sources(ORG, RUN) == [docs[1], docs[0]]


def test_saving_sources_again_is_idempotent_and_updates_changes(store: Store) -> None:
    store.save_sources(ORG, RUN, [make_source("src-1"), make_source("src-2")])
    assert store.save_sources(ORG, RUN, [make_source("src-1"), make_source("src-2")]) == 0
    edited = make_source("src-2", text="Corrected body.", tier="PRIMARY")
    assert store.save_sources(ORG, RUN, [make_source("src-1"), edited]) == 1
    assert store.list_sources(ORG, RUN) == [make_source("src-1"), edited]


def test_a_source_batch_repeating_an_id_is_refused(store: Store) -> None:
    with pytest.raises(DuplicateError, match="source 'src-1' appears twice"):
        store.save_sources(ORG, RUN, [make_source("src-1"), make_source("src-1", text="x")])
    assert store.list_sources(ORG, RUN) == []


def test_claims_are_listed_by_id_and_counted(store: Store) -> None:
    claims = [make_claim("search_002"), make_claim("entity_001"), make_claim("search_001")]
    assert store.save_claims(ORG, RUN, claims) == 3
    assert [c.claim_id for c in store.list_claims(ORG, RUN)] == [
        "entity_001",
        "search_001",
        "search_002",
    ]
    assert store.count_claims(ORG, RUN) == 3
    assert store.count_claims(ORG, "run-2") == 0
    assert store.get_claim(ORG, RUN, "entity_001") == claims[1]
    assert store.get_claim(ORG, RUN, "entity_999") is None


def test_resaving_identical_claims_inserts_nothing(store: Store) -> None:
    first = [make_claim("search_001"), make_claim("search_002")]
    assert store.save_claims(ORG, RUN, first, step_id="search_signal") == 2
    again = [*first, make_claim("search_003")]
    assert store.save_claims(ORG, RUN, again, step_id="search_signal") == 1
    assert store.save_claims(ORG, RUN, again, step_id="search_signal") == 0
    assert store.list_claims(ORG, RUN) == again


def test_one_conflicting_claim_leaves_the_table_unchanged(store: Store) -> None:
    store.save_claims(ORG, RUN, [make_claim("search_001", value="Perth")])
    before = store.list_claims(ORG, RUN)
    batch = [make_claim("search_002"), make_claim("search_001", value="Toronto")]
    with pytest.raises(DuplicateError) as caught:
        store.save_claims(ORG, RUN, batch)
    message = str(caught.value)
    assert "claim 'search_001' already exists in run 'run-1'" in message
    assert "'value'" in message
    assert store.list_claims(ORG, RUN) == before
    assert store.get_claim(ORG, RUN, "search_002") is None


def test_a_batch_repeating_a_claim_id_writes_nothing(store: Store) -> None:
    batch = [make_claim("search_001"), make_claim("search_002"), make_claim("search_001")]
    with pytest.raises(DuplicateError, match="claim 'search_001' appears twice"):
        store.save_claims(ORG, RUN, batch)
    assert store.count_claims(ORG, RUN) == 0


def test_the_same_claim_from_another_step_is_a_conflict(store: Store) -> None:
    store.save_claims(ORG, RUN, [make_claim("search_001")], step_id="search_signal")
    with pytest.raises(DuplicateError, match="by step 'search_signal', not 'entity_research'"):
        store.save_claims(ORG, RUN, [make_claim("search_001")], step_id="entity_research")


def test_an_invalid_claim_is_refused_naming_it_and_nothing_is_written(store: Store) -> None:
    broken = make_claim("search_002")
    broken.statement = " "
    with pytest.raises(StoreError, match="claim 'search_002' is invalid: field 'statement'"):
        store.save_claims(ORG, RUN, [make_claim("search_001"), broken])
    assert store.count_claims(ORG, RUN) == 0


def test_claims_filter_by_type_and_step(store: Store) -> None:
    store.save_claims(ORG, RUN, [make_claim("search_001", claim_type="SIGNAL")], step_id="s1")
    store.save_claims(ORG, RUN, [make_claim("entity_001", claim_type="ENTITY")], step_id="s2")
    store.save_claims(ORG, RUN, [make_claim("manual_001", claim_type="SIGNAL")])
    by_type = store.list_claims(ORG, RUN, claim_type=ClaimType.SIGNAL)
    assert [c.claim_id for c in by_type] == ["manual_001", "search_001"]
    assert [c.claim_id for c in store.list_claims(ORG, RUN, claim_type="ENTITY")] == ["entity_001"]
    assert [c.claim_id for c in store.list_claims(ORG, RUN, step_id="s1")] == ["search_001"]
    assert store.list_claims(ORG, RUN, claim_type="SIGNAL", step_id="s2") == []
    with pytest.raises(StoreError, match="unknown claim_type 'GOSSIP'"):
        store.list_claims(ORG, RUN, claim_type="GOSSIP")


def _optional(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.none() | strategy


_persons = st.builds(
    Person,
    name=st.text(min_size=1).filter(lambda text: text.strip() != ""),
    title=_optional(st.text()),
    organization=_optional(st.text()),
    linkedin_url=_optional(st.text()),
    email=_optional(st.text()),
)


@st.composite
def _claims(draw: st.DrawFn, number: int) -> Claim:
    prefix = draw(st.sampled_from(["search", "entity", "contact", "lead", "opp", "doc"]))
    values: dict[str, Any] = {
        "claim_id": f"{prefix}_{number:03d}",
        "claim_type": draw(st.sampled_from(list(ClaimType))),
        "statement": draw(st.text(min_size=1).filter(lambda text: text.strip() != "")),
        "entities": draw(st.lists(st.text(), max_size=4)),
        "date_in_claim": draw(_optional(st.dates(_FIRST_DAY, _LAST_DAY))),
        "source_url": draw(_optional(st.text())),
        "source_name": draw(_optional(st.text())),
        "source_tier": draw(st.sampled_from(list(SourceTier))),
        "confidence": draw(st.sampled_from(list(Confidence))),
        "subject": draw(_optional(st.text())),
        "attribute": draw(_optional(st.from_regex(r"[a-z][a-z0-9_]{0,20}", fullmatch=True))),
        "value": draw(_optional(st.text())),
        "event_status": draw(_optional(st.sampled_from(list(EventStatus)))),
        "reported_on": draw(_optional(st.dates(_FIRST_DAY, _LAST_DAY))),
        "person": draw(_optional(_persons)),
    }
    return Claim.model_validate(values)


_claim_batches = st.integers(min_value=0, max_value=6).flatmap(
    lambda size: st.tuples(*(_claims(number) for number in range(1, size + 1)))
)


@settings(max_examples=60, deadline=None)
@given(batch=_claim_batches)
def test_saved_claims_list_back_equal_field_by_field(batch: tuple[Claim, ...]) -> None:
    with Store() as store:
        run_id = f"run-{uuid4().hex}"
        assert store.save_claims(ORG, run_id, batch, step_id="step") == len(batch)
        listed = store.list_claims(ORG, run_id)
    expected = sorted(batch, key=lambda claim: claim.claim_id)
    assert listed == expected
    assert [c.model_dump(mode="json") for c in listed] == [
        c.model_dump(mode="json") for c in expected
    ]


def _save_from_threads(
    shared: Store, batch: list[Claim], threads: int
) -> tuple[list[int], list[Exception]]:
    """Save one batch from several threads at once; return what each inserted, and any errors."""
    import threading

    errors: list[Exception] = []
    inserted: list[int] = []

    def save() -> None:
        try:
            inserted.append(shared.save_claims("o", "run", batch, step_id="x"))
        except Exception as exc:  # the test reports any failure
            errors.append(exc)

    workers = [threading.Thread(target=save) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return inserted, errors


def test_threads_saving_the_same_batch_at_once_all_succeed() -> None:
    """Losers of the race re-read and retry: no raw commit conflict reaches the caller."""
    batch = [make_claim(f"doc_{i:03d}") for i in range(1, 150)]
    for _ in range(10):
        with Store(":memory:") as shared:
            inserted, errors = _save_from_threads(shared, batch, threads=4)
            assert errors == []
            assert sorted(inserted) == [0, 0, 0, len(batch)]
            assert shared.count_claims("o", "run") == len(batch)


def test_claims_come_with_the_step_that_saved_them(store: Store) -> None:
    first, second = make_claim("search_001"), make_claim("lead_001")
    store.save_claims(ORG, RUN, [first], step_id="search_signal")
    store.save_claims(ORG, RUN, [second])
    assert store.list_claims_with_steps(ORG, RUN) == [(second, None), (first, "search_signal")]
    assert store.list_claims_with_steps("other-org", RUN) == []


def test_claims_are_counted_by_type_within_one_run_and_org(store: Store) -> None:
    claims = [
        make_claim("search_001", claim_type="SIGNAL"),
        make_claim("search_002", claim_type="NOTE"),
        make_claim("search_003", claim_type="SIGNAL"),
    ]
    store.save_claims(ORG, RUN, claims, step_id="search_signal")
    store.save_claims(ORG, "run-2", [make_claim("entity_001", claim_type="CONTACT")])
    assert store.count_claims_by_type(ORG, RUN) == {"NOTE": 1, "SIGNAL": 2}
    assert store.count_claims_by_type(ORG, "run-2") == {"CONTACT": 1}
    assert store.count_claims_by_type("other-org", RUN) == {}


def test_recent_claims_are_the_last_stored_first_then_by_id_descending(store: Store) -> None:
    first = [make_claim("search_001"), make_claim("search_002")]
    later = [make_claim("entity_001"), make_claim("entity_002")]
    store.save_claims(ORG, RUN, first, step_id="search_signal")
    store.save_claims(ORG, RUN, later, step_id="entity_research")
    store.save_claims(ORG, RUN, first, step_id="search_signal")  # unchanged: keeps its time
    newest = [claim.claim_id for claim in store.recent_claims(ORG, RUN, 10)]
    assert newest == ["entity_002", "entity_001", "search_002", "search_001"]
    assert store.recent_claims(ORG, RUN, 3) == [later[1], later[0], first[1]]
    assert store.recent_claims(ORG, RUN, 0) == []
    assert store.recent_claims("other-org", RUN, 10) == []
    with pytest.raises(StoreError, match="limit"):
        store.recent_claims(ORG, RUN, -1)
