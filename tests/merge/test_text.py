"""Shared normalization: names that differ only in form share one key."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from engine.merge.text import fold, normalize_organization


def test_fold_strips_case_accents_and_punctuation() -> None:
    assert fold("  Société  Générale, S.A. ") == "societe generale s a"
    assert fold("O'Neil & Sons") == "oneil and sons"


def test_company_suffixes_and_leading_the_are_dropped() -> None:
    assert normalize_organization("Wyloo Metals Pty Ltd") == "wyloo metals"
    assert normalize_organization("The Hatch Group") == "hatch"
    assert normalize_organization("Tamarack Resources Ltd.") == "tamarack resources"
    assert normalize_organization("Holdings Ltd") == "holdings ltd"


def test_different_companies_keep_different_keys() -> None:
    assert normalize_organization("Hatch Ltd") != normalize_organization("Hatch Mining Ltd")


@given(st.text(max_size=40))
def test_normalization_is_idempotent(text: str) -> None:
    once = fold(text)
    assert fold(once) == once
