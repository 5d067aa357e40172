"""Stakeholder role of a resolved person: what they are to the target (pure).

Read from the person's organization first, then their title, in this order:

1. press: a reporter's title (editor, reporter, correspondent ...), or an organization that is
   a media outlet (its words: News, Times, Journal ..., or a publisher the claims came from);
2. target_staff: the target, its aliases (a name starting with its distinctive first word, a
   short or long form of it), subsidiaries and former or acquired names as the claims state
   them (`subsidiary` / `parent_company` attributes, "formerly X", "renamed X as Y",
   "acquired X", "takeover of X");
3. community: a First Nation, tribe, band, Métis or Indigenous organization or community
   group (even when it partners the target), or a bare "Chief" / "Grand Chief" / "Elder"
   title outside public bodies (checked after government titles);
4. investor_owner: the target's parent or a stated investor/owner; a billionaire or owner title;
5. partner: a stated partner, contractor or customer of the target;
6. government: a title of public office (Premier, Minister, Sheriff, Mayor, Governor ...), a
   public body (Ministry, Agency, County, City of ..., a province or state alone, a school
   district, police) -- an acronym counts as what it stands for ("IAAC");
7. otherwise, with no organization: a title said beside county, school or council matters
   that only companies have not (CEO, VP, project ... are theirs; "Superintendent B" in
   "Sheriff A, Superintendent B ..." is not) is government; a title only companies have (CEO,
   vice president, spokesperson, construction or procurement manager ...) is target_staff (the
   documents are about the target); a bare "President" or "Director" is other.
`with_shared_jurisdiction`: someone at the organization of an official ("Ohio", "Metro") is
government too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from engine.claims.lexicon import (
    JURISDICTION_WORDS,
    PLACE_WORDS,
    PRESS_TITLE_CORES,
    PUBLIC_BODY_WORDS,
    PUBLIC_TITLE_CORES,
)
from engine.merge.orgs import alias_links, distinctive_word, is_acronym, organization_key
from engine.merge.text import fold
from engine.models import Claim
from engine.models.merge import BUYER_ROLES, ResolvedContact, StakeholderRole

_MEDIA_WORDS = frozenset(
    """news times journal post herald press media star tribune gazette chronicle telegraph
    guardian miner daily weekly radio television tv broadcasting reuters bloomberg cbc bbc
    abc nbc cnn magazine observer examiner courier record""".split()
)
_COMMUNITY = re.compile(
    r"\b(first nations?|nation|tribes?|tribal|band|m[eé]tis|inuit|indigenous|aboriginal|"
    r"reserve|community|communities|association|coalition|residents|alliance|union)\b"
)
_PUBLIC_ORG_WORDS = (
    PUBLIC_BODY_WORDS
    | JURISDICTION_WORDS
    | frozenset(
        """police sheriff's sheriff schools school legislature parliament senate congress cabinet
    crown federal provincial municipal""".split()
    )
)
_COMMUNITY_TITLE = re.compile(r"^(?:(?:grand|deputy|band|hereditary)\s+)?(?:chief|elder)$")
_INVESTOR_TITLE = re.compile(r"\b(billionaire|owner|investor|shareholder)\b")
# Title words of public office that are no office on their own ("County Board President").
_PUBLIC_TITLE_WORDS = JURISDICTION_WORDS | frozenset(
    "school schools police fire federal provincial municipal council public".split()
)
# Titles a company has: with no organization, in the target's documents, the target's.
_CORPORATE_TITLE = re.compile(
    r"\b(ceo|cfo|coo|cto|cio|chief\s+\w+\s+officer|chief\s+executive|vice\s+president|vp|"
    r"svp|evp|founder|co-founder|spokes\w+|president|director|manager|chair\w*|head|officer|"
    r"superintendent|lead|supervisor|coordinator|buyer|controller|treasurer|"
    r"project|projects|procurement|construction|operations|engineering)\b"
)
_CEO_LIKE = re.compile(
    r"\b(ceo|cfo|coo|cto|cio|chief\s+\w+\s+officer|chief\s+executive|vice\s+president|vp|"
    r"svp|evp|founder|co-founder|spokes\w+|general\s+manager|managing\s+director|project|"
    r"projects|procurement|construction|operations|engineering)\b"
)
_PUBLIC_CONTEXT = re.compile(
    r"\b(school|schools|district|county|sheriff|mayor|governor|council|township|borough|"
    r"municipal|city\s+hall|state\s+(?:senator|representative)|legislature)\b",
    re.IGNORECASE,
)
_NAME = r"['‘’\"“]?((?:[A-Z][\w'’&\-]*)(?:\s+(?:of\s+)?[A-Z][\w'’&\-]*){0,5})"
_FORMER = re.compile(
    r"(?:formerly(?:\s+known\s+as)?|previously|before\s+that|renam\w*|acquir\w*|"
    r"acquisition\s+of|takeover\s+of|bought|purchase\s+of|merged\s+with|"
    rf"renam\w*\s+{_NAME}\s+(?:as|to))\s+{_NAME}"
)
# Cheap substrings (either case of the first letter) that every _FORMER phrase contains.
_FORMER_HINTS = (
    "ormerly",
    "reviously",
    "efore that",
    "enam",
    "cqui",
    "akeover",
    "ought",
    "urchase",
    "erged",
)
_ACRONYM_SPAN = r"((?:[A-Z][\w\-]*\s+(?:(?:of|the|and|for|on)\s+)*){{1,8}})\(\s*{}\s*\)"
_PARTNER_ATTRIBUTES = frozenset({"partner", "contractor", "customer", "supplier"})
_OWNER_ATTRIBUTES = frozenset({"parent_company", "investor", "owner"})
_LINK_ATTRIBUTES = _PARTNER_ATTRIBUTES | _OWNER_ATTRIBUTES


def _key(name: str | None) -> str:
    return organization_key(name) if name else ""


@dataclass(frozen=True)
class StakeholderContext:
    """What the claims say about organizations around the target."""

    target_keys: frozenset[str]
    partner_keys: frozenset[str]
    owner_keys: frozenset[str]
    media_keys: frozenset[str]
    expansions: dict[str, str]  # acronym key -> the long name's key
    target_word: str = ""  # the target's distinctive first word, "" when generic


@dataclass
class _Scan:
    """What one pass over the claims collects."""

    organizations: set[str]
    former: set[str]
    links: list[tuple[str, str, str]]  # (attribute, subject, value)
    outlets: set[str]


def _scan(claims: Sequence[Claim], target: str) -> _Scan:
    """People's organizations; the target's former, acquired and subsidiary names as the claims
    state them; partner/owner links; news outlets -- in one pass."""
    target_key = _key(target)
    word = target_key.split()[0] if target_key else ""
    found = _Scan(set(), set(), [], set())
    for claim in claims:
        if claim.person is not None and claim.person.organization:
            found.organizations.add(claim.person.organization)
        if claim.attribute and claim.value and claim.subject:
            if claim.attribute == "subsidiary" and _key(claim.subject) == target_key:
                found.former.add(claim.value)
            elif claim.attribute in _LINK_ATTRIBUTES:
                found.links.append((claim.attribute, claim.subject, claim.value))
        if claim.source_name and claim.source_tier == "NEWS":
            found.outlets.add(claim.source_name)
        statement = claim.statement
        if word and any(hint in statement for hint in _FORMER_HINTS) and word in fold(statement):
            for match in _FORMER.finditer(statement):
                found.former.update(name for name in match.groups() if name)
    return found


def _spelled_out(acronym: str, claims: Sequence[Claim]) -> str | None:
    """The long name an acronym stands for, from "Long Name (ACRONYM)" in a claim."""
    pattern = re.compile(_ACRONYM_SPAN.format(re.escape(acronym)))
    for claim in claims:
        if acronym not in claim.statement:
            continue
        for match in pattern.finditer(claim.statement):
            words = match.group(1).split()
            for start in range(len(words)):
                candidate = " ".join(words[start:])
                if alias_links([acronym], None, [candidate]):
                    return candidate
    return None


def stakeholder_context(claims: Sequence[Claim], target: str) -> StakeholderContext:
    """Collect the target's aliases, partners, owners, outlets and acronyms from the claims."""
    target_key = _key(target)
    scan = _scan(claims, target)
    sets = {target_key} | {_key(name) for name in scan.former}
    for first, second in alias_links(scan.organizations | scan.former, target):
        if first in sets or second in sets:
            sets.update((first, second))
    partners: set[str] = set()
    owners: set[str] = set()
    for attribute, subject, value in scan.links:
        if _key(subject) in sets:
            (partners if attribute in _PARTNER_ATTRIBUTES else owners).add(_key(value))
    media = {_key(name) for name in scan.outlets}
    expansions: dict[str, str] = {}
    for acronym in sorted(filter(is_acronym, scan.organizations)):
        long_name = _spelled_out(acronym, claims)
        if long_name is not None:
            expansions[_key(acronym)] = _key(long_name)
    return StakeholderContext(
        frozenset(sets - owners),
        frozenset(partners - sets),
        frozenset(owners - sets),
        frozenset(media),
        expansions,
        distinctive_word(target),
    )


