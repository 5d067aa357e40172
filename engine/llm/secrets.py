"""Masking the API key in every text the workbench stores or prints, however it was mangled.

An endpoint may echo the key in an error without its `sk-` prefix, split by spaces, dashes or
zero-width characters, or in another letter case. The rule: any run of `MIN_SECRET_RUN` (8) or
more consecutive characters of the key is masked, where both the key and the text are read as
their ASCII letters and digits only (any other character — space, punctuation, a zero-width or
other invisible character — is a separator the reader skips; a full-width letter reads as its
ASCII one) and letter case is ignored. The masked span runs from the first to the last matched
character in the original text, separators between them included, and becomes `***`.

It is linear in the text: every 8-character window of the key goes in a set, and every 4th
position of the folded text is a candidate (a common run of 8 or more contains an aligned
block of 4, which must be one of the key's 4-grams); only candidates are checked against the
windows. Masking repeats until nothing matches, since joining the text on both sides of a mask
could form a new run. A key with fewer than 8 letters and digits (a local server's `EMPTY`) has
no such run: it is masked where it stands whole, in its exact case, as a word of its own.

`redact` masks the key of the environment (`OPENAI_API_KEY`, read at each call, never kept)
and anything shaped like an OpenAI key; the Store applies it to every text it writes.
`redact_value` does so through JSON-like values (dicts, lists), keys included.
"""

from __future__ import annotations

import bisect
import os
import re
import unicodedata
from collections.abc import Iterable, Mapping
from functools import lru_cache

MIN_SECRET_RUN = 8
SHORT_SECRET_MIN = 3  # a "key" shorter than this (a placeholder) is not masked at all
MASK = "***"
KEY_ENV_VAR = "OPENAI_API_KEY"
LONG_KEY_LIKE = re.compile(r"\bsk-[A-Za-z0-9_\-]{20,}", re.I)
_BLOCK = MIN_SECRET_RUN // 2
_ALNUM_RUN = re.compile(r"[A-Za-z0-9]+")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _fold_char(match: re.Match[str]) -> str:
    """A non-ASCII character as the ASCII letter or digit it stands for (full-width A -> A)."""
    char = match.group(0)
    folded = unicodedata.normalize("NFKC", char)
    return folded if len(folded) == 1 and folded.isascii() and folded.isalnum() else char


@lru_cache(maxsize=32)
def _key_grams(secret: str) -> tuple[frozenset[str], frozenset[str]]:
    """The key's windows of 8 and its 4-grams, lower case, over its letters and digits."""
    core = "".join(_ALNUM_RUN.findall(secret)).lower()
    windows = frozenset(core[i : i + MIN_SECRET_RUN] for i in range(len(core) - MIN_SECRET_RUN + 1))
    grams = frozenset(core[i : i + _BLOCK] for i in range(len(core) - _BLOCK + 1))
    return windows, grams


def _covered_spans(text: str, secret: str) -> list[tuple[int, int]]:
    """The spans of `text` (start, end) that hold runs of 8 or more of the key's characters."""
    windows, grams = _key_grams(secret)
    if not windows:
        return []
    folded = text if text.isascii() else _NON_ASCII.sub(_fold_char, text)
    runs = [(m.start(), m.group(0)) for m in _ALNUM_RUN.finditer(folded)]
    if not runs:
        return []
    starts: list[int] = []  # where each run begins in the joined string
    joined_parts: list[str] = []
    at = 0
    for _, part in runs:
        starts.append(at)
        joined_parts.append(part)
        at += len(part)
    joined = "".join(joined_parts).lower()
    covered: list[tuple[int, int]] = []
    last = len(joined) - MIN_SECRET_RUN
    for block in range(0, len(joined) - _BLOCK + 1, _BLOCK):
        if joined[block : block + _BLOCK] not in grams:
            continue
        for start in range(max(0, block - _BLOCK), min(block, last) + 1):
            if joined[start : start + MIN_SECRET_RUN] in windows:
                covered.append((start, start + MIN_SECRET_RUN))
    if not covered:
        return []
    covered.sort()
    merged: list[list[int]] = []
    for start, end in covered:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])

    def original(index: int) -> int:
        run = bisect.bisect_right(starts, index) - 1
        return runs[run][0] + index - starts[run]

    return [(original(start), original(end - 1) + 1) for start, end in merged]


def _mask_short(text: str, secret: str) -> str:
    if len(secret) < SHORT_SECRET_MIN:
        return text
    pattern = rf"(?<![A-Za-z0-9]){re.escape(secret)}(?![A-Za-z0-9])"
    return re.sub(pattern, MASK, text)


def mask_secret(text: str, secret: str | None) -> str:
    """The text with every run of 8+ of the key's characters masked (see the module docstring)."""
    if not text or not secret:
        return text
    if not _key_grams(secret)[0]:
        return _mask_short(text, secret)
    while True:
        spans = _covered_spans(text, secret)
        if not spans:
            return text
        pieces: list[str] = []
        at = 0
        for start, end in spans:
            pieces.append(text[at:start])
            pieces.append(MASK)
            at = end
        pieces.append(text[at:])
        text = "".join(pieces)


def holds_secret(text: str | None, secret: str | None) -> bool:
    """Whether `text` holds a run of 8+ of the key's characters (never for a short key)."""
    if not text or not secret or not _key_grams(secret)[0]:
        return False
    return bool(_covered_spans(text, secret))


def mask_secrets(
    text: str, secrets: Iterable[str | None], key_like: re.Pattern[str] = LONG_KEY_LIKE
) -> str:
    """The text with each of the keys masked, then anything shaped like an OpenAI key.

    Repeated until nothing changes: one mask may join text into a run another one matches.
    """
    keys = [secret for secret in secrets if secret]
    while True:
        masked = text
        for secret in keys:
            masked = mask_secret(masked, secret)
        masked = key_like.sub("sk-" + MASK, masked)
        if masked == text:
            return text
        text = masked


def environment_secret(environ: Mapping[str, str] | None = None) -> str | None:
    """The API key of the environment right now (never stored), or None."""
    env = os.environ if environ is None else environ
    return env.get(KEY_ENV_VAR, "").strip() or None


def redact(text: str) -> str:
    """The text with the environment's key and key-shaped values masked (for the Store)."""
    return mask_secrets(text, (environment_secret(),))


def redact_value(value: object) -> object:
    """A JSON-like value with `redact` applied to every string in it, dict keys included."""
    secret = environment_secret()

    def walk(item: object) -> object:
        if isinstance(item, str):
            return mask_secrets(item, (secret,))
        if isinstance(item, list | tuple):
            return [walk(part) for part in item]
        if isinstance(item, dict):
            return {
                walk(name) if isinstance(name, str) else name: walk(v) for name, v in item.items()
            }
        return item

    return walk(value)
