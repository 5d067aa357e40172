"""Dossiers: the assembled dossiers of the workspace, one rendered with its citations.

The list shows every dossier, newest first. The selected dossier shows its lead (a score gauge,
timing urgency, the angle and the primary buying signal), each section with its cited claims and
their sources, image assets (as links: the page never makes the browser fetch a remote image
named by a source), contact copy and the numbered source list; status moves along
draft -> ready -> released (not while the dossier's run executes or rebuilds: the buttons are
disabled and engine.workspace.dossiers.change_status refuses); JSON, Markdown and HTML
downloads; and, once it has two versions or more, the difference between any two. Every piece
of record text is untrusted: it is escaped (engine.workspace.dossiers) or shown as plain text,
never as HTML.
"""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from engine.export.citations import contact_entries
from engine.models import InvalidInput
from engine.models.dossier import DossierRecord
from engine.store import StoreError
from engine.workspace.dossier_diff import DossierDiff, compare_versions
from engine.workspace.dossiers import (
    CitedClaim,
    DossierView,
    change_status,
    default_dossier,
    dossier_rows,
    dossier_view,
    media_views,
    prose_markdown,
    source_lines,
    status_lock,
)
from engine.workspace.text import streamlit_link as link_markdown
from engine.workspace.text import streamlit_markdown as safe_markdown
from ui.resources import Workspace, workspace
from ui.state import PageState, page_state

STATUS_BUTTONS = {"draft": "Back to draft", "ready": "Mark ready", "released": "Release"}
CITATION_COLUMNS = ("cite", "claim_id", "statement", "source", "link", "tier", "confidence")
URGENCY_COLOURS = {"HOT": "#d62728", "WARM": "#ff7f0e", "COLD": "#1f77b4"}


def gauge(score: int, urgency: str) -> go.Figure:
    """The lead score as a 0-100 gauge coloured by its timing urgency."""
    colour = next((c for word, c in URGENCY_COLOURS.items() if urgency.startswith(word)), "#555")
    indicator = go.Indicator(
        mode="gauge+number",
        value=score,
        title={"text": "Lead score"},
        gauge={
            "axis": {"range": [0, 100]},
            "bar": {"color": colour},
            "steps": [
                {"range": [0, 40], "color": "#f0f0f0"},
                {"range": [40, 70], "color": "#e0e0e0"},
                {"range": [70, 100], "color": "#d0d0d0"},
            ],
        },
    )
    figure = go.Figure(indicator)
    figure.update_layout(height=240, margin={"t": 40, "b": 10, "l": 30, "r": 30})
    return figure


def citation_frame(citations: list[CitedClaim]) -> pl.DataFrame:
    """The cited claims as a table for st.dataframe (plain text; links only for http(s))."""
    return pl.DataFrame(
        {
            "cite": [c.cite for c in citations],
            "claim_id": [c.claim_id for c in citations],
            "statement": [c.statement or "(claim not found in the run)" for c in citations],
            "source": [c.source_name or c.source_url or "" for c in citations],
            "link": [c.link for c in citations],
            "tier": [c.tier for c in citations],
            "confidence": [c.confidence for c in citations],
        },
        schema=dict.fromkeys(CITATION_COLUMNS, pl.String),
    )


def show_claim(claim: CitedClaim) -> None:
    """One claim with its source: statement, source link, tier and confidence."""
    st.markdown(f"**{safe_markdown(claim.claim_id)}** {safe_markdown(claim.cite)}")
    if claim.statement is None:
        st.warning("This claim is not among the run's claims.")
        return
    st.markdown(safe_markdown(claim.statement))
    source = link_markdown(claim.source_name or claim.source_url or "source", claim.source_url)
    facts = [f"tier {claim.tier}" if claim.tier else "", claim.confidence or ""]
    st.caption(f"Source: {source} · " + " · ".join(f for f in facts if f))


