"""Clustering units into contacts and the open questions (engine/merge/contact_clusters.py)."""

from __future__ import annotations

from engine.merge.contact_clusters import Clustering, cluster_contacts
from engine.merge.contact_graph import NameMatcher, person_records, unit_pairs
from engine.merge.contact_units import build_units
from engine.merge.orgs import organization_families
from engine.models import Claim
from tests.factories import make_claim


def _cluster(people: list[tuple[str, str | None]]) -> Clustering:
    claims: list[Claim] = [
        make_claim(
            f"contact_{n:03d}",
            claim_type="CONTACT",
            person={"name": name, "organization": organization},
        )
        for n, (name, organization) in enumerate(people, start=1)
    ]
    records = person_records(claims, organization_families(claims))
    matcher = NameMatcher()
    build = build_units(records, [], matcher)
    return cluster_contacts(build, unit_pairs(build.units, build.constraints, matcher), records)


def test_a_clique_of_matching_names_is_one_cluster() -> None:
    found = _cluster([("James Carver", "Acme"), ("Jim Carver", "Acme"), ("J. Carver", "Acme")])
    assert found.clusters == [("contact_001", "contact_002", "contact_003")]
    assert found.questions == []


def test_a_nickname_shared_by_two_names_is_a_bridge() -> None:
    found = _cluster(
        [("Christopher Lee", "Acme"), ("Christine Lee", "Acme"), ("Chris Lee", "Acme")]
    )
    assert found.clusters == [("contact_001",), ("contact_002",), ("contact_003",)]
    (question,) = found.questions
    assert question.kind == "bridge"
    assert question.clusters == (2, 0, 1)


def test_same_name_at_two_organizations_is_a_pair_question() -> None:
    found = _cluster([("Laura Diaz", "Acme"), ("Laura Diaz", "Beta")])
    assert [(q.kind, q.clusters) for q in found.questions] == [("other_organization", (0, 1))]
    assert found.kept_apart == frozenset()


def test_no_organization_between_two_is_a_bridge_plus_the_job_change_question() -> None:
    found = _cluster([("Laura Diaz", "Acme"), ("Laura Diaz", "Beta"), ("Laura Diaz", None)])
    kinds = sorted((q.kind, q.clusters) for q in found.questions)
    assert kinds == [("bridge", (2, 0, 1)), ("other_organization", (0, 1))]


def test_typo_chain_joins_when_ends_are_not_clearly_different() -> None:
    found = _cluster(
        [
            ("Mikhaela Hannagan", "Acme"),
            ("Mikhayla Hannagan", "Acme"),
            ("Mikhaela Hannigan", "Acme"),
        ]
    )
    assert found.clusters == [("contact_001", "contact_002", "contact_003")]
    assert found.questions == []
