"""`OpenAIClient`: structured calls to any OpenAI-compatible server (the only `openai` import).

One call: a rendered prompt and a pydantic schema in, a validated object out. The client asks for
strict structured output (`json_schema`); a server that refuses it is remembered and asked for
JSON mode with the schema in the system message. Every reply is validated with the schema; an
invalid or truncated one gets ONE repair request quoting the validation errors. Our own retry loop
(the SDK's is off) retries timeouts, connection errors, 429 and 5xx with backoff, honouring
`Retry-After`; a budget is checked before every request; a semaphore bounds requests in flight.
Each request must end within its total deadline (`request_deadline_s`, connect to last byte: a
server trickling bytes times out too), and neither a request nor a wait to retry runs past the
deadline of the step around it (engine.llm.deadlines). Every call, answered, failed, cancelled
or served from the cache, becomes one `CallRecord` (engine.llm.callbooks keeps the books). The
API key is only handed to the SDK: errors and records never carry it (nor any 8 of its
characters in a row), and a reply that holds it is refused (and not cached). Whatever the SDK
or a broken endpoint raises surfaces as an `LLMError`.
"""

from __future__ import annotations

import asyncio
import hashlib
import re
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

import openai
from pydantic import BaseModel

from engine.llm.budget import RunBudget
from engine.llm.callbooks import CallBooks
from engine.llm.deadlines import deadline_within, request_limit
from engine.llm.pricing import PriceTable
from engine.llm.protocol import (
    CallCache,
    CallContext,
    CallLog,
    CallMode,
    CallUsage,
    ChatMessage,
    LLMError,
    LLMResult,
    LLMTransientError,
    Prompt,
)
from engine.llm.replies import (
    CallTrace,
    Reply,
    cache_key,
    chat_reply,
    repair_messages,
    storable,
    validate_reply,
    web_search_reply,
    with_schema,
)
from engine.llm.retry import (
    RETRY_STATUSES,
    Refused,
    quota_refusal,
    quota_spent,
    refusal,
    retry_delay,
    unavailable,
)
from engine.llm.settings import DEFAULT_BASE_URL, LLMSettings

T = TypeVar("T", bound=BaseModel)
R = TypeVar("R")
Mode = CallMode

OPENAI_BASE_URL = DEFAULT_BASE_URL
PLACEHOLDER_KEY = "no-key-needed"  # local servers want no key, the SDK wants one
SCHEMA_REFUSAL = re.compile(r"response_format|json_schema|not supported|unsupported", re.I)
LATE = "no complete answer"
CANCELLED = "the call was cancelled before it ended (the step was cancelled or ran out of time)"


@dataclass(frozen=True)
class WebSearchResult:
    """What a web search found: the model's text and the pages it cites as (url, title)."""

    text: str
    citations: list[tuple[str, str]]
    usage: CallUsage


def strict_json_schema(schema: type[BaseModel]) -> tuple[dict[str, Any], bool]:
    """The schema made strict the way the SDK's `parse` does, and whether that worked."""
    try:  # the SDK's own helper (used by chat.completions.parse); private, hence the guard
        from openai.lib._pydantic import to_strict_json_schema

        return to_strict_json_schema(schema), True
    except (ImportError, TypeError, ValueError, KeyError, AssertionError):
        return schema.model_json_schema(), False


def _chat_request(
    model: str, messages: tuple[ChatMessage, ...], schema: type[BaseModel], mode: Mode
) -> dict[str, Any]:
    """The keyword arguments of chat.completions.create for one request."""
    response_format: dict[str, Any] = {"type": "json_object"}
    if mode == "json_schema":
        strict, is_strict = strict_json_schema(schema)
        name = re.sub(r"[^A-Za-z0-9_-]", "_", schema.__name__)[:64]
        response_format = {
            "type": "json_schema",
            "json_schema": {"name": name, "schema": strict, "strict": is_strict},
        }
    sent = [{"role": message.role, "content": storable(message.content)} for message in messages]
    return {"model": model, "messages": sent, "response_format": response_format}


def _chat(request: dict[str, Any]) -> Callable[[openai.AsyncOpenAI], Awaitable[Any]]:
    return lambda sdk: sdk.chat.completions.create(**request)


