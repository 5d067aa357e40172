"""What writers receive (seed 003 "What Writers Receive"): routed claims, resolved objects, context.

One `WriterInput` per section: only the claims the dossier plan routed to that section, the merge
(whose resolved objects the route names), the client's context, the lead score, the insight, the
per-contact copy and the media assets. `InsightInput` and `ContactInput` feed the insight step and
per-contact enrichment. All are plain, immutable values: the writers are pure functions of them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from engine.models import Claim, Client, MergeResult, ResolvedContact, SectionName
from engine.models.dossier import ContactCopy, MediaAsset, StrategicInsight
from engine.models.packs import ContactsToEnrichmentPack
from engine.scoring import LeadScore


@dataclass(frozen=True)
class WriterInput:
    """Everything one section writer may use; it cites only `claims` (the routed ones)."""

    section: SectionName
    target: str
    claims: Sequence[Claim]
    resolved_object_ids: Sequence[str]
    coverage_notes: str
    merge: MergeResult
    client: Client
    lead: LeadScore
    insight: StrategicInsight | None = None
    pack: ContactsToEnrichmentPack | None = None
    contacts_copy: Sequence[ContactCopy] = field(default_factory=tuple)
    media: Sequence[MediaAsset] = field(default_factory=tuple)


@dataclass(frozen=True)
class InsightInput:
    """What the insight step reasons over after the merge."""

    target: str
    claims: Sequence[Claim]
    merge: MergeResult
    client: Client
    lead: LeadScore
    pack: ContactsToEnrichmentPack | None = None


@dataclass(frozen=True)
class ContactInput:
    """One resolved contact to enrich, with the claims about them and the run's best signal."""

    contact: ResolvedContact
    claims: Sequence[Claim]
    target: str
    client: Client
    signal: Claim | None = None
