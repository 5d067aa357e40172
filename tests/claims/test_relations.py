"""Parent, subsidiary, partner, investor and customer relationships."""

from __future__ import annotations

import pytest

from engine.claims.entities import find_organizations
from engine.claims.facts import Scope
from engine.claims.relations import RELATION_RULES
from engine.claims.rules import apply_rules
from engine.models import ClaimType

TARGET = "Borealis Nickel"
SCOPE = Scope(target=TARGET, projects=("Kestrel Lake",), target_in_document=True)


def relations(sentence: str) -> list[tuple[str | None, str | None, str | None]]:
    found = apply_rules(RELATION_RULES, sentence, SCOPE, find_organizations(sentence, TARGET))
    assert all(f.claim_type is ClaimType.RELATIONSHIP for f in found)
    return [(f.subject, f.attribute, f.value) for f in found]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Borealis Nickel is a subsidiary of Tamarack Resources Ltd.",
            (TARGET, "parent_company", "Tamarack Resources Ltd."),
        ),
        (
            "Borealis Nickel is a wholly-owned subsidiary of Tamarack Resources.",
            (TARGET, "parent_company", "Tamarack Resources"),
        ),
        (
            "Wyloo Canada, a subsidiary of Wyloo Metals Pty Ltd, holds the claims.",
            ("Wyloo Canada", "parent_company", "Wyloo Metals Pty Ltd"),
        ),
        (
            "The company is owned by Tamarack Resources Ltd.",
            (TARGET, "parent_company", "Tamarack Resources Ltd."),
        ),
        (
            "Tamarack Resources is the parent company of Borealis Nickel.",
            (TARGET, "parent_company", "Tamarack Resources"),
        ),
        (
            "Tamarack Resources' subsidiary Borealis Nickel filed the plan.",
            ("Tamarack Resources", "subsidiary", TARGET),
        ),
        (
            "Hatch Ltd is the EPCM partner for Kestrel Lake.",
            ("Kestrel Lake", "partner", "Hatch Ltd"),
        ),
        (
            "Northline Engineering Ltd. is the EPCM contractor for the project.",
            ("Kestrel Lake", "partner", "Northline Engineering Ltd."),
        ),
        (
            "Borealis Nickel selected Northline Engineering Ltd. as its EPCM contractor.",
            (TARGET, "partner", "Northline Engineering Ltd."),
        ),
        (
            "Borealis Nickel awarded the EPCM contract to Northline Engineering Ltd.",
            ("Kestrel Lake", "partner", "Northline Engineering Ltd."),
        ),
        (
            "The company works in partnership with Taiga First Nation.",
            (TARGET, "partner", "Taiga First Nation"),
        ),
        (
            "Tamarack Capital invested $50 million in Borealis Nickel.",
            (TARGET, "investor", "Tamarack Capital"),
        ),
        (
            "Borealis Nickel signed an offtake agreement with Volta Cells.",
            (TARGET, "customer", "Volta Cells"),
        ),
    ],
)
def test_relationships(sentence: str, expected: tuple[str, str, str]) -> None:
    assert relations(sentence) == [expected]


def test_a_known_project_with_a_possessive_is_the_subject() -> None:
    scope = Scope(target="Wyloo Metals", projects=("Eagle's Nest",))
    sentence = "Hatch Ltd is the EPCM partner for Eagle's Nest."
    [fact] = apply_rules(RELATION_RULES, sentence, scope, find_organizations(sentence, "Wyloo"))
    assert (fact.subject, fact.attribute, fact.value) == ("Eagle's Nest", "partner", "Hatch Ltd")


def test_a_company_is_never_its_own_parent() -> None:
    assert relations("Borealis Nickel is a subsidiary of Borealis Nickel Inc.") == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Borealis Nickel, owned by the Tattarang investment group of a billionaire, grew.",
            (TARGET, "parent_company", "Tattarang"),
        ),
        (
            "Borealis Nickel is ultimately controlled by Zephyr Holdings, a family office.",
            (TARGET, "parent_company", "Zephyr Holdings"),
        ),
        (
            "Borealis Nickel acquired Carver Logistics Inc. last year.",
            (TARGET, "acquired", "Carver Logistics Inc."),
        ),
        (
            "Staff came from the records firm Cernan Health, which Borealis Nickel bought in 2022.",
            (TARGET, "acquired", "Cernan Health"),
        ),
        (
            "Borealis Nickel signed a memorandum of understanding with Webb Lake First Nation.",
            (TARGET, "partner", "Webb Lake First Nation"),
        ),
        (
            "The mine received a grant from the Northern Development Fund.",
            ("Kestrel Lake", "incentive", "Northern Development Fund"),
        ),
    ],
)
def test_ownership_deals_and_support(sentence: str, expected: tuple[str, str, str]) -> None:
    assert expected in relations(sentence)


def test_two_parties_signing_an_mou_are_each_others_partners() -> None:
    sentence = (
        "Webb Lake First Nation and Borealis Nickel (formerly Tamarack Resources) have signed a "
        "Memorandum of Understanding."
    )
    found = relations(sentence)
    assert ("Webb Lake First Nation", "partner", TARGET) in found
    assert (TARGET, "partner", "Webb Lake First Nation") in found


@pytest.mark.parametrize(
    "sentence",
    [
        "The land owned by the Smith family was sold.",
        "The provincial government has signed partnership agreements with Webb Lake First Nation.",
        "Borealis Nickel is controlled by billionaire Andrew Forrest.",
    ],
)
def test_no_relationship_without_its_parties(sentence: str) -> None:
    assert [r for r in relations(sentence) if r[1] in ("parent_company", "partner")] == []


def test_a_funding_round_name_is_no_incentive_giver() -> None:
    sentence = "Borealis Nickel raised $150 million in a Series C funding round."
    assert [r for r in relations(sentence) if r[1] == "incentive"] == []
