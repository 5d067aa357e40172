"""Runner settings: step concurrency (`WORKBENCH_CONCURRENCY`) and the retry policy.

Transient failures (`TransientError`) are retried with exponential backoff; anything else fails
the step at once. Concurrency bounds how many steps of one run execute at the same time and,
separately, how many per-item calls (section writers, contacts) a step makes at once.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from engine.models import InvalidInput

CONCURRENCY_ENV_VAR = "WORKBENCH_CONCURRENCY"
DEFAULT_CONCURRENCY = 4
MAX_CONCURRENCY = 64


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
