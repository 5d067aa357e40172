"""A run's model budget: tokens and/or US dollars the run may spend on model calls.

The client calls `check()` before every request and `spend(usage)` after every response. Once
the tokens or the dollars spent reach a limit, `check()` raises `BudgetExceeded` with a message
the runner shows ("budget of 20,000 tokens spent (20,412 used)"); the backend turns it into
`BudgetSpent`, which stops the run as partial. Requests already in flight when the limit is
reached still count, so a run may end slightly above its limit. No limits: never raises.
"""

from __future__ import annotations

import math
import threading

from engine.llm.protocol import BudgetExceeded, CallUsage
from engine.models import InvalidInput


class RunBudget:
    """Tokens and dollars spent by one run's model calls, against optional limits."""

    def __init__(self, max_tokens: int | None = None, max_cost_usd: float | None = None) -> None:
        if max_tokens is not None and (isinstance(max_tokens, bool) or max_tokens < 1):
            raise InvalidInput(
                f"a token budget must be a whole number of at least 1, got {max_tokens!r}"
            )
        if max_cost_usd is not None and not (math.isfinite(max_cost_usd) and max_cost_usd > 0):
            raise InvalidInput(
                f"a cost budget must be a number of dollars above 0, got {max_cost_usd!r}"
            )
        self.max_tokens = max_tokens
        self.max_cost_usd = max_cost_usd
        self._spent_tokens = 0
        self._spent_usd = 0.0
        self._lock = threading.Lock()

    @property
    def spent_tokens(self) -> int:
        """Prompt plus completion tokens spent so far."""
        return self._spent_tokens

    @property
    def spent_usd(self) -> float:
        """US dollars spent so far (by the price table; 0 for unpriced models)."""
        return self._spent_usd

    @property
    def limited(self) -> bool:
        """Whether the budget has any limit at all."""
        return self.max_tokens is not None or self.max_cost_usd is not None

    def exceeded(self) -> str | None:
        """Why the budget is spent, or None while calls may still be made."""
        if self.max_tokens is not None and self._spent_tokens >= self.max_tokens:
            return f"budget of {self.max_tokens:,} tokens spent ({self._spent_tokens:,} used)"
        if self.max_cost_usd is not None and self._spent_usd >= self.max_cost_usd:
            return f"budget of ${self.max_cost_usd:,.2f} spent (${self._spent_usd:,.4f} used)"
        return None

    def check(self) -> None:
        """Raise BudgetExceeded when a limit is reached; otherwise return."""
        reason = self.exceeded()
        if reason is not None:
            raise BudgetExceeded(reason)

    def spend(self, usage: CallUsage) -> None:
        """Count one response's tokens and cost (negative or non-finite values count as 0)."""
        cost = usage.cost_usd if math.isfinite(usage.cost_usd) and usage.cost_usd > 0 else 0.0
        with self._lock:
            self._spent_tokens += max(usage.prompt_tokens, 0) + max(usage.completion_tokens, 0)
            self._spent_usd += cost

    @property
    def remaining(self) -> str:
        """What is left, in words: 'unlimited', or tokens and/or dollars left."""
        parts: list[str] = []
        if self.max_tokens is not None:
            parts.append(f"{max(self.max_tokens - self._spent_tokens, 0):,} tokens")
        if self.max_cost_usd is not None:
            parts.append(f"${max(self.max_cost_usd - self._spent_usd, 0.0):,.4f}")
        return " and ".join(parts) + " left" if parts else "unlimited"
