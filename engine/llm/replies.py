"""Reply handling for `OpenAIClient`: the texts it adds to prompts and what it makes of replies.

Going out: the schema line that ends the system message (with the JSON schema spelled out in JSON
mode), the repair request quoting what was wrong with a reply, and the cache key of a call. Coming
back, everything is untrusted: `chat_reply` reads a completion defensively, `validate_reply` turns
a reply into the schema's object or a short description of what was wrong (never quoting the
reply's values), `web_search_reply` takes the text and the well-formed citations of a web search,
and `token_count` reads a usage field (clamped to 0..10^9). A `CallTrace` gathers what one call
sent, got back and spent, and becomes its `CallRecord` with the key masked in every text and the
response text capped at 1 MB; `scrub` masks the API key (engine.llm.secrets: any 8 of its
characters in a row, however split or cased) and anything that looks like a key in texts bound
for errors, `mask` does so without flattening, and `storable` replaces lone surrogates, which
neither the wire nor the store accepts. Nothing here imports `openai`.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from engine.llm.protocol import (
    CallContext,
    CallMode,
    CallRecord,
    CallUsage,
    ChatMessage,
    LLMError,
    Prompt,
)
from engine.llm.secrets import holds_secret, mask_secrets

T = TypeVar("T", bound=BaseModel)

ERRORS_SHOWN = 3
KEY_LIKE = re.compile(r"\bsk-[A-Za-z0-9_\-*.]{3,}", re.I)
TOKENS_MAX = 10**9
RESPONSE_TEXT_MAX_BYTES = 1_000_000
CODE_FENCE = re.compile(r"^\s*```[a-zA-Z]*\s*\n(.*)\n\s*```\s*$", re.S)


@dataclass(frozen=True)
class Reply:
    """A chat completion's reply: its text, why it finished, and the model's refusal if any."""

    text: str | None
    finish_reason: str | None = None
    refusal: str | None = None


@dataclass
class CallTrace:
    """What one call did so far: the CallRecord in the making."""

    prompt_name: str
    prompt_hash: str
    schema_name: str
    messages: tuple[ChatMessage, ...] = ()
    response_text: str | None = None
    mode: CallMode = "json_schema"
    repaired: bool = False
    attempts: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost_usd: float = 0.0
    extra: dict[str, object] = field(default_factory=dict)
    call_id: str = field(default_factory=lambda: uuid.uuid4().hex)
    created_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    started: float = field(default_factory=time.monotonic)

    def usage(self, *, cache_hit: bool = False) -> CallUsage:
        """What the call spent, with the time since it started as its latency."""
        return CallUsage(
            prompt_tokens=self.prompt_tokens,
            completion_tokens=self.completion_tokens,
            cost_usd=self.cost_usd,
            latency_ms=int((time.monotonic() - self.started) * 1000),
            cache_hit=cache_hit,
        )

    def record(
        self,
        context: CallContext,
        model: str,
        usage: CallUsage,
        error: str | None,
        secret: str | None = None,
    ) -> CallRecord:
        """The call's CallRecord: `secret` masked everywhere, the response text capped at 1 MB."""
        extra = {name: _masked_value(value, secret) for name, value in self.extra.items()}
        response_text = self.response_text
        if response_text is not None:
            response_text = mask(response_text, secret)
            capped = cap_bytes(response_text, RESPONSE_TEXT_MAX_BYTES)
            if capped != response_text:
                extra["response_text_truncated_from_bytes"] = len(
                    response_text.encode("utf-8", "replace")
                )
                response_text = capped
        return CallRecord(
            call_id=self.call_id,
            context=context,
            model=model,
            prompt_name=self.prompt_name,
            prompt_hash=self.prompt_hash,
            schema_name=self.schema_name,
            messages=tuple(
                ChatMessage(message.role, mask(message.content, secret))
                for message in self.messages
            ),
            response_text=response_text,
            usage=usage,
            attempts=self.attempts,
            error=scrub(error, secret) if error is not None else None,
            created_at=self.created_at,
            mode=self.mode,
            repaired=self.repaired,
            extra=extra,
        )


def _masked_value(value: object, secret: str | None) -> object:
    """A JSON-like value with `secret` (and long key-like strings) masked in every string."""
    if isinstance(value, str):
        return mask(value, secret)
    if isinstance(value, list | tuple):
        return [_masked_value(item, secret) for item in value]
    if isinstance(value, dict):
        return {
            mask(str(name), secret): _masked_value(item, secret) for name, item in value.items()
        }
    return value


def schema_line(schema_name: str) -> str:
    """The last line of the system message: names the schema the reply must match."""
    return f"Reply with one JSON object matching the schema {schema_name}."


