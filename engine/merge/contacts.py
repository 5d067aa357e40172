"""Contact resolution: which claims are about the same person (DESIGN §4, contacts).

INTERIM VERSION: exact folded name + organization key only. Replaced by the full resolver
(nicknames, initials, typos, organization families, LinkedIn/email evidence, reviews).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from engine.merge.text import fold, normalize_organization
from engine.models import AmbiguousItem, AppliedDecision, Claim, Confidence, ResolvedContact, Review


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


def resolve_contacts(claims: Sequence[Claim], reviews: Sequence[Review] = ()) -> ContactOutcome:
    """Group claims that carry a `person` into contacts."""
    groups: dict[tuple[str, str], list[Claim]] = {}
    for claim in claims:
        if claim.person is None:
            continue
        key = (fold(claim.person.name), normalize_organization(claim.person.organization or ""))
        groups.setdefault(key, []).append(claim)
    contacts: list[ResolvedContact] = []
    for index, key in enumerate(sorted(groups), start=1):
        members = sorted(groups[key], key=lambda c: c.claim_id)
        first = members[0]
        assert first.person is not None
        contacts.append(
            ResolvedContact(
                contact_id=f"person_{index:03d}",
                name=first.person.name,
                current_role=first.person.title,
                organization=first.person.organization,
                evidence_claims=[c.claim_id for c in members],
                resolution="SAME_PERSON" if len(members) > 1 else "SINGLE_CLAIM",
                confidence=Confidence.MEDIUM,
            )
        )
    used = frozenset(cid for contact in contacts for cid in contact.evidence_claims)
    return ContactOutcome(contacts=contacts, claim_ids=used)
