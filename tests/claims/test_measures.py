"""Amounts and measures keep their number, unit, qualifier and scope (engine.claims.measures)."""

from __future__ import annotations

import pytest

from engine.claims.entities import find_organizations
from engine.claims.facts import Scope
from engine.claims.reading import ALL_RULES
from engine.claims.rules import apply_rules
from engine.models import ClaimType

TARGET = "Halcyon Compute"
PROJECT = "Juniper Flats"
SCOPE = Scope(target=TARGET, projects=(PROJECT,), target_in_document=True)
NO_PROJECT = Scope(target=TARGET, target_in_document=True)


def measures(sentence: str, scope: Scope = SCOPE) -> list[tuple[str | None, str | None]]:
    orgs = find_organizations(sentence, scope.target)
    return [(f.attribute, f.value) for f in apply_rules(ALL_RULES, sentence, scope, orgs)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Halcyon Compute announced an investment of up to $10 billion in Ohio.",
            ("investment", "up to $10 billion"),
        ),
        ("Halcyon Compute invests $16 million in a new plant.", ("investment", "$16 million")),
        ("It is a $16-million investment in the region.", ("investment", "$16 million")),
        (
            "Tenants are expected to invest a further $2 billion in equipment.",
            ("investment_tenant", "$2 billion"),
        ),
    ],
)
def test_investment_keeps_its_amount_and_qualifier(
    sentence: str, expected: tuple[str, str]
) -> None:
    assert measures(sentence, NO_PROJECT) == [expected]


def test_an_investment_is_a_signal_of_the_company() -> None:
    sentence = "Halcyon Compute invests $16 million in a new plant."
    [fact] = apply_rules(ALL_RULES, sentence, NO_PROJECT, find_organizations(sentence, TARGET))
    assert (fact.subject, fact.claim_type) == (TARGET, ClaimType.SIGNAL)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Halcyon Compute completed its $616.9-million takeover of Brightline.", "$616.9 million"),
        ("Halcyon Compute acquired Brightline Systems Inc. for $50 million.", "$50 million"),
    ],
)
def test_acquisition_price(sentence: str, expected: str) -> None:
    assert ("acquisition_price", expected) in measures(sentence, NO_PROJECT)


def test_capital_cost_by_scope() -> None:
    sentence = (
        "Phase I of the Juniper Flats campus will cost $800 million, while the whole campus is "
        "valued at $4 billion."
    )
    assert measures(sentence) == [
        ("capital_cost_phase_1", "$800 million"),
        ("capital_cost", "$4 billion"),
    ]


def test_a_development_worth_more_than_an_amount_is_its_capital_cost() -> None:
    sentence = "Juniper Flats, a development worth more than $1 billion, is gaining support."
    assert measures(sentence) == [("capital_cost", "more than $1 billion")]


def test_lease_value_and_term() -> None:
    sentence = "Halcyon Compute signed a 15-year lease worth $3.5 billion with a cloud provider."
    assert sorted(measures(sentence, NO_PROJECT)) == [
        ("lease_term", "15 years"),
        ("lease_value", "$3.5 billion"),
    ]


def test_construction_and_permanent_jobs() -> None:
    sentence = "Juniper Flats will create 1,500 construction jobs and 300 permanent jobs."
    assert measures(sentence) == [("jobs_construction", "1,500"), ("jobs_permanent", "300")]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Juniper Flats will need a peak construction crew of 1,000.", "1,000"),
        ("The plant will employ about 1,000 people at the peak of construction.", "about 1,000"),
    ],
)
def test_a_peak_crew_is_not_a_headcount(sentence: str, expected: str) -> None:
    found = measures(sentence)
    assert found == [("jobs_construction_peak", expected)]
    assert all(attribute != "employee_count" for attribute, _ in found)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Juniper Flats will bring 8,500 jobs to the city.", ("jobs_permanent", "8,500")),
        (
            "The project will bring 10,000 temporary positions during construction.",
            ("jobs_construction", "10,000"),
        ),
        ("Juniper Flats will support 11,500 ancillary jobs.", ("jobs_indirect", "11,500")),
        (
            "Halcyon Compute plans to employ 2,500 people by 2027 at Juniper Flats.",
            ("jobs_permanent", "2,500"),
        ),
    ],
)
def test_jobs_a_project_creates(sentence: str, expected: tuple[str, str]) -> None:
    assert expected in measures(sentence)


