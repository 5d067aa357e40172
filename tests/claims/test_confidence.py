"""Confidence from tier, specificity, hedging and claim type."""

from __future__ import annotations

import pytest

from engine.claims.confidence import claim_confidence, is_hedged
from engine.models import ClaimType, Confidence, SourceTier

H, M, L = Confidence.HIGH, Confidence.MEDIUM, Confidence.LOW


@pytest.mark.parametrize(
    ("tier", "specific", "hedged", "expected"),
    [
        (SourceTier.GOV, True, False, H),
        (SourceTier.GOV, False, False, M),
        (SourceTier.PRIMARY, True, False, H),
        (SourceTier.PRIMARY, False, False, M),
        (SourceTier.NEWS, True, False, M),
        (SourceTier.NEWS, False, False, M),
        (SourceTier.OTHER, True, False, L),
        (SourceTier.GOV, True, True, M),
        (SourceTier.PRIMARY, False, True, L),
        (SourceTier.NEWS, True, True, L),
        (SourceTier.OTHER, True, True, L),
    ],
)
def test_tier_specificity_and_hedging(
    tier: SourceTier, specific: bool, hedged: bool, expected: Confidence
) -> None:
    assert claim_confidence(tier, ClaimType.METRIC, specific=specific, hedged=hedged) is expected


def test_notes_are_always_low() -> None:
    assert claim_confidence(SourceTier.GOV, ClaimType.NOTE, specific=True, hedged=False) is L


@pytest.mark.parametrize(
    "sentence",
    [
        "The company reportedly hired a contractor.",
        "It is rumoured that Borealis Nickel will sell.",
        "Sources say construction slipped.",
        "Construction may begin in 2026.",
        "The mill could reach 3,000 tpd.",
        "First production might slip to 2029.",
        "It is understood that the CEO will retire.",
        "An unconfirmed report put the cost at $2 billion.",
    ],
)
def test_hedged(sentence: str) -> None:
    assert is_hedged(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Construction began in May 2025.",
        "The approval was issued on May 5, 2025.",
        "It employs 450.",
    ],
)
def test_not_hedged(sentence: str) -> None:
    assert not is_hedged(sentence)
