"""pydantic models at the engine's edges: claims, merge output, reviews, plan, clients, sources."""

from engine.models.claims import (
    CONFIDENCE_RANK,
    TIER_RANK,
    Claim,
    ClaimType,
    Confidence,
    EventStatus,
    InvalidInput,
    Person,
    SourceTier,
    claims_to_json,
    parse_claims,
)
from engine.models.client import Client
from engine.models.documents import SourceDocument
from engine.models.merge import (
    AmbiguousItem,
    AppliedDecision,
    Conflict,
    MergeResult,
    MergeSummary,
    ResolvedContact,
    Timeline,
    TimelineEvent,
)
from engine.models.plan import (
    DOSSIER_SECTIONS,
    DossierPlan,
    SectionName,
    SectionRoute,
    UnmappedClaims,
)
from engine.models.reviews import Review, ReviewDecision

__all__ = [
    "CONFIDENCE_RANK",
    "DOSSIER_SECTIONS",
    "TIER_RANK",
    "AmbiguousItem",
    "AppliedDecision",
    "Claim",
    "ClaimType",
    "Client",
    "Confidence",
    "Conflict",
    "DossierPlan",
    "EventStatus",
    "InvalidInput",
    "MergeResult",
    "MergeSummary",
    "Person",
    "ResolvedContact",
    "Review",
    "ReviewDecision",
    "SectionName",
    "SectionRoute",
    "SourceDocument",
    "SourceTier",
    "Timeline",
    "TimelineEvent",
    "UnmappedClaims",
    "claims_to_json",
    "parse_claims",
]
