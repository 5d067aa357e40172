"""Timeline events in a sentence: which event, its status, its date (SIGNAL facts).

Events (registry attributes): construction_start, construction_complete, production_start,
operations_start, first_production, commissioning, groundbreaking, feasibility_complete,
permit_decision, financing_close, contract_award, funding_round. The kind follows the verb and
noun: "operations are expected to begin" / "become operational" / "come online" is
operations_start, "the first data hall was commissioned" commissioning, "construction starting
in 2027" / "aims to be in construction by 2030" construction_start, "production beginning in
2030" / "will start production" / "plans to produce ... by 2030" production_start. Several
events in one sentence each get the clause between their neighbours ("construction is expected
to begin in Q3 2025, with first production planned for early 2028" gives two events).

Status from the wording nearest the trigger in its clause (on a tie the stronger, in this
order); wording about the old plan ("originally planned for") does not count:
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
commissioning"; value = the trigger), and an ACTUAL event never takes a date from another
clause ("construction is under way, and operations are expected to begin in the second quarter
of 2027": construction ACTUAL with no date, operations ANNOUNCED April 2027).
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
        r"\b(?:re-?)?commissioning\b|\bcommission(?:ed|s)?\s+(?:the\s+)?(?:first\s+)?(?:plant|"
        r"mill|mine|facility|project|concentrator|refinery|smelter|data\s+halls?|units?|phase)\b|"
        r"\b(?:plant|mill|facility|data\s+halls?|building|units?|phase|line)\s+(?:[\w\-]+\s+){0,3}?"
        r"(?:is\s+|was\s+|be\s+|been\s+|being\s+)?commissioned\b",
    ),
    _trigger(
        "construction_complete",
        rf"\b(?:completion|end)\s+of\s+construction\b|\bconstruction\s+completion\b|"
        rf"\b(?:complete|completed|completes|completing|finish|finished)\s+construction\b|"
        rf"\bconstruction\s+(?:{_W}){{0,5}}?(?:be\s+)?(?:complete|completed|finished)\b|"
        rf"\b(?:project|campus|facility|plant|factory|fab|mine|building|headquarters)\s+"
        rf"(?:will|would|should|is\s+(?:expected|scheduled|slated|due)\s+to)\s+(?:now\s+)?be\s+"
        rf"(?:complete|completed|finished|done|fully\s+built)\b",
    ),
    _trigger(
        "construction_start",
        rf"\b(?:start|beginning|commencement|launch)\s+of\s+(?:full[- ]scale\s+|major\s+|main\s+)?"
        rf"construction\b|\bconstruction\s+(?:start|commencement|kick-?off)\b|"
        rf"\b(?:begin|began|begun|begins|beginning|start|started|starts|starting|commence|"
        rf"commenced|commences|commencing)\s+(?:full[- ]scale\s+|major\s+|main\s+)?construction\b|"
        rf"\bconstruction\s+(?:{_W}){{0,6}}?(?:to\s+)?(?:begin|began|begun|begins|beginning|start|"
        rf"started|starts|starting|commence|commenced|commences|commencing|get\s+under\s*way|"
        rf"got\s+under\s*way|(?:is|was|has\s+been|now)\s+under\s*way|kick(?:ed)?\s+off)\b|"
        rf"\b(?:be|is|are)\s+(?:in|under)\s+construction\s+(?=by\b|in\b|before\b)|"
        rf"\bconstruction\s+(?:{_W}){{0,3}}?(?:was|has\s+been|is|will\s+be)\s+(?:delayed|pushed|"
        rf"deferred|postponed|moved|rescheduled)\b",
    ),
    _trigger(
        "production_start",
        rf"\b(?:start|beginning|commencement|restart)\s+of\s+(?:commercial\s+)?production\b|"
        rf"\b(?:commercial\s+)?production\s+(?:start|start-?up|commencement|restart)\b|"
        rf"\bcommercial\s+production\b|\b(?:begin|began|begins|beginning|start|started|starts|"
        rf"starting|commence|commenced|restart|restarted)\s+(?:commercial\s+)?production\b|"
        rf"\bproduction\s+(?:{_W}){{0,5}}?(?:to\s+)?(?:begin|began|begun|begins|beginning|start|"
        rf"started|starts|starting|commence|commenced)\b|"
        rf"\b(?:be|is|are)\s+in\s+production\s+(?=by\b|in\b|before\b)|"
        rf"\bplans?\s+to\s+(?:start\s+)?produc(?:e|ing)\b",
    ),
    _trigger(
        "operations_start",
        rf"\b(?:start|beginning|commencement)\s+of\s+(?:commercial\s+|full\s+)?operations?\b|"
        rf"\b(?:commercial\s+)?operations\s+(?:{_W}){{0,5}}?(?:to\s+)?(?:begin|began|begun|begins|"
        rf"beginning|start|started|starts|starting|commence|commenced)\b|"
        rf"\b(?:begin|began|begins|beginning|start|started|starts|starting|commence|commenced)\s+"
        rf"(?:commercial\s+|full\s+)?operations\b|"
        rf"\b(?:be|become|becomes|became|is|are|was|were|being)\s+(?:fully\s+)?operational\b|"
        rf"\b(?:come|comes|came|coming)\s+online\b|\bgo(?:es)?\s+live\b",
    ),
    _trigger(
        "feasibility_complete",
        r"\b(?:(?:pre-?|bankable\s+|definitive\s+|revised\s+|updated\s+)?feasibility)\s+study\b",
        needs_wording=True,
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
    r"commissioned|energi[sz]ed|went\s+live|came\s+online|became\s+operational|since|"
    r"took\s+place|was\s+held|(?:was|were)\s+(?:on|in)(?=\s+(?:the\s+)?(?:early\s+|late\s+|mid-?)?"
    r"(?:\d|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|spring|summer|fall|autumn|winter))|"
    r"(?:is|are|was|were|been|now)\s+under\s*way|underway)\b",
    re.IGNORECASE,
)
_REVISED = re.compile(
    r"\b(?:pushed|delayed|delays?|moved|deferred|postponed|revised|rescheduled|slipped|"
    r"put\s+off|pushed\s+back|held\s+up|"
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
    r"(?:\b(?:to|will|would|could|should|must|may|might|shall)\s+(?:(?:now|still|also|then|"
    r"soon|only|likely|probably|\w+ly)\s+)?(?:have\s+)?(?:be|been)\s+"
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
# A status word that describes the old plan ("originally planned for Q3 2025").
_FORMER = re.compile(r"\b(?:originally|previously|initially|earlier|once)\s+$", re.IGNORECASE)
# A clause of its own: a date after it belongs to another statement, not to an ACTUAL event.
_OTHER_CLAUSE = re.compile(
    r";|,\s*(?:and|but|while|whereas|with)\b|\s(?:but|while|whereas)\s", re.IGNORECASE
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


def _status(sentence: str, start: int, end: int, hit: _Hit) -> tuple[EventStatus, int] | None:
    """The status word nearest the trigger in its clause (a tie goes to the stronger status):
    in "would not say when ..., but said ... five years from groundbreaking, which was in
    September 2022" the groundbreaking is ACTUAL, whatever the sentence says first."""
    best: tuple[int, int, EventStatus, int] | None = None
    for rank, (status, pattern) in enumerate(_STATUS_PATTERNS):
        for match in pattern.finditer(sentence, start, end):
            if status is EventStatus.ACTUAL and _NOT_YET.search(sentence[start : match.start()]):
                continue
            if _FORMER.search(sentence, max(start, match.start() - 20), match.start()):
                continue
            if match.end() <= hit.start:
                distance = hit.start - match.end()
            elif match.start() >= hit.end:
                distance = match.start() - hit.end
            else:
                distance = 0
            if best is None or (distance, rank) < best[:2]:
                best = (distance, rank, status, match.start())
    return (best[2], best[3]) if best is not None else None


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


