"""Which sections a kept claim feeds, by its type, attribute, subject and step (default rules).

- INTRO: ENTITY claims and identity attributes (HQ, founding, website, legal name...) about the
  target's group; parent/subsidiary RELATIONSHIP claims; company metrics (revenue, headcount).
- SCORE: SIGNAL claims and event claims (the evidence behind timelines).
- WHY_THEYLL_BUY_NOW: SIGNAL claims and event claims.
- OPPORTUNITY: OPPORTUNITY claims, project metrics and attributes, event claims, facts about the
  key project, partner relationships naming the project.
- VERIFIED_CONTACTS, DEAL_STRATEGY, OUTREACH: claims about a person (CONTACT claims, claims with
  a `person`, evidence of a resolved contact).
- DEAL_STRATEGY also: partner/contractor relationships, facts about partners, NOTEs (not LOW),
  every claim of the `client_specific` step, and the top signals.
- OUTREACH also: the top three signals (best evidence first).
- MEDIA: claims whose statement mentions images, renderings, photos, video or a logo.
- INTRO also: claims naming a chief executive (who leads the company).
- OPPORTUNITY and DEAL_STRATEGY also: public funding and its conditions (grants, incentives,
  subsidies, tax credits or abatements, tax-increment financing, clawbacks), whatever the
  claim's type: what the state pays and what it can take back sets the project's deadlines.
- SOURCES: nothing; sources are auto-collected from the claims the other sections cite.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from engine.merge.freshness import holder_key
from engine.models.claims import Claim, ClaimType
from engine.models.merge import MergeResult, Timeline
from engine.models.plan import SectionName
from engine.models.registry import is_event_attribute
from engine.packs.facts import mentions
from engine.packs.index import NameIndex, text_words
from engine.packs.orgs import IDENTITY_ATTRIBUTES, PROJECT_ATTRIBUTES, is_structure_claim

TOP_SIGNALS = 3
COMPANY_METRICS = frozenset({"revenue", "employee_count", "founded_year"})
MEDIA_WORDS = frozenset(
    "image images photo photos photograph photographs rendering renderings render renders "
    "aerial drone video videos logo picture pictures visualisation visualization".split()
)
# The words of public funding and its conditions (also read by the opportunity writer).
FUNDING_WORDS = (
    r"(?:grants?|incentives?|subsid(?:y|ies|ised|ized)|claw\s?-?backs?|claw\s+back|"
    r"tax\s+(?:credits?|breaks?|abatements?|exemptions?)|tax[- ]increment|chips\s+act|"
    r"loan\s+guarantees?|forgivable\s+loans?)"
)
FUNDING = re.compile(rf"\b{FUNDING_WORDS}\b", re.IGNORECASE)
CONTACT_SECTIONS: tuple[SectionName, ...] = ("VERIFIED_CONTACTS", "DEAL_STRATEGY", "OUTREACH")
TIMING_SECTIONS: tuple[SectionName, ...] = ("SCORE", "WHY_THEYLL_BUY_NOW", "OPPORTUNITY")


@dataclass
class RoutingContext:
    """What the rules need to know beyond the claim itself.

    `group`, `project` and `partners` are indexed at their first use; do not edit them after.
    """

    target: str
    group: list[str]
    project: str | None
    partners: list[str]
    contact_claim_ids: set[str] = field(default_factory=set)
    timeline_claim_ids: set[str] = field(default_factory=set)
    top_signal_ids: set[str] = field(default_factory=set)
    excluded_claim_ids: set[str] = field(default_factory=set)

    @cached_property
    def group_index(self) -> NameIndex:
        """The group's names, indexed."""
        return NameIndex(self.group)

    @cached_property
    def project_index(self) -> NameIndex:
        """The key project's name, indexed."""
        return NameIndex([self.project] if self.project is not None else [])

    @cached_property
    def partner_index(self) -> NameIndex:
        """The partners' names, indexed."""
        return NameIndex(self.partners)

    def about_group(self, claim: Claim) -> bool:
        """True when the claim is about the target, its parent or a subsidiary."""
        return self.group_index.about(claim)

    def about_project(self, claim: Claim) -> bool:
        """True when the claim is about the key project."""
        return self.project is not None and self.project_index.about(claim)

    def about_partner(self, claim: Claim) -> bool:
        """True when the claim's subject is a partner (or, without a subject, names one)."""
        if claim.subject:
            return self.partner_index.matches(claim.subject)
        return not self.about_group(claim) and self.partner_index.mentioned_by(claim)


