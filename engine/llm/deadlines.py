"""Deadlines a model call must respect: the request's own, and the step's or run's around it.

The model client bounds every request by `LLMSettings.request_deadline_s`
(`WORKBENCH_REQUEST_DEADLINE_S`): connecting, sending and reading the whole answer, so a server
that trickles a byte now and then times out like one that never answers (the SDK's `timeout_s`
measures only inactivity). The runner opens a `deadline_scope` around each step attempt: the
point (event-loop time) at which the step must end, and what that deadline is called in
messages. Inside it the client never starts a request, nor waits to retry, past that point:
`request_limit` gives the seconds a request may take, `deadline_within` whether a wait still fits.
The scope is a context variable, so every task a step starts (batches in parallel) inherits it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

REQUEST_DEADLINE_ENV_VAR = "WORKBENCH_REQUEST_DEADLINE_S"
DEFAULT_REQUEST_DEADLINE_S = 120.0


@dataclass(frozen=True)
class Deadline:
    """A point in event-loop time, and how messages name it ("the step deadline of 600 s ...")."""

    at: float
    label: str

    def left(self) -> float:
        """Seconds until the deadline (negative once it has passed)."""
        return self.at - asyncio.get_running_loop().time()


_CURRENT: ContextVar[Deadline | None] = ContextVar("workbench_deadline", default=None)


@contextmanager
def deadline_scope(deadline: Deadline | None) -> Iterator[None]:
    """Run the block (and the tasks it starts) under `deadline` (None: no outer deadline)."""
    token = _CURRENT.set(deadline)
    try:
        yield
    finally:
        _CURRENT.reset(token)


def current_deadline() -> Deadline | None:
    """The deadline of the step now running, or None outside one."""
    return _CURRENT.get()


@dataclass(frozen=True)
class RequestLimit:
    """How long the next request may take, the deadline that says so, and whether it is the
    step's (then a request cut by it leaves no time for another)."""

    seconds: float
    label: str
    outer: bool


def request_limit(request_deadline_s: float) -> RequestLimit:
    """How long the next request may take: its own deadline, or what is left of the step's."""
    own = f"the request deadline of {request_deadline_s:g} s ({REQUEST_DEADLINE_ENV_VAR})"
    outer = current_deadline()
    if outer is not None and (left := outer.left()) < request_deadline_s:
        return RequestLimit(left, outer.label, True)
    return RequestLimit(request_deadline_s, own, False)


def deadline_within(wait_s: float) -> Deadline | None:
    """The outer deadline that comes within `wait_s` seconds from now, else None."""
    outer = current_deadline()
    if outer is None or outer.left() > wait_s:
        return None
    return outer
