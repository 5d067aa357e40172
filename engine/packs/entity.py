"""Context pack `entity_to_contacts` (seed 003 type 2): the target's canonical identity.

Canonical values are the best-evidence ones (tier, confidence, recency). Domains come from
website/domain claims about the target, then from source URLs on the target's own domain.
`do_not_repeat` says identity is resolved only when the HQ is known and a GOV/PRIMARY source
backs the identity, and domain discovery is complete only when a domain was found.
"""

from __future__ import annotations

from collections.abc import Sequence

from engine.models.claims import Claim, Confidence
from engine.models.packs import (
    CanonicalTarget,
    CorporateStructure,
    EntityToContactsPack,
    KeyProject,
    PartnerOrganization,
)
from engine.packs.budget import TrimRule, check_budget, fit_to_budget
from engine.packs.facts import (
    DomainIndex,
    best_value,
    clip,
    is_about,
    is_instruction_like,
    mentions,
    names_match,
    org_domains,
)
from engine.packs.orgs import (
    MAX_NAME_CHARS,
    Partner,
    identity_claims,
    identity_resolved,
    key_project,
    parent_of,
    partners_of,
    subsidiaries_of,
)
from engine.packs.signal import signal_done
from engine.scoring.evidence import best_first

MAX_ANCHORS = 20
MAX_PARTNERS = 10
MAX_SUBSIDIARIES = 10
NOTE_CHARS = 160
SHORT_VALUE_CHARS = 80

_TRIM = (
    TrimRule(("anchor_claims",), 1.0),
    TrimRule(("key_questions",), 1.5),
    TrimRule(("partner_organizations",), 2.0),
    TrimRule(("corporate_structure", "subsidiaries"), 2.0),
    TrimRule(("do_not_repeat",), 3.0),
)
_TEXTS = (
    ("corporate_structure", "notes"),
    ("corporate_structure", "parent"),
    ("key_project", "name"),
    ("key_project", "location"),
    ("key_project", "stage"),
)


def canonical_target(claims: Sequence[Claim], target: str) -> CanonicalTarget:
    """The target's identity: name, entity type, domains and best-evidence HQ."""
    parent = parent_of(claims, target)
    stated_type = next(
        (
            found
            for a in ("entity_type", "company_type")
            if (found := best_value(claims, a, target))
        ),
        None,
    )
    if stated_type is not None:
        entity_type: str | None = clip(stated_type[0], SHORT_VALUE_CHARS)
    elif parent is not None:
        entity_type = "Subsidiary"
    elif subsidiaries_of(claims, target):
        entity_type = "Parent company"
    else:
        entity_type = None
    hq = best_value(claims, "hq_location", target)
    return CanonicalTarget(
        name=clip(target, MAX_NAME_CHARS),
        entity_type=entity_type,
        domains=org_domains(claims, target),
        hq_location=clip(hq[0], SHORT_VALUE_CHARS) if hq else None,
    )


def _structure(claims: Sequence[Claim], target: str) -> CorporateStructure:
    parent = parent_of(claims, target)
    notes = ""
    if parent is not None:
        about_parent = best_first(
            c
            for c in claims
            if c is not parent[1]
            and is_about(c, parent[0])
            and not mentions(c, target)
            and not is_instruction_like(c)
        )
        if about_parent:
            notes = clip(about_parent[0].statement, NOTE_CHARS)
    share = best_value(claims, "ownership_pct", target)
    if share is not None and parent is not None:
        notes = clip(f"{parent[0]} owns {share[0]} of {target}. {notes}", NOTE_CHARS)
    return CorporateStructure(
        parent=parent[0] if parent else None,
        subsidiaries=subsidiaries_of(claims, target)[:MAX_SUBSIDIARIES],
        notes=notes,
    )


