"""Non-timeline buying signals: hiring, expansion, procurement, deals."""

from __future__ import annotations

import pytest

from engine.claims.facts import Scope
from engine.claims.signals import find_signals
from engine.models import ClaimType

TARGET = "Borealis Nickel"
SCOPE = Scope(target=TARGET)


@pytest.mark.parametrize(
    ("sentence", "attribute", "value"),
    [
        (
            "Borealis Nickel is hiring a Senior Procurement Manager for Kestrel Lake.",
            "hiring",
            "Senior Procurement Manager",
        ),
        ("The company is recruiting for several site roles.", "hiring", "recruiting"),
        ("Borealis Nickel plans an expansion of its mill.", "expansion", "expansion"),
        ("Tenders for the process plant open in Q4 2025.", "procurement", "tenders"),
        ("The company issued an RFP for camp services.", "procurement", "rfp"),
        ("Borealis Nickel agreed to acquire a nearby claim block.", "acquisition", "acquire"),
        (
            "Borealis Nickel signed a memorandum of understanding with the First Nation.",
            "agreement",
            "signed a memorandum",
        ),
        ("Tamarack Capital will invest in the smelter.", "investment", "invest in"),
        (
            "Ontario removed the environmental assessment requirement for the mine.",
            "regulatory",
            "removed the environmental assessment",
        ),
    ],
)
def test_signals(sentence: str, attribute: str, value: str) -> None:
    [fact] = find_signals(sentence, SCOPE, [])
    assert (fact.claim_type, fact.attribute, fact.value, fact.subject) == (
        ClaimType.SIGNAL,
        attribute,
        value,
        TARGET,
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "Borealis Nickel is headquartered in Sudbury.",
        "Tattarang is the private investment group of the founder.",
    ],
)
def test_plain_statement_has_no_signal(sentence: str) -> None:
    assert find_signals(sentence, SCOPE, []) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Tamarack Capital announced an investment of up to $10 billion.",
        "Tamarack Capital invests $16 million in the smelter.",
        "It is a $16 million investment in the smelter.",
    ],
)
def test_an_investment_with_its_amount_is_left_to_the_measures(sentence: str) -> None:
    """The measure rules keep the amount as the value; the signal would only say 'invest'."""
    assert [f for f in find_signals(sentence, SCOPE, []) if f.attribute == "investment"] == []
