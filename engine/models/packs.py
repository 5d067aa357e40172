"""Context packs (seed 003, DESIGN §5): compact summaries passed forward between pipeline steps.

Three shapes, each tagged by `context_type`: `signal_to_entity` (before entity research),
`entity_to_contacts` (canonical identity, before contact discovery) and `contacts_to_enrichment`
(after the merge, before the writers). Every pack carries `do_not_repeat` (work already done);
the seed shows it on the last two, it is added to the first for the same purpose.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from engine.models.claims import Confidence

SignalKind = Literal[
    "REGULATORY",
    "FUNDING",
    "CONTRACT",
    "CONSTRUCTION",
    "PRODUCTION",
    "EXPANSION",
    "HIRING",
    "LEADERSHIP",
    "OTHER",
]
ContactPriority = Literal["HIGH", "MEDIUM", "LOW"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SignalSummary(_Strict):
    """The strongest buying signal found so far."""

    signal_type: SignalKind
    description: str
    date: dt.date | None
    claim_id: str


class CandidateEntity(_Strict):
    """The company the signal points to, and why we think so."""

    name: str
    confidence: Confidence
    why: str


class KnownFact(_Strict):
    """A fact already established, with the claim that states it."""

    claim_id: str
    statement: str


class SignalToEntityPack(_Strict):
    """Seed 003 type 1: maps the discovered signal to a candidate company."""

    context_type: Literal["signal_to_entity"] = "signal_to_entity"
    signal_summary: SignalSummary | None
    candidate_entity: CandidateEntity
    known_facts: list[KnownFact] = Field(default_factory=list)
    key_questions: list[str] = Field(default_factory=list)
    search_hints: list[str] = Field(default_factory=list)
    do_not_repeat: list[str] = Field(default_factory=list)


class CanonicalTarget(_Strict):
    """The target's settled identity: the ground truth later steps must not re-research."""

    name: str
    entity_type: str | None = None
    domains: list[str] = Field(default_factory=list)
    hq_location: str | None = None


class CorporateStructure(_Strict):
    """Who owns the target and whom it owns."""

    parent: str | None = None
    subsidiaries: list[str] = Field(default_factory=list)
    notes: str = ""


class KeyProject(_Strict):
    """The project the signal is about."""

    name: str
    location: str | None = None
    stage: str | None = None


class PartnerOrganization(_Strict):
    """A partner or contractor of the target or its project: contacts may be there."""

    name: str
    role: str
    domains: list[str] = Field(default_factory=list)
    notes: str = ""


class EntityToContactsPack(_Strict):
    """Seed 003 type 2: canonical identity, structure, project and partners."""

    context_type: Literal["entity_to_contacts"] = "entity_to_contacts"
    canonical_target: CanonicalTarget
    corporate_structure: CorporateStructure
    key_project: KeyProject | None
    partner_organizations: list[PartnerOrganization] = Field(default_factory=list)
    anchor_claims: list[str] = Field(default_factory=list)
    key_questions: list[str] = Field(default_factory=list)
    do_not_repeat: list[str] = Field(default_factory=list)


class TargetDomains(_Strict):
    """The canonical target as the enrichment steps need it: name and email domains."""

    name: str
    domains: list[str] = Field(default_factory=list)


class ProjectStatus(_Strict):
    """The key project with its reconciled timeline (from the merge)."""

    name: str | None
    stage: str | None = None
    timeline: str | None = None
    timeline_id: str | None = None


class ConfirmedContact(_Strict):
    """A resolved contact worth enriching, with why and how urgently."""

    contact_id: str
    name: str
    title: str | None
    organization: str | None = None
    domain_for_email: str | None
    why_they_matter: str
    priority: ContactPriority
    needs_review: bool = False


class EnrichmentQuestions(_Strict):
    """Questions for each parallel enrichment step."""

    enrich_lead: list[str] = Field(default_factory=list)
    enrich_opportunity: list[str] = Field(default_factory=list)
    client_specific: list[str] = Field(default_factory=list)
    enrich_contacts: list[str] = Field(default_factory=list)


class ContactsToEnrichmentPack(_Strict):
    """Seed 003 type 3: target, project timeline, contacts and enrichment questions."""

    context_type: Literal["contacts_to_enrichment"] = "contacts_to_enrichment"
    canonical_target: TargetDomains
    key_project: ProjectStatus | None
    confirmed_contacts: list[ConfirmedContact] = Field(default_factory=list)
    enrichment_questions: EnrichmentQuestions = Field(default_factory=EnrichmentQuestions)
    do_not_repeat: list[str] = Field(default_factory=list)


ContextPack = SignalToEntityPack | EntityToContactsPack | ContactsToEnrichmentPack