def _project(claims: Sequence[Claim], target: str) -> KeyProject | None:
    name = key_project(claims, target)
    if name is None:
        return None
    location = best_value(claims, "project_location", name)
    stage = best_value(claims, "project_stage", name)
    return KeyProject(
        name=name,
        location=clip(location[0], SHORT_VALUE_CHARS) if location else None,
        stage=clip(stage[0], SHORT_VALUE_CHARS) if stage else None,
    )


def partner_entry(
    claims: Sequence[Claim], partner: Partner, domains: DomainIndex | None = None
) -> PartnerOrganization:
    """A partner as the pack shows it: name, role, domains, and the claims that name it."""
    ids = ", ".join(c.claim_id for c in partner.claims[:3])
    index = domains if domains is not None else DomainIndex(claims)
    return PartnerOrganization(
        name=partner.name,
        role=partner.role,
        domains=index.domains(partner.name),
        notes=clip(f"Named in {ids}; contacts may be here.", NOTE_CHARS),
    )


def _questions(
    target: str,
    identity: CanonicalTarget,
    structure: CorporateStructure,
    project: KeyProject | None,
    partners: Sequence[PartnerOrganization],
) -> list[str]:
    questions: list[str] = []
    if project is not None:
        questions.append(f"Who selects contractors and suppliers for {project.name}?")
        questions.append(f"Who leads {project.name} day to day (project director, VP Projects)?")
    questions.append(f"Who runs procurement at {target} and signs purchase orders?")
    for partner in partners[:2]:
        work = project.name if project else target
        questions.append(f"Who at {partner.name} ({partner.role}) manages the {work} work?")
    if structure.parent:
        questions.append(f"Does {structure.parent} approve major contracts for {target}?")
    if not identity.domains:
        questions.append(f"Which email domain do {target} staff use?")
    if identity.hq_location is None:
        questions.append(f"Where is {target} headquartered?")
    return questions


def identity_done(claims: Sequence[Claim], target: str) -> list[str]:
    """Work done up to entity research (signal, identity, domains, structure, project).

    Only what the claims actually settle is listed; the later pack repeats these lines, so
    `do_not_repeat` is carried forward.
    """
    identity = canonical_target(claims, target)
    structure = _structure(claims, target)
    project = _project(claims, target)
    done = signal_done(claims, target)
    if identity_resolved(claims, target):
        done.append(f"Entity identity - resolved ({identity.name})")
    if identity.domains:
        done.append("Domain discovery - complete (" + ", ".join(identity.domains) + ")")
    if structure.parent:
        done.append(f"Corporate structure - resolved (parent: {structure.parent})")
    if project is not None and project.stage:
        done.append(f"Key project - identified ({project.name}, {project.stage})")
    return done


def build_entity_to_contacts(
    claims: Sequence[Claim], *, target: str, budget_tokens: int = 4000
) -> EntityToContactsPack:
    """The `entity_to_contacts` pack for `target` from the claims so far, within the budget."""
    check_budget(budget_tokens)
    identity = canonical_target(claims, target)
    structure = _structure(claims, target)
    project = _project(claims, target)
    shown = [
        p
        for p in partners_of(claims, target, project.name if project else None)
        if not (structure.parent and names_match(p.name, structure.parent))
    ][:MAX_PARTNERS]
    domains = DomainIndex(claims)
    partners = [partner_entry(claims, p, domains) for p in shown]
    anchors = [
        c.claim_id for c in identity_claims(claims, target) if c.confidence is not Confidence.LOW
    ]
    pack = EntityToContactsPack(
        canonical_target=identity,
        corporate_structure=structure,
        key_project=project,
        partner_organizations=partners,
        anchor_claims=anchors[:MAX_ANCHORS],
        key_questions=_questions(target, identity, structure, project, partners),
        do_not_repeat=identity_done(claims, target),
    )
    data = fit_to_budget(pack.model_dump(mode="json"), budget_tokens, lists=_TRIM, texts=_TEXTS)
    return EntityToContactsPack.model_validate(data)
