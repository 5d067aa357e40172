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