def _words(key: str) -> set[str]:
    return set(key.split())


def _is_government(org_key: str) -> bool:
    words = _words(org_key)
    if words & (_PUBLIC_ORG_WORDS | PUBLIC_TITLE_CORES) or org_key.startswith(
        ("government", "state of", "city of")
    ):
        return True
    return bool(words) and words <= PLACE_WORDS  # a province, state or country alone


@lru_cache(maxsize=16384)
def _title_words(title: str) -> frozenset[str]:
    words = fold(title).split()
    return frozenset(words) | {word.rstrip(".") for word in words}


@lru_cache(maxsize=16384)
def _folded(text: str) -> str:
    return fold(text)


def _matches(org_key: str, keys: Iterable[str]) -> bool:
    return any(org_key == key or org_key.startswith(f"{key} ") for key in keys if key)


def stakeholder_role(
    organization: str | None,
    title: str | None,
    context: StakeholderContext,
    statements: Sequence[str] = (),
) -> StakeholderRole:
    """The person's role for the target, from organization and title (see module docstring);
    `statements` are the sentences the person was found in."""
    org_key = _key(organization)
    org_key = context.expansions.get(org_key, org_key)
    title_text = _folded(title or "")
    title_words = _title_words(title or "")
    if title_words & PRESS_TITLE_CORES:
        return "press"
    if org_key and (org_key in context.media_keys or _words(org_key) & _MEDIA_WORDS):
        return "press"
    if org_key and (
        _matches(org_key, context.target_keys)
        or (context.target_word and org_key.split()[0] == context.target_word)
    ):
        return "target_staff"
    if org_key and _COMMUNITY.search(org_key) and not _is_government(org_key):
        return "community"
    if org_key and _matches(org_key, context.owner_keys):
        return "investor_owner"
    if org_key and _matches(org_key, context.partner_keys):
        return "partner"
    if title_words & (PUBLIC_TITLE_CORES | _PUBLIC_TITLE_WORDS) or (
        org_key and _is_government(org_key)
    ):
        return "government"
    if _COMMUNITY_TITLE.match(title_text):
        return "community"
    if _INVESTOR_TITLE.search(title_text):
        return "investor_owner"
    if not org_key and title_text:
        corporate = _CORPORATE_TITLE.search(title_text) is not None
        if not _CEO_LIKE.search(title_text) and any(
            _PUBLIC_CONTEXT.search(statement) for statement in statements
        ):
            return "government"
        # Only titles no public body or college has ("CEO", "vice president", "spokesperson",
        # "construction manager") make an unplaced person the target's: a bare "President"
        # or "Director" may head a college, a country or an agency.
        return "target_staff" if corporate and _CEO_LIKE.search(title_text) else "other"
    return "other"


def is_buyer(contact: ResolvedContact) -> bool:
    """True for buying-group candidates: target staff and partners (unknown role: legacy)."""
    return contact.stakeholder_role is None or contact.stakeholder_role in BUYER_ROLES


def with_shared_jurisdiction(
    contacts: Sequence[ResolvedContact],
) -> list[ResolvedContact]:
    """Contacts of role `other` at the organization of a government contact become government."""
    public = {
        _key(c.organization)
        for c in contacts
        if c.stakeholder_role == "government" and c.organization
    }
    return [
        c.model_copy(update={"stakeholder_role": "government"})
        if c.stakeholder_role == "other" and c.organization and _key(c.organization) in public
        else c
        for c in contacts
    ]
