"""The Dossiers page's engine side: the dossier list, sections with their cited claims, media,
downloads and status moves (the difference between two versions is in dossier_diff).

Everything here is plain data over the Store and the dossier models; the page renders it. Prose
that came from sources or a model is escaped here (engine.workspace.text) before it is Markdown,
citations are shown as the export shows them (`[n]`, the number of the source, or the claim id
when a claim has no source), and only http(s) URLs become links (`web_url`). Image assets are
links, never embedded: an embedded remote image would make the analyst's browser fetch a URL
named by source text. `change_status` refuses to move a dossier whose run is executing or
rebuilding (its assembly would fail on a released dossier).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

import polars as pl

from engine.export import ExportFormat, export_dossier, export_filename
from engine.export.citations import (
    media_entries,
    ordered_sections,
    ordered_sources,
    prose_text,
    resolve_citations,
    source_numbers,
    web_url,
)
from engine.models import InvalidInput
from engine.models.claims import Claim
from engine.models.dossier import (
    SECTION_TITLES,
    STATUS_TRANSITIONS,
    DossierRecord,
    DossierStatus,
    WrittenSection,
)
from engine.store import InvalidTransitionError, Store
from engine.workspace.text import streamlit_link as link_markdown
from engine.workspace.text import streamlit_markdown as safe_markdown

STATUS_ORDER: tuple[DossierStatus, ...] = ("draft", "ready", "released")
BUSY_RUN_STATUSES = frozenset({"queued", "running"})
DOWNLOADS: tuple[tuple[ExportFormat, str, str], ...] = (
    ("json", "JSON", "application/json"),
    ("md", "Markdown", "text/markdown"),
    ("html", "HTML", "text/html"),
)
ROW_SCHEMA = {
    "dossier_id": pl.String,
    "client": pl.String,
    "target": pl.String,
    "lead_score": pl.Int64,
    "timing_urgency": pl.String,
    "status": pl.String,
    "version": pl.Int64,
    "updated": pl.Date,
}


@dataclass(frozen=True)
class CitedClaim:
    """A claim a section cites, with the source it came from (None fields: the run lacks it)."""

    claim_id: str
    cite: str
    routed: bool
    statement: str | None
    source_name: str | None
    source_url: str | None
    link: str | None
    tier: str | None
    confidence: str | None


@dataclass(frozen=True)
class SectionView:
    """One written section: its title, its prose as safe Markdown and the claims it cites."""

    section: str
    title: str
    markdown: str
    citations: list[CitedClaim]
    issues: list[str]


@dataclass(frozen=True)
class Download:
    """One export of the dossier, ready for a download button."""

    fmt: ExportFormat
    label: str
    file_name: str
    mime: str
    data: str


def dossier_rows(store: Store, org_id: str) -> pl.DataFrame:
    """The org's dossiers, most recently updated first, one row each."""
    rows = [
        {
            "dossier_id": record.dossier_id,
            "client": record.client_name,
            "target": record.target_entity,
            "lead_score": record.lead_score,
            "timing_urgency": record.find_lead.timing_urgency,
            "status": record.status,
            "version": record.version,
            "updated": _day(record.updated_at or record.created_at),
        }
        for record in store.list_dossiers(org_id)
    ]
    return pl.DataFrame(rows, schema=ROW_SCHEMA)


def _day(moment: datetime | None) -> date | None:
    return None if moment is None else moment.date()


def default_dossier(dossier_ids: list[str], preferred: str | None) -> str | None:
    """The dossier to show first: the preferred one if it is listed, else the newest (first)."""
    if preferred in dossier_ids:
        return preferred
    return dossier_ids[0] if dossier_ids else None


def _cited_claim(claim_id: str, cite: str, routed: bool, claim: Claim | None) -> CitedClaim:
    if claim is None:
        return CitedClaim(claim_id, cite, routed, None, None, None, None, None, None)
    return CitedClaim(
        claim_id=claim_id,
        cite=cite,
        routed=routed,
        statement=claim.statement,
        source_name=claim.source_name,
        source_url=claim.source_url,
        link=web_url(claim.source_url),
        tier=claim.source_tier.value,
        confidence=claim.confidence.value,
    )


def section_citations(
    record: DossierRecord, section: WrittenSection, claims: Mapping[str, Claim]
) -> list[CitedClaim]:
    """The claims the section cites, in order of first citation, each with its source."""
    numbers = source_numbers(record)
    cited = [cid for sentence in section.sentences for cid in sentence.claim_ids]
    cited += section.cited_claim_ids
    routed = set(section.routed_claim_ids)
    return [
        _cited_claim(claim_id, _cite(claim_id, numbers), claim_id in routed, claims.get(claim_id))
        for claim_id in dict.fromkeys(cited)
    ]


def prose_markdown(text: str) -> str:
    """Untrusted prose as safe Markdown (escaped; its brackets cannot forge a citation)."""
    return safe_markdown(prose_text(text))


def source_lines(record: DossierRecord) -> list[str]:
    """The numbered source list as Markdown lines: "n. linked name (TIER; used in: ...)"."""
    lines = []
    for source in ordered_sources(record):
        link = link_markdown(source.name or source.url or "Unnamed source", source.url)
        used = ", ".join(source.used_in)
        lines.append(f"{source.number}. {link} ({source.tier.value}; used in: {used})")
    return lines


def _cite(claim_id: str, numbers: Mapping[str, int]) -> str:
    number = numbers.get(claim_id)
    return f"[{number}]" if number is not None else f"[{claim_id}]"


