"""Context pack contacts_to_enrichment: project timeline, prioritised contacts, questions."""

from __future__ import annotations

from datetime import date

import pytest

from engine.models.merge import ResolvedContact, Timeline, TimelineEvent
from engine.packs import (
    build_contacts_to_enrichment,
    build_entity_to_contacts,
    build_signal_to_entity,
)
from engine.packs.contacts import title_priority
from engine.packs.enrichment import project_timeline
from tests.scenarios import PROJECT, TARGET, empty_merge, wyloo_claims, wyloo_merge


def test_target_and_project_timeline_come_from_the_merge() -> None:
    pack = build_contacts_to_enrichment(wyloo_claims(), wyloo_merge(), target=TARGET)
    assert pack.context_type == "contacts_to_enrichment"
    assert pack.canonical_target.name == TARGET
    assert pack.canonical_target.domains == ["wyloocanada.com", "wyloometals.com"]
    assert pack.key_project is not None
    assert pack.key_project.name == PROJECT
    assert pack.key_project.stage == "Pre-construction"
    assert pack.key_project.timeline == "construction_start REVISED: March 2026 (timeline_001)"
    assert pack.key_project.timeline_id == "timeline_001"


def test_contacts_are_prioritised_and_unsure_ones_flagged() -> None:
    pack = build_contacts_to_enrichment(wyloo_claims(), wyloo_merge(), target=TARGET)
    contacts = {c.contact_id: c for c in pack.confirmed_contacts}
    assert [c.contact_id for c in pack.confirmed_contacts] == [
        "contact_001",
        "contact_002",
        "contact_003",
    ]
    sylvain, jane, luca = contacts["contact_001"], contacts["contact_002"], contacts["contact_003"]
    assert (sylvain.priority, sylvain.domain_for_email) == ("HIGH", "wyloometals.com")
    assert sylvain.why_they_matter == "Owns project execution"
    assert (jane.priority, jane.domain_for_email) == ("HIGH", "hatch.com")
    assert "Hatch Ltd (EPCM partner)" in jane.why_they_matter
    assert luca.needs_review and luca.priority == "LOW"
    assert "ambiguous_001" in luca.why_they_matter


def test_enrichment_questions_and_do_not_repeat() -> None:
    pack = build_contacts_to_enrichment(wyloo_claims(), wyloo_merge(), target=TARGET)
    questions = pack.enrichment_questions
    assert "Verify Sylvain Goyette's email at wyloometals.com" in questions.enrich_contacts
    assert any(
        q.startswith("Confirm the identity and current employer of Luca Bianchi (contact_003")
        for q in questions.enrich_contacts
    )
    assert len(set(questions.enrich_contacts)) == len(questions.enrich_contacts)
    assert not any("capital cost" in q for q in questions.enrich_opportunity)  # already known
    assert any("Hatch Ltd" in q for q in questions.client_specific)
    assert "Contact identification - 3 contacts resolved" in pack.do_not_repeat
    assert "hq_location - use 'West Perth, Australia' (conflict_001: entity_001)" in (
        pack.do_not_repeat
    )


def test_empty_merge_keeps_identity_and_asks_about_the_gaps() -> None:
    pack = build_contacts_to_enrichment([], empty_merge(), target=TARGET)
    assert pack.canonical_target.name == TARGET
    assert pack.key_project is None
    assert pack.confirmed_contacts == []
    assert any("capital cost" in q for q in pack.enrichment_questions.enrich_opportunity)
    assert pack.do_not_repeat == []


def test_email_domain_comes_from_the_contacts_own_email() -> None:
    merge = empty_merge().model_copy(
        update={
            "contacts_resolved": [
                ResolvedContact(
                    contact_id="contact_001",
                    name="Ann Lee",
                    current_role="Chief Operating Officer",
                    organization=TARGET,
                    evidence_claims=["contact_001"],
                    resolution="SINGLE_CLAIM",
                    confidence="HIGH",
                    email="ann.lee@wyloo.com.au",
                )
            ]
        }
    )
    [contact] = build_contacts_to_enrichment([], merge, target=TARGET).confirmed_contacts
    assert (contact.priority, contact.domain_for_email) == ("HIGH", "wyloo.com.au")


@pytest.mark.parametrize(
    ("title", "priority"),
    [
        ("CEO", "HIGH"),
        ("Chief Financial Officer", "HIGH"),
        ("VP Projects", "HIGH"),
        ("Procurement Manager", "HIGH"),
        ("Director of Operations", "HIGH"),
        ("Vice President, Investor Relations", "MEDIUM"),
        ("Project Engineer", "MEDIUM"),
        ("Communications Officer", "LOW"),
        (None, "LOW"),
    ],
)
def test_title_priority(title: str | None, priority: str) -> None:
    assert title_priority(title)[0] == priority


def _timeline(timeline_id: str, subject: str, status: str, when: date | None) -> Timeline:
    event = TimelineEvent(date_reported=None, status=status, value="x", claim_id="opp_001")
    return Timeline(
        timeline_id=timeline_id,
        subject=subject,
        attribute="construction_start",
        current_status=status,
        current_date=when,
        history=[event],
    )


def test_project_timeline_prefers_the_project_then_the_earliest_open_milestone() -> None:
    lines = [
        _timeline("timeline_001", PROJECT, "ACTUAL", date(2025, 1, 1)),
        _timeline("timeline_002", PROJECT, "ANNOUNCED", date(2026, 6, 1)),
        _timeline("timeline_003", PROJECT, "REVISED", date(2026, 3, 1)),
        _timeline("timeline_004", "Other Mine", "ANNOUNCED", date(2025, 12, 1)),
    ]
    chosen = project_timeline(lines, [PROJECT, TARGET])
    assert chosen is not None and chosen.timeline_id == "timeline_003"
    chosen = project_timeline(lines[:1] + lines[3:], [PROJECT])
    assert chosen is not None and chosen.timeline_id == "timeline_001"
    assert project_timeline([], [PROJECT]) is None


def test_identity_and_do_not_repeat_are_carried_forward() -> None:
    claims, merge = wyloo_claims(), wyloo_merge()
    signal = build_signal_to_entity(claims, target=TARGET)
    entity = build_entity_to_contacts(claims, target=TARGET)
    enrichment = build_contacts_to_enrichment(claims, merge, target=TARGET)
    found = [line for line in signal.do_not_repeat if not line.startswith("Sources already")]
    assert found == ["Signal discovery - complete (search_001)"]
    assert set(found) <= set(entity.do_not_repeat) <= set(enrichment.do_not_repeat)
    assert enrichment.canonical_target.name == entity.canonical_target.name
    assert enrichment.canonical_target.domains == entity.canonical_target.domains
