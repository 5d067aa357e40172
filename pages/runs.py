"""Runs page: launch a run, list the recent runs, and follow one run's progress live.

The launch form's values go to engine.workspace.runs.launch_run (which checks them, saves any
uploaded files and starts the run in the background worker); a refused form shows the engine's
message and stores nothing. The run view polls the store once a second in a fragment while the
run is executing, and stops polling once it has ended; its "Model calls" trace (ui.run_calls,
only for a run that made calls) refreshes every few seconds while the run executes. Names,
targets, errors, claims, prompts and model replies are untrusted text: they are shown in
dataframes, st.code or as escaped Markdown.
"""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from engine.demo import demo_scenarios, seed_demo
from engine.export.markdown import escape_markdown
from engine.models import InvalidInput
from engine.workspace.runs import (
    RUN_LIST_LIMIT,
    LaunchForm,
    RunProgress,
    SourceKind,
    can_cancel,
    can_resume,
    launch_run,
    run_progress,
    runs_listing,
)
from engine.workspace.uploads import ALLOWED_SUFFIXES, Upload
from ui.resources import Workspace, workspace
from ui.run_calls import model_calls_section
from ui.state import has_widget_value, page_state, set_widget, widget_value

POLL_SECONDS = 1.0
CALLS_POLL_SECONDS = 5.0
SOURCE_KINDS: dict[SourceKind, str] = {
    "demo": "Demo scenario",
    "upload": "Upload files",
    "folder": "Folder on this machine",
}
TEMPLATES = {"dossier": "Dossier", "research_report": "Research report (not available yet)"}
BACKENDS = {"offline": "offline (deterministic rules)", "openai": "openai (language model)"}
RUN_BADGES = {
    "queued": ("gray", ":material/schedule:"),
    "running": ("blue", ":material/autorenew:"),
    "paused": ("yellow", ":material/pause_circle:"),
    "succeeded": ("green", ":material/check_circle:"),
    "partial": ("orange", ":material/warning:"),
    "failed": ("red", ":material/error:"),
    "cancelled": ("gray", ":material/cancel:"),
}
STATUS_MARKS = {
    "queued": "○",
    "pending": "○",
    "running": "▶",
    "paused": "‖",
    "succeeded": "✓",
    "partial": "◐",
    "failed": "✗",
    "skipped": "–",
    "cancelled": "■",
}


def prefill_from_scenario(client_names: list[str]) -> None:
    """Put the chosen demo scenario's target (and its paired client, if present) in the form."""
    slug = widget_value("launch_scenario")
    scenario = next((s for s in demo_scenarios() if s.slug == slug), None)
    if scenario is None:
        return
    set_widget("launch_target", scenario.target)
    if scenario.client_name in client_names:
        set_widget("launch_client", scenario.client_name)


def select_run(run_id: str) -> None:
    """Make `run_id` the run the page shows (selector and page state)."""
    page_state().run_id = run_id
    set_widget("run_select", run_id)


