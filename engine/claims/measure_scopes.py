"""Qualifiers and scopes of measures: what the words around a number say about it.

Each function reads a rule's match and its sentence (engine.claims.rules.Rule `qualify` and
`render` hooks): the scope suffix of the attribute ("_initial", "_potential", "_phase_1",
"_tenant", "_peak", "_parcel", "_nickel", "_construction") or the value as it should be
kept ("$616.9-million" -> "$616.9 million", "15-year" -> "15 years", "15,000 tonnes of nickel"
in a sentence that says "each year" -> "... a year").
"""

from __future__ import annotations

import re

_I = re.IGNORECASE
_BREAK = re.compile(r"[,;(]|\b(?:with|and|but|while|plus|whereas)\b", _I)
_INITIAL = re.compile(r"\b(?:initial(?:ly)?|first\s+phase|phase\s+(?:I|1|one)\b|at\s+launch)", _I)
_POTENTIAL = re.compile(
    r"\b(?:potential(?:ly)?|expand(?:able|ed|ing)?\s+to|eventually|ultimately|full\s+build-?out|"
    r"future|could\s+(?:grow|reach|scale)|scal(?:e|able|ing)\s+(?:up\s+)?to|grow(?:ing)?\s+to|"
    r"up\s+to)",
    _I,
)
_PHASE = re.compile(
    r"\b(?:phase\s+(?P<n>I{1,3}|IV|[1-4]|one|two|three)|(?P<w>first|second|third)\s+phase)\b", _I
)
_PHASE_NUMBERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "one": 1, "two": 2, "three": 3}
_PHASE_NUMBERS.update({"first": 1, "second": 2, "third": 3, "1": 1, "2": 2, "3": 3, "4": 4})
_TENANT = re.compile(r"\b(?:tenants?|customers?|occupants?|hyperscalers?)\b", _I)
_PER_PERIOD = re.compile(r"\b(?:each|every|a|per)\s+year\b|\bannually\b|\bper\s+annum\b", _I)
COMMODITIES = (
    "nickel",
    "copper",
    "gold",
    "silver",
    "lithium",
    "zinc",
    "cobalt",
    "uranium",
    "graphite",
    "platinum",
    "palladium",
    "iron ore",
    "concentrate",
    "steel",
    "aluminum",
    "aluminium",
    "hydrogen",
    "ammonia",
)
COMMODITY_PATTERN = "|".join(c.replace(" ", r"\s+") for c in COMMODITIES)


def _window(match: re.Match[str], sentence: str, reach: int = 40) -> str:
    """The clause text just before the value: back to the last comma, 'with', 'and' ..."""
    start = match.start("v")
    text = sentence[max(0, start - reach) : start]
    breaks = list(_BREAK.finditer(text))
    return text[breaks[-1].end() :] if breaks else text


def capacity_scope(match: re.Match[str], sentence: str) -> str:
    """_initial or _potential, from the clause just before the value."""
    window = _window(match, sentence)
    if _INITIAL.search(window):
        return "_initial"
    if _POTENTIAL.search(window):
        return "_potential"
    return ""


def phase_scope(match: re.Match[str], sentence: str) -> str:
    """_phase_N when the clause names a phase ("Phase I of the campus will cost ...")."""
    start = max(0, match.start() - 60)
    breaks = list(_BREAK.finditer(sentence, start, match.start()))
    found = _PHASE.search(sentence, breaks[-1].end() if breaks else start, match.end())
    if found is None:
        return ""
    word = (found.group("n") or found.group("w")).lower()
    return f"_phase_{_PHASE_NUMBERS[word]}"


def investment_scope(match: re.Match[str], sentence: str) -> str:
    """_tenant when tenants or customers make the investment, not the company."""
    return "_tenant" if _TENANT.search(sentence, max(0, match.start() - 50), match.end()) else ""


def peak_scope(match: re.Match[str], sentence: str) -> str:
    """_peak for a peak crew ("a peak construction crew of 1,000")."""
    return "_peak" if re.search(r"\bpeak\b", match.group(0), _I) else ""


def job_scope(match: re.Match[str], sentence: str) -> str:
    """Construction (temporary) jobs, jobs created elsewhere, or jobs at the site itself.

    Unqualified jobs a project creates are its permanent jobs, unless the clause says they
    come during construction ("create 7,000 jobs during construction").
    """
    kind = (match.group("k") or "").lower()
    if kind in ("construction", "temporary"):
        return "_construction"
    if kind in ("indirect", "ancillary", "spinoff", "spin-off", "induced"):
        return "_indirect"
    tail = sentence[match.end() : match.end() + 40]
    if not kind and re.match(r"[^.;,]*\b(?:during|while)\b[^.;,]*\b(?:construction|built)", tail):
        return "_construction"
    return "_permanent"


_PARCEL_AFTER = re.compile(
    r"\s*(?:[\w\-]+\s+)?(?:parcels?|lots?|plots?|tracts?)\b|\s+of\s+(?:its|the|their|this)\s+"
    r"(?:[\w\-]+\s+){0,3}?(?:property|site|land|holdings|campus|assemblage)\b",
    _I,
)
_PARCEL_BEFORE = re.compile(
    r"\b(?:bought|buys|buy|purchased|purchase|acquired|sold|spent|paid)\b[^.;:]{0,40}$|"
    r"[$€£]\s?\d[\d.,]*[^.;]{0,50}\bfor\s+(?:a|an|the)\s+$",
    _I,
)


def parcel_scope(match: re.Match[str], sentence: str) -> str:
    """A parcel bought ("$60 million ... for a 3.7-acre site"), a lot or tract, or a part of
    the site ("9 acres of its River North property") is not the project's site:
    `site_area_parcel` (not in the registry, so parcels never conflict)."""
    if _PARCEL_AFTER.match(sentence, match.end()):
        return "_parcel"
    return "_parcel" if _PARCEL_BEFORE.search(sentence, 0, match.start()) else ""


def commodity_scope(match: re.Match[str], sentence: str) -> str:
    """_<commodity> of a production rate ("15,000 tonnes of nickel" -> _nickel)."""
    commodity = match.groupdict().get("c")
    return "_" + "_".join(commodity.lower().split()) if commodity else ""


def clean_amount(match: re.Match[str], sentence: str) -> str:
    """The amount as stated, with a hyphenated magnitude spaced ('$616.9-million')."""
    return re.sub(r"-(?=(?:million|billion|thousand|trillion)\b)", " ", match.group("v"))


def in_years(match: re.Match[str], sentence: str) -> str:
    """A number of years as a value ("20-year" -> "20 years")."""
    number = match.group("v")
    return f"{number} year" if number.strip().endswith(("1", "one")) else f"{number} years"


def per_year(match: re.Match[str], sentence: str) -> str:
    """The value, with the sentence's 'each year' when the phrase itself names no period."""
    value = " ".join(match.group("v").split())
    if _PER_PERIOD.search(value) or not _PER_PERIOD.search(sentence):
        return value
    return f"{value} a year"
