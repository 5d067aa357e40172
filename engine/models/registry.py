"""The attribute registry (DESIGN §3): which attributes hold one value, many values, or events.

Extraction uses it to name what it recognises; the merge uses it to decide what can conflict
(single-valued), what never conflicts (multi-valued and unknown), and what forms a timeline.
"""

from __future__ import annotations

from typing import Literal

AttributeKind = Literal["single", "multi", "event"]

SINGLE_VALUED: frozenset[str] = frozenset(
    {
        "hq_location",
        "founded_year",
        "employee_count",
        "parent_company",
        "ceo",
        "legal_name",
        "website",
        "capital_cost",
        "project_capacity",
        "project_location",
        "project_stage",
        "revenue",
        "ownership_pct",
    }
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
    }
)

EVENT_SUFFIXES: tuple[str, ...] = ("_start", "_complete", "_date", "_close")

# Single-valued attributes whose values are quantities (conflicts on them are METRIC conflicts).
NUMERIC_ATTRIBUTES: frozenset[str] = frozenset(
    {
        "founded_year",
        "employee_count",
        "capital_cost",
        "project_capacity",
        "revenue",
        "ownership_pct",
    }
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
