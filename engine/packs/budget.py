"""Fitting a context pack into its token budget without touching its canonical identity.

A pack is fitted as its JSON-shaped dict. First, list items are dropped from the least important
end (lists are built best first), always from the list with the most tokens per unit of
importance. If every trimmable list is empty and the pack is still too big, the free-text fields
named by the builder are shortened. Canonical identity is never in either set, so it always
survives; `MIN_BUDGET_TOKENS` is large enough to hold it at its capped size.
"""

from __future__ import annotations

import copy
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from engine.packs.facts import clip
from engine.tokens import CHARS_PER_TOKEN, compact_json, estimate_tokens

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


def _trim_slowly(fitted: dict[str, Any], budget_tokens: int, lists: Sequence[TrimRule]) -> None:
    while estimate_tokens(fitted) > budget_tokens:
        items = _largest_list(fitted, lists)
        if items is None:
            break
        items.pop()


def _occurrences(node: Any, counts: dict[int, int]) -> None:
    if isinstance(node, list):
        counts[id(node)] = counts.get(id(node), 0) + 1
    if isinstance(node, dict | list):
        for child in node.values() if isinstance(node, dict) else node:
            _occurrences(child, counts)


def _json_chars(item_chars: list[int], total: int) -> int:
    """Characters of a list's compact JSON from its items' (`total` of them), brackets, commas."""
    return 2 + total + max(len(item_chars) - 1, 0)


def _trim(fitted: dict[str, Any], budget_tokens: int, lists: Sequence[TrimRule]) -> None:
    """`_trim_slowly`, keeping the JSON lengths of the pack and its lists up to date as it pops.

    The compact JSON of a list is its items' JSON joined by commas in brackets, and appears once
    in the pack's, so popping an item shortens both by the item's JSON (plus a comma). A pack
    holding one of its lists twice, or models, falls back to measuring everything each time.
    """
    found = [(rule, _resolve(fitted, rule.path)) for rule in lists]
    tracked = {id(items): items for _, items in found if isinstance(items, list)}
    counts: dict[int, int] = {}
    _occurrences(fitted, counts)
    models = any(isinstance(item, BaseModel) for items in tracked.values() for item in items)
    if models or any(counts.get(key, 0) != 1 for key in tracked):
        _trim_slowly(fitted, budget_tokens, lists)
        return
    item_chars = {
        key: [len(compact_json(item)) for item in items] for key, items in tracked.items()
    }
    sums = {key: sum(chars) for key, chars in item_chars.items()}
    total = len(compact_json(fitted))
    while math.ceil(total / CHARS_PER_TOKEN) > budget_tokens:
        best: tuple[float, int] | None = None
        chosen: list[Any] | None = None
        for order, (rule, items) in enumerate(found):
            if isinstance(items, list) and items:
                chars = _json_chars(item_chars[id(items)], sums[id(items)])
                tokens = math.ceil(chars / CHARS_PER_TOKEN)
                rank = (tokens / rule.importance, -order)
                if best is None or rank > best:
                    best, chosen = rank, items
        if chosen is None:
            break
        key = id(chosen)
        before = _json_chars(item_chars[key], sums[key])
        chosen.pop()
        sums[key] -= item_chars[key].pop()
        total -= before - _json_chars(item_chars[key], sums[key])


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
    _trim(fitted, budget_tokens, lists)
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
