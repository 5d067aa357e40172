"""Claims page: pick a run, filter and search its claims, read one in full, chart them.

The engine (engine.workspace.claims) loads the run's claims once per page run and does the
filtering and counting in polars; this page only reads widgets and renders. Claim text comes
from sources, so it is shown in dataframes or as escaped Markdown, and only http(s) URLs
become links. Charts are built here with plotly from the frames the engine returns.
"""

from __future__ import annotations

import html
import textwrap

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from engine.workspace.claims import (
    CONFIDENCE_ORDER,
    TIER_ORDER,
    TYPE_ORDER,
    ClaimFilter,
    RunClaims,
    claim_fields,
    dated_claims,
    filter_claims,
    load_run_claims,
    recent_runs,
    run_label,
    step_options,
    type_tier_counts,
)
from engine.workspace.text import streamlit_link as markdown_link
from engine.workspace.text import streamlit_markdown as escape_markdown
from ui.resources import Workspace, workspace
from ui.state import page_state

TABLE_COLUMNS = [
    "claim_id",
    "claim_type",
    "source_tier",
    "confidence",
    "step",
    "subject",
    "attribute",
    "value",
    "date_in_claim",
    "statement",
    "source",
    "source_link",
]
TABLE_CONFIG = {
    "claim_id": st.column_config.TextColumn("claim id"),
    "claim_type": st.column_config.TextColumn("type"),
    "source_tier": st.column_config.TextColumn("tier"),
    "date_in_claim": st.column_config.DateColumn("date", format="YYYY-MM-DD"),
    "statement": st.column_config.TextColumn("statement", width="large"),
    "source_link": st.column_config.LinkColumn("link", display_text=r"https?://([^/?#]+)"),
}
TIER_COLOURS = {"GOV": "#1b5e20", "PRIMARY": "#1565c0", "NEWS": "#ef6c00", "OTHER": "#757575"}


def choose_run(space: Workspace) -> str | None:
    """The run picker; remembers the choice in the page state. None when there are no runs.

    Each label names its run id, so no two runs share one (the picker matches the label the
    browser sends back) and a label never changes while the run does; the status is a caption.
    """
    state = page_state()
    runs = {run.run_id: run for run in recent_runs(space.store, space.org_id, state.run_id)}
    if not runs:
        st.info("There are no runs yet. Launch one on the Runs page, then come back here.")
        return None
    labels = {run_id: run_label(run) for run_id, run in runs.items()}
    run_ids = list(labels)
    start = run_ids.index(state.run_id) if state.run_id in labels else 0
    run_id = st.selectbox(
        "Run", run_ids, index=start, format_func=labels.__getitem__, key="claims_run"
    )
    state.run_id = run_id
    st.caption(f"Status: {runs[run_id].status} · dossier {runs[run_id].dossier_id}")
    return run_id


def choose_filter(view: RunClaims) -> ClaimFilter:
    """The filter widgets, read into a ClaimFilter."""
    types, tiers, confidences, steps = st.columns(4)
    entity, text = st.columns(2)
    return ClaimFilter(
        claim_types=frozenset(types.multiselect("Claim type", TYPE_ORDER, key="claims_type")),
        tiers=frozenset(tiers.multiselect("Source tier", TIER_ORDER, key="claims_tier")),
        confidences=frozenset(
            confidences.multiselect("Confidence", CONFIDENCE_ORDER, key="claims_confidence")
        ),
        steps=frozenset(steps.multiselect("Step", step_options(view.frame), key="claims_step")),
        entity=entity.text_input(
            "Entity", key="claims_entity", placeholder="subject, entity or person"
        ),
        text=text.text_input(
            "Search", key="claims_text", placeholder="statement, value or source name"
        ),
    )


