"""Plan: route a run's claims to the dossier sections and rebuild only the sections that changed.

The analyst picks a run, edits its claims x sections routing (a table of checkboxes, or the
"Move a claim" form), saves it as a new plan version, reads the coverage notes and the unmapped
claims, and starts a rebuild that rewrites only the affected sections. The logic lives in
engine.workspace.routing and engine.workspace.rebuilds; this page reads widgets and renders.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

import polars as pl
import streamlit as st

from engine.models import DOSSIER_SECTIONS, ClaimType, InvalidInput
from engine.models.dossier import SECTION_TITLES
from engine.workspace import routing
from engine.workspace.claims import run_label
from engine.workspace.rebuilds import rebuild_report, start_rebuild
from engine.workspace.text import streamlit_markdown as escape_markdown
from ui.resources import Workspace, held, workspace
from ui.state import page_state

POLL_SECONDS = 1.0
ALL_SECTIONS = "ALL"
SECTION_FILTERS = {ALL_SECTIONS: "Any section", routing.UNROUTED: "Routed nowhere"} | {
    section: SECTION_TITLES[section] for section in DOSSIER_SECTIONS
}


def title(section: str) -> str:
    """The section's title."""
    return SECTION_TITLES.get(section, section)


def pick_run(space: Workspace) -> str | None:
    """The run picker (newest runs first); remembers the choice in the page state.

    Labels name the run id (unique) and nothing that changes while the key persists (status,
    plan version): the browser sends the label back. Status and plan version are a caption.
    """
    state = page_state()
    choices = {c.run.run_id: c for c in routing.plan_runs(space.store, space.org_id)}
    if not choices:
        st.info("No runs yet: launch one on the Runs page; its plan appears here when it is made.")
        return None
    labels = {run_id: run_label(choice.run) for run_id, choice in choices.items()}
    run_ids = list(labels)
    default = routing.default_run(list(choices.values()), state.run_id)
    run_id = st.selectbox(
        "Run",
        run_ids,
        index=run_ids.index(default) if default in run_ids else 0,
        format_func=labels.__getitem__,
        key="plan_run",
    )
    state.run_id = run_id
    chosen = choices[run_id]
    plan = f"plan version {chosen.plan_no}" if chosen.plan_no else "no plan yet"
    st.caption(f"Status: {chosen.run.status} · {plan} · dossier {chosen.run.dossier_id}")
    return run_id


def show_versions(view: routing.PlanView) -> None:
    """The plan version shown, and every version of the run."""
    _, author, created = next(v for v in reversed(view.versions) if v[0] == view.plan_no)
    st.subheader(f"Plan version {view.plan_no}")
    st.caption(
        f"By {escape_markdown(author)} on {created:%Y-%m-%d %H:%M} UTC · {len(view.claims)} claims"
    )
    with st.expander(f"All plan versions ({len(view.versions)})"):
        rows = [
            {"version": n, "author": a, "saved (UTC)": f"{at:%Y-%m-%d %H:%M:%S}"}
            for n, a, at in view.versions
        ]
        st.dataframe(rows, hide_index=True)


def routing_editor(space: Workspace, view: routing.PlanView, locked: bool) -> None:
    """Filters, the claims x sections table and "Save as new plan version"."""
    st.markdown("#### Routing")
    left, middle, right = st.columns([1, 1, 2])
    section = left.selectbox(
        "Section",
        list(SECTION_FILTERS),
        format_func=SECTION_FILTERS.__getitem__,
        key="plan_filter_section",
    )
    types = middle.multiselect("Type", [t.value for t in ClaimType], key="plan_filter_types")
    text = right.text_input("Claim id or text contains", key="plan_filter_text")
    shown = routing.filter_matrix(
        view.matrix,
        section=None if section == ALL_SECTIONS else section,
        claim_types=types,
        text=text,
    )
    st.caption(
        f"{shown.height} of {view.matrix.height} claims shown. "
        "Changing a filter drops ticks not yet saved."
    )
    filters = hashlib.sha256(repr((section, sorted(types), text)).encode()).hexdigest()[:12]
    config = {
        "claim_id": st.column_config.TextColumn("Claim"),
        "claim_type": st.column_config.TextColumn("Type"),
        "statement": st.column_config.TextColumn("Statement", width="large"),
    } | {s: st.column_config.CheckboxColumn(title(s), help=s) for s in DOSSIER_SECTIONS}
    with st.form("plan_editor_form", border=False):
        edited = st.data_editor(
            shown,
            key=f"plan_editor_{view.run.run_id}_{view.plan_no}_{filters}",
            hide_index=True,
            num_rows="fixed",
            height=420,
            column_config=config,
            disabled=True if locked else list(routing.CLAIM_COLUMNS),
        )
        submitted = st.form_submit_button(
            "Save as new plan version", disabled=locked, key="plan_save"
        )
    if submitted:
        save(
            lambda: routing.save_matrix(
                space.store, space.org_id, view.run.run_id, edited, base_plan_no=view.plan_no
            )
        )
    move_form(space, view, shown, locked, filters)


