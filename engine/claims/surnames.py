"""Surnames of people the document already named, written out in full before reading a sentence.

News names a person in full once ("Steve Miranda says ...") and by surname after ("Miranda is
Oracle's executive vice president", "Mr Giacovazzi told ..."). `expand_surnames` rewrites such a
surname (with an optional honorific) as the full name, when exactly one known person has it and
it is not part of another name ("Nicola Miranda"); `Expanded.original` maps positions back.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from engine.claims.names import U

_HONORIFIC = r"(?:(?:Mr|Mrs|Ms|Dr|Prof)\.?\s+)?"


@dataclass(frozen=True)
class Expanded:
    """A sentence with surnames of known people written out in full, and the way back."""

    text: str
    # per written-out name: its start and end in text, its start in the sentence, and the
    # characters added up to its end
    shifts: tuple[tuple[int, int, int, int], ...] = ()

    def original(self, position: int) -> int:
        """The position in the original sentence of a position in the expanded text."""
        mapped = position
        for start, end, original_start, added in self.shifts:
            if position >= end:
                mapped = position - added
            elif position >= start:
                mapped = original_start
        return mapped


def expand_surnames(sentence: str, people: Sequence[str]) -> Expanded:
    """Write "Miranda" / "Mr Miranda" as the full name of the only known person so called."""
    by_surname: dict[str, list[str]] = {}
    for name in people:
        words = name.split()
        if len(words) > 1:
            by_surname.setdefault(words[-1], []).append(name)
    unique = {surname: names[0] for surname, names in by_surname.items() if len(names) == 1}
    if not unique or not any(surname in sentence for surname in unique):
        return Expanded(sentence)
    alternatives = "|".join(re.escape(surname) for surname in sorted(unique, key=len, reverse=True))
    pattern = re.compile(
        rf"(?<![\w’'.\-]){_HONORIFIC}(?P<surname>{alternatives})(?![\w’'\-])(?!\s+{U})"
    )
    parts: list[str] = []
    shifts: list[tuple[int, int, int, int]] = []
    last = added = 0
    for match in pattern.finditer(sentence):
        before = sentence[: match.start()].rstrip().split()
        if before and before[-1][:1].isupper() and not before[-1].endswith((".", ",", ":")):
            continue  # part of another name ("Nicola Miranda")
        full = unique[match.group("surname")]
        start = match.start() + added
        parts.extend((sentence[last : match.start()], full))
        added += len(full) - (match.end() - match.start())
        shifts.append((start, start + len(full), match.start(), added))
        last = match.end()
    if not parts:
        return Expanded(sentence)
    parts.append(sentence[last:])
    return Expanded("".join(parts), tuple(shifts))
