"""The client's buying window: when, relative to the target's milestones, a buyer needs it.

A camp supplier sells before construction starts; an electrical contractor during construction;
a maintenance or operations supplier before operations begin; an environmental consultant
before the permit decision. `client_phase` reads the client's services, ICP and description
for the phase its offering serves (the first phase whose words appear, in the order of
PHASES; "moving from permitting to construction" in an ICP names pre-construction), and
`client_window` places that phase on the target's timelines:

- pre_construction: from LEAD_MONTHS before the construction start until it (camps, site
  services, earthworks, access roads, modular buildings, logistics for mobilisation);
- construction: from the construction start until its completion, or CONSTRUCTION_MONTHS after
  the start when no completion date is known (electrical, mechanical, equipment, EPC);
- pre_operations: from LEAD_MONTHS before operations (or production, commissioning) begin
  until they do (operations staffing, maintenance, consumables, software for operations);
- permitting: until the permit decision; financing: until financial close.

The window's state on `today`: OPEN (HOT), OPENS within WARM_MONTHS (WARM), LATER or PASSED
(COLD; a pre-construction window stays WARM for PASSED_GRACE_MONTHS after construction starts,
while mobilisation is still being bought). Pure: no clock, no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

from engine.merge.periods import add_months
from engine.models.claims import EventStatus
from engine.models.client import Client
from engine.models.merge import Timeline

Phase = Literal["pre_construction", "construction", "pre_operations", "permitting", "financing"]
WindowState = Literal["OPEN", "OPENS", "LATER", "PASSED"]

LEAD_MONTHS = 12
CONSTRUCTION_MONTHS = 36
WARM_MONTHS = 12
PASSED_GRACE_MONTHS = 6

PHASES: tuple[tuple[Phase, re.Pattern[str]], ...] = (
    (
        "pre_construction",
        re.compile(
            r"\b(?:camps?|accommodation|workforce\s+housing|housing|modular|pre-?engineered|"
            r"mobili[sz]ation|site\s+(?:services|preparation|clearing)|earthworks?|access\s+roads?|"
            r"winter[- ]road|airlift|permitting\s+to\s+construction|pre-?construction|"
            r"early\s+works|before\s+construction)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "construction",
        re.compile(
            r"\b(?:electrical\s+(?:contractor|construction|installation)|substations?|switchgear|"
            r"medium[- ]voltage|mechanical\s+contractor|general\s+contractor|EPC|EPCM|"
            r"construction\s+(?:services|equipment|materials)|cranes?|concrete|steel\s+erection|"
            r"during\s+construction)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "pre_operations",
        re.compile(
            r"\b(?:operations?\s+(?:staffing|support|readiness)|maintenance|consumables|reagents|"
            r"spare\s+parts|catering|security\s+services|managed\s+services|facility\s+management|"
            r"before\s+operations|start-?up\s+support)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "permitting",
        re.compile(
            r"\b(?:environmental\s+(?:consulting|assessment\s+services|studies)|permitting\s+"
            r"(?:support|services|consultants?)|regulatory\s+consulting)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "financing",
        re.compile(
            r"\b(?:project\s+finance|debt\s+advisory|lenders?|financing\s+advisory)\b", re.I
        ),
    ),
)
PHASE_WORDS: dict[Phase, str] = {
    "pre_construction": "before construction starts",
    "construction": "during construction",
    "pre_operations": "before operations begin",
    "permitting": "before the permit decision",
    "financing": "before financial close",
}
_STARTS = ("construction_start", "groundbreaking")
_OPERATIONS = ("operations_start", "production_start", "first_production", "commissioning")


@dataclass(frozen=True)
class ClientWindow:
    """Where the client's window stands against one milestone of the target."""

    phase: Phase
    milestone: Timeline
    opens: date
    closes: date
    state: WindowState

    def describe(self, today: date) -> str:
        """'the client sells before construction starts; its window (from 2026-01 until
        construction_start 2027-01) is open'."""
        span = f"{self.opens:%Y-%m} to {self.closes:%Y-%m}"
        states = {
            "OPEN": "is open now",
            "OPENS": f"opens in {_months_between(today, self.opens)} months",
            "LATER": f"opens in {_months_between(today, self.opens)} months",
            "PASSED": "has passed",
        }
        return (
            f"the client's window ({PHASE_WORDS[self.phase]}: {span}, against "
            f"{self.milestone.attribute} {self.milestone.current_status.value.lower()}) "
            f"{states[self.state]}"
        )


def _client_text(client: Client) -> str:
    return " ".join([client.services, client.icp, client.description])


def client_phase(client: Client | None) -> Phase | None:
    """The project phase the client's offering serves, from its services, ICP and description."""
    if client is None:
        return None
    text = _client_text(client)
    for phase, pattern in PHASES:
        if pattern.search(text):
            return phase
    return None


def _add_months(day: date, months: int) -> date:
    return add_months(day.year, day.month, months)


def _months_between(start: date, end: date) -> int:
    return max(0, (end.year - start.year) * 12 + end.month - start.month)


def _first(timelines: list[Timeline], attributes: tuple[str, ...]) -> Timeline | None:
    dated = [t for t in timelines if t.attribute in attributes and t.current_date is not None]
    return min(dated, key=lambda t: (attributes.index(t.attribute), t.timeline_id), default=None)


def _span(phase: Phase, timelines: list[Timeline]) -> tuple[Timeline, date, date] | None:
    """The milestone a phase hangs on and the window's first and last day."""
    if phase in ("pre_construction", "construction"):
        start = _first(timelines, _STARTS)
        if start is None or start.current_date is None:
            return None
        if phase == "pre_construction":
            return start, _add_months(start.current_date, -LEAD_MONTHS), start.current_date
        done = _first(timelines, ("construction_complete",))
        end = done.current_date if done and done.current_date else None
        return (
            start,
            start.current_date,
            end or _add_months(start.current_date, CONSTRUCTION_MONTHS),
        )
    attributes = {
        "pre_operations": _OPERATIONS,
        "permitting": ("permit_decision",),
        "financing": ("financing_close",),
    }[phase]
    milestone = _first(timelines, attributes)
    if milestone is None or milestone.current_date is None:
        return None
    lead = LEAD_MONTHS if phase == "pre_operations" else 2 * LEAD_MONTHS
    return milestone, _add_months(milestone.current_date, -lead), milestone.current_date


def client_window(
    client: Client | None, timelines: list[Timeline], *, today: date
) -> ClientWindow | None:
    """The client's window on the target's timelines, or None when it cannot be placed."""
    phase = client_phase(client)
    if phase is None:
        return None
    span = _span(phase, timelines)
    if span is None:
        return None
    milestone, opens, closes = span
    if today < opens:
        state: WindowState = "OPENS" if _months_between(today, opens) <= WARM_MONTHS else "LATER"
    elif today <= closes:
        state = "OPEN"
    else:
        state = "PASSED"
    if phase == "pre_construction" and milestone.current_status is not EventStatus.ACTUAL:
        state = "OPEN" if state == "PASSED" else state  # not yet started: still buying
    return ClientWindow(phase, milestone, opens, closes, state)


def window_urgency(window: ClientWindow, today: date) -> Literal["HOT", "WARM", "COLD"]:
    """HOT when open, WARM when it opens soon or just passed, else COLD."""
    if window.state == "OPEN":
        return "HOT"
    if window.state == "OPENS":
        return "WARM"
    if window.state == "PASSED":
        grace = _add_months(window.closes, PASSED_GRACE_MONTHS)
        return "WARM" if today <= grace else "COLD"
    return "COLD"
