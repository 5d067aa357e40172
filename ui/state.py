"""The one gateway to Streamlit's session state: a typed `PageState` per browser session.

Pages call `page_state()` and read or set its fields (the run and dossier the analyst is looking
at, a notice to show once after a rerun) instead of scattering session-state keys.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

STATE_KEY = "workbench_page_state"


@dataclass
class PageState:
    """What the analyst has selected across pages, and a one-time notice."""

    run_id: str | None = None
    dossier_id: str | None = None
    notice: str | None = None

    def take_notice(self) -> str | None:
        """The pending notice, cleared so it shows once."""
        notice, self.notice = self.notice, None
        return notice


def page_state() -> PageState:
    """This session's page state, created on first use."""
    if STATE_KEY not in st.session_state:
        st.session_state[STATE_KEY] = PageState()
    state = st.session_state[STATE_KEY]
    assert isinstance(state, PageState)
    return state


def reset_widgets(*keys: str) -> None:
    """Forget the values of these widgets, so they show their defaults on the next run."""
    for key in keys:
        st.session_state.pop(key, None)


def widget_value(key: str) -> object:
    """The current value of the widget with this key (None before it first renders)."""
    return st.session_state.get(key)


def has_widget_value(key: str) -> bool:
    """Whether the widget with this key holds a value yet."""
    return key in st.session_state


def set_widget(key: str, value: object) -> None:
    """Set the value the widget with this key shows on its next render (call before it renders)."""
    st.session_state[key] = value
