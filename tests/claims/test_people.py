"""Each person pattern, organizations from context, contact details, and non-persons."""

from __future__ import annotations

import pytest

from engine.claims.entities import find_organizations
from engine.claims.facts import Scope
from engine.claims.people import find_people
from engine.models import ClaimType

TARGET = "Borealis Nickel"
SCOPE = Scope(target=TARGET, projects=("Kestrel Lake",), target_in_document=True)


def people(sentence: str, scope: Scope = SCOPE) -> list[tuple[str, str | None, str | None]]:
    facts = find_people(sentence, scope, find_organizations(sentence, scope.target))
    return [
        (f.person.name, f.person.title, f.person.organization)
        for f in facts
        if f.person is not None
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "James Carver, Vice President Projects at Borealis Nickel, signed the notice.",
            ("James Carver", "Vice President Projects", TARGET),
        ),
        (
            "Jane Doe, Tamarack Resources Ltd.'s chief financial officer, spoke.",
            ("Jane Doe", "chief financial officer", "Tamarack Resources Ltd."),
        ),
        (
            "M. Okafor is Director of Procurement at Borealis Nickel.",
            ("M. Okafor", "Director of Procurement", TARGET),
        ),
        (
            "Sam Lee serves as the Mine Superintendent for Northline Engineering Ltd.",
            ("Sam Lee", "Mine Superintendent", "Northline Engineering Ltd."),
        ),
        (
            "Chief Executive Officer Jane Doe said the project is on track.",
            ("Jane Doe", "Chief Executive Officer", None),
        ),
        (
            "VP Projects Sylvain Goyette leads the work.",
            ("Sylvain Goyette", "VP Projects", None),
        ),
        (
            "Northline Engineering project manager Sam Lee visited.",
            ("Sam Lee", "project manager", "Northline Engineering"),
        ),
        (
            '"We are on track," said Jim Carver, VP Projects at Borealis Nickel.',
            ("Jim Carver", "VP Projects", TARGET),
        ),
        ("Jane Doe (CFO) presented.", ("Jane Doe", "CFO", None)),
        (
            "Jane Doe (CFO, Tamarack Resources Ltd.) presented.",
            ("Jane Doe", "CFO", "Tamarack Resources Ltd."),
        ),
        (
            "J. R. Carver has been appointed General Manager at Borealis Nickel.",
            ("J. R. Carver", "General Manager", TARGET),
        ),
        (
            "Borealis Nickel has appointed Zoë O'Neil as its new Chief Financial Officer.",
            ("Zoë O'Neil", "Chief Financial Officer", TARGET),
        ),
        (
            "José Álvarez-Ruiz, Head of Supply Chain at Tamarack Resources Ltd., joined.",
            ("José Álvarez-Ruiz", "Head of Supply Chain", "Tamarack Resources Ltd."),
        ),
    ],
)
def test_person_patterns(sentence: str, expected: tuple[str, str | None, str | None]) -> None:
    assert people(sentence) == [expected]


def test_at_the_company_means_the_target_when_the_document_names_it() -> None:
    sentence = "Sam Lee is the site superintendent at the company."
    assert people(sentence) == [("Sam Lee", "site superintendent", TARGET)]
    elsewhere = Scope(target=TARGET, target_in_document=False)
    assert people(sentence, elsewhere) == [("Sam Lee", "site superintendent", None)]


def test_non_persons_give_no_contact() -> None:
    for sentence in (
        "Eagle's Nest Project Director approved the plan.",
        "The EPCM partner Northline Engineering is on site.",
        "Kestrel Lake, Ontario is remote.",
        "Vice President Projects at Borealis Nickel signed.",
        "Borealis Nickel, the company's parent, agreed.",
    ):
        assert people(sentence) == [], sentence


def test_email_and_linkedin_go_to_the_person() -> None:
    sentence = (
        "Maria Okafor, procurement director at Borealis Nickel (mokafor@borealisnickel.com, "
        "linkedin.com/in/maria-okafor-12), and Sam Lee, Project Engineer at Borealis Nickel, met."
    )
    facts = find_people(sentence, SCOPE, find_organizations(sentence, TARGET))
    details = {f.person.name: (f.person.email, f.person.linkedin_url) for f in facts if f.person}
    assert details == {
        "Maria Okafor": ("mokafor@borealisnickel.com", "linkedin.com/in/maria-okafor-12"),
        "Sam Lee": (None, None),
    }


def test_contact_fact_carries_organization_as_entity_and_ceo_gives_entity_fact() -> None:
    facts = find_people("Borealis Nickel CEO Jane Doe spoke.", SCOPE, [])
    assert [f.claim_type for f in facts] == [ClaimType.CONTACT, ClaimType.ENTITY]
    contact, ceo = facts
    assert contact.entities == (TARGET, "Jane Doe")
    assert (ceo.subject, ceo.attribute, ceo.value) == (TARGET, "ceo", "Jane Doe")


def test_one_fact_per_name_preferring_the_reading_with_an_organization() -> None:
    sentence = "James Carver, VP Projects, said James Carver is VP Projects at Borealis Nickel."
    assert people(sentence) == [("James Carver", "VP Projects", TARGET)]
