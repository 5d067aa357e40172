"""Value normalization: equal values get equal keys, different values stay apart."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from engine.merge.values import normalize_value, value_kind

MONEY_SPELLINGS = [
    "$1.2 billion",
    "USD 1,200 million",
    "US$1.2B",
    "1.2 bn USD",
    "about $1.2bn",
    "1.2 billion US dollars",
    "$1,200,000,000",
    "1.2 billion",
]


@pytest.mark.parametrize("spelling", MONEY_SPELLINGS)
def test_money_spellings_of_one_amount_share_a_key(spelling: str) -> None:
    assert normalize_value("capital_cost", spelling) == "1200000000 USD"


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("$1.2 billion", "C$1.2 billion"),
        ("CAD 1.2 billion", "A$1.2 billion"),
        ("€1.2 billion", "£1.2 billion"),
        ("$1.2 billion", "$1.5 billion"),
        ("$1.2 billion", "$1.2 million"),
    ],
)
def test_different_currencies_or_amounts_differ(left: str, right: str) -> None:
    assert normalize_value("capital_cost", left) != normalize_value("capital_cost", right)


@pytest.mark.parametrize(
    ("attribute", "spellings"),
    [
        ("employee_count", ["1,200", "1200", "1.2 thousand", "1.2k", "approximately 1,200 staff"]),
        ("employee_count", ["nearly 1,200 employees", "~1200", "about 1,200 staff"]),
        ("mine_life", ["11 years", "roughly 11 years", "about 11 yrs"]),
        ("power_capacity_initial", ["100 MW", "100 megawatts", "0.1 GW"]),
        ("investment", ["$16 million", "US$16m", "16 million dollars"]),
        ("capital_cost_phase_1", ["$800 million", "US$0.8 billion"]),
        ("jobs_construction", ["1,500", "about 1,500"]),
        ("project_capacity", ["3,000 tpd", "3,000 tonnes per day", "3000 t/d", "3 kt/d"]),
        ("project_capacity", ["200 MW", "200 megawatts", "0.2 GW", "200,000 kW"]),
        ("project_capacity", ["1.2 Mtpa", "1.2 million tonnes per annum", "1,200 ktpa"]),
        ("ownership_pct", ["51%", "51 percent", "51 per cent", "51", "51.0 %"]),
        ("revenue", ["€30m", "EUR 30 million", "30 million euros"]),
        ("founded_year", ["1998", "founded in 1998", "Founded 1998."]),
        ("construction_start", ["March 2026", "2026-03-15", "Mar. 2026", "15 March 2026"]),
        ("construction_start", ["Q2 2026", "2Q 2026", "second quarter of 2026", "2026-Q2"]),
        ("parent_company", ["Tattarang Pty Ltd", "Tattarang", "TATTARANG PTY. LTD."]),
        (
            "legal_name",
            ["Wyloo Metals Pty Limited", "Wyloo Metals Pty. Ltd.", "wyloo metals pty ltd"],
        ),
        ("ceo", ["Dr. Luca Giacovazzi", "Luca Giacovazzi", "luca  giacovazzi"]),
        ("website", ["https://www.wyloo.com/", "wyloo.com", "WWW.Wyloo.com"]),
        ("project_stage", ["Pre-construction", "pre construction", "PRE-CONSTRUCTION"]),
        (
            "hq_location",
            ["West Perth, Australia", "west perth australia", "West  Perth (Australia)"],
        ),
    ],
)
def test_formatting_variants_share_a_key(attribute: str, spellings: list[str]) -> None:
    keys = {normalize_value(attribute, spelling) for spelling in spellings}
    assert len(keys) == 1, keys


@pytest.mark.parametrize(
    ("attribute", "left", "right"),
    [
        ("hq_location", "Sudbury, Ontario", "Sudbury"),
        ("legal_name", "Wyloo Metals Pty Ltd", "Wyloo Metals Ltd"),
        ("project_capacity", "3,000 tpd", "3,000 tons per day"),
        ("project_capacity", "3,000 tpd", "3,000 tpa"),
        ("construction_start", "March 2026", "April 2026"),
        ("construction_start", "Q2 2026", "June 2026"),
        ("ownership_pct", "51%", "49%"),
    ],
)
def test_values_that_mean_different_things_stay_apart(
    attribute: str, left: str, right: str
) -> None:
    assert normalize_value(attribute, left) != normalize_value(attribute, right)


def test_attribute_kinds_follow_the_registry_and_default_to_text() -> None:
    assert value_kind("parent_company") == "organization"
    assert value_kind("capital_cost") == "money"
    assert value_kind("hq_location") == "place"
    assert value_kind("brand_colour") == "text"


def test_blank_values_have_an_empty_key() -> None:
    assert normalize_value("capital_cost", "   ") == ""


# Property tests -----------------------------------------------------------------------------

_MAGNITUDES = [("", 1), (" thousand", 10**3), ("k", 10**3), (" million", 10**6), ("m", 10**6)]
_MAGNITUDES += [(" billion", 10**9), (" bn", 10**9), ("B", 10**9)]
_CURRENCIES = [("$", "", "USD"), ("US$", "", "USD"), ("", " USD", "USD"), ("C$", "", "CAD")]
_CURRENCIES += [("€", "", "EUR"), ("", " GBP", "GBP"), ("AUD ", "", "AUD")]


def _with_commas(number: int) -> str:
    return f"{number:,}"


@given(
    units=st.integers(min_value=0, max_value=10**6),
    cents=st.integers(min_value=0, max_value=99),
    magnitude=st.sampled_from(_MAGNITUDES),
    currency=st.sampled_from(_CURRENCIES),
    approx=st.sampled_from(["", "about ", "~", "approximately ", "nearly "]),
)
def test_money_formatting_variants_normalize_equal(
    units: int,
    cents: int,
    magnitude: tuple[str, int],
    currency: tuple[str, str, str],
    approx: str,
) -> None:
    word, factor = magnitude
    prefix, suffix, code = currency
    decimal_text = f"{units}.{cents:02d}"
    spelled = f"{approx}{prefix}{decimal_text}{word}{suffix}"
    expanded = Decimal(decimal_text) * factor
    whole = expanded == expanded.to_integral_value()
    plain = f"{prefix}{_with_commas(int(expanded)) if whole else expanded}{suffix}"
    assert normalize_value("capital_cost", spelled) == normalize_value("capital_cost", plain)
    assert normalize_value("capital_cost", spelled).endswith(code)


@given(number=st.integers(min_value=0, max_value=10**12))
def test_commas_and_thousands_words_do_not_change_a_count(number: int) -> None:
    key = normalize_value("employee_count", str(number))
    assert normalize_value("employee_count", _with_commas(number)) == key
    if number % 1000 == 0:
        assert normalize_value("employee_count", f"{number // 1000}k") == key
        assert normalize_value("employee_count", f"{number // 1000} thousand") == key


_ATTRIBUTES = ["capital_cost", "employee_count", "ownership_pct", "project_capacity", "ceo"]
_ATTRIBUTES += ["parent_company", "legal_name", "website", "hq_location", "construction_start"]
_ATTRIBUTES += ["founded_year", "product"]
_VALUE_PARTS = ["$", "1,200", "1.2", " ", "billion", "k", "%", "tpd", "Ltd", "www.", "https://"]
_VALUE_PARTS += ["March", "2026", "-03", "Q2", "about", "Dr.", "the", ",", ".", "/", "C$", "mid-"]


@given(
    attribute=st.sampled_from(_ATTRIBUTES),
    value=st.one_of(
        st.lists(st.sampled_from(_VALUE_PARTS), min_size=1, max_size=6).map("".join),
        st.text(max_size=20),
    ),
)
def test_normalization_is_idempotent_on_its_own_output(attribute: str, value: str) -> None:
    key = normalize_value(attribute, value)
    assert normalize_value(attribute, key) == key


@given(
    year=st.integers(min_value=1900, max_value=2100),
    month=st.integers(min_value=1, max_value=12),
    day=st.integers(min_value=1, max_value=28),
)
def test_month_spellings_of_one_date_normalize_equal(year: int, month: int, day: int) -> None:
    names = ["", "January", "February", "March", "April", "May", "June", "July", "August"]
    names += ["September", "October", "November", "December"]
    name = names[month]
    spellings = [
        f"{year}-{month:02d}-{day:02d}",
        f"{year}-{month:02d}",
        f"{name} {year}",
        f"{name[:3]}. {year}",
        f"{day} {name} {year}",
        f"{name} {day}, {year}",
    ]
    keys = {normalize_value("first_production", spelling) for spelling in spellings}
    assert keys == {f"{year}-{month:02d}"}


def test_an_investment_without_an_amount_has_no_key() -> None:
    """A signal that names no figure ('will invest in') never conflicts with '$16 million'."""
    assert normalize_value("investment", "invest in") == ""
    assert normalize_value("investment_tenant", "$2 billion") == "2000000000 USD"


@pytest.mark.parametrize(
    ("attribute", "kind"),
    [
        ("capital_cost_phase_1", "money"),
        ("lease_value", "money"),
        ("acquisition_price", "money"),
        ("investment", "amount"),
        ("mine_life", "quantity"),
        ("power_capacity_potential", "quantity"),
        ("production_rate_nickel", "quantity"),
        ("metric", "text"),
    ],
)
def test_measure_value_kinds(attribute: str, kind: str) -> None:
    assert value_kind(attribute) == kind
