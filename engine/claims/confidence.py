"""Confidence of an extracted claim from its source tier, its specificity and its wording.

Rules (seed 003's table, made deterministic):

- NOTE claims are LOW.
- GOV or PRIMARY and specific (a number, a date, a named person or another named
  organization, or a recognised attribute/event value) -> HIGH; GOV or PRIMARY but vague ->
  MEDIUM.
- NEWS -> MEDIUM.
- OTHER -> LOW.
- Hedged wording ("reportedly", "rumoured", "sources say", "may", "could", "might", "it is
  understood", "unconfirmed", "allegedly", ...) lowers the result one step (LOW stays LOW).
"""

from __future__ import annotations

import re

from engine.models import ClaimType, Confidence, SourceTier

_HEDGES = re.compile(
    r"\b(?:reportedly|rumou?red|rumou?rs?|sources\s+(?:say|said|suggest|indicate)|"
    r"according\s+to\s+(?:people|sources|persons)|people\s+familiar|it\s+is\s+understood|"
    r"unconfirmed|allegedly|alleged|speculat\w*|possibly|perhaps|unverified|believed\s+to|"
    r"is\s+said\s+to|are\s+said\s+to|understood\s+to|likely|unclear|"
    r"(?-i:may)(?!\s+(?:\d|19\d\d|20\d\d))|could|might)\b",
    re.IGNORECASE,
)
_LOWER: dict[Confidence, Confidence] = {
    Confidence.HIGH: Confidence.MEDIUM,
    Confidence.MEDIUM: Confidence.LOW,
    Confidence.LOW: Confidence.LOW,
}


def is_hedged(sentence: str) -> bool:
    """True when the sentence hedges what it says (rumour, speculation, may/could/might)."""
    return _HEDGES.search(sentence) is not None


def claim_confidence(
    tier: SourceTier, claim_type: ClaimType, *, specific: bool, hedged: bool
) -> Confidence:
    """The confidence of a claim (see the module docstring)."""
    if claim_type is ClaimType.NOTE:
        return Confidence.LOW
    if tier in (SourceTier.GOV, SourceTier.PRIMARY):
        level = Confidence.HIGH if specific else Confidence.MEDIUM
    elif tier is SourceTier.NEWS:
        level = Confidence.MEDIUM
    else:
        level = Confidence.LOW
    return _LOWER[level] if hedged else level
