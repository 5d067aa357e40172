"""The Review page's tab renderers: open conflicts, ambiguous items, contacts and timelines.

pages/review.py picks the run and shows the pending decisions; each tab here draws its part of
the run's `ReviewBoard` and saves or undoes decisions through engine.workspace.review_decisions.
Every text from sources or claims is shown escaped or as plain text; links only for http(s) URLs.
Every widget key starts with the run id (`widget_key`). Nothing runs at import: the page calls
these functions.
"""

from __future__ import annotations

import html

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from engine.models import Claim, InvalidInput, ReviewDecision, Timeline
from engine.workspace.review import (
    AmbiguousView,
    ConflictView,
    DecisionView,
    ReviewBoard,
    ValueOption,
    contacts_frame,
    timeline_frame,
)
from engine.workspace.review_decisions import (
    ConflictChoice,
    decide_ambiguous,
    decide_conflict,
    describe_review,
    undo_decision,
)
from engine.workspace.text import streamlit_link
from engine.workspace.text import streamlit_markdown as md
from ui.resources import Workspace
from ui.state import page_state

STATUS_STYLE = {
    "ANNOUNCED": ("circle", "#4c78a8"),
    "REVISED": ("diamond", "#f58518"),
    "ACTUAL": ("star", "#54a24b"),
}


def source_link(claim: Claim) -> str:
    """The claim's source as Markdown: a link only for an http(s) URL, else plain text."""
    return streamlit_link(claim.source_name or claim.source_url or "source", claim.source_url)


def saved(message: str) -> None:
    """Remember a one-time notice and draw the page again with the stored decision."""
    page_state().notice = message
    st.rerun()


def show_error(error: InvalidInput) -> None:
    """An engine refusal, shown as text."""
    st.error(md(str(error)))


def claim_card(claim: Claim) -> None:
    """A claim's statement, its source (linked only if http(s)), tier, confidence and id."""
    st.markdown(md(claim.statement))
    st.markdown(source_link(claim))
    reported = f" · reported {claim.reported_on}" if claim.reported_on else ""
    st.caption(f"{claim.source_tier} · {claim.confidence} confidence · {claim.claim_id}{reported}")


def value_label(option: ValueOption) -> str:
    """A value as a radio option (escaped Markdown) with the claims stating it."""
    ids = ", ".join(claim.claim_id for claim in option.claims)
    return f"{md(option.value)} ({ids})"


def undo_button(space: Workspace, run_id: str, review_id: str, key: str) -> None:
    """Undo a stored decision; the item reopens on the next rebuild."""
    if st.button("Undo", key=key, icon=":material/undo:"):
        undo_decision(space.store, space.org_id, run_id, review_id)
        saved(f"Decision {review_id} undone; it is applied on the next rebuild.")


def widget_key(run_id: str, *parts: object) -> str:
    """A widget key of the Review page: the run id first, so no unsaved choice or note leaks
    to another run of the same sources (whose review ids, hashes of claim ids, are the same)."""
    return "_".join([run_id, *(str(part) for part in parts)])


# How the Review page names a conflict's kind (DESIGN §4).
KIND_LABELS: dict[str, str] = {
    "DISAGREEMENT": "sources disagree",
    "REVISION": "revised over time (values oldest first; the newest is recommended)",
}


