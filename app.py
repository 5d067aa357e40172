"""Dossier Workbench: the Streamlit entry point. Routes the pages and draws the shared sidebar.

Run with `make run` (or `streamlit run app.py`). Pages live in pages/, one screen each; they read
widgets, call one engine function and render. The Store and the run worker are opened once per
process (ui.resources) and runs keep going in the worker while the analyst moves between pages.
A bad settings value in the environment is shown once here, above the page, naming the
variable (its default is used meanwhile). The tab icon is an emoji, set before the navigation:
a Material icon as favicon (ours, or, with no page_icon, the current page's navigation icon)
makes the browser fetch it from Google's font server, and the workbench works offline. The
navigation icons themselves are drawn with the font Streamlit serves itself.

Each page run holds the database file while it draws (ui.resources); when a CLI command holds
it, the page says who in one line, with a button to try again, instead of a traceback.
"""

from __future__ import annotations

import streamlit as st

from engine.store import DatabaseBusyError
from engine.workspace.text import streamlit_markdown as text
from ui.resources import workspace

PAGE_ICON = "🗂️"
st.set_page_config(page_title="Dossier Workbench", page_icon=PAGE_ICON, layout="wide")

PAGES = {
    "Research": [
        st.Page("pages/runs.py", title="Runs", icon=":material/play_circle:", default=True),
        st.Page("pages/claims.py", title="Claims", icon=":material/fact_check:"),
    ],
    "Review": [
        st.Page("pages/review.py", title="Review", icon=":material/rule:"),
        st.Page("pages/plan.py", title="Plan", icon=":material/account_tree:"),
    ],
    "Deliver": [
        st.Page("pages/dossiers.py", title="Dossiers", icon=":material/description:"),
    ],
    "Setup": [
        st.Page("pages/clients.py", title="Clients", icon=":material/business:"),
        st.Page("pages/settings.py", title="Settings", icon=":material/settings:"),
    ],
}

navigation = st.navigation(PAGES)


def draw() -> None:
    """The sidebar and the current page, holding the database file for the page run."""
    space = workspace()
    with space.store.session():
        with st.sidebar:
            st.markdown("**Dossier Workbench**")
            st.caption(text(f"Workspace {space.org_id} · analyst {space.user}"))
            backend = space.settings.backend
            model = "deterministic rules" if backend == "offline" else space.settings.model
            st.caption(text(f"Backend {backend} · model {model}"))
            active = space.worker.active_runs()
            if active:
                st.caption(f"{len(active)} run(s) executing")
        if space.problems:
            st.error("Settings problems:\n" + "\n".join(f"- {text(p)}" for p in space.problems))
        navigation.run()


try:
    draw()
except DatabaseBusyError as busy:  # a CLI command holds the file: say who, never a traceback
    st.warning(text(str(busy)), icon=":material/hourglass_top:")
    st.button("Try again", key="database_busy_retry")
