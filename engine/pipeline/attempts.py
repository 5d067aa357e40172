"""One step of a run, executed: its attempts within its deadline, its claims checked, its commit.

`StepAttempts.run` tries the step up to `RetryPolicy.attempts` times while it fails transiently,
waiting with backoff in between, and ends it one of three ways: committed (`succeeded`), ended
with its error (`failed`), or stopped by the spent budget (`budget`). Any exception a step
raises, even one the store then refuses to record as it is, ends that step only: the runner
carries on with the others.

The step deadline is a hard cap on the step with its retries: every attempt runs under the same
`Deadline` (the step's, or the run's when that comes first), which the model client reads
(engine.llm.deadlines) so that no request or wait to retry goes past it; a step still busy a
moment after it is cancelled. No attempt starts, nor a wait for one, that the deadline would
cut short. The step's commit is not under the deadline: work done is never thrown away.

Before the commit every claim is validated afresh with the `Claim` model: one that no longer
validates (the model's rules moved on, or a step built it without validation) is dropped and
named, with the reason, in the step's output under `dropped_claims`, so one bad claim never
fails the step, nor poisons the steps that would read it later.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from typing import Literal

from pydantic import ValidationError

from engine.briefings.persist import is_briefing_output, store_briefing
from engine.llm.deadlines import Deadline, deadline_scope
from engine.models import Claim
from engine.models.claims import describe_validation_error
from engine.pipeline.context import StepContext, StepResult
from engine.pipeline.graph import StepSpec
from engine.pipeline.policy import RetryPolicy
from engine.research.backend import BudgetSpent, TransientError
from engine.store import Store

Outcome = Literal["succeeded", "failed", "budget"]
GRACE_S = 0.5  # how long past its deadline a step may take to wind down before it is cancelled
DROPPED_SHOWN = 50


class StepOutputError(Exception):
    """A step returned something the runner refuses to store (e.g. a claim id of another step)."""


def error_message(exc: BaseException) -> str:
    """A one-line message for a failed step."""
    text = " ".join(str(exc).split())
    return text or type(exc).__name__


def _check_claims(spec: StepSpec, claim_ids: list[str]) -> None:
    if spec.claims_prefix is None:
        if claim_ids:
            raise StepOutputError(f"step {spec.step_id!r} produces no claims, got {claim_ids[0]!r}")
        return
    wrong = [cid for cid in claim_ids if not cid.startswith(spec.claims_prefix + "_")]
    if wrong:
        raise StepOutputError(
            f"claim {wrong[0]!r} does not carry the prefix {spec.claims_prefix!r} of step "
            f"{spec.step_id!r}"
        )


def sound_claims(claims: list[Claim]) -> tuple[list[Claim], list[str]]:
    """The claims that validate afresh, and 'claim_id: reason' for each one that does not."""
    kept: list[Claim] = []
    dropped: list[str] = []
    for index, claim in enumerate(claims):
        name = getattr(claim, "claim_id", None) or f"claim #{index + 1}"
        try:
            kept.append(Claim.model_validate(claim.model_dump()))
        except ValidationError as exc:
            dropped.append(f"{name}: {describe_validation_error(exc)}")
        except Exception as exc:  # a claim that cannot even be read is dropped all the same
            dropped.append(f"{name}: could not be read ({type(exc).__name__})")
    return kept, dropped


def _with_dropped(result: StepResult, dropped: list[str]) -> dict[str, object]:
    if not dropped:
        return result.output
    shown = dropped[:DROPPED_SHOWN]
    if len(dropped) > len(shown):
        shown.append(f"and {len(dropped) - len(shown)} more")
    return {**result.output, "dropped_claims": shown}


@dataclass
class StepAttempts:
    """Runs the steps of one run's execution in its store, each within its deadline."""

    store: Store
    org_id: str
    run_id: str
    retry: RetryPolicy

    async def run(
        self, spec: StepSpec, ctx: StepContext, deadline: Deadline
    ) -> tuple[Outcome, str | None]:
        """Run the step to its end; (outcome, error message or None)."""
        try:
            return await self._attempts(spec, ctx, deadline)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # the store refused the step's end as it was: record it plainly
            message = f"the step ended with an error that could not be recorded as it was: {exc!r}"
            await asyncio.to_thread(
                self.store.fail_step, self.org_id, self.run_id, spec.step_id, message[:2000]
            )
            return "failed", message

    async def _attempts(
        self, spec: StepSpec, ctx: StepContext, deadline: Deadline
    ) -> tuple[Outcome, str | None]:
        attempt = 0
        while True:
            attempt += 1
            if deadline.left() <= 0:
                return await self._fail(spec, _passed(deadline, attempt - 1, None), None)
            await asyncio.to_thread(self.store.start_step, self.org_id, self.run_id, spec.step_id)
            started = time.perf_counter()
            timer = asyncio.timeout_at(deadline.at + GRACE_S)
            try:
                with deadline_scope(deadline):
                    async with timer:
                        result = await spec.run(ctx)
            except TimeoutError as exc:
                message = _passed(deadline, attempt, None) if timer.expired() else None
                return await self._fail(spec, message or error_message(exc), started)
            except BudgetSpent as exc:
                return "budget", (await self._fail(spec, error_message(exc), started))[1]
            except TransientError as exc:
                if attempt >= self.retry.attempts:
                    return await self._fail(spec, error_message(exc), started)
                delay = self.retry.delay(attempt)
                if deadline.left() <= delay:
                    return await self._fail(spec, _passed(deadline, attempt, exc), started)
                detail = {"attempt": attempt, "error": error_message(exc), "delay_s": delay}
                await asyncio.to_thread(
                    self.store.add_event,
                    self.org_id,
                    self.run_id,
                    "step_retry",
                    step_id=spec.step_id,
                    detail=detail,
                )
                await asyncio.sleep(delay)
                continue
            except Exception as exc:
                return await self._fail(spec, error_message(exc), started)
            return await self._commit(spec, result, started)

    async def _commit(
        self, spec: StepSpec, result: StepResult, started: float
    ) -> tuple[Outcome, str | None]:
        try:
            _check_claims(spec, [claim.claim_id for claim in result.claims])
            claims, dropped = sound_claims(result.claims)
            duration_ms = round((time.perf_counter() - started) * 1000)
            await asyncio.to_thread(
                self.store.finish_step,
                self.org_id,
                self.run_id,
                spec.step_id,
                output=_with_dropped(result, dropped),
                claims=claims,
                duration_ms=duration_ms,
            )
        except Exception as exc:
            return await self._fail(spec, error_message(exc), started)
        if is_briefing_output(result.output):
            await self._persist(spec, result)
        return "succeeded", None

    async def _persist(self, spec: StepSpec, result: StepResult) -> None:
        """Store the step's briefing (auto-persist); a failure is a warning, never a failure."""
        await asyncio.to_thread(
            store_briefing,
            self.store,
            self.org_id,
            run_id=self.run_id,
            step_id=spec.step_id,
            output=result.output,
        )

    async def _fail(
        self, spec: StepSpec, message: str, started: float | None
    ) -> tuple[Outcome, str | None]:
        duration_ms = None if started is None else round((time.perf_counter() - started) * 1000)
        await asyncio.to_thread(
            self.store.fail_step,
            self.org_id,
            self.run_id,
            spec.step_id,
            message,
            duration_ms=duration_ms,
        )
        return "failed", message


def _passed(deadline: Deadline, attempts: int, last: Exception | None) -> str:
    """The message of a step stopped by its deadline after `attempts` attempts."""
    tried = f" after {attempts} attempt{'s' if attempts != 1 else ''}" if attempts else ""
    reason = f"; last error: {error_message(last)}" if last is not None else ""
    return f"stopped by {deadline.label}{tried}{reason}"
