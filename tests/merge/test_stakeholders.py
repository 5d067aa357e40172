"""Stakeholder roles (engine/merge/stakeholders.py) and freshness of a contact's role."""

from __future__ import annotations

from datetime import date

import pytest

from engine.merge.contacts import resolve_contacts
from engine.merge.stakeholders import (
    is_buyer,
    stakeholder_context,
    stakeholder_role,
)
from engine.models import ResolvedContact
from tests.factories import make_claim
from tests.merge.test_contacts import contact_of, person_claim

TARGET = "Tamarack Metals"
CLAIMS = [
    make_claim(
        "doc_001",
        statement="Tamarack Metals, formerly known as Birch Lake Resources, owns the mine.",
    ),
    make_claim(
        "doc_002",
        statement="The Federal Review Board (FRB) will not assess the project.",
    ),
    make_claim(
        "doc_003",
        claim_type="RELATIONSHIP",
        subject="Tamarack Metals",
        attribute="partner",
        value="Northline Engineering",
    ),
    make_claim(
        "doc_004",
        claim_type="RELATIONSHIP",
        subject="Tamarack Metals",
        attribute="parent_company",
        value="Osprey Holdings",
    ),
    make_claim("doc_005", statement="Ring story.", source_name="Lakehead Daily News"),
    person_claim("doc_006", "Lena Holt", "FRB", title="president"),
]
CONTEXT = stakeholder_context(CLAIMS, TARGET)


@pytest.mark.parametrize(
    ("organization", "title", "role"),
    [
        ("Tamarack Metals", "CEO", "target_staff"),
        ("Tamarack", "chief executive", "target_staff"),
        ("Tamarack Ring of Fire", "CEO", "target_staff"),
        ("Birch Lake Resources", "CEO", "target_staff"),
        (None, "VP Projects", "target_staff"),
        ("Northline Engineering", "Project Manager", "partner"),
        ("Osprey Holdings", "Chairman", "investor_owner"),
        (None, "billionaire", "investor_owner"),
        ("Attawa First Nation", "Chief", "community"),
        ("Kinoje", "Chief", "community"),
        ("Manitoba", "Premier", "government"),
        (None, "Gov.", "government"),
        (None, "Sheriff", "government"),
        ("Pine County", "Sheriff", "government"),
        (None, "County Attorney", "government"),
        ("Pine County School District", "Superintendent", "government"),
        ("County Board", "President", "government"),
        ("FRB", "president", "government"),
        ("Ministry of Mines", "Director", "government"),
        ("Lakehead Daily News", "Editor", "press"),
        (None, "reporter", "press"),
        ("Lakehead Daily News", None, "press"),
        ("Blue Heron Trucking", "Owner", "investor_owner"),
        ("Blue Heron Trucking", "Dispatcher", "other"),
        (None, None, "other"),
        (None, "architect", "other"),
        # with no organization, only a title no public body or college has is the target's
        (None, "Chairman", "other"),
        (None, "Acting President", "other"),
        (None, "Director", "other"),
        (None, "Chief Executive Officer", "target_staff"),
        (None, "Vice President, Projects", "target_staff"),
        (None, "company spokesperson", "target_staff"),
    ],
)
def test_role_from_organization_and_title(
    organization: str | None, title: str | None, role: str
) -> None:
    assert stakeholder_role(organization, title, CONTEXT) == role


def test_resolved_contacts_carry_the_role_and_when_it_was_reported() -> None:
    claims = [
        *CLAIMS,
        person_claim("c_001", "Rhea Colvin", "Tamarack", title="chief executive"),
        person_claim(
            "c_002", "Nora Beardy", "Attawa First Nation", title="Chief", reported_on="2022-12-07"
        ),
        person_claim("c_003", "Carl Nyberg", "Manitoba", title="Premier"),
    ]
    outcome = resolve_contacts(claims, target=TARGET)
    roles = {c.name: c.stakeholder_role for c in outcome.contacts}
    assert roles == {
        "Rhea Colvin": "target_staff",
        "Nora Beardy": "community",
        "Carl Nyberg": "government",
        "Lena Holt": "government",
    }
    assert contact_of(outcome, "c_002").role_reported_on == date(2022, 12, 7)
    assert contact_of(outcome, "c_001").role_reported_on is None


def test_without_a_target_no_role_is_set() -> None:
    outcome = resolve_contacts([person_claim("c_001", "Rhea Colvin", "Tamarack", title="CEO")])
    assert outcome.contacts[0].stakeholder_role is None


def _contact(role: str | None, reported: date | None = None) -> ResolvedContact:
    return ResolvedContact.model_validate(
        {
            "contact_id": "person_001",
            "name": "Rhea Colvin",
            "current_role": "CEO",
            "organization": "Tamarack",
            "evidence_claims": ["c_001"],
            "resolution": "SINGLE_CLAIM",
            "confidence": "MEDIUM",
            "stakeholder_role": role,
            "role_reported_on": reported,
        }
    )


def test_only_staff_and_partners_are_buyers_and_legacy_contacts_still_are() -> None:
    assert [is_buyer(_contact(r)) for r in ("target_staff", "partner", None)] == [True] * 3
    assert not any(is_buyer(_contact(r)) for r in ("government", "community", "press", "other"))


def test_a_stored_contact_without_the_new_fields_still_loads() -> None:
    data = _contact("target_staff").model_dump()
    del data["stakeholder_role"], data["role_reported_on"]
    loaded = ResolvedContact.model_validate(data)
    assert loaded.stakeholder_role is None and loaded.role_reported_on is None


def test_the_enrichment_pack_ranks_a_stakeholder_low_and_says_why() -> None:
    from engine.merge import merge_claims
    from engine.packs.contacts import ContactContext, confirmed_contact

    context = ContactContext(CLAIMS, TARGET, [], [])
    merge = merge_claims(CLAIMS, target_entity=TARGET)
    official = confirmed_contact(_contact("government").model_copy(), context, merge)
    staff = confirmed_contact(_contact("target_staff"), context, merge)
    assert official.priority == "LOW" and "Stakeholder (government)" in official.why_they_matter
    assert staff.priority == "HIGH"


def test_a_list_of_officials_gives_no_target_staff() -> None:
    sentence = (
        "Sheriff Ann Smith, Superintendent Bob Jones and County Board President Carl Diaz "
        "attended the hearing."
    )
    claims = [
        person_claim("c_001", "Ann Smith", None, title="Sheriff", statement=sentence),
        person_claim("c_002", "Bob Jones", None, title="Superintendent", statement=sentence),
        person_claim(
            "c_003", "Carl Diaz", None, title="County Board President", statement=sentence
        ),
        person_claim("c_004", "Rhea Colvin", None, title="CEO", statement="CEO Rhea Colvin spoke."),
    ]
    roles = {c.name: c.stakeholder_role for c in resolve_contacts(claims, target=TARGET).contacts}
    assert roles == {
        "Ann Smith": "government",
        "Bob Jones": "government",
        "Carl Diaz": "government",
        "Rhea Colvin": "target_staff",
    }


def test_someone_at_an_officials_jurisdiction_is_government() -> None:
    claims = [
        person_claim("c_001", "Mike Dale", "Ohio", title="Governor"),
        person_claim("c_002", "Dan Ruiz", "Ohio", title="press secretary"),
        person_claim("c_003", "Eve Stone", "Blue Heron Trucking", title="Dispatcher"),
    ]
    roles = {c.name: c.stakeholder_role for c in resolve_contacts(claims, target=TARGET).contacts}
    assert roles == {"Mike Dale": "government", "Dan Ruiz": "government", "Eve Stone": "other"}
