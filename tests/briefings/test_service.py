"""Upsert and query of intel briefings: one row per key and client lens, normalized keys, paging."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.briefings.queries import (
    query_company_intel_briefings,
    query_icp_job_titles,
    query_person_intel_briefings,
)
from engine.briefings.service import (
    upsert_company_intel_briefing,
    upsert_icp_job_titles,
    upsert_many,
    upsert_person_intel_briefing,
)
from engine.models import InvalidInput
from engine.store import Store

ORG, OTHER = "acme", "rival"
RAW: dict[str, Any] = {"summary": "CoreWeave buys GPU capacity", "claims": ["search_001"]}


@pytest.fixture
def store() -> Iterator[Store]:
    with Store(":memory:") as opened:
        yield opened


def company(store: Store, org: str = ORG, **fields: Any) -> Any:
    values: dict[str, Any] = {"company_domain": "coreweave.com", "raw_output": RAW, **fields}
    return upsert_company_intel_briefing(store, org_id=org, **values)


def person(store: Store, org: str = ORG, **fields: Any) -> Any:
    values: dict[str, Any] = {"person_full_name": "Jim Higgins", "raw_output": RAW, **fields}
    return upsert_person_intel_briefing(store, org_id=org, **values)


def test_two_client_lenses_are_two_rows_and_one_lens_one_updated_row(store: Store) -> None:
    first = company(store, client_company_name="SecurityPal", company_name="CoreWeave")
    company(store, client_company_name="WithCoverage")
    time.sleep(0.01)
    again = company(
        store, client_company_name="  securitypal ", raw_output={"summary": "v2"}, processor="x"
    )
    assert again.id == first.id and again.created_at == first.created_at
    assert again.updated_at > first.updated_at
    assert again.raw_output == {"summary": "v2"} and again.processor == "x"
    rows = query_company_intel_briefings(store, org_id=ORG, company_domain="coreweave.com")
    assert len(rows) == 2 and rows[0].id == first.id  # newest first
    lens = query_company_intel_briefings(store, org_id=ORG, client_company_name="SECURITYPAL")
    assert [row.id for row in lens] == [first.id]
    assert lens[0].client_company_name == "securitypal"  # the display form as last given


def test_a_briefing_without_a_client_lens_or_company_dedups(store: Store) -> None:
    one = company(store)
    two = company(store, client_company_name="   ")
    assert one.id == two.id
    assert len(query_company_intel_briefings(store, org_id=ORG)) == 1
    assert query_company_intel_briefings(store, org_id=ORG, client_company_name="")[0].id == one.id
    alone = person(store)
    again = person(store, person_current_company_name=None, person_full_name=" jim  HIGGINS")
    assert alone.id == again.id
    assert len(query_person_intel_briefings(store, org_id=ORG)) == 1
    at_coreweave = person(store, person_current_company_name="CoreWeave")
    assert at_coreweave.id != alone.id


@pytest.mark.parametrize(
    "spelling",
    [
        "CoreWeave.com",
        "https://www.coreweave.com/about?utm=x",
        "http://coreweave.com:8443",
        "www.coreweave.com.",
        "jim.higgins@coreweave.com",
    ],
)
def test_a_domain_is_one_key_however_it_is_written(store: Store, spelling: str) -> None:
    first = company(store, client_company_name="SecurityPal")
    again = company(store, company_domain=spelling, client_company_name="SecurityPal")
    assert again.id == first.id and again.company_domain == "coreweave.com"
    assert (
        query_company_intel_briefings(store, org_id=ORG, company_domain=spelling)[0].id == first.id
    )
    icp = upsert_icp_job_titles(store, org_id=ORG, company_domain=spelling, raw_output=RAW)
    assert query_icp_job_titles(store, org_id=ORG, company_domain="coreweave.com")[0].id == icp.id


def test_linkedin_variants_find_one_person(store: Store) -> None:
    stored = person(store, person_linkedin_url="https://www.linkedin.com/in/jim-higgins/")
    for variant in (
        "linkedin.com/in/Jim-Higgins",
        "http://uk.linkedin.com/in/jim-higgins?trk=x",
        "https://www.linkedin.com/in/jim-higgins",
    ):
        found = query_person_intel_briefings(store, org_id=ORG, person_linkedin_url=variant)
        assert [row.id for row in found] == [stored.id]


@pytest.mark.parametrize(
    ("limit", "offset"), [(0, 0), (1001, 0), (-5, 0), (True, 0), ("10", 0), (10, -1), (10, 1.5)]
)
def test_a_bad_limit_or_offset_is_refused(store: Store, limit: Any, offset: Any) -> None:
    with pytest.raises(InvalidInput, match="limit|offset"):
        query_company_intel_briefings(store, org_id=ORG, limit=limit, offset=offset)


def test_paging_walks_every_row_once(store: Store) -> None:
    ids = {company(store, client_company_name=f"Client {n}").id for n in range(25)}
    seen = [
        row.id
        for offset in range(0, 30, 10)
        for row in query_company_intel_briefings(store, org_id=ORG, limit=10, offset=offset)
    ]
    assert len(seen) == 25 and set(seen) == ids


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        ({"company_domain": "not a domain"}, "company_domain"),
        ({"company_domain": ""}, "company_domain is required"),
        ({"raw_output": ["a", "list"]}, "raw_output must be a JSON object"),
    ],
)
def test_bad_input_is_named_and_nothing_is_written(
    store: Store, fields: dict[str, Any], problem: str
) -> None:
    with pytest.raises(InvalidInput, match=problem):
        company(store, **fields)
    assert store.count_briefings("company", ORG) == 0


def test_briefings_persist_in_a_database_file(tmp_path: Path) -> None:
    path = tmp_path / "w.duckdb"
    with Store(path) as store:
        saved = person(store, client_company_name="SecurityPal", customer_company_name="CoreWeave")
    with Store(path) as store:
        assert query_person_intel_briefings(store, org_id=ORG) == [saved]


def ids_of(store: Store, org: str) -> set[str]:
    queries = (query_company_intel_briefings, query_person_intel_briefings, query_icp_job_titles)
    return {row.id for query in queries for row in query(store, org_id=org, limit=1000)}


names = st.sampled_from(["SecurityPal", "WithCoverage", "securitypal", None])
domains = st.sampled_from(["coreweave.com", "elastic.co", "https://www.hellofresh.com/x"])


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(writes=st.lists(st.tuples(st.booleans(), domains, names), min_size=1, max_size=12))
def test_no_query_of_one_org_returns_a_row_of_another(
    writes: list[tuple[bool, str, str | None]],
) -> None:
    with Store(":memory:") as store:
        for theirs, domain, client in writes:
            org = OTHER if theirs else ORG
            company(store, org, company_domain=domain, client_company_name=client)
            person(store, org, client_company_name=client, person_current_company_name=domain)
            upsert_icp_job_titles(store, org_id=org, company_domain=domain, raw_output=RAW)
        ours, theirs_ids = ids_of(store, ORG), ids_of(store, OTHER)
        assert not ours & theirs_ids
        for domain in ("coreweave.com", "elastic.co", "hellofresh.com"):
            for row in query_company_intel_briefings(store, org_id=ORG, company_domain=domain):
                assert row.id in ours


def test_a_batch_upserts_in_one_go_and_a_second_batch_inserts_nothing(store: Store) -> None:
    batch = [
        {"company_domain": f"https://www.target{n % 40}.com", "raw_output": {"n": n}}
        for n in range(50)
    ]
    assert upsert_many(store, "company", org_id=ORG, briefings=batch) == (40, 0)
    assert upsert_many(store, "company", org_id=ORG, briefings=batch) == (0, 40)
    rows = query_company_intel_briefings(store, org_id=ORG, company_domain="target3.com")
    assert [row.raw_output for row in rows] == [{"n": 43}]  # the last of a repeated key wins
    bad = [*batch, {"company_domain": "not a domain", "raw_output": {}}]
    with pytest.raises(InvalidInput, match="briefing #50"):
        upsert_many(store, "company", org_id=ORG, briefings=bad)
    assert store.count_briefings("company", ORG) == 40