def launch_section(space: Workspace) -> None:
    """The launch form (or, without clients, the way to get some)."""
    client_names = [client.name for client in space.store.list_clients(space.org_id)]
    if not client_names:
        st.info("This workspace has no clients yet: add one on the Clients page, or seed the demo.")
        st.page_link("pages/clients.py", label="Clients", icon=":material/business:")
        if st.button("Seed demo workspace", key="seed_demo"):
            seeded = seed_demo(space.store, space.org_id)
            added = ", ".join(seeded.clients_added) or "none"
            page_state().notice = f"Demo clients added: {added}."
            st.rerun()
        return
    kind = st.radio(
        "Sources", list(SOURCE_KINDS), format_func=SOURCE_KINDS.get, key="launch_source"
    )
    scenario: str | None = None
    if kind == "demo":
        titles = {s.slug: f"{s.title} — {s.target}" for s in demo_scenarios()}
        if not has_widget_value("launch_target"):
            set_widget("launch_scenario", next(iter(titles)))
            prefill_from_scenario(client_names)
        scenario = st.selectbox(
            "Demo scenario",
            list(titles),
            format_func=titles.get,
            key="launch_scenario",
            on_change=prefill_from_scenario,
            args=(client_names,),
        )
    with st.form("launch_form"):
        client = st.selectbox("Client", client_names, key="launch_client")
        target = st.text_input("Target company", key="launch_target", max_chars=200)
        template = st.selectbox(
            "Template", list(TEMPLATES), format_func=TEMPLATES.get, key="launch_template"
        )
        files, folder = [], None
        if kind == "upload":
            suffixes = [suffix.lstrip(".") for suffix in ALLOWED_SUFFIXES]
            files = st.file_uploader(
                "Source files", type=suffixes, accept_multiple_files=True, key="launch_files"
            )
        elif kind == "folder":
            folder = st.text_input("Folder of source documents", key="launch_folder")
        backend = st.radio(
            "Backend",
            list(BACKENDS),
            index=list(BACKENDS).index(space.settings.backend),
            format_func=BACKENDS.get,
            key="launch_backend",
            horizontal=True,
        )
        st.caption(f"Model from Settings: {escape_markdown(space.settings.model)}")
        pause = st.checkbox("Pause after insight for review", key="launch_pause")
        if st.form_submit_button("Launch run", key="launch_submit", type="primary"):
            form = LaunchForm(
                client_name=client or "",
                target=target or "",
                source_kind=kind,
                scenario=scenario,
                folder=folder,
                uploads=[Upload(file.name, file.getvalue()) for file in files or []],
                template=template,
                backend=backend,
                model=space.settings.model if backend == "openai" else None,
                pause_after_insight=pause,
            )
            try:
                run = launch_run(space.worker, form)
            except InvalidInput as exc:
                st.error(escape_markdown(str(exc)))
            else:
                select_run(run.run_id)
                page_state().notice = f"Run {run.run_id} launched (dossier {run.dossier_id})."
                st.rerun()


def steps_frame(progress: RunProgress) -> pl.DataFrame:
    """The run's steps as a table with a coloured status."""
    return pl.DataFrame(
        {
            "": [STATUS_MARKS.get(step.status, "") for step in progress.steps],
            "step": [step.step_id for step in progress.steps],
            "status": [step.status for step in progress.steps],
            "duration (s)": [
                None if step.duration_ms is None else round(step.duration_ms / 1000, 2)
                for step in progress.steps
            ],
            "claims": [progress.counts_by_step.get(step.step_id, 0) for step in progress.steps],
            "attempts": [step.attempts for step in progress.steps],
            "error": [step.error or "" for step in progress.steps],
        }
    )


def feed_frame(progress: RunProgress) -> pl.DataFrame:
    """The newest claims of the run."""
    claims = progress.recent_claims
    return pl.DataFrame(
        {
            "claim id": [claim.claim_id for claim in claims],
            "type": [str(claim.claim_type) for claim in claims],
            "tier": [str(claim.source_tier) for claim in claims],
            "confidence": [str(claim.confidence) for claim in claims],
            "statement": [claim.statement for claim in claims],
        },
        schema={
            name: pl.String for name in ("claim id", "type", "tier", "confidence", "statement")
        },
    )


def run_actions(space: Workspace, progress: RunProgress, executing: bool) -> None:
    """Cancel and Resume, where they apply."""
    run = progress.run
    left, right, _ = st.columns([1, 1, 4])
    if can_cancel(run) and left.button("Cancel run", key="run_cancel"):
        space.worker.cancel(run.run_id)
        page_state().notice = f"Cancel requested for run {run.run_id}."
        st.rerun()
    if can_resume(run, executing=executing) and right.button("Resume", key="run_resume"):
        space.worker.start(run.run_id)
        page_state().notice = f"Run {run.run_id} resumed."
        st.rerun()


