"""Context pack `contacts_to_enrichment` (seed 003 type 3): after the merge, before the writers.

Contacts come from the merge's resolved contacts. Priority is read from the title: C-level, or
a VP/director/head whose remit is procurement, projects, construction, operations or engineering
is HIGH; a relevant remit or a senior title alone is MEDIUM; anything else LOW. A contact outside
the target's group and its partners drops one level. A stakeholder who is no buyer (official,
community leader, owner, press: the merge's `stakeholder_role`) is LOW and says so. UNSURE
contacts are kept and flagged (`needs_review`) with the ambiguous item that names them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from engine.merge.stakeholders import is_buyer
from engine.merge.text import fold
from engine.models.claims import CONFIDENCE_RANK, Claim
from engine.models.merge import MergeResult, ResolvedContact
from engine.models.packs import ConfirmedContact, ContactPriority
from engine.packs.facts import (
    DomainIndex,
    clip,
    domain_match_strength,
    domain_matches_name,
    host_of,
)
from engine.packs.index import NameIndex, name_words
from engine.packs.orgs import MAX_NAME_CHARS, Partner, parent_of, subsidiaries_of

_VICE = re.compile(r"\b(vice president|vice chair\w*)\b")
_C_LEVEL = re.compile(
    r"\b(ceo|cfo|coo|cto|cio|chief|president|founder|owner|managing director|chair\w*"
    r"|executive director)\b"
)
_SENIOR = re.compile(r"\b(vp|svp|evp|vice president|director|head|general manager|gm)\b")
_MANAGER = re.compile(r"\b(manager|lead|superintendent|principal)\b")
# Remit words -> why the person matters, in order of relevance to a seller.
_REMITS: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(r"\b(procurement|purchasing|supply chain|sourcing|contracts?|buyer)\b"),
        "Runs procurement: selects suppliers and signs purchase orders",
    ),
    (re.compile(r"\b(projects?|capital)\b"), "Owns project execution"),
    (re.compile(r"\b(construction|site)\b"), "Runs construction: schedule and work packages"),
    (re.compile(r"\b(operations|facilities)\b"), "Runs operations: sets what must be bought"),
    (re.compile(r"\b(engineering|technical)\b"), "Sets technical specifications"),
)
_PRIORITY_ORDER: tuple[ContactPriority, ...] = ("HIGH", "MEDIUM", "LOW")


def title_priority(title: str | None) -> tuple[ContactPriority, str]:
    """Priority and why-they-matter read from a job title."""
    text = fold(title or "")
    remit = next((why for pattern, why in _REMITS if pattern.search(text)), None)
    c_level = bool(_C_LEVEL.search(_VICE.sub(" ", text)))
    senior = bool(_SENIOR.search(text))
    if c_level:
        return "HIGH", remit or "Executive: final say on major spend"
    if remit and (senior or _MANAGER.search(text)):
        return "HIGH", remit
    if remit:
        return "MEDIUM", remit
    if senior:
        return "MEDIUM", "Senior decision maker"
    return "LOW", "Named in the research; relevance of the role unclear"


def _lower(priority: ContactPriority) -> ContactPriority:
    return _PRIORITY_ORDER[min(_PRIORITY_ORDER.index(priority) + 1, len(_PRIORITY_ORDER) - 1)]


class ContactContext:
    """What a contact's organization is to the target: group, partner or other."""

    def __init__(
        self,
        claims: Sequence[Claim],
        target: str,
        target_domains: list[str],
        partners: list[Partner],
    ) -> None:
        self.claims = claims
        self.target = target
        self.target_domains = target_domains
        self.partners = partners
        parent = parent_of(claims, target)
        self.group = [target, *subsidiaries_of(claims, target)] + ([parent[0]] if parent else [])
        self._group_index = NameIndex(self.group)
        self._domains: DomainIndex | None = None
        # Key words -> the first partner with that key; a key's prefix -> the first partner
        # whose key starts with it.
        self._partner_keys: dict[tuple[str, ...], int] = {}
        self._partner_prefixes: dict[tuple[str, ...], int] = {}
        for position, partner in enumerate(partners):
            words = name_words(partner.name)
            if words:
                self._partner_keys.setdefault(words, position)
                for end in range(1, len(words) + 1):
                    self._partner_prefixes.setdefault(words[:end], position)

    def partner_for(self, organization: str) -> Partner | None:
        """The partner the organization is, if any."""
        words = name_words(organization)
        if not words:
            return None
        found = [self._partner_prefixes.get(words, len(self.partners))]
        found += [
            self._partner_keys.get(words[:end], len(self.partners)) for end in range(1, len(words))
        ]
        position = min(found)
        return self.partners[position] if position < len(self.partners) else None

    def in_group(self, organization: str) -> bool:
        """True for the target, its parent and its subsidiaries."""
        return self._group_index.matches(organization)

    def org_domains(self, organization: str) -> list[str]:
        """`org_domains(claims, organization)`, with the claims read once for every contact."""
        if self._domains is None:
            self._domains = DomainIndex(self.claims)
        return self._domains.domains(organization)

    def email_domain(self, contact: ResolvedContact) -> str | None:
        """The domain to look up the contact's email on."""
        if contact.email and "@" in contact.email:
            host = host_of(contact.email.rsplit("@", 1)[1])
            if host is not None:
                return host
        organization = contact.organization
        if not organization:
            return self.target_domains[0] if self.target_domains else None
        own = sorted(
            (d for d in self.target_domains if domain_matches_name(d, organization)),
            key=lambda d: -domain_match_strength(d, organization),
        )
        found = own or self.org_domains(organization)
        if not found and self.in_group(organization):
            found = self.target_domains
        return found[0] if found else None


