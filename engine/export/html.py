"""HTML export of a dossier: one self-contained, printable page with the Markdown export's content.

The page carries its own CSS, no script and no external resource; a Content-Security-Policy meta
forbids anything else. Every piece of record text goes through `html.escape(quote=True)`; only
http(s) URLs become hrefs (any other URL is shown as text) and images are links, never fetched.
Citations are superscript links to the `#source-n` anchors of the source list; the lead score
is drawn as a CSS bar.
"""

from __future__ import annotations

from html import escape

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
from engine.models.dossier import SECTION_TITLES, DossierRecord, DossierSource, WrittenSection

CONTENT_SECURITY_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"
)
_URGENCY_LEVELS = ("HOT", "WARM", "COLD")

_STYLE = """
:root { --ink: #1d2433; --muted: #5b6475; --line: #d9dde5; --accent: #1f5fbf; }
* { box-sizing: border-box; }
body { font: 15px/1.55 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink);
  max-width: 52rem; margin: 2rem auto; padding: 0 1.25rem; }
h1 { font-size: 1.9rem; margin: 0 0 .5rem; }
h2 { font-size: 1.3rem; border-bottom: 1px solid var(--line); padding-bottom: .25rem; }
h3 { font-size: 1.05rem; margin-bottom: .25rem; }
a { color: var(--accent); overflow-wrap: anywhere; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem;
  color: var(--muted); margin: 0 0 1.5rem; }
dl.meta dt { font-weight: 600; }
dl.meta dd { margin: 0; }
.lead { border: 1px solid var(--line); border-radius: 8px; padding: 1rem 1.25rem; }
.score { font-size: 1.4rem; font-weight: 700; margin: 0 0 .4rem; }
.gauge { height: .8rem; background: #eceff4; border-radius: 4px; overflow: hidden;
  margin-bottom: .8rem; print-color-adjust: exact; -webkit-print-color-adjust: exact; }
.gauge-fill { height: 100%; background: var(--accent); }
.urgency-HOT .gauge-fill { background: #c8372d; }
.urgency-WARM .gauge-fill { background: #d98a1c; }
.urgency-COLD .gauge-fill { background: #4a78b5; }
.lead dt { font-weight: 600; }
.lead dd { margin: 0 0 .5rem; }
sup.cite { font-size: .7em; margin-left: .1em; }
sup.cite a { text-decoration: none; }
sup.unresolved { color: #a33; }
.copy-text { white-space: pre-wrap; border-left: 3px solid var(--line); padding-left: .75rem;
  margin: .25rem 0 .75rem; }
.role { color: var(--muted); font-style: italic; margin-top: 0; }
.empty { color: var(--muted); font-style: italic; }
ol.sources li { margin-bottom: .3rem; }
.tier { color: var(--muted); }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  section.dossier-section { break-before: page; page-break-before: always; }
  a { color: inherit; }
  .lead, li, .copy-text { break-inside: avoid; page-break-inside: avoid; }
}
"""


def _e(text: str) -> str:
    return escape(visible_text(text), quote=True)


def _prose(text: str) -> str:
    return _e(prose_text(text))


def html_link(text: str, url: str | None) -> str:
    """An anchor for an http(s) URL, else the escaped text (and the URL as text when it differs)."""
    safe = web_url(url)
    if safe is not None:
        return f'<a href="{_e(safe)}" rel="noopener noreferrer nofollow">{_e(text)}</a>'
    shown = _e(text)
    if url and url.strip() and url.strip() != text.strip():
        shown += f' <span class="url">({_e(url)})</span>'
    return shown


def _url_link(url: str) -> str:
    """A URL shown as its own link text: the safe form when it is a web URL, else as text."""
    return html_link(web_url(url) or url, url)


def _citations(citations: list[Citation]) -> str:
    parts = []
    for c in citations:
        if c.number is None:
            parts.append(f'<sup class="cite unresolved">[claim: {_e(c.claim_id)}]</sup>')
        else:
            parts.append(f'<sup class="cite"><a href="#source-{c.number}">[{c.number}]</a></sup>')
    return "".join(parts)


def _sentences(section: WrittenSection, numbers: dict[str, int]) -> str:
    if not section.sentences:
        return '<p class="empty">No claims were routed to this section.</p>'
    body = " ".join(
        f'<span class="sentence">{_prose(s.text)}</span>'
        + _citations(resolve_citations(s.claim_ids, numbers))
        for s in section.sentences
    )
    return f"<p>{body}</p>"


def _header(record: DossierRecord) -> str:
    title = record.target_entity
    if record.target_project:
        title = f"{title} — {record.target_project}"
    rows = [
        ("Client", record.client_name),
        ("Dossier", record.dossier_id),
        ("Status", record.status),
        ("Version", str(record.version)),
        ("Date", dossier_date(record)),
    ]
    meta = "".join(f"<dt>{label}</dt><dd>{_e(value)}</dd>" for label, value in rows)
    return f'<header><h1>{_e(title)}</h1><dl class="meta">{meta}</dl></header>'


