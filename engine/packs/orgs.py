"""The organizations around a target, read from claims: its key project, structure and partners.

Pure and order-independent, shared by the context packs and the dossier plan.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from engine.models.claims import Claim, ClaimType, Confidence, SourceTier
from engine.models.registry import is_event_attribute
from engine.packs.facts import (
    best_value,
    clip,
    is_about,
    name_key,
    names_match,
    ranked_values,
)
from engine.packs.index import NameIndex, cached_fold, padded_fold
from engine.scoring.evidence import best_first, evidence_sort_key

MAX_NAME_CHARS = 100
PROJECT_ATTRIBUTES = frozenset(
    {"project_stage", "project_location", "project_capacity", "capital_cost"}
)
STRUCTURE_ATTRIBUTES = frozenset({"parent_company", "subsidiary", "investor", "ownership_pct"})
PARTNER_ATTRIBUTES = frozenset({"partner", "contractor", "supplier", "customer", "epcm"})
IDENTITY_ATTRIBUTES = frozenset(
    {
        "hq_location",
        "legal_name",
        "website",
        "domain",
        "parent_company",
        "founded_year",
        "entity_type",
        "company_type",
        "ceo",
        "employee_count",
    }
)
# Words of a relationship statement -> the partner's role; the first match wins.
PARTNER_ROLES: tuple[tuple[str, str], ...] = (
    ("epcm", "EPCM partner"),
    ("epc", "EPC contractor"),
    ("contractor", "contractor"),
    ("engineering", "engineering firm"),
    ("joint venture", "joint-venture partner"),
    ("supplier", "supplier"),
    ("consultant", "consultant"),
    ("offtake", "offtake partner"),
    ("customer", "customer"),
    ("partner", "partner"),
)
_STRUCTURE_WORDS = ("subsidiary", "parent company", "owned by", "wholly owned", "acquired")


@dataclass
class Partner:
    """A partner organization with the claims that name it (best evidence first)."""

    name: str
    role: str
    claims: list[Claim] = field(default_factory=list)


def _display_name(names: Sequence[tuple[str, Claim]]) -> str:
    """The spelling used by the best evidence among several spellings of one name."""
    best = min(names, key=lambda item: (evidence_sort_key(item[1]), item[0]))
    return clip(best[0], MAX_NAME_CHARS)


def key_project(claims: Sequence[Claim], target: str) -> str | None:
    """The project most claims are about (None if no claim is about a project).

    Counted over the subjects (other than the target) of OPPORTUNITY claims and of claims with a
    project or event attribute; without such subjects, over the entities of OPPORTUNITY claims.
    Ties go to the best evidence, then the name.
    """
    spellings: dict[str, list[tuple[str, Claim]]] = {}
    for claim in claims:
        projectish = claim.claim_type is ClaimType.OPPORTUNITY or (
            claim.attribute is not None
            and (claim.attribute in PROJECT_ATTRIBUTES or is_event_attribute(claim.attribute))
        )
        if projectish and claim.subject and not names_match(claim.subject, target):
            spellings.setdefault(name_key(claim.subject), []).append((claim.subject, claim))
    if not spellings:
        for claim in claims:
            if claim.claim_type is ClaimType.OPPORTUNITY:
                for entity in claim.entities:
                    if name_key(entity) and not names_match(entity, target):
                        spellings.setdefault(name_key(entity), []).append((entity, claim))
    if not spellings:
        return None
    key = min(
        spellings,
        key=lambda k: (-len(spellings[k]), min(evidence_sort_key(c) for _, c in spellings[k]), k),
    )
    return _display_name(spellings[key])


def parent_of(claims: Sequence[Claim], target: str) -> tuple[str, Claim] | None:
    """The target's parent company, from parent_company values or 'subsidiary' relationships."""
    stated = best_value(claims, "parent_company", target)
    if stated is not None:
        return clip(stated[0], MAX_NAME_CHARS), stated[1]
    owners = [
        (claim.subject or "", claim)
        for claim in best_first(c for c in claims if c.attribute == "subsidiary")
        if claim.subject
        and claim.value
        and names_match(claim.value, target)
        and not names_match(claim.subject, target)
    ]
    return (clip(owners[0][0], MAX_NAME_CHARS), owners[0][1]) if owners else None


def subsidiaries_of(claims: Sequence[Claim], target: str) -> list[str]:
    """The target's subsidiaries: its 'subsidiary' values and subjects naming it as parent."""
    names = [value for value, _ in ranked_values(claims, "subsidiary", target)]
    for claim in best_first(c for c in claims if c.attribute == "parent_company"):
        if (
            claim.subject
            and claim.value
            and names_match(claim.value, target)
            and not names_match(claim.subject, target)
        ):
            names.append(claim.subject)
    unique: dict[str, str] = {}
    for name in names:
        unique.setdefault(name_key(name), clip(name, MAX_NAME_CHARS))
    return list(unique.values())


