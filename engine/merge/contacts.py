"""Contact resolution: which claims are about the same person (DESIGN §4, contacts).

`resolve_contacts` turns every claim with a `person` into evidence of exactly one contact:
1. records: parsed names (`names`), organization families (`orgs`), LinkedIn/email keys;
2. units: claims that must be one person — reviews, shared identifiers, same name and
   organization (`contact_units`);
3. unit pairs whose names match, found by blocking (`contact_graph`);
4. clusters and open questions (`contact_clusters`), which become contacts and CONTACT
   ambiguous items here.

Each contact's fields:
- current_role: title of the most recent claim that has one (by `reported_on`, undated oldest;
  ties: best source tier, then confidence, then claim id);
- organization: the organization of that same claim; if it has none, of the most recent claim
  that has one (same ordering);
- name: as written in the claim with the fullest name form (ties: tier, confidence, recency);
- linkedin_url / email: as written in the most recent claim that has one;
- resolution: UNSURE when the contact is part of an open question; DIFFERENT_PERSON when a
  namesake is kept apart by different LinkedIn URLs or a DIFFERENT_PERSON review, or when the
  analyst dismissed its every question (`accept_dismissed`, after the merge's reviews); else
  SAME_PERSON (2+ claims) or SINGLE_CLAIM;
- stakeholder_role (given the target): what the person is to it, from the organization and
  current role (`stakeholders`); a company title with no organization is the target's (and
  the organization becomes the target);
- role_reported_on: the `reported_on` of the current role's claim;
- confidence: LOW when UNSURE; otherwise by the best source tier of the evidence: GOV or
  PRIMARY with a current role HIGH, without one MEDIUM; NEWS MEDIUM; OTHER LOW; one step lower
  when every evidence claim has LOW confidence.

Contact ids (person_001, ...) follow the order (folded name, organization key, first claim id);
ambiguous items get provisional ids ambiguous_c001, ... (the merge renumbers them).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from engine.merge.contact_clusters import Clustering, cluster_contacts
from engine.merge.contact_graph import NameMatcher, PersonRecord, person_records, unit_pairs
from engine.merge.contact_questions import question_item
from engine.merge.contact_units import build_units
from engine.merge.names import name_specificity
from engine.merge.orgs import organization_families
from engine.merge.stakeholders import (
    StakeholderContext,
    stakeholder_context,
    stakeholder_role,
    with_shared_jurisdiction,
)
from engine.merge.text import fold, normalize_organization
from engine.models import (
    CONFIDENCE_RANK,
    TIER_RANK,
    AmbiguousItem,
    AppliedDecision,
    Claim,
    Confidence,
    ResolvedContact,
    Review,
    SourceTier,
)
from engine.models.merge import ContactResolution

_LOWER: dict[Confidence, Confidence] = {
    Confidence.HIGH: Confidence.MEDIUM,
    Confidence.MEDIUM: Confidence.LOW,
    Confidence.LOW: Confidence.LOW,
}


@dataclass(frozen=True)
class ContactOutcome:
    """What contact resolution returns to the merge.

    contacts: ids already final (person_001, ... in a deterministic order).
    ambiguous: CONTACT items with provisional ids; the merge renumbers all ambiguous items.
    claim_ids: every claim used as evidence for a contact.
    decisions: SAME_PERSON / DIFFERENT_PERSON reviews that this resolution applied.
    """

    contacts: list[ResolvedContact]
    ambiguous: list[AmbiguousItem] = field(default_factory=list)
    claim_ids: frozenset[str] = frozenset()
    decisions: list[AppliedDecision] = field(default_factory=list)


def _recency_key(claim: Claim) -> tuple[int, int, int, str]:
    """Sort key putting the most recent, then best-tier, then most confident claim first."""
    day = claim.reported_on.toordinal() if claim.reported_on is not None else 0
    return (-day, -TIER_RANK[claim.source_tier], -CONFIDENCE_RANK[claim.confidence], claim.claim_id)


def _confidence(evidence: Sequence[Claim], role: str | None, resolution: str) -> Confidence:
    if resolution == "UNSURE":
        return Confidence.LOW
    best = max(evidence, key=lambda claim: TIER_RANK[claim.source_tier]).source_tier
    if best in (SourceTier.GOV, SourceTier.PRIMARY):
        level = Confidence.HIGH if role else Confidence.MEDIUM
    elif best == SourceTier.NEWS:
        level = Confidence.MEDIUM
    else:
        level = Confidence.LOW
    if all(claim.confidence == Confidence.LOW for claim in evidence):
        return _LOWER[level]
    return level


def _contact(records: Sequence[PersonRecord], resolution: ContactResolution) -> ResolvedContact:
    """One contact (id still empty) from the records of its evidence."""
    by_recency = sorted(records, key=lambda record: _recency_key(record.claim))
    titled = [record for record in by_recency if record.person.title]
    role = titled[0].person.title if titled else None
    reported = titled[0].claim.reported_on if titled else None
    organization = titled[0].person.organization if titled else None
    if organization is None:
        organization = next(
            (r.person.organization for r in by_recency if r.person.organization), None
        )
    named = min(by_recency, key=_naming_key)
    evidence = [record.claim for record in by_recency]
    return ResolvedContact(
        contact_id="",
        name=named.person.name,
        current_role=role,
        organization=organization,
        evidence_claims=sorted(claim.claim_id for claim in evidence),
        resolution=resolution,
        confidence=_confidence(evidence, role, resolution),
        linkedin_url=next(
            (r.person.linkedin_url for r in by_recency if r.person.linkedin_url), None
        ),
        email=next((r.person.email for r in by_recency if r.person.email), None),
        role_reported_on=reported,
    )


def _with_role(
    contact: ResolvedContact, target: str, context: StakeholderContext, claims: Sequence[Claim]
) -> ResolvedContact:
    """The contact with its stakeholder role; a company title with no organization, in the
    target's documents, is read as the target's."""
    statements = [claim.statement for claim in claims] if contact.organization is None else []
    role = stakeholder_role(contact.organization, contact.current_role, context, statements)
    update: dict[str, object] = {"stakeholder_role": role}
    if role == "target_staff" and contact.organization is None:
        update["organization"] = target
    return contact.model_copy(update=update)


def _naming_key(record: PersonRecord) -> tuple[int | str, ...]:
    """Fullest name form first; then best tier, confidence, most recent, claim id."""
    level, middles, length = name_specificity(record.name)
    day = record.claim.reported_on.toordinal() if record.claim.reported_on is not None else 0
    return (
        -level,
        -middles,
        -length,
        -TIER_RANK[record.claim.source_tier],
        -CONFIDENCE_RANK[record.claim.confidence],
        -day,
        record.claim.claim_id,
    )


def _resolution(
    index: int, size: int, unsure: set[int], clustering: Clustering
) -> ContactResolution:
    if index in unsure:
        return "UNSURE"
    if index in clustering.kept_apart:
        return "DIFFERENT_PERSON"
    return "SAME_PERSON" if size > 1 else "SINGLE_CLAIM"


def _decisions(
    reviews: Sequence[Review], contact_of_claim: dict[str, str]
) -> list[AppliedDecision]:
    decisions: list[AppliedDecision] = []
    for review in reviews:
        claim_ids = sorted(set(review.claim_ids))
        contact_ids = sorted({contact_of_claim[claim_id] for claim_id in claim_ids})
        verb = "one person" if review.decision == "SAME_PERSON" else "different people"
        decisions.append(
            AppliedDecision(
                review_id=review.review_id,
                decision=review.decision,
                item_kind="CONTACT",
                claims_involved=claim_ids,
                note=review.note,
                description=f"Analyst review: claims {', '.join(claim_ids)} are {verb} "
                f"(contacts {', '.join(contact_ids)})",
            )
        )
    return decisions


def resolve_contacts(
    claims: Sequence[Claim], reviews: Sequence[Review] = (), *, target: str | None = None
) -> ContactOutcome:
    """Group claims that carry a `person` into contacts, with CONTACT ambiguous items.

    Given the target, organizations written several ways are one employer and each contact
    gets its stakeholder role.
    """
    records = person_records(claims, organization_families(claims, target))
    matcher = NameMatcher()
    build = build_units(records, reviews, matcher)
    clustering = cluster_contacts(
        build, unit_pairs(build.units, build.constraints, matcher), records
    )
    by_claim = {record.claim.claim_id: record for record in records}
    unsure = {
        index
        for q in clustering.questions
        for index in (q.clusters[:1] if q.kind == "bridge" else q.clusters)
    }
    drafts = [
        _contact(
            [by_claim[claim_id] for claim_id in claim_ids],
            _resolution(index, len(claim_ids), unsure, clustering),
        )
        for index, claim_ids in enumerate(clustering.clusters)
    ]
    order = sorted(
        range(len(drafts)),
        key=lambda i: (
            fold(drafts[i].name),
            normalize_organization(drafts[i].organization or ""),
            drafts[i].evidence_claims[0],
        ),
    )
    if target is not None and drafts:
        context = stakeholder_context(claims, target)
        drafts = [
            _with_role(draft, target, context, [by_claim[c].claim for c in draft.evidence_claims])
            for draft in drafts
        ]
        drafts = with_shared_jurisdiction(drafts)
    contacts = list(drafts)
    for position, index in enumerate(order, start=1):
        contacts[index] = drafts[index].model_copy(update={"contact_id": f"person_{position:03d}"})
    items = sorted(
        (question_item(question, contacts) for question in clustering.questions),
        key=lambda item: (item.claims_involved, item.description),
    )
    ambiguous = [
        item.model_copy(update={"ambiguous_id": f"ambiguous_c{position:03d}"})
        for position, item in enumerate(items, start=1)
    ]
    contact_of_claim = {
        c: contact.contact_id for contact in contacts for c in contact.evidence_claims
    }
    return ContactOutcome(
        contacts=[contacts[index] for index in order],
        ambiguous=ambiguous,
        claim_ids=frozenset(by_claim),
        decisions=_decisions(build.applied_reviews, contact_of_claim),
    )


def accept_dismissed(
    contacts: Sequence[ResolvedContact],
    open_items: Sequence[AmbiguousItem],
    claims: Sequence[Claim],
) -> list[ResolvedContact]:
    """Contacts after reviews: an UNSURE contact whose every question was dismissed is
    DIFFERENT_PERSON (the analyst accepts them as separate), confidence from its evidence."""
    questioned = {
        claim_id
        for item in open_items
        if item.kind == "CONTACT"
        for claim_id in item.claims_involved
    }
    by_id = {claim.claim_id: claim for claim in claims}
    settled: list[ResolvedContact] = []
    for contact in contacts:
        if contact.resolution == "UNSURE" and questioned.isdisjoint(contact.evidence_claims):
            evidence = [by_id[claim_id] for claim_id in contact.evidence_claims]
            contact = contact.model_copy(
                update={
                    "resolution": "DIFFERENT_PERSON",
                    "confidence": _confidence(evidence, contact.current_role, "DIFFERENT_PERSON"),
                }
            )
        settled.append(contact)
    return settled
