"""Value normalization: a canonical key per attribute value, so equal values compare equal.

DESIGN §3: values compare after normalization of case, white space and punctuation, company
suffixes, numbers with magnitude words and currency, and dates to month precision. How a
value is read depends on its attribute (see `value_kind`):

- organizations (parent_company, partner, ...) use `normalize_organization`: 'Tattarang Pty
  Ltd' == 'tattarang'. legal_name keeps its legal form but spells it one way ('Ltd' ==
  'Limited'), since the legal form is part of a legal name.
- people (ceo) are folded, with a leading honorific dropped ('Dr. Jane Doe' == 'jane doe').
- websites and domains drop the scheme, 'www.' and a trailing slash.
- places are folded only: 'Sudbury, Ontario' and 'Sudbury' stay different values. A
  containment rule would hide real conflicts ('Sudbury, Ontario' vs 'Sudbury, Massachusetts').
- founded_year is the one year the text names ('founded in 1998' == '1998').
- money (capital_cost, revenue, lease_value, acquisition_price) is a quantity; an amount with no
  currency is USD, the same rule as a bare '$' (see `engine.merge.quantities`). ownership_pct
  without a unit is a percentage.
- an investment is money that must name an amount: 'will invest in' (a signal without a figure)
  gives the empty key, so it takes no part in conflicts with '$16 million'.
- other quantities (employee_count, project_capacity, power_capacity, jobs, mine_life, ...) are
  quantities ('1,200' == '1.2k', 'roughly 11 years' == '11 years'). A bound stays in the key
  ('up to $10 billion' != 'at least $10 billion' != '$10 billion'; see quantities).
- scoped measures ('power_capacity_initial', 'capital_cost_phase_1') read like their family.
- free text (project_stage, events, unknown attributes): a date gives its period ('March 2026'
  == '2026-03-15'), a number its quantity.
- anything that does not parse is compared as folded text (then parsed again, so that
  'March 2026!' still reads as a date).

Every key normalizes to itself (normalization is idempotent on its own output).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal

from engine.merge.periods import parse_period
from engine.merge.quantities import Quantity, parse_decimal_quantity, parse_quantity, quantity_key
from engine.merge.text import fold, normalize_organization
from engine.models.registry import MEASURES

__all__ = ["ValueKind", "normalize_value", "parse_period", "parse_quantity", "value_kind"]

ValueKind = Literal[
    "organization",
    "legal_name",
    "person",
    "url",
    "place",
    "year",
    "money",
    "amount",
    "percent",
    "quantity",
    "text",
]

_KINDS: dict[str, ValueKind] = {
    "parent_company": "organization",
    "subsidiary": "organization",
    "partner": "organization",
    "investor": "organization",
    "customer": "organization",
    "acquired": "organization",
    "incentive": "organization",
    "legal_name": "legal_name",
    "ceo": "person",
    "website": "url",
    "domain": "url",
    "hq_location": "place",
    "project_location": "place",
    "office_location": "place",
    "founded_year": "year",
    "capital_cost": "money",
    "revenue": "money",
    "ownership_pct": "percent",
    "employee_count": "quantity",
    "project_capacity": "quantity",
    "lease_value": "money",
    "acquisition_price": "money",
}
_FAMILY_KINDS: dict[str, ValueKind] = {"capital_cost": "money", "investment": "amount"}
_DEFAULT_CURRENCY = "USD"
_LEGAL_FORMS: dict[str, str] = {
    "limited": "ltd",
    "incorporated": "inc",
    "corporation": "corp",
    "company": "co",
    "proprietary": "pty",
}
_PUBLIC_LIMITED = re.compile(r"\bpublic limited company\b")
_HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame"})
_URL_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://")
_YEAR_IN_TEXT = re.compile(r"(?<!\d)(1[6-9]\d\d|2[01]\d\d)(?!\d)")


def value_kind(attribute: str) -> ValueKind:
    """How values of `attribute` are compared (unknown attributes are free text)."""
    if attribute in _KINDS:
        return _KINDS[attribute]
    family = next((f for f in _FAMILY_KINDS if attribute.startswith(f)), None)
    if family is not None:
        return _FAMILY_KINDS[family]
    if attribute in MEASURES:
        return "quantity"
    return "text"


def _organization_key(value: str) -> str:
    key = normalize_organization(value)
    while (again := normalize_organization(key)) != key:
        key = again
    return key


def _legal_name_key(value: str) -> str:
    words = _PUBLIC_LIMITED.sub("plc", fold(value)).split()
    return " ".join(_LEGAL_FORMS.get(word, word) for word in words)


def _person_key(value: str) -> str:
    words = fold(value).split()
    while len(words) > 1 and words[0] in _HONORIFICS:
        words = words[1:]
    return " ".join(words)


def _url_key(value: str) -> str:
    text = value.lower()
    while (bare := _URL_SCHEME.sub("", text.strip()).lstrip("@").removeprefix("www.")) != text:
        text = bare.rstrip("/")
    return text


def _year_key(value: str) -> str:
    years: set[str] = {match[1] for match in _YEAR_IN_TEXT.finditer(value)}
    if len(years) == 1:
        return years.pop()
    return fold(value)


def _with_defaults(quantity: Quantity, kind: ValueKind) -> Quantity:
    if kind in ("money", "amount") and quantity.currency is None and quantity.unit is None:
        return quantity._replace(currency=_DEFAULT_CURRENCY)
    if kind == "percent" and quantity.currency is None and quantity.unit is None:
        return quantity._replace(unit="%")
    return quantity


def _measured(text: str, kind: ValueKind) -> str | None:
    """Key of a quantity, or (for free text) of a date first; None if the text is neither."""
    if kind == "text" and (period := parse_period(text)) is not None:
        return period.key
    quantity = parse_decimal_quantity(text)
    return quantity_key(_with_defaults(quantity, kind)) if quantity is not None else None


def _measured_key(value: str, kind: ValueKind) -> str:
    """A quantity or date key when the value (or its folded text) is one; else the folded text."""
    key = _measured(value, kind)
    if key is not None:
        return key
    folded = fold(value)
    return _measured(folded, kind) or folded


@lru_cache(maxsize=1 << 17)
def normalize_value(attribute: str, value: str) -> str:
    """Canonical key of `value` for `attribute`: equal keys mean the same value."""
    kind = value_kind(attribute)
    if not value.strip():
        return ""
    if kind == "organization":
        return _organization_key(value)
    if kind == "legal_name":
        return _legal_name_key(value)
    if kind == "person":
        return _person_key(value)
    if kind == "url":
        return _url_key(value)
    if kind == "place":
        return fold(value)
    if kind == "year":
        return _year_key(value)
    if kind == "amount":
        return _measured(value, kind) or _measured(fold(value), kind) or ""
    return _measured_key(value, kind)