def is_structure_claim(claim: Claim) -> bool:
    """True for ownership facts: parent, subsidiary, investor, ownership share."""
    if claim.attribute in STRUCTURE_ATTRIBUTES:
        return True
    text = cached_fold(claim.statement)
    return claim.claim_type is ClaimType.RELATIONSHIP and any(w in text for w in _STRUCTURE_WORDS)


def partner_role(claim: Claim) -> str | None:
    """The partner role a relationship claim states ('EPCM partner', 'contractor'...), if any."""
    text = padded_fold(claim.statement)
    for word, role in PARTNER_ROLES:
        if f" {word} " in text:
            return role
    if claim.attribute in PARTNER_ATTRIBUTES:
        return claim.attribute.replace("_", " ") if claim.attribute != "epcm" else "EPCM partner"
    return None


def _partner_name(claim: Claim, excluded: Sequence[str]) -> str | None:
    if claim.attribute in PARTNER_ATTRIBUTES and claim.value:
        return claim.value
    candidates = list(claim.entities)
    if claim.subject:
        candidates.append(claim.subject)
    for name in candidates:
        if name_key(name) and not any(names_match(name, other) for other in excluded):
            return name
    return None


def partners_of(claims: Sequence[Claim], target: str, project: str | None) -> list[Partner]:
    """Partners and contractors of the target or its project, from RELATIONSHIP claims."""
    excluded = [target] + ([project] if project else [])
    groups: dict[str, list[tuple[str, Claim]]] = {}
    for claim in best_first(c for c in claims if c.claim_type is ClaimType.RELATIONSHIP):
        if is_structure_claim(claim):
            continue
        if partner_role(claim) is None:
            continue
        name = _partner_name(claim, excluded)
        if name is not None:
            groups.setdefault(name_key(name), []).append((name, claim))
    partners = []
    for spellings in groups.values():
        evidence = best_first(c for _, c in spellings)
        role = partner_role(evidence[0]) or "partner"
        partners.append(Partner(name=_display_name(spellings), role=role, claims=evidence))
    partners.sort(key=lambda p: (evidence_sort_key(p.claims[0]), name_key(p.name)))
    return partners


def identity_claims(claims: Sequence[Claim], target: str) -> list[Claim]:
    """Claims establishing who the target is (ENTITY claims and identity attributes), best first."""
    return best_first(
        claim
        for claim in claims
        if is_about(claim, target)
        and (claim.claim_type is ClaimType.ENTITY or claim.attribute in IDENTITY_ATTRIBUTES)
        and claim.person is None
    )


def identity_resolved(claims: Sequence[Claim], target: str) -> bool:
    """True when the HQ is known and an official (GOV/PRIMARY) source, not LOW, backs identity."""
    if best_value(claims, "hq_location", target) is None:
        return False
    return any(
        claim.source_tier in (SourceTier.GOV, SourceTier.PRIMARY)
        and claim.confidence is not Confidence.LOW
        for claim in identity_claims(claims, target)
    )


def related_names(claims: Sequence[Claim], target: str) -> list[str]:
    """Names tied to the target, sorted by name key.

    The seeds are the target, its parent, subsidiaries, key project and partners; every name one
    claim away from a seed (subjects, entities and organization values of the claims that
    mention it) is related too.
    """
    project = key_project(claims, target)
    parent = parent_of(claims, target)
    seeds = [target, *subsidiaries_of(claims, target)]
    seeds += [project] if project else []
    seeds += [parent[0]] if parent else []
    seeds += [partner.name for partner in partners_of(claims, target, project)]
    names = {name_key(seed): seed for seed in seeds if name_key(seed)}
    seed_index = NameIndex(seeds)
    for claim in claims:
        if not seed_index.mentioned_by(claim):
            continue
        linked = [*claim.entities, *([claim.subject] if claim.subject else [])]
        if claim.value and claim.attribute in STRUCTURE_ATTRIBUTES | PARTNER_ATTRIBUTES:
            linked.append(claim.value)
        if claim.person is not None and claim.person.organization:
            linked.append(claim.person.organization)
        for name in linked:
            names.setdefault(name_key(name), name)
    names.pop("", None)
    return [names[key] for key in sorted(names)]


def off_target(claim: Claim, related: NameIndex) -> str | None:
    """`off_target_subject` with the related names already indexed (for many claims)."""
    named = ([claim.subject] if claim.subject else []) + list(claim.entities)
    if claim.person is not None and claim.person.organization:
        named.append(claim.person.organization)
    if not named or related.mentioned_by(claim):
        return None
    if claim.person is not None and claim.person.organization:
        if related.matches(claim.person.organization):
            return None
    return named[0]


def off_target_subject(claim: Claim, related: Sequence[str]) -> str | None:
    """The unrelated entity a claim is about, or None when it concerns the target's world.

    A claim is off-target when it names a subject or entities, and neither they nor its
    statement mention any related name.
    """
    return off_target(claim, NameIndex(related))