def contact_ambiguities(merge: MergeResult) -> dict[str, list[tuple[int, str]]]:
    """Claim id -> (position in the merge, id) of the CONTACT ambiguous items involving it."""
    found: dict[str, list[tuple[int, str]]] = {}
    for position, item in enumerate(merge.ambiguous):
        if item.kind == "CONTACT":
            for claim_id in item.claims_involved:
                found.setdefault(claim_id, []).append((position, item.ambiguous_id))
    return found


def confirmed_contact(
    contact: ResolvedContact,
    context: ContactContext,
    merge: MergeResult,
    ambiguities: dict[str, list[tuple[int, str]]] | None = None,
) -> ConfirmedContact:
    """One resolved contact as the enrichment steps see it.

    `ambiguities` is `contact_ambiguities(merge)`, computed once for many contacts.
    """
    priority, why = title_priority(contact.current_role)
    organization = contact.organization
    if not is_buyer(contact):
        priority = "LOW"
        role = (contact.stakeholder_role or "other").replace("_", " ")
        why = f"Stakeholder ({role}), not a buyer: no outreach"
    elif organization and not context.in_group(organization):
        partner = context.partner_for(organization)
        if partner is not None:
            why = f"{why}; at {partner.name} ({partner.role})"
        else:
            priority = _lower(priority)
            why = f"{why}; at {organization}, outside the {context.target} group"
    needs_review = contact.resolution == "UNSURE"
    if needs_review:
        if ambiguities is None:
            ambiguities = contact_ambiguities(merge)
        involved = {
            entry for claim_id in contact.evidence_claims for entry in ambiguities.get(claim_id, ())
        }
        items = [ambiguous_id for _, ambiguous_id in sorted(involved)]
        where = f" (see {', '.join(sorted(items))})" if items else ""
        why = f"Identity UNSURE{where}: confirm before outreach. {why}"
    return ConfirmedContact(
        contact_id=contact.contact_id,
        name=clip(contact.name, MAX_NAME_CHARS),
        title=clip(contact.current_role, MAX_NAME_CHARS) if contact.current_role else None,
        organization=clip(organization, MAX_NAME_CHARS) if organization else None,
        domain_for_email=context.email_domain(contact),
        why_they_matter=clip(why, 200),
        priority=priority,
        needs_review=needs_review,
    )


def contact_order(
    contact: ConfirmedContact, resolved: ResolvedContact
) -> tuple[int, int, int, str]:
    """Sort key: priority, then merge confidence, then more evidence, then contact id."""
    return (
        _PRIORITY_ORDER.index(contact.priority),
        -CONFIDENCE_RANK[resolved.confidence],
        -len(resolved.evidence_claims),
        contact.contact_id,
    )
