"""Units: claims that must be one person (engine/merge/contact_units.py)."""

from __future__ import annotations

from datetime import datetime

from engine.merge.contact_graph import NameMatcher, person_records
from engine.merge.contact_units import UnitBuild, build_units
from engine.merge.orgs import organization_families
from engine.models import Claim, Review
from tests.factories import make_claim


def _claim(claim_id: str, name: str, organization: str | None = "Acme", **person: str) -> Claim:
    return make_claim(
        claim_id,
        claim_type="CONTACT",
        person={"name": name, "organization": organization, **person},
    )


def _build(claims: list[Claim], reviews: list[Review] | None = None) -> UnitBuild:
    records = person_records(claims, organization_families(claims))
    return build_units(records, reviews or [], NameMatcher())


def _groups(build: UnitBuild) -> list[tuple[str, ...]]:
    return [unit.claim_ids for unit in build.units]


def test_same_name_same_organization_is_one_unit() -> None:
    claims = [
        _claim("contact_001", "James Carver"),
        _claim("contact_002", "Dr. James Carver", "Acme Inc"),
        _claim("contact_003", "James Carver", None),
        _claim("contact_004", "Jim Carver"),
    ]
    assert _groups(_build(claims)) == [
        ("contact_001", "contact_002"),
        ("contact_003",),
        ("contact_004",),
    ]


def test_shared_identifier_joins_matching_names_only() -> None:
    claims = [
        _claim("contact_001", "Robert Chen", "Acme", email="r@x.com"),
        _claim("contact_002", "Bob Chen", "Beta", email="R@X.com"),
        _claim("contact_003", "Laura Diaz", "Beta", email="r@x.com"),
    ]
    assert _groups(_build(claims)) == [("contact_001", "contact_002"), ("contact_003",)]


def test_shared_email_cannot_chain_two_different_names_through_an_initial() -> None:
    claims = [
        _claim("contact_001", "J. Smith", email="j@x.com"),
        _claim("contact_002", "John Smith", email="j@x.com"),
        _claim("contact_003", "Jane Smith", email="j@x.com"),
    ]
    assert _groups(_build(claims)) == [("contact_001",), ("contact_002",), ("contact_003",)]


def test_two_linkedin_urls_never_share_a_unit_and_the_unlinked_stay_apart() -> None:
    claims = [
        _claim("contact_001", "James Carver", linkedin_url="linkedin.com/in/a"),
        _claim("contact_002", "James Carver", linkedin_url="linkedin.com/in/b"),
        _claim("contact_003", "James Carver"),
        _claim("contact_004", "James Carver"),
        _claim("contact_005", "James Carver", email="x@y.com", linkedin_url="linkedin.com/in/a/"),
    ]
    groups = _groups(_build(claims))
    assert groups == [
        ("contact_001", "contact_005"),
        ("contact_002",),
        ("contact_003", "contact_004"),
    ]


def test_same_person_review_overrides_linkedin_but_not_a_newer_different_person_review() -> None:
    claims = [
        _claim("contact_001", "James Carver", linkedin_url="linkedin.com/in/a"),
        _claim("contact_002", "Laura Diaz", "Beta", linkedin_url="linkedin.com/in/b"),
        _claim("contact_003", "Mary Smith"),
    ]
    reviews = [
        Review(
            review_id="r1",
            decision="SAME_PERSON",
            claim_ids=["contact_001", "contact_002"],
            decided_at=datetime(2025, 1, 1),
        ),
        Review(
            review_id="r2",
            decision="SAME_PERSON",
            claim_ids=["contact_002", "contact_003"],
            decided_at=datetime(2025, 1, 2),
        ),
        Review(
            review_id="r3",
            decision="DIFFERENT_PERSON",
            claim_ids=["contact_001", "contact_003"],
            decided_at=datetime(2025, 1, 3),
        ),
    ]
    build = _build(claims, reviews)
    # r3 is the latest; r2 joins 002+003; r1 would then put 001 with 003, which r3 forbids
    assert _groups(build) == [("contact_001",), ("contact_002", "contact_003")]
    assert [review.review_id for review in build.applied_reviews] == ["r2", "r3"]


def test_undated_reviews_count_as_oldest() -> None:
    claims = [_claim("contact_001", "James Carver"), _claim("contact_002", "James Carver")]
    reviews = [
        Review(review_id="r1", decision="SAME_PERSON", claim_ids=["contact_001", "contact_002"]),
        Review(
            review_id="r2",
            decision="DIFFERENT_PERSON",
            claim_ids=["contact_001", "contact_002"],
            decided_at=datetime(2024, 5, 1),
        ),
    ]
    build = _build(claims, reviews)
    assert _groups(build) == [("contact_001",), ("contact_002",)]
    assert [review.review_id for review in build.applied_reviews] == ["r2"]
