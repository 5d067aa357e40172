"""Organizations, projects and other names found in a sentence."""

from __future__ import annotations

import pytest

from engine.claims.entities import (
    ProjectIndex,
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


def test_known_projects_match_at_word_starts_only() -> None:
    known = ["Kestrel Lake", "Eagle's Nest", "Lake"]
    found = find_projects("MyKestrel Lake, Eagle's Nest and Lake_x; Lake.", known)
    assert [(m.name, m.start) for m in found] == [("Lake", 10), ("Eagle's Nest", 16), ("Lake", 41)]


def _project_lookup_seconds(count: int) -> float:
    import itertools
    import string
    import time

    from engine.claims.facts import Scope

    codes = ("".join(p) for p in itertools.product(string.ascii_lowercase, repeat=3))
    names = tuple(f"K{next(codes)} Lake" for _ in range(count))
    sentences = [f"The {name} project is located near Sudbury, Ontario." for name in names]
    timings = []
    for _ in range(3):
        started = time.perf_counter()
        scope = Scope(TARGET, projects=names)
        for sentence in sentences:
            assert scope.project_in(sentence) is not None
        timings.append(time.perf_counter() - started)
    return min(timings)


def test_project_lookup_time_grows_linearly_with_projects_and_sentences() -> None:
    """Four times the sentences and names take about four times as long (not sixteen)."""
    ratio = _project_lookup_seconds(8000) / max(_project_lookup_seconds(2000), 1e-3)
    assert ratio < 9, f"4x input took {ratio:.1f}x as long"


def test_project_spellings_are_one_project() -> None:
    index = ProjectIndex(("Eagle's Nest", "Eagles Nest"))
    assert index.names == ("Eagle's Nest",)
    for sentence in ("Wyloo's Eagles Nest site.", "The Eagle’s Nest mine.", "Eagle's Nest."):
        assert [m.name for m in index.find(sentence)] == ["Eagle's Nest"]


def test_project_names_from_news_phrasing() -> None:
    text = (
        "He was referring to Borealis's Heron Bay site. The Heron Bay Mine Project is large. "
        "The high-grade nickel-copper-PGM Heron Bay project."
    )
    assert project_names(text, "Borealis Nickel") == ["Heron Bay"]


@pytest.mark.parametrize(
    "text",
    [
        "The Metro Industrial Development Board approved the deal.",
        "The Department of Economic Development gave a grant.",
        "Even the Canada Nickel mine in Timmins will not satisfy demand.",
        "The Impact Assessment Agency project review ended.",
        "It spent $2 Billion on the Nashville campus.",
    ],
)
def test_organizations_and_places_are_not_projects(text: str) -> None:
    assert project_names(text, "Borealis Nickel") == []
