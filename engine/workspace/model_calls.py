"""A run's model calls as the Runs page shows them: the trace table, totals, one call's label.

`model_calls` reads the run's logged calls (`CallRecord`s, oldest first) with one query and gives
them with their trace table (`trace_frame`, columns TRACE_COLUMNS, one row a call) and their
totals (`usage_of`: count, tokens, cost, cache hits, errors); `llm_trace` gives the table alone.
`call_label` names one call in a picker. An offline run has no calls: an empty table, zero totals.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import polars as pl

from engine.llm.protocol import CallRecord
from engine.store import Store
from engine.store.llm import LLMUsage

TRACE_COLUMNS: dict[str, pl.DataType | type[pl.DataType]] = {
    "call id": pl.String,
    "created": pl.Datetime("us", "UTC"),
    "step": pl.String,
    "prompt": pl.String,
    "model": pl.String,
    "mode": pl.String,
    "prompt tokens": pl.Int64,
    "completion tokens": pl.Int64,
    "cost (USD)": pl.Float64,
    "latency (ms)": pl.Int64,
    "cache hit": pl.Boolean,
    "attempts": pl.Int64,
    "repaired": pl.Boolean,
    "error": pl.String,
}


@dataclass(frozen=True)
class ModelCalls:
    """One run's model calls, oldest first: the records, their trace table and their totals."""

    calls: list[CallRecord]
    trace: pl.DataFrame
    usage: LLMUsage

    def call(self, call_id: str) -> CallRecord | None:
        """The call with this id, or None."""
        return next((call for call in self.calls if call.call_id == call_id), None)


def trace_frame(calls: Sequence[CallRecord]) -> pl.DataFrame:
    """The calls as a trace table (TRACE_COLUMNS), one row a call, in the order given."""
    rows = [
        {
            "call id": call.call_id,
            "created": call.created_at,
            "step": call.context.step_id or "",
            "prompt": call.prompt_name,
            "model": call.model,
            "mode": call.mode,
            "prompt tokens": call.usage.prompt_tokens,
            "completion tokens": call.usage.completion_tokens,
            "cost (USD)": call.usage.cost_usd,
            "latency (ms)": call.usage.latency_ms,
            "cache hit": call.usage.cache_hit,
            "attempts": call.attempts,
            "repaired": call.repaired,
            "error": call.error or "",
        }
        for call in calls
    ]
    return pl.DataFrame(rows, schema=TRACE_COLUMNS)


def usage_of(calls: Sequence[CallRecord]) -> LLMUsage:
    """The totals of these calls: count, tokens, cost, cache hits and errors."""
    return LLMUsage(
        calls=len(calls),
        prompt_tokens=sum(call.usage.prompt_tokens for call in calls),
        completion_tokens=sum(call.usage.completion_tokens for call in calls),
        cost_usd=sum(call.usage.cost_usd for call in calls),
        cache_hits=sum(1 for call in calls if call.usage.cache_hit),
        errors=sum(1 for call in calls if call.error is not None),
    )


def model_calls(store: Store, org_id: str, run_id: str) -> ModelCalls:
    """The run's logged model calls with their trace table and totals (one query)."""
    calls = store.list_llm_calls(org_id, run_id)
    return ModelCalls(calls=calls, trace=trace_frame(calls), usage=usage_of(calls))


def llm_trace(store: Store, org_id: str, run_id: str) -> pl.DataFrame:
    """The run's model calls as a trace table (TRACE_COLUMNS), oldest first."""
    return trace_frame(store.list_llm_calls(org_id, run_id))


def call_label(call: CallRecord) -> str:
    """A one-line name for a call in a picker: time, step, prompt and outcome."""
    outcome = "error" if call.error else "cache hit" if call.usage.cache_hit else "answered"
    step = call.context.step_id or "no step"
    return f"{call.created_at:%H:%M:%S} · {step} · {call.prompt_name} · {outcome}"
