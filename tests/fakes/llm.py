"""A scripted structured-output model for unit tests (engine.llm.protocol.StructuredLLM).

`ScriptedModel.enqueue(schema_name, reply)` queues a reply (a dict, validated against the schema
the call asks for, like a model's reply; or an exception, raised); `structured` pops the next
one and records the call (prompt, schema, context) in `calls`. An empty queue is an
AssertionError naming the prompt, unless a `responder` is given: it then answers from the
request body the OpenAI client would send (see `request_body`), as the loopback server does.
"""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from engine.llm.protocol import CallContext, CallUsage, LLMError, LLMResult, Prompt
from engine.tokens import estimate_tokens

T = TypeVar("T", bound=BaseModel)
Reply = dict[str, Any] | Exception


def request_body(
    prompt: Prompt, schema: type[BaseModel], model: str = "scripted"
) -> dict[str, Any]:
    """The chat-completions body our client sends: the system message ends by naming the schema."""
    messages = [{"role": m.role, "content": m.content} for m in prompt.messages]
    line = f"Reply with one JSON object matching the schema {schema.__name__}."
    if messages and messages[0]["role"] == "system":
        messages[0] = {"role": "system", "content": f"{messages[0]['content']}\n\n{line}"}
    return {"model": model, "messages": messages}


@dataclass(frozen=True)
class ScriptedCall:
    """One call the model received."""

    prompt: Prompt
    schema: type[BaseModel]
    context: CallContext


@dataclass
class ScriptedModel:
    """Replies queued in order, every call recorded; `responder` answers when the queue is empty."""

    model: str = "scripted"
    responder: Callable[[dict[str, Any]], dict[str, Any]] | None = None
    calls: list[ScriptedCall] = field(default_factory=list)
    _queue: deque[tuple[str | None, Reply]] = field(default_factory=deque)

    def enqueue(self, schema_name: str | None, reply: Reply) -> ScriptedModel:
        """Queue the reply to the next call (for `schema_name`, checked, or any schema: None)."""
        self._queue.append((schema_name, reply))
        return self

    @property
    def pending(self) -> int:
        """Replies still queued."""
        return len(self._queue)

    def prompts(self, name: str | None = None) -> list[Prompt]:
        """The prompts received, optionally only those of one template."""
        return [c.prompt for c in self.calls if name is None or c.prompt.name == name]

    async def structured(
        self, prompt: Prompt, schema: type[T], *, context: CallContext
    ) -> LLMResult[T]:
        """Pop the next reply, validate it against `schema`, and return it with its usage."""
        self.calls.append(ScriptedCall(prompt, schema, context))
        if self._queue:
            expected, reply = self._queue.popleft()
            if expected is not None and expected != schema.__name__:
                raise AssertionError(
                    f"prompt {prompt.name!r} asked for {schema.__name__!r}, "
                    f"the next scripted reply is for {expected!r}"
                )
        elif self.responder is not None:
            reply = self.responder(request_body(prompt, schema, self.model))
        else:
            raise AssertionError(f"no scripted reply left for prompt {prompt.name!r}")
        if isinstance(reply, Exception):
            raise reply
        try:
            value = schema.model_validate(reply)
        except ValidationError as exc:
            raise LLMError(f"reply does not match schema {schema.__name__!r}: {exc}") from None
        usage = CallUsage(
            prompt_tokens=sum(estimate_tokens(m.content) for m in prompt.messages),
            completion_tokens=estimate_tokens(json.dumps(reply)),
        )
        return LLMResult(value=value, usage=usage, call_id=f"scripted-{len(self.calls):04d}")
