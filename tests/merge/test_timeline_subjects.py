"""One project written several ways forms one timeline (engine.merge.timelines grouping)."""

from __future__ import annotations

from datetime import date

from engine.merge.timelines import resolve_timelines
from engine.models import EventStatus
from tests.factories import make_claim

TARGET = "Halcyon Compute"


def test_spellings_of_one_project_share_a_timeline() -> None:
    claims = [
        make_claim(
            "doc_001",
            subject="Eagle's Nest",
            attribute="production_start",
            value="2026",
            date_in_claim="2026-01-01",
            event_status="ANNOUNCED",
        ),
        make_claim(
            "doc_002",
            subject="Eagles Nest mine",
            attribute="production_start",
            value="end of 2030",
            date_in_claim="2030-12-01",
            event_status="ANNOUNCED",
            reported_on="2025-03-01",
        ),
        make_claim(
            "doc_003",
            subject="the Eagle’s Nest project",
            attribute="production_start",
            value="2030",
            date_in_claim="2030-01-01",
            event_status="ANNOUNCED",
            reported_on="2026-02-26",
        ),
    ]
    [timeline] = resolve_timelines(claims, target_entity=TARGET).timelines
    assert [entry.claim_id for entry in timeline.history] == ["doc_001", "doc_002", "doc_003"]
    assert (timeline.current_status, timeline.current_date) == (
        EventStatus.REVISED,
        date(2030, 1, 1),
    )


def test_a_later_phase_keeps_its_own_timeline() -> None:
    claims = [
        make_claim("doc_001", subject="Ohio One", attribute="operations_start", value="2030"),
        make_claim(
            "doc_002", subject="Ohio One (Mod 2)", attribute="operations_start", value="2032"
        ),
    ]
    timelines = resolve_timelines(claims, target_entity=TARGET).timelines
    assert sorted(t.subject for t in timelines) == ["Ohio One", "Ohio One (Mod 2)"]
