"""Scope: which subject a fact is about."""

from __future__ import annotations

from engine.claims.entities import Mention
from engine.claims.facts import Scope, clean_place

TARGET = "Borealis Nickel"


def test_project_subject_prefers_the_sentence_then_document_then_corpus() -> None:
    scope = Scope(
        TARGET, projects=("Kestrel Lake", "Osprey Hill"), document_projects=("Osprey Hill",)
    )
    assert scope.project_subject("Work at Kestrel Lake began.") == "Kestrel Lake"
    assert scope.project_subject("Work began.") == "Osprey Hill"
    assert (
        Scope(TARGET, projects=("Kestrel Lake",)).project_subject("Work began.") == "Kestrel Lake"
    )
    assert Scope(TARGET, projects=("A Lake", "B Hill")).project_subject("Work began.") == TARGET


def test_organization_before_takes_the_closest_preceding_mention() -> None:
    orgs = [Mention(0, 5, "Alpha Mining"), Mention(10, 15, "Beta Metals"), Mention(30, 35, "Gamma")]
    scope = Scope(TARGET)
    assert scope.organization_before(20, orgs) == "Beta Metals"
    assert scope.organization_before(3, orgs) == TARGET
    assert scope.organization_before(3, orgs, default=False) is None


def test_clean_place() -> None:
    assert clean_place(" Sudbury, Ontario, and") == "Sudbury, Ontario"
    assert clean_place("Perth.") == "Perth"
