"""Clustering contact units into contacts, and the questions the resolver cannot settle.

Units whose names all match and whose organizations agree (same family, or one side without an
organization) are *compatible*. Connected groups of compatible units where every unit is
compatible with every other become one contact. Otherwise the group is resolved greedily, most
specific unit first (full given name > nickname > initial; known organization; a LinkedIn URL
or review; then the best connected): a unit joins a cluster when it is compatible with one of
its units and *tolerates* all the others (names not clearly different — a typo on both names
is tolerated, John/Jane is not — and nothing forbids it). With no such cluster it starts one.
With several, they are merged if they all tolerate each other (a typo chain); otherwise the
unit is a *bridge* ("J. Smith" next to "John Smith" and "Jane Smith", or a name without an
organization next to the same name at two organizations) and stays alone, unsure.

Nothing is split or merged silently. After clustering, each remaining relation is a question
(pair questions that share a cluster are one question over all their clusters, so k namesakes
give one question, not k(k-1)/2):
- bridge: the bridge unit and every cluster it could belong to;
- possibly_same: compatible units that ended in different clusters (e.g. a typo chain);
- other_organization: same name at different organizations (a job change, or namesakes);
- possible_name: given names a typo apart that may be two real names (Maria/Mario);
- shared_identifier: one LinkedIn URL or email on claims whose names do not match.
Pairs kept apart by different LinkedIn URLs or a DIFFERENT_PERSON review are not questions:
both sides are marked `kept_apart` (resolution DIFFERENT_PERSON).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Literal

from engine.merge.contact_graph import NameMatcher, PersonRecord, Unit, UnitPair, units_tolerate
from engine.merge.contact_units import UnitBuild
from engine.merge.names import name_specificity
from engine.merge.orgs import UnionFind

QuestionKind = Literal[
    "bridge", "possibly_same", "other_organization", "possible_name", "shared_identifier"
]


@dataclass(frozen=True)
class Question:
    """An open question over clusters: a bridge and its options, or a pair."""

    kind: QuestionKind
    clusters: tuple[int, ...]


@dataclass(frozen=True)
class Clustering:
    """Claim ids per contact (sorted, contacts ordered by first claim id) and open questions."""

    clusters: list[tuple[str, ...]]
    questions: list[Question]
    kept_apart: frozenset[int]


Tolerates = Callable[[int, int], bool]


def _order_key(
    unit: Unit, degree: int, constrained: bool
) -> tuple[tuple[int, ...], tuple[str, ...], str]:
    """Most specific first (fuller name, known organization, LinkedIn or a review), then most
    connected: a unit that could be several people is placed after those it could be."""
    level, middles, length = max(name_specificity(form) for form in unit.forms)
    known = (int(bool(unit.families)), int(constrained))
    rank = (-level, -known[0], -known[1], -middles, -degree, -len(unit.claim_ids), -length)
    return (rank, tuple(form.key for form in unit.forms), unit.claim_ids[0])


def _cluster_component(
    members: list[int],
    units: Sequence[Unit],
    compatible: dict[int, set[int]],
    tolerates: Tolerates,
    constrained: set[int],
) -> tuple[list[list[int]], set[int]]:
    """Clusters of one connected group of compatible units, and its bridge units."""
    member_set = set(members)
    if all(len(compatible[unit] & member_set) == len(members) - 1 for unit in members):
        return [members], set()
    clusters: list[list[int]] = []
    where: dict[int, int] = {}
    bridges: set[int] = set()
    order = sorted(
        members,
        key=lambda i: _order_key(units[i], len(compatible[i]), i in constrained),
    )
    for unit in order:
        near = compatible[unit]
        candidates = sorted({where[o] for o in near if o in where and o not in bridges})
        fits = [
            c
            for c in candidates
            if all(other in near or tolerates(unit, other) for other in clusters[c])
        ]
        if len(fits) > 1 and _mutually_tolerant([clusters[c] for c in fits], compatible, tolerates):
            for cluster in fits[1:]:
                for other in clusters[cluster]:
                    where[other] = fits[0]
                clusters[fits[0]].extend(clusters[cluster])
                clusters[cluster] = []
            fits = fits[:1]
        if len(fits) == 1:
            clusters[fits[0]].append(unit)
            where[unit] = fits[0]
            continue
        where[unit] = len(clusters)
        clusters.append([unit])
        if len(fits) > 1:
            bridges.add(unit)
    return [cluster for cluster in clusters if cluster], bridges


def _mutually_tolerant(
    groups: list[list[int]], compatible: dict[int, set[int]], tolerates: Tolerates
) -> bool:
    """True when every unit of each group may be one person with every unit of the others."""
    return all(
        other in compatible[unit] or tolerates(unit, other)
        for position, group in enumerate(groups)
        for later in groups[position + 1 :]
        for unit in group
        for other in later
    )


def _group_units(
    units: Sequence[Unit], pairs: Sequence[UnitPair], tolerates: Tolerates, constrained: set[int]
) -> tuple[list[list[int]], set[int]]:
    compatible: dict[int, set[int]] = {unit.index: set() for unit in units}
    sets: UnionFind[int] = UnionFind(unit.index for unit in units)
    for pair in pairs:
        if pair.kind == "compatible":
            compatible[pair.first].add(pair.second)
            compatible[pair.second].add(pair.first)
            sets.union(pair.first, pair.second)
    clusters: list[list[int]] = []
    bridges: set[int] = set()
    for members in sets.groups().values():
        found, found_bridges = _cluster_component(
            sorted(members), units, compatible, tolerates, constrained
        )
        clusters.extend(found)
        bridges |= found_bridges
    return clusters, bridges


def cluster_contacts(
    build: UnitBuild, pairs: Sequence[UnitPair], records: Sequence[PersonRecord]
) -> Clustering:
    """Cluster units into contacts and list the questions left open (see module docstring)."""
    units = build.units
    matcher = NameMatcher()

    def tolerates(first: int, second: int) -> bool:
        return units_tolerate(units[first], units[second], build.constraints, matcher)

    cannot = build.constraints.cannot
    constrained = {
        unit.index
        for unit in units
        if unit.linkedins or any(claim_id in cannot for claim_id in unit.claim_ids)
    }
    unit_clusters, bridges = _group_units(units, pairs, tolerates, constrained)
    claim_clusters = sorted(
        (tuple(sorted(c for unit in group for c in units[unit].claim_ids)), tuple(group))
        for group in unit_clusters
    )
    clusters = [claim_ids for claim_ids, _ in claim_clusters]
    cluster_of_unit = {
        unit: index for index, (_, group) in enumerate(claim_clusters) for unit in group
    }
    questions: dict[tuple[int, ...], QuestionKind] = {}
    options: dict[int, set[int]] = {}
    kept_apart: set[int] = set()
    for pair in pairs:
        first, second = cluster_of_unit[pair.first], cluster_of_unit[pair.second]
        if first == second:
            continue
        if pair.kind == "kept_apart":
            kept_apart |= {first, second}
        elif pair.first in bridges or pair.second in bridges:
            if pair.first in bridges:
                options.setdefault(first, set()).add(second)
            if pair.second in bridges:
                options.setdefault(second, set()).add(first)
        else:
            key = (min(first, second), max(first, second))
            if questions.get(key) != "possibly_same":
                questions[key] = "possibly_same" if pair.kind == "compatible" else pair.kind
    _identifier_questions(build, records, clusters, cluster_of_unit, questions, kept_apart)
    for review in build.applied_reviews:
        if review.decision == "DIFFERENT_PERSON":
            kept_apart |= {cluster_of_unit[build.unit_of_claim[c]] for c in review.claim_ids}
    found = _grouped(questions)
    found += [Question("bridge", (bridge, *sorted(near))) for bridge, near in options.items()]
    return Clustering(clusters, sorted(found, key=lambda q: q.clusters), frozenset(kept_apart))


def _grouped(questions: dict[tuple[int, ...], QuestionKind]) -> list[Question]:
    """One question per connected group of questioned clusters (not one per pair).

    A group of two keeps its pair's kind; a larger group keeps the kind its pairs share, else
    is possibly_same.
    """
    sets: UnionFind[int] = UnionFind(index for pair in questions for index in pair)
    for first, second in questions:
        sets.union(first, second)
    kinds: dict[int, set[QuestionKind]] = {}
    for pair, kind in questions.items():
        kinds.setdefault(sets.find(pair[0]), set()).add(kind)
    grouped: list[Question] = []
    for root, members in sets.groups().items():
        kind = next(iter(kinds[root])) if len(kinds[root]) == 1 else "possibly_same"
        grouped.append(Question(kind, tuple(sorted(members))))
    return grouped


def _identifier_questions(
    build: UnitBuild,
    records: Sequence[PersonRecord],
    clusters: list[tuple[str, ...]],
    cluster_of_unit: dict[int, int],
    questions: dict[tuple[int, ...], QuestionKind],
    kept_apart: set[int],
) -> None:
    """Clusters that share a LinkedIn URL or email yet stayed apart: a question or kept apart."""
    holders: dict[str, set[int]] = {}
    linkedins: dict[int, set[str]] = {}
    for record in records:
        cluster = cluster_of_unit[build.unit_of_claim[record.claim.claim_id]]
        if record.linkedin:
            holders.setdefault(f"linkedin:{record.linkedin}", set()).add(cluster)
            linkedins.setdefault(cluster, set()).add(record.linkedin)
        if record.email:
            holders.setdefault(f"email:{record.email}", set()).add(cluster)
    for shared in holders.values():
        for first, second in combinations(sorted(shared), 2):
            if build.constraints.blocked(
                clusters[first],
                set(clusters[second]),
                linkedins.get(first, set()),
                linkedins.get(second, set()),
            ):
                kept_apart |= {first, second}
            else:
                questions.setdefault((first, second), "shared_identifier")