def show_lead(view: DossierView) -> None:
    """The score gauge beside timing urgency, score explanation, angle and buying signal."""
    record, lead = view.record, view.record.find_lead
    left, right = st.columns([1, 2])
    with left:
        st.plotly_chart(gauge(record.lead_score, lead.timing_urgency), key="dossier_gauge")
    with right:
        st.markdown(f"**Timing urgency:** {prose_markdown(lead.timing_urgency)}")
        st.markdown(f"**The angle:** {prose_markdown(lead.the_angle)}")
        st.markdown(f"**One-liner:** {prose_markdown(lead.one_liner)}")
        st.markdown(f"**Why this score:** {prose_markdown(lead.score_explanation)}")
        if view.signal is not None:
            st.markdown("**Primary buying signal**")
            show_claim(view.signal)


def show_status(view: DossierView, space: Workspace, state: PageState) -> None:
    """Buttons for the allowed status moves (disabled while the run executes); released is final."""
    record = view.record
    if record.status == "released":
        when = record.released_at.date().isoformat() if record.released_at else "earlier"
        st.info(f"Released ({when}): this dossier is final and can no longer change.")
        return
    executing = space.worker.is_active(record.run_id)
    locked = status_lock(space.store, space.org_id, record, executing=executing)
    if locked is not None:
        st.caption(safe_markdown(f"Status: {locked}."))
    for column, status in zip(st.columns(len(view.next_statuses)), view.next_statuses, strict=True):
        label, key = STATUS_BUTTONS[status], f"dossier_status_{status}"
        if column.button(label, key=key, disabled=locked is not None):
            try:
                change_status(
                    space.store,
                    space.org_id,
                    record.dossier_id,
                    status,
                    executing=space.worker.is_active(record.run_id),
                )
            except (InvalidInput, StoreError) as exc:
                st.error(safe_markdown(str(exc)))
            else:
                state.notice = f"Dossier {record.dossier_id} is now {status}."
                st.rerun()


def show_sections(view: DossierView) -> None:
    """Each section in order, its prose with [n] citations, the claims behind them, and (under
    Outreach, Media and Sources) the contact copy, image assets and numbered source list."""
    extras = {"OUTREACH": show_contacts, "MEDIA": show_media, "SOURCES": show_source_list}
    cited: dict[str, CitedClaim] = {}
    for section in view.sections:
        st.subheader(safe_markdown(section.title))
        st.markdown(section.markdown)
        for issue in section.issues:
            st.caption(f"Citation check: {safe_markdown(issue)}")
        if section.citations:
            with st.expander(f"Cited claims ({len(section.citations)})"):
                st.dataframe(
                    citation_frame(section.citations),
                    hide_index=True,
                    column_config={"link": st.column_config.LinkColumn("link")},
                )
        cited.update({c.claim_id: c for c in section.citations})
        extra = extras.pop(section.section, None)
        if extra is not None:
            extra(view.record)
    for extra in extras.values():
        extra(view.record)
    if cited:
        st.subheader("Look up a citation")
        claim_id = st.selectbox(
            "Cited claim",
            list(cited),
            format_func=lambda cid: f"{cited[cid].cite} {cid}",
            key="dossier_citation",
        )
        show_claim(cited[claim_id])


def show_contacts(record: DossierRecord) -> None:
    """The outreach copy per contact (bio, email, LinkedIn), as plain text."""
    contacts = contact_entries(record)
    if not contacts:
        return
    st.markdown("**Contacts and outreach copy**")
    for contact in contacts:
        with st.expander(safe_markdown(contact.name)):
            if contact.role:
                st.caption(safe_markdown(contact.role))
            for label, text in contact.texts:
                st.markdown(f"**{label}**")
                st.text(text)


def show_media(record: DossierRecord) -> None:
    """The image assets as links (caption, type, image URL, source page), never fetched."""
    assets = media_views(record)
    if not assets:
        return
    st.markdown("**Image assets**")
    st.caption("Images are linked, not shown: a link opens the image on its own site.")
    for asset in assets:
        st.markdown(asset.caption)
        st.caption(asset.details)


def show_source_list(record: DossierRecord) -> None:
    """The numbered sources the dossier cites, linked when their URL is http(s)."""
    sources = source_lines(record)
    st.markdown("**Source list**")
    if sources:
        st.markdown("\n".join(sources))
    else:
        st.caption("No sources cited.")


