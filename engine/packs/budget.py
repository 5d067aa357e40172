"""Fitting a context pack into its token budget without touching its canonical identity.

A pack is fitted as its JSON-shaped dict. First, list items are dropped from the least important
end (lists are built best first), always from the list with the most tokens per unit of
importance. If every trimmable list is empty and the pack is still too big, the free-text fields
named by the builder are shortened. Canonical identity is never in either set, so it always
survives; `MIN_BUDGET_TOKENS` is large enough to hold it at its capped size.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from engine.packs.facts import clip
from engine.tokens import estimate_tokens

MIN_BUDGET_TOKENS = 300
SHORT_TEXT_CHARS = 40

Path = tuple[str, ...]


class PackBudgetError(ValueError):
    """A budget too small for a context pack's canonical identity."""


@dataclass(frozen=True)
class TrimRule:
    """A list that may lose items; higher importance is trimmed later."""

    path: Path
    importance: float = 1.0


def check_budget(budget_tokens: int) -> None:
    """Reject budgets smaller than the canonical identity of a pack can need."""
    if budget_tokens < MIN_BUDGET_TOKENS:
        raise PackBudgetError(
            f"'budget_tokens' must be at least {MIN_BUDGET_TOKENS}, got {budget_tokens!r}"
        )


def _resolve(data: dict[str, Any], path: Path) -> Any:
    node: Any = data
    for key in path:
        if not isinstance(node, dict):
            return None
        node = node.get(key)
    return node


def _largest_list(data: dict[str, Any], rules: Sequence[TrimRule]) -> list[Any] | None:
    best: tuple[float, int] | None = None
    chosen: list[Any] | None = None
    for order, rule in enumerate(rules):
        items = _resolve(data, rule.path)
        if isinstance(items, list) and items:
            rank = (estimate_tokens(items) / rule.importance, -order)
            if best is None or rank > best:
                best, chosen = rank, items
    return chosen


def fit_to_budget(
    data: dict[str, Any],
    budget_tokens: int,
    *,
    lists: Sequence[TrimRule],
    texts: Sequence[Path] = (),
) -> dict[str, Any]:
    """A copy of `data` within `budget_tokens`: trimmed lists first, then shortened texts."""
    check_budget(budget_tokens)
    fitted = copy.deepcopy(data)
    while estimate_tokens(fitted) > budget_tokens:
        items = _largest_list(fitted, lists)
        if items is None:
            break
        items.pop()
    if estimate_tokens(fitted) > budget_tokens:
        for path in texts:
            parent = _resolve(fitted, path[:-1])
            if isinstance(parent, dict) and isinstance(parent.get(path[-1]), str):
                parent[path[-1]] = clip(parent[path[-1]], SHORT_TEXT_CHARS)
    if estimate_tokens(fitted) > budget_tokens:
        raise PackBudgetError(
            f"pack needs {estimate_tokens(fitted)} tokens for its identity alone; "
            f"'budget_tokens' is {budget_tokens!r}"
        )
    return fitted
