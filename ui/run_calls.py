"""The Runs page's "Model calls" expander: one run's model-call totals, trace and messages.

pages/runs.py draws `model_calls_section` in a fragment under the run's view (refreshed every few
seconds while the run executes). It reads the run's calls through engine.workspace.model_calls and
shows nothing for a run that made none (an offline run). Prompts, replies and errors are untrusted
text: shown with st.code, st.text or Markdown escaped for Streamlit (engine.workspace.text).
Nothing runs at import: the page calls it.
"""

from __future__ import annotations

import streamlit as st

from engine.workspace.model_calls import call_label, model_calls
from engine.workspace.text import streamlit_markdown
from ui.resources import workspace
from ui.state import set_widget, widget_value


def model_calls_section(run_id: str) -> None:
    """The run's model calls: totals, the trace table, and one chosen call's messages and reply."""
    space = workspace()
    found = model_calls(space.store, space.org_id, run_id)
    if not found.calls:
        return
    usage = found.usage
    with st.expander("Model calls", icon=":material/smart_toy:"):
        calls, tokens, cost, hits = st.columns(4)
        calls.metric("Calls", usage.calls)
        tokens.metric("Tokens", f"{usage.total_tokens:,}")
        cost.metric("Cost (USD)", f"{usage.cost_usd:.4f}")
        hits.metric("Cache hits", usage.cache_hits)
        if usage.errors:
            st.caption(f"{usage.errors} of {usage.calls} calls failed.")
        st.dataframe(
            found.trace,
            hide_index=True,
            column_config={
                "created": st.column_config.DatetimeColumn(format="YYYY-MM-DD HH:mm:ss"),
                "cost (USD)": st.column_config.NumberColumn(format="%.5f"),
            },
        )
        call_ids = [call.call_id for call in found.calls]
        labels = {call.call_id: call_label(call) for call in found.calls}
        if widget_value("run_call_select") not in call_ids:
            set_widget("run_call_select", call_ids[-1])
        chosen = st.selectbox(
            "Show call", call_ids, format_func=labels.__getitem__, key="run_call_select"
        )
        call = found.call(chosen) if chosen else None
        if call is None:
            return
        heading = f"{call.model} · {call.schema_name} · prompt {call.prompt_hash[:12]}"
        st.caption(streamlit_markdown(heading))
        for message in call.messages:
            st.caption(message.role)
            st.code(message.content, language=None, wrap_lines=True)
        st.caption("response")
        if call.response_text is None:
            st.text("(no response)")
        else:
            st.code(call.response_text, language=None, wrap_lines=True)
        if call.error:
            st.caption("error")
            st.text(call.error)
