"""The token estimate: ceil(characters / 4) of text or of compact JSON, with no tokenizer."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from engine.models.packs import CanonicalTarget
from engine.tokens import compact_json, estimate_tokens


def test_text_is_four_characters_per_token_rounded_up() -> None:
    assert estimate_tokens("") == 0
    assert estimate_tokens("abcd") == 1
    assert estimate_tokens("abcde") == 2
    assert estimate_tokens("x" * 4000) == 1000


def test_non_ascii_counts_characters_not_bytes() -> None:
    assert estimate_tokens("éééé") == 1


def test_model_and_its_dict_estimate_the_same() -> None:
    target = CanonicalTarget(name="Wyloo Metals", domains=["wyloometals.com"], hq_location="Perth")
    assert estimate_tokens(target) == estimate_tokens(target.model_dump(mode="json"))
    assert compact_json(target) == json.dumps(
        target.model_dump(mode="json"), separators=(",", ":"), ensure_ascii=False
    )


@given(st.text(), st.text())
def test_estimate_grows_with_text_and_is_never_negative(head: str, tail: str) -> None:
    assert 0 <= estimate_tokens(head) <= estimate_tokens(head + tail)
