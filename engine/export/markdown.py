"""Markdown export of a dossier: title, lead, sections with numbered citations, contacts, media
and the numbered source list.

Every piece of record text is untrusted (it comes from sources and the LLM), so it is flattened
to one line and escaped: Markdown's inline control characters everywhere, block markers at the
start of a line. Only http(s) URLs become links, always inside angle brackets; any other URL is
shown as escaped text. Media are links, never embedded images.
"""

from __future__ import annotations

import re

from engine.export.citations import (
    Citation,
    contact_entries,
    dossier_date,
    media_entries,
    ordered_sections,
    ordered_sources,
    prose_text,
    resolve_citations,
    source_numbers,
    visible_text,
    web_url,
)
from engine.models.claims import CLAIM_ID_PATTERN
from engine.models.dossier import SECTION_TITLES, DossierRecord, DossierSource, WrittenSection

# Inline control characters; `&` only where it starts an entity, `_` unless inside a word,
# a trailing run of `#` (it would close a heading).
_INLINE_CONTROL = re.compile(r"[\\`*\[\]<>|~]|&(?=#?\w+;)|(?<![^\W_])_|_(?![^\W_])|#+$")
_ORDERED_MARKER = re.compile(r"^(\d+)([.)])")
_BLOCK_MARKERS = "#+=-"


def escape_markdown(text: str) -> str:
    """Text as literal Markdown on one line: line breaks flattened, control characters escaped."""
    flat = " ".join(visible_text(text).splitlines()).strip()
    escaped = _INLINE_CONTROL.sub(lambda match: "\\" + match.group(0), flat)
    if _ORDERED_MARKER.match(escaped):
        return _ORDERED_MARKER.sub(r"\1\\\2", escaped, count=1)
    if escaped and escaped[0] in _BLOCK_MARKERS:
        return "\\" + escaped
    return escaped


def markdown_link(text: str, url: str | None) -> str:
    """A link for an http(s) URL (`[text](<url>)`), else the escaped text and URL as plain text."""
    safe = web_url(url)
    if safe is not None:
        return f"[{escape_markdown(text)}](<{safe}>)"
    shown = escape_markdown(text)
    if url and url.strip() and url.strip() != text.strip():
        shown += f" ({escape_markdown(url)})"
    return shown


def _prose(text: str) -> str:
    return escape_markdown(prose_text(text))


def _url(url: str | None) -> str:
    safe = web_url(url)
    if safe is not None:
        return f"<{safe}>"
    return escape_markdown(url or "")


def _claim_id(claim_id: str) -> str:
    return claim_id if CLAIM_ID_PATTERN.match(claim_id) else escape_markdown(claim_id)


def _citations(citations: list[Citation]) -> str:
    return "".join(
        f"[{c.number}]" if c.number is not None else f"[claim: {_claim_id(c.claim_id)}]"
        for c in citations
    )


def _quote(text: str) -> list[str]:
    lines = [escape_markdown(line) for line in text.splitlines()]
    return [f"> {line}" if line else ">" for line in lines]


def _header(record: DossierRecord) -> list[str]:
    title = record.target_entity
    if record.target_project:
        title = f"{title} — {record.target_project}"
    return [
        f"# {escape_markdown(title)}",
        "",
        f"- **Client:** {escape_markdown(record.client_name)}",
        f"- **Dossier:** {escape_markdown(record.dossier_id)}",
        f"- **Status:** {escape_markdown(record.status)}",
        f"- **Version:** {record.version}",
        f"- **Date:** {dossier_date(record)}",
    ]


def _lead(record: DossierRecord, numbers: dict[str, int]) -> list[str]:
    lead = record.find_lead
    lines = [
        "## Lead summary",
        "",
        f"**Lead score: {record.lead_score}/100**",
        "",
        f"- **Timing:** {_prose(lead.timing_urgency)}",
        f"- **The angle:** {_prose(lead.the_angle)}",
        f"- **One-liner:** {_prose(lead.one_liner)}",
        f"- **Why this score:** {_prose(lead.score_explanation)}",
    ]
    signal = lead.primary_buying_signal or {}
    statement = signal.get("statement")
    if isinstance(statement, str) and statement.strip():
        claim_id = signal.get("claim_id")
        cites = _citations(resolve_citations([str(claim_id)], numbers)) if claim_id else ""
        lines.append(f"- **Primary buying signal:** {_prose(statement)} {cites}".rstrip())
    return lines


def _section(section: WrittenSection, numbers: dict[str, int]) -> list[str]:
    body = " ".join(
        f"{_prose(s.text)} {_citations(resolve_citations(s.claim_ids, numbers))}"
        for s in section.sentences
    )
    empty = "_No claims were routed to this section._"
    return [f"## {SECTION_TITLES[section.section]}", "", body or empty]


def _contacts(record: DossierRecord, numbers: dict[str, int]) -> list[str]:
    entries = contact_entries(record)
    if not entries:
        return []
    lines = ["## Contacts and outreach copy"]
    for entry in entries:
        lines += ["", f"### {escape_markdown(entry.name)}"]
        if entry.role:
            lines += ["", f"*{escape_markdown(entry.role)}*"]
        for label, text in entry.texts:
            lines += ["", f"**{label}:**", "", *_quote(prose_text(text))]
        if entry.evidence_claims:
            cites = _citations(resolve_citations(list(entry.evidence_claims), numbers))
            lines += ["", f"Evidence: {cites}"]
    return lines


def _media(record: DossierRecord) -> list[str]:
    entries = media_entries(record)
    if not entries:
        return []
    lines = ["## Image assets", ""]
    for entry in entries:
        kind = ", ".join(part for part in (entry.asset_type, entry.asset_id) if part)
        item = f"- {markdown_link(entry.caption or 'Image', entry.image_url)}"
        if kind:
            item += f" ({escape_markdown(kind)})"
        if entry.source_page_url:
            item += f"; source page: {_url(entry.source_page_url)}"
        lines.append(item)
    return lines


def source_line(source: DossierSource) -> str:
    """One numbered source: "n. name — <url> (TIER; used in: INTRO, SCORE)"."""
    parts = [escape_markdown(source.name)] if source.name and source.name.strip() else []
    if source.url and source.url.strip():
        parts.append(_url(source.url))
    label = " — ".join(parts) or "Unnamed source"
    # Tier and section names are validated enums: safe, and clearer unescaped.
    used = ", ".join(source.used_in)
    return f"{source.number}. {label} ({source.tier.value}; used in: {used})"


def _sources(record: DossierRecord, numbers: dict[str, int]) -> list[str]:
    lines = [f"## {SECTION_TITLES['SOURCES']}"]
    written = record.sections.get("SOURCES")
    if written is not None and written.sentences:
        lines += ["", _section(written, numbers)[-1]]
    sources = ordered_sources(record)
    lines += [""] + ([source_line(s) for s in sources] or ["_No sources cited._"])
    return lines


def dossier_markdown(record: DossierRecord) -> str:
    """The whole dossier as one Markdown document."""
    numbers = source_numbers(record)
    blocks = [_header(record), _lead(record, numbers)]
    blocks += [_section(s, numbers) for s in ordered_sections(record) if s.section != "SOURCES"]
    blocks += [_contacts(record, numbers), _media(record), _sources(record, numbers)]
    return "\n\n".join("\n".join(block) for block in blocks if block) + "\n"
