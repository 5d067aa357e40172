"""Untrusted text reads as written in Streamlit's Markdown: no math, emoji, directives or HTML."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from engine.workspace.text import streamlit_link, streamlit_markdown


def test_dollars_and_colons_are_escaped() -> None:
    assert streamlit_markdown("from $1.2B to $900M") == "from \\$1.2B to \\$900M"
    assert streamlit_markdown("email:x@y.example :smile:") == "email\\:x@y.example \\:smile\\:"
    assert "\\:red\\[" in streamlit_markdown(":red[alert]")


def test_html_and_links_in_text_stay_text() -> None:
    shown = streamlit_markdown("<script>alert(1)</script> [click](javascript:alert(1))")
    assert "\\<script\\>" in shown and "\\[click\\]" in shown


def test_only_web_urls_become_links() -> None:
    assert streamlit_link("Site", "https://example.com/a") == "[Site](<https://example.com/a>)"
    assert "](" not in streamlit_link("x", "javascript:alert(1)")
    assert streamlit_link("Name", None) == "Name"


@given(st.text(max_size=200))
def test_no_unescaped_dollar_or_colon_survives(text: str) -> None:
    shown = streamlit_markdown(text)
    for index, char in enumerate(shown):
        if char in "$:":
            assert shown[index - 1] == "\\"
