"""The demo sample (data/demo/sample) gives the merge real work: conflicts, timelines, people."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from engine.claims.documents import load_documents
from engine.claims.extract import extract_claims
from engine.models import Claim, ClaimType, EventStatus, SourceTier, claims_to_json, parse_claims

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "demo" / "sample"
TARGET = "Borealis Nickel"


@pytest.fixture(scope="module")
def claims() -> list[Claim]:
    return extract_claims(load_documents(SAMPLE, target=TARGET), target=TARGET)


def by_source(claims: list[Claim], fragment: str) -> list[Claim]:
    return [c for c in claims if c.source_url and fragment in c.source_url]


def test_documents_and_tiers() -> None:
    documents = load_documents(SAMPLE, target=TARGET)
    assert [(d.path, d.tier, d.published) for d in documents] == [
        ("01_ontario_registry.md", SourceTier.GOV, date(2025, 2, 10)),
        ("02_press_release.html", SourceTier.PRIMARY, date(2025, 6, 2)),
        ("03_trade_news.md", SourceTier.NEWS, date(2026, 3, 20)),
        ("04_profile.txt", SourceTier.OTHER, date(2025, 4, 1)),
        ("05_job_posting.md", SourceTier.OTHER, date(2025, 10, 1)),
    ]
    assert documents[1].title == "Borealis Nickel updates Kestrel Lake construction schedule"


def test_claims_are_valid_contract_json_with_sequential_ids(claims: list[Claim]) -> None:
    assert parse_claims(claims_to_json(claims)) == claims
    assert [c.claim_id for c in claims] == [f"doc_{n:03d}" for n in range(1, len(claims) + 1)]


def test_capital_cost_conflict_between_gov_and_news(claims: list[Claim]) -> None:
    costs = {c.source_tier: c for c in claims if c.attribute == "capital_cost"}
    assert costs[SourceTier.GOV].value == "$1.2 billion"
    assert costs[SourceTier.NEWS].value == "US$1.45 billion"
    assert costs[SourceTier.GOV].subject == costs[SourceTier.NEWS].subject == "Kestrel Lake"


def test_hq_conflict_between_primary_and_news(claims: list[Claim]) -> None:
    hq = {c.source_tier: (c.subject, c.value) for c in claims if c.attribute == "hq_location"}
    assert hq == {
        SourceTier.PRIMARY: (TARGET, "Sudbury, Ontario"),
        SourceTier.NEWS: (TARGET, "Toronto"),
    }


def test_construction_start_timeline(claims: list[Claim]) -> None:
    starts = [
        (c.event_status, c.date_in_claim, c.reported_on)
        for c in claims
        if c.attribute == "construction_start"
    ]
    assert starts == [
        (EventStatus.ANNOUNCED, date(2025, 7, 1), date(2025, 2, 10)),
        (EventStatus.REVISED, date(2026, 3, 1), date(2025, 6, 2)),
        (EventStatus.ACTUAL, date(2026, 3, 1), date(2026, 3, 20)),
    ]
    assert {c.subject for c in claims if c.attribute == "construction_start"} == {"Kestrel Lake"}


def test_first_production_is_announced_then_revised(claims: list[Claim]) -> None:
    firsts = [(c.event_status, c.value) for c in claims if c.attribute == "first_production"]
    assert firsts == [(EventStatus.ANNOUNCED, "early 2028"), (EventStatus.REVISED, "late 2028")]


def test_people_for_the_resolver(claims: list[Claim]) -> None:
    people = [
        (c.person.name, c.person.title, c.person.organization, c.source_tier)
        for c in claims
        if c.person is not None
    ]
    assert ("James Carver", "Vice President Projects", TARGET, SourceTier.GOV) in people
    assert ("Jim Carver", "VP Projects", TARGET, SourceTier.PRIMARY) in people
    assert (
        "James Carver",
        "Director of Operations",
        "Carver Logistics Inc.",
        SourceTier.OTHER,
    ) in (people)
    assert ("Maria Okafor", "procurement director", TARGET, SourceTier.NEWS) in people
    assert ("M. Okafor", "Director of Procurement", TARGET, SourceTier.OTHER) in people
    assert all(c.claim_type is ClaimType.CONTACT for c in claims if c.person is not None)


def test_relationships_and_signals(claims: list[Claim]) -> None:
    facts = {(c.subject, c.attribute, c.value) for c in claims}
    assert (TARGET, "parent_company", "Tamarack Resources Ltd.") in facts
    assert ("Kestrel Lake", "partner", "Northline Engineering Ltd.") in facts
    assert (TARGET, "hiring", "Senior Procurement Manager") in facts
    assert ("Kestrel Lake", "permit_decision", "February 10, 2025") in facts
    assert ("Kestrel Lake", "project_capacity", "3,000 tonnes per day") in facts


def test_script_style_and_boilerplate_never_become_claims(claims: list[Claim]) -> None:
    text = " ".join(c.statement for c in claims)
    for hidden in (
        "SCRIPT-MARKER-TEXT",
        "STYLE-MARKER-TEXT",
        "tracker",
        "cookie",
        "rights reserved",
    ):
        assert hidden not in text


def test_injected_instruction_is_only_a_low_note(claims: list[Claim]) -> None:
    [note] = [c for c in claims if "HOT lead" in c.statement]
    assert note.claim_type is ClaimType.NOTE
    assert note.source_tier is SourceTier.OTHER
    assert note.attribute is None and note.person is None and note.entities == []


def test_every_document_contributes(claims: list[Claim]) -> None:
    for fragment in (
        "ero.ontario.ca",
        "borealisnickel.com",
        "northernminer",
        "minebiz",
        "northjobs",
    ):
        assert by_source(claims, fragment), fragment
