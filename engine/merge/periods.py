"""Dates in claim values, compared to month precision (DESIGN §3, value normalization).

'March 2026', 'Mar. 2026', '2026-03-15' and '15 March 2026' are all the period '2026-03'.
Coarser statements keep their own precision: 'Q2 2026' is '2026-Q2', 'H1 2026' is '2026-H1',
'early/mid/late 2026' are '2026-early' (Jan-Apr), '2026-mid' (May-Aug), '2026-late' (Sep-Dec),
and '2026' is the year. A period's `start` is its first day, following the claim contract's
"first of month if only month known"; its `end` is the first day after it. Every key parses
back to the same period, so normalization is idempotent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

MONTHS: dict[str, int] = {
    "jan": 1,
    "january": 1,
    "feb": 2,
    "february": 2,
    "mar": 3,
    "march": 3,
    "apr": 4,
    "april": 4,
    "may": 5,
    "jun": 6,
    "june": 6,
    "jul": 7,
    "july": 7,
    "aug": 8,
    "august": 8,
    "sep": 9,
    "sept": 9,
    "september": 9,
    "oct": 10,
    "october": 10,
    "nov": 11,
    "november": 11,
    "dec": 12,
    "december": 12,
}
_ORDINALS: dict[str, int] = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
}
# Thirds of a year named by 'early', 'mid' and 'late': (first month, months long).
_THIRDS: dict[str, int] = {"early": 1, "mid": 5, "late": 9}
_THIRD_WORDS: dict[str, str] = {
    "early": "early",
    "beginning of": "early",
    "start of": "early",
    "mid": "mid",
    "middle of": "mid",
    "late": "late",
    "end of": "late",
}
# Words that may lead a date without changing it ('expected in Q2 2026').
_LEAD_WORDS = re.compile(
    r"^(?:in|by|on|during|for|the|around|about|approximately|circa|ca|expected|estimated|"
    r"targeted|target|scheduled|planned|est)\b\.?\s*"
)
_MIN_YEAR, _MAX_YEAR = 1800, 2200

_ISO = re.compile(r"(\d{4})[-/](\d{1,2})(?:[-/](\d{1,2}))?(?:t[\d:.]+z?)?")
_MONTH_SLASH_YEAR = re.compile(r"(\d{1,2})/(\d{4})")
_MONTH_NAME = re.compile(
    r"(?:(\d{1,2})(?:st|nd|rd|th)?\s+)?([a-z]+)\.?\s+(?:(\d{1,2})(?:st|nd|rd|th)?\s+)?(?:of\s+)?(\d{4})"
)
_QUARTER = (
    re.compile(r"q([1-4])\s*(?:of\s+)?(\d{4})"),
    re.compile(r"([1-4])q\s*(\d{4})"),
)
_QUARTER_YEAR_FIRST = re.compile(r"(\d{4})\s*-?\s*q([1-4])")
_QUARTER_WORDS = re.compile(
    r"(first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter\s+(?:of\s+)?(\d{4})"
)
_HALF = (
    re.compile(r"h([12])\s*(?:of\s+)?(\d{4})"),
    re.compile(r"([12])h\s*(\d{4})"),
)
_HALF_YEAR_FIRST = re.compile(r"(\d{4})\s*-?\s*h([12])")
_HALF_WORDS = re.compile(r"(first|second|1st|2nd)\s+half\s+(?:of\s+)?(\d{4})")
_THIRD = re.compile(r"(early|mid|late|beginning of|start of|middle of|end of)[\s-]*(\d{4})")
_THIRD_YEAR_FIRST = re.compile(r"(\d{4})-(early|mid|late)")
_YEAR = re.compile(r"(\d{4})")


@dataclass(frozen=True)
class Period:
    """A span of time a claim's value names: its key, first day and the first day after it."""

    key: str
    start: date
    end: date

    def contains(self, other: Period) -> bool:
        """True if `other` lies wholly inside this period."""
        return self.start <= other.start and other.end <= self.end


