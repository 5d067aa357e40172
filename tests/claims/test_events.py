"""Timeline events: each status wording, event dates, several events in one sentence."""

from __future__ import annotations

from datetime import date

import pytest

from engine.claims.dates import find_dates
from engine.claims.events import find_events
from engine.claims.facts import Fact, Scope
from engine.models import ClaimType, EventStatus

TARGET = "Borealis Nickel"
SCOPE = Scope(target=TARGET, projects=("Kestrel Lake",), target_in_document=True)
A, R, X = EventStatus.ANNOUNCED, EventStatus.REVISED, EventStatus.ACTUAL


def events(sentence: str, scope: Scope = SCOPE) -> list[Fact]:
    return find_events(sentence, scope, find_dates(sentence), [])


def summary(sentence: str) -> list[tuple[str | None, EventStatus | None, date | None, str | None]]:
    return [(f.attribute, f.event_status, f.event_date, f.value) for f in events(sentence)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Construction is expected to begin in Q3 2026.",
            ("construction_start", A, date(2026, 7, 1), "Q3 2026"),
        ),
        (
            "First production is planned for early 2028.",
            ("first_production", A, date(2028, 1, 1), "early 2028"),
        ),
        ("Commissioning is targeted for 2027.", ("commissioning", A, date(2027, 1, 1), "2027")),
        (
            "Construction is scheduled to start in September 2025.",
            ("construction_start", A, date(2025, 9, 1), "September 2025"),
        ),
        (
            "The company anticipates commercial production in H2 2027.",
            ("production_start", A, date(2027, 7, 1), "H2 2027"),
        ),
        (
            "Construction will be completed by the end of 2027.",
            ("construction_complete", A, date(2027, 12, 1), "end of 2027"),
        ),
        (
            "Construction start has been pushed to March 2027.",
            ("construction_start", R, date(2027, 3, 1), "March 2027"),
        ),
        (
            "The company now expects first production in late 2028.",
            ("first_production", R, date(2028, 10, 1), "late 2028"),
        ),
        (
            "Commissioning was delayed to Q2 2028.",
            ("commissioning", R, date(2028, 4, 1), "Q2 2028"),
        ),
        (
            "Construction was delayed from Q3 2025 to March 2026.",
            ("construction_start", R, date(2026, 3, 1), "March 2026"),
        ),
        (
            "Construction start, originally planned for Q3 2025, was deferred to March 2026.",
            ("construction_start", R, date(2026, 3, 1), "March 2026"),
        ),
        (
            "First production was postponed to 2029 rather than 2028.",
            ("first_production", R, date(2029, 1, 1), "2029"),
        ),
        (
            "Construction began in September 2025.",
            ("construction_start", X, date(2025, 9, 1), "September 2025"),
        ),
        (
            "In March 2026, construction started at Kestrel Lake, later than planned.",
            ("construction_start", X, date(2026, 3, 1), "March 2026"),
        ),
        (
            "Borealis Nickel broke ground at Kestrel Lake on May 5, 2025.",
            ("groundbreaking", X, date(2025, 5, 5), "May 5, 2025"),
        ),
        ("The mill completed commissioning.", ("commissioning", X, None, "commissioning")),
        (
            "The first concrete was poured and first ore was achieved in June 2027.",
            ("first_production", X, date(2027, 6, 1), "June 2027"),
        ),
        (
            "The Ministry issued an Environmental Compliance Approval on February 10, 2025.",
            ("permit_decision", X, date(2025, 2, 10), "February 10, 2025"),
        ),
        (
            "A permit decision is expected by mid-2025.",
            ("permit_decision", A, date(2025, 7, 1), "mid-2025"),
        ),
        (
            "Borealis Nickel closed a $300 million project financing in April 2025.",
            ("financing_close", X, date(2025, 4, 1), "April 2025"),
        ),
        (
            "The company expects to award the process plant contract by mid-2026.",
            ("contract_award", A, date(2026, 7, 1), "mid-2026"),
        ),
        (
            "Borealis Nickel raised $40 million in a funding round in May 2025.",
            ("funding_round", X, date(2025, 5, 1), "May 2025"),
        ),
    ],
)
def test_event_status_and_date(
    sentence: str, expected: tuple[str, EventStatus, date | None, str]
) -> None:
    assert summary(sentence) == [expected]


def test_two_events_in_one_sentence_each_get_their_own_clause() -> None:
    sentence = (
        "Construction is expected to begin in Q3 2025, with first production planned for "
        "early 2028."
    )
    assert summary(sentence) == [
        ("construction_start", A, date(2025, 7, 1), "Q3 2025"),
        ("first_production", A, date(2028, 1, 1), "early 2028"),
    ]


def test_actual_and_announced_in_one_sentence() -> None:
    sentence = "Construction began in March 2026 and first production is expected in late 2028."
    assert summary(sentence) == [
        ("construction_start", X, date(2026, 3, 1), "March 2026"),
        ("first_production", A, date(2028, 10, 1), "late 2028"),
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Construction has not yet started.",
        "Construction is expected to begin soon.",
        "An Environmental Compliance Approval is required in 2025.",
        "The permit covers water use.",
        "Construction costs rose in 2025.",
        "Construction is expected to be completed once permits are received.",
    ],
)
def test_no_event(sentence: str) -> None:
    assert events(sentence) == []


def test_event_facts_are_signals_about_the_project() -> None:
    [fact] = events("Construction began at Kestrel Lake in March 2026.")
    assert fact.claim_type is ClaimType.SIGNAL
    assert fact.subject == "Kestrel Lake"
    [other] = events("Construction began in March 2026.", Scope(target=TARGET))
    assert other.subject == TARGET


