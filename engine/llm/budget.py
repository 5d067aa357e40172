"""A run's model budget: tokens and/or US dollars the run may spend on model calls.

The client calls `check(estimated_tokens, estimated_cost_usd)` before every request and
`spend(usage, reservation)` after every response (or `release(reservation)` when the request
failed). Once the tokens or the dollars spent reach a limit, `check()` raises `BudgetExceeded`
with a message the runner shows ("budget of 20,000 tokens spent (20,412 used)"); the backend
turns it into `BudgetSpent`, which stops the run as partial.

`check` reserves the request's estimate until it is spent or released, and counts the other
requests' reservations against the limit, so concurrent requests cannot all start on the same
last tokens: a run overshoots its limit by at most what its requests in flight used beyond their
estimates. A budget made for a resumed run starts from what the run already spent
(`spent_tokens`, `spent_usd`). No limits: never raises.
"""

from __future__ import annotations

import math
import threading
from dataclasses import dataclass

from engine.llm.protocol import BudgetExceeded, CallUsage
from engine.models import InvalidInput


@dataclass(frozen=True)
class Reservation:
    """What `check` set aside for one request in flight, until it is spent or released."""

    tokens: int = 0
    cost_usd: float = 0.0


NO_RESERVATION = Reservation()


def _tokens(value: object) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else 0


def _dollars(value: object) -> float:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        number = float(value)
        return number if math.isfinite(number) and number > 0 else 0.0
    return 0.0


class RunBudget:
    """Tokens and dollars spent by one run's model calls, against optional limits."""

    def __init__(
        self,
        max_tokens: int | None = None,
        max_cost_usd: float | None = None,
        *,
        spent_tokens: int = 0,
        spent_usd: float = 0.0,
    ) -> None:
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
        self._spent_tokens = _tokens(spent_tokens)
        self._spent_usd = _dollars(spent_usd)
        self._reserved_tokens = 0
        self._reserved_usd = 0.0
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
    def reserved_tokens(self) -> int:
        """Tokens set aside for the requests in flight."""
        return self._reserved_tokens

    @property
    def limited(self) -> bool:
        """Whether the budget has any limit at all."""
        return self.max_tokens is not None or self.max_cost_usd is not None

    def _reason(self, tokens: int, dollars: float) -> str | None:
        in_flight = tokens - self._spent_tokens
        if self.max_tokens is not None and tokens >= self.max_tokens:
            more = f", {in_flight:,} more held by requests in flight" if in_flight > 0 else ""
            return f"budget of {self.max_tokens:,} tokens spent ({self._spent_tokens:,} used{more})"
        if self.max_cost_usd is not None and dollars >= self.max_cost_usd:
            held_usd = dollars - self._spent_usd
            more = f", ${held_usd:,.4f} more held by requests in flight" if held_usd > 0 else ""
            return f"budget of ${self.max_cost_usd:,.2f} spent (${self._spent_usd:,.4f} used{more})"
        return None

    def exceeded(self) -> str | None:
        """Why the budget is spent, or None while calls may still be made."""
        return self._reason(self._spent_tokens, self._spent_usd)

    def check(self, estimated_tokens: int = 0, estimated_cost_usd: float = 0.0) -> Reservation:
        """Raise BudgetExceeded when a limit is reached (counting requests in flight);
        otherwise reserve the request's estimate and return the reservation."""
        reservation = Reservation(_tokens(estimated_tokens), _dollars(estimated_cost_usd))
        with self._lock:
            reason = self._reason(
                self._spent_tokens + self._reserved_tokens, self._spent_usd + self._reserved_usd
            )
            if reason is not None:
                raise BudgetExceeded(reason)
            self._reserved_tokens += reservation.tokens
            self._reserved_usd += reservation.cost_usd
        return reservation

    def release(self, reservation: Reservation | None) -> None:
        """Give back a reservation whose request spent nothing (it failed or was not sent)."""
        if reservation is None:
            return
        with self._lock:
            self._reserved_tokens = max(self._reserved_tokens - reservation.tokens, 0)
            self._reserved_usd = max(self._reserved_usd - reservation.cost_usd, 0.0)

    def spend(self, usage: CallUsage, reservation: Reservation | None = None) -> None:
        """Count one response's tokens and cost, releasing its reservation (negative or
        non-finite values count as 0)."""
        self.release(reservation)
        with self._lock:
            self._spent_tokens += _tokens(usage.prompt_tokens) + _tokens(usage.completion_tokens)
            self._spent_usd += _dollars(usage.cost_usd)

    @property
    def remaining(self) -> str:
        """What is left, in words: 'unlimited', or tokens and/or dollars left."""
        parts: list[str] = []
        if self.max_tokens is not None:
            parts.append(f"{max(self.max_tokens - self._spent_tokens, 0):,} tokens")
        if self.max_cost_usd is not None:
            parts.append(f"${max(self.max_cost_usd - self._spent_usd, 0.0):,.4f}")
        return " and ".join(parts) + " left" if parts else "unlimited"