def show_detail(view: RunClaims, shown: pl.DataFrame) -> None:
    """One claim in full: statement, source link, person, and every field."""
    claim_ids = shown.get_column("claim_id").to_list()
    if not claim_ids:
        return
    st.subheader("Claim detail")
    claim_id = st.selectbox("Claim", claim_ids, key="claims_detail")
    claim = view.claims[claim_id]
    st.markdown(escape_markdown(claim.statement))
    source = claim.source_name or claim.source_url or "no source given"
    st.markdown(f"Source: {markdown_link(source, claim.source_url)} · {claim.source_tier.value}")
    if claim.person is not None:
        person = claim.person
        about = ", ".join(part for part in (person.title, person.organization) if part)
        line = f"Person: **{escape_markdown(person.name)}**"
        line += f" — {escape_markdown(about)}" if about else ""
        if person.linkedin_url:
            line += f" · {markdown_link('LinkedIn', person.linkedin_url)}"
        st.markdown(line)
    fields = claim_fields(claim, view.steps.get(claim_id))
    st.dataframe(fields, hide_index=True, key="claims_fields")


def type_tier_chart(shown: pl.DataFrame) -> go.Figure:
    """Stacked bars: claims per type, one colour per source tier."""
    counts = type_tier_counts(shown)
    figure = go.Figure()
    for tier in TIER_ORDER:
        rows = counts.filter(pl.col("source_tier") == tier)
        figure.add_bar(
            name=tier,
            x=rows.get_column("claim_type").to_list(),
            y=rows.get_column("claims").to_list(),
            marker_color=TIER_COLOURS[tier],
        )
    figure.update_layout(barmode="stack", height=360, margin={"t": 30, "b": 10})
    figure.update_xaxes(categoryorder="array", categoryarray=list(TYPE_ORDER))
    return figure


def _hover(row: dict[str, object]) -> str:
    statement = "<br>".join(textwrap.wrap(html.escape(str(row["statement"])), 80))
    return f"{html.escape(str(row['claim_id']))} · {row['date_basis']}<br>{statement}"


def timeline_chart(dated: pl.DataFrame) -> go.Figure:
    """Dated claims over time by type, coloured by tier; hover shows the claim id and statement."""
    figure = go.Figure()
    for tier in TIER_ORDER:
        rows = dated.filter(pl.col("source_tier") == tier)
        figure.add_scatter(
            name=tier,
            x=rows.get_column("when").to_list(),
            y=rows.get_column("claim_type").to_list(),
            mode="markers",
            marker={"color": TIER_COLOURS[tier], "size": 9, "opacity": 0.75},
            hovertext=[_hover(row) for row in rows.iter_rows(named=True)],
            hoverinfo="text",
        )
    figure.update_layout(height=380, margin={"t": 30, "b": 10})
    figure.update_yaxes(categoryorder="array", categoryarray=list(reversed(TYPE_ORDER)))
    return figure


def show_charts(shown: pl.DataFrame) -> None:
    """The type x tier bars and the timeline of the shown claims."""
    by_type, over_time = st.columns(2)
    by_type.subheader("By type and tier")
    by_type.plotly_chart(type_tier_chart(shown), key="claims_type_tier_chart")
    dated = dated_claims(shown)
    over_time.subheader("Timeline")
    over_time.plotly_chart(timeline_chart(dated), key="claims_timeline_chart")
    undated = shown.height - dated.height
    over_time.caption(
        f"{dated.height} dated claims (date in the claim, else the report date); "
        f"{undated} without a date are not shown."
    )


def main() -> None:
    """Render the page."""
    st.title("Claims")
    space = workspace()
    run_id = choose_run(space)
    if run_id is None:
        return
    view = load_run_claims(space.store, space.org_id, run_id)
    if view.frame.is_empty():
        st.info("This run has no claims yet.")
        return
    shown = filter_claims(view.frame, choose_filter(view))
    st.markdown(f"**{shown.height} of {view.frame.height} claims**")
    st.dataframe(
        shown.select(TABLE_COLUMNS),
        column_config=TABLE_CONFIG,
        hide_index=True,
        key="claims_table",
    )
    if shown.is_empty():
        st.caption("No claim matches these filters.")
        return
    show_detail(view, shown)
    show_charts(shown)


main()
