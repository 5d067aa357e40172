"""Shared ordering helpers: natural claim-id order, evidence strength, subject spelling."""

from __future__ import annotations

from engine.merge.ranking import (
    claim_sort_key,
    display_subject,
    sort_claim_ids,
    strongest,
    subject_key,
)
from tests.factories import make_claim


def test_claim_ids_sort_naturally_and_without_duplicates() -> None:
    ids = ["doc_10", "doc_9", "lead_001", "doc_100", "doc_9"]
    assert sort_claim_ids(ids) == ["doc_9", "doc_10", "doc_100", "lead_001"]
    assert claim_sort_key("doc_010") < claim_sort_key("doc_10")


def test_the_strongest_claim_is_by_tier_then_confidence_then_recency() -> None:
    news_high = make_claim("doc_001", source_tier="NEWS", confidence="HIGH")
    gov_low = make_claim("doc_002", source_tier="GOV", confidence="LOW")
    gov_high_old = make_claim(
        "doc_003", source_tier="GOV", confidence="HIGH", reported_on="2024-01-01"
    )
    gov_high_new = make_claim(
        "doc_004", source_tier="GOV", confidence="HIGH", reported_on="2025-01-01"
    )
    assert strongest([news_high, gov_low]) is gov_low
    assert strongest([news_high, gov_low, gov_high_old]) is gov_high_old
    assert strongest([gov_high_old, gov_high_new, news_high]) is gov_high_new


def test_subjects_default_to_the_target_and_show_the_most_common_spelling() -> None:
    claims = [
        make_claim("doc_001", subject="Wyloo Metals Pty Ltd", source_tier="GOV"),
        make_claim("doc_002", subject="wyloo metals"),
        make_claim("doc_003", subject="wyloo metals"),
        make_claim("doc_004"),
    ]
    assert {subject_key(claim, "Wyloo Metals") for claim in claims} == {"wyloo metals"}
    assert display_subject(claims, "Wyloo Metals") == "wyloo metals"
    assert display_subject(claims[:1] + claims[3:], "Wyloo Metals") == "Wyloo Metals Pty Ltd"
