"""Organizations, projects and other names found in a sentence."""

from __future__ import annotations

from engine.claims.entities import (
    find_organizations,
    find_projects,
    other_entities,
    project_names,
)

TARGET = "Borealis Nickel"


def test_organizations_target_suffixed_and_keyword_names() -> None:
    sentence = (
        "James Carver of Carver Logistics Inc. said Borealis Nickel, a subsidiary of Tamarack "
        "Resources Ltd., hired Northline Engineering."
    )
    names = [m.name for m in find_organizations(sentence, TARGET)]
    assert names == [
        "Carver Logistics Inc.",
        "Borealis Nickel",
        "Tamarack Resources Ltd.",
        "Northline Engineering",
    ]


def test_target_is_reported_under_its_own_name() -> None:
    [mention] = find_organizations("BOREALIS NICKEL INC. grew.", TARGET)
    assert mention.name == TARGET
    assert (mention.start, mention.end) == (0, len("BOREALIS NICKEL INC."))


def test_project_names_drop_owner_and_commodity_words() -> None:
    text = (
        "Borealis Nickel's Kestrel Lake project, the Kestrel Lake Nickel Project and the "
        "Eagle's Nest Project; the Project; the Construction project."
    )
    assert project_names(text, TARGET) == ["Kestrel Lake", "Eagle's Nest"]


def test_lowercase_commodity_before_project() -> None:
    assert project_names("developing the Kestrel Lake nickel project", TARGET) == ["Kestrel Lake"]


def test_known_projects_found_longest_first() -> None:
    found = find_projects(
        "At Kestrel Lake North and Kestrel Lake.", ["Kestrel Lake", "Kestrel Lake North"]
    )
    assert [m.name for m in found] == ["Kestrel Lake North", "Kestrel Lake"]


def test_other_entities_skip_filler_and_taken_spans() -> None:
    sentence = (
        "In Ontario the Ministry of Environment approved the Sudbury Basin Vice President plan."
    )
    names = [m.name for m in other_entities(sentence, [])]
    assert names == ["Ministry of Environment", "Sudbury Basin"]
