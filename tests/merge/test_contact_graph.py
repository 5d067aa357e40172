"""Person records, identifier keys, blocking and unit pairs (engine/merge/contact_graph.py)."""

from __future__ import annotations

import pytest

from engine.merge.contact_graph import (
    NameMatcher,
    matching_forms,
    normalize_email,
    normalize_linkedin,
    person_records,
    unit_pairs,
)
from engine.merge.contact_units import build_units
from engine.merge.contacts import resolve_contacts
from engine.merge.names import parse_person_name
from engine.merge.orgs import organization_families
from engine.models import Claim
from tests.factories import make_claim


@pytest.mark.parametrize(
    "url",
    [
        "https://www.linkedin.com/in/jcarver/",
        "http://linkedin.com/in/JCarver",
        "linkedin.com/in/jcarver?trk=public_profile",
        "https://ca.linkedin.com/in/jcarver#about",
        "  www.linkedin.com/in/jcarver  ",
    ],
)
def test_linkedin_urls_normalize_to_one_key(url: str) -> None:
    assert normalize_linkedin(url) == "linkedin.com/in/jcarver"


def test_empty_identifiers_are_none() -> None:
    assert normalize_linkedin(None) is None
    assert normalize_linkedin(" https:// ") is None
    assert normalize_email("  ") is None
    assert normalize_email("MAILTO:J.Carver@Wyloo.COM ") == "j.carver@wyloo.com"


def _claim(claim_id: str, name: str, organization: str | None, **person: str) -> Claim:
    return make_claim(
        claim_id,
        claim_type="CONTACT",
        person={"name": name, "organization": organization, **person},
    )


def test_records_skip_claims_without_person_and_sort_by_id() -> None:
    claims = [
        _claim("contact_002", "Jim Carver", "Wyloo Metals Ltd"),
        make_claim("search_001"),
        _claim("contact_001", "Dr James Carver", None, linkedin_url="linkedin.com/in/jc/"),
    ]
    records = person_records(claims, organization_families(claims))
    assert [r.claim.claim_id for r in records] == ["contact_001", "contact_002"]
    assert records[0].name.key == "james carver" and records[0].family is None
    assert records[0].linkedin == "linkedin.com/in/jc"
    assert records[1].family == "wyloo metals"


def test_matching_forms_compares_only_within_blocks() -> None:
    forms = [parse_person_name(n) for n in ("James Carver", "Jim Carver", "Mary Walker", "Carver")]
    assert matching_forms(forms, NameMatcher()) == {("james carver", "jim carver")}


def test_unit_pairs_classify_the_evidence() -> None:
    claims = [
        _claim("contact_001", "James Carver", "Acme"),
        _claim("contact_002", "Jim Carver", "Acme", linkedin_url="linkedin.com/in/a"),
        _claim("contact_003", "James Carver", "Beta"),
        _claim("contact_004", "J. Carver", "Beta", linkedin_url="linkedin.com/in/b"),
        _claim("contact_005", "Mary Carver", "Acme"),
    ]
    records = person_records(claims, organization_families(claims))
    matcher = NameMatcher()
    build = build_units(records, [], matcher)
    kinds = {
        (build.units[p.first].claim_ids[0], build.units[p.second].claim_ids[0]): p.kind
        for p in unit_pairs(build.units, build.constraints, matcher)
    }
    assert kinds == {
        ("contact_001", "contact_002"): "compatible",
        ("contact_001", "contact_003"): "other_organization",
        ("contact_001", "contact_004"): "other_organization",
        ("contact_002", "contact_003"): "other_organization",
        ("contact_002", "contact_004"): "kept_apart",
        ("contact_003", "contact_004"): "compatible",
    }


@pytest.mark.parametrize(
    "url",
    [
        "https://m.linkedin.com/in/jürgen-müller",
        "https://uk.linkedin.com/in/j%C3%BCrgen-m%C3%BCller/",
        "https://www.linkedin.com/in/J%C3%BCrgen-M%C3%BCller?trk=x",
        "https://de.linkedin.com/in/jürgen-müller/",
    ],
)
def test_linkedin_subdomains_and_percent_encoding_normalize_to_one_key(url: str) -> None:
    assert normalize_linkedin(url) == "linkedin.com/in/jürgen-müller"


def test_one_profile_behind_two_url_forms_is_not_split() -> None:
    claims = [
        make_claim(
            f"contact_00{number}",
            claim_type="CONTACT",
            person={"name": "Jürgen Müller", "organization": org, "linkedin_url": url},
        )
        for number, org, url in (
            (1, "Acme", "https://m.linkedin.com/in/j%C3%BCrgen-m%C3%BCller"),
            (2, "Beta", "https://de.linkedin.com/in/jürgen-müller/"),
        )
    ]
    outcome = resolve_contacts(claims, [])
    [contact] = outcome.contacts
    assert contact.resolution == "SAME_PERSON"
