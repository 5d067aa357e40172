"""String similarity for person names: bounded Damerau-Levenshtein distance and typo limits.

The distance decides whether two names are "one small typo apart" (1 edit from 5 letters, 2
from 9, none below); deletion variants give names within that limit a shared blocking key, so
typo'd names meet without comparing every pair. All work on the folded lower-case ASCII names
of `engine.merge.names`.
"""

from __future__ import annotations


def damerau_levenshtein(first: str, second: str, limit: int | None = None) -> int:
    """Edit distance counting insert, delete, substitute and adjacent swap (optimal alignment).

    With `limit`, any distance above it is returned as `limit + 1` (and found sooner).
    """
    if first == second:
        return 0
    cap = limit if limit is not None else max(len(first), len(second))
    if abs(len(first) - len(second)) > cap:
        return cap + 1
    before: list[int] = []
    previous = list(range(len(second) + 1))
    for i, char in enumerate(first, start=1):
        current = [i] + [0] * len(second)
        row_best = current[0]
        for j, other in enumerate(second, start=1):
            cost = 0 if char == other else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and char == second[j - 2] and first[i - 2] == other:
                value = min(value, before[j - 2] + 1)
            current[j] = value
            row_best = min(row_best, value)
        if row_best > cap:
            return cap + 1
        before, previous = previous, current
    return min(previous[-1], cap + 1)


def deletion_variants(word: str, depth: int) -> frozenset[str]:
    """The word with up to `depth` letters deleted (itself included).

    Two words within Damerau-Levenshtein distance k share a variant when both are expanded
    to depth k, so these variants make blocking keys that miss no typo within the limit.
    """
    found = {word}
    frontier = {word}
    for _ in range(depth):
        frontier = {part[:i] + part[i + 1 :] for part in frontier for i in range(len(part))}
        found |= frontier
    return frozenset(found)


def typo_limit(length: int) -> int:
    """Edits allowed between two names whose shorter one has `length` letters (0, 1 or 2)."""
    if length >= 9:
        return 2
    if length >= 5:
        return 1
    return 0


def within_typo_limit(first: str, second: str) -> bool:
    """True when two different names are within the typo limit of the shorter one."""
    limit = typo_limit(min(len(first), len(second)))
    if limit == 0:
        return False
    return damerau_levenshtein(first, second, limit) <= limit
