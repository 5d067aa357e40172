"""Building blocks for names in text: person-name shape, job titles, organizations, projects.

Regular-expression fragments (NAME, TITLE, ORG) are shared by the person, attribute and
relationship patterns; the functions here decide whether a captured span really is a
person's name, a title or an organization. Upper- and lower-case classes cover Latin letters
with accents, so "José Álvarez" and "Zoë O'Neil" are names.
"""

from __future__ import annotations

import re

from engine.claims.lexicon import (
    COMMON_WORDS,
    JURISDICTION_WORDS,
    MONTHS,
    NAME_STOP_WORDS,
    ORG_SUFFIXES,
    STRONG_TITLE_CORES,
    TITLE_WORDS,
    WEAK_TITLE_CORES,
)

_UPPER = "".join(ch for ch in map(chr, range(0x41, 0x250)) if ch.isalpha() and ch.isupper())
_LOWER = "".join(ch for ch in map(chr, range(0x61, 0x250)) if ch.isalpha() and ch.islower())
U = f"[{re.escape(_UPPER)}]"
L = f"[{re.escape(_LOWER)}]"
_LETTERS = re.escape(_UPPER + _LOWER)

# One word of a person's name: an initial ("J.", "R") or a capitalised word (O'Neil, Jean-Luc).
NAME_TOKEN = rf"{U}(?:\.(?:{U}\.){{0,2}}|[{_LETTERS}]*(?:['’\-][{_LETTERS}]+)*)"
NAME = rf"{NAME_TOKEN}(?:\s+{NAME_TOKEN}){{1,4}}"

_TITLE_ALTERNATIVES = "|".join(
    re.escape(word) for word in sorted(TITLE_WORDS, key=lambda w: (-len(w), w))
)
_TITLE_WORD = rf"(?<![\w\-])(?:{_TITLE_ALTERNATIVES})(?![\w\-])"
TITLE = rf"(?i:{_TITLE_WORD}(?:(?:\s+(?:of|for|and|&)\s+(?:the\s+)?|\s*[-/]\s*|\s+){_TITLE_WORD})*)"

_SUFFIX_ALTERNATIVES = "|".join(re.escape(s) for s in sorted(ORG_SUFFIXES, key=len, reverse=True))
ORG_SUFFIX = rf"(?:{_SUFFIX_ALTERNATIVES})\.?(?![\w])"
ORG_TOKEN = (
    rf"(?:(?:{_SUFFIX_ALTERNATIVES})\.(?!\w)|plc|GmbH"
    rf"|{U}[{_LETTERS}0-9]*(?:['’\-&][{_LETTERS}0-9]+)*"
    rf"|[0-9]{{1,3}}{U}[{_LETTERS}0-9]*)"
)
# A short number inside or ending a name ("Acme 9", "Studio 54"), never a year or an amount.
_ORG_NUMBER = (
    r"[0-9]{1,3}(?![\w%])(?![.,][0-9])(?!\s+(?:years?|months?|weeks?|days?|per|percent|million|billion|"
    r"thousand|tonnes?|tons?|km|kilometres?|miles?|people|employees|jobs)\b)"
)
ORG = (
    rf"{ORG_TOKEN}(?:\s+(?:(?:&|of|de|du|des)\s+)?{ORG_TOKEN}|\s+{_ORG_NUMBER}){{0,6}}"
    rf"(?:,\s+(?:{_SUFFIX_ALTERNATIVES})\.?(?!\w))?"
)

_INITIAL = re.compile(rf"{U}\.?|(?:{U}\.){{2,3}}")
_POSSESSIVE = re.compile(r"['’]s$")
_LOWER_RE = re.compile(L)
_SUFFIX_SET = frozenset(s.lower().rstrip(".") for s in ORG_SUFFIXES)


def _name_word_ok(token: str) -> bool:
    """A full word of a name: capitalised, has lower-case letters, no digits, not a stop word."""
    if _POSSESSIVE.search(token) or any(ch.isdigit() for ch in token):
        return False
    if not token[:1].isupper() or not _LOWER_RE.search(token):
        return False
    parts = [part.lower() for part in re.split(r"[\-]", token) if part]
    return all(part not in NAME_STOP_WORDS for part in parts)


