"""Organization families for contact resolution, and the union-find the merge clusters with.

A person at a subsidiary works for the group too: two organizations are one employer when their
`normalize_organization` keys are equal or when parent/subsidiary links connect them. Links
come from any claim (RELATIONSHIP, ENTITY, ATTRIBUTE, ...) whose attribute is `parent_company`
(subject = child, value = parent) or `subsidiary` (subject = parent, value = child); a family
is a connected component of those links, named by its smallest key so the name is independent
of claim order. Relationships stated only in prose (no attribute) are not read.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Generic, TypeVar

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
def _organization_key(name: str) -> str:
    return normalize_organization(name)


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


def organization_families(claims: Iterable[Claim]) -> OrganizationFamilies:
    """Group organizations into families from the parent/subsidiary claims among `claims`."""
    sets: UnionFind[str] = UnionFind()
    for parent, child in family_links(claims):
        sets.union(parent, child)
    family_by_key: dict[str, str] = {}
    for members in sets.groups().values():
        label = min(members)
        for member in members:
            family_by_key[member] = label
    return OrganizationFamilies(family_by_key)
