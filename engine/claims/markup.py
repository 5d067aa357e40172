"""Reduce HTML and plain text to plain text with one block (paragraph) per line.

(Markdown is in markdown.py; it shares the block rules and the hidden-element test here.)

Blocks matter: a heading, list item or table cell becomes its own line, so sentences from
different blocks never run together. Soft-wrapped prose lines are joined back: a line break
inside a paragraph is kept only after a short line (under 40 characters, e.g. "Phone: ...")
or after a line ending in sentence punctuation.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning
from bs4.element import (
    CData,
    Comment,
    Declaration,
    Doctype,
    NavigableString,
    ProcessingInstruction,
    Tag,
)

_DROPPED_TAGS = (
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "head",
    "iframe",
    "object",
    "embed",
    "canvas",
    "nav",
    "form",
    "button",
    "select",
)
BLOCK_TAGS = frozenset(
    """p div li h1 h2 h3 h4 h5 h6 td th tr br hr section article blockquote pre dd dt dl
    header footer table thead tbody tfoot ul ol figure figcaption address main aside caption
    summary details label option legend fieldset""".split()
)
# Raw-text elements dropped with their content from Markdown's inline HTML as well.
RAW_DROPPED_TAGS = frozenset({"script", "style", "template", "noscript"})
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*(?:hidden|collapse)", re.I)
_NON_TEXT = (Comment, Declaration, Doctype, CData, ProcessingInstruction)
_SOFT_WRAP_MIN = 40
_END_OF_BLOCK = object()


@dataclass(frozen=True)
class HtmlText:
    """Plain text of an HTML page, with its <title> and a published date from <meta>."""

    text: str
    title: str | None
    published: date | None


def is_hidden(attributes: Mapping[str, object]) -> bool:
    """True for an element that a browser does not show: hidden, aria-hidden, display:none."""
    if "hidden" in attributes:
        return True
    if str(attributes.get("aria-hidden", "")).strip().lower() == "true":
        return True
    return _HIDDEN_STYLE.search(str(attributes.get("style", ""))) is not None


def blocks_to_text(blocks: list[str]) -> str:
    """Non-empty blocks, white space collapsed, one per line."""
    return "\n".join(" ".join(block.split()) for block in blocks if block.strip())


def _meta_date(soup: BeautifulSoup) -> date | None:
    for tag in soup.find_all("meta"):
        key = str(tag.get("name") or tag.get("property") or "").strip().lower()
        if key not in ("date", "article:published_time"):
            continue
        match = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", str(tag.get("content") or ""))
        if match:
            try:
                return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
            except ValueError:
                continue
    return None


def html_to_text(raw: str) -> HtmlText:
    """Visible text of an HTML page block by block; scripts, styles, <head>, hidden dropped."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        soup = BeautifulSoup(raw, "html.parser")
    title_tag = soup.find("title")
    title = " ".join(title_tag.get_text(" ").split()) if title_tag else ""
    published = _meta_date(soup)
    for tag in soup.find_all(_DROPPED_TAGS):
        tag.decompose()
    for tag in [tag for tag in soup.find_all(True) if is_hidden(tag.attrs)]:
        if not tag.decomposed:
            tag.decompose()
    blocks: list[str] = [""]
    stack: list[object] = [soup]
    while stack:
        node = stack.pop()
        if node is _END_OF_BLOCK:
            blocks.append("")
        elif isinstance(node, NavigableString):
            if not isinstance(node, _NON_TEXT):
                blocks[-1] += str(node)
        elif isinstance(node, Tag):
            is_block = node.name in BLOCK_TAGS
            if is_block:
                blocks.append("")
                stack.append(_END_OF_BLOCK)
            stack.extend(reversed(list(node.children)))
    return HtmlText(blocks_to_text(blocks), title or None, published)


def join_lines(lines: list[str]) -> list[str]:
    """Group lines into blocks: blank lines split; soft-wrapped prose lines are joined."""
    blocks: list[str] = []
    current: list[str] = []
    for raw in lines:
        line = " ".join(raw.split())
        if not line:
            if current:
                blocks.append(" ".join(current))
                current = []
            continue
        previous = current[-1] if current else ""
        if current and (len(previous) < _SOFT_WRAP_MIN or previous[-1] in ".!?:;"):
            blocks.append(" ".join(current))
            current = []
        current.append(line)
    if current:
        blocks.append(" ".join(current))
    return blocks


def plain_to_text(raw: str) -> str:
    """Plain text with soft-wrapped lines joined, one block per line."""
    return blocks_to_text(join_lines(raw.splitlines()))
