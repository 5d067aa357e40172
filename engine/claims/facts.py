"""What the sentence rules produce (Fact) and what they know about the document (Scope).

A Fact is one recognised statement inside a sentence -- a person, an attribute value, an
event or a signal -- at a position, so a sentence's facts become claims in reading order.
Scope carries the target and the projects named in the corpus and document, and resolves
the subject a fact is about:

- organization facts (HQ, employees, parent ...) and "it"/"the company": the organization
  named closest before the phrase (not one in an aside: "X, a subsidiary of Y, employs ..."
  is about X), else the organization the document named last (the subject of the latest
  sentence naming one) unless that is the target, else the target;
- project facts and events: the project the sentence names, else the only project the document
  names, else the known project the document mentioned last ("The Eagle's Nest deposit lies
  near McFaulds Lake. The deposit holds ..."; "a new campus on Nashville's East Bank"), else
  the only project the corpus names, else the target.

Shared pattern fragments (money, numbers, places) live here too.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from engine.claims.entities import Mention, ProjectIndex
from engine.claims.names import U, same_org
from engine.models import ClaimType, EventStatus, Person

_LETTERS = r"[^\W\d_]"
_CAPITAL_WORD = rf"{U}{_LETTERS}*(?:['’\-\.]{_LETTERS}+)*"
PLACE = (
    rf"{_CAPITAL_WORD}(?:\s+{_CAPITAL_WORD}){{0,3}}"
    rf"(?:,\s+{_CAPITAL_WORD}(?:\s+{_CAPITAL_WORD}){{0,2}}){{0,2}}"
)
MONEY = (
    r"(?-i:(?:US|USD|C|CA|CAD|A|AU|AUD)\s?\$|\$\s?US|\$|€|£|(?:USD|CAD|AUD|EUR|GBP)\s?)\s?"
    r"\d[\d,]*(?:\.\d+)?(?:\s?-?\s?(?:billion|million|thousand|bn|mn)\b|[BMKbm]\b)?"
    r"(?:-plus\b|\+)?(?-i:\s(?:USD|CAD|AUD|EUR|GBP)\b)?"
)
# Words that qualify an amount; kept in a measure's value ("up to $10 billion", "at least 12
# years"), since a bound is part of what the source states (see engine.merge.quantities).
BOUND = (
    r"(?:up\s+to|as\s+much\s+as|as\s+many\s+as|at\s+most|no\s+more\s+than|less\s+than|"
    r"fewer\s+than|under|more\s+than|over|at\s+least|upwards\s+of|in\s+excess\s+of|"
    r"about|approximately|around|roughly|some|nearly|almost|close\s+to|an\s+estimated|"
    r"estimated|just\s+over|just\s+under)"
)
NUMBER = r"(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+(?:\.\d+)?)"
APPROX = (
    r"(?:(?:about|approximately|around|roughly|some|nearly|almost|over|more\s+than|"
    r"fewer\s+than|less\s+than|up\s+to|close\s+to|an\s+estimated)\s+)?"
)


@dataclass(frozen=True)
class Fact:
    """One recognised statement in a sentence, ready to become a claim."""

    position: int
    claim_type: ClaimType
    subject: str | None = None
    attribute: str | None = None
    value: str | None = None
    event_status: EventStatus | None = None
    event_date: date | None = None
    person: Person | None = None
    entities: tuple[str, ...] = ()
    end: int | None = None  # where the matched phrase ends, when known


@dataclass(frozen=True)
class Scope:
    """What the rules know beyond one sentence: the target and the projects named."""

    target: str
    projects: tuple[str, ...] = ()
    document_projects: tuple[str, ...] = ()
    target_in_document: bool = False
    index: ProjectIndex | None = field(default=None, compare=False, repr=False)
    recent_organization: str | None = None
    recent_project: str | None = None  # the project the document named last
    people: tuple[str, ...] = ()  # full names of the people the document named so far

    def __post_init__(self) -> None:
        if self.index is None or (
            self.index.given is not self.projects and self.index.given != self.projects
        ):
            object.__setattr__(self, "index", ProjectIndex(self.projects))

    @property
    def project_index(self) -> ProjectIndex:
        """The known projects, indexed once per scope (pass one index to many scopes)."""
        assert self.index is not None  # set in __post_init__
        return self.index

    def project_in(self, sentence: str) -> str | None:
        """The first known project the sentence names."""
        found = self.project_index.find(sentence)
        return found[0].name if found else None

    def project_subject(self, sentence: str) -> str:
        """The subject of a project fact or event (see the module docstring)."""
        named = self.project_in(sentence)
        if named is not None:
            return named
        index = self.project_index
        in_document = list(dict.fromkeys(index.canonical(n) or n for n in self.document_projects))
        if len(in_document) == 1:
            return in_document[0]
        if self.recent_project is not None:
            return self.recent_project
        if len(index.names) == 1:
            return index.names[0]
        return self.target

    def organization_before(
        self, position: int, organizations: Sequence[Mention], *, default: bool = True
    ) -> str | None:
        """The organization named closest before position, not in an aside (else the default)."""
        before = [m for m in organizations if m.end <= position and not m.aside]
        if before:
            return before[-1].name
        return self.default_organization() if default else None

    def default_organization(self) -> str:
        """Whom a fact without a named subject is about (see the module docstring)."""
        recent = self.recent_organization
        if recent is not None and not same_org(recent, self.target):
            return recent
        return self.target

    def the_company(self) -> str | None:
        """Whom "the company" means: the latest other organization, else the target if named."""
        recent = self.recent_organization
        if recent is not None and not same_org(recent, self.target):
            return recent
        return self.target if self.target_in_document else None


def clean_place(text: str) -> str:
    """A place as stated, without trailing punctuation or a dangling connector."""
    place = text.strip().rstrip(".,;:")
    return re.sub(r",\s*(?:and|the|which|where)$", "", place)