def show_diff(diff: DossierDiff) -> None:
    """What changed between two versions: headline fields, sources, then section by section."""
    if not diff.has_changes:
        st.success(f"Versions {diff.old_version} and {diff.new_version} are identical.")
        return
    if diff.fields:
        st.dataframe(
            pl.DataFrame(
                {
                    "field": [f.name for f in diff.fields],
                    f"v{diff.old_version}": [f.old for f in diff.fields],
                    f"v{diff.new_version}": [f.new for f in diff.fields],
                }
            ),
            hide_index=True,
        )
    for title, items in (
        ("Sources added", diff.sources_added),
        ("Sources removed", diff.sources_removed),
        ("Sources whose claims or sections changed", diff.sources_changed),
    ):
        if items:
            st.markdown(f"**{title}**")
            st.text("\n".join(items))
    if not diff.sections:
        st.caption("No section changed.")
    for change in diff.sections:
        st.markdown(f"**{safe_markdown(change.title)}** ({change.kind})")
        moves = (
            ("routed +", change.routed_added),
            ("routed −", change.routed_removed),
            ("cited +", change.cited_added),
            ("cited −", change.cited_removed),
        )
        notes = [f"{label} {', '.join(ids)}" for label, ids in moves if ids]
        if notes:
            st.caption(safe_markdown("; ".join(notes)))
        st.code(change.text_diff or "(same text)", language="diff")


def show_versions(view: DossierView, space: Workspace) -> None:
    """The versions of the dossier, and the difference between two of them."""
    st.subheader("Versions")
    versions = view.versions
    st.dataframe(
        pl.DataFrame(
            {
                "version": [v for v, _, _ in versions],
                "reason": [reason for _, reason, _ in versions],
                "saved": [at for _, _, at in versions],
            }
        ),
        hide_index=True,
    )
    numbers = [v for v, _, _ in versions]
    if len(numbers) < 2:
        st.caption("A rebuild saves a new version; with two or more you can compare them.")
        return
    left, right = st.columns(2)
    old = left.selectbox("From version", numbers, index=len(numbers) - 2, key="dossier_diff_a")
    new = right.selectbox("To version", numbers, index=len(numbers) - 1, key="dossier_diff_b")
    if old == new:
        st.info("Pick two different versions to compare.")
        return
    try:
        show_diff(compare_versions(space.store, space.org_id, view.record.dossier_id, old, new))
    except InvalidInput as exc:
        st.error(safe_markdown(str(exc)))


space = workspace()
state = page_state()
st.title("Dossiers")
notice = state.take_notice()
if notice:
    st.success(safe_markdown(notice))

rows = dossier_rows(space.store, space.org_id)
if rows.is_empty():
    st.info("No dossiers yet. Start a run on the Runs page: its last step assembles a dossier.")
    st.stop()
st.dataframe(rows, hide_index=True)
dossier_ids = rows["dossier_id"].to_list()
labels = dict(zip(dossier_ids, rows["target"].to_list(), strict=True))
first = default_dossier(dossier_ids, state.dossier_id)
selected = st.selectbox(
    "Dossier",
    dossier_ids,
    index=dossier_ids.index(first) if first else 0,
    format_func=lambda did: f"{did} · {labels[did]}",
    key="dossier_select",
)
state.dossier_id = selected
try:
    current = dossier_view(space.store, space.org_id, selected)
except InvalidInput as exc:
    st.error(safe_markdown(str(exc)))
    st.stop()

record = current.record
st.header(safe_markdown(f"{record.client_name} → {record.target_entity}"))
st.caption(
    safe_markdown(
        f"Status {record.status} · version {record.version} · dossier {record.dossier_id}"
    )
)
show_status(current, space, state)
show_lead(current)
st.subheader("Downloads")
for column, download in zip(st.columns(len(current.downloads)), current.downloads, strict=True):
    column.download_button(
        f"Download {download.label}",
        data=download.data,
        file_name=download.file_name,
        mime=download.mime,
        key=f"dossier_download_{download.fmt}",
        on_click="ignore",
    )
show_sections(current)
show_versions(current, space)
