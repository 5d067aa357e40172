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


# News phrasing: made-up people in each sentence form real pages use.
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Tamarack chief executive Rhea Colvin said the plan holds.",
            [("Rhea Colvin", "chief executive", "Tamarack")],
        ),
        (
            "Kinoje Chief Darren Moose said on Monday the community wants a say.",
            [("Darren Moose", "Chief", "Kinoje")],
        ),
        (
            "Attawa First Nation Chief Nora Beardy said the talks continue.",
            [("Nora Beardy", "Chief", "Attawa First Nation")],
        ),
        ("Gov. Ann Roe said the state would help.", [("Ann Roe", "Gov.", None)]),
        (
            "County Attorney Tom Ruiz explained the zoning terms.",
            [("Tom Ruiz", "County Attorney", None)],
        ),
        (
            "Explaining the decision, FRB president Lena Holt said the file was complete.",
            [("Lena Holt", "president", "FRB")],
        ),
        (
            "Manitoba Premier Carl Nyberg, re-elected last month, signed the accord.",
            [("Carl Nyberg", "Premier", "Manitoba")],
        ),
        (
            "Pine County Sheriff Ann Smith said deputies would patrol the site.",
            [("Ann Smith", "Sheriff", "Pine County")],
        ),
        (
            "Olga Brandt, CEO of Tamarack Ring Metals, spoke at the luncheon.",
            [("Olga Brandt", "CEO", "Tamarack Ring Metals")],
        ),
        (
            "Ivan Petrov, acting CEO, Ring Lake Metals, said the grade is high.",
            [("Ivan Petrov", "acting CEO", "Ring Lake Metals")],
        ),
        ("Jane Doe, CEO of Acme 9, said the plan works.", [("Jane Doe", "CEO", "Acme 9")]),
        ("Jane Doe, CEO of AT&T, said so.", [("Jane Doe", "CEO", "AT&T")]),
        (
            "Jane Doe, chief financial officer of 3M, said so.",
            [("Jane Doe", "chief financial officer", "3M")],
        ),
        (
            "Sheriff Ann Smith, Superintendent Bob Jones and County Board President Carl Diaz "
            "attended the hearing.",
            [
                ("Ann Smith", "Sheriff", None),
                ("Bob Jones", "Superintendent", None),
                ("Carl Diaz", "County Board President", None),
            ],
        ),
        ("The vote went ahead, said Maria Lopez.", [("Maria Lopez", None, None)]),
        ("Peter Grant told reporters the mill would restart.", [("Peter Grant", None, None)]),
        ("Tamarack's Laura Finch opened the meeting.", [("Laura Finch", None, "Tamarack")]),
        (
            "Tamarack Vice President and Ohio Site Manager Jim Ellis said the plant grows.",
            [("Jim Ellis", "Vice President and Ohio Site Manager", "Tamarack")],
        ),
        (
            "Dan Ruiz, press secretary for Ohio Governor Mike Dale, said the state agreed.",
            [("Dan Ruiz", "press secretary", "Ohio"), ("Mike Dale", "Governor", "Ohio")],
        ),
        (
            "Ohio Lt. Gov. Jon Hart told a radio station the plant is on track.",
            [("Jon Hart", "Lt. Gov.", "Ohio")],
        ),
        (
            "J.P. Nolan, president and CEO of JobsNorth, attended.",
            [("J.P. Nolan", "president and CEO", "JobsNorth")],
        ),
        (
            "Amy Kline, the Metro Council member for District 7, praised the plan.",
            [("Amy Kline", "Council member", "Metro")],
        ),
        (
            "A company spokesperson Jim Orr said the plant would open.",
            [("Jim Orr", "spokesperson", TARGET)],
        ),
        (
            "Ron Vale, Speaker of the Tennessee House, said the bill passed.",
            [("Ron Vale", "Speaker", "Tennessee House")],
        ),
        (
            "Australian billionaire Andrew Pike owns the group.",
            [("Andrew Pike", "billionaire", None)],
        ),
    ],
)
def test_news_phrasing(sentence: str, expected: list[tuple[str, str | None, str | None]]) -> None:
    assert people(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Tamarack's Eagle's Nest Project will open in 2027.",
        "Tamarack's Nashville Campus will open in 2027.",
        "Australia's Andrew Pike bought the mine.",
        "Mr Giacomo told The Northern Paper the mine would pay.",
        "Kestrel Lake Ring Road Upgrade Program",
        "The Thunder Bay said the road is open.",
        "Thunder Bay Regional Health said it was ready.",
    ],
)
def test_news_non_persons(sentence: str) -> None:
    assert people(sentence) == [], sentence


def test_a_surname_alone_is_the_person_the_document_named_in_full() -> None:
    known = Scope(target=TARGET, target_in_document=True, people=("Steve Marlow", "Ann Pike"))
    sentence = "Marlow is Borealis Nickel's executive vice president of applications."
    assert people(sentence, known) == [("Steve Marlow", "executive vice president", TARGET)]
    facts = find_people(sentence, known, [])
    assert facts[0].position == 0
    # a surname that is part of another name, or shared by two known people, stays as it is
    assert people("Nicola Marlow, CFO of Acme, spoke.", known) == [("Nicola Marlow", "CFO", "Acme")]
    twins = Scope(target=TARGET, people=("Steve Marlow", "Jane Marlow"))
    assert people(sentence, twins) == []
    # no title: nothing new is learnt, so no fact
    assert people("Mr Marlow told reporters the plant is on track.", known) == []
