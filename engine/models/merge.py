"""The merge output of step 07B (DESIGN §4, contract for its JSON).

`MergeResult.model_dump(mode="json")` has exactly seed 003's top-level keys. The decisions
applied from analyst reviews travel beside it in `decisions` (excluded from the contract JSON,
stored by the Store next to the merge).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from engine.models.claims import Confidence, EventStatus
from engine.models.reviews import ReviewDecision

ContactResolution = Literal["SAME_PERSON", "DIFFERENT_PERSON", "UNSURE", "SINGLE_CLAIM"]
StakeholderRole = Literal[
    "target_staff", "partner", "investor_owner", "government", "community", "press", "other"
]
# Roles whose people are buying-group candidates and get outreach copy.
BUYER_ROLES: frozenset[str] = frozenset({"target_staff", "partner"})
AmbiguousKind = Literal["CONTACT", "CONFLICT", "TIMELINE"]
ConflictType = Literal["ATTRIBUTE", "METRIC"]
# DISAGREEMENT: one measure stated differently; REVISION: an older estimate superseded (§4).
ConflictKind = Literal["DISAGREEMENT", "REVISION"]

MERGE_RESULT_KEYS = (
    "reconciliation_timestamp",
    "target_entity",
    "summary",
    "contacts_resolved",
    "timelines_resolved",
    "conflicts",
    "ambiguous",
    "pass_through",
)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ResolvedContact(_Strict):
    """One person, with every claim that is evidence of them.

    resolution: SAME_PERSON (several claims, one person), SINGLE_CLAIM (one claim),
    DIFFERENT_PERSON (a namesake exists and evidence or a review keeps them apart),
    UNSURE (a namesake exists and nothing settles it; an ambiguous item names both).
    stakeholder_role: what the person is to the target (staff, partner, owner, official,
    community, press, other); role_reported_on: when the current role was reported.
    """

    contact_id: str
    name: str
    current_role: str | None
    organization: str | None
    evidence_claims: list[str]
    resolution: ContactResolution
    confidence: Confidence
    linkedin_url: str | None = None
    email: str | None = None
    stakeholder_role: StakeholderRole | None = None
    role_reported_on: date | None = None


class TimelineEvent(_Strict):
    """One reported projection or outcome of an event, in reporting order."""

    date_reported: date | None
    status: EventStatus
    value: str
    claim_id: str


class Timeline(_Strict):
    """An event's history: announced, revised, actual (DESIGN §4)."""

    timeline_id: str
    subject: str
    attribute: str
    current_status: EventStatus
    current_date: date | None
    history: list[TimelineEvent]


class Conflict(_Strict):
    """Different values of a single-valued attribute for one subject, with a recommendation."""

    conflict_id: str
    type: ConflictType
    conflict_kind: ConflictKind = "DISAGREEMENT"
    subject: str
    attribute: str
    description: str
    claims_involved: list[str]
    values: dict[str, str]
    recommendation: str
    recommended_claim_id: str | None
    resolution_logic: str


class AmbiguousItem(_Strict):
    """Something the merge cannot settle: a human decides."""

    ambiguous_id: str
    kind: AmbiguousKind
    description: str
    claims_involved: list[str]
    options: list[str]
    reason: str


class MergeSummary(_Strict):
    total_claims: int
    contacts_resolved: int
    timelines_resolved: int
    conflicts_found: int
    ambiguous_items: int
    passed_through: int


class AppliedDecision(_Strict):
    """A stored analyst review that this merge applied, and to what."""

    review_id: str
    decision: ReviewDecision
    item_kind: Literal["CONFLICT", "CONTACT", "TIMELINE"]
    claims_involved: list[str]
    chosen_claim_id: str | None = None
    note: str = ""
    description: str


class MergeResult(_Strict):
    """The reconciled view of all claims of a run (seed 003's merge output)."""

    reconciliation_timestamp: datetime
    target_entity: str
    summary: MergeSummary
    contacts_resolved: list[ResolvedContact]
    timelines_resolved: list[Timeline]
    conflicts: list[Conflict]
    ambiguous: list[AmbiguousItem]
    pass_through: list[str]
    decisions: list[AppliedDecision] = Field(default_factory=list, exclude=True)

    def contract_json(self) -> dict[str, object]:
        """The JSON object of the contract: exactly seed 003's keys, timestamp as ISO 8601 Z."""
        data = self.model_dump(mode="json")
        stamp = self.reconciliation_timestamp
        if stamp.tzinfo is not None:
            stamp = stamp.astimezone(UTC)
        data["reconciliation_timestamp"] = stamp.strftime("%Y-%m-%dT%H:%M:%SZ")
        return data
