"""The client's buying window weighs the timing urgency, and the reason names it."""

from __future__ import annotations

from datetime import date

import pytest

from engine.models import Claim
from engine.models.client import Client
from engine.models.merge import Timeline, TimelineEvent
from engine.scoring import lead_score
from engine.scoring.window import client_phase, client_window

TODAY = date(2026, 12, 1)
CAMPS = Client(
    name="Camp Co",
    description="Modular workforce camps for remote mine sites.",
    services="Camps of 100 to 600 beds; winter-road logistics.",
    icp="Mine developers moving from permitting to construction.",
)
ELECTRICAL = Client(
    name="Volt Co",
    description="Electrical contractor for industrial plants.",
    services="Substations, switchgear and medium-voltage installation.",
)
SOFTWARE = Client(name="Soft Co", description="Accounting software for small firms.")


def timeline(attribute: str, when: str, status: str = "ANNOUNCED") -> Timeline:
    day = date.fromisoformat(when)
    return Timeline(
        timeline_id=f"timeline_{attribute}",
        subject="Pine Project",
        attribute=attribute,
        current_status=status,  # type: ignore[arg-type]
        current_date=day,
        history=[TimelineEvent(date_reported=None, status=status, value=when, claim_id="doc_001")],  # type: ignore[arg-type]
    )


def claim() -> Claim:
    return Claim.model_validate(
        {
            "claim_id": "doc_001",
            "claim_type": "SIGNAL",
            "statement": "Construction starts in 2028.",
            "source_tier": "NEWS",
            "confidence": "MEDIUM",
            "attribute": "construction_start",
            "value": "2028",
            "event_status": "ANNOUNCED",
        }
    )


@pytest.mark.parametrize(
    ("client", "phase"),
    [(CAMPS, "pre_construction"), (ELECTRICAL, "construction"), (SOFTWARE, None), (None, None)],
)
def test_the_phase_comes_from_what_the_client_sells(client: Client | None, phase: str) -> None:
    assert client_phase(client) == phase


def test_a_camp_supplier_is_hot_a_year_before_construction_though_the_milestone_is_far() -> None:
    timelines = [timeline("construction_start", "2027-10-01")]
    plain = lead_score([claim()], timelines, today=TODAY)
    weighed = lead_score([claim()], timelines, today=TODAY, client=CAMPS)
    assert plain.timing_urgency == "WARM"  # the milestone alone: ten months away
    assert weighed.timing_urgency == "HOT"
    assert "before construction starts" in weighed.urgency_reason
    assert "construction_start" in weighed.urgency_reason
    assert weighed.score == plain.score  # the client moves the timing, never the score


def test_an_electrical_contractor_waits_for_construction_to_start() -> None:
    timelines = [timeline("construction_start", "2028-06-01")]
    weighed = lead_score([claim()], timelines, today=TODAY, client=ELECTRICAL)
    assert weighed.timing_urgency == "COLD"
    assert "during construction" in weighed.urgency_reason


def test_a_passed_pre_construction_window_cools_once_construction_has_started() -> None:
    timelines = [timeline("construction_start", "2025-01-01", status="ACTUAL")]
    window = client_window(CAMPS, timelines, today=TODAY)
    assert window is not None and window.state == "PASSED"
    assert lead_score([claim()], timelines, today=TODAY, client=CAMPS).timing_urgency == "COLD"


def test_without_a_placeable_window_the_old_urgency_stands() -> None:
    timelines = [timeline("construction_start", "2027-10-01")]
    plain = lead_score([claim()], timelines, today=TODAY)
    assert lead_score([claim()], timelines, today=TODAY, client=SOFTWARE) == plain