_PHASE = re.compile(
    r"\b(?P<label>Mod(?:ule)?|Phase|Fab|Stage|Unit|Building)\s+(?P<n>\d+|I{1,3}|IV|V|One|Two|Three|"
    r"Four)\b"
)
_FIRST = frozenset({"1", "i", "one"})


def _phased(subject: str, sentence: str, end: int) -> str:
    """The subject of an event of a later phase: "Ohio One (Mod 2)"; the first phase (or none
    named) is the project itself, so "Mod 2 ... begin operations in 2032" never revises the
    project's own operations start."""
    found = list(_PHASE.finditer(sentence, 0, end))
    if not found or found[-1].group("n").lower() in _FIRST:
        return subject
    return f"{subject} ({found[-1].group('label')} {found[-1].group('n')})"


def _apart(sentence: str, hit: _Hit, mention: DateMention) -> bool:
    """True when another clause lies between the event and the date ("construction is under
    way, and operations begin in 2027"): an ACTUAL event never takes another event's date."""
    if mention.start >= hit.end:
        return _OTHER_CLAUSE.search(sentence, hit.end, mention.start) is not None
    return _OTHER_CLAUSE.search(sentence, mention.end, hit.start) is not None


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
        found = _status(sentence, clause_start, clause_end, hit)
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
        if mention is not None and status is EventStatus.ACTUAL and _apart(sentence, hit, mention):
            mention = None
        if mention is not None:
            free.remove(mention)
        if hit.trigger.subject == "project":
            subject = _phased(scope.project_subject(sentence), sentence, clause_end)
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
