"""The claim contract: valid input passes, each kind of invalid input is named precisely."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from engine.models import ClaimType, InvalidInput, parse_claims
from engine.models.claims import claims_to_json


def raw_claim(claim_id: str = "search_001", **fields: Any) -> dict[str, Any]:
    claim: dict[str, Any] = {
        "claim_id": claim_id,
        "claim_type": "SIGNAL",
        "statement": "Ontario removed the EA requirement for Eagle's Nest under Bill 5",
        "entities": ["Wyloo Metals", "Eagle's Nest"],
        "date_in_claim": "2025-07-04",
        "source_url": "https://ero.ontario.ca/notice/1",
        "source_name": "Environmental Registry of Ontario",
        "source_tier": "GOV",
        "confidence": "HIGH",
    }
    claim.update(fields)
    return claim


def test_seed_example_parses_with_optional_fields_absent() -> None:
    [claim] = parse_claims([raw_claim()])
    assert claim.claim_type is ClaimType.SIGNAL
    assert claim.date_in_claim == date(2025, 7, 4)
    assert claim.person is None and claim.subject is None and claim.event_status is None
    assert claim.step_prefix == "search"


def test_round_trip_through_json_is_exact() -> None:
    raw = raw_claim(
        subject="Eagle's Nest",
        attribute="construction_start",
        value="June 2025",
        event_status="ANNOUNCED",
        reported_on="2024-12-01",
        person={"name": "Sylvain Goyette", "title": "VP Projects", "organization": "Wyloo"},
    )
    claims = parse_claims([raw])
    assert parse_claims(claims_to_json(claims)) == claims
    assert claims_to_json(claims)[0]["reported_on"] == "2024-12-01"


@pytest.mark.parametrize(
    ("override", "field", "fragment"),
    [
        ({"claim_type": "RUMOUR"}, "claim_type", "Input should be"),
        ({"source_tier": "gov"}, "source_tier", "Input should be"),
        ({"confidence": "VERY_HIGH"}, "confidence", "Input should be"),
        ({"event_status": "DONE"}, "event_status", "Input should be"),
        ({"date_in_claim": "2025-13-01"}, "date_in_claim", "date"),
        ({"date_in_claim": "July 2025"}, "date_in_claim", "YYYY-MM-DD"),
        ({"date_in_claim": 20250704}, "date_in_claim", "YYYY-MM-DD"),
        ({"reported_on": "2025/07/04"}, "reported_on", "YYYY-MM-DD"),
        ({"statement": "   "}, "statement", "empty"),
        ({"claim_id": "Search-1"}, "claim_id", "prefix_001"),
        ({"attribute": "HQ Location"}, "attribute", "snake_case"),
        ({"colour": "red"}, "colour", "Extra inputs"),
        ({"person": {"name": ""}}, "person.name", ""),
    ],
)
def test_invalid_claim_names_claim_and_field(
    override: dict[str, Any], field: str, fragment: str
) -> None:
    good = raw_claim("entity_001")
    bad = {**raw_claim("entity_002"), **override}
    with pytest.raises(InvalidInput) as caught:
        parse_claims([good, bad])
    message = str(caught.value)
    assert "\n" not in message
    if override.get("claim_id") == "Search-1":
        assert message.startswith("claim 'Search-1'")
    else:
        assert message.startswith("claim 'entity_002'")
    assert f"field {field!r}" in message
    assert fragment in message


def test_duplicate_claim_id_is_rejected_naming_both_positions() -> None:
    with pytest.raises(
        InvalidInput, match=r"claim 'lead_007': field 'claim_id': duplicate of claim #0"
    ):
        parse_claims([raw_claim("lead_007"), raw_claim("lead_007")])


def test_missing_required_field_and_non_objects_are_rejected() -> None:
    missing = raw_claim()
    del missing["source_tier"]
    with pytest.raises(InvalidInput, match="field 'source_tier': Field required"):
        parse_claims([missing])
    with pytest.raises(InvalidInput, match=r"claim #1: must be a JSON object"):
        parse_claims([raw_claim(), "not a claim"])
    with pytest.raises(InvalidInput, match="must be a JSON array"):
        parse_claims({"claim_id": "search_001"})
