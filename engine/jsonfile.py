"""Strict reading of the JSON files users give (claims, reviews): refusals name the place.

Python's `json` accepts what a contract file must not hold, or fails on it with a traceback:

- a key repeated in one object (json keeps the last one silently) is refused naming the key;
- a number of more than MAX_NUMBER_DIGITS digits is refused (an integer past 4,300 digits makes
  `int()` raise ValueError; a float keeps only 17 of them anyway), and so is a float too large
  for a float ("1e999999");
- NaN, Infinity and -Infinity (not JSON) are refused.

The place is the path to the value: for an item of a top-level array, the item's number and id
("claim #3 (claim_id 'doc_004'), field 'person.name'"), so the user can find it in the file.
`read_json_file` turns every failure (missing, unreadable, not UTF-8, not JSON, nested too
deeply, or one of the above) into an InvalidInput naming the file.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

from engine.models import InvalidInput

MAX_NUMBER_DIGITS = 100

JsonPath = tuple[str | int, ...]


class JsonProblem(ValueError):
    """Well-formed JSON holding what a contract file must not: the reason and where it is."""

    def __init__(self, reason: str, path: JsonPath, data: Any) -> None:
        super().__init__(reason)
        self.reason = reason
        self.path = path
        self.data = data


class _Refused:
    """Stands in the decoded data for a refused value (`value`: what it would have been)."""

    __slots__ = ("reason", "value")

    def __init__(self, reason: str, value: Any = None) -> None:
        self.reason = reason
        self.value = value


class _Hooks:
    """The decoder hooks; each refused value is kept in `found`, in the order decoded."""

    def __init__(self) -> None:
        self.found: list[_Refused] = []

    def refuse(self, reason: str, value: Any = None) -> _Refused:
        refused = _Refused(reason, value)
        self.found.append(refused)
        return refused

    def pairs(self, items: list[tuple[str, Any]]) -> Any:
        obj: dict[str, Any] = {}
        repeated: str | None = None
        for key, value in items:
            if key in obj and repeated is None:
                repeated = key
            obj[key] = value
        return obj if repeated is None else self.refuse(f"duplicate key {repeated!r}", obj)

    def integer(self, text: str) -> Any:
        digits = len(text.lstrip("-"))
        if digits > MAX_NUMBER_DIGITS:
            return self.refuse(f"a number of {digits:,} digits (more than {MAX_NUMBER_DIGITS})")
        return int(text)

    def real(self, text: str) -> Any:
        digits = sum(char.isdigit() for char in text)
        if digits > MAX_NUMBER_DIGITS:
            return self.refuse(f"a number of {digits:,} digits (more than {MAX_NUMBER_DIGITS})")
        value = float(text)
        if not math.isfinite(value):
            return self.refuse(f"the number {text[:40]} is out of range")
        return value

    def constant(self, text: str) -> Any:
        return self.refuse(f"{text} is not a JSON number")


def _locate(data: Any, target: _Refused) -> JsonPath:
    """The path to `target` in the decoded data (iterative: as deep as json decodes)."""
    stack: list[tuple[Any, JsonPath]] = [(data, ())]
    while stack:
        node, path = stack.pop()
        if node is target:
            return path
        if isinstance(node, _Refused):
            node = node.value
        if isinstance(node, dict):
            stack.extend((value, (*path, key)) for key, value in reversed(node.items()))
        elif isinstance(node, list):
            stack.extend((node[index], (*path, index)) for index in reversed(range(len(node))))
    return ()


def loads_strict(text: str) -> Any:
    """Decode JSON text; JsonProblem for a repeated key, a huge number or NaN/Infinity.

    json.JSONDecodeError and RecursionError pass through as json raises them.
    """
    hooks = _Hooks()
    data = json.loads(
        text,
        object_pairs_hook=hooks.pairs,
        parse_int=hooks.integer,
        parse_float=hooks.real,
        parse_constant=hooks.constant,
    )
    if hooks.found:
        first = hooks.found[0]  # the first the decoder met: inner values before their objects
        raise JsonProblem(first.reason, _locate(data, first), data)
    return data


def _item_id(item: Any) -> str:
    if isinstance(item, _Refused):
        item = item.value
    if not isinstance(item, dict):
        return ""
    for key, value in item.items():
        if key.endswith("_id") and isinstance(value, str):
            return f" ({key} {value[:80]!r})"
    return ""


def describe_place(path: JsonPath, data: Any, *, item: str = "item") -> str:
    """'claim #3 (claim_id 'doc_004'), field 'person.name'' for path [3, 'person', 'name']."""
    parts: list[str] = []
    rest = path
    if path and isinstance(path[0], int) and isinstance(data, list):
        parts.append(f"{item} #{path[0]}{_item_id(data[path[0]])}")
        rest = path[1:]
    if rest:
        field = ""
        for part in rest:
            field += f"[{part}]" if isinstance(part, int) else f"{'.' if field else ''}{part}"
        parts.append(f"field {field!r}")
    return ", ".join(parts) or "the top level"


def read_json_file(path: Path, what: str, *, item: str | None = None) -> Any:
    """The decoded JSON file; InvalidInput naming the file (and the place) for any failure.

    `what` names the file ("claims"), `item` one element of its top-level array (default:
    `what` without a trailing "s").
    """
    shown = f"{what} file {str(path)!r}"
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InvalidInput(f"{shown} does not exist") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidInput(f"{shown} cannot be read: {exc}") from None
    try:
        return loads_strict(text)
    except RecursionError:
        raise InvalidInput(f"{shown} is nested too deeply to read") from None
    except json.JSONDecodeError as exc:
        raise InvalidInput(
            f"{shown} is not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
        ) from None
    except JsonProblem as exc:
        place = describe_place(exc.path, exc.data, item=item or what.removesuffix("s"))
        raise InvalidInput(f"{shown}: {place}: {exc.reason}") from None
