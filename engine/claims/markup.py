"""Reduce HTML and plain text to plain text with one block (paragraph) per line.

(Markdown is in markdown.py; it shares the block rules here and the hidden-element test of
hidden.py.)

Blocks matter: a heading, list item or table cell becomes its own line, so sentences from
different blocks never run together. Soft-wrapped prose lines are joined back: a line break
inside a paragraph is kept only after a short line (under 40 characters, e.g. "Phone: ...")
or after a line ending in sentence punctuation.

What a browser would not show is dropped with its text (hidden.py: `display:none`,
`font-size:0`, white on white, off-screen, clipped, the page's own hiding classes). Text that
addresses a machine keeps its structure for the guard: a table cell under a row or column
label such as "Instruction" or "Note to AI" is prefixed with the label, and a section under a
heading that introduces instructions ("Instructions for AI summarisers") is folded into the
heading's block, up to the next heading of the same or a higher level (`fold_sections`), so
the guard's taint covers all of it (guard_taint.py). Markup that Python's HTML parser rejects
(a stray "<![") is read as a browser reads it: "<![...>" is a bogus comment.
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
from bs4.exceptions import ParserRejectedMarkup

from engine.claims.guard import introduces_instructions, is_instruction_label
from engine.claims.hidden import StyleSheet, declares_background, is_hidden

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
HEADING_TAGS = {f"h{level}": level for level in range(1, 7)}
_BOGUS_COMMENT = re.compile(r"<!\[[^>]*>?")
_NON_TEXT = (Comment, Declaration, Doctype, CData, ProcessingInstruction)
_SOFT_WRAP_MIN = 40
_END_OF_BLOCK = object()


@dataclass(frozen=True)
class HtmlText:
    """Plain text of an HTML page, with its <title> and a published date from <meta>."""

    text: str
    title: str | None
    published: date | None


Block = tuple[str, int | None]  # a block's text and, for a heading, its level


def _ended(text: str) -> str:
    text = " ".join(text.split())
    return text if not text or text[-1] in ".!?:;" else text + "."


def fold_sections(blocks: list[Block]) -> list[str]:
    """Block texts, each section under a heading that introduces instructions folded into that
    heading's block ("Instructions for AI: A. B.") up to the next heading of its level or
    higher."""
    folded: list[list[str]] = []  # each block as its parts: a heading and what it governs
    governing: int | None = None  # the level of the instruction heading being folded
    for text, level in blocks:
        if not text.strip():
            continue
        if governing is not None and (level is None or level > governing):
            folded[-1].append(_ended(text))
            continue
        governing = level if level is not None and introduces_instructions(text) else None
        folded.append([text])
    return [
        parts[0] if len(parts) == 1 else " ".join([parts[0].rstrip(" :") + ":", *parts[1:]])
        for parts in folded
    ]


def label_table_cells(soup: BeautifulSoup) -> None:
    """Prefix each cell under an instruction label (its row's first cell, or its column's
    header cell) with that label, so the guard reads "Instruction: <cell>"."""
    for table in soup.find_all("table"):
        header: list[str] = []
        for row in table.find_all("tr"):
            cells = [c for c in row.find_all(["td", "th"]) if c.find_parent("table") is table]
            texts = [" ".join(c.get_text(" ").split()) for c in cells]
            if not header and cells and all(c.name == "th" for c in cells):
                header = texts
                continue
            row_label = texts[0] if len(texts) > 1 and is_instruction_label(texts[0]) else None
            for index, cell in enumerate(cells):
                column = header[index] if index < len(header) else ""
                label = row_label if index else None
                if label is None and column and is_instruction_label(column):
                    label = column
                if label is not None:
                    cell.insert(0, NavigableString(f"{label}: "))


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


def _soup(raw: str) -> BeautifulSoup:
    """The parsed page; markup the parser rejects ("<![" not opening a known section) is read
    with every "<![...>" taken as the bogus comment a browser makes of it."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        try:
            return BeautifulSoup(raw, "html.parser")
        except ParserRejectedMarkup:
            return BeautifulSoup(_BOGUS_COMMENT.sub("", raw), "html.parser")


def _drop_hidden(soup: BeautifulSoup) -> None:
    """Remove every element a browser would not show (hidden.py), with its content.

    The page is walked from the top, so each element knows whether one around it declares a
    background (white text on it shows).
    """
    sheet = StyleSheet.parse(tag.get_text() for tag in soup.find_all("style"))
    for tag in soup.find_all(_DROPPED_TAGS):
        tag.decompose()
    stack: list[tuple[Tag, bool]] = [(soup, False)]
    while stack:
        node, around = stack.pop()
        for child in list(node.children):
            if not isinstance(child, Tag):
                continue
            if is_hidden(child.attrs, sheet=sheet, background_around=around):
                child.decompose()
            else:
                stack.append((child, around or declares_background(child.attrs)))


def html_to_text(raw: str) -> HtmlText:
    """Visible text of an HTML page block by block; scripts, styles, <head>, hidden dropped."""
    soup = _soup(raw)
    title_tag = soup.find("title")
    title = " ".join(title_tag.get_text(" ").split()) if title_tag else ""
    published = _meta_date(soup)
    _drop_hidden(soup)
    label_table_cells(soup)
    texts: list[str] = [""]
    levels: list[int | None] = [None]
    stack: list[object] = [soup]
    while stack:
        node = stack.pop()
        if node is _END_OF_BLOCK:
            texts.append("")
            levels.append(None)
        elif isinstance(node, NavigableString):
            if not isinstance(node, _NON_TEXT):
                texts[-1] += str(node)
        elif isinstance(node, Tag):
            if node.name in BLOCK_TAGS:
                texts.append("")
                levels.append(HEADING_TAGS.get(node.name))
                stack.append(_END_OF_BLOCK)
            stack.extend(reversed(list(node.children)))
    sections = fold_sections(
        [(" ".join(text.split()), level) for text, level in zip(texts, levels, strict=True)]
    )
    return HtmlText(blocks_to_text(sections), title or None, published)


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