def is_person_name(tokens: list[str]) -> bool:
    """True when tokens look like a given name (or initials) followed by a surname."""
    if not 2 <= len(tokens) <= 5:
        return False
    initials = [bool(_INITIAL.fullmatch(token)) for token in tokens]
    if initials[-1] or sum(initials) > 3:
        return False
    return all(
        is_initial or _name_word_ok(token)
        for token, is_initial in zip(tokens, initials, strict=True)
    )


def best_name_suffix(span: str) -> str | None:
    """The longest run of trailing tokens of span that is a person's name."""
    tokens = span.split()
    for start in range(len(tokens) - 1):
        if is_person_name(tokens[start:]):
            return " ".join(tokens[start:])
    return None


def best_name_prefix(span: str) -> str | None:
    """The longest run of leading tokens of span that is a person's name."""
    tokens = span.split()
    for end in range(len(tokens), 1, -1):
        if is_person_name(tokens[:end]):
            return " ".join(tokens[:end])
    return None


# Two-word titles whose words are ordinary apart: "chief executive", "council member".
_CHIEF_EXECUTIVE = re.compile(
    r"\bchief\s+executive\b|\b(?:council|board|committee|assembly)[\s\-]*member\b", re.IGNORECASE
)


def is_title(text: str) -> bool:
    """True when a run of title words holds a role: a strong core, or a capitalised weak core."""
    if _CHIEF_EXECUTIVE.search(text):
        return True
    for word in re.findall(r"[\w\-]+\.?", text):
        if word.lower() in STRONG_TITLE_CORES:
            return True
        word = word.rstrip(".")
        lowered = word.lower()
        if lowered in STRONG_TITLE_CORES:
            return True
        if lowered in WEAK_TITLE_CORES and word[:1].isupper():
            return True
    return False


_TRAILING_PLACE = re.compile(
    rf"\s+(?:of|for)\s+(?:the\s+)?(?:{'|'.join(sorted(JURISDICTION_WORDS))})$", re.IGNORECASE
)


def clean_title(text: str) -> str:
    """A title with white space collapsed and a trailing connector (or "for District") removed."""
    title = " ".join(text.split())
    title = re.sub(r"\s+(?:of|for|and|&|the)$", "", title, flags=re.IGNORECASE)
    return _TRAILING_PLACE.sub("", title)


def _is_filler(token: str) -> bool:
    lowered = token.lower().rstrip(".,")
    return lowered in COMMON_WORDS or lowered in MONTHS


def clean_org(span: str) -> str | None:
    """An organization name from a captured span: cut at a possessive, trim filler words."""
    tokens = span.replace(",", " ,").split()
    kept: list[str] = []
    for token in tokens:
        if _POSSESSIVE.search(token):
            kept.append(_POSSESSIVE.sub("", token))
            break
        kept.append(token)
    while kept and (_is_filler(kept[0]) or kept[0] in {",", "&", "of"}):
        kept.pop(0)
    while (
        kept
        and kept[-1].lower().rstrip(".") not in _SUFFIX_SET
        and (_is_filler(kept[-1]) or kept[-1] in {",", "&", "of", "de", "du", "des"})
    ):
        kept.pop()
    if not kept or all(token.lower().rstrip(".") in _SUFFIX_SET for token in kept):
        return None
    return " ".join(kept).replace(" ,", ",")


def strip_org_suffix(name: str) -> str:
    """The name without a trailing legal-form suffix ('Acme Mining Inc.' -> 'Acme Mining')."""
    words = name.replace(",", " ").split()
    while len(words) > 1 and words[-1].lower().rstrip(".") in _SUFFIX_SET:
        words.pop()
    return " ".join(words)


def target_pattern(target: str) -> re.Pattern[str]:
    """A pattern for mentions of the target, with or without its legal suffix."""
    words = strip_org_suffix(target).split() or [target.strip() or "?"]
    core = r"\s+".join(re.escape(word) for word in words)
    return re.compile(rf"(?<![\w])(?i:{core}(?:,?\s+{ORG_SUFFIX})?)(?![\w\-])")


def mentions_target(text: str, target: str) -> bool:
    """True when text names the target."""
    return bool(target.strip()) and target_pattern(target).search(text) is not None


def _org_key(name: str) -> str:
    return re.sub(r"[^\w]+", " ", strip_org_suffix(name).lower()).strip()


def same_org(left: str, right: str) -> bool:
    """True when two organization names are equal up to case, punctuation and legal suffix."""
    return _org_key(left) == _org_key(right)
