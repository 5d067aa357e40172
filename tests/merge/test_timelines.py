"""Timelines: event claims in reporting order, announced -> revised -> actual."""

from __future__ import annotations

from datetime import date
from typing import Any

from engine.merge.timelines import resolve_timelines
from engine.models import Claim, EventStatus
from tests.factories import make_claim

TARGET = "Borealis Nickel"


def event(claim_id: str, value: str | None, reported_on: str | None, **fields: Any) -> Claim:
    """An event claim about Kestrel Lake's construction start."""
    values: dict[str, Any] = {
        "subject": "Kestrel Lake",
        "attribute": "construction_start",
        "value": value,
        "reported_on": reported_on,
    }
    values.update(fields)
    return make_claim(claim_id, **values)


def statuses(claims: list[Claim]) -> list[tuple[str, EventStatus]]:
    outcome = resolve_timelines(claims, target_entity=TARGET)
    assert len(outcome.timelines) == 1
    return [(entry.claim_id, entry.status) for entry in outcome.timelines[0].history]


def test_announced_then_revised_then_actual() -> None:
    claims = [
        event("doc_003", "September 2025", "2025-10-02", event_status="ACTUAL"),
        event("doc_001", "June 2025", "2024-12-01"),
        event("doc_002", "September 2025", "2025-03-01"),
    ]
    outcome = resolve_timelines(claims, target_entity=TARGET)
    [timeline] = outcome.timelines
    assert timeline.timeline_id == "timeline_001"
    assert (timeline.subject, timeline.attribute) == ("Kestrel Lake", "construction_start")
    assert timeline.current_status == EventStatus.ACTUAL
    assert timeline.current_date == date(2025, 9, 1)
    assert [(e.claim_id, e.status, e.value) for e in timeline.history] == [
        ("doc_001", EventStatus.ANNOUNCED, "June 2025"),
        ("doc_002", EventStatus.REVISED, "September 2025"),
        ("doc_003", EventStatus.ACTUAL, "September 2025"),
    ]
    assert timeline.history[0].date_reported == date(2024, 12, 1)
    assert outcome.claim_ids == {"doc_001", "doc_002", "doc_003"}
    assert outcome.ambiguous == []


def test_a_restatement_keeps_the_current_status() -> None:
    claims = [
        event("doc_001", "March 2026", "2025-01-01"),
        event("doc_002", "2026-03-20", "2025-02-01"),
        event("doc_003", "June 2026", "2025-03-01"),
        event("doc_004", "Jun. 2026", "2025-04-01"),
    ]
    assert statuses(claims) == [
        ("doc_001", EventStatus.ANNOUNCED),
        ("doc_002", EventStatus.ANNOUNCED),
        ("doc_003", EventStatus.REVISED),
        ("doc_004", EventStatus.REVISED),
    ]
    [timeline] = resolve_timelines(claims, target_entity=TARGET).timelines
    assert timeline.current_status == EventStatus.REVISED
    assert timeline.current_date == date(2026, 6, 1)


def test_actual_supersedes_projections_reported_after_it() -> None:
    claims = [
        event("doc_001", "May 2025", "2025-06-01", event_status="ACTUAL"),
        event("doc_002", "August 2025", "2025-07-01"),
    ]
    [timeline] = resolve_timelines(claims, target_entity=TARGET).timelines
    assert timeline.current_status == EventStatus.ACTUAL
    assert timeline.current_date == date(2025, 5, 1)
    assert [e.status for e in timeline.history] == [EventStatus.ACTUAL, EventStatus.ANNOUNCED]


def test_a_source_that_says_revised_stays_revised_when_first_seen() -> None:
    claims = [
        event("doc_001", "Q3 2026", "2025-01-01", event_status="REVISED"),
        event("doc_002", "Q3 2026", "2025-02-01"),
    ]
    assert statuses(claims) == [("doc_001", EventStatus.REVISED), ("doc_002", EventStatus.REVISED)]


def test_date_in_claim_wins_over_the_value_and_sets_the_current_date() -> None:
    claims = [
        event("doc_001", "early next year", "2025-01-01", date_in_claim="2026-02-01"),
        event("doc_002", "February 2026", "2025-02-01"),
    ]
    assert statuses(claims) == [
        ("doc_001", EventStatus.ANNOUNCED),
        ("doc_002", EventStatus.ANNOUNCED),
    ]
    [timeline] = resolve_timelines(claims, target_entity=TARGET).timelines
    assert timeline.current_date == date(2026, 2, 1)


def test_undated_reports_come_first_then_weakest_tier_then_claim_id() -> None:
    claims = [
        event("doc_004", "June 2026", "2025-01-01", source_tier="NEWS"),
        event("doc_003", "June 2026", "2025-01-01", source_tier="GOV"),
        event("doc_002", "March 2026", None),
        event("doc_001", "June 2026", "2025-01-01", source_tier="GOV"),
    ]
    assert [cid for cid, _ in statuses(claims)] == ["doc_002", "doc_004", "doc_001", "doc_003"]


