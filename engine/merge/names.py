"""Person names for contact resolution: parse a written name, compare two names, blocking keys.

`parse_person_name` folds a name (case, accents, punctuation), reads "Surname, Given" order,
drops honorifics (Dr, Mr, Mrs, Ms, Prof, ...) and suffixes (Jr, Sr, II, III, PhD, P.Eng, MBA, ...),
joins hyphenated names (any dash) and surname particles ("van der Berg" -> "vanderberg"), and
splits the rest into given name, middle names and surname.

`match_names` says how two parsed names match, or None. Surnames must be equal or one small
typo apart (Damerau-Levenshtein 1 from 5 letters, 2 from 9; never for shorter names). Given
names must be equal, nickname-equivalent (Jim/James, Bob/Robert; see `nicknames`), an initial
and a name starting with it (or whose formal name does: "R." and "Bob"), or one small typo
apart when the surnames are equal and the two are not both known distinct names (so never
Alexander/Alexandra). A given-name typo between two real names (Maria/Mario) or in the ending
(Simon/Simone) is only "possible": a question, not a match. A typo in both names, or an initial
with a surname typo, is no match.
Middle names may be absent on either side; present on both, they must agree like given names.
Names equal once spaces are dropped ("Anne-Marie"/"Anne Marie") are exact. A one-word name
matches only itself; "Carver James" matches "James Carver" (swapped order)
when both words are equal. Same surname with a different given name is no match.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from engine.merge.given_names import is_real_given_name
from engine.merge.nicknames import formal_forms, is_known_given_name, is_nickname
from engine.merge.nicknames import nickname_equivalent as _nicknames_agree
from engine.merge.similarity import deletion_variants, typo_limit, within_typo_limit
from engine.merge.text import fold

NameMatch = Literal["exact", "middle", "nickname", "initial", "typo", "swapped", "possible"]

_HONORIFICS: frozenset[str] = frozenset(
    {"dr", "mr", "mrs", "ms", "miss", "mx", "prof", "professor", "sir", "dame", "rev", "hon"}
)
_SUFFIXES: frozenset[str] = frozenset(
    {"jr", "jnr", "sr", "snr", "ii", "iii", "iv", "phd", "dphil", "peng", "mba", "md", "cpa"}
    | {"cfa", "esq", "msc", "bsc", "obe", "mbe", "cbe", "pmp"}
)
_SUFFIX_PAIRS: frozenset[tuple[str, str]] = frozenset({("ph", "d"), ("p", "eng"), ("d", "phil")})
_PARTICLES: frozenset[str] = frozenset(
    {"van", "von", "der", "den", "de", "del", "della", "la", "le", "du", "da", "di", "dos"}
    | {"das", "ter", "ten", "bin", "ibn", "al", "el", "st"}
)
_JOINERS = str.maketrans(
    {
        **dict.fromkeys(["-", "\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2212"], ""),
        **dict.fromkeys(["'", "\u2018", "\u2019", "\u02bc"], ""),
    }
)


@dataclass(frozen=True, slots=True)
class PersonName:
    """A parsed person name: folded tokens, no honorifics or suffixes.

    given is "" for a one-word name (then `surname` holds that word); `key` is the whole
    normalized name as one string (equal keys: the same written name); `compact` is the key
    without spaces ("Anne-Marie Dubois" and "Anne Marie Dubois", "Sean McDonald" and
    "Sean Mc Donald" share it).
    """

    given: str
    middles: tuple[str, ...]
    surname: str
    key: str = field(init=False, compare=False)
    compact: str = field(init=False, compare=False)

    def __post_init__(self) -> None:
        key = " ".join(part for part in (self.given, *self.middles, self.surname) if part)
        object.__setattr__(self, "key", key)
        object.__setattr__(self, "compact", key.replace(" ", ""))

    @property
    def is_single_word(self) -> bool:
        """True for a name of one word (no given name), which matches only itself."""
        return not self.given


def _tokens(text: str) -> list[str]:
    return fold(text.translate(_JOINERS)).split()


def _strip_titles(tokens: list[str]) -> list[str]:
    """Drop leading honorifics and trailing suffixes, keeping at least one word."""
    while len(tokens) > 1 and tokens[0] in _HONORIFICS:
        tokens = tokens[1:]
    while len(tokens) > 1:
        if tokens[-1] in _SUFFIXES:
            tokens = tokens[:-1]
        elif len(tokens) > 3 and (tokens[-2], tokens[-1]) in _SUFFIX_PAIRS:
            tokens = tokens[:-2]
        else:
            break
    return tokens


def _is_decoration(tokens: list[str]) -> bool:
    """True for words that are only honorifics or suffixes ('PhD', 'P. Eng.', 'Jr')."""
    decoration = _SUFFIXES | _HONORIFICS
    return all(token in decoration for token in tokens) or "".join(tokens) in _SUFFIXES


def _reorder_comma(raw: str) -> str:
    """'Carver, James R.' -> 'James R. Carver'; 'James Carver, PhD' -> 'James Carver'."""
    parts = [part for part in raw.split(",") if _tokens(part)]
    kept = [
        part for index, part in enumerate(parts) if index == 0 or not _is_decoration(_tokens(part))
    ]
    if len(kept) >= 2:
        return " ".join([*kept[1:], kept[0]])
    return " ".join(kept) if kept else raw


@lru_cache(maxsize=131072)
def parse_person_name(raw: str) -> PersonName:
    """Parse a written person name into given name, middle names and surname."""
    tokens = _strip_titles(_tokens(_reorder_comma(raw)))
    if not tokens:
        return PersonName(given="", middles=(), surname=raw.strip().lower())
    if len(tokens) == 1:
        return PersonName(given="", middles=(), surname=tokens[0])
    surname_start = len(tokens) - 1
    while surname_start > 1 and tokens[surname_start - 1] in _PARTICLES:
        surname_start -= 1
    return PersonName(
        given=tokens[0],
        middles=tuple(tokens[1:surname_start]),
        surname="".join(tokens[surname_start:]),
    )


def given_initials(given: str) -> frozenset[str]:
    """Initials a given name answers to: its own, and its formal names' (Bob -> b, r)."""
    if not given:
        return frozenset()
    return frozenset({given[0]} | {formal[0] for formal in formal_forms(given)})


