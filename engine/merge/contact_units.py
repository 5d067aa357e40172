"""Units for contact resolution: the groups of person claims that must be one contact.

Joins, in this order, each refused if it would break a cannot-link:
1. Person reviews, latest first (by decided_at, undated oldest, then review id): a SAME_PERSON
   review makes all its claims one unit, a DIFFERENT_PERSON review forbids any two of its claims
   in one contact. An older review that contradicts newer ones is not applied. A SAME_PERSON
   review may join two different LinkedIn URLs (the analyst decided).
2. A shared LinkedIn URL, then a shared email: claims whose names all match each other become
   one unit; a name that fits two groups that do not match ("J. Smith" with "John" and "Jane")
   joins neither, and names that match nothing else are left to the analyst
   (`contact_clusters` turns every split identifier into a question).
3. An identical normalized name (spaces ignored: "Anne-Marie"/"Anne Marie") at the same
   organization family (or both without one).
A group that would hold two LinkedIn URLs or break a DIFFERENT_PERSON review is not joined;
only its claims free of such constraints are, and which person each constrained claim is
stays an open question rather than an accident of join order.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from engine.merge.contact_graph import (
    Constraints,
    NameMatcher,
    PersonRecord,
    Unit,
    matching_forms,
)
from engine.merge.names import PersonName, name_specificity
from engine.merge.orgs import UnionFind
from engine.models import Review
from engine.models.reviews import review_order


@dataclass(frozen=True)
class UnitBuild:
    """Units in a deterministic order, and the reviews that were applied."""

    units: list[Unit]
    unit_of_claim: dict[str, int]
    constraints: Constraints
    applied_reviews: list[Review]


class _Groups:
    """Union-find over claim ids that tracks each set's members and LinkedIn keys."""

    def __init__(self, records: Sequence[PersonRecord], constraints: Constraints) -> None:
        self.sets: UnionFind[str] = UnionFind(record.claim.claim_id for record in records)
        self.members: dict[str, set[str]] = {r.claim.claim_id: {r.claim.claim_id} for r in records}
        self.linkedins: dict[str, set[str]] = {
            r.claim.claim_id: {r.linkedin} if r.linkedin else set() for r in records
        }
        self.forms: dict[str, dict[str, PersonName]] = {
            r.claim.claim_id: {r.name.key: r.name} for r in records
        }
        self.constraints = constraints

    def can_join(self, claim_ids: Sequence[str], *, check_linkedin: bool = True) -> bool:
        """True when the sets of these claims may become one."""
        roots = sorted({self.sets.find(claim_id) for claim_id in claim_ids})
        if self.constraints.cannot:
            members: set[str] = set().union(*(self.members[root] for root in roots))
            if self.constraints.reviews_forbid(members, members):
                return False
        if not check_linkedin:
            return True
        keys = [self.linkedins[root] for root in roots if self.linkedins[root]]
        return all(
            not first.isdisjoint(second)
            for position, first in enumerate(keys)
            for second in keys[position + 1 :]
        )

    def join(self, claim_ids: Sequence[str]) -> None:
        """Make the sets of these claims one."""
        roots = sorted({self.sets.find(claim_id) for claim_id in claim_ids})
        for root in roots[1:]:
            new_root = self.sets.union(roots[0], root)
            old_root = root if new_root == roots[0] else roots[0]
            self.members[new_root] |= self.members.pop(old_root)
            self.linkedins[new_root] |= self.linkedins.pop(old_root)
            self.forms[new_root].update(self.forms.pop(old_root))
            roots[0] = new_root

    def forms_of(self, claim_id: str) -> dict[str, PersonName]:
        """The name forms in the claim's set, by key."""
        return self.forms[self.sets.find(claim_id)]

    def specificity(self, claim_id: str) -> tuple[int, int, int]:
        """The fullest name specificity in the claim's set."""
        forms = self.forms[self.sets.find(claim_id)].values()
        return max(name_specificity(form) for form in forms)

    def name_key(self, claim_id: str) -> str:
        """The smallest name key in the claim's set (a stable tie-break)."""
        return min(self.forms[self.sets.find(claim_id)])

    def names_agree(self, first: str, second: str, matcher: NameMatcher) -> bool:
        """True when every name in the set of `first` matches every name in that of `second`."""
        one = list(self.forms[self.sets.find(first)].values())
        other = list(self.forms[self.sets.find(second)].values())
        return matcher.all_match(one, other)

    def is_free(self, claim_id: str) -> bool:
        """True when the claim's set has no LinkedIn key and no DIFFERENT_PERSON review."""
        root = self.sets.find(claim_id)
        if self.linkedins[root]:
            return False
        cannot = self.constraints.cannot
        return not cannot or not any(member in cannot for member in self.members[root])


def _join_matching(
    groups: _Groups,
    records: Sequence[PersonRecord],
    matcher: NameMatcher,
    key_of: Callable[[PersonRecord], str | None],
) -> None:
    """Join records that share an identifier key when all names on both sides match."""
    by_key: dict[str, list[PersonRecord]] = {}
    for record in records:
        key = key_of(record)
        if key:
            by_key.setdefault(key, []).append(record)
    for key in sorted(by_key):
        by_form: dict[str, list[str]] = {}
        for record in by_key[key]:
            by_form.setdefault(record.name.key, []).append(record.claim.claim_id)
        for claim_ids in by_form.values():
            _join_when_allowed(groups, claim_ids)
        _join_agreeing_names(groups, [by_form[form][0] for form in by_form], matcher)