def test_actual_dates_in_different_months_raise_a_timeline_item() -> None:
    claims = [
        event("doc_001", "September 2025", "2025-10-01", event_status="ACTUAL", source_tier="GOV"),
        event("doc_002", "October 2025", "2025-11-01", event_status="ACTUAL"),
        event("doc_003", "2025", "2025-12-01", event_status="ACTUAL"),
    ]
    outcome = resolve_timelines(claims, target_entity=TARGET)
    [timeline] = outcome.timelines
    assert timeline.current_date == date(2025, 9, 1)
    [item] = outcome.ambiguous
    assert item.kind == "TIMELINE"
    assert item.claims_involved == ["doc_001", "doc_002", "doc_003"]
    assert "construction_start of Kestrel Lake" in item.description
    assert item.options == ["2025 (doc_003)", "2025-09 (doc_001)", "2025-10 (doc_002)"]


def test_nested_actual_dates_agree() -> None:
    claims = [
        event("doc_001", "September 2025", "2025-10-01", event_status="ACTUAL"),
        event("doc_002", "Q3 2025", "2025-11-01", event_status="ACTUAL"),
        event("doc_003", "2025-09-12", "2025-12-01", event_status="ACTUAL"),
    ]
    assert resolve_timelines(claims, target_entity=TARGET).ambiguous == []


def test_claims_without_subject_are_about_the_target() -> None:
    claims = [
        make_claim("doc_001", attribute="financing_close", value="Q1 2026"),
        make_claim("doc_002", attribute="financing_close", subject="Borealis Nickel Inc."),
        make_claim("doc_003", attribute="financing_close", subject="Borealis Nickel Inc."),
    ]
    [timeline] = resolve_timelines(claims, target_entity=TARGET).timelines
    assert timeline.subject == "Borealis Nickel Inc."
    assert timeline.current_date == date(2026, 1, 1)
    assert [e.value for e in timeline.history] == [
        "Q1 2026",
        "Statement of doc_002.",
        "Statement of doc_003.",
    ]


def test_only_event_attributes_form_timelines_and_groups_are_numbered_in_order() -> None:
    claims = [
        make_claim("doc_001", subject="Zed Mine", attribute="permit_decision", value="2026"),
        make_claim("doc_002", subject="Alpha Mill", attribute="plant_close", value="2027"),
        make_claim("doc_003", subject="Alpha Mill", attribute="capital_cost", value="$1"),
        make_claim(
            "doc_004", subject="Alpha Mill", attribute="groundbreaking", date_in_claim="2025-05-01"
        ),
    ]
    outcome = resolve_timelines(claims, target_entity=TARGET)
    assert [(t.timeline_id, t.subject, t.attribute) for t in outcome.timelines] == [
        ("timeline_001", "Alpha Mill", "groundbreaking"),
        ("timeline_002", "Alpha Mill", "plant_close"),
        ("timeline_003", "Zed Mine", "permit_decision"),
    ]
    assert outcome.timelines[0].history[0].value == "2025-05-01"
    assert "doc_003" not in outcome.claim_ids


def test_same_day_reports_do_not_revise_by_tier_and_the_strongest_is_current() -> None:
    claims = [
        make_claim(
            "entity_001",
            subject="X",
            attribute="construction_start",
            value="June 2026",
            source_tier="GOV",
        ),
        make_claim(
            "lead_001",
            subject="X",
            attribute="construction_start",
            value="Sept 2025",
            source_tier="OTHER",
        ),
    ]
    outcome = resolve_timelines(claims, target_entity=TARGET)
    [timeline] = outcome.timelines
    assert timeline.current_date == date(2026, 6, 1)
    assert timeline.current_status == EventStatus.ANNOUNCED
    assert {entry.status for entry in timeline.history} == {EventStatus.ANNOUNCED}
    [item] = outcome.ambiguous
    assert item.kind == "TIMELINE"
    assert item.claims_involved == ["entity_001", "lead_001"]
    assert item.options == ["2025-09 (lead_001)", "2026-06 (entity_001)"]


def test_same_day_reports_after_an_earlier_projection_revise_it_once() -> None:
    claims = [
        event("doc_001", "March 2026", "2025-01-01"),
        event("doc_002", "June 2026", "2025-06-01", source_tier="GOV"),
        event("doc_003", "March 2026", "2025-06-01", source_tier="OTHER"),
    ]
    outcome = resolve_timelines(claims, target_entity=TARGET)
    [timeline] = outcome.timelines
    assert [(e.claim_id, e.status) for e in timeline.history] == [
        ("doc_001", EventStatus.ANNOUNCED),
        ("doc_003", EventStatus.ANNOUNCED),
        ("doc_002", EventStatus.REVISED),
    ]
    assert timeline.current_date == date(2026, 6, 1)
    assert timeline.current_status == EventStatus.REVISED
    assert len(outcome.ambiguous) == 1


def test_same_day_reports_that_agree_raise_nothing() -> None:
    claims = [
        event("doc_001", "June 2026", "2025-06-01", source_tier="GOV"),
        event("doc_002", "June 2026", "2025-06-01", source_tier="OTHER"),
    ]
    assert resolve_timelines(claims, target_entity=TARGET).ambiguous == []
