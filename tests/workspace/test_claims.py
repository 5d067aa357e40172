"""Tests for engine.workspace.claims: the claims frame, its filters, chart data and loading."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.models import Claim
from engine.models.run import RunRequest
from engine.store import Store
from engine.workspace.claims import (
    FRAME_SCHEMA,
    NO_STEP,
    RECENT_RUNS,
    ClaimFilter,
    claim_fields,
    claims_frame,
    dated_claims,
    filter_claims,
    load_run_claims,
    recent_runs,
    run_label,
    step_options,
    type_tier_counts,
)
from tests.factories import make_claim
from tests.strategies import claim_sets

ORG = "org-claims"
CAREY = {"name": "Dana Carey", "title": "VP Projects", "organization": "Borealis Nickel"}


def sample_claims() -> list[Claim]:
    """Five claims that differ in every filtered field."""
    return [
        make_claim(
            "search_001",
            claim_type="SIGNAL",
            source_tier="GOV",
            confidence="HIGH",
            subject="Borealis Nickel",
            statement="Borealis Nickel filed a permit for the Kestrel Lake mine.",
            source_name="Ministry Registry",
            source_url="https://registry.example.gov/permits/1",
            date_in_claim=date(2025, 3, 1),
        ),
        make_claim(
            "search_002",
            claim_type="METRIC",
            source_tier="NEWS",
            confidence="MEDIUM",
            entities=["Kestrel Lake"],
            statement="The mine will cost more than planned.",
            attribute="capital_cost",
            value="$1.2 billion",
            source_name="Mining Weekly",
            reported_on=date(2025, 6, 2),
        ),
        make_claim(
            "contact_001",
            claim_type="CONTACT",
            source_tier="PRIMARY",
            confidence="HIGH",
            statement="Dana Carey leads projects.",
            person=CAREY,
            source_name="Company site",
            source_url="javascript:alert(1)",
        ),
        make_claim(
            "lead_001",
            claim_type="SIGNAL",
            source_tier="OTHER",
            confidence="LOW",
            statement="A camp tender is expected.",
            source_url="javascript:alert(1)",
        ),
        make_claim("lead_002", claim_type="NOTE", source_tier="NEWS", confidence="LOW"),
    ]


STEPS = {
    "search_001": "search_signal",
    "search_002": "search_signal",
    "contact_001": "contact_discovery",
    "lead_001": "enrich_lead",
}


@pytest.fixture
def frame() -> pl.DataFrame:
    return claims_frame(sample_claims(), STEPS)


def ids(frame: pl.DataFrame) -> set[str]:
    return set(frame.get_column("claim_id").to_list())


def test_frame_has_one_row_per_claim_and_the_columns(frame: pl.DataFrame) -> None:
    assert frame.height == 5
    assert frame.columns == list(FRAME_SCHEMA)
    row = frame.filter(pl.col("claim_id") == "search_002").row(0, named=True)
    assert row["claim_type"] == "METRIC"
    assert row["step"] == "search_signal"
    assert row["value"] == "$1.2 billion"
    assert row["entities"] == ["Kestrel Lake"]
    assert frame.filter(pl.col("claim_id") == "lead_002").row(0, named=True)["step"] is None


def test_empty_frame_keeps_its_schema() -> None:
    empty = claims_frame([])
    assert empty.is_empty() and empty.schema == pl.Schema(FRAME_SCHEMA)
    assert type_tier_counts(empty).is_empty()
    assert dated_claims(empty).is_empty()


def test_javascript_source_url_does_not_become_a_link(frame: pl.DataFrame) -> None:
    rows = {row["claim_id"]: row for row in frame.iter_rows(named=True)}
    assert rows["search_001"]["source_link"] == "https://registry.example.gov/permits/1"
    assert rows["contact_001"]["source_link"] is None
    assert rows["contact_001"]["source"] == "Company site"
    assert rows["lead_001"]["source_link"] is None
    assert rows["lead_001"]["source"] == "javascript:alert(1)"  # shown as text, not a link


@pytest.mark.parametrize(
    ("claim_filter", "expected"),
    [
        (ClaimFilter(claim_types=frozenset({"SIGNAL"})), {"search_001", "lead_001"}),
        (ClaimFilter(tiers=frozenset({"NEWS", "GOV"})), {"search_001", "search_002", "lead_002"}),
        (ClaimFilter(confidences=frozenset({"LOW"})), {"lead_001", "lead_002"}),
        (ClaimFilter(steps=frozenset({"search_signal"})), {"search_001", "search_002"}),
        (ClaimFilter(steps=frozenset({NO_STEP})), {"lead_002"}),
        (ClaimFilter(entity="kestrel"), {"search_002"}),
        (ClaimFilter(entity="borealis nickel"), {"search_001"}),
        (ClaimFilter(entity="dana"), {"contact_001"}),
        (ClaimFilter(text="COST MORE"), {"search_002"}),
        (ClaimFilter(text="1.2 billion"), {"search_002"}),
        (ClaimFilter(text="mining weekly"), {"search_002"}),
        (
            ClaimFilter(text="   "),
            {"search_001", "search_002", "contact_001", "lead_001", "lead_002"},
        ),
    ],
)
def test_each_filter_narrows(
    frame: pl.DataFrame, claim_filter: ClaimFilter, expected: set[str]
) -> None:
    assert ids(filter_claims(frame, claim_filter)) == expected


def test_filters_combine_with_and(frame: pl.DataFrame) -> None:
    signal = ClaimFilter(claim_types=frozenset({"SIGNAL"}))
    assert ids(filter_claims(frame, signal)) == {"search_001", "lead_001"}
    both = ClaimFilter(claim_types=frozenset({"SIGNAL"}), confidences=frozenset({"HIGH"}))
    assert ids(filter_claims(frame, both)) == {"search_001"}
    none = ClaimFilter(claim_types=frozenset({"SIGNAL"}), text="cost")
    assert filter_claims(frame, none).is_empty()


def test_text_filters_ignore_case(frame: pl.DataFrame) -> None:
    lower = filter_claims(frame, ClaimFilter(entity="dana carey", text="leads projects"))
    upper = filter_claims(frame, ClaimFilter(entity="DANA CAREY", text="LEADS PROJECTS"))
    assert ids(lower) == ids(upper) == {"contact_001"}


def test_text_is_matched_literally_not_as_a_pattern(frame: pl.DataFrame) -> None:
    assert filter_claims(frame, ClaimFilter(text=".*")).is_empty()
    assert ids(filter_claims(frame, ClaimFilter(text="$1.2"))) == {"search_002"}


def test_step_options_list_present_steps_and_no_step_last(frame: pl.DataFrame) -> None:
    assert step_options(frame) == ["contact_discovery", "enrich_lead", "search_signal", NO_STEP]


def test_type_tier_counts_sum_to_the_total(frame: pl.DataFrame) -> None:
    counts = type_tier_counts(frame)
    assert counts.get_column("claims").sum() == frame.height
    signal = counts.filter(pl.col("claim_type") == "SIGNAL")
    assert signal.get_column("source_tier").to_list() == ["GOV", "OTHER"]  # GOV first
    assert counts.get_column("claim_type").to_list()[0] == "SIGNAL"  # ClaimType order


def test_dated_claims_exclude_undated_and_say_which_date(frame: pl.DataFrame) -> None:
    dated = dated_claims(frame)
    assert ids(dated) == {"search_001", "search_002"}
    rows = {row["claim_id"]: row for row in dated.iter_rows(named=True)}
    assert rows["search_001"]["when"] == date(2025, 3, 1)
    assert rows["search_001"]["date_basis"] == "in claim"
    assert rows["search_002"]["when"] == date(2025, 6, 2)
    assert rows["search_002"]["date_basis"] == "reported"


def test_claim_fields_cover_every_field_and_the_person() -> None:
    claim = sample_claims()[2]
    fields = dict(claim_fields(claim, "contact_discovery").iter_rows())
    assert set(Claim.model_fields) - {"person"} <= set(fields)
    assert fields["step"] == "contact_discovery"
    assert fields["person.name"] == "Dana Carey"
    assert fields["person.title"] == "VP Projects"
    assert fields["source_url"] == "javascript:alert(1)"


@settings(max_examples=60, deadline=None)
@given(
    claims=claim_sets(max_size=20),
    types=st.frozensets(st.sampled_from(["SIGNAL", "NOTE", "CONTACT", "METRIC"])),
    tiers=st.frozensets(st.sampled_from(["GOV", "PRIMARY", "NEWS", "OTHER"])),
    entity=st.sampled_from(["", "wyloo", "EAGLE", "zzz"]),
    text=st.text(max_size=4),
)
def test_filtering_never_adds_rows_and_an_empty_filter_keeps_all(
    claims: list[Claim], types: frozenset[str], tiers: frozenset[str], entity: str, text: str
) -> None:
    frame = claims_frame(claims)
    assert filter_claims(frame, ClaimFilter()).equals(frame)
    narrowed = filter_claims(
        frame, ClaimFilter(claim_types=types, tiers=tiers, entity=entity, text=text)
    )
    assert narrowed.height <= frame.height
    assert ids(narrowed) <= ids(frame)
    assert type_tier_counts(narrowed).get_column("claims").sum() == narrowed.height


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "claims.duckdb") as opened:
        yield opened


def new_run(store: Store, target: str = "Borealis Nickel") -> str:
    request = RunRequest(client_name="Northway", target=target)
    return store.create_run(ORG, request, client_id="client-1").run_id


def test_load_run_claims_reads_steps_from_the_store(store: Store) -> None:
    run_id = new_run(store)
    claims = sample_claims()
    by_step: dict[str | None, list[Claim]] = {}
    for claim in claims:
        by_step.setdefault(STEPS.get(claim.claim_id), []).append(claim)
    for step_id, batch in by_step.items():
        store.save_claims(ORG, run_id, batch, step_id=step_id)
    view = load_run_claims(store, ORG, run_id)
    assert list(view.claims) == sorted(claim.claim_id for claim in claims)
    assert view.steps == STEPS
    assert view.frame.equals(claims_frame(view.claims.values(), STEPS))
    assert load_run_claims(store, ORG, new_run(store)).frame.is_empty()


def test_recent_runs_are_newest_first_and_keep_the_current_run(store: Store) -> None:
    oldest = new_run(store, "Oldest Target")
    for number in range(RECENT_RUNS):
        new_run(store, f"Target {number}")
    runs = recent_runs(store, ORG)
    assert len(runs) == RECENT_RUNS and runs[0].target == f"Target {RECENT_RUNS - 1}"
    assert oldest not in {run.run_id for run in runs}
    with_current = recent_runs(store, ORG, oldest)
    assert with_current[0].run_id == oldest and len(with_current) == RECENT_RUNS + 1
    assert recent_runs(store, ORG, "run_missing") == runs
    assert recent_runs(store, "org-empty") == []


def test_run_label_names_target_client_time_and_run_id(store: Store) -> None:
    run = store.get_run(ORG, new_run(store))
    assert run is not None
    label = run_label(run)
    created = run.created_at.strftime("%Y-%m-%d %H:%M")
    assert label == f"Borealis Nickel — Northway — {created} — {run.run_id}"


def test_run_labels_are_unique_and_stay_the_same_while_the_run_changes(store: Store) -> None:
    twins = [new_run(store) for _ in range(3)]  # same target, client and minute
    runs = [store.get_run(ORG, run_id) for run_id in twins]
    labels = [run_label(run) for run in runs if run is not None]
    assert len(set(labels)) == len(twins)
    store.set_run_status(ORG, twins[0], "running")
    running = store.get_run(ORG, twins[0])
    assert running is not None and run_label(running) == labels[0]