def _join_agreeing_names(groups: _Groups, heads: list[str], matcher: NameMatcher) -> None:
    """Join claims (one per name) that share an identifier into groups of agreeing names.

    Fullest name first, each joins the one group whose names all match its own; a name that
    fits none starts a group, and one that fits several ("J. Smith" with "John" and "Jane")
    joins none.
    """
    order = sorted(heads, key=lambda c: (_negated(groups.specificity(c)), groups.name_key(c)))
    forms = {key: form for head in heads for key, form in groups.forms_of(head).items()}
    near: dict[str, set[str]] = {key: {key} for key in forms}
    for first, second in matching_forms(sorted(forms.values(), key=lambda f: f.key), matcher):
        near[first].add(second)
        near[second].add(first)
    chosen: list[list[str]] = []
    chosen_by_form: dict[str, set[int]] = {}
    for head in order:
        head_forms = groups.forms_of(head)
        candidates = sorted(
            {
                index
                for key in head_forms
                for other in near[key]
                for index in chosen_by_form.get(other, ())
            }
        )
        fits = [
            index
            for index in candidates
            if all(groups.names_agree(head, other, matcher) for other in chosen[index])
        ]
        if len(fits) == 1:
            chosen[fits[0]].append(head)
            target = fits[0]
        elif not fits:
            target = len(chosen)
            chosen.append([head])
        else:
            continue
        for key in head_forms:
            chosen_by_form.setdefault(key, set()).add(target)
    for group in chosen:
        _join_when_allowed(groups, group)


def _join_when_allowed(groups: _Groups, claim_ids: Sequence[str]) -> None:
    """Join all these claims if allowed; else join only those free of constraints.

    The constrained rest stay apart, so that which of them a free claim belongs with is
    decided in the open rather than by join order.
    """
    if len(claim_ids) < 2:
        return
    if groups.can_join(claim_ids):
        groups.join(claim_ids)
        return
    free = [claim_id for claim_id in claim_ids if groups.is_free(claim_id)]
    if len(free) > 1:
        groups.join(free)


def _negated(values: tuple[int, ...]) -> tuple[int, ...]:
    return tuple(-value for value in values)


def _apply_reviews(groups: _Groups, reviews: Sequence[Review], present: set[str]) -> list[Review]:
    """Apply person reviews latest first; an older one applies only if the newer allow it.

    A review that names claims no longer present applies to those still present when at least
    two remain; the applied review is returned narrowed to them.
    """
    applied: list[Review] = []
    usable = [
        review.model_copy(update={"claim_ids": kept})
        for review in reviews
        if review.decision in ("SAME_PERSON", "DIFFERENT_PERSON")
        and len(kept := sorted(set(review.claim_ids) & present)) >= 2
    ]
    for review in sorted(usable, key=review_order, reverse=True):
        claim_ids = review.claim_ids
        if review.decision == "SAME_PERSON":
            if groups.can_join(claim_ids, check_linkedin=False):
                groups.join(claim_ids)
                applied.append(review)
        elif len({groups.sets.find(claim_id) for claim_id in claim_ids}) == len(claim_ids):
            groups.constraints.forbid(claim_ids)
            applied.append(review)
    return sorted(applied, key=lambda review: review.review_id)


def build_units(
    records: Sequence[PersonRecord], reviews: Sequence[Review], matcher: NameMatcher
) -> UnitBuild:
    """Group records into units (see module docstring); reviews apply to the claims present."""
    constraints = Constraints()
    groups = _Groups(records, constraints)
    applied = _apply_reviews(groups, reviews, {record.claim.claim_id for record in records})
    _join_matching(groups, records, matcher, lambda record: record.linkedin)
    _join_matching(groups, records, matcher, lambda record: record.email)
    atoms: dict[tuple[str, str], list[str]] = {}
    for record in records:
        atom = (record.name.compact, record.family or "")
        atoms.setdefault(atom, []).append(record.claim.claim_id)
    for claim_ids in atoms.values():
        _join_when_allowed(groups, claim_ids)
    return _units(records, groups, constraints, applied)


def _units(
    records: Sequence[PersonRecord],
    groups: _Groups,
    constraints: Constraints,
    applied: list[Review],
) -> UnitBuild:
    by_claim = {record.claim.claim_id: record for record in records}
    member_lists = sorted(sorted(members) for members in groups.members.values())
    units: list[Unit] = []
    unit_of_claim: dict[str, int] = {}
    for index, claim_ids in enumerate(member_lists):
        held = [by_claim[claim_id] for claim_id in claim_ids]
        forms = {record.name.key: record.name for record in held}
        units.append(
            Unit(
                index=index,
                claim_ids=tuple(claim_ids),
                forms=tuple(forms[key] for key in sorted(forms)),
                families=frozenset(record.family for record in held if record.family),
                linkedins=frozenset(record.linkedin for record in held if record.linkedin),
            )
        )
        unit_of_claim.update((claim_id, index) for claim_id in claim_ids)
    return UnitBuild(units, unit_of_claim, constraints, applied)