def add_months(year: int, month: int, count: int) -> date:
    """The first day of the month `count` months after (or before) year-month."""
    index = year * 12 + (month - 1) + count
    return date(index // 12, index % 12 + 1, 1)


def _span(key: str, year: int, month: int, months: int) -> Period | None:
    if not _MIN_YEAR <= year <= _MAX_YEAR:
        return None
    return Period(key, date(year, month, 1), add_months(year, month, months))


def month_period(year: int, month: int) -> Period | None:
    """The period of one calendar month, or None if the month or year is out of range."""
    if not 1 <= month <= 12:
        return None
    return _span(f"{year:04d}-{month:02d}", year, month, 1)


def period_of_date(day: date) -> Period:
    """The month that contains `day`."""
    return Period(
        f"{day.year:04d}-{day.month:02d}", day.replace(day=1), add_months(day.year, day.month, 1)
    )


def _quarter(year: int, quarter: int) -> Period | None:
    return _span(f"{year:04d}-Q{quarter}", year, 3 * quarter - 2, 3)


def _half(year: int, half: int) -> Period | None:
    return _span(f"{year:04d}-H{half}", year, 6 * half - 5, 6)


def _third(year: int, word: str) -> Period | None:
    third = _THIRD_WORDS[word]
    return _span(f"{year:04d}-{third}", year, _THIRDS[third], 4)


def _valid_day(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _clean(text: str) -> str:
    cleaned = " ".join(text.lower().replace(",", " ").split()).strip(" .")
    while True:
        stripped = _LEAD_WORDS.sub("", cleaned, count=1)
        if stripped == cleaned:
            return cleaned
        cleaned = stripped


def _month_forms(text: str) -> Period | None:
    match = _ISO.fullmatch(text)
    if match:
        year, month = int(match[1]), int(match[2])
        if match[3] is not None and not _valid_day(year, month, int(match[3])):
            return None
        return month_period(year, month)
    match = _MONTH_SLASH_YEAR.fullmatch(text)
    if match:
        return month_period(int(match[2]), int(match[1]))
    match = _MONTH_NAME.fullmatch(text)
    if match and match[2] in MONTHS and not (match[1] and match[3]):
        year, month = int(match[4]), MONTHS[match[2]]
        day = match[1] or match[3]
        if day is not None and not _valid_day(year, month, int(day)):
            return None
        return month_period(year, month)
    return None


def _coarse_forms(text: str) -> Period | None:
    for pattern in _QUARTER:
        if match := pattern.fullmatch(text):
            return _quarter(int(match[2]), int(match[1]))
    if match := _QUARTER_YEAR_FIRST.fullmatch(text):
        return _quarter(int(match[1]), int(match[2]))
    if match := _QUARTER_WORDS.fullmatch(text):
        return _quarter(int(match[2]), _ORDINALS[match[1]])
    for pattern in _HALF:
        if match := pattern.fullmatch(text):
            return _half(int(match[2]), int(match[1]))
    if match := _HALF_YEAR_FIRST.fullmatch(text):
        return _half(int(match[1]), int(match[2]))
    if match := _HALF_WORDS.fullmatch(text):
        return _half(int(match[2]), _ORDINALS[match[1]])
    if match := _THIRD.fullmatch(text):
        return _third(int(match[2]), match[1])
    if match := _THIRD_YEAR_FIRST.fullmatch(text):
        return _third(int(match[1]), match[2])
    if match := _YEAR.fullmatch(text):
        return _span(match[1], int(match[1]), 1, 12)
    return None


@lru_cache(maxsize=1 << 16)
def parse_period(text: str) -> Period | None:
    """The period a date-like text names ('Mar. 2026' -> '2026-03'), or None if it is not one."""
    cleaned = _clean(text)
    if not cleaned:
        return None
    return _month_forms(cleaned) or _coarse_forms(cleaned)
