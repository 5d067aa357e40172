"""People with a role: the CONTACT facts of a sentence (and a CEO's ENTITY fact).

Patterns, tried in this order (the first reading of a name wins):

1. "NAME, TITLE at/of/with/for ORG" -- also "said NAME, TITLE ...", "NAME, ORG's TITLE"
2. "NAME is/was/serves as/works as (the) TITLE at/of ORG" -- also "NAME is ORG's TITLE"
3. "NAME has been appointed/named/promoted (to/as) TITLE (at ORG)"
4. "ORG appointed/named/hired NAME as (its) TITLE"
5. "NAME (TITLE)" and "NAME (TITLE, ORG)"
6. "ORG TITLE NAME" / "ORG's TITLE NAME" / "TITLE NAME" ("VP Projects Sylvain Goyette")

A name needs a given-name-or-initial plus surname shape with no organization, place, title or
filler word (so "Eagle's Nest Project" is no one). "at the company" / "the company's" mean the
target when the document names it; otherwise a missing organization stays None. E-mail
addresses and linkedin.com/in/ URLs in the sentence go to the person they name (or to the only
person in the sentence).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from engine.claims.entities import Mention
from engine.claims.facts import Fact, Scope
from engine.claims.lexicon import ORG_KEYWORDS
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
from engine.models import ClaimType, Person

_COMPANY = r"the\s+(?:company|firm|miner|developer|group|organi[sz]ation|business)"
_AT_ORG = rf"(?:\s+(?:at|of|with|for)\s+(?:(?P<company>{_COMPANY})|(?:the\s+)?(?P<org>{ORG})))?"
_ARTICLE = r"(?:the\s+|a\s+|an\s+|its\s+|their\s+)?"
_OWNER = rf"(?:(?P<owner>{ORG})['’]s\s+)?"

_NAME_FIRST = (
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
_TITLE_RE = re.compile(TITLE)
_NAME_AFTER = re.compile(rf"\s+(?P<name>{NAME})")
_ORG_BEFORE = re.compile(rf"(?P<org>{ORG})(?:['’]s)?\s+$")
_COMPANY_BEFORE = re.compile(rf"\b{_COMPANY}['’]s\s+$", re.IGNORECASE)
_EMAIL = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")
_LINKEDIN = re.compile(r"(?:https?://)?(?:[a-z]{2,3}\.)?linkedin\.com/in/[\w\-%]+/?", re.IGNORECASE)
_CEO = re.compile(r"\b(?:ceo|chief\s+executive)\b", re.IGNORECASE)


@dataclass(frozen=True)
class _Found:
    start: int
    name: str
    title: str
    organization: str | None


def _organization(raw: str | None, company: bool, scope: Scope) -> str | None:
    if company:
        return scope.the_company()
    if raw is None:
        return None
    name = clean_org(raw)
    if name is None:
        return None
    return scope.target if same_org(name, scope.target) else name


def _from_pattern(match: re.Match[str], scope: Scope, *, name_first: bool) -> _Found | None:
    title = clean_title(match.group("title"))
    if not is_title(title):
        return None
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
            if words[0].lower() not in ORG_KEYWORDS:
                break
            before, words = before + words[0] + " ", words[1:]
            org_match = _ORG_BEFORE.search(before)
        raw_org = org_match.group("org") if org_match else None
        company = _COMPANY_BEFORE.search(before) is not None
        organization = _organization(raw_org, company, scope)
        found.append(_Found(after.start("name"), name, " ".join(words), organization))
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
    """CONTACT facts for each person with a role in the sentence (one per name)."""
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
    people: dict[str, _Found] = {}
    for candidate in found:
        key = candidate.name.lower()
        known = people.get(key)
        if known is None or (known.organization is None and candidate.organization is not None):
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
        if person.organization and _CEO.search(person.title):
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
