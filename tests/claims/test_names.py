"""Name shapes, titles and organization clean-up."""

from __future__ import annotations

import re

import pytest

from engine.claims.names import (
    TITLE,
    best_name_prefix,
    best_name_suffix,
    clean_org,
    is_person_name,
    is_title,
    mentions_target,
    same_org,
    strip_org_suffix,
)


@pytest.mark.parametrize(
    "name",
    [
        "James Carver",
        "Jim Carver",
        "J. R. Carver",
        "M. Okafor",
        "Mary Anne Smith",
        "Zoë O'Neil",
        "José Álvarez-Ruiz",
        "Ngozi Okonjo-Iweala",
        "Sean McDonald",
    ],
)
def test_person_names(name: str) -> None:
    assert is_person_name(name.split())


@pytest.mark.parametrize(
    "text",
    [
        "Eagle's Nest Project",
        "Eagle's Nest",
        "Kestrel Lake",
        "Northline Engineering",
        "Tamarack Resources",
        "Vice President",
        "Borealis Nickel",
        "Sudbury Ontario",
        "March Update",
        "EPCM Contractor",
        "James",
        "J. R.",
        "James Carver3",
        "The Company",
    ],
)
def test_non_names(text: str) -> None:
    assert not is_person_name(text.split())


def test_best_name_suffix_and_prefix_trim_neighbouring_words() -> None:
    assert best_name_suffix("Today Maria Okafor") == "Maria Okafor"
    assert best_name_suffix("Kestrel Lake Maria Okafor") == "Maria Okafor"
    assert best_name_suffix("Kestrel Lake") is None
    assert best_name_prefix("Jane Doe Monday") == "Jane Doe"


@pytest.mark.parametrize(
    "title",
    [
        "CEO",
        "Chief Executive Officer",
        "Vice President Projects",
        "VP Projects",
        "procurement director",
        "Director of Procurement",
        "Head of Supply Chain",
        "General Manager",
        "Mine Superintendent",
        "Senior Procurement Manager",
        "Project Lead",
        "President and CEO",
    ],
)
def test_titles(title: str) -> None:
    assert re.fullmatch(TITLE, title)
    assert is_title(title)


def test_weak_cores_need_a_capital() -> None:
    assert not is_title("lead")
    assert not is_title("EPCM partner")
    assert is_title("Managing Partner")
    assert not is_title("Procurement")


def test_clean_org() -> None:
    assert clean_org("Borealis Nickel's Kestrel Lake") == "Borealis Nickel"
    assert clean_org("The Tamarack Resources Ltd.") == "Tamarack Resources Ltd."
    assert clean_org("Carver Logistics Inc., Ltd") == "Carver Logistics Inc., Ltd"
    assert clean_org("Ltd.") is None
    assert clean_org("The") is None


def test_org_comparison_ignores_suffix_and_case() -> None:
    assert strip_org_suffix("Tamarack Resources Ltd.") == "Tamarack Resources"
    assert same_org("tamarack resources", "Tamarack Resources Ltd.")
    assert not same_org("Tamarack Resources", "Tamarack Metals")


def test_target_mentions() -> None:
    assert mentions_target("News from BOREALIS NICKEL Inc. today", "Borealis Nickel")
    assert mentions_target("Borealis Nickel's plan", "Borealis Nickel Ltd.")
    assert not mentions_target("Borealis Nickelworks", "Borealis Nickel")
    assert not mentions_target("anything", "  ")


def test_news_titles_initials_and_organizations_with_digits() -> None:
    import re

    from engine.claims.names import ORG, clean_title, is_person_name, is_title

    assert is_title("chief executive") and is_title("Chief") and is_title("Gov.")
    assert is_title("Council member") and is_title("Sheriff") and is_title("Premier")
    assert not is_title("chief") and not is_title("member")
    assert is_person_name(["J.P.", "Nauseef"]) and not is_person_name(["BHP", "CEO", "Mike"])
    assert clean_title("Council member for District") == "Council member"
    org = re.compile(ORG)
    assert org.match("Acme 9, said").group(0) == "Acme 9"
    assert org.match("Acme 15,000 tonnes").group(0) == "Acme"
    assert org.match("Acme 2024").group(0) == "Acme"
    assert org.match("Acme 3 years ago").group(0) == "Acme"
    assert org.match("3M said").group(0) == "3M"
    assert org.match("AT&T said").group(0) == "AT&T"
