"""Periods: dates in values read to month precision, coarser spans kept as stated."""

from __future__ import annotations

from datetime import date

import pytest

from engine.merge.periods import parse_period, period_of_date


def test_parse_period_keeps_the_precision_stated() -> None:
    march = parse_period("Mar. 2026")
    assert march is not None and march.key == "2026-03"
    quarter = parse_period("expected in Q3 2026")
    assert quarter is not None and quarter.key == "2026-Q3" and quarter.start.month == 7
    assert quarter.contains(march) is False
    assert parse_period("2026-02-30") is None
    assert parse_period("next spring") is None


@pytest.mark.parametrize(
    ("text", "key", "start", "end"),
    [
        ("2026-03-15", "2026-03", date(2026, 3, 1), date(2026, 4, 1)),
        ("March 15, 2026", "2026-03", date(2026, 3, 1), date(2026, 4, 1)),
        ("Dec 2026", "2026-12", date(2026, 12, 1), date(2027, 1, 1)),
        ("H2 2026", "2026-H2", date(2026, 7, 1), date(2027, 1, 1)),
        ("first half of 2027", "2027-H1", date(2027, 1, 1), date(2027, 7, 1)),
        ("mid-2026", "2026-mid", date(2026, 5, 1), date(2026, 9, 1)),
        ("by end of 2026", "2026-late", date(2026, 9, 1), date(2027, 1, 1)),
        ("2026", "2026", date(2026, 1, 1), date(2027, 1, 1)),
    ],
)
def test_periods_have_a_key_a_first_day_and_an_end(
    text: str, key: str, start: date, end: date
) -> None:
    period = parse_period(text)
    assert period is not None
    assert (period.key, period.start, period.end) == (key, start, end)
    again = parse_period(period.key)
    assert again == period


def test_a_date_falls_in_its_month() -> None:
    period = period_of_date(date(2025, 9, 17))
    assert period.key == "2025-09" and period.start == date(2025, 9, 1)
    year = parse_period("2025")
    assert year is not None and year.contains(period) and not period.contains(year)


@pytest.mark.parametrize("text", ["", "soon", "13/2026", "2026-13", "Q5 2026", "1750"])
def test_text_that_names_no_period_gives_none(text: str) -> None:
    assert parse_period(text) is None