def conflict_panel(space: Workspace, view: ConflictView, board: ReviewBoard) -> None:
    """One open conflict: its values side by side, the recommendation, the decision controls."""
    conflict, run_id = view.conflict, board.run.run_id
    key = widget_key(run_id, view.review_id)
    subject = md(f"{conflict.attribute} of {conflict.subject}")
    kind = KIND_LABELS.get(conflict.conflict_kind, conflict.conflict_kind)
    st.markdown(f"**{subject}** · {conflict.conflict_id} · {conflict.type} · {kind}")
    for column, option in zip(st.columns(max(1, len(view.options))), view.options, strict=False):
        with column, st.container(border=True):
            if option.recommended:
                st.success(md(conflict.recommendation), icon=":material/thumb_up:")
                st.caption(md(conflict.resolution_logic))
            st.markdown(f"#### {md(option.value)}")
            for claim in option.claims:
                claim_card(claim)
    if view.pending is not None:
        st.info(
            "Saved, applied on the next rebuild: " + md(describe_review(view.pending, board.claims))
        )
        undo_button(space, run_id, view.pending.review_id, f"{key}_undo")
    modes: dict[str, ConflictChoice] = {"Choose a value": "PICK_VALUE", "Dismiss": "DISMISS"}
    if conflict.recommended_claim_id is not None:
        modes = {
            "Accept recommendation": "ACCEPT",
            "Choose another value": "PICK_VALUE",
            "Dismiss": "DISMISS",
        }
    mode = st.radio("Decision", list(modes), key=f"{key}_mode", horizontal=True)
    chosen = None
    if modes[mode] == "PICK_VALUE":
        labels = {option.claim_id: value_label(option) for option in view.options}
        others = [o.claim_id for o in view.options if not o.recommended] or list(labels)
        chosen = st.radio(
            "Value to keep",
            list(labels),
            index=list(labels).index(others[0]),
            format_func=labels.__getitem__,
            key=f"{key}_value",
        )
    note = st.text_input("Note", key=f"{key}_note", max_chars=500)
    if st.button("Save decision", key=f"{key}_save", type="primary"):
        try:
            decide_conflict(
                space.store,
                space.org_id,
                run_id,
                conflict.claims_involved,
                modes[mode],
                chosen_claim_id=chosen,
                note=note,
                decided_by=space.user,
            )
        except InvalidInput as error:
            show_error(error)
        else:
            saved(f"Decision on {conflict.conflict_id} saved; apply it with a rebuild.")


def ambiguous_panel(space: Workspace, view: AmbiguousView, board: ReviewBoard) -> None:
    """One open ambiguous item: what and why, its claims, and the decisions the merge honours."""
    item, run_id = view.item, board.run.run_id
    key = widget_key(run_id, "amb", view.review_id)
    st.markdown(f"**{item.kind}** · {item.ambiguous_id}")
    st.markdown(md(item.description))
    st.caption(md(item.reason))
    st.markdown("Options: " + "; ".join(md(option) for option in item.options))
    with st.expander(f"Claims involved ({len(view.claims)})"):
        for claim in view.claims:
            claim_card(claim)
    if view.pending is not None:
        st.info(
            "Saved, applied on the next rebuild: " + md(describe_review(view.pending, board.claims))
        )
        undo_button(space, run_id, view.pending.review_id, f"{key}_undo")
    note = st.text_input("Note", key=f"{key}_note", max_chars=500)
    decision: ReviewDecision | None = None
    chosen: str | None = None
    same: list[str] | None = None
    columns = iter(st.columns(3))
    if item.kind == "CONTACT":
        if len(view.contacts) > 2:
            names = {
                c.contact_id: f"{c.contact_id} {c.name} ({c.organization or '-'})"
                for c in view.contacts
            }
            same = st.multiselect(
                "Contacts that are one person",
                list(names),
                default=list(names),
                format_func=names.__getitem__,
                key=f"{key}_group",
            )
        if next(columns).button("Same person", key=f"{key}_same"):
            decision = "SAME_PERSON"
        if next(columns).button("Different people", key=f"{key}_different"):
            decision, same = "DIFFERENT_PERSON", None
    elif item.kind == "CONFLICT" and view.options:
        labels = {option.claim_id: value_label(option) for option in view.options}
        chosen = st.radio(
            "Value to keep", list(labels), format_func=labels.__getitem__, key=f"{key}_value"
        )
        if next(columns).button("Keep this value", key=f"{key}_pick"):
            decision = "PICK_VALUE"
    if next(columns).button("Dismiss", key=f"{key}_dismiss"):
        decision, same = "DISMISS", None
    if decision is None:
        return
    try:
        decide_ambiguous(
            space.store,
            space.org_id,
            run_id,
            item.claims_involved,
            decision,
            chosen_claim_id=chosen if decision == "PICK_VALUE" else None,
            same_contacts=same,
            note=note,
            decided_by=space.user,
        )
    except InvalidInput as error:
        show_error(error)
    else:
        saved(f"Decision on {item.ambiguous_id} saved; apply it with a rebuild.")


