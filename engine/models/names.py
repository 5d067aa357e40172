"""Checks on names an analyst types (client names, org ids, targets), and their one form.

A control or format character (ESC, a bidi override, a zero-width space) in a name would make two
names look the same on screen or rewrite a terminal line; such names are refused, naming the
character, wherever they come in (command line or workbench).

Client names and org ids follow one rule: Unicode NFKC (full-width "Ａｃｍｅ" is "Acme"), inner
runs of whitespace collapsed to one space, ends stripped, a length cap. Two client names are the
same client when their `name_key` (that form, case-folded) is equal; an org id is stored in its
case-folded form, so "--org Acme" and "--org acme" are one workspace. Messages quote a long
value cut (`shorten`), never in full.
"""

from __future__ import annotations

import re
import unicodedata

from engine.models.claims import InvalidInput


def refuse_invisible(value: str, what: str) -> None:
    """InvalidInput if a name holds a control or format character (ESC, bidi override, ZWSP)."""
    for char in value:
        if unicodedata.category(char) in ("Cc", "Cf"):
            raise InvalidInput(
                f"{what} {shorten(value)!r} holds an invisible character "
                f"(U+{ord(char):04X}); remove it"
            )


CLIENT_NAME_MAX = 200
ORG_ID_MAX = 64
QUOTED_MAX = 60
_WHITESPACE = re.compile(r"\s+")


def shorten(value: str, limit: int = QUOTED_MAX) -> str:
    """The value for a message: cut after `limit` characters, saying how long it was."""
    return value if len(value) <= limit else f"{value[:limit]}… ({len(value):,} characters)"


def display_form(value: str) -> str:
    """NFKC, whitespace runs collapsed to one space, ends stripped: the stored form of a name."""
    return _WHITESPACE.sub(" ", unicodedata.normalize("NFKC", value)).strip()


def name_key(value: str) -> str:
    """What makes two client names the same client: the display form, case-folded."""
    return display_form(value).casefold()


def clean_name(value: str, what: str, max_length: int = CLIENT_NAME_MAX) -> str:
    """The display form of a typed name; InvalidInput if blank, too long or invisible chars."""
    refuse_invisible(value, what)
    cleaned = display_form(value)
    if not cleaned:
        raise InvalidInput(f"{what} must not be blank")
    if len(cleaned) > max_length:
        raise InvalidInput(f"{what} {shorten(cleaned)!r} is longer than {max_length} characters")
    return cleaned


def normalize_org_id(value: str) -> str:
    """The stored form of an org id (workspace): a clean name, case-folded."""
    return clean_name(value, "--org (workspace id)", ORG_ID_MAX).casefold()
