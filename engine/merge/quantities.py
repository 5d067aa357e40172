"""Quantities in claim values: numbers with magnitude words, currency and units.

`parse_quantity` reads one whole value as a quantity, so that formatting variants compare
equal: '$1.2 billion' == 'USD 1,200 million' == 'US$1.2B' == '1.2 bn USD'; '1,200' == '1.2k';
'3,000 tpd' == '3000 tonnes per day' == '3000 t/d'; '200 MW' == '200 megawatts'; '51%' ==
'51 percent'. Rules where the text is silent or ambiguous:

- '$' alone means USD (the document would say 'C$' or 'CAD' for Canadian dollars) unless a
  currency follows the number ('$1.2 billion CAD' is CAD); 'C$'/'CA$'/'CAD' is CAD, 'A$'/'AUD'
  AUD, 'EUR'/'€', 'GBP'/'£'; 'US $', 'USD $', a trailing 'US' or '(USD)' are USD. Two
  different explicit currencies differ. The currency prefix is read before approximation
  words, and 'ca' (circa) is an approximation only before a number, so 'CA$' stays CAD.
- Approximation words ('about', '~', 'nearly', 'roughly', 'an estimated') are dropped: the
  number they qualify is the value ('roughly 11 years' == '11 years').
- Bound words are kept as the quantity's `bound`: a lower bound ('at least', 'more than',
  'over', 'upwards of', '>=', a trailing '+' or '-plus') is '>=', an upper bound ('up to', 'as
  much as', 'at most', 'less than', 'under', '<=') is '<='. Strict and non-strict bounds are one
  bound. So 'up to $10 billion' != '$10 billion' != 'at least $10 billion': equating a bound
  with its number would make 'up to 10' and 'at least 10' equal too (an equality key cannot be
  "compatible with" both), and a source that says "up to" states a ceiling, not the figure. The
  key shows the bound first ('>=12 yr'); it parses back to itself.
- '-million' is 'million' ('$616.9-million'); '$US' is USD; years ('11 years', 'yr') are the
  unit 'yr'; square feet and square metres are 'ft2' and 'm2'.
- 'm'/'b'/'k' after a number are million/billion/thousand; 'Mt' is million tonnes; 't' and
  'tpd' are metric tonnes; 'tons' (short tons) is a different unit; 'of ore' after a unit is
  dropped; headcount nouns ('employees', 'staff') carry no unit.

Anything else left over, or a text longer than MAX_QUANTITY_LENGTH characters, means the text
is not a bare quantity and `parse_quantity` gives None.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache
from typing import NamedTuple

_ONE = Decimal(1)
# Longer texts are not bare quantities: they compare as folded text.
MAX_QUANTITY_LENGTH = 300
_APPROX_WORDS = re.compile(
    r"^(?:approximately|approx|about|around|roughly|circa|ca(?=\.?\s*\d)|some|nearly|almost|"
    r"an estimated|estimated|est|close to)\b\.?\s*",
    re.IGNORECASE,
)
_APPROX_SYMBOLS = re.compile(r"^(?:~|≈|\+/-|±)\s*")
_LOWER, _UPPER = ">=", "<="
_BOUND_WORDS = re.compile(
    r"^(?:(?P<lower>just over|more than|over|at least|upwards of|in excess of|no less than|"
    r">=|>|≥)|(?P<upper>up to|as much as|as many as|at most|no more than|just under|less than|"
    r"fewer than|under|<=|<|≤))(?:\b|(?<=[=<>≤≥]))\s*",
    re.IGNORECASE,
)
_PLUS = re.compile(r"^(?:\+|-?\s*plus\b)\s*")
_CURRENCY_PREFIX = re.compile(
    r"^(U\.S\.\s*\$|US\s*\$|\$\s*US(?=\s*\d)|USD\s*\$|U\.S\.(?=\s*\d)|US(?=\s*\d)|USD|CDN\s*\$|CA\$|C\$|"
    r"CAD\s*\$|CAD|AU\$|A\$|AUD\s*\$|AUD|NZ\$|NZD|HK\$|HKD|EUR|€|GBP|£|\$)\s*",
    re.IGNORECASE,
)
_CURRENCY_SUFFIX = re.compile(
    r"^\(?\s*(usd|cad|aud|nzd|hkd|eur|gbp|u\.?s\.? dollars|canadian dollars|australian dollars|"
    r"dollars|euros?|pounds sterling|u\.?s\.?)(?![a-z])\s*\)?\s*"
)
_CURRENCIES: dict[str, str] = {
    "$": "USD",
    "$us": "USD",
    "us$": "USD",
    "u.s.$": "USD",
    "usd$": "USD",
    "u.s.": "USD",
    "us": "USD",
    "usd": "USD",
    "dollars": "USD",
    "c$": "CAD",
    "ca$": "CAD",
    "cdn$": "CAD",
    "cad$": "CAD",
    "cad": "CAD",
    "canadian dollars": "CAD",
    "a$": "AUD",
    "au$": "AUD",
    "aud$": "AUD",
    "aud": "AUD",
    "australian dollars": "AUD",
    "nz$": "NZD",
    "nzd": "NZD",
    "hk$": "HKD",
    "hkd": "HKD",
    "€": "EUR",
    "eur": "EUR",
    "£": "GBP",
    "gbp": "GBP",
    "pounds sterling": "GBP",
}
_NUMBER = re.compile(r"^(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?")
_MAGNITUDE = re.compile(
    r"^\s*-?\s*(trillion|billion|million|thousand|mln|mn|bln|bn|mm|tn|k|m|b)(?![0-9a-z²/$])\.?",
    re.IGNORECASE,
)
_MAGNITUDES: dict[str, Decimal] = {
    "thousand": Decimal(10**3),
    "k": Decimal(10**3),
    "million": Decimal(10**6),
    "mln": Decimal(10**6),
    "mn": Decimal(10**6),
    "mm": Decimal(10**6),
    "m": Decimal(10**6),
    "billion": Decimal(10**9),
    "bn": Decimal(10**9),
    "bln": Decimal(10**9),
    "b": Decimal(10**9),
    "trillion": Decimal(10**12),
    "tn": Decimal(10**12),
}
_NO_UNIT = frozenset(
    {"employees", "employee", "staff", "people", "workers", "personnel", "ftes", "fte", "jobs"}
)
# Units that can stand alone: name -> (canonical unit, factor).
_BASE_UNITS: dict[str, tuple[str, Decimal]] = {
    **{name: ("%", _ONE) for name in ("%", "percent", "per cent", "pct")},
    **{name: ("t", _ONE) for name in ("t", "tonne", "tonnes", "metric ton", "metric tons")},
    **{name: ("t", _ONE) for name in ("metric tonne", "metric tonnes")},
    **{name: ("t", Decimal(10**3)) for name in ("kt", "kilotonne", "kilotonnes")},
    **{name: ("t", Decimal(10**6)) for name in ("mt", "megatonne", "megatonnes")},
    **{name: ("ton", _ONE) for name in ("ton", "tons", "short ton", "short tons")},
    **{name: ("W", _ONE) for name in ("w", "watt", "watts")},
    **{name: ("W", Decimal(10**3)) for name in ("kw", "kilowatt", "kilowatts")},
    **{name: ("W", Decimal(10**6)) for name in ("mw", "mwe", "megawatt", "megawatts")},
    **{name: ("W", Decimal(10**9)) for name in ("gw", "gigawatt", "gigawatts")},
    **{name: ("Wh", _ONE) for name in ("wh", "watt hours", "watt-hours")},
    **{name: ("Wh", Decimal(10**3)) for name in ("kwh", "kilowatt hours", "kilowatt-hours")},
    **{name: ("Wh", Decimal(10**6)) for name in ("mwh", "megawatt hours", "megawatt-hours")},
    **{name: ("Wh", Decimal(10**9)) for name in ("gwh", "gigawatt hours", "gigawatt-hours")},
    **{name: ("oz", _ONE) for name in ("oz", "ounce", "ounces", "troy ounces")},
    "koz": ("oz", Decimal(10**3)),
    "moz": ("oz", Decimal(10**6)),
    **{name: ("lb", _ONE) for name in ("lb", "lbs", "pound", "pounds")},
    **{name: ("lb", Decimal(10**6)) for name in ("mlb", "mlbs")},
    **{name: ("bbl", _ONE) for name in ("bbl", "barrel", "barrels")},
    "boe": ("boe", _ONE),
    **{name: ("m3", _ONE) for name in ("m3", "m³", "cubic metres", "cubic meters")},
    **{name: ("l", _ONE) for name in ("l", "litre", "litres", "liter", "liters")},
    **{name: ("ha", _ONE) for name in ("ha", "hectare", "hectares")},
    **{name: ("km2", _ONE) for name in ("km2", "km²", "sq km", "square kilometres")},
    "square kilometers": ("km2", _ONE),
    **{name: ("acre", _ONE) for name in ("acre", "acres")},
    **{name: ("km", _ONE) for name in ("km", "kilometre", "kilometres", "kilometer")},
    "kilometers": ("km", _ONE),
    **{name: ("yr", _ONE) for name in ("year", "years", "yr", "yrs")},
    **{name: ("ft2", _ONE) for name in ("ft2", "square feet", "square foot", "sq ft", "sq. ft.")},
    **{name: ("m2", _ONE) for name in ("m2", "m²", "square metres", "square meters", "sq m")},
    **{name: ("mi2", _ONE) for name in ("mi2", "square miles", "square mile", "sq mi")},
}
_RATE_BASES = frozenset({"t", "ton", "oz", "lb", "bbl", "boe", "m3", "l", "Wh"})
_PER_DAY, _PER_YEAR = "d", "y"
_COMPACT_RATES: dict[str, tuple[str, Decimal]] = {
    "tpd": ("t/d", _ONE),
    "ktpd": ("t/d", Decimal(10**3)),
    "tpa": ("t/y", _ONE),
    "tpy": ("t/y", _ONE),
    "ktpa": ("t/y", Decimal(10**3)),
    "mtpa": ("t/y", Decimal(10**6)),
    "bpd": ("bbl/d", _ONE),
    "bopd": ("bbl/d", _ONE),
    "boepd": ("boe/d", _ONE),
}
_RATE = re.compile(
    r"(.+?)\s*(?:/|\bper\b|\ba\b)\s*(day|d|annum|year|yr|y|a)|(.+?)\s+(pd|pa|p\.a\.|daily|annually)"
)
_RATE_PERIODS: dict[str, str] = {
    "day": _PER_DAY,
    "d": _PER_DAY,
    "pd": _PER_DAY,
    "daily": _PER_DAY,
    "annum": _PER_YEAR,
    "year": _PER_YEAR,
    "yr": _PER_YEAR,
    "y": _PER_YEAR,
    "a": _PER_YEAR,
    "pa": _PER_YEAR,
    "p.a.": _PER_YEAR,
    "annually": _PER_YEAR,
}
_OF_SOMETHING = re.compile(r"\s+of\s+[a-z]+(?:\s+[a-z]+)?$")


class Quantity(NamedTuple):
    """A parsed quantity: amount in base units, ISO currency code or None, unit or None, and
    its bound ('>=' at least, '<=' up to, None for the number itself)."""

    amount: Decimal
    currency: str | None
    unit: str | None
    bound: str | None = None


def _parse_unit(text: str) -> tuple[str | None, Decimal] | None:
    """Canonical unit and factor of a unit text; (None, 1) for no unit; None if unknown."""
    while True:
        if not text or text in _NO_UNIT:
            return (None, _ONE)
        if text in _COMPACT_RATES:
            return _COMPACT_RATES[text]
        if text in _BASE_UNITS:
            return _BASE_UNITS[text]
        match = _RATE.fullmatch(text)
        if match:
            base_text = match[1] if match[1] is not None else match[3]
            period = match[2] if match[2] is not None else match[4]
            base = _BASE_UNITS.get(_OF_SOMETHING.sub("", base_text))
            if base is not None and base[0] in _RATE_BASES:
                return (f"{base[0]}/{_RATE_PERIODS[period]}", base[1])
            return None
        stripped = _OF_SOMETHING.sub("", text)
        if stripped == text:
            return None
        text = stripped


def _suffix_currency(word: str) -> str:
    """ISO code of a currency word written after the number ('usd', 'U.S. dollars', 'euros')."""
    if word.startswith("u"):
        return "USD"
    if word.startswith("euro"):
        return "EUR"
    return _CURRENCIES[word]


def _strip_approximation(text: str) -> tuple[str, str | None]:
    """The text without leading approximation and bound words, and the bound they state."""
    bound: str | None = None
    while True:
        stripped = _APPROX_SYMBOLS.sub("", _APPROX_WORDS.sub("", text, count=1), count=1)
        if match := _BOUND_WORDS.match(stripped):
            bound = _LOWER if match["lower"] else _UPPER
            stripped = stripped[match.end() :]
        if stripped == text:
            return text, bound
        text = stripped


def _prefix_currency(text: str) -> tuple[str | None, str, str]:
    """Currency written before the number (or None), the symbol as written, the text after."""
    if match := _CURRENCY_PREFIX.match(text):
        symbol = "".join(match[1].lower().split())
        return _CURRENCIES[symbol], symbol, text[match.end() :]
    return None, "", text


@lru_cache(maxsize=1 << 16)
def parse_decimal_quantity(text: str) -> Quantity | None:
    """Parse a whole text as one quantity with an exact decimal amount; None if it is not one."""
    if len(text) > MAX_QUANTITY_LENGTH:
        return None
    rest = " ".join(text.split()).strip(" .;:()")
    currency, symbol, rest = _prefix_currency(rest)
    rest, bound = _strip_approximation(rest)
    if currency is None:
        currency, symbol, rest = _prefix_currency(rest)
    number = _NUMBER.match(rest)
    if number is None:
        return None
    amount = Decimal(number[1].replace(",", "") + (number[2] or ""))
    rest = rest[number.end() :]
    if match := _MAGNITUDE.match(rest):
        amount *= _MAGNITUDES[match[1].lower()]
        rest = rest[match.end() :]
    rest = rest.strip().lower()
    if plus := _PLUS.match(rest):
        bound = bound or _LOWER
        rest = rest[plus.end() :]
    if match := _CURRENCY_SUFFIX.match(rest):
        suffix = _suffix_currency(match[1])
        if currency is not None and currency != suffix and symbol != "$":
            return None
        currency = suffix
        rest = rest[match.end() :]
    unit = _parse_unit(rest.strip())
    if unit is None:
        return None
    return Quantity(amount * unit[1], currency, unit[0], bound)


def parse_quantity(text: str) -> tuple[float, str | None, str | None] | None:
    """Parse a whole text as one quantity: (amount, currency, unit), or None if it is not one."""
    quantity = parse_decimal_quantity(text)
    if quantity is None:
        return None
    return (float(quantity.amount), quantity.currency, quantity.unit)


def quantity_key(quantity: Quantity) -> str:
    """Canonical text of a quantity ('1200000000 USD', '3000 t/d'); it parses back to itself."""
    amount = quantity.amount.normalize()
    parts = [(quantity.bound or "") + (f"{amount:f}" if amount != 0 else "0")]
    if quantity.currency is not None:
        parts.append(quantity.currency)
    if quantity.unit is not None:
        parts.append(quantity.unit)
    return " ".join(parts)
