"""The assembled dossier (seed 000 `v2_dossiers`, DESIGN §5) and the pieces steps produce for it.

Steps produce `ContactCopy` (enrich_contacts), `StrategicInsight` (insight), `MediaAsset`s
(media) and `WrittenSection`s (write_sections); assembly gathers them with the lead score into
one `DossierRecord`. Every written sentence cites the claims it rests on by id.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from engine.models.claims import SourceTier
from engine.models.plan import SectionName

DossierStatus = Literal["draft", "ready", "released"]
LINKEDIN_MAX_CHARS = 250

# Allowed status moves; released is frozen.
STATUS_TRANSITIONS: dict[str, frozenset[str]] = {
    "draft": frozenset({"ready"}),
    "ready": frozenset({"draft", "released"}),
    "released": frozenset(),
}

SECTION_TITLES: dict[str, str] = {
    "INTRO": "Introduction",
    "SCORE": "Lead score",
    "WHY_THEYLL_BUY_NOW": "Why they'll buy now",
    "OPPORTUNITY": "The opportunity",
    "VERIFIED_CONTACTS": "Verified contacts",
    "DEAL_STRATEGY": "Deal strategy",
    "OUTREACH": "Outreach",
    "MEDIA": "Media",
    "SOURCES": "Sources",
}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class CitedSentence(_Strict):
    """One written sentence and the claim ids it cites (at least one)."""

    text: str = Field(min_length=1)
    claim_ids: list[str] = Field(min_length=1)


class SectionDraft(_Strict):
    """What a writer returns for one section, before the citation check."""

    section: SectionName
    title: str
    sentences: list[CitedSentence] = Field(default_factory=list)


class WrittenSection(_Strict):
    """A section after the citation check, with the fingerprint of its inputs."""

    section: SectionName
    title: str
    sentences: list[CitedSentence] = Field(default_factory=list)
    routed_claim_ids: list[str] = Field(default_factory=list)
    cited_claim_ids: list[str] = Field(default_factory=list)
    citation_issues: list[str] = Field(default_factory=list)
    fingerprint: str = ""
    writer_version: str = ""

    def markdown(self) -> str:
        """The section body as Markdown paragraphs, each sentence followed by `[claim_id]`s."""
        return " ".join(
            f"{s.text} " + "".join(f"[{cid}]" for cid in s.claim_ids) for s in self.sentences
        )


class ContactCopy(_Strict):
    """Per-contact enrichment: bio, relation to the signal, generic and client outreach copy."""

    contact_id: str
    name: str
    title: str | None = None
    organization: str | None = None
    bio: str
    relation_to_signal: str
    email_copy: str
    linkedin_copy: str = Field(max_length=LINKEDIN_MAX_CHARS)
    client_email_copy: str
    client_linkedin_copy: str = Field(max_length=LINKEDIN_MAX_CHARS)
    evidence_claims: list[str] = Field(default_factory=list)


class StrategicInsight(_Strict):
    """The strategy the insight step draws from the merged claims and the client."""

    the_angle: str
    one_liner: str
    why_now: str
    deal_strategy: list[CitedSentence] = Field(default_factory=list)
    objections: list[dict[str, str]] = Field(default_factory=list)
    open_questions: list[str] = Field(default_factory=list)


class MediaAsset(_Strict):
    """One image asset (seed 000 `media.image_assets`)."""

    asset_id: str
    asset_type: str
    image_url: str
    caption_suggested: str
    source_page_url: str | None = None


class FindLead(_Strict):
    """The lead summary (seed 000 `find_lead`)."""

    timing_urgency: str
    the_angle: str
    one_liner: str
    lead_score: int = Field(ge=0, le=100)
    score_explanation: str
    primary_buying_signal: dict[str, Any] | None = None


class DossierSource(_Strict):
    """A source cited by the dossier, collected from the claims its sections cite."""

    number: int
    url: str | None
    name: str | None
    tier: SourceTier
    used_in: list[SectionName]
    claim_ids: list[str]


class DossierRecord(_Strict):
    """One `v2_dossiers` record, plus the version number of its latest assembly."""

    dossier_id: str
    run_id: str
    client_id: str
    client_name: str
    target_entity: str
    target_project: str | None = None
    lead_score: int = Field(ge=0, le=100)
    status: DossierStatus = "draft"
    find_lead: FindLead
    enrich_lead: dict[str, Any] = Field(default_factory=dict)
    insight: dict[str, Any] = Field(default_factory=dict)
    copy_: dict[str, Any] = Field(default_factory=dict, alias="copy")
    media: dict[str, Any] = Field(default_factory=dict)
    sections: dict[SectionName, WrittenSection] = Field(default_factory=dict)
    sources: list[DossierSource] = Field(default_factory=list)
    assembled_dossier: dict[str, Any] = Field(default_factory=dict)
    version: int = 1
    created_at: datetime | None = None
    updated_at: datetime | None = None
    released_at: datetime | None = None

    # `copy` is the seed's column name; the attribute is `copy_` (BaseModel has a copy method).
    model_config = ConfigDict(extra="forbid", populate_by_name=True, serialize_by_alias=True)
