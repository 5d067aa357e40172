"""The protocol between the openai backend and a language model: one structured call at a time.

A call sends a rendered `Prompt` and a pydantic schema, and returns an `LLMResult`: the validated
object plus what the call cost (`CallUsage`). `OpenAIClient` implements `StructuredLLM` over any
OpenAI-compatible endpoint; tests use a scripted fake. Every call, answered or failed, becomes a
`CallRecord` for the `CallLog`; a `CallCache` may answer an identical call without a request.
Errors: `LLMTransientError` may pass on retry (timeout, 429, 5xx, connection); `BudgetExceeded`
means the run's token or cost budget is spent; any other `LLMError` is final.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Generic, Literal, Protocol, TypeVar

from pydantic import BaseModel

T = TypeVar("T", bound=BaseModel)
Role = Literal["system", "user", "assistant"]
CallMode = Literal["json_schema", "json_object", "cache", "web_search"]


class LLMError(Exception):
    """A model call failed for good: refused request, or output still invalid after a repair."""


class LLMTransientError(LLMError):
    """A model call failed in a way that may pass when tried again (timeout, 429, 5xx)."""


class BudgetExceeded(LLMError):
    """The run's token or cost budget is spent; no further call is made."""


@dataclass(frozen=True)
class ChatMessage:
    """One message of a prompt."""

    role: Role
    content: str


@dataclass(frozen=True)
class Prompt:
    """A rendered prompt: its template's name and content hash, and the messages to send.

    `prompt_hash` is the SHA-256 of the template file's content (its version): a changed prompt
    file changes it. `messages_hash` is the SHA-256 of the rendered messages (the cache key's part).
    """

    name: str
    prompt_hash: str
    messages: tuple[ChatMessage, ...]
    messages_hash: str


@dataclass(frozen=True)
class CallContext:
    """Whose call this is, for the log: org, run and step (None outside a run)."""

    org_id: str | None = None
    run_id: str | None = None
    step_id: str | None = None


@dataclass(frozen=True)
class CallUsage:
    """What one call spent."""

    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost_usd: float = 0.0
    latency_ms: int = 0
    cache_hit: bool = False

    @property
    def total_tokens(self) -> int:
        """Prompt plus completion tokens."""
        return self.prompt_tokens + self.completion_tokens


@dataclass(frozen=True)
class LLMResult(Generic[T]):
    """A validated answer and what it cost."""

    value: T
    usage: CallUsage
    call_id: str


@dataclass(frozen=True)
class CallRecord:
    """One call as the log keeps it: never the API key."""

    call_id: str
    context: CallContext
    model: str
    prompt_name: str
    prompt_hash: str
    schema_name: str
    messages: tuple[ChatMessage, ...]
    response_text: str | None
    usage: CallUsage
    attempts: int
    error: str | None
    created_at: datetime
    mode: CallMode = "json_schema"
    repaired: bool = False
    extra: dict[str, object] = field(default_factory=dict)


class CallLog(Protocol):
    """Where every call is recorded."""

    def record(self, record: CallRecord) -> None:
        """Keep one call's record."""
        ...


class CallCache(Protocol):
    """Answers for identical calls (same model, messages and schema), keyed by `cache_key`."""

    def get(self, key: str) -> str | None:
        """The raw response text stored for the key, or None."""
        ...

    def put(self, key: str, model: str, response_text: str) -> None:
        """Store a validated response for the key."""
        ...


class StructuredLLM(Protocol):
    """What the openai backend calls: a prompt and a schema in, a validated object out."""

    model: str

    async def structured(
        self, prompt: Prompt, schema: type[T], *, context: CallContext
    ) -> LLMResult[T]:
        """Send the prompt, return the reply validated against `schema` (LLMError if it cannot)."""
        ...
