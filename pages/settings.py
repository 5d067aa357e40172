"""Settings page: the workspace's backend, model, base URL and concurrency, and where it lives.

Saving goes through engine.workspace.settings.save_settings, which checks every value; a refused
form shows the engine's message and saves nothing. The backend choice sits above the form so
that choosing "openai" without an API key or base URL warns at once that such runs will be
refused (engine.workspace.settings.openai_refusal). The API key is never a setting: the page
only says whether one is set and where it is read from, never its value, and has no input for
it. Messages quoting typed values are escaped for Streamlit's Markdown.
"""

from __future__ import annotations

import os
import typing

import streamlit as st

from engine.models import InvalidInput
from engine.models.run import BackendName
from engine.pipeline.policy import MAX_CONCURRENCY
from engine.workspace.settings import API_KEY_ENV_VAR, ENV_NAMES, openai_refusal, save_settings
from engine.workspace.text import streamlit_markdown
from ui.resources import secret_key_set, workspace
from ui.state import page_state

BACKENDS: list[str] = list(typing.get_args(BackendName))
BACKEND_LABELS = {
    "offline": "offline (deterministic rules)",
    "openai": "openai (any OpenAI-compatible endpoint)",
}


def key_sources() -> list[str]:
    """Where an API key was found (the environment, Streamlit's secrets), never the key."""
    found = []
    if os.environ.get(API_KEY_ENV_VAR, "").strip():
        found.append(f"the {API_KEY_ENV_VAR} environment variable")
    if secret_key_set():
        found.append(".streamlit/secrets.toml")
    return found


space = workspace()
state = page_state()
settings = space.settings
st.title("Settings")
notice = state.take_notice()
if notice:
    st.success(streamlit_markdown(notice))

backend = st.radio(
    "Backend",
    BACKENDS,
    index=BACKENDS.index(settings.backend),
    format_func=BACKEND_LABELS.get,
    key="settings_backend",
    horizontal=True,
)
refusal = openai_refusal(backend, settings)
if refusal:
    st.warning(refusal)

with st.form("settings_form"):
    model = st.text_input("Model", value=settings.model, key="settings_model", max_chars=200)
    base_url = st.text_input(
        "Base URL (OpenAI-compatible server; blank for the default)",
        value=settings.base_url or "",
        key="settings_base_url",
    )
    concurrency = st.number_input(
        "Concurrency (steps at once)",
        min_value=1,
        max_value=MAX_CONCURRENCY,
        value=settings.concurrency,
        step=1,
        key="settings_concurrency",
    )
    if st.form_submit_button("Save settings", key="settings_save", type="primary"):
        values = {
            "backend": backend,
            "model": model,
            "base_url": base_url,
            "concurrency": concurrency,
        }
        try:
            saved = save_settings(space.store, space.org_id, values)
        except InvalidInput as exc:
            st.error(streamlit_markdown(str(exc)))
        else:
            state.notice = (
                f"Settings saved: backend {saved.backend}, model {saved.model}, "
                f"concurrency {saved.concurrency}."
            )
            st.rerun()

st.caption(
    "Saved values override the environment defaults ("
    + ", ".join(f"`{name}`" for name in ENV_NAMES.values())
    + ")."
)

st.subheader("API key")
if settings.api_key_set:
    sources = " and ".join(key_sources()) or "the environment"
    st.markdown(f"API key: **set** (read from {sources}).")
else:
    st.markdown("API key: **not set**.")
st.caption(
    f"The key is read from the `{API_KEY_ENV_VAR}` environment variable or from "
    "`.streamlit/secrets.toml`; it is never stored in the workspace or shown here."
)

st.subheader("Workspace")
st.text(f"Database: {space.db_path}")
st.text(f"Workspace (org): {space.org_id}")
st.text(f"Analyst: {space.user}")
