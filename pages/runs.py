"""Runs page: launch a run, list the recent runs, and follow one run's progress live.

The launch form goes to engine.workspace.runs.launch_run (checks, reads and stores the sources,
starts the run in the background worker) under a "Reading sources…" spinner; a refused form
shows the engine's message and stores nothing. One submission launches one run: the submit
button's key carries a per-session token that moves on as a launch starts, so a second click
queued meanwhile names a button that no longer exists and is ignored (the keyed container keeps
the stable `st-key-launch_submit` hook). The Recent runs table and the run view are fragments
that poll the store while a run executes (the view from aggregate queries, never the run's
whole claim list) and stop once it has ended; the "Model calls" trace is ui.run_calls. Names,
targets, models, errors and claims are untrusted: shown in dataframes or as Markdown escaped
for Streamlit (engine.workspace.text).
"""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from engine.demo import demo_scenarios, seed_demo
from engine.models import InvalidInput
from engine.workspace.runs import (
    RUN_LIST_LIMIT,
    LaunchForm,
    RunChoices,
    RunProgress,
    SourceKind,
    can_cancel,
    can_resume,
    launch_run,
    list_needs_polling,
    run_choices,
    run_progress,
    runs_listing,
)
from engine.workspace.text import streamlit_markdown as md
from engine.workspace.uploads import ALLOWED_SUFFIXES, Upload
from ui.resources import Workspace, held, workspace
from ui.run_calls import model_calls_section
from ui.state import has_widget_value, page_state, set_widget, widget_value

POLL_SECONDS = 1.0
LIST_POLL_SECONDS = 3.0
CALLS_POLL_SECONDS = 5.0
LAUNCH_TOKEN_KEY = "launch_token"
LAUNCH_SUBMIT_KEY = "launch_submit"
STEP_TIME_HELP = (
    "The run's steps' durations added up (each step's latest attempt). Steps that ran side by "
    "side each count; a rebuild replaces the times of the steps it reran."
)
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


def launch_token() -> int:
    """This session's launch token: it moves on each time a launch starts."""
    token = widget_value(LAUNCH_TOKEN_KEY)
    return token if isinstance(token, int) else 0


def submit_launch(space: Workspace, form: LaunchForm, token: int) -> None:
    """Launch the run the form asks for, once: the token moves on before the sources are read."""
    set_widget(LAUNCH_TOKEN_KEY, token + 1)  # a queued second click of this form is now stale
    try:
        with st.spinner("Reading sources…"):
            run = launch_run(space.worker, form)
            select_run(run.run_id)  # state only until the spinner closes: nothing can cut in
            page_state().notice = f"Run {run.run_id} launched (dossier {run.dossier_id})."
    except InvalidInput as exc:
        set_widget(LAUNCH_TOKEN_KEY, token)  # nothing launched: the button as drawn stays live
        st.error(md(str(exc)))
    else:
        st.rerun()


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
        st.caption(f"Model from Settings: {md(space.settings.model)}")
        pause = st.checkbox("Pause after insight for review", key="launch_pause")
        token = launch_token()
        with st.container(key=LAUNCH_SUBMIT_KEY):
            submitted = st.form_submit_button(
                "Launch run", key=f"{LAUNCH_SUBMIT_KEY}_{token}", type="primary"
            )
        if submitted:
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
            submit_launch(space, form, token)


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
    st.subheader(md(f"{run.target} · {run.client_name}"))
    colour, icon = RUN_BADGES.get(run.status, ("gray", ":material/help:"))
    st.markdown(
        f":{colour}-badge[{icon} {run.status}] · run `{run.run_id}` · dossier "
        f"`{run.dossier_id}` · {run.template} · {run.backend}"
    )
    if run.error:
        st.error(md(run.error))
    if run_id in space.worker.errors:
        st.error(md(space.worker.errors[run_id]))
    if run.status == "paused":
        st.info("Paused for review — decide items on the Review page, then Resume.")
        st.page_link("pages/review.py", label="Review", icon=":material/rule:")
    elif progress.live and not executing:
        st.warning("This run is not executing in this workbench (its process stopped): Resume it.")
    if progress.skipped_sources:
        lines = "\n".join(f"- {md(notice)}" for notice in progress.skipped_sources)
        st.warning(f"Source entries skipped or cut when the run was created:\n{lines}")
    for warning in progress.warnings:
        st.warning(md(warning), icon=":material/warning:")
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
        st.fragment(run_every=POLL_SECONDS)(held(run_body))(run_id, True)
    else:
        st.fragment(held(run_body))(run_id, False)
    calls_every = CALLS_POLL_SECONDS if polling else None
    st.fragment(run_every=calls_every)(held(model_calls_section))(run_id)


def runs_table(polling: bool) -> None:
    """The Recent runs table (drawn in a fragment that reruns while a listed run executes)."""
    space = workspace()
    listing = runs_listing(space.store, space.org_id)
    if polling and not list_needs_polling(listing, space.worker.active_runs()):
        st.rerun()  # nothing executing any more: redraw the page, and this list without polling
    table = listing.frame.with_columns(
        pl.col("status").replace_strict(STATUS_MARKS, default="").alias("")
    ).select(["", *listing.frame.columns])
    st.dataframe(
        table,
        hide_index=True,
        column_config={
            "created": st.column_config.DatetimeColumn(format="YYYY-MM-DD HH:mm"),
            "step time (s)": st.column_config.NumberColumn(help=STEP_TIME_HELP),
        },
    )
    if listing.more:
        st.caption(f"Showing the {RUN_LIST_LIMIT} most recent runs; older runs are not listed.")


def recent_runs(space: Workspace, choices: RunChoices) -> None:
    """The Recent runs table, polled while a listed run executes, then the chosen run's view."""
    polling = choices.polling(space.worker.active_runs())
    st.fragment(run_every=LIST_POLL_SECONDS if polling else None)(held(runs_table))(polling)
    run_ids = list(choices.labels)
    state = page_state()
    if widget_value("run_select") not in run_ids:
        select_run(state.run_id if state.run_id in run_ids else run_ids[0])
    chosen = st.selectbox("Open run", run_ids, format_func=choices.labels.get, key="run_select")
    state.run_id = chosen
    run_view(space, chosen)


space = workspace()
st.title("Runs")
notice = page_state().take_notice()
if notice:
    st.success(md(notice))

choices = run_choices(space.store, space.org_id)
with st.expander("Launch a run", expanded=not choices.labels, icon=":material/play_arrow:"):
    launch_section(space)

st.subheader("Recent runs")
if not choices.labels:
    st.info("No runs yet: launch one above.")
else:
    recent_runs(space, choices)
