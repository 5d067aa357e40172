"""Review page: decide a run's conflicts and ambiguous items, see its contacts and timelines.

Pick a run; its latest merge is shown in four tabs (drawn by ui.review_tabs). Decisions are saved
as reviews at once and applied by "Apply and rebuild" (the merge runs again and only the affected
sections are rewritten), or, for a run paused after insight, when it resumes. Every text from
sources or claims is shown escaped or as plain text; links only for http(s) URLs.
"""

from __future__ import annotations

import streamlit as st

from engine.models import InvalidInput
from engine.workspace.claims import run_label
from engine.workspace.rebuilds import rebuild_report, start_rebuild
from engine.workspace.review import ReviewBoard, review_items, review_runs
from engine.workspace.routing import section_titles
from engine.workspace.text import streamlit_markdown as md
from ui.resources import held, workspace
from ui.review_tabs import (
    ambiguous_tab,
    conflicts_tab,
    contacts_tab,
    saved,
    show_error,
    timelines_tab,
)
from ui.state import page_state

POLL_SECONDS = 1.0
EXECUTING = ("queued", "running")

space = workspace()
state = page_state()


def rebuild_panel(board: ReviewBoard, active: bool) -> None:
    """Pending decisions with "Apply and rebuild" (or "Resume run"), and the rebuild report.

    While the run executes in this worker, the report's notice is the only one shown.
    """
    if board.pending and not active:
        st.warning("Decisions saved since the latest merge:", icon=":material/pending_actions:")
        for change in board.changes:
            st.markdown("- " + md(change.description))
        if not board.changes:
            st.markdown("- The stored reviews differ from those the latest merge used.")
        if board.rebuild_blocker is None and st.button(
            "Apply and rebuild", key="review_rebuild", type="primary"
        ):
            try:
                start_rebuild(space.worker, run_id)
            except InvalidInput as error:
                show_error(error)
            else:
                saved("Rebuild started: merging the decisions and rewriting affected sections.")
    if board.rebuild_blocker is not None and not active:
        st.info(board.rebuild_blocker)
    if board.run.status == "paused" and not active:
        if st.button("Resume run", key="review_resume", type="primary"):
            space.worker.start(run_id)
            saved("Run resumed: decisions are merged when it reaches insight.")

    @st.fragment(run_every=POLL_SECONDS if active else None)
    @held
    def report() -> None:
        running = space.worker.is_active(run_id)
        shown = rebuild_report(space.store, space.org_id, run_id, running=running)
        if running:
            st.info("The run is executing or rebuilding: this view refreshes when it ends.")
        elif shown.rewritten or shown.unchanged:
            version = f" (dossier version {shown.dossier_version})" if shown.dossier_version else ""
            st.caption(
                f"Latest section writing{version}: rewritten "
                f"{section_titles(shown.rewritten)}; unchanged "
                f"{section_titles(shown.unchanged)}"
            )
        for section, why in shown.failed.items():
            st.error(md(f"{section_titles([section])} failed: {why}"))
        error = space.worker.errors.get(run_id)
        if error:
            st.error(md(error))
        if active and not running:
            st.rerun()

    report()


st.title("Review")
notice = state.take_notice()
if notice:
    st.success(md(notice))
choices = review_runs(space.store, space.org_id, state.run_id)
if not choices.runs:
    st.info("No runs yet: launch one on the Runs page.")
    st.stop()
labels = {run.run_id: run_label(run) for run in choices.runs}
ids = list(labels)
run_id = st.selectbox(
    "Run",
    ids,
    index=ids.index(choices.default_run_id or ids[0]),
    format_func=labels.__getitem__,
    key="review_run",
)
state.run_id = run_id
board = review_items(space.store, space.org_id, run_id)
st.caption(f"Status: {board.run.status} · dossier {board.run.dossier_id}")
active = space.worker.is_active(run_id)
rebuild_panel(board, active)
if board.merge is None:
    if not active and board.run.status not in EXECUTING:  # else the run's notice says it all
        st.info("This run has no merge yet: the merge runs at the insight step.")
    st.stop()
st.caption(
    f"Merged {board.merge.reconciliation_timestamp:%Y-%m-%d %H:%M} UTC · "
    f"{board.merge.summary.total_claims} claims"
)
tabs = st.tabs(
    [
        f"Conflicts ({len(board.conflicts)})",
        f"Ambiguous items ({len(board.ambiguous)})",
        f"Contacts ({len(board.contacts)})",
        f"Timelines ({len(board.timelines)})",
    ]
)
with tabs[0]:
    conflicts_tab(space, board)
with tabs[1]:
    ambiguous_tab(space, board)
with tabs[2]:
    contacts_tab(board)
with tabs[3]:
    timelines_tab(board)
