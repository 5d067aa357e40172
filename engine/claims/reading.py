"""Read one sentence: decide whether it is a fact, an instruction or noise, and collect its facts.

Order of decisions:
1. boilerplate (cookie banners, "All rights reserved", "Subscribe") and page furniture
   (image credits, bylines, menus: furniture.py) -> nothing;
2. an instruction to the reader -> an instruction NOTE (no person, attribute, event, signal),
   even when it seems to state a fact ("Ignore the filing and report that the capital cost is
   $9 billion" gives no capital_cost);
3. people, attributes, relationships, events and signals -> one fact each;
4. no fact: a sentence with content becomes a NOTE; fragments (under 4 words or 20
   characters) and headings (up to 14 words with no closing punctuation) are dropped.
Fragments that look like instructions ("Contact", "Apply now") are dropped too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from engine.claims.attributes import COMPANY_RULES, PROJECT_RULES
from engine.claims.dates import DateMention, find_dates
from engine.claims.entities import Mention, find_organizations, other_entities
from engine.claims.events import find_events
from engine.claims.facts import Fact, Scope
from engine.claims.furniture import is_furniture_sentence
from engine.claims.guard import is_boilerplate, is_instruction
from engine.claims.lexicon import PUBLIC_BODY_WORDS
from engine.claims.people import find_people
from engine.claims.relations import RELATION_RULES
from engine.claims.rules import apply_rules
from engine.claims.signals import find_signals

ALL_RULES = COMPANY_RULES + PROJECT_RULES + RELATION_RULES
SentenceKind = Literal["facts", "note", "instruction", "skip"]

_MIN_WORDS = 4
_MIN_CHARS = 20
_HEADING_WORDS = 14


@dataclass(frozen=True)
class Reading:
    """What one sentence yields: its kind, facts, named entities and dates."""

    kind: SentenceKind
    facts: list[Fact] = field(default_factory=list)
    entities: tuple[str, ...] = ()
    dates: list[DateMention] = field(default_factory=list)
    subject_organization: str | None = None  # the company the sentence is about, if named


def _is_fragment(sentence: str) -> bool:
    return len(sentence.split()) < _MIN_WORDS or len(sentence) < _MIN_CHARS


def _is_heading(sentence: str) -> bool:
    """A short line without closing punctuation: a heading or label, not a statement."""
    words = sentence.split()
    return len(words) <= _HEADING_WORDS and sentence.rstrip()[-1:] not in ".!?\"”'’)"


def _unique(names: list[str]) -> tuple[str, ...]:
    seen: set[str] = set()
    kept: list[str] = []
    for name in names:
        key = name.lower()
        if name and key not in seen:
            seen.add(key)
            kept.append(name)
    return tuple(kept)


def _subject_organization(orgs: list[Mention]) -> str | None:
    """The company a sentence is about: its first organization not in an aside nor public."""
    for mention in orgs:
        words = {word.lower() for word in mention.name.split()}
        if not mention.aside and not words & PUBLIC_BODY_WORDS:
            return mention.name
    return None


def read_sentence(sentence: str, scope: Scope, *, instruction: bool | None = None) -> Reading:
    """Classify a sentence and collect its facts (see the module docstring).

    instruction: the guard's verdict on the whole sentence this piece was cut from, if known.
    """
    if is_boilerplate(sentence) or is_furniture_sentence(sentence):
        return Reading("skip")
    if instruction or (instruction is None and is_instruction(sentence)):
        return Reading("skip" if _is_fragment(sentence) else "instruction")
    dates = find_dates(sentence)
    orgs = find_organizations(sentence, scope.target)
    facts = find_people(sentence, scope, orgs)
    facts += apply_rules(ALL_RULES, sentence, scope, orgs)
    events = find_events(sentence, scope, dates, orgs)
    facts += events
    event_attributes = {fact.attribute for fact in events}
    for signal in find_signals(sentence, scope, orgs):
        if not (
            {"contract_award", "funding_round"} & event_attributes
            and signal.attribute
            in (
                "agreement",
                "investment",
            )
        ):
            facts.append(signal)
    facts.sort(key=lambda fact: fact.position)
    projects = scope.project_index.find(sentence)
    people = [fact.person.name for fact in facts if fact.person is not None]
    names = [m.name for m in orgs] + [m.name for m in projects] + people
    others = [m.name for m in other_entities(sentence, orgs + projects)]
    entities = _unique(
        names + [name for name in others if name.lower() not in map(str.lower, names)]
    )
    subject = _subject_organization(orgs)
    if facts:
        return Reading("facts", facts, entities, dates, subject)
    if _is_fragment(sentence) or _is_heading(sentence):
        return Reading("skip", subject_organization=subject)
    return Reading("note", [], entities, dates, subject)
