"""Whom a fact is about when the sentence says "the company", "it" or names no one."""

from __future__ import annotations

from engine.claims.extract import extract_from_text

TARGET = "Borealis Nickel"


def _facts(text: str) -> list[tuple[str | None, str | None, str | None]]:
    return [
        (claim.subject, claim.attribute, claim.value)
        for claim in extract_from_text(text, target=TARGET)
        if claim.attribute
    ]


def test_facts_after_another_company_are_about_that_company() -> None:
    text = (
        "Acme Mining Corp. is headquartered in Perth, Australia.\n"
        "The company employs 5,000 people and was founded in 1990.\n"
        "It is based in Perth."
    )
    assert {subject for subject, _, _ in _facts(text)} == {"Acme Mining Corp."}


def test_the_target_is_the_subject_again_once_named() -> None:
    text = (
        "Acme Mining Corp. is headquartered in Perth.\n"
        "Borealis Nickel announced a new plan.\n"
        "The company employs 450 people."
    )
    assert ("Borealis Nickel", "employee_count", "450") in _facts(text)


def test_an_appositive_company_is_not_the_subject() -> None:
    text = "Borealis Nickel Ltd., a subsidiary of Tamarack Resources Ltd., employs 450 people."
    assert ("Borealis Nickel", "employee_count", "450") in _facts(text)
    follow = text + "\nThe company was founded in 2009."
    assert ("Borealis Nickel", "founded_year", "2009") in _facts(follow)


def test_a_public_body_does_not_become_the_company() -> None:
    text = (
        "Borealis Nickel is based in Sudbury.\n"
        "The Ontario Ministry of Environment approved the permit.\n"
        "The company employs 450 people."
    )
    assert ("Borealis Nickel", "employee_count", "450") in _facts(text)


def test_people_at_the_company_follow_the_latest_company() -> None:
    text = (
        "Borealis Nickel is based in Sudbury.\n"
        "Acme Mining Corp. is headquartered in Perth.\n"
        "Sam Lee is the site superintendent at the company."
    )
    [person] = [c.person for c in extract_from_text(text, target=TARGET) if c.person]
    assert person.organization == "Acme Mining Corp."


def test_a_definite_reference_is_the_project_the_document_named_last() -> None:
    claims = extract_from_text(
        "Location: Heron Bay Project, Northern Ontario.\n"
        "The Kestrel Lake deposit lies near Heron Bay.\n"
        "The deposit holds about 11 million tonnes of resources.",
        target="Borealis Nickel",
    )
    [resource] = [c for c in claims if c.attribute == "resource_size"]
    assert (resource.subject, resource.value) == ("Kestrel Lake", "about 11 million tonnes")


def test_an_unrelated_agency_never_names_the_project() -> None:
    claims = extract_from_text(
        "The Northern Development Agency reviewed the plan.\n"
        "Construction is expected to begin in 2027.",
        target="Borealis Nickel",
    )
    [event] = [c for c in claims if c.attribute == "construction_start"]
    assert event.subject == "Borealis Nickel"
