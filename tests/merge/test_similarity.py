"""Bounded Damerau-Levenshtein distance, typo limits and deletion variants (similarity.py)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.merge.similarity import (
    damerau_levenshtein,
    deletion_variants,
    typo_limit,
    within_typo_limit,
)


@pytest.mark.parametrize(
    ("first", "second", "distance"),
    [
        ("carver", "carver", 0),
        ("carver", "karver", 1),  # substitution
        ("carver", "carvr", 1),  # deletion
        ("carver", "carvers", 1),  # insertion
        ("carver", "cravre", 2),  # two adjacent swaps
        ("micheal", "michael", 1),  # one adjacent swap
        ("abc", "", 3),
    ],
)
def test_distance(first: str, second: str, distance: int) -> None:
    assert damerau_levenshtein(first, second) == distance
    assert damerau_levenshtein(second, first) == distance


def test_limit_caps_the_answer() -> None:
    assert damerau_levenshtein("bartholomew", "smith", limit=2) == 3
    assert damerau_levenshtein("carver", "karver", limit=1) == 1


def test_typo_limit_by_length() -> None:
    assert [typo_limit(n) for n in (1, 4, 5, 8, 9, 15)] == [0, 0, 1, 1, 2, 2]
    assert not within_typo_limit("jame", "james")  # the shorter has 4 letters
    assert within_typo_limit("jamesx", "james")


_WORDS = st.text(alphabet="abcde", max_size=7)


@settings(max_examples=300, deadline=None)
@given(_WORDS, _WORDS)
def test_limit_never_changes_a_distance_within_it(first: str, second: str) -> None:
    full = damerau_levenshtein(first, second)
    for limit in (0, 1, 2):
        assert damerau_levenshtein(first, second, limit) == min(full, limit + 1)


@settings(max_examples=300, deadline=None)
@given(_WORDS, _WORDS)
def test_words_within_k_share_a_deletion_variant(first: str, second: str) -> None:
    distance = damerau_levenshtein(first, second)
    if distance <= 2:
        assert deletion_variants(first, distance) & deletion_variants(second, distance)


def test_deletion_variants_include_the_word() -> None:
    assert deletion_variants("abc", 1) == {"abc", "bc", "ac", "ab"}
    assert deletion_variants("abc", 0) == {"abc"}
