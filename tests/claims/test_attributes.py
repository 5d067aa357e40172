"""Each registry attribute the extractor recognises, with its subject and value as stated."""

from __future__ import annotations

import pytest

from engine.claims.entities import find_organizations
from engine.claims.facts import Fact, Scope
from engine.claims.reading import ALL_RULES
from engine.claims.rules import apply_rules
from engine.models import ClaimType

TARGET = "Borealis Nickel"
SCOPE = Scope(target=TARGET, projects=("Kestrel Lake",), target_in_document=True)


def facts(sentence: str, scope: Scope = SCOPE) -> list[Fact]:
    return apply_rules(ALL_RULES, sentence, scope, find_organizations(sentence, scope.target))


def triples(sentence: str, scope: Scope = SCOPE) -> list[tuple[str | None, str | None, str | None]]:
    return [(f.subject, f.attribute, f.value) for f in facts(sentence, scope)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Borealis Nickel is headquartered in Sudbury, Ontario.", "Sudbury, Ontario"),
        ("The company is based in Perth.", "Perth"),
        ("Its headquarters are located in West Perth, Australia.", "West Perth, Australia"),
        ("The Toronto-based miner expanded.", "Toronto"),
        ("Headquartered in Sudbury, Borealis Nickel grew.", "Sudbury"),
    ],
)
def test_hq_location(sentence: str, expected: str) -> None:
    assert triples(sentence) == [(TARGET, "hq_location", expected)]
    assert facts(sentence)[0].claim_type is ClaimType.ENTITY


def test_hq_location_of_another_named_company() -> None:
    assert triples("Carver Logistics Inc. is based in Timmins.") == [
        ("Carver Logistics Inc.", "hq_location", "Timmins")
    ]


def test_based_in_a_month_is_not_a_place() -> None:
    assert triples("The estimate is based in March figures.") == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Borealis Nickel employs 1,200 people.", "1,200"),
        ("The company employs about 450 full-time employees.", "450"),
        ("It has a workforce of about 1,200.", "1,200"),
        ("The miner has 300 employees.", "300"),
    ],
)
def test_employee_count(sentence: str, expected: str) -> None:
    assert triples(sentence) == [(TARGET, "employee_count", expected)]
    assert facts(sentence)[0].claim_type is ClaimType.METRIC


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The project has a capital cost of $1.2 billion.", "$1.2 billion"),
        ("Capex is estimated at US$1.2B.", "US$1.2B"),
        ("Kestrel Lake is a $1.2 billion nickel project.", "$1.2 billion"),
        ("It needs C$450 million in initial capital costs.", "C$450 million"),
        ("The initial capital estimate rose to CAD 900 million.", "CAD 900 million"),
    ],
)
def test_capital_cost_subject_is_the_project(sentence: str, expected: str) -> None:
    assert triples(sentence) == [("Kestrel Lake", "capital_cost", expected)]
    assert facts(sentence)[0].claim_type is ClaimType.METRIC


def test_capital_cost_without_a_project_is_the_targets() -> None:
    no_project = Scope(target=TARGET)
    assert triples("The capital cost of $1.2 billion was approved.", no_project) == [
        (TARGET, "capital_cost", "$1.2 billion")
    ]


@pytest.mark.parametrize(
    "value", ["3,000 tpd", "3,000 tonnes per day", "20,000 tonnes per year", "3,000-tpd"]
)
def test_project_capacity_of_a_project_is_an_opportunity(value: str) -> None:
    found = facts(f"Kestrel Lake will run at {value} from the start.")
    assert [(f.subject, f.attribute, f.value, f.claim_type) for f in found] == [
        ("Kestrel Lake", "project_capacity", value, ClaimType.OPPORTUNITY)
    ]


def test_capacity_of_the_company_is_a_metric() -> None:
    [fact] = facts("The smelter handles 500 tonnes per day.", Scope(target=TARGET))
    assert (fact.subject, fact.claim_type) == (TARGET, ClaimType.METRIC)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Borealis Nickel was founded in 2009.", ("founded_year", "2009")),
        ("The company was established in 1998 in Sudbury.", ("founded_year", "1998")),
        ("Its website is www.borealisnickel.com.", ("website", "www.borealisnickel.com")),
        ("Its legal name is Borealis Nickel Corp.", ("legal_name", "Borealis Nickel Corp.")),
        ("Annual revenue was $40 million.", ("revenue", "$40 million")),
        ("Phone: (807) 555-0142", ("phone", "(807) 555-0142")),
        (
            "Address: 100 Elm Street, Sudbury, ON P3C 1S5",
            ("address", "100 Elm Street, Sudbury, ON P3C 1S5"),
        ),
    ],
)
def test_company_identity_and_data_points(sentence: str, expected: tuple[str, str]) -> None:
    [fact] = facts(sentence)
    assert (fact.subject, fact.attribute, fact.value) == (TARGET, *expected)


def test_data_points_are_attribute_claims() -> None:
    [fact] = facts("Phone: (807) 555-0142")
    assert fact.claim_type is ClaimType.ATTRIBUTE


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Kestrel Lake is in the feasibility stage.", "feasibility stage"),
        ("The project entered the construction phase.", "construction phase"),
        ("Kestrel Lake is a development-stage nickel project.", "development-stage"),
    ],
)
def test_project_stage(sentence: str, expected: str) -> None:
    [fact] = facts(sentence)
    assert (fact.subject, fact.attribute, fact.value, fact.claim_type) == (
        "Kestrel Lake",
        "project_stage",
        expected,
        ClaimType.OPPORTUNITY,
    )


def test_project_location_needs_a_project_in_the_sentence() -> None:
    assert triples("Kestrel Lake is located 60 km north of Sudbury, Ontario.") == [
        ("Kestrel Lake", "project_location", "60 km north of Sudbury, Ontario")
    ]
    assert triples("The project is located in northern Ontario.") == [
        ("Kestrel Lake", "project_location", "in northern Ontario")
    ]
    assert triples("The office is located in Toronto.") == []


def test_two_facts_in_one_sentence() -> None:
    assert triples(
        "Borealis Nickel is headquartered in Sudbury, Ontario, and employs 450 people."
    ) == [
        (TARGET, "hq_location", "Sudbury, Ontario"),
        (TARGET, "employee_count", "450"),
    ]


def test_the_same_value_is_reported_once() -> None:
    sentence = "Kestrel Lake, a $1.2 billion project, has a capital cost of $1.2 billion."
    assert triples(sentence) == [("Kestrel Lake", "capital_cost", "$1.2 billion")]
