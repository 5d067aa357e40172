"""Checks on names an analyst types (client names, targets): no invisible characters.

A control or format character (ESC, a bidi override, a zero-width space) in a name would make two
names look the same on screen or rewrite a terminal line; such names are refused, naming the
character, wherever they come in (command line or workbench).
"""

from __future__ import annotations

import unicodedata

from engine.models.claims import InvalidInput


def refuse_invisible(value: str, what: str) -> None:
    """InvalidInput if a name holds a control or format character (ESC, bidi override, ZWSP)."""
    for char in value:
        if unicodedata.category(char) in ("Cc", "Cf"):
            raise InvalidInput(
                f"{what} {value!r} holds an invisible character (U+{ord(char):04X}); remove it"
            )