def test_a_current_headcount_is_still_the_employee_count() -> None:
    assert measures("Halcyon Compute employs 1,200 people.", NO_PROJECT) == [
        ("employee_count", "1,200")
    ]


def test_initial_and_potential_power_capacity_are_two_measures() -> None:
    sentence = "Juniper Flats will start with an initial 100 MW with potential for 1 GW."
    assert measures(sentence) == [
        ("power_capacity_initial", "100 MW"),
        ("power_capacity_potential", "1 GW"),
    ]


def test_a_plain_capacity_has_no_scope() -> None:
    assert measures("The Juniper Flats campus is designed for 300 MW.") == [
        ("power_capacity", "300 MW")
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Juniper Flats sits on 2,000 acres near Reno.", ("site_area", "2,000 acres")),
        ("It is a 500-hectare site.", ("site_area", "500 hectare")),
        ("Halcyon Compute bought a 3.7-acre parcel nearby.", ("site_area_parcel", "3.7 acre")),
        (
            "The building will have 250,000 square feet of data halls.",
            ("floor_area", "250,000 square feet"),
        ),
    ],
)
def test_areas(sentence: str, expected: tuple[str, str]) -> None:
    assert expected in measures(sentence)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Juniper Flats has a mine life of roughly 11 years.", "roughly 11 years"),
        ("The deposit could support a 20-year mine life.", "20 years"),
        ("Halcyon estimates the mine could run for at least 12 years.", "at least 12 years"),
        (
            "Juniper Flats would produce 15,000 tons of zinc a year for an expected 20 years.",
            "20 years",
        ),
    ],
)
def test_mine_life(sentence: str, expected: str) -> None:
    assert ("mine_life", expected) in measures(sentence)


def test_a_company_that_operated_for_years_has_no_mine_life() -> None:
    assert ("mine_life", "20 years") not in measures("Halcyon has been producing for 20 years.")


def test_production_rate_names_its_commodity_and_borrows_the_period() -> None:
    sentence = (
        "Each year the mine is expected to produce 15,000 tonnes of nickel and 6,000 tonnes of "
        "copper from 300,000 tonnes of underground ore."
    )
    assert measures(sentence) == [
        ("production_rate_nickel", "15,000 tonnes of nickel a year"),
        ("production_rate_copper", "6,000 tonnes of copper a year"),
        ("project_capacity", "300,000 tonnes of underground ore a year"),
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The site holds a deposit of 17 million tonnes grading 3.3%.", "17 million tonnes"),
        ("The deposit holds about 11 million tonnes of resources.", "about 11 million tonnes"),
    ],
)
def test_resource_size(sentence: str, expected: str) -> None:
    assert ("resource_size", expected) in measures(sentence)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("It then started a 3,000-metre drilling program.", "3,000-metre"),
        ("The province will spend C$100 million on roads.", "C$100 million"),
    ],
)
def test_other_measured_facts_become_metrics_with_their_number(
    sentence: str, expected: str
) -> None:
    assert measures(sentence) == [("metric", expected)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Halcyon Compute will invest in the region.",
        "The company was founded in 2009 by two engineers.",
        "A lowercase a $5 note is not Australian.",
    ],
)
def test_no_amount_no_measure(sentence: str) -> None:
    assert all(attribute != "investment" for attribute, _ in measures(sentence, NO_PROJECT))
    assert all("A$" not in (value or "") for _, value in measures(sentence, NO_PROJECT))


@pytest.mark.parametrize(
    "sentence",
    [
        "It paid $60 million to a realty firm for a 3.7-acre site.",
        "Halcyon asked that 9 acres of its Juniper Flats property be rezoned.",
    ],
)
def test_a_part_of_the_site_is_a_parcel(sentence: str) -> None:
    assert [a for a, _ in measures(sentence) if a and a.startswith("site_area")] == [
        "site_area_parcel"
    ]
