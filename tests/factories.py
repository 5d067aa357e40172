"""Builders for test data: claims with sensible defaults, overridable field by field."""

from __future__ import annotations

from datetime import date
from typing import Any

from engine.models import Claim, Person


def make_claim(claim_id: str = "search_001", **fields: Any) -> Claim:
    """A valid claim; any field can be overridden (person may be given as a dict)."""
    values: dict[str, Any] = {
        "claim_id": claim_id,
        "claim_type": "NOTE",
        "statement": f"Statement of {claim_id}.",
        "entities": [],
        "source_tier": "NEWS",
        "confidence": "MEDIUM",
    }
    values.update(fields)
    person = values.get("person")
    if isinstance(person, dict):
        values["person"] = Person.model_validate(person)
    for key in ("date_in_claim", "reported_on"):
        if isinstance(values.get(key), date):
            values[key] = values[key].isoformat()
    return Claim.model_validate(values)