class OpenAIClient:
    """A `StructuredLLM` over an OpenAI-compatible endpoint, with the web search tool on top."""

    def __init__(
        self,
        settings: LLMSettings,
        *,
        log: CallLog | None = None,
        cache: CallCache | None = None,
        budget: RunBudget | None = None,
        prices: PriceTable | None = None,
    ) -> None:
        self.settings = settings
        self.model = settings.model
        self._log = log
        self._cache = cache if settings.cache else None
        self._budget = budget
        self._prices = prices if prices is not None else PriceTable.load()
        secret = settings.api_key.get_secret_value() if settings.api_key is not None else None
        self._books = CallBooks(settings.model, secret, self._prices, budget)
        self.json_schema_supported = True
        self._json_mode_schemas: set[str] = set()  # schemas the endpoint found invalid as strict
        self._sdk: openai.AsyncOpenAI | None = None
        self._semaphore: asyncio.Semaphore | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    async def structured(
        self, prompt: Prompt, schema: type[T], *, context: CallContext
    ) -> LLMResult[T]:
        """Send the prompt, return the reply validated against `schema` (LLMError if it cannot)."""
        trace = CallTrace(prompt.name, prompt.prompt_hash, schema.__name__)
        cache = self._cache
        key = cache_key(self.model, prompt, schema, self.endpoint) if cache is not None else None
        try:
            mode = self._mode(schema)
            if (
                cache is not None
                and key is not None
                and (hit := self._books.cached(cache, key, prompt, schema, trace, mode)) is not None
            ):
                return LLMResult(hit, self._record(trace, context, cache_hit=True), trace.call_id)
            value = await self._answer(prompt, schema, trace)
        except LLMError as exc:
            self._record(trace, context, error=exc)
            raise
        except asyncio.CancelledError:  # the step was cancelled or ran out of time: say so
            self._record(trace, context, error=LLMError(CANCELLED))
            raise
        except Exception as exc:  # a broken endpoint must not crash the step: say what happened
            error = LLMError(self._scrub(f"model call failed: {type(exc).__name__}: {exc}"))
            self._record(trace, context, error=error)
            raise error from None
        if key is not None and cache is not None:
            self._books.fill(cache, key, value, trace)
        return LLMResult(value, self._record(trace, context), trace.call_id)

    async def web_search(self, query: str, *, context: CallContext) -> WebSearchResult:
        """Search the web with the Responses API tool; citations are the pages it cites."""
        query = storable(query)
        trace = CallTrace("web_search", hashlib.sha256(query.encode()).hexdigest(), "web_search")
        trace.messages = (ChatMessage("user", query),)
        trace.mode = "web_search"
        trace.extra["api"] = "responses"
        try:
            try:
                response = await self._send(
                    lambda sdk: sdk.responses.create(
                        model=self.model, input=query, tools=[{"type": "web_search"}]
                    ),
                    trace,
                )
            except Refused as exc:
                if exc.status not in (400, 404):
                    raise
                raise LLMError(
                    f"this endpoint offers no web search (HTTP {exc.status}: {exc.detail}); "
                    "give the run sources or turn WORKBENCH_WEB_SEARCH off"
                ) from None
            usage = getattr(response, "usage", None)
            self._books.spent(
                trace, getattr(usage, "input_tokens", 0), getattr(usage, "output_tokens", 0)
            )
            text, citations, dropped = web_search_reply(response)
            if dropped:
                trace.extra["citations_dropped"] = dropped
            self._books.refuse_key_in(text)
        except LLMError as exc:
            self._record(trace, context, error=exc)
            raise
        except asyncio.CancelledError:
            self._record(trace, context, error=LLMError(CANCELLED))
            raise
        except Exception as exc:  # a broken endpoint must not crash the step: say what happened
            error = LLMError(self._scrub(f"web search failed: {type(exc).__name__}: {exc}"))
            self._record(trace, context, error=error)
            raise error from None
        trace.response_text = text
        return WebSearchResult(text, citations, self._record(trace, context))

    async def aclose(self) -> None:
        """Close the SDK client's connections."""
        if self._sdk is not None:
            await self._sdk.close()
            self._sdk = None

    async def _answer(self, prompt: Prompt, schema: type[T], trace: CallTrace) -> T:
        reply = await self._complete(prompt, schema, trace, ())
        value, problem = validate_reply(reply, schema)
        if value is not None:
            return value
        name = schema.__name__
        repair = repair_messages(reply, name, problem)
        trace.extra["first_reply_problem"] = problem
        value, second = validate_reply(await self._complete(prompt, schema, trace, repair), schema)
        if value is None:
            raise LLMError(
                f"the model's reply does not match the schema {name!r} after one repair: {second}"
            )
        trace.repaired = True
        return value

    def _mode(self, schema: type[BaseModel]) -> Mode:
        strict_ok = self.json_schema_supported and schema.__name__ not in self._json_mode_schemas
        return "json_schema" if strict_ok else "json_object"

    async def _complete(
        self,
        prompt: Prompt,
        schema: type[BaseModel],
        trace: CallTrace,
        tail: tuple[ChatMessage, ...],
    ) -> Reply:
        while True:
            trace.mode = self._mode(schema)
            trace.messages = tuple(
                ChatMessage(message.role, storable(message.content))
                for message in (*with_schema(prompt, schema, trace.mode), *tail)
            )
            request = _chat_request(self.model, trace.messages, schema, trace.mode)
            try:
                completion = await self._send(_chat(request), trace)
            except Refused as exc:
                refused = exc.status in (400, 422) and SCHEMA_REFUSAL.search(exc.detail)
                if trace.mode == "json_schema" and refused:
                    if "invalid schema" in exc.detail.lower():
                        self._json_mode_schemas.add(schema.__name__)
                    else:
                        self.json_schema_supported = False
                    trace.extra["json_schema_refused"] = exc.detail
                    continue
                raise
            usage = getattr(completion, "usage", None)
            self._books.spent(
                trace, getattr(usage, "prompt_tokens", 0), getattr(usage, "completion_tokens", 0)
            )
            reply = chat_reply(completion)
            self._books.refuse_key_in(reply.text, reply.refusal)
            trace.response_text = reply.text
            return reply

    @property
    def endpoint(self) -> str:
        """The API root the requests go to (part of every cache key)."""
        return self.settings.base_url or OPENAI_BASE_URL

    def _limiter(self) -> asyncio.Semaphore:
        loop = asyncio.get_running_loop()
        if self._semaphore is None or self._loop is not loop:
            self._semaphore = asyncio.Semaphore(self.settings.concurrency)
            self._loop = loop
            self._sdk = None  # its connections belong to the other loop
        return self._semaphore

    def _client(self) -> openai.AsyncOpenAI:
        if self._sdk is None:
            key = self.settings.api_key.get_secret_value() if self.settings.api_key else None
            if key is None and self.settings.base_url is None:
                raise LLMError(
                    "OPENAI_API_KEY is not set: set it, or set OPENAI_BASE_URL to a local "
                    "OpenAI-compatible server that needs no key"
                )
            self._sdk = openai.AsyncOpenAI(
                api_key=key or PLACEHOLDER_KEY,
                base_url=self.endpoint,
                timeout=self.settings.timeout_s,
                max_retries=0,
            )
        return self._sdk

    async def _send(
        self, make: Callable[[openai.AsyncOpenAI], Awaitable[R]], trace: CallTrace
    ) -> R:
        """One request, retried when transient, each try within its deadline (see the module)."""
        semaphore = self._limiter()
        sdk = self._client()
        tries = self.settings.max_retries + 1
        kind, detail = "", ""
        for retry in range(tries):
            headers: Mapping[str, str] | None = None
            async with semaphore:  # the budget is checked once a slot is ours, right before sending
                limit = request_limit(self.settings.request_deadline_s)
                if limit.seconds <= 0:
                    raise _out_of_time(limit.label, retry, kind, detail)
                reservation = self._books.reserve(trace)
                trace.attempts += 1
                try:
                    async with asyncio.timeout(limit.seconds):
                        return await make(sdk)
                except openai.APIStatusError as exc:
                    if quota_spent(exc.status_code, exc.code, exc.type, self._detail(exc)):
                        raise quota_refusal(self._detail(exc)) from None
                    if exc.status_code not in RETRY_STATUSES:
                        raise self._refused(exc) from None
                    kind, headers = f"HTTP {exc.status_code}", exc.response.headers
                    detail = self._detail(exc)
                except openai.APITimeoutError:
                    kind, detail = f"timeout after {self.settings.timeout_s:g} s", ""
                except openai.APIConnectionError as exc:
                    cause = exc.__cause__
                    kind, detail = "connection error", self._scrub(str(cause or exc))
                except TimeoutError:  # asyncio.timeout's: the answer did not end in time
                    if limit.outer:  # cut by the step's deadline: no time for another try
                        raise _out_of_time(limit.label, retry + 1, LATE, "") from None
                    kind, detail = f"{LATE} within {limit.label}", ""
                except Exception as exc:  # SDK, transport or encoding trouble: final, scrubbed
                    message = f"model request failed: {type(exc).__name__}: {exc}"
                    raise LLMError(self._scrub(message)) from None
                finally:
                    self._books.release(reservation)
            if retry + 1 < tries:
                delay = retry_delay(retry, headers)
                outer = deadline_within(delay)
                if outer is not None:
                    raise _out_of_time(outer.label, retry + 1, kind, detail)
                await asyncio.sleep(delay)
        raise unavailable(kind, tries, detail)

    def _detail(self, exc: openai.APIStatusError) -> str:
        body = exc.body
        message = body.get("message") if isinstance(body, dict) else body
        return self._scrub(str(message if message else exc.message))

    def _refused(self, exc: openai.APIStatusError) -> Refused:
        return refusal(exc.status_code, self._detail(exc), self.model)

    def _scrub(self, text: str) -> str:
        """One short line with the API key (and anything that looks like one) masked."""
        return self._books.scrub(text)

    def _record(
        self,
        trace: CallTrace,
        context: CallContext,
        *,
        error: LLMError | None = None,
        cache_hit: bool = False,
    ) -> CallUsage:
        return self._books.record(trace, context, self._log, error=error, cache_hit=cache_hit)


def _out_of_time(deadline: str, made: int, kind: str, detail: str) -> LLMTransientError:
    """The error when `deadline` leaves no time for another try, after `made` tries."""
    if made == 0:
        return LLMTransientError(f"no model request was sent: {deadline} has passed")
    return unavailable(kind, made, detail, stopped_by=deadline)
