"""A small engine for attribute rules: a pattern, the attribute it names, and whose fact it is.

Each rule's pattern captures the value in group "v" (and, for rules whose subject is named in
the text, the subject in group "s"). The subject comes from one of:

- "organization": the organization named closest before the match (else the target);
- "before": the organization named before the match, and no fact when none is (a party
  the sentence does not name -- "the Ontario government" -- is not the target);
- "before_or_target": the organization named before the match, else the target (not the
  organization an earlier sentence named: "The private company, owned by Y" after a sentence
  about a rival is still the target);
- "following": the organization named right after the match ("Toronto-based Borealis ..."),
  else as "organization";
- "project": the project the sentence or document is about (Scope.project_subject);
- "named": group "s" -- an organization or known project; "it"/"the company" mean the
  organization named before (Scope.organization_before);
  "the project" means the project subject.

A rule may also name a scope (`qualify`: a suffix for the attribute read from the match and
its sentence, "power_capacity" + "_initial") and render its value (`render`: "15-year" ->
"15 years"); both see the whole match, so a qualifier or unit outside group "v" still counts.

Value kinds: "org" is an organization in its canonical spelling (never the subject itself),
"name" an organization name exactly as stated (legal names), "place" a place without filler
words, "number" and "text" the value as stated.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from engine.claims.entities import Mention
from engine.claims.facts import Fact, Scope, clean_place
from engine.claims.lexicon import COMMON_WORDS, MONTHS, ORG_KEYWORDS
from engine.claims.names import clean_org, same_org
from engine.models import ClaimType

SubjectRule = Literal["organization", "before", "before_or_target", "following", "project", "named"]
ValueKind = Literal["text", "place", "org", "name", "number"]

_PRONOUN_SUBJECTS = re.compile(
    r"^(?:it|its|the\s+(?:company|firm|miner|developer|group|business))$", re.IGNORECASE
)
_PROJECT_WORD = re.compile(r"\b(?:project|mine|deposit|property)\b", re.IGNORECASE)
_PROJECT_SUBJECTS = re.compile(r"^(?:the\s+)?(?:project|mine|deposit|property)$", re.IGNORECASE)


@dataclass(frozen=True)
class Rule:
    """One attribute pattern.

    project_type: the claim is an OPPORTUNITY when its subject is a known project.
    needs_project: the rule applies only to sentences that name a project (or say "project").
    qualify: the attribute's scope suffix ("_initial", "_phase_1") from the match, or "".
    render: the value from the match (instead of group "v" as stated).
    needs: a quick pattern (a keyword) the sentence must contain before the rule is tried.
    """

    attribute: str
    claim_type: ClaimType
    pattern: re.Pattern[str]
    subject: SubjectRule = "organization"
    value_kind: ValueKind = "text"
    project_type: bool = False
    needs_project: bool = False
    qualify: Callable[[re.Match[str], str], str] | None = None
    render: Callable[[re.Match[str], str], str | None] | None = None
    needs: re.Pattern[str] | None = None  # a cheap test the sentence must pass first


def canonical(name: str, scope: Scope) -> str:
    """The target's or a known project's own spelling for a name, else the name."""
    if same_org(name, scope.target):
        return scope.target
    return scope.project_index.canonical(name) or name


def _place_parts(place: str, scope: Scope) -> str:
    """The place without comma parts that are organizations ('Sudbury, Borealis Nickel')."""
    kept: list[str] = []
    for part in place.split(","):
        words = part.split()
        if not words or same_org(part, scope.target) or words[-1].lower() in ORG_KEYWORDS:
            break
        kept.append(part.strip())
    return ", ".join(kept)


def _value(raw: str, kind: ValueKind, scope: Scope) -> str | None:
    text = " ".join(raw.split())
    if kind == "place":
        words = _place_parts(clean_place(text), scope).split()
        while words and words[0].lower().rstrip(",") in COMMON_WORDS:
            words.pop(0)
        if not words or words[0].lower().rstrip(",") in MONTHS:
            return None
        return " ".join(words)
    if kind in ("org", "name"):
        org = clean_org(text)
        return canonical(org, scope) if org and kind == "org" else org
    value = text.strip().rstrip(",;:")
    if kind == "number":
        return value or None
    return value.rstrip(".") or None


def _subject(
    rule: Rule, match: re.Match[str], sentence: str, scope: Scope, orgs: Sequence[Mention]
) -> str | None:
    if rule.subject == "project":
        return scope.project_subject(sentence)
    if rule.subject == "following":
        after = [m for m in orgs if match.end() <= m.start <= match.end() + 2]
        if after:
            return after[0].name
    if rule.subject == "named" and "s" in match.re.groupindex and match.group("s"):
        raw = " ".join(match.group("s").split())
        if _PRONOUN_SUBJECTS.match(raw):
            return scope.organization_before(match.start(), orgs)
        if _PROJECT_SUBJECTS.match(raw):
            return scope.project_subject(sentence)
        projects = scope.project_index.find(raw)
        if projects and raw[: projects[0].start].strip().lower() in ("", "the"):
            return projects[0].name
        named = clean_org(raw)
        return canonical(named, scope) if named else None
    if rule.subject in ("before", "before_or_target"):
        named = scope.organization_before(match.start(), orgs, default=False)
        return named if named or rule.subject == "before" else scope.target
    return scope.organization_before(match.start(), orgs)


def _value_span(match: re.Match[str]) -> tuple[int, int]:
    """Where the value is: group "v", else an alternative's "v2"."""
    for name in ("v", "v2"):
        if name in match.re.groupindex and match.start(name) >= 0:
            return match.span(name)
    return match.span()


def apply_rules(
    rules: Sequence[Rule], sentence: str, scope: Scope, orgs: Sequence[Mention]
) -> list[Fact]:
    """Facts from every rule match; one per (attribute, subject, value), first match wins."""
    facts: list[Fact] = []
    seen: set[tuple[str, str, str]] = set()
    taken: list[tuple[int, int]] = []
    names_project = scope.project_in(sentence) is not None or bool(_PROJECT_WORD.search(sentence))
    for rule in rules:
        if rule.needs_project and not names_project:
            continue
        if rule.needs is not None and rule.needs.search(sentence) is None:
            continue
        for match in rule.pattern.finditer(sentence):
            start, end = _value_span(match)
            if any(start < t_end and t_start < end for t_start, t_end in taken):
                continue
            raw = rule.render(match, sentence) if rule.render else match.group("v")
            value = _value(raw, rule.value_kind, scope) if raw else None
            subject = _subject(rule, match, sentence, scope, orgs)
            if value is None or subject is None:
                continue
            if rule.value_kind == "org" and same_org(subject, value):
                continue
            attribute = rule.attribute + (rule.qualify(match, sentence) if rule.qualify else "")
            key = (attribute, subject.lower(), value.lower())
            taken.append((start, end))
            if key in seen:
                continue
            seen.add(key)
            claim_type = rule.claim_type
            if rule.project_type and subject != scope.target and subject in scope.project_index:
                claim_type = ClaimType.OPPORTUNITY
            entities = (subject, value) if rule.value_kind == "org" else (subject,)
            facts.append(
                Fact(
                    match.start(),
                    claim_type,
                    subject=subject,
                    attribute=attribute,
                    value=value,
                    entities=entities,
                    end=match.end(),
                )
            )
    return facts
