"""Identifiers: claim ids (`<prefix>_<NNN>`, DESIGN §3) and stable source ids from file paths."""

from __future__ import annotations

import re
import unicodedata

from engine.models import InvalidInput

_PREFIX = re.compile(r"[a-z][a-z0-9]*")


def check_prefix(prefix: str) -> str:
    """The prefix if it can start a claim id (lower-case letters and digits), else InvalidInput."""
    if not _PREFIX.fullmatch(prefix):
        raise InvalidInput(f"claim id prefix {prefix!r} must be lower-case letters and digits")
    return prefix


def claim_id(prefix: str, number: int) -> str:
    """The claim id for the number-th claim of a step: claim_id('doc', 7) == 'doc_007'."""
    if number < 0:
        raise InvalidInput(f"claim number {number!r} must not be negative")
    return f"{check_prefix(prefix)}_{number:03d}"


def slug(text: str) -> str:
    """Lower-case ASCII words joined by hyphens: '01_Ontario.md' -> '01-ontario-md'."""
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_only = decomposed.encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_only).strip("-")


def source_id_for(relative_path: str) -> str:
    """A stable source id for a document's relative path: 'doc-' plus the path's slug."""
    return "doc-" + (slug(relative_path) or "untitled")
