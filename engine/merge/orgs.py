"""Organization families for contact resolution, and the union-find the merge clusters with.

A person at a subsidiary works for the group too: two organizations are one employer when their
`normalize_organization` keys are equal or when parent/subsidiary links connect them. Links
come from any claim (RELATIONSHIP, ENTITY, ATTRIBUTE, ...) whose attribute is `parent_company`
(subject = child, value = parent) or `subsidiary` (subject = parent, value = child); a family
is a connected component of those links, named by its smallest key so the name is independent
of claim order. Relationships stated only in prose (no attribute) are not read.

One organization written several ways is one employer too (`alias_links`): a short name and a
longer one that starts with it ("Acme" / "Acme Mining"); any name starting with the target's
distinctive first word ("Wyloo" / "Wyloo Ring of Fire" for target "Wyloo Metals"); a bare
jurisdiction word and the only name ending in it ("the County" / "Pine County"); an acronym and
the only name with those initials ("IAAC" / "Impact Assessment Agency of Canada"). Generic first
words (places, "First", "National" ...) link nothing.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Generic, TypeVar

from engine.claims.lexicon import COMMON_WORDS, JURISDICTION_WORDS, PLACE_WORDS
from engine.merge.text import normalize_organization
from engine.models import Claim

FAMILY_ATTRIBUTES: frozenset[str] = frozenset({"parent_company", "subsidiary"})

Item = TypeVar("Item", bound=Hashable)


class UnionFind(Generic[Item]):
    """Disjoint sets with path halving; `groups` lists members per root."""

    def __init__(self, items: Iterable[Item] = ()) -> None:
        self._parent: dict[Item, Item] = {}
        for item in items:
            self._parent.setdefault(item, item)

    def find(self, item: Item) -> Item:
        """The root of the set holding `item` (added on first sight)."""
        self._parent.setdefault(item, item)
        while True:
            parent = self._parent[item]
            if parent == item:
                return item
            grandparent = self._parent[parent]
            self._parent[item] = grandparent
            item = grandparent

    def union(self, first: Item, second: Item) -> Item:
        """Join the sets of two items; returns the new root."""
        root_first, root_second = self.find(first), self.find(second)
        if root_first != root_second:
            self._parent[root_second] = root_first
        return root_first

    def connected(self, first: Item, second: Item) -> bool:
        """True when two items are in one set."""
        return self.find(first) == self.find(second)

    def groups(self) -> dict[Item, list[Item]]:
        """Members of every set, keyed by root, in insertion order."""
        result: dict[Item, list[Item]] = {}
        for item in list(self._parent):
            result.setdefault(self.find(item), []).append(item)
        return result


@lru_cache(maxsize=65536)
def organization_key(name: str) -> str:
    """`normalize_organization`, cached: organizations repeat across many claims."""
    return normalize_organization(name)


_organization_key = organization_key


@dataclass(frozen=True)
class OrganizationFamilies:
    """Which organization keys belong to one parent/subsidiary family."""

    family_by_key: Mapping[str, str] = field(default_factory=dict)

    def family_of(self, organization: str | None) -> str | None:
        """The family key of an organization name; None when there is no organization."""
        if organization is None:
            return None
        key = _organization_key(organization)
        if not key:
            return None
        return self.family_by_key.get(key, key)


def family_links(claims: Iterable[Claim]) -> list[tuple[str, str]]:
    """(parent key, child key) pairs stated by parent_company / subsidiary claims."""
    links: list[tuple[str, str]] = []
    for claim in claims:
        if claim.attribute not in FAMILY_ATTRIBUTES or not claim.subject or not claim.value:
            continue
        subject = normalize_organization(claim.subject)
        value = normalize_organization(claim.value)
        if not subject or not value or subject == value:
            continue
        if claim.attribute == "parent_company":
            links.append((value, subject))
        else:
            links.append((subject, value))
    return links


_GENERIC_FIRST_WORDS: frozenset[str] = (
    COMMON_WORDS
    | PLACE_WORDS
    | frozenset(
        """first national international global united royal general american canadian
        australian british american federal provincial public""".split()
    )
)
_ACRONYM_SKIP = frozenset("of the and for de du des & on in".split())


def _initials(key: str) -> str:
    return "".join(word[0] for word in key.split() if word not in _ACRONYM_SKIP)


def distinctive_word(name: str) -> str:
    """The first word of an organization's key, or '' when it is generic ('First', a place)."""
    key = _organization_key(name)
    first = key.split()[0] if key else ""
    return "" if first in _GENERIC_FIRST_WORDS else first


def is_acronym(name: str) -> bool:
    """True for a name written as capital initials: 'IAAC', 'U.S.E.P.A.'."""
    letters = name.replace(".", "").strip()
    return 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()


def alias_links(
    names: Iterable[str], target: str | None = None, long_names: Iterable[str] = ()
) -> list[tuple[str, str]]:
    """Pairs of organization keys that are one organization written two ways (see module doc).

    `long_names` are more organization names (e.g. from claim entities) an acronym may stand for.
    """
    written = sorted({name for name in names if name.strip()})
    keys = sorted({key for key in map(_organization_key, written) if key})
    target_key = _organization_key(target) if target else ""
    links: list[tuple[str, str]] = []
    by_prefix: dict[str, list[str]] = {}
    for key in keys:
        words = key.split()
        for end in range(1, len(words)):
            by_prefix.setdefault(" ".join(words[:end]), []).append(key)
    distinctive = distinctive_word(target) if target else ""
    for key in keys:
        words = key.split()
        if distinctive and words[0] == distinctive and key != target_key:
            links.append((target_key, key))
        if words[0] not in _GENERIC_FIRST_WORDS:
            links.extend((key, longer) for longer in by_prefix.get(key, ()))
        if len(words) == 1 and words[0] in JURISDICTION_WORDS:
            ending = [k for k in keys if len(k.split()) > 1 and k.split()[-1] == words[0]]
            if len(ending) == 1:
                links.append((ending[0], key))
    expansions = sorted({k for k in map(_organization_key, long_names) if k} | set(keys))
    for name in filter(is_acronym, written):
        letters = name.replace(".", "").strip()
        if letters:
            found = [
                k for k in expansions if len(k.split()) > 1 and _initials(k) == letters.lower()
            ]
            if len(found) == 1:
                links.append((found[0], _organization_key(name)))
    return links


def organization_families(
    claims: Iterable[Claim], target: str | None = None
) -> OrganizationFamilies:
    """Group organizations into families from the parent/subsidiary claims among `claims`,
    and (given the target) the aliases among the organizations of people (`alias_links`)."""
    claims = list(claims)
    sets: UnionFind[str] = UnionFind()
    for parent, child in family_links(claims):
        sets.union(parent, child)
    if target is not None:
        organizations = [
            c.person.organization for c in claims if c.person and c.person.organization
        ]
        entities = (
            [entity for c in claims if c.person is None for entity in c.entities]
            if any(is_acronym(name) for name in organizations)
            else []
        )
        for first, second in alias_links(organizations, target, entities):
            sets.union(first, second)
    family_by_key: dict[str, str] = {}
    for members in sets.groups().values():
        label = min(members)
        for member in members:
            family_by_key[member] = label
    return OrganizationFamilies(family_by_key)
