"""Organizations, projects and other named things mentioned in a sentence.

- Organizations: the target (under its canonical name), names ending in a legal form
  ("Carver Logistics Inc."), and capitalised runs ending in an organization word
  ("Northline Engineering", "Tamarack Resources").
- Projects: capitalised names before project/mine/deposit/property ("the Kestrel Lake project",
  "Eagle's Nest Project"), without a leading owner's possessive or a trailing commodity word.
- Other entities: capitalised multi-word runs that are not titles, dates or filler.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from engine.claims.lexicon import (
    COMMON_WORDS,
    MONTHS,
    ORG_KEYWORDS,
    PROJECT_TRAILERS,
    PROJECT_WORDS,
    STRONG_TITLE_CORES,
    TITLE_MODIFIERS,
    TITLE_WORDS,
    WEAK_TITLE_CORES,
)
from engine.claims.names import (
    ORG_SUFFIX,
    ORG_TOKEN,
    best_name_suffix,
    clean_org,
    same_org,
    strip_org_suffix,
    target_pattern,
)


@dataclass(frozen=True)
class Mention:
    """A named thing found at [start, end) of a sentence; name is its canonical form."""

    start: int
    end: int
    name: str


_CAP_RUN = re.compile(rf"{ORG_TOKEN}(?:\s+(?:(?:&|of|de)\s+)?{ORG_TOKEN})+")
_SUFFIXED_ORG = re.compile(rf"{ORG_TOKEN}(?:\s+(?:&\s+)?{ORG_TOKEN}){{0,5}},?\s+{ORG_SUFFIX}")
_PROJECT = re.compile(
    rf"((?:{ORG_TOKEN}\s+){{0,4}}{ORG_TOKEN})\s+"
    rf"(?:(?:{'|'.join(sorted(PROJECT_TRAILERS))})\s+)?"
    rf"(?i:{'|'.join(sorted(PROJECT_WORDS))})(?![\w])"
)
_FILLER = COMMON_WORDS | TITLE_WORDS | frozenset(MONTHS)
_ROLE_WORDS = STRONG_TITLE_CORES | WEAK_TITLE_CORES | TITLE_MODIFIERS
_TRAILING = frozenset(MONTHS) | {"the", "in", "on", "at", "of", "&", "and", "de", "du", "des"}


def _plain(token: str) -> str:
    return re.sub(r"['’]s$", "", token).lower().strip(".,")


def _overlaps(mention: Mention, taken: Iterable[Mention]) -> bool:
    return any(mention.start < other.end and other.start < mention.end for other in taken)


def _without_person(name: str) -> str:
    """'James Carver of Northline Engineering' -> 'Northline Engineering'."""
    head, sep, tail = name.partition(" of ")
    if sep and tail and best_name_suffix(head) == head:
        return tail
    return name


def find_organizations(sentence: str, target: str) -> list[Mention]:
    """Organizations in a sentence, in order; the target is reported under its own name."""
    found: list[Mention] = []
    if target.strip():
        for match in target_pattern(target).finditer(sentence):
            found.append(Mention(match.start(), match.end(), target.strip()))
    for match in _SUFFIXED_ORG.finditer(sentence):
        name = clean_org(match.group(0))
        if name is None:
            continue
        words = name.split()
        while len(words) > 2 and words[0].lower() in _FILLER:
            words.pop(0)
        name = " ".join(words)
        start = match.start() + max(match.group(0).find(words[0]), 0)
        mention = Mention(start, match.end(), name)
        if not _overlaps(mention, found) and not same_org(name, target):
            found.append(mention)
    for match in _CAP_RUN.finditer(sentence):
        tokens = match.group(0).split()
        if _plain(tokens[-1]) not in ORG_KEYWORDS:
            continue
        name = clean_org(match.group(0))
        if name is None or all(_plain(token) in _FILLER for token in name.split()[:-1]):
            continue
        name = _without_person(name)
        start = match.start() + max(match.group(0).find(name.split()[0]), 0)
        mention = Mention(start, match.end(), name)
        if len(name.split()) >= 2 and not _overlaps(mention, found):
            found.append(mention)
    return sorted(found, key=lambda m: (m.start, m.end))


def project_names(text: str, target: str) -> list[str]:
    """Canonical names of the projects text names, in order of first mention."""
    names: list[str] = []
    for match in _PROJECT.finditer(text):
        tokens = match.group(1).split()
        for index, token in enumerate(tokens[:-1]):
            owner = " ".join(tokens[: index + 1])
            if token.endswith(("'s", "’s")) and (
                same_org(_plain_owner(owner), target) or _plain(token) in ORG_KEYWORDS
            ):
                tokens = tokens[index + 1 :]
                break
        while tokens and _plain(tokens[0]) in _FILLER:
            tokens.pop(0)
        while len(tokens) > 1 and _plain(tokens[-1]) in PROJECT_TRAILERS:
            tokens.pop()
        if not tokens or all(_plain(token) in _FILLER for token in tokens):
            continue
        name = " ".join(tokens)
        if same_org(name, target) or name in names or not name[:1].isupper():
            continue
        names.append(name)
    return names


def _plain_owner(owner: str) -> str:
    return re.sub(r"['’]s$", "", owner)


@lru_cache(maxsize=256)
def _projects_pattern(names: tuple[str, ...]) -> re.Pattern[str] | None:
    """One alternation of the known project names, longest first (so the longest wins)."""
    ordered = sorted(set(names), key=lambda n: (-len(n), n))
    if not ordered:
        return None
    alternatives = "|".join(re.escape(name) for name in ordered)
    return re.compile(rf"(?<![\w])(?:{alternatives})(?![\w])")


def find_projects(sentence: str, known: Iterable[str]) -> list[Mention]:
    """Mentions of known project names in a sentence, leftmost first, longest name on a tie.

    One compiled pattern per set of names keeps this linear in the sentence, however many
    project names the documents mention.
    """
    pattern = _projects_pattern(tuple(known))
    if pattern is None:
        return []
    return [Mention(m.start(), m.end(), m.group(0)) for m in pattern.finditer(sentence)]


def other_entities(sentence: str, taken: Iterable[Mention]) -> list[Mention]:
    """Capitalised multi-word names not already taken, without filler words at either end."""
    taken = list(taken)
    found: list[Mention] = []
    for match in _CAP_RUN.finditer(sentence):
        tokens = match.group(0).split()
        while tokens and (_plain(tokens[0]) in _FILLER or tokens[0] in _TRAILING):
            tokens.pop(0)
        while tokens and (_plain(tokens[-1]) in _TRAILING or _plain(tokens[-1]) in _ROLE_WORDS):
            tokens.pop()
        if len(tokens) < 2 or len(tokens) > 6:
            continue
        name = strip_org_suffix(" ".join(tokens)) if len(tokens) > 2 else " ".join(tokens)
        name = re.sub(r"['’]s$", "", name).rstrip(".,")
        start = match.start() + match.group(0).find(tokens[0])
        mention = Mention(start, start + len(" ".join(tokens)), name)
        if not _overlaps(mention, taken + found):
            found.append(mention)
    return found
