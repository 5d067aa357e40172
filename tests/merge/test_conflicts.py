"""Conflicts: different values of single-valued attributes, with a recommendation."""

from __future__ import annotations

from typing import Any

from engine.merge.conflicts import detect_conflicts, renumber_conflicts
from engine.models import Claim
from tests.factories import make_claim

TARGET = "Borealis Nickel"


def cost(claim_id: str, value: str, **fields: Any) -> Claim:
    """A claim about Kestrel Lake's capital cost."""
    values: dict[str, Any] = {"subject": "Kestrel Lake", "attribute": "capital_cost"}
    values.update(fields)
    return make_claim(claim_id, value=value, **values)


def test_equal_values_spelled_differently_do_not_conflict() -> None:
    claims = [cost("doc_001", "$1.2 billion"), cost("doc_002", "USD 1,200 million")]
    outcome = detect_conflicts(claims, target_entity=TARGET)
    assert outcome.conflicts == [] and outcome.ambiguous == []


def test_a_conflict_lists_every_claim_and_prefers_the_better_tier() -> None:
    claims = [
        cost("doc_010", "$1.5 billion", source_tier="PRIMARY"),
        cost("doc_003", "$1.2 billion", source_tier="GOV"),
        cost("doc_007", "US$1.2B", source_tier="OTHER"),
    ]
    [conflict] = detect_conflicts(claims, target_entity=TARGET).conflicts
    assert conflict.conflict_id == "conflict_001"
    assert conflict.type == "METRIC"
    assert conflict.subject == "Kestrel Lake"
    assert conflict.description == "capital_cost of Kestrel Lake: 2 different values"
    assert conflict.claims_involved == ["doc_003", "doc_007", "doc_010"]
    assert conflict.values == {
        "doc_003": "$1.2 billion",
        "doc_007": "US$1.2B",
        "doc_010": "$1.5 billion",
    }
    assert conflict.recommended_claim_id == "doc_003"
    assert conflict.recommendation.startswith("Prefer doc_003 ($1.2 billion): GOV source")
    assert conflict.resolution_logic.startswith("tier GOV > PRIMARY > NEWS > OTHER")


def test_confidence_breaks_a_tier_tie() -> None:
    claims = [
        cost("doc_001", "$1.2 billion", confidence="LOW"),
        cost("doc_002", "$1.5 billion", confidence="HIGH"),
    ]
    [conflict] = detect_conflicts(claims, target_entity=TARGET).conflicts
    assert conflict.recommended_claim_id == "doc_002"
    assert "HIGH confidence" in conflict.recommendation


def test_a_newer_estimate_months_later_is_a_revision_recommending_the_newest() -> None:
    claims = [
        cost("doc_001", "$1.2 billion", reported_on="2025-03-01"),
        cost("doc_002", "$1.5 billion", reported_on="2024-11-01"),
    ]
    [conflict] = detect_conflicts(claims, target_entity=TARGET).conflicts
    assert conflict.conflict_kind == "REVISION"
    assert conflict.recommended_claim_id == "doc_001"
    assert "newest report (2025-03-01)" in conflict.recommendation
    assert list(conflict.values) == ["doc_002", "doc_001"]  # oldest first


def test_the_most_recent_report_breaks_a_tie_between_reports_a_week_apart() -> None:
    claims = [
        cost("doc_001", "$1.2 billion", reported_on="2025-03-08"),
        cost("doc_002", "$1.5 billion", reported_on="2025-03-01"),
    ]
    [conflict] = detect_conflicts(claims, target_entity=TARGET).conflicts
    assert conflict.conflict_kind == "DISAGREEMENT"
    assert conflict.recommended_claim_id == "doc_001"
    assert "most recent report (2025-03-08)" in conflict.recommendation


