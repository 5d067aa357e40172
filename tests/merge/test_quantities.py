"""Quantities: magnitude words, currencies and units read into one canonical form."""

from __future__ import annotations

from decimal import Decimal

import pytest

from engine.merge.quantities import parse_decimal_quantity, parse_quantity, quantity_key


def test_parse_quantity_reports_amount_currency_and_unit() -> None:
    assert parse_quantity("C$1.2 billion") == (1.2e9, "CAD", None)
    assert parse_quantity("3,000 tpd") == (3000.0, None, "t/d")
    assert parse_quantity("51 percent") == (51.0, None, "%")
    assert parse_quantity("Perth") is None
    assert parse_quantity("1.2 billion CAD USD") is None
    assert parse_quantity("C$1.2 billion USD") is None


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("USD 1,200 million", "1200000000 USD"),
        ("1.2 bn USD", "1200000000 USD"),
        ("A$450m", "450000000 AUD"),
        ("200 megawatts", "200000000 W"),
        ("1.5 GWh", "1500000000 Wh"),
        ("500 koz", "500000 oz"),
        ("12,000 barrels per day", "12000 bbl/d"),
        ("3,000 tonnes of ore per day", "3000 t/d"),
        ("over 500 employees", ">=500"),
        ("up to $10 billion", "<=10000000000 USD"),
        ("$1 billion-plus", ">=1000000000 USD"),
        ("$616.9-million", "616900000 USD"),
        ("$US16,000", "16000 USD"),
        ("roughly 11 years", "11 yr"),
        ("at least 12 years", ">=12 yr"),
        ("2,000 acres", "2000 acre"),
        ("250,000 square feet", "250000 ft2"),
        ("300,000 tonnes of underground ore a year", "300000 t/y"),
        ("0", "0"),
    ],
)
def test_quantity_keys_are_canonical_and_parse_back(text: str, key: str) -> None:
    quantity = parse_decimal_quantity(text)
    assert quantity is not None
    assert quantity_key(quantity) == key
    again = parse_decimal_quantity(key)
    assert again is not None and quantity_key(again) == key


def test_amounts_are_exact_decimals() -> None:
    quantity = parse_decimal_quantity("$1.1 billion")
    assert quantity is not None and quantity.amount == Decimal("1100000000")


@pytest.mark.parametrize("text", ["Perth", "1.2.3", "$", "1,20", "3,000 widgets", "phase 2"])
def test_text_that_is_not_a_bare_quantity_is_rejected(text: str) -> None:
    assert parse_quantity(text) is None


def test_canadian_dollar_prefix_is_not_read_as_circa() -> None:
    assert parse_quantity("CA$1.2 billion") == (1.2e9, "CAD", None)
    assert parse_quantity("CA$1.2 billion") == parse_quantity("C$1.2 billion")
    assert parse_quantity("ca. 1.2 billion") == (1.2e9, None, None)
    assert parse_quantity("ca 500 MW") == (5e8, None, "W")


def test_us_dollar_spellings_equal_a_bare_dollar() -> None:
    expected = parse_quantity("$1.2 billion")
    assert expected == (1.2e9, "USD", None)
    for text in (
        "US $1.2 billion",
        "USD $1.2 billion",
        "U.S. $1.2 billion",
        "$1.2 billion US",
        "1.2 billion (USD)",
        "$1.2 bln",
    ):
        assert parse_quantity(text) == expected, text


def test_suffix_currency_overrides_a_bare_dollar() -> None:
    assert parse_quantity("$1.2 billion CAD") == (1.2e9, "CAD", None)
    assert parse_quantity("C$1.2 billion USD") is None


def test_long_unit_text_does_not_recurse_and_compares_as_text() -> None:
    from engine.merge.values import normalize_value

    long_value = "3000 t" + " of ore" * 1500
    assert parse_quantity(long_value) is None
    assert normalize_value("project_capacity", long_value) == long_value
    assert parse_quantity("3000 t of ore of ore") == (3000.0, None, "t")


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("up to $10 billion", "at least $10 billion"),
        ("up to $10 billion", "$10 billion"),
        ("more than $1 billion", "$1 billion"),
        ("at least 12 years", "12 years"),
    ],
)
def test_a_bound_is_not_the_number_it_bounds(left: str, right: str) -> None:
    """'up to' states a ceiling and 'at least' a floor: neither is the figure itself."""
    first, second = parse_decimal_quantity(left), parse_decimal_quantity(right)
    assert first is not None and second is not None
    assert quantity_key(first) != quantity_key(second)
    assert first.amount == second.amount


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("more than $1 billion", "over $1 billion"),
        ("$1 billion-plus", "at least $1 billion"),
        ("up to 1 GW", "as much as 1,000 MW"),
        ("roughly 11 years", "about 11 years"),
    ],
)
def test_same_bound_or_approximation_agrees(left: str, right: str) -> None:
    first, second = parse_decimal_quantity(left), parse_decimal_quantity(right)
    assert first is not None and second is not None
    assert quantity_key(first) == quantity_key(second)
