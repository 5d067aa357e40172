"""Dates in text, resolved to the first day of the period they name (claims carry YYYY-MM-DD).

Forms and the date each gives (the mapping is fixed so re-runs and the merge agree):

- "July 4, 2025", "Jul. 4th 2025", "4 July 2025", "2025-07-04"  -> that day
- "July 2025", "Sept. 2025"                                     -> 2025-07-01 (first of month)
- "Q3 2026", "3Q 2026", "the third quarter of 2026"             -> first month of the quarter
- "H1 2026" / "first half of 2026" -> January; "H2" / "second half" -> July
- "early 2026" / "beginning of 2026" / "start of 2026"          -> January
- "mid-2026" / "middle of 2026"                                 -> July
- "late 2026"                                                   -> October
- "end of 2026", "year-end 2026", "end-2026"                    -> December
- seasons: winter -> January, spring -> April, summer -> July, fall/autumn -> October
- a bare year only when used as a date ("in 2027", "by 2027", "for 2027", "to 2027",
  "between 2027 and 2028" -> 2027, "the end of 2027")
  -> January 1st (not "2027 tonnes")

Years outside 1900-2099 and impossible days are not dates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from engine.claims.lexicon import MONTHS


@dataclass(frozen=True)
class DateMention:
    """A date phrase found at [start, end) of a text, with the date it resolves to."""

    start: int
    end: int
    text: str
    value: date


_YEAR = r"(?P<year>19\d{2}|20\d{2})(?![\d,.]\d)"
_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
_MONTH = rf"(?P<month>(?:{_MONTH_NAMES})(?:\.)?)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "1st": 1,
    "2nd": 2,
    "3rd": 3,
    "4th": 4,
}
_PART_MONTH = {
    "early": 1,
    "beginning": 1,
    "start": 1,
    "mid": 7,
    "middle": 7,
    "late": 10,
    "end": 12,
    "year-end": 12,
    "winter": 1,
    "spring": 4,
    "summer": 7,
    "fall": 10,
    "autumn": 10,
}

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("iso", re.compile(r"(?<![\d-])(?P<year>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?![\d-])")),
    (
        "month_day_year",
        re.compile(rf"(?<![\w])(?i:{_MONTH})\s+{_DAY},?\s+{_YEAR}(?!\d)"),
    ),
    ("day_month_year", re.compile(rf"(?<![\w]){_DAY}\s+(?i:{_MONTH}),?\s+{_YEAR}(?!\d)")),
    ("month_year", re.compile(rf"(?<![\w])(?i:{_MONTH}),?\s+(?:of\s+)?{_YEAR}(?!\d)")),
    (
        "quarter",
        re.compile(
            rf"(?<![\w])(?i:Q(?P<q>[1-4])|(?P<q2>[1-4])Q)(?:\s*[/\-,']?\s*|\s+of\s+){_YEAR}(?!\d)"
        ),
    ),
    (
        "quarter_words",
        re.compile(
            rf"(?i:(?:the\s+)?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)\s+"
            rf"(?:calendar\s+)?quarter\s+(?:of\s+)?){_YEAR}(?!\d)"
        ),
    ),
    ("half", re.compile(rf"(?<![\w])(?i:H(?P<h>[12])|(?P<h2>[12])H)\s*[/\-,]?\s*{_YEAR}(?!\d)")),
    (
        "half_words",
        re.compile(rf"(?i:(?:the\s+)?(?P<hw>first|second)\s+half\s+(?:of\s+)?){_YEAR}(?!\d)"),
    ),
    (
        "part",
        re.compile(
            rf"(?<![\w])(?i:(?:the\s+|by\s+the\s+)?(?P<part>early|mid|late|beginning|start|middle"
            rf"|end|year-end|winter|spring|summer|fall|autumn)(?:\s+of\s+|\s*-\s*|\s+)){_YEAR}(?!\d)"
        ),
    ),
    (
        "bare_year",
        re.compile(
            rf"(?<![\w])(?i:in|by|during|until|till|from|since|before|after|through|throughout|for|"
            rf"around|circa|to|into|than|between|of)"
            rf"\s+(?:the\s+year\s+)?{_YEAR}(?![\d%])(?!\s*(?:tonnes|tons|tpd|people|employees|"
            rf"units|km|m\b|mw|oz|lb|t\b|%))"
        ),
    ),
)

_KIND_PRIORITY = {kind: rank for rank, (kind, _) in enumerate(_PATTERNS)}
# The group where the stated phrase starts (leading "in", "the", "by the" are not part of it).
_PHRASE_START = {"bare_year": "year", "quarter_words": "ord", "half_words": "hw", "part": "part"}


def _safe_date(year: int, month: int, day: int = 1) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _resolve(kind: str, match: re.Match[str]) -> date | None:
    year = int(match.group("year"))
    if not 1900 <= year <= 2099:
        return None
    if kind == "iso":
        return _safe_date(year, int(match.group("m")), int(match.group("d")))
    if kind in ("month_day_year", "day_month_year"):
        month = MONTHS[match.group("month").lower().rstrip(".")]
        return _safe_date(year, month, int(match.group("day")))
    if kind == "month_year":
        return _safe_date(year, MONTHS[match.group("month").lower().rstrip(".")])
    if kind == "quarter":
        quarter = int(match.group("q") or match.group("q2"))
        return _safe_date(year, 3 * quarter - 2)
    if kind == "quarter_words":
        return _safe_date(year, 3 * _ORDINALS[match.group("ord").lower()] - 2)
    if kind == "half":
        return _safe_date(year, 1 if (match.group("h") or match.group("h2")) == "1" else 7)
    if kind == "half_words":
        return _safe_date(year, 1 if match.group("hw").lower() == "first" else 7)
    if kind == "part":
        return _safe_date(year, _PART_MONTH[match.group("part").lower()])
    return _safe_date(year, 1)


def find_dates(text: str) -> list[DateMention]:
    """Every date phrase in text, in order; overlapping phrases keep the longest, most precise."""
    candidates: list[tuple[int, int, int, DateMention]] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            value = _resolve(kind, match)
            if value is None:
                continue
            start, end = match.span()
            if kind in _PHRASE_START:
                start = match.start(_PHRASE_START[kind])
            phrase = text[start:end].strip()
            mention = DateMention(start, end, phrase, value)
            candidates.append((-(end - start), _KIND_PRIORITY[kind], start, mention))
    chosen: list[DateMention] = []
    for _, _, _, mention in sorted(candidates, key=lambda item: item[:3]):
        if all(mention.end <= other.start or other.end <= mention.start for other in chosen):
            chosen.append(mention)
    return sorted(chosen, key=lambda m: m.start)


def parse_date_phrase(phrase: str) -> date | None:
    """The date of the first date phrase in phrase, or None."""
    found = find_dates(phrase)
    return found[0].value if found else None
