"""Clients: the companies dossiers are written for, listed, created and edited.

A client's description, services, ICP and differentiators are the lens its dossiers use. Forms
are checked by engine.workspace.clients (blank name or description, invisible characters, a name
already taken); a rejected form shows the engine's message and saves nothing.

A keyed input keeps the value the browser holds for its key, whatever default the page passes,
so the edit inputs are keyed by the client they edit (`client_edit_<name>_<field>`) and filled
through their keys, and a submitted form is handled before its inputs are drawn: that is when
the page may still set them (clear the New form, select a renamed client, show what was saved).
"""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from engine.models import Client, InvalidInput
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
from ui.resources import Workspace, workspace
from ui.state import has_widget_value, page_state, set_widget, widget_value

SELECT_KEY = "client_edit_select"
CREATE_KEY = "client_create"
SAVE_KEY = "client_save"
LONG_FIELDS = {"description", "services", "icp", "differentiators"}
REQUIRED_FIELDS = {"name", "description"}


def new_key(field: str) -> str:
    """The widget key of a field of the New client form."""
    return f"client_new_{field}"


def edit_key(name: str, field: str) -> str:
    """The widget key of a field of the edit form of the client called `name`."""
    return f"client_edit_{name}_{field}"


def typed(keys: Mapping[str, str]) -> dict[str, str]:
    """The values the analyst submitted, field by field (read before the inputs are drawn)."""
    return {field: str(widget_value(key) or "") for field, key in keys.items()}


def fill(keys: Mapping[str, str], client: Client) -> None:
    """Make the inputs under `keys` show the client's stored fields on their next draw."""
    for field, key in keys.items():
        set_widget(key, str(getattr(client, field)))


def field_inputs(keys: Mapping[str, str]) -> None:
    """One input per client field, each holding the value kept under its key."""
    for field, key in keys.items():
        widget = st.text_area if field in LONG_FIELDS else st.text_input
        label = FIELD_LABELS[field] + (" *" if field in REQUIRED_FIELDS else "")
        widget(label, key=key)


def handle_create(space: Workspace) -> tuple[str | None, str | None]:
    """Store the submitted New client form; (notice, error). A created client clears the form."""
    keys = {field: new_key(field) for field in CLIENT_FIELDS}
    try:
        created = create_client(space.store, space.org_id, typed(keys))
    except (InvalidInput, StoreError) as exc:
        return None, str(exc)
    for key in keys.values():
        set_widget(key, "")
    return f"Client {created.name!r} created.", None


def handle_save(space: Workspace) -> tuple[str | None, str | None]:
    """Store the submitted edit form of the chosen client; (notice, error).

    The form is then filled with what was stored and a renamed client stays selected.
    """
    chosen = str(widget_value(SELECT_KEY) or "")
    fields = typed({field: edit_key(chosen, field) for field in CLIENT_FIELDS})
    try:
        saved = save_client(space.store, space.org_id, chosen, fields)
    except (InvalidInput, StoreError) as exc:
        return None, str(exc)
    set_widget(SELECT_KEY, saved.name)
    fill({field: edit_key(saved.name, field) for field in CLIENT_FIELDS}, saved)
    return f"Client {saved.name!r} saved.", None


def edit_form(space: Workspace, names: list[str], error: str | None) -> None:
    """The client picker and the edit form of the chosen client."""
    st.subheader("Edit a client")
    if has_widget_value(SELECT_KEY) and widget_value(SELECT_KEY) not in names:
        set_widget(SELECT_KEY, names[0])  # the client was renamed or deleted elsewhere
    chosen = st.selectbox("Client", names, key=SELECT_KEY)
    current = space.store.get_client(space.org_id, chosen)
    if current is None:
        return
    keys = {field: edit_key(current.name, field) for field in CLIENT_FIELDS}
    if not all(has_widget_value(key) for key in keys.values()):
        fill(keys, current)
    if error:
        st.error(safe_markdown(error))
    with st.form("client_edit_form"):
        field_inputs(keys)
        st.form_submit_button("Save changes", key=SAVE_KEY)


def main() -> None:
    """The Clients page."""
    space = workspace()
    st.title("Clients")
    notice = page_state().take_notice()
    create_error = save_error = None
    if widget_value(CREATE_KEY):
        notice, create_error = handle_create(space)
    elif widget_value(SAVE_KEY):
        notice, save_error = handle_save(space)
    if notice:
        st.success(safe_markdown(notice))

    rows = client_rows(space.store, space.org_id)
    if rows.is_empty():
        st.info(
            "No clients yet. Add the first one below (or run `workbench demo` for the demo two)."
        )
    else:
        labels = {name: st.column_config.TextColumn(FIELD_LABELS[name]) for name in rows.columns}
        st.dataframe(rows, hide_index=True, column_config=labels)

    st.subheader("New client")
    if create_error:
        st.error(safe_markdown(create_error))
    with st.form("client_new_form"):
        field_inputs({field: new_key(field) for field in CLIENT_FIELDS})
        st.form_submit_button("Create client", key=CREATE_KEY)

    names = client_names(space.store, space.org_id)
    if names:
        edit_form(space, names, save_error)


main()