def live_timelines(merge: MergeResult, context: RoutingContext) -> list[Timeline]:
    """The merge's timelines with at least one claim that is not excluded, by timeline id."""
    return sorted(
        (
            t
            for t in merge.timelines_resolved
            if not t.history or {e.claim_id for e in t.history} - context.excluded_claim_ids
        ),
        key=lambda t: t.timeline_id,
    )


def is_event_claim(claim: Claim, context: RoutingContext) -> bool:
    """True for claims about a dated event (timeline evidence)."""
    return (
        claim.event_status is not None
        or (claim.attribute is not None and is_event_attribute(claim.attribute))
        or claim.claim_id in context.timeline_claim_ids
    )


def is_funding_claim(claim: Claim) -> bool:
    """True when the statement is about public funding or its conditions (grants, clawbacks)."""
    return FUNDING.search(claim.statement) is not None


def is_media_claim(claim: Claim) -> bool:
    """True when the statement mentions images, renderings, photos, video or a logo."""
    return not MEDIA_WORDS.isdisjoint(text_words(claim.statement))


def _by_type(claim: Claim, context: RoutingContext) -> set[SectionName]:
    kind = claim.claim_type
    if kind is ClaimType.SIGNAL:
        return {"SCORE", "WHY_THEYLL_BUY_NOW"}
    if kind is ClaimType.OPPORTUNITY:
        return {"OPPORTUNITY"}
    if kind is ClaimType.NOTE:
        return {"DEAL_STRATEGY"}
    if kind is ClaimType.RELATIONSHIP:
        if is_structure_claim(claim):
            return {"INTRO"}
        sections: set[SectionName] = {"DEAL_STRATEGY"}
        if context.project is not None and mentions(claim, context.project):
            sections.add("OPPORTUNITY")
        return sections
    if kind is ClaimType.METRIC:
        company = claim.attribute in COMPANY_METRICS
        if company or (context.about_group(claim) and not context.about_project(claim)):
            return {"INTRO"}
        return {"OPPORTUNITY"}
    if kind in (ClaimType.ENTITY, ClaimType.ATTRIBUTE):
        if context.about_partner(claim):
            return {"DEAL_STRATEGY"}
        if context.about_project(claim):
            return {"OPPORTUNITY"}
        if kind is ClaimType.ENTITY or context.about_group(claim):
            return {"INTRO"}
    return set()


def claim_sections(claim: Claim, context: RoutingContext) -> set[SectionName]:
    """The sections a kept claim is routed to (possibly none)."""
    sections = _by_type(claim, context)
    if (
        claim.person is not None
        or claim.claim_type is ClaimType.CONTACT
        or claim.claim_id in context.contact_claim_ids
    ):
        sections.update(CONTACT_SECTIONS)
    if is_event_claim(claim, context):
        sections.update(TIMING_SECTIONS)
    if claim.attribute in PROJECT_ATTRIBUTES:
        sections.add("OPPORTUNITY")
    if claim.attribute in IDENTITY_ATTRIBUTES and context.about_group(claim):
        sections.add("INTRO")
    if claim.claim_id in context.top_signal_ids:
        sections.update({"OUTREACH", "DEAL_STRATEGY"})
    if claim.step_prefix == "client":
        sections.add("DEAL_STRATEGY")
    if is_media_claim(claim):
        sections.add("MEDIA")
    if is_funding_claim(claim):
        sections.update({"OPPORTUNITY", "DEAL_STRATEGY"})
    if claim.person is not None and holder_key(claim.person.title) == "ceo":
        sections.add("INTRO")  # who leads the company is part of its profile
    return sections
