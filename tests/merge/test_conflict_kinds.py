"""Typed conflicts: disagreement or revision, scope and specificity, independent origins."""

from __future__ import annotations

from typing import Any

import pytest

from engine.merge.conflict_kinds import count_origins, value_scope
from engine.merge.conflicts import detect_conflicts
from engine.merge.places import refines
from engine.models import Claim

TARGET = "Acme Power"


def claim(claim_id: str, attribute: str, value: str, **fields: Any) -> Claim:
    data: dict[str, Any] = {
        "claim_id": claim_id,
        "claim_type": "METRIC",
        "statement": fields.pop("statement", f"{attribute} is {value} ({claim_id})."),
        "source_tier": fields.pop("tier", "NEWS"),
        "confidence": fields.pop("confidence", "MEDIUM"),
        "subject": fields.pop("subject", "Pine Campus"),
        "attribute": attribute,
        "value": value,
        "source_url": fields.pop("url", f"https://news{claim_id}.example.com/story"),
        **fields,
    }
    return Claim.model_validate(data)


def test_a_mine_life_re_estimated_over_the_years_is_a_revision_in_date_order() -> None:
    claims = [
        claim("doc_001", "mine_life", "20 years", reported_on="2022-05-04"),
        claim("doc_002", "mine_life", "12 years", reported_on="2026-02-26"),
        claim("doc_003", "mine_life", "17 years", reported_on="2024-10-15"),
        claim("doc_004", "mine_life", "11 years", tier="GOV"),
    ]
    [conflict] = detect_conflicts(claims, target_entity=TARGET).conflicts
    assert conflict.conflict_kind == "REVISION"
    assert conflict.recommended_claim_id == "doc_002"
    assert list(conflict.values) == ["doc_004", "doc_001", "doc_003", "doc_002"]
    assert "revised over time" in conflict.description


def test_a_newer_blog_never_revises_a_government_filing() -> None:
    claims = [
        claim("doc_001", "project_capacity", "3,000 tpd", tier="GOV", reported_on="2023-03-01"),
        claim("doc_002", "project_capacity", "9,000 tpd", tier="OTHER", reported_on="2026-01-10"),
    ]
    [conflict] = detect_conflicts(claims, target_entity=TARGET).conflicts
    assert conflict.conflict_kind == "DISAGREEMENT"
    assert conflict.recommended_claim_id == "doc_001"


def test_a_newer_news_report_still_revises_an_older_filing() -> None:
    claims = [
        claim("doc_001", "project_capacity", "3,000 tpd", tier="GOV", reported_on="2023-03-01"),
        claim("doc_002", "project_capacity", "4,000 tpd", reported_on="2026-01-10"),
        claim("doc_003", "project_capacity", "9,000 tpd", tier="OTHER", reported_on="2026-06-10"),
    ]
    [conflict] = detect_conflicts(claims, target_entity=TARGET).conflicts
    assert conflict.conflict_kind == "REVISION"
    assert conflict.recommended_claim_id == "doc_002"


def test_two_outlets_the_same_week_disagree_and_the_higher_tier_wins() -> None:
    claims = [
        claim("doc_001", "investment", "$10 billion", reported_on="2025-06-02"),
        claim("doc_002", "investment", "$12 billion", reported_on="2025-06-04"),
        claim("doc_003", "investment", "$10 billion", tier="GOV", reported_on="2025-06-01"),
    ]
    [conflict] = detect_conflicts(claims, target_entity=TARGET).conflicts
    assert conflict.conflict_kind == "DISAGREEMENT"
    assert conflict.recommended_claim_id == "doc_003"


def test_more_independent_origins_beat_a_single_outlet_of_the_same_tier() -> None:
    claims = [
        claim("doc_001", "jobs_permanent", "300", reported_on="2025-06-02"),
        claim("doc_002", "jobs_permanent", "300", reported_on="2025-06-02", statement="Other."),
        claim("doc_003", "jobs_permanent", "450", reported_on="2025-06-03"),
    ]
    [conflict] = detect_conflicts(claims, target_entity=TARGET).conflicts
    assert conflict.recommended_claim_id in {"doc_001", "doc_002"}
    assert "2 independent origins (over 1)" in conflict.recommendation


def test_a_republished_story_is_one_origin() -> None:
    text = "Acme Power will hire 300 permanent staff at the Pine campus, the county said."
    copies = [
        claim("doc_001", "jobs_permanent", "300", statement=text),
        claim("doc_002", "jobs_permanent", "300", statement=text.replace("said", "said Monday")),
        claim("doc_003", "jobs_permanent", "300", statement="A different story about hiring."),
    ]
    assert count_origins(copies) == 2
    same_page = [claim("doc_004", "x", "1", url="https://a.example/1")] * 2
    assert count_origins(same_page) == 1


def test_a_fixed_fact_reported_years_apart_still_disagrees() -> None:
    claims = [
        claim("doc_001", "hq_location", "Toronto", subject=TARGET, reported_on="2022-01-01"),
        claim("doc_002", "hq_location", "Calgary", subject=TARGET, reported_on="2025-01-01"),
    ]
    [conflict] = detect_conflicts(claims, target_entity=TARGET).conflicts
    assert conflict.conflict_kind == "DISAGREEMENT"


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("initial 100 MW", "potential 1 GW"),
        ("Phase I: $1.2 billion", "$4 billion"),
        ("a peak construction workforce of 1,000", "300"),
    ],
)
def test_values_of_different_scopes_are_no_conflict(left: str, right: str) -> None:
    claims = [claim("doc_001", "power_capacity", left), claim("doc_002", "power_capacity", right)]
    assert detect_conflicts(claims, target_entity=TARGET).conflicts == []
    assert value_scope(left) != value_scope(right)


def test_a_city_and_its_country_agree_and_no_conflict_is_raised() -> None:
    claims = [
        claim("doc_001", "hq_location", "Perth", subject=TARGET, reported_on="2022-05-04"),
        claim("doc_002", "hq_location", "Australia", subject=TARGET, reported_on="2026-02-26"),
        claim("doc_003", "hq_location", "Perth, Western Australia", subject=TARGET),
    ]
    assert detect_conflicts(claims, target_entity=TARGET).conflicts == []


def test_two_cities_still_conflict_after_their_country_is_folded_in() -> None:
    claims = [
        claim("doc_001", "hq_location", "Perth", subject=TARGET),
        claim("doc_002", "hq_location", "Sydney", subject=TARGET, tier="PRIMARY"),
        claim("doc_003", "hq_location", "Australia", subject=TARGET),
    ]
    [conflict] = detect_conflicts(claims, target_entity=TARGET).conflicts
    assert set(conflict.claims_involved) == {"doc_001", "doc_002", "doc_003"}
    assert conflict.recommended_claim_id == "doc_002"


@pytest.mark.parametrize(
    ("specific", "general", "expected"),
    [
        ("Perth", "Australia", True),
        ("Calgary, Alberta", "Canada", True),
        ("Sudbury, Ontario", "Sudbury", True),
        ("Sudbury, Ontario", "Sudbury, Massachusetts", False),
        ("Australia", "Perth", False),
        ("Toronto", "Australia", False),
        ("Nowhere Town", "Canada", False),
    ],
)
def test_refines(specific: str, general: str, expected: bool) -> None:
    assert refines(specific, general) is expected