def move_form(
    space: Workspace, view: routing.PlanView, shown: pl.DataFrame, locked: bool, filters: str
) -> None:
    """Move one claim from a section it feeds to one it does not feed yet, and save.

    The pickers are keyed by run and plan version (the claim picker also by the filters, the
    section pickers by the claim): a picker whose options changed starts afresh rather than
    matching the label an earlier run, plan or claim left in the browser.
    """
    st.markdown("#### Move a claim")
    routed = shown.filter(pl.any_horizontal(*DOSSIER_SECTIONS))
    if routed.is_empty():
        st.caption("No claim in the rows shown is routed to a section.")
        return
    statements = dict(zip(routed["claim_id"].to_list(), routed["statement"].to_list(), strict=True))
    scope = f"{view.run.run_id}_{view.plan_no}"
    claim_col, from_col, to_col = st.columns([2, 1, 1])
    claim_id = claim_col.selectbox(
        "Claim",
        list(statements),
        format_func=lambda cid: f"{cid} · {statements[cid]}",
        key=f"plan_move_claim_{scope}_{filters}",
    )
    sources = routing.routed_sections(view.plan, claim_id)
    destinations = routing.move_destinations(view.plan, claim_id)
    source = from_col.selectbox(
        "From section", sources, format_func=title, key=f"plan_move_from_{scope}_{claim_id}"
    )
    if not destinations:
        to_col.caption("This claim already feeds every section: there is no section to move it to.")
        return
    destination = to_col.selectbox(
        "To section", destinations, format_func=title, key=f"plan_move_to_{scope}_{claim_id}"
    )
    if st.button("Move and save as new plan version", key="plan_move_save", disabled=locked):
        save(
            lambda: routing.move_and_save(
                space.store,
                space.org_id,
                view.run.run_id,
                claim_id,
                source,
                destination,
                base_plan_no=view.plan_no,
            )
        )


def save(action: Callable[[], routing.SavedPlan]) -> None:
    """Run a save; on success note the new version and rerun so the page shows it."""
    try:
        saved = action()
    except InvalidInput as exc:
        st.error(escape_markdown(str(exc)))
        return
    if saved.plan_no is None:
        st.info("Nothing changed: no new plan version was saved.")
        return
    page_state().notice = (
        f"Saved plan version {saved.plan_no}. "
        f"Changed sections: {routing.section_titles(saved.changed)}. Rebuild to rewrite them."
    )
    st.rerun()


def show_coverage(view: routing.PlanView) -> None:
    """Coverage notes per section, and the unmapped claims with their reasons."""
    st.markdown("#### Coverage")
    st.dataframe(
        routing.coverage_table(view.plan).drop("section"),
        hide_index=True,
        column_config={
            "coverage_notes": st.column_config.TextColumn("Coverage notes", width="large")
        },
    )
    unmapped = routing.unmapped_table(view.plan, view.claims)
    st.markdown(f"#### Unmapped claims ({unmapped.height})")
    st.dataframe(unmapped, hide_index=True)


def rebuild_panel(space: Workspace, view: routing.PlanView, busy: bool) -> None:
    """The "Rebuild affected sections" button, then the report of the latest section writing."""
    run = view.run
    st.markdown("#### Rebuild")
    if view.dossier_status == "released":
        st.info(
            f"Dossier {run.dossier_id} is released: released dossiers are frozen, "
            "so its routing is read-only and it is not rebuilt."
        )
    elif st.button("Rebuild affected sections", key="plan_rebuild", disabled=busy):
        try:
            start_rebuild(space.worker, run.run_id)
        except InvalidInput as exc:
            st.error(escape_markdown(str(exc)))
        else:
            st.rerun()  # redraw with the routing locked while the rebuild runs
    polling = space.worker.is_active(run.run_id)

    @st.fragment(run_every=POLL_SECONDS if polling else None)
    @held
    def status() -> None:
        running = space.worker.is_active(run.run_id)
        if polling and not running:
            st.rerun()
        report = rebuild_report(space.store, space.org_id, run.run_id, running=running)
        if running:
            st.info("Rebuilding (or still executing): the report appears here when it ends…")
            return
        error = space.worker.errors.get(run.run_id) or report.error
        if error:
            st.error("The run's last execution or rebuild reported an error:")
            st.code(error, language=None)
        if report.rewritten or report.unchanged or report.failed:
            st.success(
                f"Latest section writing: rewritten: {routing.section_titles(report.rewritten)}; "
                f"unchanged: {routing.section_titles(report.unchanged)} · "
                f"dossier version {report.dossier_version}"
            )
        for section, message in report.failed.items():
            st.warning(f"{title(section)} failed:")
            st.code(message, language=None)

    status()


def main() -> None:
    """The Plan page."""
    space = workspace()
    st.title("Plan")
    notice = page_state().take_notice()
    if notice:
        st.success(notice)
    run_id = pick_run(space)
    if run_id is None:
        return
    view = routing.plan_view(space.store, space.org_id, run_id)
    if view is None:
        st.info("This run has no plan yet: the plan is made by the run's dossier_plan step.")
        return
    page_state().dossier_id = view.run.dossier_id
    busy = space.worker.is_active(run_id)
    frozen = view.dossier_status == "released"
    if busy:
        st.info("The run is executing; edit the routing when it has finished.")
    show_versions(view)
    routing_editor(space, view, locked=busy or frozen)
    show_coverage(view)
    rebuild_panel(space, view, busy)


main()
