"""Untrusted text reads as written in Streamlit's Markdown: no math, emoji, icons, directives
or HTML."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from engine.workspace.text import WORD_JOINER, streamlit_link, streamlit_markdown

J = WORD_JOINER
# What Streamlit's icon, emoji and directive plugins look for: a colon, then a name.
SHORTCODE_START = re.compile(r":[\w/+-]")


def test_dollars_are_escaped_and_colons_broken_invisibly() -> None:
    assert streamlit_markdown("from $1.2B to $900M") == "from \\$1.2B to \\$900M"
    assert streamlit_markdown("email:x@y.example :smile:") == f"email:{J}x@y.example :{J}smile:{J}"
    assert f":{J}red\\[" in streamlit_markdown(":red[alert]")


def test_material_icons_and_directives_cannot_start() -> None:
    for text in (":material/warning:", "run :material/bolt: now", ":red-badge[x]", ":streamlit:"):
        shown = streamlit_markdown(text)
        assert ":material/" not in shown and not SHORTCODE_START.search(shown), shown
        assert shown.replace(J, "").replace("\\", "") == text


def test_a_word_joiner_in_the_text_itself_is_dropped_not_trusted() -> None:
    shown = streamlit_markdown(f"a{J}:{J}material/x:")
    assert shown == f"a:{J}material/x:{J}"


def test_html_and_links_in_text_stay_text() -> None:
    shown = streamlit_markdown("<script>alert(1)</script> [click](javascript:alert(1))")
    assert "\\<script\\>" in shown and "\\[click\\]" in shown


def test_only_web_urls_become_links() -> None:
    assert streamlit_link("Site", "https://example.com/a") == "[Site](<https://example.com/a>)"
    assert streamlit_link("a:b", "https://example.com/a") == f"[a:{J}b](<https://example.com/a>)"
    assert "](" not in streamlit_link("x", "javascript:alert(1)")
    assert streamlit_link("Name", None) == "Name"


@given(st.text(max_size=200))
def test_no_unescaped_dollar_or_unbroken_colon_survives(text: str) -> None:
    shown = streamlit_markdown(text)
    assert not SHORTCODE_START.search(shown)
    for index, char in enumerate(shown):
        if char == "$":
            assert shown[index - 1] == "\\"
        if char == ":":
            assert shown[index + 1 : index + 2] == J
