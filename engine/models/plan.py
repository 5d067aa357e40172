"""The dossier plan (DESIGN §5, seed 003): which claims and resolved objects feed each section."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SectionName = Literal[
    "INTRO",
    "SCORE",
    "WHY_THEYLL_BUY_NOW",
    "OPPORTUNITY",
    "VERIFIED_CONTACTS",
    "DEAL_STRATEGY",
    "OUTREACH",
    "MEDIA",
    "SOURCES",
]

DOSSIER_SECTIONS: tuple[SectionName, ...] = (
    "INTRO",
    "SCORE",
    "WHY_THEYLL_BUY_NOW",
    "OPPORTUNITY",
    "VERIFIED_CONTACTS",
    "DEAL_STRATEGY",
    "OUTREACH",
    "MEDIA",
    "SOURCES",
)


class SectionRoute(BaseModel):
    """What one section writer receives, and what is missing for it."""

    model_config = ConfigDict(extra="forbid")

    claim_ids: list[str] = Field(default_factory=list)
    resolved_object_ids: list[str] = Field(default_factory=list)
    coverage_notes: str = ""


class UnmappedClaims(BaseModel):
    """Claims routed to no section, each with the reason."""

    model_config = ConfigDict(extra="forbid")

    claim_ids: list[str] = Field(default_factory=list)
    reasons: dict[str, str] = Field(default_factory=dict)


class DossierPlan(BaseModel):
    """The routing map of step `dossier_plan`."""

    model_config = ConfigDict(extra="forbid")

    section_routing: dict[SectionName, SectionRoute]
    unmapped_claims: UnmappedClaims = Field(default_factory=UnmappedClaims)
