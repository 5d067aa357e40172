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


def test_fold_keeps_letters_of_every_script() -> None:
    assert fold("Газпром") == "газпром"
    assert normalize_organization("Газпром") != normalize_organization("Роснефть")
    assert normalize_organization("中国石油") != normalize_organization("中国石化")
    assert fold("Søren Østergaard") == "soren ostergaard"


def test_fold_transliterates_letters_without_accents() -> None:
    assert normalize_organization("Ørsted") == normalize_organization("Orsted")
    assert (
        fold("Łódź Straße Æon Œuvre Þór Đorđe Işık") == "lodz strasse aeon oeuvre thor dorde isik"
    )


def test_fold_treats_curly_apostrophes_like_straight_ones() -> None:
    assert fold("Eagle’s Nest") == fold("Eagle's Nest") == fold("Eagleʼs Nest") == "eagles nest"
