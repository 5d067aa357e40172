"""Writers of the people sections: VERIFIED_CONTACTS, OUTREACH and DEAL_STRATEGY.

Contacts are the merge's resolved contacts named in the route, most relevant first (buying-group
candidates -- target staff and partners -- before other stakeholders, a current role before one
reported more than 18 months before the merge's day, then priority read from the title, merge
confidence, amount of evidence); a contact is written only when at least one of its evidence
claims is routed to the section, and cites those. A contact whose identity the merge left UNSURE
is flagged, with its namesake when the route names one. A stale role reads "as of YYYY".
Officials, community leaders, owners and press are listed in VERIFIED_CONTACTS as stakeholders
with why they matter; OUTREACH and the buying group name only buying-group candidates.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from engine.claims.guard import is_instruction, is_instruction_statement
from engine.merge.freshness import is_outdated, role_as_of, superseded_holders
from engine.merge.stakeholders import is_buyer
from engine.merge.text import fold
from engine.models.claims import CONFIDENCE_RANK, Claim, ClaimType
from engine.models.dossier import ContactCopy, SectionDraft
from engine.models.merge import MergeResult, ResolvedContact, StakeholderRole
from engine.packs.contacts import title_priority
from engine.packs.orgs import key_project
from engine.scoring import best_first, signal_kind
from engine.writing.inputs import WriterInput
from engine.writing.section_fit import (
    best_service,
    client_differentiators,
    client_services,
    service_fits,
    shortlist_partners,
    the_angle,
)
from engine.writing.section_text import (
    KIND_NEEDS,
    Composer,
    clause,
    join_words,
    lower_first,
    plain,
    plural,
)

_PRIORITY = ("HIGH", "MEDIUM", "LOW")
MAX_NOTES = 3
MAX_FITS = 2
# Why a stakeholder who is not a buyer matters to the deal.
_STAKEHOLDER_WHY: dict[StakeholderRole, str] = {
    "government": "a public official: approvals, permits and public funding shape the timing",
    "community": "a community leader: consent, agreements and local hiring shape the project",
    "investor_owner": "an owner or investor: controls the capital behind the project",
    "press": "covers the project in the press",
    "other": "named in the research, outside the buying group",
}


def merge_day(merge: MergeResult) -> date:
    """The day the merge ran: the reference for how old a reported role is."""
    return merge.reconciliation_timestamp.date()


def contact_rank(
    contact: ResolvedContact,
    today: date | None = None,
    superseded: frozenset[str] = frozenset(),
) -> tuple[int, int, int, int, int, int, str]:
    """Sort key: buyers first, sure identity, a current role (not stale, not a one-holder title
    a later report gives to someone else), title priority, confidence, evidence, contact id."""
    priority, _ = title_priority(contact.current_role)
    return (
        not is_buyer(contact),
        contact.resolution == "UNSURE",
        is_outdated(contact, today, superseded),
        _PRIORITY.index(priority),
        -CONFIDENCE_RANK[contact.confidence],
        -len(contact.evidence_claims),
        contact.contact_id,
    )


def named_contacts(
    inp: WriterInput, composer: Composer, *, buyers_only: bool = False
) -> list[ResolvedContact]:
    """Resolved contacts named in the route with routed evidence, most relevant first."""
    wanted = set(inp.resolved_object_ids)
    today = merge_day(inp.merge)
    earlier = superseded_holders(inp.merge.contacts_resolved)
    return sorted(
        (
            c
            for c in inp.merge.contacts_resolved
            if c.contact_id in wanted
            and composer.routed(c.evidence_claims)
            and (is_buyer(c) or not buyers_only)
        ),
        key=lambda c: contact_rank(c, today, earlier),
    )


def role_at(contact: ResolvedContact, today: date | None = None) -> str:
    """'VP Projects at Borealis Nickel', 'VP Projects', 'at Borealis Nickel' or '' ('Premier of
    Ontario' for an official); with today, a role reported long before it ends 'as of 2022'."""
    role = plain(contact.current_role or "")
    org = plain(contact.organization or "")
    if role and org:
        public = contact.stakeholder_role in ("government", "community")
        text = f"{role} {'of' if public else 'at'} {org}"
    else:
        text = role or (f"at {org}" if org else "")
    return text + role_as_of(contact, today) if text and today is not None else text


def _namesakes(contact: ResolvedContact, others: Sequence[ResolvedContact]) -> list[str]:
    return [
        role_at(o) or o.contact_id
        for o in others
        if o.contact_id != contact.contact_id and fold(o.name) == fold(contact.name)
    ]


def write_contacts(inp: WriterInput) -> SectionDraft:
    """VERIFIED_CONTACTS: one sentence per resolved contact, with identity caveats."""
    composer = Composer(inp.section, inp.claims)
    contacts = named_contacts(inp, composer)
    today = merge_day(inp.merge)
    for contact in contacts:
        ids = composer.routed(contact.evidence_claims)
        where = role_at(contact, today)
        sources = {composer.by_id[cid].source_name or cid for cid in ids}
        text = f"{plain(contact.name)} is {where}" if where else f"{plain(contact.name)} is named"
        text += f", per {plural(len(sources), 'source')}"
        if not is_buyer(contact) and contact.stakeholder_role is not None:
            why = _STAKEHOLDER_WHY.get(contact.stakeholder_role, _STAKEHOLDER_WHY["other"])
            text += f"; a stakeholder, not a buyer ({why}), so no outreach copy"
        if contact.email:
            text += f"; email on record: {plain(contact.email)}"
        if contact.linkedin_url:
            text += "; LinkedIn profile on record"
        if contact.resolution == "UNSURE":
            namesakes = _namesakes(contact, contacts)
            also = f" (another {plain(contact.name)} is {namesakes[0]})" if namesakes else ""
            text += f"; identity unconfirmed{also}, so confirm before outreach"
        composer.add(text, ids)
    return composer.draft()


def remit(contact: ResolvedContact) -> str:
    """Why the contact matters, as a predicate: 'runs procurement (selects suppliers ...)'."""
    priority, why = title_priority(contact.current_role)
    if priority == "LOW":
        return "is named in the research, though the role's buying remit is unclear"
    head, _, detail = why.partition(": ")
    if head.startswith(("Runs", "Owns", "Sets")):
        text = lower_first(head)
    elif head.startswith("Executive"):
        text = "is an executive"
    else:
        text = f"is a {lower_first(head)}"
    return f"{text} ({detail})" if detail else text


def safe_text(text: str, claims: Sequence[Claim]) -> bool:
    """False when a ready-made text reads as an instruction or quotes an instruction-like claim."""
    if is_instruction(text):
        return False
    folded = fold(text)
    return not any(
        is_instruction_statement(c.statement) and fold(c.statement) in folded for c in claims
    )


def _hook(composer: Composer) -> Claim | None:
    signals = best_first(c for c in composer.claims if c.claim_type is ClaimType.SIGNAL)
    return signals[0] if signals else None


def _copy_note(copy: ContactCopy | None) -> str:
    if copy is None:
        return ""
    words = len(copy.client_email_copy.split())
    chars = len(copy.client_linkedin_copy)
    return f"; copy is ready ({words}-word email, {chars}-character LinkedIn note)"


def _who(contact: ResolvedContact, today: date | None = None) -> str:
    where = role_at(contact, today)
    return f"{plain(contact.name)} ({where})" if where else plain(contact.name)


def write_outreach(inp: WriterInput) -> SectionDraft:
    """OUTREACH: the angle, who to approach first and in what order, and the copy to use."""
    composer = Composer(inp.section, inp.claims)
    copies = {c.contact_id: c for c in inp.contacts_copy}
    hook = _hook(composer)
    place = plain(key_project(composer.claims, inp.target) or inp.target)
    if hook is not None:
        fits = service_fits(inp.client, [hook], limit=1)
        service = fits[0].service if fits else best_service(inp.client, composer.claims)
        angle = the_angle(plain(inp.client.name), service, hook, place)
        composer.add(f"The angle: {angle}", [hook.claim_id])
    first = True
    today = merge_day(inp.merge)
    for contact in named_contacts(inp, composer, buyers_only=True):
        ids = composer.routed(contact.evidence_claims)
        note = _copy_note(copies.get(contact.contact_id))
        if contact.resolution == "UNSURE":
            text = (
                f"{_who(contact, today)} comes only once the identity is confirmed, as the merge "
                f"could not tell namesakes apart; this person {remit(contact)}{note}"
            )
        elif first:
            text = (
                f"Approach {_who(contact, today)} first, because this person {remit(contact)}{note}"
            )
            first = not composer.add(text, ids)
            if hook is not None and not first:
                need = KIND_NEEDS[signal_kind(hook)]
                composer.add(f"Open with the {need}: {clause(hook.statement)}", [hook.claim_id])
            continue
        else:
            text = f"Next, {_who(contact, today)}, because this person {remit(contact)}{note}"
        composer.add(text, ids)
    return composer.draft()


def _client_fit(inp: WriterInput, composer: Composer, place: str) -> None:
    client = plain(inp.client.name)
    all_fits = service_fits(inp.client, composer.claims, limit=MAX_FITS)
    fits = [f for f in all_fits if f.claim.claim_id not in composer.cited]
    edge = client_differentiators(inp.client)
    for index, fit in enumerate(fits):
        text = (
            f"Client fit at {place}, {client} ({lower_first(fit.service)}): "
            f"{clause(fit.claim.statement)}"
        )
        if index == 0 and edge:
            text += f"; the edge to lead with: {lower_first(edge[0])}"
        composer.add(text, [fit.claim.claim_id])
    services = [lower_first(s) for s in client_services(inp.client)]
    hook = _hook(composer)
    if not all_fits and services and hook is not None:
        need = KIND_NEEDS[signal_kind(hook)]
        composer.add(
            f"{client} can offer {join_words(services[:2])} for the {need} at {place}",
            [hook.claim_id],
        )


def write_deal_strategy(inp: WriterInput) -> SectionDraft:
    """DEAL_STRATEGY: the insight's strategy (routed citations only), client fit, partners."""
    composer = Composer(inp.section, inp.claims)
    target = plain(inp.target)
    project = key_project(composer.claims, inp.target)
    place = plain(project) if project else target
    if inp.insight is not None:
        for sentence in inp.insight.deal_strategy:
            if safe_text(sentence.text, inp.claims):
                composer.add(sentence.text, sentence.claim_ids)
    _client_fit(inp, composer, place)
    for partner in shortlist_partners(composer.claims, inp.target, project):
        ids = [c.claim_id for c in partner.claims if c.claim_id not in composer.cited]
        if ids:
            composer.add(
                f"{plain(partner.name)} is the {plain(partner.role)} at {place}: it shapes the "
                f"supplier shortlist, so work it alongside {target}",
                ids,
            )
    today = merge_day(inp.merge)
    group = [c for c in named_contacts(inp, composer, buyers_only=True) if c.resolution != "UNSURE"]
    fresh = [c for c in group if not set(composer.routed(c.evidence_claims)) <= composer.cited]
    if fresh:
        composer.add(
            f"The buying group at {target} includes {join_words([_who(c, today) for c in fresh])}",
            [cid for c in fresh for cid in c.evidence_claims],
        )
    notes = [
        c
        for c in best_first(composer.claims)
        if (c.step_prefix == "client" or c.claim_type is ClaimType.NOTE)
        and c.claim_id not in composer.cited
    ]
    for claim in notes[:MAX_NOTES]:
        composer.add_statement(claim)
    return composer.draft()
