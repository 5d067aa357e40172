"""Reduce Markdown to plain text with one block (paragraph) per line.

Prose only: fenced (``` and ~~~) and indented code blocks are dropped, and so are images
(alt text included). Raw HTML inside Markdown is read the way a browser would show it:
comments, <script>, <style>, <template> and <noscript> elements and hidden elements
(see hidden.is_hidden: `display:none`, `font-size:0`, off-screen, ...) go with their content;
other tags are removed, block tags ending a block. Headings, list items, quotes and table rows
become blocks (see markup.join_lines). As in HTML, a table cell under an instruction label (its
row's first cell or its column's header) is prefixed with the label, and the section under a
heading that introduces instructions is folded into the heading's block (markup.fold_sections).

Every pattern here is bounded (no newline, a few hundred characters at most) or replaced by a
find loop, so hostile input ("*a *a *a ...", "[[[...", unclosed "<!--") stays linear.
"""

from __future__ import annotations

import re
from functools import lru_cache

from engine.claims.guard import is_instruction_label
from engine.claims.hidden import is_hidden
from engine.claims.markup import (
    BLOCK_TAGS,
    RAW_DROPPED_TAGS,
    Block,
    blocks_to_text,
    fold_sections,
    join_lines,
)

_SPAN = 300  # no inline markup span (emphasis, link text, URL) is longer than this
_HEADING_MARK = "\x00"  # opens a heading's line until the blocks are read (NUL is never text)

_FENCE_OPEN = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_INDENTED = re.compile(r"^(?: {4}|\t| {0,3}\t)")
_HEADING = re.compile(r"^ {0,3}#{1,6}(?:[ \t]+(.*))?$")
_RULE = re.compile(r"^\s{0,3}(?:[-*_=]\s*){3,}$")
_BULLET = re.compile(r"^\s*(?:[-*+•]|\d{1,3}[.)])\s+(.*)$")
_QUOTE = re.compile(r"^\s*(?:>\s?)+(.*)$")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_REF_DEF = re.compile(r"^\s{0,3}\[[^\]\n]{1,300}\]:\s+\S+")
_SPECIAL = re.compile(r"<|`+")
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]{0,30})((?:\s[^<>]{0,2000})?)>")
_ATTRIBUTE = re.compile(
    r"([A-Za-z_:][\w:.\-]*)(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s\"'=<>`]+)))?"
)
_INLINE_TAGS = frozenset(
    """a abbr b bdi bdo big cite code data del dfn em font i ins kbd mark q rp rt ruby s samp small
    span strike strong sub sup time tt u var center body html head title meta link base img
    picture video audio source track map area iframe object embed param canvas svg math
    textarea input select button form nav menu dialog slot""".split()
)
_VOID_TAGS = frozenset(
    "area base br col embed hr img input link meta source track wbr param keygen".split()
)
_BRACKETS = rf"\[[^\]\n]{{0,{_SPAN}}}\]"
# A link destination: parentheses may nest one level ("wiki/Foo_(bar)", "javascript:f(1)").
_DESTINATION = rf"\((?:[^()\n]|\([^()\n]{{0,{_SPAN}}}\)){{0,{_SPAN}}}\)"
_INLINE = (
    (
        re.compile(rf"!\[[^\]\n]{{0,{_SPAN}}}\](?:{_DESTINATION}|\[[^\]\n]{{0,{_SPAN}}}\])?"),
        "",
    ),
    (re.compile(rf"\[([^\]\n]{{1,{_SPAN}}})\]{_DESTINATION}"), r"\1"),
    (re.compile(rf"\[([^\]\n]{{1,{_SPAN}}})\]\[[^\]\n]{{0,{_SPAN}}}\]"), r"\1"),
    (re.compile(rf"<((?:https?://|mailto:)[^>\s]{{1,{_SPAN}}})>"), r"\1"),
    (re.compile(rf"`([^`\n]{{0,{_SPAN}}})`"), r"\1"),
    (re.compile(rf"(\*\*|__)(?=\S)(.{{1,{_SPAN}}}?)(?<=\S)\1"), r"\2"),
    (re.compile(rf"(?<![\w*])\*(?=\S)(.{{1,{_SPAN}}}?)(?<=\S)\*(?![\w*])"), r"\1"),
    (re.compile(rf"(?<![\w_])_(?=\S)(.{{1,{_SPAN}}}?)(?<=\S)_(?![\w_])"), r"\1"),
    (re.compile(rf"~~(?=\S)(.{{1,{_SPAN}}}?)(?<=\S)~~"), r"\1"),
)


def _without_code(lines: list[str]) -> list[str]:
    """The lines with fenced and indented code blocks (not list continuations) blanked."""
    kept: list[str] = []
    fence: str | None = None
    previous_blank, in_list = True, False
    for line in lines:
        stripped = line.strip()
        opening = _FENCE_OPEN.match(line) if fence is None else None
        if fence is not None or opening is not None:
            if opening is not None:
                fence = opening.group(1)
            elif stripped.startswith(fence or "") and not stripped.strip(stripped[:1]):
                fence = None
            kept.append("")
            previous_blank = True
            continue
        if stripped and _INDENTED.match(line) and previous_blank and not in_list:
            kept.append("")
            continue
        if stripped:
            in_list = bool(_BULLET.match(line)) or (in_list and line[:1] in " \t")
        kept.append(line)
        previous_blank = not stripped
    return kept


