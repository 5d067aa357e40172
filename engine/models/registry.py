"""The attribute registry (DESIGN §3): which attributes hold one value, many values, or events.

Extraction uses it to name what it recognises; the merge uses it to decide what can conflict
(single-valued), what never conflicts (multi-valued and unknown), and what forms a timeline.

A measure's scope is part of its attribute name (`power_capacity_initial`, `capital_cost_phase_1`,
`production_rate_nickel`, `jobs_construction_peak`): each scope is its own single-valued
attribute, so two outlets giving different figures for one scope conflict while an initial and
a potential capacity, or Phase I and the whole campus, never do. The scoped names are listed
here (`_scoped`), so the registry stays a plain lookup.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

AttributeKind = Literal["single", "multi", "event"]

PHASE_SCOPES: tuple[str, ...] = ("_phase_1", "_phase_2", "_phase_3", "_phase_4")
CAPACITY_SCOPES: tuple[str, ...] = ("_initial", "_potential")
COMMODITY_SCOPES: tuple[str, ...] = tuple(
    f"_{name}"
    for name in """nickel copper gold silver lithium zinc cobalt uranium graphite platinum
    palladium iron_ore concentrate steel aluminum aluminium hydrogen ammonia""".split()
)


def _scoped(family: str, scopes: Iterable[str]) -> frozenset[str]:
    """A measure and each of its scoped names."""
    return frozenset({family, *(family + scope for scope in scopes)})


# Measures real pages state (engine.claims.measures); all single-valued per scope.
MEASURES: frozenset[str] = (
    _scoped("investment", ("_tenant",))
    | _scoped("capital_cost", PHASE_SCOPES)
    | _scoped("power_capacity", CAPACITY_SCOPES)
    | _scoped("project_capacity", CAPACITY_SCOPES)
    | _scoped("production_rate", COMMODITY_SCOPES)
    | _scoped("jobs_construction", ("_peak",))
    | frozenset(
        {
            "jobs",
            "jobs_permanent",
            "jobs_indirect",
            "lease_value",
            "lease_term",
            "site_area",
            "floor_area",
            "mine_life",
            "resource_size",
            "reserve_size",
        }
    )
)

SINGLE_VALUED: frozenset[str] = (
    frozenset(
        {
            "hq_location",
            "founded_year",
            "employee_count",
            "parent_company",
            "ceo",
            "legal_name",
            "website",
            "project_location",
            "project_stage",
            "revenue",
            "ownership_pct",
        }
    )
    | MEASURES
)

MULTI_VALUED: frozenset[str] = frozenset(
    {
        "domain",
        "subsidiary",
        "partner",
        "office_location",
        "product",
        "investor",
        "customer",
        "technology",
        "acquisition_price",
        "acquired",
        "incentive",
        "metric",
    }
)

EVENT_ATTRIBUTES: frozenset[str] = frozenset(
    {
        "construction_start",
        "construction_complete",
        "production_start",
        "first_production",
        "commissioning",
        "groundbreaking",
        "permit_decision",
        "financing_close",
        "contract_award",
        "funding_round",
        "operations_start",
    }
)

EVENT_SUFFIXES: tuple[str, ...] = ("_start", "_complete", "_date", "_close")

# Single-valued attributes whose values are quantities (conflicts on them are METRIC conflicts).
NUMERIC_ATTRIBUTES: frozenset[str] = (
    frozenset({"founded_year", "employee_count", "revenue", "ownership_pct"}) | MEASURES
)


def is_event_attribute(attribute: str) -> bool:
    """True for registry events and any attribute ending in _start, _complete, _date or _close."""
    return attribute in EVENT_ATTRIBUTES or attribute.endswith(EVENT_SUFFIXES)


def attribute_kind(attribute: str) -> AttributeKind:
    """Classify an attribute; unknown attributes are multi-valued (never conflicts)."""
    if is_event_attribute(attribute):
        return "event"
    if attribute in SINGLE_VALUED:
        return "single"
    return "multi"
