"""Claim ids and source ids."""

from __future__ import annotations

import pytest

from engine.claims.ids import check_prefix, claim_id, slug, source_id_for
from engine.models import InvalidInput


def test_claim_ids_are_zero_padded_with_the_prefix() -> None:
    assert claim_id("doc", 7) == "doc_007"
    assert claim_id("search", 1234) == "search_1234"


@pytest.mark.parametrize("prefix", ["", "Doc", "doc_x", "1doc", "doc-"])
def test_bad_prefixes_are_rejected(prefix: str) -> None:
    with pytest.raises(InvalidInput, match="prefix"):
        check_prefix(prefix)


def test_negative_numbers_are_rejected() -> None:
    with pytest.raises(InvalidInput):
        claim_id("doc", -1)


def test_source_ids_are_stable_slugs_of_the_path() -> None:
    assert source_id_for("01_ontario_registry.md") == "doc-01-ontario-registry-md"
    assert source_id_for("News/Été 2025.html") == "doc-news-ete-2025-html"
    assert source_id_for("___") == "doc-untitled"
    assert slug("  A  b ") == "a-b"