def _lead(record: DossierRecord, numbers: dict[str, int]) -> str:
    lead = record.find_lead
    level = lead.timing_urgency.strip().split(" ", 1)[0].upper()
    urgency = f" urgency-{level}" if level in _URGENCY_LEVELS else ""
    score = record.lead_score
    rows = [
        ("Timing", _prose(lead.timing_urgency)),
        ("The angle", _prose(lead.the_angle)),
        ("One-liner", _prose(lead.one_liner)),
        ("Why this score", _prose(lead.score_explanation)),
    ]
    signal = lead.primary_buying_signal or {}
    statement = signal.get("statement")
    if isinstance(statement, str) and statement.strip():
        claim_id = signal.get("claim_id")
        cites = _citations(resolve_citations([str(claim_id)], numbers)) if claim_id else ""
        rows.append(("Primary buying signal", _prose(statement) + cites))
    facts = "".join(f"<dt>{label}</dt><dd>{value}</dd>" for label, value in rows)
    return (
        f'<section class="lead{urgency}" id="lead"><h2>Lead summary</h2>'
        f'<p class="score">Lead score: {score}/100</p>'
        f'<div class="gauge" role="img" aria-label="Lead score {score} out of 100">'
        f'<div class="gauge-fill" style="width: {score}%"></div></div>'
        f"<dl>{facts}</dl></section>"
    )


def _section(section: WrittenSection, numbers: dict[str, int]) -> str:
    name = section.section
    return (
        f'<section class="dossier-section" id="section-{name}">'
        f"<h2>{_e(SECTION_TITLES[name])}</h2>{_sentences(section, numbers)}</section>"
    )


def _contacts(record: DossierRecord, numbers: dict[str, int]) -> str:
    entries = contact_entries(record)
    if not entries:
        return ""
    parts = ['<section class="dossier-section" id="contacts"><h2>Contacts and outreach copy</h2>']
    for entry in entries:
        parts.append(f'<article class="contact"><h3>{_e(entry.name)}</h3>')
        if entry.role:
            parts.append(f'<p class="role">{_e(entry.role)}</p>')
        for label, text in entry.texts:
            parts.append(f'<h4>{_e(label)}</h4><div class="copy-text">{_prose(text)}</div>')
        if entry.evidence_claims:
            cites = _citations(resolve_citations(list(entry.evidence_claims), numbers))
            parts.append(f"<p>Evidence: {cites}</p>")
        parts.append("</article>")
    return "".join(parts) + "</section>"


def _media(record: DossierRecord) -> str:
    entries = media_entries(record)
    if not entries:
        return ""
    items = []
    for entry in entries:
        kind = ", ".join(part for part in (entry.asset_type, entry.asset_id) if part)
        item = html_link(entry.caption or "Image", entry.image_url)
        if kind:
            item += f' <span class="tier">({_e(kind)})</span>'
        if entry.source_page_url:
            item += "; source page: " + _url_link(entry.source_page_url)
        items.append(f"<li>{item}</li>")
    return (
        '<section class="dossier-section" id="media-assets"><h2>Image assets</h2>'
        f"<ul>{''.join(items)}</ul></section>"
    )


def source_item(source: DossierSource) -> str:
    """One source as a list item anchored at `source-n`: name — url (TIER; used in: ...)."""
    parts = [_e(source.name)] if source.name and source.name.strip() else []
    if source.url and source.url.strip():
        parts.append(_url_link(source.url))
    label = " — ".join(parts) or "Unnamed source"
    used = ", ".join(_e(name) for name in source.used_in)
    return (
        f'<li id="source-{source.number}" value="{source.number}">{label} '
        f'<span class="tier">({_e(source.tier.value)}; used in: {used})</span></li>'
    )


def _sources(record: DossierRecord, numbers: dict[str, int]) -> str:
    parts = [f'<section class="dossier-section" id="sources"><h2>{SECTION_TITLES["SOURCES"]}</h2>']
    written = record.sections.get("SOURCES")
    if written is not None and written.sentences:
        parts.append(_sentences(written, numbers))
    items = "".join(source_item(s) for s in ordered_sources(record))
    parts.append(f'<ol class="sources">{items}</ol>' if items else '<p class="empty">None.</p>')
    return "".join(parts) + "</section>"


def dossier_html(record: DossierRecord) -> str:
    """The whole dossier as one self-contained HTML document."""
    numbers = source_numbers(record)
    title = f"Dossier {record.dossier_id}: {record.target_entity}"
    body = [_header(record), _lead(record, numbers)]
    body += [_section(s, numbers) for s in ordered_sections(record) if s.section != "SOURCES"]
    body += [_contacts(record, numbers), _media(record), _sources(record, numbers)]
    head = (
        '<meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">'
        '<meta name="referrer" content="no-referrer">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(title)}</title><style>{_STYLE}</style>"
    )
    main = "\n".join(part for part in body if part)
    return (
        f'<!DOCTYPE html>\n<html lang="en">\n<head>{head}</head>\n'
        f"<body>\n<main>\n{main}\n</main>\n</body>\n</html>\n"
    )
