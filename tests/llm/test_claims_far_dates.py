"""A model's date outside 1900-2100 is cleared with a recorded reason; the claim is kept."""

from __future__ import annotations

import pytest

from engine.llm.claims import claims_from_drafts
from engine.models import SourceDocument, SourceTier

DOC = SourceDocument(
    source_id="doc-news",
    path="01.md",
    url="https://news.example.com/kestrel",
    source_name="News",
    tier=SourceTier.NEWS,
    text="Borealis Nickel plans to start construction at Kestrel Lake.",
)


@pytest.mark.parametrize("field", ["date_in_claim", "reported_on"])
@pytest.mark.parametrize("day", ["9999-12-15", "1850-01", "2101-01-01"])
def test_a_far_date_is_cleared_with_a_reason_and_the_claim_kept(field: str, day: str) -> None:
    draft = {
        "claim_type": "SIGNAL",
        "statement": "Borealis Nickel plans to start construction at Kestrel Lake.",
        "source_url": DOC.url,
        field: day,
    }
    outcome = claims_from_drafts([draft], prefix="search", documents=[DOC], target="Borealis")
    assert not outcome.dropped
    [claim] = outcome.claims
    assert getattr(claim, field) is None
    reasons = [reason for _, reason in outcome.repaired]
    assert any(field in reason and "1900-2100" in reason for reason in reasons), reasons
