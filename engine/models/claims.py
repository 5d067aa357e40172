"""The claim contract (DESIGN §3): one atomic fact with its source, tier and confidence.

Claims are validated once, at the edge, by `parse_claims`; a bad claim is rejected with
one message naming the claim and the field, before anything is written anywhere.
"""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

CLAIM_ID_PATTERN = re.compile(r"^[a-z][a-z0-9]*_[0-9]{3,}$")
ISO_DATE_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Claim dates lie in these years (inclusive): beyond them a date is a typo or a placeholder
# ("9999-12-31"), and month arithmetic on it would overflow.
MIN_CLAIM_YEAR, MAX_CLAIM_YEAR = 1900, 2100

# Prefixes by the step that produced a claim (DESIGN §3).
STEP_PREFIXES = ("search", "entity", "contact", "lead", "opp", "client", "doc", "manual")


class InvalidInput(ValueError):
    """Input that breaks a contract; the message is one line naming what was wrong."""


class ClaimType(StrEnum):
    SIGNAL = "SIGNAL"
    CONTACT = "CONTACT"
    ENTITY = "ENTITY"
    RELATIONSHIP = "RELATIONSHIP"
    OPPORTUNITY = "OPPORTUNITY"
    METRIC = "METRIC"
    ATTRIBUTE = "ATTRIBUTE"
    NOTE = "NOTE"


class SourceTier(StrEnum):
    GOV = "GOV"
    PRIMARY = "PRIMARY"
    NEWS = "NEWS"
    OTHER = "OTHER"


class Confidence(StrEnum):
    HIGH = "HIGH"
    MEDIUM = "MEDIUM"
    LOW = "LOW"


class EventStatus(StrEnum):
    ANNOUNCED = "ANNOUNCED"
    REVISED = "REVISED"
    ACTUAL = "ACTUAL"


# Higher is more trusted; used to rank evidence.
TIER_RANK: dict[SourceTier, int] = {
    SourceTier.GOV: 4,
    SourceTier.PRIMARY: 3,
    SourceTier.NEWS: 2,
    SourceTier.OTHER: 1,
}
CONFIDENCE_RANK: dict[Confidence, int] = {
    Confidence.HIGH: 3,
    Confidence.MEDIUM: 2,
    Confidence.LOW: 1,
}


def _strict_iso_date(value: Any) -> Any:
    """Accept a date object or a 'YYYY-MM-DD' string; reject numbers and other formats."""
    if value is None or isinstance(value, date):
        return value
    if isinstance(value, str) and ISO_DATE_PATTERN.match(value):
        return value
    raise ValueError(f"expected a date as YYYY-MM-DD, got {value!r}")


def in_claim_years(day: date) -> bool:
    """True if `day` lies in MIN_CLAIM_YEAR..MAX_CLAIM_YEAR, the years a claim's dates may hold."""
    return MIN_CLAIM_YEAR <= day.year <= MAX_CLAIM_YEAR


def _date_in_range(value: date | None) -> date | None:
    if value is not None and not in_claim_years(value):
        raise ValueError(
            f"{value.isoformat()} is outside the years {MIN_CLAIM_YEAR}-{MAX_CLAIM_YEAR}"
        )
    return value


class Person(BaseModel):
    """A person a claim is about."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1)
    title: str | None = None
    organization: str | None = None
    linkedin_url: str | None = None
    email: str | None = None

    @field_validator("name")
    @classmethod
    def _name_not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("person name is empty")
        return value.strip()


class Claim(BaseModel):
    """One fact with evidence (DESIGN §3)."""

    model_config = ConfigDict(extra="forbid")

    claim_id: str
    claim_type: ClaimType
    statement: str
    entities: list[str] = Field(default_factory=list)
    date_in_claim: date | None = None
    source_url: str | None = None
    source_name: str | None = None
    source_tier: SourceTier
    confidence: Confidence
    subject: str | None = None
    attribute: str | None = None
    value: str | None = None
    event_status: EventStatus | None = None
    reported_on: date | None = None
    person: Person | None = None

    @field_validator("claim_id")
    @classmethod
    def _claim_id_shape(cls, value: str) -> str:
        if not CLAIM_ID_PATTERN.match(value):
            raise ValueError(f"claim_id must look like 'prefix_001', got {value!r}")
        return value

    @field_validator("statement")
    @classmethod
    def _statement_not_empty(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("statement is empty")
        return value.strip()

    @field_validator("date_in_claim", "reported_on", mode="before")
    @classmethod
    def _dates_are_iso(cls, value: Any) -> Any:
        return _strict_iso_date(value)

    @field_validator("date_in_claim", "reported_on")
    @classmethod
    def _dates_in_range(cls, value: date | None) -> date | None:
        return _date_in_range(value)

    @field_validator("attribute")
    @classmethod
    def _attribute_is_snake_case(cls, value: str | None) -> str | None:
        if value is None:
            return None
        if not re.fullmatch(r"[a-z][a-z0-9_]*", value):
            raise ValueError(f"attribute must be a snake_case key, got {value!r}")
        return value

    @property
    def step_prefix(self) -> str:
        """The step prefix of the claim id ('search' for 'search_001')."""
        return self.claim_id.rsplit("_", 1)[0]


def describe_validation_error(exc: ValidationError, *, record: str = "claim") -> str:
    """One line for a pydantic error: "field 'x': message", plus how many more errors there are."""
    errors = exc.errors()
    first = errors[0]
    location = ".".join(str(part) for part in first.get("loc", ()) if part != "__root__")
    message = str(first.get("msg", "invalid")).removeprefix("Value error, ")
    more = f" (+{len(errors) - 1} more)" if len(errors) > 1 else ""
    return f"field {location or record!r}: {message}{more}"


def parse_claims(raw: Any) -> list[Claim]:
    """Validate a JSON array of claims; raise InvalidInput naming the first bad claim and field."""
    if not isinstance(raw, list):
        raise InvalidInput(f"claims must be a JSON array, got {type(raw).__name__}")
    claims: list[Claim] = []
    seen: dict[str, int] = {}
    for index, item in enumerate(raw):
        label = f"claim #{index}"
        if isinstance(item, dict) and isinstance(item.get("claim_id"), str):
            label = f"claim {item['claim_id']!r}"
        if not isinstance(item, dict):
            raise InvalidInput(f"{label}: must be a JSON object, got {type(item).__name__}")
        try:
            claim = Claim.model_validate(item)
        except ValidationError as exc:
            raise InvalidInput(f"{label}: {describe_validation_error(exc)}") from None
        if claim.claim_id in seen:
            raise InvalidInput(
                f"{label}: field 'claim_id': duplicate of claim #{seen[claim.claim_id]}"
            )
        seen[claim.claim_id] = index
        claims.append(claim)
    return claims


def claims_to_json(claims: list[Claim]) -> list[dict[str, Any]]:
    """Serialise claims to the JSON contract shape (dates as YYYY-MM-DD)."""
    return [claim.model_dump(mode="json") for claim in claims]
