"""Every date form the extractor knows, resolved to the first day of its period."""

from __future__ import annotations

from datetime import date

import pytest

from engine.claims.dates import find_dates, parse_date_phrase


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        ("on July 4, 2025", "July 4, 2025", date(2025, 7, 4)),
        ("on July 4th 2025", "July 4th 2025", date(2025, 7, 4)),
        ("on Sept. 15, 2025", "Sept. 15, 2025", date(2025, 9, 15)),
        ("on 4 July 2025", "4 July 2025", date(2025, 7, 4)),
        ("on 2025-07-04", "2025-07-04", date(2025, 7, 4)),
        ("in July 2025", "July 2025", date(2025, 7, 1)),
        ("in Jan 2026", "Jan 2026", date(2026, 1, 1)),
        ("in Q1 2026", "Q1 2026", date(2026, 1, 1)),
        ("in Q3 2026", "Q3 2026", date(2026, 7, 1)),
        ("in 4Q 2026", "4Q 2026", date(2026, 10, 1)),
        ("in the second quarter of 2026", "second quarter of 2026", date(2026, 4, 1)),
        ("in H1 2026", "H1 2026", date(2026, 1, 1)),
        ("in H2 2026", "H2 2026", date(2026, 7, 1)),
        ("in the second half of 2026", "second half of 2026", date(2026, 7, 1)),
        ("in early 2026", "early 2026", date(2026, 1, 1)),
        ("by mid-2026", "mid-2026", date(2026, 7, 1)),
        ("in the middle of 2026", "middle of 2026", date(2026, 7, 1)),
        ("in late 2026", "late 2026", date(2026, 10, 1)),
        ("in spring 2026", "spring 2026", date(2026, 4, 1)),
        ("in summer 2026", "summer 2026", date(2026, 7, 1)),
        ("in fall 2026", "fall 2026", date(2026, 10, 1)),
        ("in the autumn of 2026", "autumn of 2026", date(2026, 10, 1)),
        ("in winter 2026", "winter 2026", date(2026, 1, 1)),
        ("by the end of 2026", "end of 2026", date(2026, 12, 1)),
        ("by year-end 2026", "year-end 2026", date(2026, 12, 1)),
        ("at the start of 2027", "start of 2027", date(2027, 1, 1)),
        ("in 2027", "2027", date(2027, 1, 1)),
        ("targeted for 2027", "2027", date(2027, 1, 1)),
        ("by 2030", "2030", date(2030, 1, 1)),
        ("postponed to 2029", "2029", date(2029, 1, 1)),
    ],
)
def test_date_forms(text: str, phrase: str, value: date) -> None:
    [mention] = find_dates(text)
    assert (mention.text, mention.value) == (phrase, value)
    assert text[mention.start : mention.end] == phrase


@pytest.mark.parametrize(
    "text",
    [
        "2027 tonnes of ore",
        "a capacity of 2025 tonnes",
        "in 2025 tonnes",
        "an increase to 2025 tonnes per day",
        "2025-02-30",
        "the year 1850",
        "in 3025",
        "Q5 2026",
        "July 32, 2025",
        "call 555-2025",
        "",
    ],
)
def test_non_dates(text: str) -> None:
    assert find_dates(text) == []


def test_several_dates_in_order_longest_reading_wins() -> None:
    found = find_dates(
        "Construction, originally set for Q3 2025, starts in March 2026 (July 4, 2026)."
    )
    assert [m.text for m in found] == ["Q3 2025", "March 2026", "July 4, 2026"]
    assert [m.value for m in found] == [date(2025, 7, 1), date(2026, 3, 1), date(2026, 7, 4)]


def test_parse_date_phrase() -> None:
    assert parse_date_phrase("late 2028") == date(2028, 10, 1)
    assert parse_date_phrase("no date here") is None


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("operations are expected to begin in the second quarter of 2027", date(2027, 4, 1)),
        ("the plant should be running by late 2026", date(2026, 10, 1)),
        ("production by the end of 2030", date(2030, 12, 1)),
        ("begin operations between 2030 and 2031", date(2030, 1, 1)),
        ("a pledge of 8,500 jobs by the end of 2031", date(2031, 12, 1)),
    ],
)
def test_news_date_phrases(text: str, value: date) -> None:
    assert find_dates(text)[0].value == value
