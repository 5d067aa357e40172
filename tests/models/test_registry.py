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


@pytest.mark.parametrize(
    ("attribute", "kind"),
    [
        ("investment", "single"),
        ("investment_tenant", "single"),
        ("capital_cost_phase_1", "single"),
        ("power_capacity_initial", "single"),
        ("power_capacity_potential", "single"),
        ("production_rate_nickel", "single"),
        ("jobs_construction_peak", "single"),
        ("jobs_permanent", "single"),
        ("mine_life", "single"),
        ("lease_term", "single"),
        ("site_area", "single"),
        ("site_area_parcel", "multi"),
        ("acquisition_price", "multi"),
        ("acquired", "multi"),
        ("incentive", "multi"),
        ("metric", "multi"),
        ("operations_start", "event"),
        ("feasibility_complete", "event"),
    ],
)
def test_measure_kinds(attribute: str, kind: str) -> None:
    """Each scope of a measure is its own single-valued attribute; unscoped extras are multi."""
    assert attribute_kind(attribute) == kind


def test_scoped_measures_are_numeric() -> None:
    from engine.models.registry import NUMERIC_ATTRIBUTES

    assert {"mine_life", "power_capacity_initial", "capital_cost_phase_2"} <= NUMERIC_ATTRIBUTES
