"""Evidence ranking and signal kinds, shared by scoring, packs and planning."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from engine.scoring.evidence import best_first, evidence_weight, signal_kind
from tests.factories import make_claim


def test_best_first_ranks_tier_then_confidence_then_recency_then_id() -> None:
    claims = [
        make_claim("news_001", source_tier="NEWS", confidence="HIGH"),
        make_claim("gov_002", source_tier="GOV", confidence="LOW"),
        make_claim("gov_001", source_tier="GOV", confidence="LOW"),
        make_claim(
            "prim_001", source_tier="PRIMARY", confidence="HIGH", reported_on=date(2024, 1, 1)
        ),
        make_claim(
            "prim_002", source_tier="PRIMARY", confidence="HIGH", reported_on=date(2025, 1, 1)
        ),
        make_claim("prim_003", source_tier="PRIMARY", confidence="MEDIUM"),
    ]
    ranked = [c.claim_id for c in best_first(claims)]
    assert ranked == ["gov_001", "gov_002", "prim_002", "prim_001", "prim_003", "news_001"]


@given(st.permutations(list(range(6))))
def test_best_first_ignores_input_order(order: list[int]) -> None:
    claims = [
        make_claim(f"doc_{i:03d}", source_tier=["GOV", "NEWS"][i % 2], confidence="MEDIUM")
        for i in range(6)
    ]
    assert best_first([claims[i] for i in order]) == best_first(claims)


def test_evidence_weight_orders_tiers_and_confidences() -> None:
    gov_high = make_claim(source_tier="GOV", confidence="HIGH")
    news_medium = make_claim(source_tier="NEWS", confidence="MEDIUM")
    other_low = make_claim(source_tier="OTHER", confidence="LOW")
    assert evidence_weight(gov_high) == 1.0
    assert evidence_weight(gov_high) > evidence_weight(news_medium) > evidence_weight(other_low) > 0


@pytest.mark.parametrize(
    ("statement", "attribute", "kind"),
    [
        ("Ontario removed the EA requirement under Bill 5", None, "REGULATORY"),
        ("The company raised $100 million in financing", None, "FUNDING"),
        ("Hatch was awarded the EPCM contract", None, "CONTRACT"),
        ("Construction begins in March", None, "CONSTRUCTION"),
        ("Anything at all", "financing_close", "FUNDING"),
        ("The firm is hiring 40 engineers", None, "HIRING"),
        ("Jane Roe was appointed CEO", None, "LEADERSHIP"),
        ("Local community support is strong", None, "OTHER"),
    ],
)
def test_signal_kind(statement: str, attribute: str | None, kind: str) -> None:
    claim = make_claim(claim_type="SIGNAL", statement=statement, attribute=attribute)
    assert signal_kind(claim) == kind