def _misspelling(first: str, second: str) -> bool:
    """True when two given names a typo apart look like one name misspelt, not two names.

    Not when both are real names (Maria/Mario, Karen/Karin); otherwise when they end alike or
    differ by swapping two adjacent letters (Jonh/John, Micheal/Michael), not by their ending
    (Simon/Simone, Adrian/Adriana).
    """
    if is_real_given_name(first) and is_real_given_name(second):
        return False
    if first[-1] == second[-1]:
        return True
    if len(first) != len(second):
        return False
    diffs = [
        index for index, (one, other) in enumerate(zip(first, second, strict=True)) if one != other
    ]
    return (
        len(diffs) == 2
        and diffs[1] == diffs[0] + 1
        and first[diffs[0]] == second[diffs[1]]
        and first[diffs[1]] == second[diffs[0]]
    )


def match_given_names(first: str, second: str, *, allow_typo: bool) -> NameMatch | None:
    """How two given (or middle) names match: exact, nickname, initial, typo, possible, None.

    "possible": one typo apart but maybe two different names (see `_misspelling`); a question
    for the analyst, never a merge.
    """
    if first == second:
        return "exact"
    if len(first) == 1 or len(second) == 1:
        initial, other = (first, second) if len(first) == 1 else (second, first)
        if len(other) > 1 and initial in given_initials(other):
            return "initial"
        return None
    if _nicknames_agree(first, second):
        return "nickname"
    if (
        allow_typo
        and not (is_known_given_name(first) and is_known_given_name(second))
        and within_typo_limit(first, second)
    ):
        return "typo" if _misspelling(first, second) else "possible"
    return None


def _surnames_match(first: str, second: str) -> Literal["exact", "typo"] | None:
    if first == second:
        return "exact"
    if len(first) > 1 and len(second) > 1 and within_typo_limit(first, second):
        return "typo"
    return None


def _middles_agree(first: tuple[str, ...], second: tuple[str, ...]) -> bool:
    return all(
        match_given_names(one, other, allow_typo=False) is not None
        for one, other in zip(first, second, strict=False)
    )


def match_names(first: PersonName, second: PersonName, *, strict: bool = True) -> NameMatch | None:
    """How two parsed names match (the weakest link decides the kind), or None.

    With strict=False a typo in both names, or an initial with a surname typo, also counts:
    names that are not clearly different, though too far apart to be merged on their own.
    """
    if first.key == second.key:
        return "exact"
    if first.is_single_word or second.is_single_word:
        return None
    if first.compact == second.compact:
        return "exact"
    surname = _surnames_match(first.surname, second.surname)
    if surname is None:
        swapped = (
            len(first.given) > 1
            and len(second.given) > 1
            and first.given == second.surname
            and first.surname == second.given
        )
        return "swapped" if swapped else None
    allow_typo = surname == "exact" or not strict
    given = match_given_names(first.given, second.given, allow_typo=allow_typo)
    initial = given == "initial" or len(first.given) == 1 or len(second.given) == 1
    if given is None or (strict and surname == "typo" and initial):
        return None
    if not _middles_agree(first.middles, second.middles):
        return None
    if given == "possible":
        return "possible"
    if surname == "typo" or given == "typo":
        return "typo"
    if given != "exact":
        return given
    return "middle"


def compare_names(first: str, second: str) -> NameMatch | None:
    """Parse two written names and say how they match, or None."""
    return match_names(parse_person_name(first), parse_person_name(second))


def name_specificity(name: PersonName) -> tuple[int, int, int]:
    """Rank how much a name says: full given name > nickname > initial > none, then middles."""
    if not name.given:
        level = 0
    elif len(name.given) == 1:
        level = 1
    elif is_nickname(name.given):
        level = 2
    else:
        level = 3
    middles = sum(2 if len(middle) > 1 else 1 for middle in name.middles)
    return (level, middles, len(name.key))


def blocking_keys(name: PersonName) -> tuple[str, ...]:
    """Keys under which names that may match meet; names sharing no key are never compared.

    s: exact surname + an initial the given name answers to (initials, nicknames);
    d: a formal form of the given name + the surname with up to its typo limit of letters
       deleted (any two surnames within the limit share one: surname typos);
    e: exact surname + the given name with letters deleted likewise (given-name typos);
    w: the two words sorted (swapped order);
    c: the name without spaces (hyphen or space: "Anne-Marie" and "Anne Marie").
    One-word names get no keys: they match only an identical name, which is grouped before
    blocking.
    """
    if name.is_single_word:
        return ()
    surname, given = name.surname, name.given
    keys = {f"s:{surname}:{initial}" for initial in given_initials(given)}
    keys.add(f"c:{name.compact}")
    if len(given) > 1:
        surname_variants = deletion_variants(surname, typo_limit(len(surname)))
        for formal in formal_forms(given):
            keys.update(f"d:{formal}:{variant}" for variant in surname_variants)
        keys.update(f"e:{surname}:{v}" for v in deletion_variants(given, typo_limit(len(given))))
        low, high = sorted((given, surname))
        keys.add(f"w:{low}:{high}")
    return tuple(sorted(keys))