def run_body(run_id: str, polling: bool) -> None:
    """One run: status, actions, steps, counts and the claims feed (drawn in a fragment)."""
    space = workspace()
    progress = run_progress(space.store, space.org_id, run_id)
    executing = space.worker.is_active(run_id)
    if polling and not (progress.live and executing):
        st.rerun()  # the run ended: redraw the whole page, and this view without polling
    run = progress.run
    st.subheader(escape_markdown(f"{run.target} · {run.client_name}"))
    colour, icon = RUN_BADGES.get(run.status, ("gray", ":material/help:"))
    st.markdown(
        f":{colour}-badge[{icon} {run.status}] · run `{run.run_id}` · dossier "
        f"`{run.dossier_id}` · {run.template} · {run.backend}"
    )
    if run.error:
        st.error(escape_markdown(run.error))
    if run_id in space.worker.errors:
        st.error(escape_markdown(space.worker.errors[run_id]))
    if run.status == "paused":
        st.info("Paused for review — decide items on the Review page, then Resume.")
        st.page_link("pages/review.py", label="Review", icon=":material/rule:")
    elif progress.live and not executing:
        st.warning("This run is not executing in this workbench (its process stopped): Resume it.")
    run_actions(space, progress, executing)
    total, done, score = st.columns(3)
    total.metric("Claims", progress.claims_total)
    done.metric("Steps done", f"{progress.steps_done}/{len(progress.steps)}")
    score.metric("Lead score", "—" if progress.lead_score is None else progress.lead_score)
    if progress.dossier_ready:
        page_state().dossier_id = run.dossier_id
        st.page_link("pages/dossiers.py", label="Open the dossier", icon=":material/description:")
    st.dataframe(steps_frame(progress), hide_index=True, height="content")
    if progress.counts_by_type:
        types = list(progress.counts_by_type)
        figure = go.Figure(go.Bar(x=types, y=[progress.counts_by_type[t] for t in types]))
        figure.update_layout(height=260, margin={"t": 30, "b": 10}, title="Claims by type")
        st.plotly_chart(figure, key=f"run_types_{run_id}")
    st.markdown("**Newest claims**")
    if progress.recent_claims:
        st.dataframe(feed_frame(progress), hide_index=True)
    else:
        st.caption("No claims yet.")


def run_view(space: Workspace, run_id: str) -> None:
    """The run's view: polled once a second while it executes, drawn once when it has ended."""
    run = space.store.get_run(space.org_id, run_id)
    if run is None:
        st.warning("That run no longer exists.")
        return
    polling = run.status in ("queued", "running") and space.worker.is_active(run_id)
    if polling:
        st.fragment(run_every=POLL_SECONDS)(run_body)(run_id, True)
    else:
        st.fragment(run_body)(run_id, False)
    st.fragment(run_every=CALLS_POLL_SECONDS if polling else None)(model_calls_section)(run_id)


space = workspace()
state = page_state()
st.title("Runs")
notice = state.take_notice()
if notice:
    st.success(escape_markdown(notice))

listing = runs_listing(space.store, space.org_id)
with st.expander("Launch a run", expanded=listing.frame.is_empty(), icon=":material/play_arrow:"):
    launch_section(space)

st.subheader("Recent runs")
if listing.frame.is_empty():
    st.info("No runs yet: launch one above.")
else:
    table = listing.frame.with_columns(
        pl.col("status").replace_strict(STATUS_MARKS, default="").alias("")
    ).select(["", *listing.frame.columns])
    st.dataframe(
        table,
        hide_index=True,
        column_config={"created": st.column_config.DatetimeColumn(format="YYYY-MM-DD HH:mm")},
    )
    if listing.more:
        st.caption(f"Showing the {RUN_LIST_LIMIT} most recent runs; older runs are not listed.")
    run_ids = listing.frame["run_id"].to_list()
    labels = {
        row["run_id"]: f"{row['target']} · {row['client']} · {row['created']:%Y-%m-%d %H:%M} · "
        f"{row['run_id']}"
        for row in listing.frame.iter_rows(named=True)
    }
    if widget_value("run_select") not in run_ids:
        select_run(state.run_id if state.run_id in run_ids else run_ids[0])
    chosen = st.selectbox("Open run", run_ids, format_func=labels.get, key="run_select")
    state.run_id = chosen
    run_view(space, chosen)
