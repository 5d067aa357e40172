"""The masking rule: no run of 8 or more of the key's characters survives, however it is split.

An endpoint may echo the key without its `sk-` prefix, in another case, or broken up by spaces,
punctuation or invisible characters. The property test checks the rule against an independent,
obviously correct reading of the masked text: its ASCII letters and digits in order, lower case.
"""

from __future__ import annotations

import time
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from engine.llm.replies import contains_secret, mask, scrub
from engine.llm.secrets import MIN_SECRET_RUN, holds_secret, mask_secret, redact, redact_value
from engine.llm.settings import masked

KEY = "sk-proj-TESTKEYq3Zr9Wm2Lx7Vb4Nc8Hd1Pf6Gj0"
BARE = KEY.removeprefix("sk-proj-")
SEPARATORS = [" ", "-", ".", ",", "_", "/", ":", "'", "\u200b", "\u200c", "\u2060", "\ufeff", "\n"]


def reading(text: str) -> str:
    """The text as the rule reads it: ASCII letters and digits only (full-width folded), lower."""
    kept = []
    for char in text:
        folded = unicodedata.normalize("NFKC", char)
        if len(folded) == 1 and folded.isascii() and folded.isalnum():
            kept.append(folded.lower())
    return "".join(kept)


def surviving_runs(text: str, key: str) -> list[str]:
    """Every run of 8 of the key's letters and digits still readable in the text."""
    core, read = reading(key), reading(text)
    runs = {core[i : i + MIN_SECRET_RUN] for i in range(len(core) - MIN_SECRET_RUN + 1)}
    return sorted(run for run in runs if run in read)


def test_an_echo_without_the_prefix_is_masked() -> None:
    text = f"token {BARE} is not valid"
    assert mask_secret(text, KEY) == "token *** is not valid"
    assert surviving_runs(scrub(text, KEY), KEY) == []


def test_a_split_or_recased_echo_is_masked_and_the_rest_of_the_text_kept() -> None:
    split = "TEST KEYq-3Zr9.Wm2L x7Vb\u200b4Nc8Hd1P f6Gj0"
    for text in (f"error: {split} rejected", f"error: {BARE.lower()} rejected"):
        result = mask_secret(text, KEY)
        assert result == "error: *** rejected", result
    assert mask_secret("key ｔｅｓｔｋｅｙｑ３ｚｒ９ end", KEY) == "key *** end"


def test_a_fragment_of_eight_is_masked_and_of_seven_is_not() -> None:
    assert mask_secret(f"x {BARE[5:13]} y", KEY) == "x *** y"
    assert mask_secret(f"x {BARE[5:12]} y", KEY) == f"x {BARE[5:12]} y"


def test_text_without_the_key_is_unchanged() -> None:
    text = "The endpoint refused the request (HTTP 400): model 'gpt-4o-mini' does not exist."
    assert mask_secret(text, KEY) == text
    assert not holds_secret(text, KEY)


def test_masking_cannot_join_two_halves_into_a_new_run() -> None:
    key = "ABCDEFGH12345678"
    assert surviving_runs(mask_secret("ABCD12345678EFGH", key), key) == []


def test_a_short_local_key_is_masked_only_where_it_stands_whole() -> None:
    assert mask_secret("key EMPTY, EMPTYING", "EMPTY") == "key ***, EMPTYING"


def test_every_masking_path_of_the_client_follows_the_rule() -> None:
    text = f"Incorrect API key provided: {BARE[:12]} {BARE[12:]}."
    assert surviving_runs(scrub(text, KEY), KEY) == []
    assert surviving_runs(mask(text, KEY), KEY) == []
    assert surviving_runs(masked(text, KEY), KEY) == []
    assert contains_secret(f"here: {BARE[3:15].upper()}", KEY)


def test_redact_masks_the_environments_key_in_text_and_json_values(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    assert redact(f"bad token {BARE}") == "bad token ***"
    value = redact_value({"error": f"no {BARE[:10]}", "list": [BARE[4:20], 3], BARE: None})
    assert value == {"error": "no ***", "list": ["***", 3], "***": None}
    monkeypatch.delenv("OPENAI_API_KEY")
    assert redact(f"bad token {BARE}") == f"bad token {BARE}"


def test_masking_a_long_text_takes_linear_time() -> None:
    text = ("Lorem ipsum dolor sit amet, consectetur adipiscing elit. " * 20_000) + BARE
    began = time.perf_counter()
    result = mask_secret(text, KEY)
    assert time.perf_counter() - began < 3.0
    assert result.endswith("elit. ***")


keys = st.builds(
    lambda prefix, core: prefix + core,
    st.sampled_from(["", "sk-", "sk-proj-", "sk-svcacct-"]),
    st.text(alphabet="ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz0123456789-_", min_size=8),
).filter(lambda key: len(reading(key)) >= MIN_SECRET_RUN)


@st.composite
def echoes(draw: st.DrawFn) -> tuple[str, str]:
    """A key, and a text quoting a piece of it (8+ characters) split by random separators."""
    key = draw(keys)
    core = "".join(char for char in key if char.isalnum())
    start = draw(st.integers(0, len(core) - MIN_SECRET_RUN))
    end = draw(st.integers(start + MIN_SECRET_RUN, len(core)))
    piece = core[start:end]
    if draw(st.booleans()):
        piece = draw(st.sampled_from([piece.upper(), piece.lower(), piece.swapcase()]))
    split = "".join(
        char + draw(st.sampled_from(["", "", "", *SEPARATORS])) * draw(st.integers(0, 2))
        for char in piece
    )
    filler = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)
    return key, draw(filler) + split + draw(filler) + draw(st.sampled_from(["", key]))


@given(echoes())
def test_no_run_of_eight_key_characters_survives_any_split_echo(echo: tuple[str, str]) -> None:
    key, text = echo
    assert surviving_runs(mask_secret(text, key), key) == []
    assert surviving_runs(scrub(text, key), key) == []
    assert holds_secret(text, key)