def test_financing_is_about_the_organization() -> None:
    [fact] = events("Borealis Nickel closed its debt facility financing in April 2025.")
    assert (fact.attribute, fact.subject) == ("financing_close", TARGET)


def test_a_date_belongs_to_one_event() -> None:
    sentence = "Construction is targeted to begin in 2027, pending final permits."
    assert summary(sentence) == [("construction_start", A, date(2027, 1, 1), "2027")]


def test_date_before_a_noun_trigger_is_used_when_free() -> None:
    sentence = "On February 10, 2025, the Ministry issued an Environmental Compliance Approval."
    assert summary(sentence) == [("permit_decision", X, date(2025, 2, 10), "February 10, 2025")]


@pytest.mark.parametrize(
    "sentence",
    [
        "The company did not begin construction in 2024.",
        "Construction did not start in 2024 as planned.",
        "Construction at Kestrel Lake has not started in 2025.",
        "Borealis Nickel never began production in 2023.",
        "Borealis Nickel failed to close the financing in 2024.",
        "Construction hasn't begun in 2025.",
    ],
)
def test_negated_events_are_not_events(sentence: str) -> None:
    assert events(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Construction will not begin until 2027.",
            ("construction_start", A, date(2027, 1, 1), "2027"),
        ),
        (
            "Borealis Nickel has not yet started construction, planned for Q3 2026.",
            ("construction_start", A, date(2026, 7, 1), "Q3 2026"),
        ),
        (
            "Construction has not yet started; it is now expected in Q2 2027.",
            ("construction_start", R, date(2027, 4, 1), "Q2 2027"),
        ),
        (
            "Borealis Nickel, not Acme Mining, began construction in March 2024.",
            ("construction_start", X, date(2024, 3, 1), "March 2024"),
        ),
    ],
)
def test_negated_events_still_dated_by_the_plan(sentence: str, expected: tuple[object]) -> None:
    assert summary(sentence) == [expected]


def test_negated_event_sentence_becomes_a_note() -> None:
    from engine.claims.extract import extract_from_text

    [claim] = extract_from_text("The company did not begin construction in 2024.", target=TARGET)
    assert (claim.claim_type, claim.attribute, claim.event_status) == (ClaimType.NOTE, None, None)


# Events in real news phrasing (issue 10, item 4).


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "The timeline on the Kestrel Lake webpage shows construction starting in 2027 and "
            "production beginning in 2030.",
            [
                ("construction_start", A, date(2027, 1, 1), "2027"),
                ("production_start", A, date(2030, 1, 1), "2030"),
            ],
        ),
        (
            "Construction is under way, and operations are expected to begin in the second "
            "quarter of 2027.",
            [
                ("construction_start", X, None, "Construction is under way"),
                ("operations_start", A, date(2027, 4, 1), "second quarter of 2027"),
            ],
        ),
        (
            "The feasibility study will be finished in March 2025, and the company aims to be in "
            "construction by 2030, subject to road access.",
            [
                ("feasibility_complete", A, date(2025, 3, 1), "March 2025"),
                ("construction_start", A, date(2030, 1, 1), "2030"),
            ],
        ),
        (
            "Borealis Nickel will start production in 2028.",
            [("production_start", A, date(2028, 1, 1), "2028")],
        ),
        (
            "The first data hall was commissioned in March 2026.",
            [("commissioning", X, date(2026, 3, 1), "March 2026")],
        ),
        (
            "The plant is expected to be operational by late 2026.",
            [("operations_start", A, date(2026, 10, 1), "late 2026")],
        ),
        (
            "The facility will now be finished between 2026 and 2027 and become operational "
            "between 2027 and 2028.",
            [
                ("construction_complete", A, date(2026, 1, 1), "2026"),
                ("operations_start", A, date(2027, 1, 1), "2027"),
            ],
        ),
        (
            "Oracle says the project will be complete in 2031, with 2,500 jobs in place by 2027.",
            [("construction_complete", A, date(2031, 1, 1), "2031")],
        ),
        (
            "The company plans to produce nickel from the Kestrel Lake mine by the end of 2030.",
            [("production_start", A, date(2030, 12, 1), "end of 2030")],
        ),
    ],
)
def test_events_in_news_phrasing(sentence: str, expected: list[tuple[object, ...]]) -> None:
    assert summary(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Construction began, and operations are expected in 2027.",
        "Construction has been under way, but the company picked the site in January 2022.",
    ],
)
def test_an_actual_event_never_takes_another_clauses_date(sentence: str) -> None:
    [construction] = [f for f in events(sentence) if f.attribute == "construction_start"]
    assert (construction.event_status, construction.event_date) == (X, None)


def test_the_status_nearest_the_event_wins() -> None:
    sentence = (
        "Intel would not say when the project will be done, but said such projects take five "
        "years from groundbreaking, which was in September 2022."
    )
    assert summary(sentence) == [("groundbreaking", X, date(2022, 9, 1), "September 2022")]


def test_a_discovery_is_no_production_event() -> None:
    assert events("He said Kestrel Lake was found in 2007 but has sat in the ground since.") == []


def test_a_delay_without_a_new_date_is_no_event() -> None:
    assert events("In June the groundbreaking was put off until the act passed.") == []


def test_a_later_phase_is_its_own_subject() -> None:
    found = events("Mod 2 is expected to finish construction in 2031 and begin operations in 2032.")
    assert {f.subject for f in found} == {"Kestrel Lake (Mod 2)"}
    first = events("It plans to complete Mod 1 construction in 2030 and begin operations in 2031.")
    assert {f.subject for f in first} == {"Kestrel Lake"}
