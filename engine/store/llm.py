"""Model-call records of the Store: the llm_calls log (one row a call) and the llm_cache.

`save_llm_call` checks a whole `CallRecord` before anything is written: a NaN, infinite or
negative cost, a negative token count, an unknown mode or role, or `extra` that is not JSON is
refused with a StoreError and nothing is stored. Text that UTF-8 cannot hold (a lone surrogate a
model reply may carry) is stored with U+FFFD in its place rather than refused. `llm_usage` sums the
calls of many runs in one query. The cache keeps validated response text by key, per org.
A `CallRecord` has no field for the API key, so no row can hold it; the environment's key is
masked once more in every text of a record (prompt, response, error, extra) as it is written.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictBool, StrictInt

from engine.llm.protocol import CallContext, CallMode, CallRecord, CallUsage, ChatMessage
from engine.llm.secrets import redact, redact_value
from engine.store.database import (
    Database,
    DuplicateError,
    Row,
    StoreError,
    from_db_time,
    require_key,
    to_db_time,
    utc_now,
)
from engine.store.rows import columns, validated
from engine.store.runs import retry_on_conflict


def _non_empty(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be empty")
    return value


NonEmpty = Annotated[str, AfterValidator(_non_empty)]
Count = Annotated[StrictInt, Field(ge=0)]

CALL_FIELDS = (
    "call_id",
    "run_id",
    "step_id",
    "model",
    "prompt_name",
    "prompt_hash",
    "schema_name",
    "mode",
    "messages",
    "response_text",
    "prompt_tokens",
    "completion_tokens",
    "cost_usd",
    "latency_ms",
    "cache_hit",
    "attempts",
    "repaired",
    "error",
    "extra",
    "created_at",
)
_JSON_FIELDS = frozenset({"messages", "extra"})
_CALL_INSERT = (
    f"INSERT INTO llm_calls (org_id, {columns(CALL_FIELDS)}) VALUES (?{', ?' * len(CALL_FIELDS)})"
)
_CALL_SELECT = f"SELECT {columns(CALL_FIELDS)} FROM llm_calls WHERE org_id = ?"
_CALL_EXISTS = "SELECT 1 FROM llm_calls WHERE org_id = ? AND call_id = ?"
_USAGE = (
    "SELECT run_id, count(*), coalesce(sum(prompt_tokens), 0), "
    "coalesce(sum(completion_tokens), 0), coalesce(sum(cost_usd), 0.0), "
    "count(*) FILTER (WHERE cache_hit), count(*) FILTER (WHERE error IS NOT NULL) "
    "FROM llm_calls WHERE org_id = ? AND run_id IN (SELECT unnest(?::VARCHAR[])) GROUP BY run_id"
)
_CACHE_SELECT = "SELECT response_text FROM llm_cache WHERE org_id = ? AND cache_key = ?"
_CACHE_UPSERT = (
    "INSERT INTO llm_cache (org_id, cache_key, model, response_text, created_at) "
    "VALUES (?, ?, ?, ?, ?) ON CONFLICT (org_id, cache_key) DO UPDATE SET "
    "model = excluded.model, response_text = excluded.response_text, "
    "created_at = excluded.created_at"
)


@dataclass(frozen=True)
class LLMUsage:
    """What one run's model calls added up to."""

    calls: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost_usd: float = 0.0
    cache_hits: int = 0
    errors: int = 0

    @property
    def total_tokens(self) -> int:
        """Prompt plus completion tokens."""
        return self.prompt_tokens + self.completion_tokens


