"""Text normalization shared by the merge: plain keys for names, organizations and values.

Two strings that differ only in case, accents, punctuation, white space or (for
organizations) a legal-form suffix normalize to the same key. Letters and digits of every
script are kept ('Газпром' stays 'газпром'); letters NFKD cannot strip (ø, ł, ß, æ, œ, þ, đ,
ı) are transliterated, and curly apostrophes are dropped like the straight one.
"""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[\W_]+")
_APOSTROPHES = re.compile("['\u2018\u2019\u02bc]")
# Letters that NFKD does not decompose into a base letter plus an accent.
_TRANSLITERATION = str.maketrans(
    {"ø": "o", "ł": "l", "ß": "ss", "æ": "ae", "œ": "oe", "þ": "th", "đ": "d", "ı": "i"}
)

# Legal forms and generic corporate words dropped from the end of organization names.
_COMPANY_SUFFIXES: frozenset[str] = frozenset(
    {
        "inc",
        "incorporated",
        "corp",
        "corporation",
        "co",
        "company",
        "ltd",
        "limited",
        "llc",
        "llp",
        "lp",
        "plc",
        "pty",
        "pte",
        "gmbh",
        "ag",
        "sa",
        "sas",
        "srl",
        "spa",
        "bv",
        "nv",
        "oy",
        "ab",
        "as",
        "asa",
        "kk",
        "holdings",
        "holding",
        "group",
        "the",
    }
)


def fold(text: str) -> str:
    """Case-fold, strip accents, turn every run of non-letters/digits into one space."""
    folded = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).casefold())
    bare = "".join(ch for ch in folded if not unicodedata.combining(ch))
    bare = _APOSTROPHES.sub("", bare.translate(_TRANSLITERATION).replace("&", " and "))
    return _NON_WORD.sub(" ", bare).strip()


def normalize_organization(name: str) -> str:
    """Key for an organization name: folded, legal-form suffixes and a leading 'the' removed.

    'Wyloo Metals Pty Ltd' and 'wyloo metals' give the same key; a name made only of
    suffix words keeps them (so 'Holdings Ltd' does not become empty).
    """
    words = fold(name).split()
    if words and words[0] == "the":
        words = words[1:]
    trimmed = list(words)
    while trimmed and trimmed[-1] in _COMPANY_SUFFIXES:
        trimmed.pop()
    return " ".join(trimmed or words)


def normalize_subject(subject: str) -> str:
    """Key for the subject of a fact (an organization, project or place)."""
    return normalize_organization(subject)
