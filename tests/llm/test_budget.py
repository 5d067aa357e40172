"""RunBudget: limits in tokens and dollars, the messages the runner shows, no limits at all."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from engine.llm.budget import Reservation, RunBudget
from engine.llm.protocol import BudgetExceeded, CallUsage
from engine.models import InvalidInput


def test_without_limits_it_never_raises() -> None:
    budget = RunBudget()
    budget.spend(CallUsage(prompt_tokens=10**9, completion_tokens=10**9, cost_usd=1e6))
    budget.check()
    assert budget.limited is False and budget.remaining == "unlimited"
    assert budget.spent_tokens == 2 * 10**9 and budget.spent_usd == 1e6


def test_a_token_budget_stops_once_reached_with_a_clear_message() -> None:
    budget = RunBudget(max_tokens=20_000)
    budget.spend(CallUsage(prompt_tokens=15_000, completion_tokens=4_999))
    budget.check()
    assert budget.remaining == "1 tokens left"
    budget.spend(CallUsage(prompt_tokens=400, completion_tokens=13))
    with pytest.raises(BudgetExceeded) as spent:
        budget.check()
    assert str(spent.value) == "budget of 20,000 tokens spent (20,412 used)"
    assert budget.remaining == "0 tokens left"


def test_a_cost_budget_stops_once_reached() -> None:
    budget = RunBudget(max_cost_usd=0.5)
    budget.spend(CallUsage(cost_usd=0.3))
    budget.check()
    budget.spend(CallUsage(cost_usd=0.2123))
    with pytest.raises(BudgetExceeded, match=r"budget of \$0\.50 spent \(\$0\.5123 used\)"):
        budget.check()


def test_both_limits_are_described() -> None:
    budget = RunBudget(max_tokens=1_000, max_cost_usd=1.0)
    budget.spend(CallUsage(prompt_tokens=100, cost_usd=0.25))
    assert budget.remaining == "900 tokens and $0.7500 left"


@pytest.mark.parametrize(
    ("tokens", "dollars"), [(0, None), (-1, None), (None, 0.0), (None, -1.0), (None, math.nan)]
)
def test_nonsense_limits_are_refused(tokens: int | None, dollars: float | None) -> None:
    with pytest.raises(InvalidInput):
        RunBudget(max_tokens=tokens, max_cost_usd=dollars)


def test_odd_usage_counts_as_nothing() -> None:
    budget = RunBudget(max_tokens=10, max_cost_usd=1.0)
    budget.spend(CallUsage(prompt_tokens=-5, completion_tokens=-5, cost_usd=math.nan))
    budget.spend(CallUsage(cost_usd=-3.0))
    assert (budget.spent_tokens, budget.spent_usd) == (0, 0.0)


@given(
    limit=st.integers(min_value=1, max_value=10_000),
    spends=st.lists(st.tuples(st.integers(0, 3_000), st.integers(0, 3_000)), max_size=20),
)
def test_check_raises_exactly_when_the_tokens_spent_reach_the_limit(
    limit: int, spends: list[tuple[int, int]]
) -> None:
    budget = RunBudget(max_tokens=limit)
    total = 0
    for prompt, completion in spends:
        budget.spend(CallUsage(prompt_tokens=prompt, completion_tokens=completion))
        assert budget.spent_tokens == total + prompt + completion >= total
        total = budget.spent_tokens
        if total >= limit:
            with pytest.raises(BudgetExceeded):
                budget.check()
        else:
            budget.check()


def test_a_budget_starts_from_what_the_run_already_spent() -> None:
    budget = RunBudget(max_tokens=10_000, max_cost_usd=1.0, spent_tokens=9_000, spent_usd=0.25)
    assert (budget.spent_tokens, budget.spent_usd) == (9_000, 0.25)
    assert budget.remaining == "1,000 tokens and $0.7500 left"
    budget.spend(CallUsage(prompt_tokens=1_000))
    with pytest.raises(BudgetExceeded, match="10,000 tokens spent"):
        budget.check()


@pytest.mark.parametrize(("tokens", "dollars"), [(-5, -1.0), (0, math.nan), (True, math.inf)])
def test_odd_starting_spend_counts_as_nothing(tokens: int, dollars: float) -> None:
    budget = RunBudget(max_tokens=10, spent_tokens=tokens, spent_usd=dollars)
    assert (budget.spent_tokens, budget.spent_usd) == (0, 0.0)


def test_requests_in_flight_hold_their_estimate_against_the_limit() -> None:
    budget = RunBudget(max_tokens=10_000)
    first = budget.check(estimated_tokens=6_000)
    second = budget.check(estimated_tokens=6_000)  # the limit is not reached yet: it may start
    assert budget.reserved_tokens == 12_000 and budget.spent_tokens == 0
    with pytest.raises(BudgetExceeded, match=r"\(0 used, 12,000 more held by requests in flight\)"):
        budget.check(estimated_tokens=10)
    budget.release(first)  # the first request failed: its estimate is free again
    budget.spend(CallUsage(prompt_tokens=5_900, completion_tokens=300), second)
    assert (budget.reserved_tokens, budget.spent_tokens) == (0, 6_200)
    budget.check(estimated_tokens=1)


def test_dollar_estimates_are_held_too() -> None:
    budget = RunBudget(max_cost_usd=0.5)
    held = budget.check(estimated_cost_usd=0.5)
    with pytest.raises(BudgetExceeded, match=r"\$0\.5000 more held"):
        budget.check()
    budget.spend(CallUsage(cost_usd=0.1), held)
    budget.check()


def test_without_an_estimate_check_reserves_nothing() -> None:
    budget = RunBudget(max_tokens=100)
    assert budget.check() == Reservation()
    budget.release(None)
    budget.spend(CallUsage(prompt_tokens=10), None)
    assert (budget.reserved_tokens, budget.spent_tokens) == (0, 10)


@given(
    estimates=st.lists(st.integers(-10, 5_000), max_size=30),
    outcomes=st.lists(st.booleans(), max_size=30),
)
def test_every_reservation_is_given_back_whatever_its_request_did(
    estimates: list[int], outcomes: list[bool]
) -> None:
    budget = RunBudget(max_tokens=10**9)
    held = [budget.check(estimated_tokens=estimate) for estimate in estimates]
    assert budget.reserved_tokens == sum(max(estimate, 0) for estimate in estimates)
    for reservation, answered in zip(held, outcomes + [False] * len(held), strict=False):
        if answered:
            budget.spend(CallUsage(prompt_tokens=1), reservation)
        else:
            budget.release(reservation)
        assert budget.reserved_tokens >= 0
    assert budget.reserved_tokens == 0