class StoredMessage(BaseModel):
    """One message of a logged call, as its JSON column holds it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    role: Literal["system", "user", "assistant"]
    content: str


class StoredCall(BaseModel):
    """One llm_calls row, checked before it is written and when it is read back."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    call_id: NonEmpty
    run_id: NonEmpty | None
    step_id: NonEmpty | None
    model: NonEmpty
    prompt_name: NonEmpty
    prompt_hash: NonEmpty
    schema_name: NonEmpty
    mode: CallMode
    messages: list[StoredMessage]
    response_text: str | None
    prompt_tokens: Count
    completion_tokens: Count
    cost_usd: Annotated[float, Field(ge=0, allow_inf_nan=False)]
    latency_ms: Count
    cache_hit: StrictBool
    attempts: Count
    repaired: StrictBool
    error: str | None
    extra: dict[str, Any]
    created_at: datetime

    def to_record(self, org_id: str) -> CallRecord:
        """The CallRecord this row holds, its context naming the org it belongs to."""
        return CallRecord(
            call_id=self.call_id,
            context=CallContext(org_id=org_id, run_id=self.run_id, step_id=self.step_id),
            model=self.model,
            prompt_name=self.prompt_name,
            prompt_hash=self.prompt_hash,
            schema_name=self.schema_name,
            messages=tuple(ChatMessage(m.role, m.content) for m in self.messages),
            response_text=self.response_text,
            usage=CallUsage(
                prompt_tokens=self.prompt_tokens,
                completion_tokens=self.completion_tokens,
                cost_usd=self.cost_usd,
                latency_ms=self.latency_ms,
                cache_hit=self.cache_hit,
            ),
            attempts=self.attempts,
            error=self.error,
            created_at=self.created_at,
            mode=self.mode,
            repaired=self.repaired,
            extra=dict(self.extra),
        )


