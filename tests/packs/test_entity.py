"""Context pack entity_to_contacts: canonical identity, structure, project, partners."""

from __future__ import annotations

from engine.packs import build_entity_to_contacts
from tests.factories import make_claim
from tests.scenarios import TARGET, wyloo_claims


def test_canonical_target_uses_the_best_evidence() -> None:
    pack = build_entity_to_contacts(wyloo_claims(), target=TARGET)
    identity = pack.canonical_target
    assert identity.name == TARGET
    assert identity.entity_type == "Subsidiary"
    assert identity.hq_location == "West Perth, Australia"  # PRIMARY HIGH over OTHER LOW
    assert identity.domains == ["wyloocanada.com", "wyloometals.com"]


def test_structure_project_and_partners() -> None:
    pack = build_entity_to_contacts(wyloo_claims(), target=TARGET)
    assert pack.corporate_structure.parent == "Tattarang Pty Ltd"
    assert "Andrew Forrest" in pack.corporate_structure.notes
    assert pack.key_project is not None
    assert pack.key_project.name == "Eagle's Nest"
    assert pack.key_project.stage == "Pre-construction"
    assert pack.key_project.location is None
    [partner] = pack.partner_organizations
    assert (partner.name, partner.role, partner.domains) == (
        "Hatch Ltd",
        "EPCM partner",
        ["hatch.com"],
    )
    assert "entity_005" in partner.notes


def test_anchor_claims_are_strong_identity_claims() -> None:
    pack = build_entity_to_contacts(wyloo_claims(), target=TARGET)
    assert pack.anchor_claims[:2] == ["entity_001", "entity_002"]
    assert "lead_045" not in pack.anchor_claims  # LOW confidence
    assert "contact_001" not in pack.anchor_claims  # about a person


def test_questions_and_do_not_repeat_when_resolved() -> None:
    pack = build_entity_to_contacts(wyloo_claims(), target=TARGET)
    assert "Who selects contractors and suppliers for Eagle's Nest?" in pack.key_questions
    assert any(q.startswith("Who at Hatch Ltd (EPCM partner)") for q in pack.key_questions)
    assert f"Entity identity - resolved ({TARGET})" in pack.do_not_repeat
    assert "Domain discovery - complete (wyloocanada.com, wyloometals.com)" in pack.do_not_repeat
    assert not any("headquartered" in q for q in pack.key_questions)


def test_nothing_is_called_resolved_without_the_evidence() -> None:
    claims = [
        make_claim(
            "entity_001",
            claim_type="ENTITY",
            statement=f"{TARGET} is said to be based in Perth",
            subject=TARGET,
            attribute="hq_location",
            value="Perth",
            source_tier="NEWS",
        )
    ]
    pack = build_entity_to_contacts(claims, target=TARGET)
    assert pack.canonical_target.hq_location == "Perth"
    assert pack.canonical_target.domains == []
    assert pack.do_not_repeat == []
    assert f"Which email domain do {TARGET} staff use?" in pack.key_questions
    assert pack.key_project is None


def test_structure_read_from_either_side() -> None:
    claims = [
        make_claim(
            "entity_001",
            claim_type="RELATIONSHIP",
            statement=f"Tattarang owns {TARGET}",
            subject="Tattarang",
            attribute="subsidiary",
            value=TARGET,
        ),
        make_claim(
            "entity_002",
            claim_type="RELATIONSHIP",
            statement=f"Wyloo Canada is part of {TARGET}",
            subject="Wyloo Canada",
            attribute="parent_company",
            value=TARGET,
        ),
    ]
    pack = build_entity_to_contacts(claims, target=TARGET)
    assert pack.corporate_structure.parent == "Tattarang"
    assert pack.corporate_structure.subsidiaries == ["Wyloo Canada"]
    assert pack.partner_organizations == []  # ownership is not a partnership
    assert "Corporate structure - resolved (parent: Tattarang)" in pack.do_not_repeat


def test_partner_named_by_value_with_role_from_the_statement() -> None:
    claims = [
        make_claim(
            "entity_001",
            claim_type="RELATIONSHIP",
            statement=f"{TARGET} hired Ausenco as engineering contractor",
            subject=TARGET,
            attribute="partner",
            value="Ausenco",
            source_url="https://www.ausenco.com/news/1",
        )
    ]
    [partner] = build_entity_to_contacts(claims, target=TARGET).partner_organizations
    assert (partner.name, partner.role, partner.domains) == (
        "Ausenco",
        "contractor",
        ["ausenco.com"],
    )
