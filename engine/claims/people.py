"""People with a role: the CONTACT facts of a sentence (and a CEO's ENTITY fact).

Patterns (of several readings of one name, the one with a title, then an organization, wins):

1. "NAME, TITLE at/of/with/for ORG" -- also "said NAME, TITLE ...", "NAME, ORG's TITLE",
   "NAME, TITLE, ORG, said"; not when a name follows the title ("Sheriff A, Superintendent B":
   the title is B's)
2. "NAME is/was/serves as/works as (the) TITLE at/of ORG" -- also "NAME is ORG's TITLE"
3. "NAME has been appointed/named/promoted (to/as) TITLE (at ORG)"
4. "ORG appointed/named/hired NAME as (its) TITLE"
5. "NAME (TITLE)" and "NAME (TITLE, ORG)"; "NAME, the ORG TITLE" ("the Metro Council member")
6. "ORG TITLE NAME" / "ORG's TITLE NAME" / "TITLE NAME" ("Neskantaga Chief Gary Quisess",
   "Gov. Ann Roe", "Pine County Sheriff A" -- the county is the organization, "County Attorney
   B" keeps it in the title; "company spokesperson C" is the target's; "ORG TITLE and TITLE
   NAME" is one person)
7. no title: ", said NAME", "NAME told/said ...", "ORG's NAME" -- only when the name starts with
   a known given name
A surname alone is the person the document named before in full (surnames.py).

A name needs a given-name-or-initial plus surname shape with no organization, place, title or
filler word (so "Eagle's Nest Project" is no one). "at the company" / "the company's" mean the
target when the document names it; otherwise a missing organization stays None. E-mail
addresses and linkedin.com/in/ URLs in the sentence go to the person they name (or to the only
person in the sentence).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from engine.claims.entities import Mention
from engine.claims.facts import Fact, Scope
from engine.claims.lexicon import (
    JURISDICTION_WORDS,
    ORG_KEYWORDS,
    PLACE_WORDS,
    STRONG_TITLE_CORES,
    TITLE_WORDS,
)
from engine.claims.names import (
    NAME,
    ORG,
    TITLE,
    best_name_prefix,
    best_name_suffix,
    clean_org,
    clean_title,
    is_title,
    same_org,
)
from engine.claims.surnames import expand_surnames
from engine.merge.given_names import is_real_given_name
from engine.merge.text import fold
from engine.models import ClaimType, Person

_COMPANY = r"the\s+(?:company|firm|miner|developer|group|organi[sz]ation|business)"
_AT_ORG = rf"(?:\s+(?:at|of|with|for)\s+(?:(?P<company>{_COMPANY})|(?:the\s+)?(?P<org>{ORG})))?"
_ARTICLE = r"(?:the\s+|a\s+|an\s+|its\s+|their\s+)?"
_OWNER = rf"(?:(?P<owner>{ORG})['’]s\s+)?"

_SPEECH = r"(?:said|says|told|added|explained|noted|stated|wrote|announced|argued|warned)"
_NAME_FIRST = (
    re.compile(
        rf"(?P<name>{NAME}),\s+{_ARTICLE}(?P<title>{TITLE}),\s+(?:the\s+)?(?P<org>{ORG})"
        rf"(?=\s*,|\s+{_SPEECH}\b)"
    ),
    re.compile(rf"(?P<name>{NAME}),\s+{_ARTICLE}{_OWNER}(?P<title>{TITLE}){_AT_ORG}"),
    re.compile(
        rf"(?P<name>{NAME})\s+(?:is|was|has\s+been|had\s+been|remains|serves\s+as|served\s+as|"
        rf"has\s+served\s+as|is\s+currently|currently\s+serves\s+as|works\s+as|worked\s+as|"
        rf"acts\s+as)\s+{_ARTICLE}{_OWNER}(?P<title>{TITLE}){_AT_ORG}"
    ),
    re.compile(
        rf"(?P<name>{NAME})\s+(?:has\s+been|had\s+been|was|is)\s+(?:appointed|named|promoted|"
        rf"hired|elected|confirmed)(?:\s+(?:to|as))?\s+{_ARTICLE}(?:new\s+)?{_OWNER}"
        rf"(?P<title>{TITLE}){_AT_ORG}"
    ),
    re.compile(
        rf"(?P<name>{NAME})\s*\(\s*(?P<title>{TITLE})(?:\s*,\s*|\s+(?:at|of|with)\s+)?"
        rf"(?P<org>{ORG})?\s*\)"
    ),
)
_ORG_APPOINTS = re.compile(
    rf"(?P<owner>{ORG})\s+(?:has\s+)?(?:appointed|named|hired|promoted|welcomed)\s+"
    rf"(?P<name>{NAME})\s+(?:as|to)\s+(?:its\s+|the\s+|their\s+)?(?:new\s+)?(?P<title>{TITLE})"
)
_QUOTED = (
    re.compile(rf"(?:\bsaid|\bsays|\baccording\s+to)\s+(?P<name>{NAME})"),
    re.compile(rf"(?P<name>{NAME})\s+{_SPEECH}\b"),
)
_OWNED_NAME = re.compile(rf"(?P<org>{ORG})['’]s\s+(?P<name>{NAME})")
# "NAME, the ORG TITLE ..." ("Ann Roe, the Metro Council member for District 4"): the phrase.
_APPOSITION = re.compile(rf"(?P<name>{NAME}),\s+(?:the\s+|a\s+|an\s+)?(?P<phrase>{ORG}\s+{TITLE})")
_TITLE_RE = re.compile(TITLE)
_NAME_AFTER = re.compile(rf"\s+(?P<name>{NAME})")
_ORG_BEFORE = re.compile(rf"(?P<org>{ORG})(?:['’]s)?\s+$")
# "Acme Vice President and Ohio Site Manager NAME": one person, two titles, one organization.
_JOINT_TITLE_BEFORE = re.compile(
    rf"(?P<org>{ORG})(?:['’]s)?\s+(?P<first>{TITLE})\s+and\s+(?P<middle>{ORG}\s+)?$"
)
_COMPANY_BEFORE = re.compile(
    rf"\b{_COMPANY}['’]s\s+$|(?:^|[\s,])(?:the\s+)?(?:company|firm)\s+$", re.IGNORECASE
)
_EMAIL = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")
_LINKEDIN = re.compile(r"(?:https?://)?(?:[a-z]{2,3}\.)?linkedin\.com/in/[\w\-%]+/?", re.IGNORECASE)
# A lone adjective of nationality or region before a title is no organization ("Australian
# billionaire Jane Roe", "Canadian Minister ...").
_ADJECTIVE_ORG = re.compile(r"[A-Z][a-z]+(?:ian|ican|ese|ish|ean|ern)")
_CEO = re.compile(r"\b(?:ceo|chief\s+executive)\b", re.IGNORECASE)


@dataclass(frozen=True)
class _Found:
    start: int
    name: str
    title: str | None
    organization: str | None

    @property
    def detail(self) -> tuple[bool, bool]:
        """How much the reading says: a title, then an organization."""
        return (self.title is not None, self.organization is not None)


def _before_person(raw: str) -> str:
    """The organization part of a span that runs on into a titled person ("Ohio Governor Mike
    DeWine" -> "Ohio")."""
    words = raw.split()
    for index, word in enumerate(words[1:], start=1):
        if word.lower().rstrip(".") in STRONG_TITLE_CORES and best_name_prefix(
            " ".join(words[index + 1 :])
        ):
            return " ".join(words[:index])
    return raw


def _organization(raw: str | None, company: bool, scope: Scope) -> str | None:
    if company:
        return scope.the_company()
    if raw is None:
        return None
    raw = _before_person(raw)
    name = clean_org(raw)
    if name is None or _ADJECTIVE_ORG.fullmatch(name):
        return None
    return scope.target if same_org(name, scope.target) else name


def _names_next(sentence: str, end: int) -> bool:
    """True when a person's name starts right after `end` (the title belongs to it)."""
    after = _NAME_AFTER.match(sentence, end)
    return after is not None and best_name_prefix(after.group("name")) is not None


def _from_pattern(match: re.Match[str], scope: Scope, *, name_first: bool) -> _Found | None:
    title = clean_title(match.group("title"))
    if not is_title(title):
        return None
    if name_first and _names_next(match.string, match.end("title")):
        return None  # "Sheriff A, Superintendent B": the title is the next person's
    raw_name = match.group("name")
    name = best_name_suffix(raw_name) if name_first else best_name_prefix(raw_name)
    if name is None:
        return None
    groups = match.groupdict()
    organization = _organization(groups.get("owner"), False, scope) or _organization(
        groups.get("org"), bool(groups.get("company")), scope
    )
    start = match.start("name") + raw_name.find(name.split()[0])
    return _Found(start, name, title, organization)


def _title_then_name(sentence: str, scope: Scope) -> list[_Found]:
    found: list[_Found] = []
    for match in _TITLE_RE.finditer(sentence):
        title = clean_title(match.group(0))
        after = _NAME_AFTER.match(sentence, match.end())
        if not is_title(title) or after is None:
            continue
        name = best_name_prefix(after.group("name"))
        if name is None:
            continue
        before = sentence[: match.start()]
        words = title.split()
        org_match = _ORG_BEFORE.search(before)
        while org_match and len(words) > 1 and words[0][:1].isupper():
            if words[0].lower() not in ORG_KEYWORDS | JURISDICTION_WORDS:
                break
            before, words = before + words[0] + " ", words[1:]
            org_match = _ORG_BEFORE.search(before)
        raw_org = org_match.group("org") if org_match else None
        joint = _JOINT_TITLE_BEFORE.search(before[-160:])
        if joint:
            org_words, first = joint.group("org").split(), joint.group("first").split()
            while len(org_words) > 1 and org_words[-1].lower() in TITLE_WORDS:
                first.insert(0, org_words.pop())  # "Intel Vice" + "President"
            if is_title(" ".join(first)):
                raw_org = " ".join(org_words)
                words = [*first, "and", *(joint.group("middle") or "").split(), *words]
        company = _COMPANY_BEFORE.search(before) is not None
        organization = _organization(raw_org, company, scope)
        found.append(_Found(after.start("name"), name, " ".join(words), organization))
    return found


def _given(name: str) -> bool:
    """True when a name without a title starts with a known given name (or an initial)."""
    first = fold(name.split()[0])
    return len(first.rstrip(".")) == 1 or is_real_given_name(first)


def _quoted(sentence: str, scope: Scope) -> list[_Found]:
    """People named with no title: ", said Ann Roe", "Ann Roe told reporters", "Acme's Ann
    Roe" (the organization kept). The name must start with a known given name."""
    found: list[_Found] = []
    for index, pattern in enumerate(_QUOTED):
        for match in pattern.finditer(sentence):
            raw = match.group("name")
            name = best_name_prefix(raw) if index == 0 else best_name_suffix(raw)
            if name is not None and _given(name):
                found.append(_Found(match.start("name") + raw.find(name), name, None, None))
    for match in _OWNED_NAME.finditer(sentence):
        name = best_name_prefix(match.group("name"))
        organization = _organization(match.group("org"), False, scope)
        if name is None or organization is None or not _given(name):
            continue
        if {word.lower() for word in organization.split()} <= PLACE_WORDS:
            continue  # "Australia's Ann Roe": a place, not an employer
        found.append(_Found(match.start("name"), name, None, organization))
    return found


def _apposition(sentence: str, scope: Scope) -> list[_Found]:
    """ "Ann Roe, the Metro Council member ...": the organization before the title."""
    found: list[_Found] = []
    for match in _APPOSITION.finditer(sentence):
        name = best_name_suffix(match.group("name"))
        words = match.group("phrase").split()
        if name is None:
            continue
        for cut in range(1, len(words)):
            title_match = _TITLE_RE.fullmatch(" ".join(words[cut:]))
            title = clean_title(title_match.group(0)) if title_match else ""
            if title_match and is_title(title):
                organization = _organization(" ".join(words[:cut]), False, scope)
                start = match.start("name") + match.group("name").find(name)
                found.append(_Found(start, name, title, organization))
                break
    return found


def _contact_detail(pattern: re.Pattern[str], sentence: str, name: str, alone: bool) -> str | None:
    values = [m.group(0).rstrip("/") for m in pattern.finditer(sentence)]
    surname = re.sub(r"[^a-z]", "", name.split()[-1].lower())
    for value in values:
        key = re.sub(r"[^a-z]", "", value.lower().split("@")[0].rsplit("/in/", 1)[-1])
        if surname and surname in key:
            return value
    return values[0] if alone and len(values) == 1 else None


def find_people(sentence: str, scope: Scope, organizations: Sequence[Mention]) -> list[Fact]:
    """CONTACT facts for each person with a role in the sentence (one per name).

    A surname alone ("Miranda is Oracle's executive vice president") is the person the
    document named earlier in full, when only one of them has that surname.
    """
    expanded = expand_surnames(sentence, scope.people)
    facts = _find_people(expanded.text, scope)
    if not expanded.shifts:
        return facts
    titled = [f for f in facts if f.person is None or f.person.title is not None]
    return [replace(fact, position=expanded.original(fact.position)) for fact in titled]


def _find_people(sentence: str, scope: Scope) -> list[Fact]:
    found: list[_Found] = []
    for pattern in _NAME_FIRST:
        for match in pattern.finditer(sentence):
            candidate = _from_pattern(match, scope, name_first=True)
            if candidate is not None:
                found.append(candidate)
    for match in _ORG_APPOINTS.finditer(sentence):
        candidate = _from_pattern(match, scope, name_first=False)
        if candidate is not None:
            found.append(candidate)
    found.extend(_title_then_name(sentence, scope))
    found.extend(_apposition(sentence, scope))
    found.extend(_quoted(sentence, scope))
    people: dict[str, _Found] = {}
    for candidate in found:
        key = candidate.name.lower()
        known = people.get(key)
        if known is None or candidate.detail > known.detail:
            people[key] = candidate
    alone = len(people) == 1
    facts: list[Fact] = []
    for person in sorted(people.values(), key=lambda p: p.start):
        detail = Person(
            name=person.name,
            title=person.title,
            organization=person.organization,
            email=_contact_detail(_EMAIL, sentence, person.name, alone),
            linkedin_url=_contact_detail(_LINKEDIN, sentence, person.name, alone),
        )
        entities = tuple(e for e in (person.organization, person.name) if e)
        facts.append(
            Fact(
                person.start,
                ClaimType.CONTACT,
                subject=person.name,
                person=detail,
                entities=entities,
            )
        )
        if person.organization and person.title and _CEO.search(person.title):
            facts.append(
                Fact(
                    person.start,
                    ClaimType.ENTITY,
                    subject=person.organization,
                    attribute="ceo",
                    value=person.name,
                    entities=entities,
                )
            )
    return facts
