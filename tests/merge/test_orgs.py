"""Organization families and the union-find (engine/merge/orgs.py)."""

from __future__ import annotations

from engine.merge.orgs import UnionFind, family_links, organization_families
from tests.factories import make_claim


def test_union_find_groups_connected_items() -> None:
    sets: UnionFind[str] = UnionFind(["a", "b", "c", "d"])
    sets.union("a", "b")
    sets.union("c", "b")
    assert sets.connected("a", "c")
    assert not sets.connected("a", "d")
    groups = sorted(sorted(members) for members in sets.groups().values())
    assert groups == [["a", "b", "c"], ["d"]]


def test_links_read_both_directions() -> None:
    claims = [
        make_claim(
            "entity_001",
            subject="Wyloo Metals Pty Ltd",
            attribute="parent_company",
            value="Tattarang",
        ),
        make_claim(
            "entity_002",
            claim_type="RELATIONSHIP",
            subject="Tattarang",
            attribute="subsidiary",
            value="Squadron Energy",
        ),
        make_claim("entity_003", subject="Tattarang", attribute="partner", value="Acme"),
    ]
    assert family_links(claims) == [("tattarang", "wyloo metals"), ("tattarang", "squadron energy")]


def test_family_is_the_connected_component() -> None:
    claims = [
        make_claim(
            "entity_001", subject="Wyloo Metals", attribute="parent_company", value="Tattarang"
        ),
        make_claim(
            "entity_002", subject="Tattarang Pty Ltd", attribute="subsidiary", value="Squadron"
        ),
    ]
    families = organization_families(claims)
    family = families.family_of("Squadron Ltd")
    assert family == families.family_of("Wyloo Metals Pty Ltd") == families.family_of("TATTARANG")
    assert families.family_of("Acme Corp") == "acme"
    assert families.family_of(None) is None
    assert families.family_of("  ") is None


def test_family_name_does_not_depend_on_claim_order() -> None:
    claims = [
        make_claim("entity_001", subject="B", attribute="parent_company", value="C"),
        make_claim("entity_002", subject="A", attribute="subsidiary", value="B"),
    ]
    forward = organization_families(claims)
    backward = organization_families(list(reversed(claims)))
    assert forward.family_by_key == backward.family_by_key
    assert forward.family_of("C") == "a"


def test_alias_links_short_long_target_jurisdiction_and_acronym() -> None:
    from engine.merge.orgs import alias_links

    links = set(
        alias_links(
            ["Acme", "Acme Mining", "Tamarack Ring", "Pine County", "County", "FRB"],
            "Tamarack Metals",
            ["Federal Review Board"],
        )
    )
    assert ("acme", "acme mining") in links
    assert ("tamarack metals", "tamarack ring") in links
    assert ("pine county", "county") in links
    assert ("federal review board", "frb") in links
    # generic first words link nothing
    assert alias_links(["First Quantum", "First Nation"], None) == []
    assert alias_links(["Ontario", "Ontario Power"], None) == []