def decided_panel(space: Workspace, run_id: str, views: list[DecisionView]) -> None:
    """Decisions the latest merge applied, each with its state and an undo."""
    if not views:
        return
    st.markdown("#### Decided")
    for index, view in enumerate(views):
        decision = view.applied
        with st.container(border=True):
            st.markdown(md(decision.description))
            by = f" by {view.review.decided_by}" if view.review and view.review.decided_by else ""
            st.caption(md(f"{decision.decision} · {decision.review_id}{by}"))
            if decision.note:
                st.text(f"Note: {decision.note}")
            if view.state == "undone":
                st.caption("Undone: the item reopens on the next rebuild.")
            elif view.state == "changed":
                st.caption("Decided again since: applied on the next rebuild.")
            if view.review is not None:
                key = widget_key(run_id, "undo_applied", index, decision.review_id)
                undo_button(space, run_id, decision.review_id, key)


def timeline_panel(timeline: Timeline, board: ReviewBoard) -> None:
    """A timeline's reports drawn over the date reported (a table when undated)."""
    title = md(f"{timeline.attribute} of {timeline.subject}")
    st.markdown(f"**{title}** · {timeline.current_status} · {timeline.current_date or 'undated'}")
    frame = timeline_frame(timeline, board.claims)
    dated = frame.filter(pl.col("date_reported").is_not_null())
    if dated.height:
        by_event = dated["event_date"].null_count() == 0
        figure = go.Figure()
        figure.add_trace(
            go.Scatter(
                x=dated["date_reported"].to_list(),
                y=dated["event_date" if by_event else "status"].to_list(),
                mode="lines",
                line={"color": "#bbbbbb"},
                hoverinfo="skip",
                showlegend=False,
            )
        )
        for status, (symbol, color) in STATUS_STYLE.items():
            rows = dated.filter(pl.col("status") == status)
            if rows.height:
                figure.add_trace(
                    go.Scatter(
                        x=rows["date_reported"].to_list(),
                        y=rows["event_date" if by_event else "status"].to_list(),
                        mode="markers",
                        name=status,
                        marker={"symbol": symbol, "color": color, "size": 12},
                        hovertext=[
                            html.escape(f"{r['value']} · {r['claim_id']} · {r['source'] or ''}")
                            for r in rows.iter_rows(named=True)
                        ],
                        hoverinfo="text+x",
                    )
                )
        figure.update_layout(
            height=260,
            margin={"l": 10, "r": 10, "t": 10, "b": 10},
            xaxis_title="date reported",
            yaxis_title="expected date" if by_event else "status",
        )
        st.plotly_chart(figure, key=widget_key(board.run.run_id, "chart", timeline.timeline_id))
    st.dataframe(
        frame, hide_index=True, key=widget_key(board.run.run_id, "table", timeline.timeline_id)
    )


def conflicts_tab(space: Workspace, board: ReviewBoard) -> None:
    """The open conflicts, each in a panel, then the conflict decisions the merge applied."""
    if not board.conflicts:
        st.caption("No open conflicts.")
    for conflict_view in board.conflicts:
        with st.container(border=True):
            conflict_panel(space, conflict_view, board)
    decided = [v for v in board.decided if v.applied.item_kind == "CONFLICT"]
    decided_panel(space, board.run.run_id, decided)


def ambiguous_tab(space: Workspace, board: ReviewBoard) -> None:
    """The open ambiguous items, each in a panel, then the other decisions the merge applied."""
    if not board.ambiguous:
        st.caption("No open ambiguous items.")
    for item_view in board.ambiguous:
        with st.container(border=True):
            ambiguous_panel(space, item_view, board)
    decided = [v for v in board.decided if v.applied.item_kind != "CONFLICT"]
    decided_panel(space, board.run.run_id, decided)


def contacts_tab(board: ReviewBoard) -> None:
    """The merge's resolved contacts as a table."""
    st.dataframe(
        contacts_frame(board.contacts),
        hide_index=True,
        key=widget_key(board.run.run_id, "review_contacts"),
    )


def timelines_tab(board: ReviewBoard) -> None:
    """The merge's timelines, each drawn in a panel."""
    if not board.timelines:
        st.caption("No timelines.")
    for timeline in board.timelines:
        with st.container(border=True):
            timeline_panel(timeline, board)
