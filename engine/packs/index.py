"""Cached name keys and a name index, so plans and packs match names in near-linear time.

Matching one claim against many names one pair at a time made the dossier plan and the packs
quadratic in the claims. `NameIndex` answers "does any of these names match?" with a few set
look-ups instead, giving exactly the answers of `names_match` / `mentions` / `is_about` (in
engine.packs.facts) tried name by name:

- two names match when the words of their keys are equal or one is a word-prefix of the other,
  so a query's words match some indexed name when one of the query's prefixes is an indexed key,
  or the query is a prefix of an indexed key;
- a statement mentions a name when the words of the name's key appear, contiguous, among the
  words of the folded statement.

The keys of names and folded statements are cached (bounded), as runs repeat them often.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from engine.merge.text import fold, normalize_organization
from engine.models.claims import Claim

CACHE_SIZE = 1 << 16


@lru_cache(maxsize=CACHE_SIZE)
def cached_name_key(name: str) -> str:
    """`normalize_organization(name)`, cached."""
    return normalize_organization(name)


@lru_cache(maxsize=CACHE_SIZE)
def name_words(name: str) -> tuple[str, ...]:
    """The words of a name's comparison key."""
    return tuple(cached_name_key(name).split())


@lru_cache(maxsize=CACHE_SIZE)
def cached_fold(text: str) -> str:
    """`fold(text)`, cached."""
    return fold(text)


@lru_cache(maxsize=CACHE_SIZE)
def padded_fold(text: str) -> str:
    """The folded text with a space at each end, for whole-word substring tests."""
    return f" {cached_fold(text)} "


@lru_cache(maxsize=CACHE_SIZE)
def text_words(text: str) -> tuple[str, ...]:
    """The words of the folded text."""
    return tuple(cached_fold(text).split())


class NameIndex:
    """A set of names, asked whether any of them matches a name, a statement or a claim."""

    def __init__(self, names: Iterable[str]) -> None:
        self._keys: set[tuple[str, ...]] = set()
        self._prefixes: set[tuple[str, ...]] = set()
        self._lengths_by_first: dict[str, set[int]] = {}
        for name in names:
            words = name_words(name)
            if not words:
                continue
            self._keys.add(words)
            self._prefixes.update(words[:end] for end in range(1, len(words) + 1))
            self._lengths_by_first.setdefault(words[0], set()).add(len(words))

    def matches(self, name: str) -> bool:
        """True when `names_match(name, n)` for some indexed name `n`."""
        words = name_words(name)
        if not words:
            return False
        if words in self._prefixes:
            return True
        return any(words[:end] in self._keys for end in range(1, len(words)))

    def in_text(self, text: str) -> bool:
        """True when the folded text holds the key of some indexed name as whole words."""
        words = text_words(text)
        for start, word in enumerate(words):
            for length in self._lengths_by_first.get(word, ()):
                if words[start : start + length] in self._keys:
                    return True
        return False

    def mentioned_by(self, claim: Claim) -> bool:
        """True when `mentions(claim, n)` for some indexed name `n`."""
        if claim.subject and self.matches(claim.subject):
            return True
        if any(self.matches(entity) for entity in claim.entities):
            return True
        return self.in_text(claim.statement)

    def about(self, claim: Claim) -> bool:
        """True when `is_about(claim, n)` for some indexed name `n`."""
        if claim.subject:
            return self.matches(claim.subject)
        return self.mentioned_by(claim)
