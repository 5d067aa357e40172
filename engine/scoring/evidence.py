"""How strong a claim's evidence is: tier and confidence weights, ranking, and signal kinds.

Shared by the lead score, the context packs and the dossier plan so that "best evidence first"
means the same thing everywhere: higher tier, then higher confidence, then the more recent
report (`reported_on`, else `date_in_claim`), then `claim_id` for a stable order.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from engine.merge.text import fold
from engine.models.claims import CONFIDENCE_RANK, TIER_RANK, Claim, Confidence, SourceTier
from engine.models.packs import SignalKind

# Weights in (0, 1]: how much a tier or a confidence level is trusted, multiplied together.
TIER_WEIGHT: dict[SourceTier, float] = {
    SourceTier.GOV: 1.0,
    SourceTier.PRIMARY: 0.85,
    SourceTier.NEWS: 0.65,
    SourceTier.OTHER: 0.4,
}
CONFIDENCE_WEIGHT: dict[Confidence, float] = {
    Confidence.HIGH: 1.0,
    Confidence.MEDIUM: 0.75,
    Confidence.LOW: 0.45,
}


# Attribute -> kind, checked before the statement's words.
_KIND_BY_ATTRIBUTE: dict[str, SignalKind] = {
    "permit_decision": "REGULATORY",
    "financing_close": "FUNDING",
    "funding_round": "FUNDING",
    "investor": "FUNDING",
    "contract_award": "CONTRACT",
    "construction_start": "CONSTRUCTION",
    "construction_complete": "CONSTRUCTION",
    "groundbreaking": "CONSTRUCTION",
    "production_start": "PRODUCTION",
    "first_production": "PRODUCTION",
    "commissioning": "PRODUCTION",
    "office_location": "EXPANSION",
    "ceo": "LEADERSHIP",
}

# Words of a statement -> kind, in this order (the first kind with a matching word wins).
_KIND_WORD_LISTS: tuple[tuple[SignalKind, str], ...] = (
    ("REGULATORY", "permit permits approval approved regulator bill environmental ea licence"),
    ("FUNDING", "financing funding raised raises loan investment invests grant ipo debt"),
    ("CONTRACT", "contract contractor awarded award epcm tender tenders tendering rfp selected"),
    ("CONSTRUCTION", "construction groundbreaking build building"),
    ("PRODUCTION", "production commissioning output"),
    ("EXPANSION", "expansion expand expands acquisition acquires acquired opens facility"),
    ("HIRING", "hiring hires recruiting jobs postings vacancies"),
    ("LEADERSHIP", "appointed appoints joins ceo president"),
)
_KIND_WORDS: tuple[tuple[SignalKind, frozenset[str]], ...] = tuple(
    (kind, frozenset(words.split())) for kind, words in _KIND_WORD_LISTS
)


def evidence_weight(claim: Claim) -> float:
    """Tier weight times confidence weight, in (0, 1]."""
    return TIER_WEIGHT[claim.source_tier] * CONFIDENCE_WEIGHT[claim.confidence]


def reported_date(claim: Claim) -> date | None:
    """When the source reported the fact: `reported_on`, else `date_in_claim`."""
    return claim.reported_on or claim.date_in_claim


def evidence_sort_key(claim: Claim) -> tuple[int, int, int, str]:
    """Sort key putting the best evidence first (tier, confidence, recency, then claim id)."""
    reported = reported_date(claim)
    recency = reported.toordinal() if reported else 0
    return (
        -TIER_RANK[claim.source_tier],
        -CONFIDENCE_RANK[claim.confidence],
        -recency,
        claim.claim_id,
    )


def best_first(claims: Iterable[Claim]) -> list[Claim]:
    """The claims sorted best evidence first; the order does not depend on the input order."""
    return sorted(claims, key=evidence_sort_key)


def signal_kind(claim: Claim) -> SignalKind:
    """The kind of buying signal a claim reports, from its attribute or else its words."""
    if claim.attribute and claim.attribute in _KIND_BY_ATTRIBUTE:
        return _KIND_BY_ATTRIBUTE[claim.attribute]
    words = set(fold(claim.statement).split())
    for kind, kind_words in _KIND_WORDS:
        if words & kind_words:
            return kind
    return "OTHER"
