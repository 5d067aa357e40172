"""The books `OpenAIClient` keeps on its calls: spend, budget, cache, records, the key masked.

`CallBooks` holds what the client needs besides the endpoint: the price table and the run's
budget (a request's estimate is reserved before it is sent, its usage counted after), the
response cache (read defensively, filled only with answers worth keeping), and the API key, for
one purpose only: masking it (engine.llm.secrets' rule) in every error, log line and record, and
refusing a reply that holds it. `record` turns a `CallTrace` into the `CallRecord` the log keeps;
a log that refuses a record never fails the call it describes.
"""

from __future__ import annotations

import logging
from typing import TypeVar

from pydantic import BaseModel

from engine.llm.budget import Reservation, RunBudget
from engine.llm.pricing import PriceTable
from engine.llm.protocol import (
    CallCache,
    CallContext,
    CallLog,
    CallMode,
    CallUsage,
    LLMError,
    Prompt,
)
from engine.llm.replies import (
    RESPONSE_TEXT_MAX_BYTES,
    CallTrace,
    Reply,
    contains_secret,
    scrub,
    token_count,
    validate_reply,
    with_schema,
)

LOG = logging.getLogger(__name__)
T = TypeVar("T", bound=BaseModel)


def worth_caching(value: BaseModel, text: str | None) -> bool:
    """Whether an answer may be cached: not oversized, not an extraction without claims.

    An empty extraction is cheap to ask again and, cached, would pin a bad answer on resume.
    """
    if text is None or len(text.encode("utf-8", "replace")) > RESPONSE_TEXT_MAX_BYTES:
        return False
    return getattr(value, "claims", None) != []


class CallBooks:
    """Spend, budget, cache and records of one client's calls, with its API key masked."""

    def __init__(
        self, model: str, secret: str | None, prices: PriceTable, budget: RunBudget | None
    ) -> None:
        self.model = model
        self._secret = secret
        self.prices = prices
        self.budget = budget

    def scrub(self, text: str) -> str:
        """One short line with the API key (and anything that looks like one) masked."""
        return scrub(text, self._secret)

    def refuse_key_in(self, *texts: str | None) -> None:
        """LLMError when a reply holds the API key: it is neither used, logged nor cached."""
        if any(contains_secret(text, self._secret) for text in texts):
            raise LLMError("the model's reply contained the API key; it was discarded")

    def reserve(self, trace: CallTrace) -> Reservation | None:
        """Check the budget and hold the prompt's estimate while its request is in flight."""
        if self.budget is None:
            return None
        estimate = sum(len(message.content) for message in trace.messages) // 4
        return self.budget.check(estimate, self.prices.cost(self.model, estimate, 0))

    def release(self, reservation: Reservation | None) -> None:
        """Give back what `reserve` held (the usage, if any, is counted by `spent`)."""
        if self.budget is not None:
            self.budget.release(reservation)

    def spent(self, trace: CallTrace, prompt_tokens: object, completion_tokens: object) -> None:
        """Count one response's tokens and cost on the trace and against the budget."""
        used, made = token_count(prompt_tokens), token_count(completion_tokens)
        cost = self.prices.cost(self.model, used, made)
        trace.prompt_tokens += used
        trace.completion_tokens += made
        trace.cost_usd += cost
        if self.budget is not None:
            self.budget.spend(CallUsage(used, made, cost))

    def cached(
        self,
        cache: CallCache,
        key: str,
        prompt: Prompt,
        schema: type[T],
        trace: CallTrace,
        mode: CallMode,
    ) -> T | None:
        """The cached answer for `key`, validated, or None (an unreadable cache is a miss)."""
        try:
            text = cache.get(key)
        except Exception as exc:  # an unreadable cache only means asking the model
            LOG.warning("cache read failed for call %s: %s", trace.call_id, self.scrub(str(exc)))
            return None
        if text is None:
            return None
        value, problem = validate_reply(Reply(text), schema)
        if value is None:
            trace.extra["cache_entry_invalid"] = problem
            return None
        trace.mode, trace.response_text = "cache", text
        trace.messages = with_schema(prompt, schema, mode)
        return value

    def fill(self, cache: CallCache, key: str, value: BaseModel, trace: CallTrace) -> None:
        """Cache an answer worth keeping; failing to only costs a request later."""
        if not worth_caching(value, trace.response_text):
            return
        try:
            cache.put(key, self.model, trace.response_text or "")
        except Exception as exc:  # the cache saves money; failing to fill it loses no answer
            LOG.warning("call %s was not cached: %s", trace.call_id, self.scrub(str(exc)))

    def record(
        self,
        trace: CallTrace,
        context: CallContext,
        log: CallLog | None,
        *,
        error: LLMError | None = None,
        cache_hit: bool = False,
    ) -> CallUsage:
        """The call's usage, after giving its record (key masked) to the log."""
        usage = trace.usage(cache_hit=cache_hit)
        if log is None:
            return usage
        scrubbed = self.scrub(str(error)) if error is not None else None
        record = trace.record(context, self.model, usage, scrubbed, self._secret)
        try:
            log.record(record)
        except Exception as exc:  # a refused log record must not fail the call it describes
            LOG.warning("call %s was not logged: %s", trace.call_id, self.scrub(str(exc)))
        return usage