def test_no_date_to_break_a_tie_means_no_recommendation_and_an_ambiguous_item() -> None:
    for dates in ((None, None), ("2025-03-01", None), ("2025-03-01", "2025-03-01")):
        claims = [
            cost("doc_001", "$1.2 billion", reported_on=dates[0]),
            cost("doc_002", "$1.5 billion", reported_on=dates[1]),
        ]
        outcome = detect_conflicts(claims, target_entity=TARGET)
        [conflict] = outcome.conflicts
        assert conflict.recommended_claim_id is None
        assert conflict.recommendation.startswith("No recommendation: ")
        [item] = outcome.ambiguous
        assert item.kind == "CONFLICT"
        assert item.claims_involved == conflict.claims_involved == ["doc_001", "doc_002"]
        assert item.options == ["$1.2 billion (doc_001)", "$1.5 billion (doc_002)"]


def test_the_strongest_claim_of_each_value_is_compared() -> None:
    claims = [
        cost("doc_001", "$1.2 billion", source_tier="OTHER"),
        cost("doc_002", "1.2 bn USD", source_tier="GOV"),
        cost("doc_003", "$1.5 billion", source_tier="PRIMARY"),
    ]
    [conflict] = detect_conflicts(claims, target_entity=TARGET).conflicts
    assert conflict.recommended_claim_id == "doc_002"


def test_multi_valued_unknown_and_valueless_attributes_never_conflict() -> None:
    claims = [
        make_claim("doc_001", subject="Borealis", attribute="partner", value="Hatch"),
        make_claim("doc_002", subject="Borealis", attribute="partner", value="Worley"),
        make_claim("doc_003", subject="Borealis", attribute="brand_colour", value="red"),
        make_claim("doc_004", subject="Borealis", attribute="brand_colour", value="blue"),
        make_claim("doc_005", subject="Borealis", attribute="ceo", value=None),
        make_claim("doc_006", subject="Borealis", attribute="ceo", value="Ann Lee"),
        make_claim("doc_007", subject="Borealis", attribute="ceo", value="  "),
    ]
    assert detect_conflicts(claims, target_entity=TARGET).conflicts == []


def test_subjects_group_by_normalized_name_and_default_to_the_target() -> None:
    claims = [
        make_claim("doc_001", attribute="hq_location", value="Toronto", source_tier="GOV"),
        make_claim(
            "doc_002", subject="BOREALIS NICKEL LTD", attribute="hq_location", value="Sudbury"
        ),
        make_claim("doc_003", subject="Kestrel Lake", attribute="hq_location", value="Perth"),
    ]
    [conflict] = detect_conflicts(claims, target_entity=TARGET).conflicts
    assert conflict.type == "ATTRIBUTE"
    assert conflict.claims_involved == ["doc_001", "doc_002"]
    assert conflict.subject == "Borealis Nickel"  # one spelling each: the GOV claim's wins


def test_conflicts_are_numbered_by_subject_then_attribute() -> None:
    claims = [
        make_claim("doc_001", subject="Zed", attribute="ceo", value="Ann Lee"),
        make_claim("doc_002", subject="Zed", attribute="ceo", value="Bo Chan"),
        make_claim("doc_003", subject="Alpha", attribute="website", value="alpha.com"),
        make_claim("doc_004", subject="Alpha", attribute="website", value="alpha.io"),
        make_claim("doc_005", subject="Alpha", attribute="revenue", value="$5m"),
        make_claim("doc_006", subject="Alpha", attribute="revenue", value="$6m"),
    ]
    conflicts = detect_conflicts(claims, target_entity=TARGET).conflicts
    assert [(c.conflict_id, c.subject, c.attribute) for c in conflicts] == [
        ("conflict_001", "Alpha", "revenue"),
        ("conflict_002", "Alpha", "website"),
        ("conflict_003", "Zed", "ceo"),
    ]
    renumbered = renumber_conflicts(conflicts[1:])
    assert [c.conflict_id for c in renumbered] == ["conflict_001", "conflict_002"]
    assert [c.attribute for c in renumbered] == ["website", "ceo"]
