"""Untrusted text made safe for Streamlit's Markdown, for every page that shows it.

`escape_markdown` (engine.export.markdown) makes text literal CommonMark. Streamlit's Markdown
adds more syntax on top: `$...$` is LaTeX and `:name:` / `:name[...]` are emoji shortcodes,
icons and coloured-text directives, so "$1.2B to $900M" or "email:x@y" would not read as written.
`streamlit_markdown` escapes those too; `streamlit_link` links only http(s) URLs.
"""

from __future__ import annotations

from engine.export.citations import web_url
from engine.export.markdown import escape_markdown


def streamlit_markdown(text: str) -> str:
    """Untrusted text as literal one-line Markdown for Streamlit (`$` and `:` escaped too)."""
    return escape_markdown(text).replace("$", "\\$").replace(":", "\\:")


def streamlit_link(text: str, url: str | None) -> str:
    """A Markdown link for an http(s) URL, else the text (and the URL) as escaped plain text."""
    safe = web_url(url)
    if safe is not None:
        return f"[{streamlit_markdown(text)}](<{safe}>)"
    shown = url.strip() if url else ""
    return streamlit_markdown(f"{text} ({shown})" if shown and shown != text.strip() else text)
