"""Runner settings: step concurrency (`WORKBENCH_CONCURRENCY`), retries and deadlines.

Transient failures (`TransientError`) are retried with exponential backoff; anything else fails
the step at once. Concurrency bounds how many steps of one run execute at the same time and,
separately, how many per-item calls (section writers, contacts) a step makes at once.

Deadlines bound the time a run can take, whatever its endpoint does. A step must end within
`WORKBENCH_STEP_DEADLINE_S` seconds (default 600), its retries included; one execution of a
run (a start, or a resume) within `WORKBENCH_RUN_DEADLINE_S` (default 1800). Both are numbers
of seconds from 1 to 86400. Each model request has its own total deadline inside them
(`WORKBENCH_REQUEST_DEADLINE_S`, default 120, engine.llm.settings). A step past its deadline
fails with a message naming it; a critical one fails the run, any other leaves it partial.
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping
from dataclasses import dataclass

from engine.models import InvalidInput

CONCURRENCY_ENV_VAR = "WORKBENCH_CONCURRENCY"
DEFAULT_CONCURRENCY = 4
MAX_CONCURRENCY = 64
STEP_DEADLINE_ENV_VAR = "WORKBENCH_STEP_DEADLINE_S"
RUN_DEADLINE_ENV_VAR = "WORKBENCH_RUN_DEADLINE_S"
DEFAULT_STEP_DEADLINE_S = 600.0
DEFAULT_RUN_DEADLINE_S = 1800.0
MIN_DEADLINE_S = 1.0
MAX_DEADLINE_S = 86400.0


def concurrency_from_env(environ: Mapping[str, str] | None = None) -> int:
    """$WORKBENCH_CONCURRENCY as a whole number from 1 to 64 (default 4)."""
    env = os.environ if environ is None else environ
    raw = env.get(CONCURRENCY_ENV_VAR, "").strip()
    if not raw:
        return DEFAULT_CONCURRENCY
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_CONCURRENCY:
        raise InvalidInput(
            f"{CONCURRENCY_ENV_VAR} must be a whole number from 1 to {MAX_CONCURRENCY}, got {raw!r}"
        )
    return int(raw)


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how patiently a step is retried after a transient failure."""

    attempts: int = 3
    base_delay_s: float = 0.5
    factor: float = 2.0
    max_delay_s: float = 8.0

    def delay(self, attempt: int) -> float:
        """Seconds to wait after failed attempt number `attempt` (1-based)."""
        return float(min(self.max_delay_s, self.base_delay_s * self.factor ** (attempt - 1)))


@dataclass(frozen=True)
class Deadlines:
    """How long one step (its retries included) and one execution of a run may take, in s."""

    step_s: float = DEFAULT_STEP_DEADLINE_S
    run_s: float = DEFAULT_RUN_DEADLINE_S

    @property
    def step_label(self) -> str:
        """How messages name the step deadline."""
        return f"the step deadline of {self.step_s:g} s ({STEP_DEADLINE_ENV_VAR})"

    @property
    def run_label(self) -> str:
        """How messages name the run deadline."""
        return f"the run deadline of {self.run_s:g} s ({RUN_DEADLINE_ENV_VAR})"


def _seconds(env: Mapping[str, str], variable: str, default: float) -> float:
    raw = env.get(variable, "").strip()
    if not raw:
        return default
    try:
        seconds = float(raw)
    except ValueError:
        seconds = math.nan
    if not (math.isfinite(seconds) and MIN_DEADLINE_S <= seconds <= MAX_DEADLINE_S):
        raise InvalidInput(
            f"{variable} must be a number of seconds from {MIN_DEADLINE_S:g} to "
            f"{MAX_DEADLINE_S:g}, got {raw!r}"
        )
    return seconds


def deadlines_from_env(environ: Mapping[str, str] | None = None) -> Deadlines:
    """$WORKBENCH_STEP_DEADLINE_S and $WORKBENCH_RUN_DEADLINE_S (defaults 600 and 1800 s)."""
    env = os.environ if environ is None else environ
    return Deadlines(
        step_s=_seconds(env, STEP_DEADLINE_ENV_VAR, DEFAULT_STEP_DEADLINE_S),
        run_s=_seconds(env, RUN_DEADLINE_ENV_VAR, DEFAULT_RUN_DEADLINE_S),
    )