def storable_text(text: str) -> str:
    """`text` with any lone surrogate (which UTF-8 cannot encode) replaced by U+FFFD."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return text


def _storable(value: object) -> object:
    return storable_text(value) if isinstance(value, str) else value


def _masked(value: object) -> object:
    """A text field with the API key masked (engine.llm.secrets.redact); else as it is."""
    return redact(value) if isinstance(value, str) else value


def _json(value: object, label: str) -> str:
    try:
        return storable_text(json.dumps(value, allow_nan=False, ensure_ascii=False))
    except (TypeError, ValueError) as exc:  # NaN and Infinity are not JSON
        raise StoreError(f"{label} cannot be stored as JSON: {exc}") from None


def _call_fields(org_id: str, record: CallRecord) -> dict[str, object]:
    """The row fields of a record, read defensively: a malformed record raises StoreError."""
    if not isinstance(record, CallRecord):
        raise StoreError(f"an llm call must be a CallRecord, got {type(record).__name__!r}")
    label = f"llm call {record.call_id!r}"
    try:
        context, usage = record.context, record.usage
        if context.org_id is not None and context.org_id != org_id:
            raise StoreError(f"{label} belongs to org {context.org_id!r}, not {org_id!r}")
        messages = [
            {"role": message.role, "content": _storable(_masked(message.content))}
            for message in record.messages
        ]
        fields: dict[str, object] = {
            "call_id": record.call_id,
            "run_id": context.run_id,
            "step_id": context.step_id,
            "model": record.model,
            "prompt_name": record.prompt_name,
            "prompt_hash": record.prompt_hash,
            "schema_name": record.schema_name,
            "mode": record.mode,
            "messages": messages,
            "response_text": _masked(record.response_text),
            "prompt_tokens": usage.prompt_tokens,
            "completion_tokens": usage.completion_tokens,
            "cost_usd": usage.cost_usd,
            "latency_ms": usage.latency_ms,
            "cache_hit": usage.cache_hit,
            "attempts": record.attempts,
            "repaired": record.repaired,
            "error": _masked(record.error),
            "extra": redact_value(record.extra),
            "created_at": record.created_at,
        }
    except (AttributeError, TypeError) as exc:
        raise StoreError(f"{label} is malformed: {exc}") from None
    return {field: _storable(value) for field, value in fields.items()}


def _call_row(call: StoredCall, label: str) -> list[object]:
    values: list[object] = []
    for field in CALL_FIELDS:
        value = getattr(call, field)
        if field == "messages":
            values.append(_json([message.model_dump() for message in value], label))
        elif field == "extra":
            values.append(_json(value, f"extra of {label}"))
        elif isinstance(value, datetime):
            values.append(to_db_time(value))
        else:
            values.append(value)
    return values


def _call_from_row(org_id: str, row: Row) -> CallRecord:
    data: dict[str, object] = {}
    for field, value in zip(CALL_FIELDS, row, strict=True):
        if field in _JSON_FIELDS:
            data[field] = json.loads(str(value))
        elif isinstance(value, datetime):
            data[field] = from_db_time(value)
        else:
            data[field] = value
    return validated(StoredCall, data, f"stored llm call {row[0]!r}").to_record(org_id)


class LLMRecords:
    """Store methods for the llm_calls and llm_cache tables; every call is scoped to one org."""

    _db: Database

    def save_llm_call(self, org_id: str, record: CallRecord) -> None:
        """Store one call's record (checked whole first); a call_id already stored is refused."""
        org_id = require_key("org_id", org_id)
        label = f"llm call {getattr(record, 'call_id', None)!r}"
        call = validated(StoredCall, _call_fields(org_id, record), label)
        row = [org_id, *_call_row(call, label)]

        def insert() -> None:
            with self._db.transaction():
                if self._db.fetchone(_CALL_EXISTS, [org_id, call.call_id]) is not None:
                    raise DuplicateError(f"{label} is already stored in org {org_id!r}")
                self._db.execute(_CALL_INSERT, row)

        retry_on_conflict(self._db, insert)

    def list_llm_calls(self, org_id: str, run_id: str) -> list[CallRecord]:
        """The run's model calls, oldest first (then by call_id)."""
        rows = self._db.fetchall(
            f"{_CALL_SELECT} AND run_id = ? ORDER BY created_at, call_id",
            [require_key("org_id", org_id), require_key("run_id", run_id)],
        )
        return [_call_from_row(org_id, row) for row in rows]

    def llm_usage(self, org_id: str, run_ids: Sequence[str]) -> dict[str, LLMUsage]:
        """Calls, tokens, cost, cache hits and errors of each run, in one query.

        Every run asked about has an entry: a run without calls (an offline run) has zeros.
        """
        org_id = require_key("org_id", org_id)
        wanted = [require_key("run_id", run_id) for run_id in run_ids]
        usage = {run_id: LLMUsage() for run_id in wanted}
        if not wanted:
            return usage
        for run_id, calls, prompt, completion, cost, hits, errors in self._db.fetchall(
            _USAGE, [org_id, sorted(set(wanted))]
        ):
            usage[str(run_id)] = LLMUsage(
                calls=int(calls),
                prompt_tokens=int(prompt),
                completion_tokens=int(completion),
                cost_usd=float(cost),
                cache_hits=int(hits),
                errors=int(errors),
            )
        return usage

    def cached_response(self, org_id: str, key: str) -> str | None:
        """The response text cached under `key` in this org, or None."""
        row = self._db.fetchone(
            _CACHE_SELECT, [require_key("org_id", org_id), require_key("cache_key", key)]
        )
        return None if row is None else str(row[0])

    def cache_response(self, org_id: str, key: str, model: str, text: str) -> None:
        """Cache a validated response under `key`, replacing any text cached there before."""
        org_id, key = require_key("org_id", org_id), require_key("cache_key", key)
        model = require_key("model", model)
        if not isinstance(text, str):
            kind = type(text).__name__
            raise StoreError(f"cached response for {key!r} must be text, got {kind!r}")
        params = [org_id, key, storable_text(model), storable_text(text), utc_now()]

        def upsert() -> None:
            with self._db.transaction():
                self._db.execute(_CACHE_UPSERT, params)

        retry_on_conflict(self._db, upsert)
