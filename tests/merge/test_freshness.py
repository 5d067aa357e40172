"""Role freshness: stale after 18 months, shown "as of YYYY"; a later holder supersedes."""

from __future__ import annotations

from datetime import date

from engine.merge.freshness import holder_key, is_stale, role_as_of, superseded_holders
from engine.models import ResolvedContact
from tests.merge.test_stakeholders import _contact


def test_a_role_older_than_18_months_is_stale_and_shown_as_of_its_year() -> None:
    today = date(2026, 12, 1)
    assert is_stale(_contact("target_staff", date(2024, 10, 15)), today)
    assert not is_stale(_contact("target_staff", date(2025, 7, 1)), today)
    assert not is_stale(_contact("target_staff"), today)
    assert role_as_of(_contact("target_staff", date(2022, 5, 4)), today) == " as of 2022"
    assert role_as_of(_contact("target_staff", date(2026, 5, 4)), today) == ""


def _holder(contact_id: str, role: str, reported: str | None) -> ResolvedContact:
    return ResolvedContact(
        contact_id=contact_id,
        name=contact_id.title(),
        current_role=role,
        organization="Intel",
        evidence_claims=[f"doc_{len(contact_id):03d}"],
        resolution="SINGLE_CLAIM",
        confidence="MEDIUM",
        stakeholder_role="target_staff",
        role_reported_on=date.fromisoformat(reported) if reported else None,
    )


def test_a_later_report_of_another_chief_executive_supersedes_the_earlier_holder() -> None:
    contacts = [
        _holder("gelsinger", "President and CEO", None),
        _holder("tan", "chief executive", "2025-07-25"),
        _holder("evers", "Vice President and Ohio Site Manager", "2024-02-01"),
        _holder("old_cfo", "CFO", "2022-01-01"),
    ]
    assert superseded_holders(contacts) == frozenset({"gelsinger"})
    assert holder_key("Vice President") is None and holder_key("Acting CEO") is None
