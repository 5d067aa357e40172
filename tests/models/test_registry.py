"""The attribute registry classifies attributes as DESIGN §3 lists them."""

from __future__ import annotations

import pytest

from engine.models.registry import attribute_kind, is_event_attribute


@pytest.mark.parametrize(
    ("attribute", "kind"),
    [
        ("hq_location", "single"),
        ("capital_cost", "single"),
        ("ownership_pct", "single"),
        ("partner", "multi"),
        ("technology", "multi"),
        ("favourite_colour", "multi"),
        ("construction_start", "event"),
        ("permit_decision", "event"),
        ("funding_round", "event"),
        ("mill_start", "event"),
        ("plant_complete", "event"),
        ("offtake_date", "event"),
        ("debt_close", "event"),
    ],
)
def test_attribute_kind(attribute: str, kind: str) -> None:
    assert attribute_kind(attribute) == kind


def test_unknown_attributes_never_conflict_and_suffix_rule_is_exact() -> None:
    assert not is_event_attribute("startup_cost")
    assert attribute_kind("startup_cost") == "multi"
