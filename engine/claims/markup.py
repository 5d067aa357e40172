"""Reduce HTML, Markdown and plain text to plain text with one block (paragraph) per line.

Blocks matter: a heading, list item or table cell becomes its own line, so sentences from
different blocks never run together. Soft-wrapped prose lines are joined back: a line break
inside a paragraph is kept only after a short line (under 40 characters, e.g. "Phone: ...")
or after a line ending in sentence punctuation.
"""

from __future__ import annotations

import re
import warnings
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
_BLOCK_TAGS = frozenset(
    """p div li h1 h2 h3 h4 h5 h6 td th tr br hr section article blockquote pre dd dt dl
    header footer table thead tbody tfoot ul ol figure figcaption address main aside caption
    summary details label option legend fieldset""".split()
)
_NON_TEXT = (Comment, Declaration, Doctype, CData, ProcessingInstruction)
_SOFT_WRAP_MIN = 40
_END_OF_BLOCK = object()


@dataclass(frozen=True)
class HtmlText:
    """Plain text of an HTML page, with its <title> and a published date from <meta>."""

    text: str
    title: str | None
    published: date | None


def _blocks_to_text(blocks: list[str]) -> str:
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
    """Visible text of an HTML page block by block; scripts, styles and <head> are dropped."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        soup = BeautifulSoup(raw, "html.parser")
    title_tag = soup.find("title")
    title = " ".join(title_tag.get_text(" ").split()) if title_tag else ""
    published = _meta_date(soup)
    for tag in soup.find_all(_DROPPED_TAGS):
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
            is_block = node.name in _BLOCK_TAGS
            if is_block:
                blocks.append("")
                stack.append(_END_OF_BLOCK)
            stack.extend(reversed(list(node.children)))
    return HtmlText(_blocks_to_text(blocks), title or None, published)


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
    return _blocks_to_text(join_lines(raw.splitlines()))


_FENCE = re.compile(r"^\s*(```|~~~)")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_RULE = re.compile(r"^\s{0,3}(?:[-*_=]\s*){3,}$")
_BULLET = re.compile(r"^\s*(?:[-*+•]|\d{1,3}[.)])\s+(.*)$")
_QUOTE = re.compile(r"^\s*(?:>\s?)+(.*)$")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_REF_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s+\S+")
_INLINE = (
    (re.compile(r"<!--.*?-->", re.DOTALL), ""),
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),
    (re.compile(r"<((?:https?://|mailto:)[^>\s]+)>"), r"\1"),
    (re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>"), " "),
    (re.compile(r"`([^`]*)`"), r"\1"),
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),
    (re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])"), r"\1"),
    (re.compile(r"~~(?=\S)(.+?)(?<=\S)~~"), r"\1"),
)


def _inline(text: str) -> str:
    for pattern, replacement in _INLINE:
        text = pattern.sub(replacement, text)
    return text


def markdown_to_text(raw: str) -> str:
    """Markdown reduced to plain text: markup stripped, headings and list items as blocks."""
    lines: list[str] = []
    in_fence = False
    for line in re.sub(r"<!--.*?-->", "", raw, flags=re.DOTALL).splitlines():
        if _FENCE.match(line):
            in_fence = not in_fence
            lines.append("")
            continue
        if in_fence:
            lines.extend(["", line, ""])
            continue
        if _RULE.match(line) or _TABLE_RULE.match(line) or _REF_DEF.match(line):
            lines.append("")
            continue
        block = None
        for pattern in (_HEADING, _BULLET):
            match = pattern.match(line)
            if match:
                block = match.group(1)
                break
        if block is None and line.strip().startswith("|"):
            cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
            block = "; ".join(cell for cell in cells if cell)
        if block is not None:
            lines.extend(["", _inline(block), ""])
            continue
        quoted = _QUOTE.match(line)
        lines.append(_inline(quoted.group(1) if quoted else line))
    return _blocks_to_text(join_lines(lines))
