"""The graph contact resolution works on: person records, units and matching unit pairs.

A *record* is one claim with a person: parsed name, organization family, LinkedIn and email keys.
A *unit* is a set of records that must be one person: joined by SAME_PERSON reviews, by a shared
LinkedIn URL or email when the names match, and by an identical name at the same organization
(family) — each join refused when it would put two different LinkedIn URLs or two claims of a
DIFFERENT_PERSON review together (reviews may override LinkedIn; nothing overrides a
DIFFERENT_PERSON review).

Unit pairs are found by blocking: names are compared only when they share a blocking key
(`names.blocking_keys`), never all against all. A pair is kept when every name of one unit matches
every name of the other, and classified as compatible, at another organization, or kept apart;
a pair whose names only possibly match (a typo between two real names: Maria/Mario) is a
`possible_name` pair, a question rather than a match.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal
from urllib.parse import unquote

from engine.merge.names import (
    NameMatch,
    PersonName,
    blocking_keys,
    match_names,
    parse_person_name,
)
from engine.merge.orgs import OrganizationFamilies
from engine.models import Claim, Person

PairKind = Literal["compatible", "other_organization", "possible_name", "kept_apart"]


@dataclass(frozen=True, slots=True)
class PersonRecord:
    """One claim about a person, with the keys resolution compares."""

    claim: Claim
    person: Person
    name: PersonName
    family: str | None
    linkedin: str | None
    email: str | None


@dataclass(frozen=True, slots=True)
class Unit:
    """Records that are certainly one person; `index` is its place in a sorted unit list."""

    index: int
    claim_ids: tuple[str, ...]
    forms: tuple[PersonName, ...]
    families: frozenset[str]
    linkedins: frozenset[str]


@dataclass(frozen=True, slots=True)
class UnitPair:
    """Two units whose names all match, and how their evidence relates them."""

    first: int
    second: int
    kind: PairKind


def normalize_linkedin(url: str | None) -> str | None:
    """Key for a LinkedIn URL: no scheme, subdomain, query, fragment, trailing slash; decoded."""
    if url is None:
        return None
    key = url.strip()
    for scheme in ("https://", "http://"):
        if key.lower().startswith(scheme):
            key = key[len(scheme) :]
    key = key.split("?", 1)[0].split("#", 1)[0]
    host, slash, path = key.partition("/")
    host = host.lower().removeprefix("www.")
    if host.endswith(".linkedin.com"):
        host = "linkedin.com"
    key = (host + slash + unquote(path)).lower().rstrip("/")
    return key or None


def normalize_email(email: str | None) -> str | None:
    """Key for an email address: trimmed, lower-cased, without a mailto: prefix."""
    if email is None:
        return None
    key = email.strip().lower().removeprefix("mailto:")
    return key or None


def person_records(claims: Iterable[Claim], families: OrganizationFamilies) -> list[PersonRecord]:
    """One record per claim that has a person, sorted by claim id."""
    records = [
        PersonRecord(
            claim=claim,
            person=person,
            name=parse_person_name(person.name),
            family=families.family_of(person.organization),
            linkedin=normalize_linkedin(person.linkedin_url),
            email=normalize_email(person.email),
        )
        for claim in claims
        if (person := claim.person) is not None
    ]
    return sorted(records, key=lambda record: record.claim.claim_id)


class Constraints:
    """Cannot-links: claims of one DIFFERENT_PERSON review, and different LinkedIn URLs."""

    def __init__(self) -> None:
        self.cannot: dict[str, set[str]] = {}

    def forbid(self, claim_ids: Sequence[str]) -> None:
        """No two of these claims may be evidence of one contact (a DIFFERENT_PERSON review)."""
        for claim_id in claim_ids:
            self.cannot.setdefault(claim_id, set()).update(c for c in claim_ids if c != claim_id)

    def reviews_forbid(self, first: Iterable[str], second: frozenset[str] | set[str]) -> bool:
        """True when a DIFFERENT_PERSON review separates a claim of `first` from one of `second`."""
        if not self.cannot:
            return False
        return any(not self.cannot.get(claim_id, set()).isdisjoint(second) for claim_id in first)

    def blocked(
        self,
        first: Iterable[str],
        second: frozenset[str] | set[str],
        first_linkedins: frozenset[str] | set[str],
        second_linkedins: frozenset[str] | set[str],
    ) -> bool:
        """True when two groups of claims may not be one person (review or LinkedIn evidence)."""
        if first_linkedins and second_linkedins and first_linkedins.isdisjoint(second_linkedins):
            return True
        return self.reviews_forbid(first, second)


class NameMatcher:
    """`match_names` over parsed names, memoized by name key (names repeat a lot).

    A "possible" match (Maria/Mario) is not a match: `possible` tells it apart from no match.
    """

    def __init__(self) -> None:
        self._cache: dict[tuple[str, str, bool], NameMatch | None] = {}

    def kind(
        self, first: PersonName, second: PersonName, *, strict: bool = True
    ) -> NameMatch | None:
        """How the two names match (`match_names`), memoized."""
        if first.key == second.key:
            return "exact"
        low, high = (first.key, second.key) if first.key < second.key else (second.key, first.key)
        key = (low, high, strict)
        if key not in self._cache:
            self._cache[key] = match_names(first, second, strict=strict)
        return self._cache[key]

    def __call__(self, first: PersonName, second: PersonName, *, strict: bool = True) -> bool:
        """True when the two names match (strict=False: are not clearly different)."""
        return self.kind(first, second, strict=strict) not in (None, "possible")

    def possible(self, first: PersonName, second: PersonName) -> bool:
        """True when the names match or only possibly match (a typo between two real names)."""
        return self.kind(first, second) is not None

    def all_match(
        self, first: Sequence[PersonName], second: Sequence[PersonName], *, strict: bool = True
    ) -> bool:
        """True when every name of `first` matches every name of `second`."""
        return all(self(one, other, strict=strict) for one in first for other in second)

    def all_possible(self, first: Sequence[PersonName], second: Sequence[PersonName]) -> bool:
        """True when every name of `first` matches or possibly matches every name of `second`."""
        return all(self.possible(one, other) for one in first for other in second)


def matching_forms(forms: Sequence[PersonName], matcher: NameMatcher) -> set[tuple[str, str]]:
    """Pairs of distinct name keys that match or possibly match, compared within blocking keys."""
    blocks: dict[str, list[PersonName]] = {}
    for form in forms:
        for key in blocking_keys(form):
            blocks.setdefault(key, []).append(form)
    compared: set[tuple[str, str]] = set()
    matches: set[tuple[str, str]] = set()
    for members in blocks.values():
        for position, first in enumerate(members):
            for second in members[position + 1 :]:
                pair = (first.key, second.key)
                if pair[1] < pair[0]:
                    pair = (pair[1], pair[0])
                if pair in compared:
                    continue
                compared.add(pair)
                if matcher.possible(first, second):
                    matches.add(pair)
    return matches


def unit_pairs(
    units: Sequence[Unit], constraints: Constraints, matcher: NameMatcher
) -> list[UnitPair]:
    """Every pair of units whose names all match (or possibly match), with how they relate."""
    units_by_form: dict[str, list[int]] = {}
    forms: dict[str, PersonName] = {}
    for unit in units:
        for form in unit.forms:
            forms[form.key] = form
            units_by_form.setdefault(form.key, []).append(unit.index)
    candidates: set[tuple[int, int]] = set()
    links = matching_forms(sorted(forms.values(), key=lambda form: form.key), matcher)
    links.update((key, key) for key in units_by_form)
    for first_key, second_key in links:
        for one in units_by_form[first_key]:
            for other in units_by_form[second_key]:
                if one != other:
                    candidates.add((min(one, other), max(one, other)))
    pairs: list[UnitPair] = []
    for first_index, second_index in sorted(candidates):
        first, second = units[first_index], units[second_index]
        if matcher.all_match(first.forms, second.forms):
            kind = _pair_kind(first, second, constraints)
        elif matcher.all_possible(first.forms, second.forms):
            kind = _pair_kind(first, second, constraints, possible=True)
        else:
            continue
        pairs.append(UnitPair(first_index, second_index, kind))
    return pairs


def _pair_kind(
    first: Unit, second: Unit, constraints: Constraints, *, possible: bool = False
) -> PairKind:
    if constraints.blocked(
        first.claim_ids, frozenset(second.claim_ids), first.linkedins, second.linkedins
    ):
        return "kept_apart"
    if possible:
        return "possible_name"
    if first.families and second.families and first.families.isdisjoint(second.families):
        return "other_organization"
    return "compatible"


def units_tolerate(
    first: Unit, second: Unit, constraints: Constraints, matcher: NameMatcher
) -> bool:
    """True when two units may be one person: names not clearly different, nothing forbids it."""
    return matcher.all_match(first.forms, second.forms, strict=False) and (
        _pair_kind(first, second, constraints) == "compatible"
    )
