"""Retry policy for model requests: which failures are retried, how long to wait, what is final.

`OpenAIClient` runs its own retry loop (the SDK's is off). Timeouts, connection errors and the
statuses in `RETRY_STATUSES` are retried; before each retry it waits `retry_delay`: what the server
asked for (`retry-after-ms`, or `Retry-After` in seconds or as an HTTP date, capped at
`SERVER_DELAY_MAX_S`), else exponential backoff from `BACKOFF_BASE_S` up to `BACKOFF_MAX_S`, with
up to 25% jitter taken off so that parallel callers do not retry in step. Any other HTTP status
is final: `refusal` says why in a `Refused` error (the client may still fall back to JSON mode).
So is a 429 that says the account's quota is spent (`quota_spent`): waiting will not help. When
every try failed, or a deadline left no time for the next (the client never sleeps past the
step's deadline, engine.llm.deadlines), `unavailable` ends its message with the last failure's
(scrubbed) detail and names the deadline.
"""

from __future__ import annotations

import email.utils
import math
import random
import re
import time
from collections.abc import Mapping

from engine.llm.protocol import LLMError, LLMTransientError

RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
QUOTA_CODES = frozenset({"insufficient_quota"})
QUOTA_WORDS = re.compile(r"insufficient_quota|exceeded your current quota")  # OpenAI's wording
DETAIL_MAX = 160
BACKOFF_BASE_S = 0.5
BACKOFF_MAX_S = 30.0
SERVER_DELAY_MAX_S = 60.0


class Refused(LLMError):
    """The endpoint answered 4xx: final, but `complete` may still switch to JSON mode."""

    def __init__(self, message: str, status: int, detail: str) -> None:
        super().__init__(message)
        self.status = status
        self.detail = detail


def refusal(status: int, detail: str, model: str) -> Refused:
    """The final error for HTTP `status` with the endpoint's (scrubbed) `detail`."""
    if status in (401, 403):
        return Refused(
            f"the endpoint refused the credentials (HTTP {status}): check OPENAI_API_KEY",
            status,
            "",
        )
    hint = f"; check WORKBENCH_MODEL {model!r} and OPENAI_BASE_URL" if status == 404 else ""
    return Refused(
        f"the endpoint refused the request (HTTP {status}): {detail}{hint}", status, detail
    )


def quota_spent(status: int, code: object, error_type: object, detail: str = "") -> bool:
    """Whether an HTTP `status` reply says the quota is spent (final, not a rate limit)."""
    if status != 429:
        return False
    said = detail.lower()
    return code in QUOTA_CODES or error_type in QUOTA_CODES or QUOTA_WORDS.search(said) is not None


def quota_refusal(detail: str) -> LLMError:
    """The final error for a spent quota, quoting the endpoint's (scrubbed) `detail`."""
    return LLMError(
        f"the endpoint says the account's quota is spent (HTTP 429 insufficient_quota): {detail}"
    )


def unavailable(
    kind: str, tries: int, detail: str, *, stopped_by: str | None = None
) -> LLMTransientError:
    """The error after all `tries` failed, or after `tries` when the deadline `stopped_by`
    left no time for another; `detail` (scrubbed, one line) is cut short."""
    detail = " ".join(detail.split())
    if len(detail) > DETAIL_MAX:
        detail = detail[: DETAIL_MAX - 1] + "…"
    last = f" (last: {detail})" if detail else ""
    if stopped_by is not None:
        made = f"{tries} attempt{'s' if tries != 1 else ''}"
        return LLMTransientError(
            f"model endpoint unavailable: {kind} on {made}{last}; no time for another "
            f"before {stopped_by}"
        )
    return LLMTransientError(f"model endpoint unavailable: {kind} on all {tries} attempts{last}")


def server_delay(headers: Mapping[str, str] | None) -> float | None:
    """Seconds the server asks us to wait (`retry-after-ms`, `Retry-After` seconds or date)."""
    if not headers:
        return None
    for name, divisor in (("retry-after-ms", 1000.0), ("retry-after", 1.0)):
        raw = headers.get(name)
        try:
            seconds = float(raw) / divisor if raw is not None else math.nan
        except ValueError:
            continue
        if math.isfinite(seconds):
            return min(max(seconds, 0.0), SERVER_DELAY_MAX_S)
    parsed = email.utils.parsedate_tz(headers.get("retry-after") or "")
    if parsed is None:
        return None
    return min(max(email.utils.mktime_tz(parsed) - time.time(), 0.0), SERVER_DELAY_MAX_S)


def retry_delay(retry: int, headers: Mapping[str, str] | None = None) -> float:
    """Seconds before retry number `retry` (0-based): the server's wish, else jittered backoff."""
    asked = server_delay(headers)
    if asked is not None:
        return asked
    backoff = min(BACKOFF_MAX_S, BACKOFF_BASE_S * 2.0 ** min(retry, 30))
    return backoff * (1.0 - 0.25 * random.random())
