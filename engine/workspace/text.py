"""Untrusted text made safe for Streamlit's Markdown, for every page that shows it.

`escape_markdown` (engine.export.markdown) makes text literal CommonMark. Streamlit's Markdown
adds more syntax on top: `$...$` is LaTeX and `:name:` / `:name[...]` / `:material/name:` are
emoji shortcodes, coloured-text directives and icons, so "$1.2B to $900M" or "email:x@y" would
not read as written. `streamlit_markdown` escapes `$` with a backslash (the math plugin honours
it) and breaks every colon with an invisible word joiner (U+2060): Streamlit's icon and emoji
plugins run after Markdown has removed backslash escapes, so "\\:" would not stop them, while
no shortcode or directive can start with ":" + U+2060. `escape_markdown` drops any format
character the text itself carried, so only these joiners are left. `streamlit_link` links only
http(s) URLs.
"""

from __future__ import annotations

from engine.export.citations import web_url
from engine.export.markdown import escape_markdown

WORD_JOINER = "\u2060"


def streamlit_markdown(text: str) -> str:
    """Untrusted text as literal one-line Markdown for Streamlit (`$` escaped, `:` broken)."""
    return escape_markdown(text).replace("$", "\\$").replace(":", ":" + WORD_JOINER)


def streamlit_link(text: str, url: str | None) -> str:
    """A Markdown link for an http(s) URL, else the text (and the URL) as escaped plain text."""
    safe = web_url(url)
    if safe is not None:
        return f"[{streamlit_markdown(text)}](<{safe}>)"
    shown = url.strip() if url else ""
    return streamlit_markdown(f"{text} ({shown})" if shown and shown != text.strip() else text)