def cache_key(model: str, prompt: Prompt, schema: type[BaseModel], endpoint: str) -> str:
    """SHA-256 of the endpoint, the model, the prompt's messages hash and the JSON schema."""
    parts = {
        "endpoint": endpoint,
        "model": model,
        "messages": prompt.messages_hash,
        "schema": schema.model_json_schema(),
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


def one_line(text: str, limit: int = 300) -> str:
    """The text on one line, cut to `limit` characters with an ellipsis."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def token_count(value: object) -> int:
    """A usage field as a token count: a finite number clamped to 0..10^9, else 0."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return 0
    if isinstance(value, float) and not math.isfinite(value):
        return 0
    return min(max(int(value), 0), TOKENS_MAX)


def storable(text: str) -> str:
    """The text with lone surrogates replaced by U+FFFD (they cannot be sent or stored)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return text


def cap_bytes(text: str, limit: int) -> str:
    """The text cut to at most `limit` UTF-8 bytes (never inside a character)."""
    data = text.encode("utf-8", "replace")
    return text if len(data) <= limit else data[:limit].decode("utf-8", "ignore")


def contains_secret(text: str | None, secret: str | None) -> bool:
    """Whether `text` holds 8+ characters of `secret` in a row, however split or cased."""
    return holds_secret(text, secret)


def mask(text: str, secret: str | None) -> str:
    """The text with `secret` (engine.llm.secrets' rule) and long key-like strings masked."""
    return mask_secrets(storable(text), (secret,))


def scrub(text: str, secret: str | None) -> str:
    """One short line with `secret` and anything that looks like an API key masked."""
    return one_line(mask_secrets(storable(text), (secret,), KEY_LIKE))


def with_schema(prompt: Prompt, schema: type[BaseModel], mode: CallMode) -> tuple[ChatMessage, ...]:
    """The prompt's messages, the system one ending with the schema line (and JSON schema)."""
    name = schema.__name__
    addition = schema_line(name)
    if mode == "json_object":
        described = json.dumps(schema.model_json_schema(), separators=(",", ":"))
        addition = f"The JSON schema of {name}:\n{described}\n\n{addition}"
    messages = list(prompt.messages)
    for index, message in enumerate(messages):
        if message.role == "system":
            messages[index] = ChatMessage("system", f"{message.content.rstrip()}\n\n{addition}")
            return tuple(messages)
    return (ChatMessage("system", addition), *messages)


def repair_messages(reply: Reply, schema_name: str, problem: str) -> tuple[ChatMessage, ...]:
    """The invalid reply and the request to correct it, appended to the prompt for one repair."""
    return (
        ChatMessage("assistant", reply.text or ""),
        ChatMessage(
            "user",
            f"Your reply did not match the schema {schema_name}: {problem}. Reply again with only "
            f"the corrected JSON object matching the schema {schema_name}, complete and valid.",
        ),
    )


def chat_reply(completion: object) -> Reply:
    """A chat completion's first choice as a Reply (LLMError without a list of choices)."""
    choices = getattr(completion, "choices", None)
    if not isinstance(choices, list) or not choices:
        raise LLMError("the endpoint's reply has no list of choices: not a chat completion")
    choice = choices[0]
    message = getattr(choice, "message", None)
    text, refusal = getattr(message, "content", None), getattr(message, "refusal", None)
    finish = getattr(choice, "finish_reason", None)
    return Reply(
        storable(text) if isinstance(text, str) else None,
        finish if isinstance(finish, str) else None,
        storable(refusal) if isinstance(refusal, str) else None,
    )


def validate_reply(reply: Reply, schema: type[T]) -> tuple[T | None, str]:
    """The reply as a schema object, or None and what was wrong (no input values quoted)."""
    if reply.text is None or not reply.text.strip():
        refused = f" (the model refused: {one_line(reply.refusal, 150)})" if reply.refusal else ""
        return None, f"the reply was empty{refused}"
    fenced = CODE_FENCE.match(reply.text)
    try:
        return schema.model_validate_json(fenced.group(1) if fenced else reply.text), ""
    except ValidationError as exc:
        errors = exc.errors(include_url=False, include_input=False)
        shown = "; ".join(
            f"{'.'.join(str(part) for part in error['loc']) or 'reply'}: {error['msg']}"
            for error in errors[:ERRORS_SHOWN]
        )
        more = f" (and {len(errors) - ERRORS_SHOWN} more)" if len(errors) > ERRORS_SHOWN else ""
        cut = (
            "the reply was cut off (finish_reason 'length'); "
            if reply.finish_reason == "length"
            else ""
        )
        return None, one_line(f"{cut}{shown}{more}", 600)
    except (ValueError, TypeError) as exc:
        return None, one_line(f"{type(exc).__name__}: {exc}", 300)


def web_search_reply(response: object) -> tuple[str, list[tuple[str, str]], int]:
    """A Responses API reply's text, its cited pages as (url, title), and how many were dropped."""
    texts: list[str] = []
    citations: dict[str, str] = {}
    dropped = 0
    for item in getattr(response, "output", None) or []:
        if getattr(item, "type", None) != "message":
            continue
        for part in getattr(item, "content", None) or []:
            if getattr(part, "type", None) != "output_text":
                continue
            text = getattr(part, "text", None)
            texts.append(storable(text) if isinstance(text, str) else "")
            for note in getattr(part, "annotations", None) or []:
                if getattr(note, "type", None) != "url_citation":
                    continue
                url, title = getattr(note, "url", None), getattr(note, "title", None)
                if (
                    not isinstance(url, str)
                    or not url.startswith(("http://", "https://"))
                    or len(url) > 2000
                ):
                    dropped += 1
                    continue
                citations.setdefault(
                    url,
                    one_line(storable(title), 300)
                    if isinstance(title, str) and title.strip()
                    else url,
                )
    return "".join(texts), list(citations.items()), dropped
