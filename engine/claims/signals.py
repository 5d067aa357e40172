"""Buying signals that are not timeline events: hiring, expansion, procurement, deals.

Each gives a SIGNAL fact with an attribute outside the registry (so multi-valued, never a
conflict): hiring (value: the role, when a job title follows, else the phrase in lower
case), expansion, procurement
(tenders, RFPs, bids), acquisition, agreement, investment (invest in / investment of /
investment decision), regulatory (a requirement, assessment or permit removed, waived or
fast-tracked). The subject is the organization named before the phrase, else the target.
An investment that states its amount ("an investment of up to $10 billion") is left to the
measure rules (engine.claims.measures), which keep the amount as the value.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from engine.claims.entities import Mention
from engine.claims.facts import BOUND, MONEY, Fact, Scope
from engine.claims.names import TITLE, clean_title, is_title
from engine.models import ClaimType

_SIGNALS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "hiring",
        re.compile(
            r"\b(?:is|are)\s+hiring\b|\bhiring\s+(?:a|an|for|of)\b|\brecruit(?:ing|s|ment)\b|"
            r"\bjob\s+(?:opening|posting|vacanc(?:y|ies))\b|\bvacanc(?:y|ies)\b|"
            r"\bseek(?:s|ing)\s+(?:a|an)\b|\blooking\s+for\s+(?:a|an)\b|"
            r"\bopen\s+(?:role|position)s?\b|\bnew\s+hires?\b",
            re.IGNORECASE,
        ),
    ),
    (
        "expansion",
        re.compile(
            r"\bexpan(?:sion|sions|d|ds|ding|ded)\b|\bincrease\s+(?:its\s+)?(?:capacity|"
            r"production|throughput)\b|\bnew\s+(?:plant|mill|facility|line|office|site|shaft)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "procurement",
        re.compile(
            r"\b(?:tenders?|requests?\s+for\s+(?:proposals?|quotations?|quotes)|RFPs?|RFQs?|"
            r"bid\s+packages?|expressions?\s+of\s+interest)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "acquisition",
        re.compile(r"\b(?:acquir(?:e|ed|es|ing)|acquisition|takeover|merger)\b", re.IGNORECASE),
    ),
    (
        "agreement",
        re.compile(
            r"\b(?:signed|signs|entered\s+into)\s+(?:an?\s+|the\s+)?(?:[\w\-]+\s+){0,3}?"
            r"(?:agreement|memorandum|MOU|contract)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "investment",
        re.compile(
            r"\binvest(?:s|ed|ing)?\s+(?:in\b|up\s+to\b|(?:US|C|A)?\$)|"
            r"\binvestments?\s+(?:of|decision)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "regulatory",
        re.compile(
            r"\b(?:remov(?:ed|es|ing)|exempt(?:ed|s|ing)?|waiv(?:ed|es|ing)|fast-?track(?:ed|s|ing)?|"
            r"streamlin(?:ed|es|ing)|design(?:ated|ates))\b[^.;]{0,60}?\b(?:requirements?|"
            r"assessments?|permits?|approvals?|reviews?|status)\b",
            re.IGNORECASE,
        ),
    ),
)
_AMOUNT_NEAR = re.compile(rf"\s*(?:[\w\-]+\s+){{0,3}}?(?:{BOUND}\s+)?{MONEY}", re.IGNORECASE)
_AMOUNT_BEFORE = re.compile(rf"{MONEY}\s+(?:[\w\-]+\s+){{0,2}}?$", re.IGNORECASE)
_TITLE_AFTER = re.compile(rf"\s+(?:(?:a|an|the|our|its|two|several|new)\s+)*(?P<title>{TITLE})")


def _role_after(sentence: str, position: int) -> str | None:
    match = _TITLE_AFTER.match(sentence, position)
    if match is None:
        return None
    title = clean_title(match.group("title"))
    return title if is_title(title) else None


def _states_amount(sentence: str, match: re.Match[str]) -> bool:
    """True when an amount sits right after or before the phrase ('invests $16 million')."""
    tail = sentence[match.start() : match.end() + 60]
    lead = sentence[max(0, match.start() - 40) : match.start()]
    return bool(
        _AMOUNT_NEAR.match(tail, match.end() - match.start())
        or re.search(r"\$|€|£", tail[: match.end() - match.start()])
        or _AMOUNT_BEFORE.search(lead)
    )


def find_signals(sentence: str, scope: Scope, orgs: Sequence[Mention]) -> list[Fact]:
    """Signal facts of a sentence, at most one per kind."""
    facts: list[Fact] = []
    for attribute, pattern in _SIGNALS:
        match = pattern.search(sentence)
        if match is None:
            continue
        value = match.group(0).lower()
        if attribute == "investment" and _states_amount(sentence, match):
            continue
        if attribute == "hiring":
            value = _role_after(sentence, match.end()) or value
        subject = scope.organization_before(match.start(), orgs) or scope.target
        facts.append(
            Fact(
                match.start(),
                ClaimType.SIGNAL,
                subject=subject,
                attribute=attribute,
                value=" ".join(value.split()),
                entities=(subject,),
            )
        )
    return facts
