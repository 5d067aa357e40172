"""Clients: the companies dossiers are written for, listed, created and edited.

A client's description, services, ICP and differentiators are the lens its dossiers use. Forms
are checked by engine.workspace.clients (blank name or description, invisible characters, a name
already taken); a rejected form shows the engine's message and saves nothing.
"""

from __future__ import annotations

import streamlit as st

from engine.models import InvalidInput
from engine.store import StoreError
from engine.workspace.clients import (
    CLIENT_FIELDS,
    FIELD_LABELS,
    client_names,
    client_rows,
    create_client,
    save_client,
)
from engine.workspace.text import streamlit_markdown as safe_markdown
from ui.resources import workspace
from ui.state import page_state, reset_widgets

NEW_PREFIX = "client_new_"
EDIT_PREFIX = "client_edit_"
SELECT_KEY = "client_edit_select"
LONG_FIELDS = {"description", "services", "icp", "differentiators"}


def field_inputs(prefix: str, values: dict[str, str]) -> dict[str, str]:
    """One input per client field (keys `<prefix><field>`); the values typed."""
    typed = {}
    for name in CLIENT_FIELDS:
        widget = st.text_area if name in LONG_FIELDS else st.text_input
        label = FIELD_LABELS[name] + (" *" if name in ("name", "description") else "")
        typed[name] = widget(label, value=values.get(name, ""), key=f"{prefix}{name}")
    return typed


def forget_inputs(prefix: str) -> None:
    """Drop the form's typed values so its inputs show their defaults on the next run."""
    reset_widgets(*(f"{prefix}{name}" for name in CLIENT_FIELDS))


space = workspace()
state = page_state()
st.title("Clients")
notice = state.take_notice()
if notice:
    st.success(safe_markdown(notice))

rows = client_rows(space.store, space.org_id)
if rows.is_empty():
    st.info("No clients yet. Add the first one below (or run `workbench demo` for the demo two).")
else:
    labels = {name: st.column_config.TextColumn(FIELD_LABELS[name]) for name in rows.columns}
    st.dataframe(rows, hide_index=True, column_config=labels)

st.subheader("New client")
with st.form("client_new_form"):
    new_fields = field_inputs(NEW_PREFIX, {})
    if st.form_submit_button("Create client", key="client_create"):
        try:
            created = create_client(space.store, space.org_id, new_fields)
        except (InvalidInput, StoreError) as exc:
            st.error(safe_markdown(str(exc)))
        else:
            forget_inputs(NEW_PREFIX)
            state.notice = f"Client {created.name!r} created."
            st.rerun()

names = client_names(space.store, space.org_id)
if names:
    st.subheader("Edit a client")
    chosen = st.selectbox(
        "Client",
        names,
        key=SELECT_KEY,
        on_change=forget_inputs,
        args=(EDIT_PREFIX,),
    )
    current = space.store.get_client(space.org_id, chosen)
    if current is not None:
        with st.form("client_edit_form"):
            edited = field_inputs(EDIT_PREFIX, current.model_dump(include=set(CLIENT_FIELDS)))
            if st.form_submit_button("Save changes", key="client_save"):
                try:
                    saved = save_client(space.store, space.org_id, chosen, edited)
                except (InvalidInput, StoreError) as exc:
                    st.error(safe_markdown(str(exc)))
                else:
                    forget_inputs(EDIT_PREFIX)
                    if saved.name != chosen:  # the old name is no longer an option
                        reset_widgets(SELECT_KEY)
                    state.notice = f"Client {saved.name!r} saved."
                    st.rerun()