@lru_cache(maxsize=64)
def _element_tags(name: str) -> re.Pattern[str]:
    return re.compile(rf"<(/?){re.escape(name)}(?=[\s/>])[^<>]{{0,2000}}>", re.IGNORECASE)


def _element_end(text: str, name: str, start: int) -> int:
    """Where the element opened just before start ends (after its matching close tag)."""
    depth = 1
    for match in _element_tags(name).finditer(text, start):
        if match.group(1):
            depth -= 1
        elif name not in RAW_DROPPED_TAGS and not match.group(0).endswith("/>"):
            depth += 1
        if depth == 0:
            return match.end()
    return len(text)


def _is_html_tag(name: str) -> bool:
    """An HTML element name (or a custom element's): '<<SYS>>' and '<Company>' are text."""
    known = name in BLOCK_TAGS or name in _INLINE_TAGS or name in _VOID_TAGS
    return known or name in RAW_DROPPED_TAGS or "-" in name


def _attributes(text: str) -> dict[str, str]:
    return {
        match.group(1).lower(): match.group(2) or match.group(3) or match.group(4) or ""
        for match in _ATTRIBUTE.finditer(text)
    }


def strip_html(text: str) -> str:
    """Markdown text without HTML comments, dropped or hidden elements, and tags.

    Code spans ("`<script>`") are kept as they are: they show markup, they are not markup.
    """
    parts: list[str] = []
    position = 0
    while (special := _SPECIAL.search(text, position)) is not None:
        opening = special.start()
        parts.append(text[position:opening])
        if special.group(0) != "<":
            limit = text.find("\n", special.end(), special.end() + _SPAN)
            close = text.find(special.group(0), special.end(), limit if limit >= 0 else None)
            close = close if 0 <= close <= special.end() + _SPAN else -1
            position = special.end() if close < 0 else close + len(special.group(0))
            parts.append(text[opening:position])
            continue
        if text.startswith("<!--", opening):
            close = text.find("-->", opening + 4)
            position = len(text) if close < 0 else close + 3
            continue
        tag = _TAG.match(text, opening)
        if tag is None or not _is_html_tag(tag.group(2).lower()):
            parts.append("<")
            position = opening + 1
            continue
        position = tag.end()
        name = tag.group(2).lower()
        parts.append("\n\n" if name in BLOCK_TAGS else "")
        if tag.group(1) or name in _VOID_TAGS or tag.group(3).rstrip().endswith("/"):
            continue
        if name in RAW_DROPPED_TAGS or is_hidden(_attributes(tag.group(3))):
            position = _element_end(text, name, position)
    parts.append(text[position:])
    return "".join(parts)


def _inline(text: str) -> str:
    for pattern, replacement in _INLINE:
        text = pattern.sub(replacement, text)
    return text


def _heading(line: str) -> str | None:
    match = _HEADING.match(line)
    if match is None:
        return None
    text = (match.group(1) or "").rstrip()
    closing = text.rstrip("#")
    if closing != text and (not closing or closing[-1] in " \t"):
        text = closing.rstrip()
    return text


def _heading_level(line: str) -> int:
    return len(line.strip().split(maxsplit=1)[0])


def _row(cells: list[str], header: list[str]) -> list[str]:
    """A table row's blocks: the row as one block, but a cell under an instruction label (its
    column's header, or the row's first cell) as a block of its own opening with the label."""
    if len([c for c in cells if c]) > 1 and is_instruction_label(cells[0]):
        return [f"{cells[0]}: {'; '.join(cell for cell in cells[1:] if cell)}"]
    plain: list[str] = []
    labelled: list[str] = []
    for index, cell in enumerate(cells):
        column = header[index] if index < len(header) else ""
        if cell and column and is_instruction_label(column):
            labelled.append(f"{column}: {cell}")
        elif cell:
            plain.append(cell)
    return ["; ".join(plain), *labelled] if plain else labelled


def _blocks(lines: list[str]) -> list[Block]:
    """The blocks of the reduced lines, each heading with its level."""
    blocks: list[Block] = []
    for block in join_lines(lines):
        if block.startswith(_HEADING_MARK):
            level, _, text = block[1:].partition(_HEADING_MARK)
            blocks.append((text, int(level)))
        else:
            blocks.append((block, None))
    return blocks


def markdown_to_text(raw: str) -> str:
    """Markdown reduced to plain text: markup stripped, headings and list items as blocks."""
    prose = strip_html("\n".join(_without_code(raw.splitlines())))
    lines: list[str] = []
    header: list[str] = []
    previous: list[str] = []  # the cells of the table row just read
    for line in prose.splitlines():
        if _TABLE_RULE.match(line):
            header, previous = previous, []
            lines.append("")
            continue
        if _RULE.match(line) or _REF_DEF.match(line):
            lines.append("")
            continue
        is_row = line.strip().startswith("|")
        if not is_row:
            header, previous = [], []
        block = _heading(line)
        if block is not None:
            mark = f"{_HEADING_MARK}{_heading_level(line)}{_HEADING_MARK}"
            lines.extend(["", mark + _inline(block), ""])
            continue
        if bullet := _BULLET.match(line):
            block = bullet.group(1)
        if block is None and is_row:
            previous = [_inline(cell.strip()) for cell in line.strip().strip("|").split("|")]
            for cells in _row(previous, header):
                lines.extend(["", cells, ""])
            continue
        if block is not None:
            lines.extend(["", _inline(block), ""])
            continue
        quoted = _QUOTE.match(line)
        lines.append(_inline(quoted.group(1) if quoted else line))
    return blocks_to_text(fold_sections(_blocks(lines)))
