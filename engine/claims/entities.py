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

from engine.claims.lexicon import (
    COMMON_WORDS,
    MONTHS,
    ORG_KEYWORDS,
    PROJECT_TRAILERS,
    PROJECT_WORDS,
    PUBLIC_BODY_WORDS,
    STRONG_TITLE_CORES,
    TITLE_MODIFIERS,
    TITLE_WORDS,
    WEAK_TITLE_CORES,
)
from engine.claims.lexicon import (
    ORG_KEYWORDS as _ORG_WORDS,
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
    """A named thing found at [start, end) of a sentence; name is its canonical form.

    aside: the name sits in an appositive or parenthesis ("Borealis, a subsidiary of Tamarack
    Resources, employs ..."), so it is not what the sentence is about.
    """

    start: int
    end: int
    name: str
    aside: bool = False


_EXTRA_PROJECT_WORDS = frozenset({"campus", "site"})
_MAGNITUDES = frozenset({"million", "billion", "thousand", "trillion"})
_BODY_AFTER = frozenset(
    """board agency authority corporation corp council commission bank fund department
    ministry office group partners company inc ltd llc association district committee
    partnership alliance coalition foundation institute administration commission""".split()
)
_CAP_RUN = re.compile(rf"{ORG_TOKEN}(?:\s+(?:(?:&|of|de)\s+)?{ORG_TOKEN})+")
_SUFFIXED_ORG = re.compile(rf"{ORG_TOKEN}(?:\s+(?:&\s+)?{ORG_TOKEN}){{0,5}},?\s+{ORG_SUFFIX}")
_PROJECT = re.compile(
    rf"(?<![\w\-–])((?:{ORG_TOKEN}\s+){{0,4}}{ORG_TOKEN})\s+"
    rf"(?:(?P<trailer>{'|'.join(sorted(PROJECT_TRAILERS))})\s+)?"
    rf"(?i:{'|'.join(sorted(PROJECT_WORDS | _EXTRA_PROJECT_WORDS))})(?![\w])"
    rf"(?!\s+(?i:{'|'.join(sorted(_BODY_AFTER))})\b)"
)
# "the Metro Industrial Development Board", "the Department of Economic Development": a project
# word inside an organization's name is no project.
_AFTER_BODY_OF = re.compile(
    r"\b(?:department|ministry|office|bureau|minister|secretary|agency|division|board|council|"
    r"commission|authority)\s+(?:of|for)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_APOSTROPHES = re.compile(r"['’](?=s\b)|(?<=s)['’](?!\w)")
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
    ordered = sorted(found, key=lambda m: (m.start, m.end))
    return [_mark_aside(sentence, mention) for mention in ordered]


_ASIDE_BEFORE = re.compile(
    r"(?:,|\()\s*(?:(?:a|an|the|its|which\s+is|formerly|now)\s+)?(?:[\w’'\-]+\s+){0,4}?"
    r"(?:of|to|by|from|with|for|under|within|at)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_ASIDE_AFTER = re.compile(r"\s*[,)]")


def _mark_aside(sentence: str, mention: Mention) -> Mention:
    """The mention, marked aside when it closes an appositive: ', a subsidiary of X,'."""
    tail = sentence[max(0, mention.start - 80) : mention.start]
    if _ASIDE_AFTER.match(sentence, mention.end) and _ASIDE_BEFORE.search(tail):
        return Mention(mention.start, mention.end, mention.name, aside=True)
    return mention


def project_key(name: str) -> str:
    """What spellings of one project share: "Eagle's Nest", "Eagles Nest", "Eagle’s Nest"."""
    return " ".join(_APOSTROPHES.sub("", name).lower().split())


def project_names(text: str, target: str) -> list[str]:
    """Canonical names of the projects text names, in order of first mention.

    Not a project: a name inside an organization's ("Metro Industrial Development Board"), a
    public body's ("Impact Assessment Agency project"), or a company's one-word name before
    its capitalised commodity ("the Canada Nickel mine").
    """
    names: list[str] = []
    keys: set[str] = set()
    for match in _PROJECT.finditer(text):
        if _AFTER_BODY_OF.search(text, max(0, match.start() - 40), match.start()):
            continue
        trailer = match.group("trailer")
        tokens = match.group(1).split()
        generic = match.group(0).split()[-1].lower() in _EXTRA_PROJECT_WORDS
        if any(_plain(token) in PUBLIC_BODY_WORDS for token in tokens):
            continue
        if len(tokens) == 1 and trailer and trailer[:1].isupper():
            continue
        for index, token in enumerate(tokens[:-1]):
            owner = " ".join(tokens[: index + 1])
            if token.endswith(("'s", "’s")) and (
                same_org(_plain_owner(owner), target)
                or _plain_owner(owner).lower() == (target.split() or [""])[0].lower()
                or _plain(token) in ORG_KEYWORDS
            ):
                tokens = tokens[index + 1 :]
                break
        while tokens and _plain(tokens[0]) in _FILLER:
            tokens.pop(0)
        while tokens and _plain(tokens[0]) in _MAGNITUDES:
            tokens.pop(0)
        company = len(tokens) == 2 and _plain(tokens[-1]) in _ORG_WORDS and tokens[-1][:1].isupper()
        while len(tokens) > 1 and _plain(tokens[-1]) in PROJECT_TRAILERS | PROJECT_WORDS:
            tokens.pop()
        if not tokens or all(_plain(token) in _FILLER for token in tokens):
            continue
        if (company and len(tokens) == 1) or (generic and len(tokens) == 1):
            continue
        name = " ".join(tokens)
        key = project_key(name)
        if same_org(name, target) or key in keys or not name[:1].isupper():
            continue
        keys.add(key)
        names.append(name)
    return names


def _plain_owner(owner: str) -> str:
    return re.sub(r"['’]s$", "", owner)


_WORD = re.compile(r"\w+")


def _spellings(name: str) -> list[str]:
    """A project name as pages write it: "Eagle's Nest", "Eagle’s Nest", "Eagles Nest"."""
    bare = re.sub(r"['’]s\b", "s", name)
    possessive = re.sub(r"(?<=\w\w)s\b(?=\s)", "'s", bare)
    forms = [name, bare, possessive, possessive.replace("'", "’"), name.replace("’", "'")]
    return list(dict.fromkeys(forms))


class ProjectIndex:
    """Known project names, looked up by their first word so matching is linear in a sentence.

    Spellings that differ only by an apostrophe ("Eagle's Nest", "Eagles Nest") are one
    project, named by its first spelling; `find` reports that name for any of them.
    """

    def __init__(self, names: Iterable[str]) -> None:
        given = tuple(dict.fromkeys(name for name in names if name))
        # Keep the caller's tuple when it is already unique: Scope compares it by identity.
        if isinstance(names, tuple) and len(names) == len(given):
            given = names
        self.given: tuple[str, ...] = given
        first_spelling: dict[str, str] = {}
        for name in given:
            first_spelling.setdefault(project_key(name), name)
        unique = tuple(first_spelling.values())
        self.names: tuple[str, ...] = given if len(unique) == len(given) else unique
        spelled = {
            spelling: first_spelling[project_key(name)]
            for name in reversed(given)
            for spelling in _spellings(name)
        }
        self._exact = frozenset(spelled) | frozenset(self.names)
        self._by_lower = {spelling.lower(): name for spelling, name in spelled.items()}
        self._by_first: dict[str, list[tuple[str, str]]] = {}
        odd: list[str] = []
        for spelling in sorted(spelled, key=lambda n: (-len(n), n)):
            first = _WORD.match(spelling)
            if first is None:
                odd.append(spelling)
            else:
                self._by_first.setdefault(first.group(0), []).append((spelling, spelled[spelling]))
        self._odd_names = {spelling: spelled[spelling] for spelling in odd}
        alternatives = "|".join(re.escape(name) for name in odd)
        self._odd = re.compile(rf"(?<![\w])(?:{alternatives})(?![\w])") if odd else None

    def __contains__(self, name: object) -> bool:
        return name in self._exact

    def __len__(self) -> int:
        return len(self.names)

    def canonical(self, name: str) -> str | None:
        """The known project spelled name up to case, else None."""
        return self._by_lower.get(name.lower())

    def find(self, sentence: str) -> list[Mention]:
        """Mentions in sentence, leftmost first, the longest name at a position."""
        found: list[Mention] = []
        end = 0
        for word in _WORD.finditer(sentence):
            if word.start() < end:
                continue
            for spelling, name in self._by_first.get(word.group(0), ()):
                stop = word.start() + len(spelling)
                if sentence.startswith(spelling, word.start()) and not _word_char_at(
                    sentence, stop
                ):
                    found.append(Mention(word.start(), stop, name))
                    end = stop
                    break
        if self._odd is not None:
            odd = [
                Mention(m.start(), m.end(), self._odd_names.get(m.group(0), m.group(0)))
                for m in self._odd.finditer(sentence)
            ]
            found = sorted(found + [m for m in odd if not _overlaps(m, found)], key=_position)
        return found


def _word_char_at(text: str, index: int) -> bool:
    return _WORD.match(text, index) is not None


def _position(mention: Mention) -> tuple[int, int]:
    return mention.start, -mention.end


def find_projects(sentence: str, known: ProjectIndex | Iterable[str]) -> list[Mention]:
    """Mentions of known project names in a sentence, leftmost first, longest name on a tie.

    Pass a ProjectIndex built once (Scope keeps one) to stay linear in the sentence however
    many project names the documents mention.
    """
    index = known if isinstance(known, ProjectIndex) else ProjectIndex(known)
    return index.find(sentence)


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