def section_markdown(record: DossierRecord, section: WrittenSection) -> str:
    """The section's sentences as escaped Markdown, each followed by its `[n]` citations."""
    numbers = source_numbers(record)
    parts = []
    for sentence in section.sentences:
        cites = "".join(
            _cite(c.claim_id, numbers) for c in resolve_citations(sentence.claim_ids, numbers)
        )
        parts.append(f"{prose_markdown(sentence.text)} {safe_markdown(cites)}")
    return " ".join(parts) or "_No claims were routed to this section._"


def dossier_sections(store: Store, org_id: str, record: DossierRecord) -> list[SectionView]:
    """Every written section in order, with its prose and the claims it cites."""
    claims = {claim.claim_id: claim for claim in store.list_claims(org_id, record.run_id)}
    return [
        SectionView(
            section=section.section,
            title=SECTION_TITLES.get(section.section, section.title),
            markdown=section_markdown(record, section),
            citations=section_citations(record, section, claims),
            issues=list(section.citation_issues),
        )
        for section in ordered_sections(record)
    ]


def next_statuses(record: DossierRecord) -> list[DossierStatus]:
    """The statuses the dossier may move to now (none once released)."""
    allowed = STATUS_TRANSITIONS[record.status]
    return [status for status in STATUS_ORDER if status in allowed]


def status_lock(
    store: Store, org_id: str, record: DossierRecord, *, executing: bool = False
) -> str | None:
    """Why the dossier's status cannot move now (its run executes or rebuilds), or None.

    `executing` is the worker's word that it is working on the run (it may not have marked
    the run running yet).
    """
    run = store.get_run(org_id, record.run_id)
    status = run.status if run is not None else None
    if not executing and status not in BUSY_RUN_STATUSES:
        return None
    doing = "queued" if status == "queued" else "executing or rebuilding"
    return (
        f"dossier {record.dossier_id!r} cannot change status while its run {record.run_id!r} "
        f"is {doing}; try again when it has finished"
    )


def change_status(
    store: Store,
    org_id: str,
    dossier_id: str,
    status: DossierStatus,
    *,
    executing: bool = False,
) -> DossierRecord:
    """Move the dossier to `status`; InvalidInput when its run is queued, running or rebuilding
    (`executing`), or the move is not allowed (released is final)."""
    record = store.get_dossier(org_id, dossier_id)
    if record is None:
        raise InvalidInput(f"dossier {dossier_id!r} does not exist")
    locked = status_lock(store, org_id, record, executing=executing)
    if locked is not None:
        raise InvalidInput(locked)
    try:
        return store.set_dossier_status(org_id, dossier_id, status)
    except InvalidTransitionError as exc:
        raise InvalidInput(str(exc)) from None


@dataclass(frozen=True)
class MediaView:
    """One image asset as safe Markdown: its caption, and its type, image link and source page."""

    caption: str
    details: str


def media_views(record: DossierRecord) -> list[MediaView]:
    """The dossier's image assets as links (the image URL and its source page), never images."""
    views = []
    for asset in media_entries(record):
        details = [safe_markdown(f"{asset.asset_type} {asset.asset_id}".strip())]
        if asset.image_url:
            details.append(link_markdown("Image", asset.image_url))
        if asset.source_page_url:
            details.append(link_markdown("Source page", asset.source_page_url))
        caption = safe_markdown(asset.caption) or "_No caption._"
        views.append(MediaView(caption, " · ".join(d for d in details if d)))
    return views


def dossier_downloads(record: DossierRecord) -> list[Download]:
    """The dossier exported as JSON, Markdown and HTML, with file names and MIME types."""
    return [
        Download(fmt, label, export_filename(record, fmt), mime, export_dossier(record, fmt))
        for fmt, label, mime in DOWNLOADS
    ]


def buying_signal(record: DossierRecord) -> CitedClaim | None:
    """The lead's primary buying signal as a cited claim with its source, or None."""
    signal = record.find_lead.primary_buying_signal or {}
    statement = signal.get("statement")
    if not isinstance(statement, str) or not statement.strip():
        return None
    claim_id = str(signal.get("claim_id") or "")
    url = signal.get("source_url")
    url = url if isinstance(url, str) else None
    name, tier = signal.get("source_name"), signal.get("source_tier")
    return CitedClaim(
        claim_id=claim_id,
        cite=_cite(claim_id, source_numbers(record)) if claim_id else "",
        routed=True,
        statement=statement,
        source_name=name if isinstance(name, str) else None,
        source_url=url,
        link=web_url(url),
        tier=tier if isinstance(tier, str) else None,
        confidence=None,
    )


@dataclass(frozen=True)
class DossierView:
    """Everything the Dossiers page shows of one dossier."""

    record: DossierRecord
    signal: CitedClaim | None
    sections: list[SectionView]
    next_statuses: list[DossierStatus]
    downloads: list[Download]
    versions: list[tuple[int, str, datetime]]


def dossier_view(store: Store, org_id: str, dossier_id: str) -> DossierView:
    """The dossier with its sections, citations, allowed moves, exports and versions."""
    record = store.get_dossier(org_id, dossier_id)
    if record is None:
        raise InvalidInput(f"dossier {dossier_id!r} does not exist")
    return DossierView(
        record=record,
        signal=buying_signal(record),
        sections=dossier_sections(store, org_id, record),
        next_statuses=next_statuses(record),
        downloads=dossier_downloads(record),
        versions=store.list_dossier_versions(org_id, dossier_id),
    )
