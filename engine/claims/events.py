"""Timeline events in a sentence: which event, its status, its date (SIGNAL facts).

Events (registry attributes): construction_start, construction_complete, production_start,
first_production, commissioning, groundbreaking, permit_decision, financing_close,
contract_award, funding_round. Several events in one sentence each get the clause between
their neighbours ("construction is expected to begin in Q3 2025, with first production
planned for early 2028" gives two events).

Status from the clause's wording, strongest first:
- ACTUAL: began, started, commenced, completed, broke ground, achieved, poured, received,
  granted, issued, approved, closed, awarded, raised, under way -- unless it is future or
  conditional ("to be completed", "will be issued", "once permits are received", "not yet started");
- REVISED: pushed, delayed, moved, deferred, postponed, revised, rescheduled, "now expects",
  "now targets" ...;
- ANNOUNCED: expected, planned, targeted, scheduled, anticipated, will, slated ...; also a bare
  date with no wording ("first production: early 2028").
A trigger that is only a noun ("an Environmental Compliance Approval") needs one of these words.

A negated event ("did not begin construction in 2024", "never began production") is no
event, unless the sentence still dates it: "will not begin until 2027" (ANNOUNCED 2027),
"has not yet started, planned for 2026" (the status and date after the forward wording).

Date: the first date after the status word (or the trigger, if later), skipping dates named as
the old plan ("from Q3 2025", "originally planned for ...", "rather than ..."); else the
nearest date before it in the clause. A date taken by an earlier event of the sentence is not
taken again ("begin in 2027, pending final permits" dates the construction, not the permits).
value = that date phrase as stated. Only an ACTUAL event may have no date ("completed
commissioning"; value = the trigger).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from engine.claims.dates import DateMention
from engine.claims.entities import Mention
from engine.claims.facts import MONEY, Fact, Scope
from engine.models import ClaimType, EventStatus


@dataclass(frozen=True)
class _Trigger:
    attribute: str
    pattern: re.Pattern[str]
    needs_wording: bool = False
    subject: Literal["project", "organization"] = "project"


def _trigger(
    attribute: str,
    pattern: str,
    *,
    needs_wording: bool = False,
    subject: Literal["project", "organization"] = "project",
) -> _Trigger:
    return _Trigger(attribute, re.compile(pattern, re.IGNORECASE), needs_wording, subject)


_W = r"[\w'’\-]+\s+"
TRIGGERS: tuple[_Trigger, ...] = (
    _trigger(
        "first_production",
        r"\bfirst\s+(?:commercial\s+)?(?:production|ore|concentrate|nickel|copper|gold|metal|pour|"
        r"shipment|sales|output|lithium|feed)\b",
    ),
    _trigger(
        "groundbreaking", r"\b(?:ground-?breaking|(?:broke|break|breaks|breaking)\s+ground)\b"
    ),
    _trigger(
        "commissioning",
        r"\b(?:re-?)?commissioning\b|\bcommission(?:ed|s)?\s+(?:the\s+)?(?:plant|mill|mine|"
        r"facility|project|concentrator|refinery|smelter)\b",
    ),
    _trigger(
        "construction_complete",
        rf"\b(?:completion|end)\s+of\s+construction\b|\bconstruction\s+completion\b|"
        rf"\b(?:complete|completed|completes|completing|finish|finished)\s+construction\b|"
        rf"\bconstruction\s+(?:{_W}){{0,5}}?(?:be\s+)?(?:complete|completed|finished)\b",
    ),
    _trigger(
        "construction_start",
        rf"\b(?:start|beginning|commencement|launch)\s+of\s+(?:full[- ]scale\s+|major\s+|main\s+)?"
        rf"construction\b|\bconstruction\s+(?:start|commencement|kick-?off)\b|"
        rf"\b(?:begin|began|begun|begins|beginning|start|started|starts|starting|commence|"
        rf"commenced|commences|commencing)\s+(?:full[- ]scale\s+|major\s+|main\s+)?construction\b|"
        rf"\bconstruction\s+(?:{_W}){{0,6}}?(?:to\s+)?(?:begin|began|begun|begins|start|started|"
        rf"starts|commence|commenced|commences|get\s+under\s*way|got\s+under\s*way|"
        rf"is\s+under\s*way|kick(?:ed)?\s+off)\b|"
        rf"\bconstruction\s+(?:{_W}){{0,3}}?(?:was|has\s+been|is|will\s+be)\s+(?:delayed|pushed|"
        rf"deferred|postponed|moved|rescheduled)\b",
    ),
    _trigger(
        "production_start",
        rf"\b(?:start|beginning|commencement|restart)\s+of\s+(?:commercial\s+)?production\b|"
        rf"\b(?:commercial\s+)?production\s+(?:start|start-?up|commencement|restart)\b|"
        rf"\bcommercial\s+production\b|\b(?:begin|began|start|started|commence|commenced|restart|"
        rf"restarted)\s+(?:commercial\s+)?production\b|"
        rf"\bproduction\s+(?:{_W}){{0,5}}?(?:to\s+)?(?:begin|began|begun|start|started|commence|"
        rf"commenced)\b",
    ),
    _trigger(
        "permit_decision",
        r"\b(?:permit|licen[cs]e|approval|authori[sz]ation|environmental\s+assessment)\s+decision\b",
    ),
    _trigger(
        "permit_decision",
        r"\b(?:environmental\s+(?:compliance\s+)?approval|(?:mining|environmental|construction|"
        r"operating|water|air|closure)\s+(?:permit|licen[cs]e)|permits?|licen[cs]es?|"
        r"approvals?|authori[sz]ations?)\b",
        needs_wording=True,
    ),
    _trigger(
        "financing_close",
        rf"\bfinancial\s+close\b|\b(?:project\s+)?financing\s+(?:{_W}){{0,4}}?(?:close|closed|"
        rf"closes|closing)\b|\bclos(?:e|ed|es|ing)\s+(?:of\s+)?(?:an?\s+|the\s+|its\s+)?"
        rf"(?:[\w$.,\-]+\s+){{0,4}}?(?:financing|debt\s+facility|loan|credit\s+facility)\b",
        subject="organization",
    ),
    _trigger(
        "contract_award",
        r"\bcontract\s+award\b|\b(?:awarded|awards|award|awarding)\b(?:\s+[\w.&'’\-]+){0,6}?\s+"
        r"contract\b|\bcontract\s+(?:was|has\s+been|will\s+be|is\s+expected\s+to\s+be)\s+awarded\b",
    ),
    _trigger(
        "funding_round",
        rf"\b(?:raised|raises|raise|raising)\s+(?:{_W}){{0,3}}?{MONEY}|\bfunding\s+round\b|"
        rf"\bprivate\s+placement\b|\bbought\s+deal\b",
        subject="organization",
    ),
)

_ACTUAL = re.compile(
    r"\b(?:began|begun|started|commenced|completed|finished|broke\s+ground|achieved|poured|"
    r"reached|attained|declared|received|obtained|secured|granted|issued|approved|closed|"
    r"awarded|signed|raised|delivered|produced|celebrated|kicked\s+off|got\s+under\s*way|"
    r"(?:is|are|was|now)\s+under\s*way|underway)\b",
    re.IGNORECASE,
)
_REVISED = re.compile(
    r"\b(?:pushed|delayed|delays?|moved|deferred|postponed|revised|rescheduled|slipped|"
    r"pulled\s+forward|brought\s+forward|accelerated|no\s+longer|now\s+(?:expects?|expected|"
    r"targets?|targeted|targeting|anticipates?|anticipated|scheduled|planned|plans|sees|"
    r"forecasts?|estimates?|estimated|set)|updated\s+(?:schedule|timeline|guidance))\b",
    re.IGNORECASE,
)
_ANNOUNCED = re.compile(
    r"\b(?:expect|expects|expected|expecting|plan|plans|planned|planning|target|targets|"
    r"targeted|targeting|schedule|scheduled|anticipate|anticipates|anticipated|will|shall|aims?|"
    r"aimed|intends?|intended|slated|projected|forecast|forecasts|set\s+to|on\s+track|due\s+to|"
    r"proposed|proposes|pending|awaiting|would)\b",
    re.IGNORECASE,
)
_NOT_YET = re.compile(
    r"(?:\b(?:to|will|would|could|should|must|may|might|shall)\s+(?:have\s+)?(?:be|been)\s+"
    r"|\b(?:not|never|yet\s+to)\s+(?:yet\s+)?(?:been\s+)?"
    r"|\b(?:once|if|unless|until|pending|subject\s+to)\b[^,;]*)$",
    re.IGNORECASE,
)
_OLD_PLAN = re.compile(
    r"\b(?:from|than|originally|previously|initially|earlier|instead\s+of|versus|vs\.?)\s+"
    r"(?:[\w'’\-]+\s+){0,2}$",
    re.IGNORECASE,
)
_NEGATION = re.compile(
    r"\b(?:not|never|no\s+longer|cannot|failed\s+to|yet\s+to|without)\b|n['’]t\b", re.IGNORECASE
)
_UNTIL = re.compile(r"\b(?:until|till|before)\s+(?:the\s+)?$", re.IGNORECASE)
_NEGATION_REACH = 60  # how far before its trigger a "not" still negates the event
_STATUS_PATTERNS = (
    (EventStatus.ACTUAL, _ACTUAL),
    (EventStatus.REVISED, _REVISED),
    (EventStatus.ANNOUNCED, _ANNOUNCED),
)


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    trigger: _Trigger


def _triggers(sentence: str) -> list[_Hit]:
    hits: list[_Hit] = []
    for trigger in TRIGGERS:
        for match in trigger.pattern.finditer(sentence):
            overlaps = any(match.start() < h.end and h.start < match.end() for h in hits)
            same = any(h.trigger.attribute == trigger.attribute for h in hits)
            if not overlaps and not same:
                hits.append(_Hit(match.start(), match.end(), trigger))
    return sorted(hits, key=lambda h: h.start)


def _status(sentence: str, start: int, end: int) -> tuple[EventStatus, int] | None:
    for status, pattern in _STATUS_PATTERNS:
        for match in pattern.finditer(sentence, start, end):
            if status is EventStatus.ACTUAL and _NOT_YET.search(sentence[start : match.start()]):
                continue
            return status, match.start()
    return None


def _negated(sentence: str, clause_start: int, hit: _Hit) -> int | None:
    """Where a negation of the event ends ("did not begin construction"), if there is one."""
    start = max(clause_start, hit.start - _NEGATION_REACH)
    window = sentence[start : hit.end]
    start += max(window.rfind(",", 0, hit.start - start), window.rfind(";", 0, hit.start - start))
    start = max(start, clause_start)
    found = list(_NEGATION.finditer(sentence, start, hit.end))
    return found[-1].end() if found else None


def _despite_negation(
    sentence: str, dates: Sequence[DateMention], after: int, end: int
) -> tuple[EventStatus, DateMention] | None:
    """Status and date of a negated event the sentence still dates ("not ... until 2027")."""
    later = [d for d in dates if after <= d.start and d.end <= end]
    for mention in later:
        if _UNTIL.search(sentence, after, mention.start):
            return EventStatus.ANNOUNCED, mention
    for status, pattern in ((EventStatus.REVISED, _REVISED), (EventStatus.ANNOUNCED, _ANNOUNCED)):
        for match in pattern.finditer(sentence, after, end):
            dated = [d for d in later if d.start >= match.end()]
            if dated:
                return status, dated[0]
    return None


def _event_date(
    sentence: str, dates: Sequence[DateMention], start: int, end: int, anchor: int
) -> DateMention | None:
    inside = [d for d in dates if start <= d.start and d.end <= end]
    after = [d for d in inside if d.start >= anchor]
    for mention in after:
        if not _OLD_PLAN.search(sentence[: mention.start]):
            return mention
    before = [d for d in inside if d.start < anchor]
    if before:
        return before[-1]
    return after[0] if after else None


def find_events(
    sentence: str, scope: Scope, dates: Sequence[DateMention], orgs: Sequence[Mention]
) -> list[Fact]:
    """Event facts of a sentence, one per event attribute, in order of mention."""
    hits = _triggers(sentence)
    facts: list[Fact] = []
    free = list(dates)
    for index, hit in enumerate(hits):
        clause_start = hits[index - 1].end if index else 0
        clause_end = hits[index + 1].start if index + 1 < len(hits) else len(sentence)
        found = _status(sentence, clause_start, clause_end)
        if found is None and hit.trigger.needs_wording:
            continue
        negation_end = _negated(sentence, clause_start, hit)
        mention: DateMention | None
        if negation_end is not None:
            dated = _despite_negation(sentence, free, negation_end, clause_end)
            if dated is None:
                continue
            status, mention = dated
        else:
            anchor = max(hit.start, found[1]) if found else hit.start
            mention = _event_date(sentence, free, clause_start, clause_end, anchor)
            if mention is None and (found is None or found[0] is not EventStatus.ACTUAL):
                continue
            status = found[0] if found else EventStatus.ANNOUNCED
        if mention is not None:
            free.remove(mention)
        if hit.trigger.subject == "project":
            subject = scope.project_subject(sentence)
        else:
            subject = scope.organization_before(hit.start, orgs) or scope.target
        facts.append(
            Fact(
                hit.start,
                ClaimType.SIGNAL,
                subject=subject,
                attribute=hit.trigger.attribute,
                value=mention.text if mention else sentence[hit.start : hit.end],
                event_status=status,
                event_date=mention.value if mention else None,
                entities=(subject,),
            )
        )
    return facts
