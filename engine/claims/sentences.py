"""Split plain text into sentences without breaking on abbreviations, initials or decimals.

Every line break is a hard boundary (the document parsers put one block per line). Within a
line, a sentence ends at ".", "!" or "?" (plus any closing quote or bracket) followed by white
space and an upper-case letter, digit, quote or bracket, except:

- after a title abbreviation that a name or number follows ("Dr.", "Mr.", "No.", "approx.");
- after a single initial ("J. Smith", "J. R. Carver");
- after a company suffix, month or dotted acronym ("Ltd.", "Inc.", "Sept.", "U.S.") unless a
  word that visibly opens a sentence follows ("... Resources Ltd. The company ...");
- inside numbers ("1.2"), which never have white space after the point.
"""

from __future__ import annotations

import re

from engine.claims.lexicon import NON_TERMINAL_ABBREVIATIONS, SENTENCE_STARTERS, SOFT_ABBREVIATIONS

MAX_STATEMENT_CHARS = 500
# Longer "sentences" (tables or lists run together) are cut into pieces of at most this size,
# which also bounds the work every pattern does on one sentence.
MAX_SENTENCE_CHARS = 800
# No word of a fact is this long: longer runs (base64, minified code, junk) are cut, which keeps
# the name and organization patterns from backtracking over thousands of characters.
MAX_TOKEN_CHARS = 120

_BOUNDARY = re.compile(r"[.!?]+['\"”’)\]]*(?=\s+['\"“‘(\[]?[^\W_a-z])")
_LAST_WORD = re.compile(r"([\w.'’-]+)$")
_NEXT_WORD = re.compile(r"\s+['\"“‘(\[]?([\w'’-]+)")


def _is_boundary(line: str, dot_start: int, end: int) -> bool:
    """Decide whether the punctuation at [dot_start, end) ends a sentence."""
    if line[dot_start] != ".":
        return True
    # Only the word before the point matters: look at a bounded tail, not the whole line.
    previous = _LAST_WORD.search(line[max(0, dot_start - MAX_TOKEN_CHARS - 8) : dot_start])
    if previous is None:
        return True
    word = previous.group(1).lower().lstrip("'’(")
    if word in NON_TERMINAL_ABBREVIATIONS:
        return False
    upcoming = _NEXT_WORD.match(line, end)
    next_word = upcoming.group(1).lower() if upcoming else ""
    if len(word) == 1 and word.isalpha():
        return False
    if word in SOFT_ABBREVIATIONS or re.fullmatch(r"(?:[a-z]\.)+[a-z]", word):
        return next_word in SENTENCE_STARTERS
    return True


def _pieces(sentence: str, limit: int = MAX_SENTENCE_CHARS) -> list[str]:
    """A sentence cut at white space into pieces of at most limit characters."""
    pieces: list[str] = []
    while len(sentence) > limit:
        cut = sentence.rfind(" ", limit // 2, limit + 1)
        cut = cut if cut > 0 else limit
        pieces.append(sentence[:cut].strip())
        sentence = sentence[cut:].strip()
    if sentence:
        pieces.append(sentence)
    return pieces


def _cap_token(token: str) -> str:
    """A token cut to MAX_TOKEN_CHARS characters, marked with an ellipsis when cut."""
    return token if len(token) <= MAX_TOKEN_CHARS else token[:MAX_TOKEN_CHARS] + "…"


def split_sentence_groups(text: str) -> list[tuple[str, list[str]]]:
    """Each sentence of text in order, whole, with its pieces of at most 800 characters.

    The whole sentence is what the guard classifies, so padding cannot push an instruction's
    opening words into another piece than the facts it states.
    """
    groups: list[tuple[str, list[str]]] = []
    for raw_line in text.splitlines():
        line = " ".join(_cap_token(token) for token in raw_line.split())
        if not line:
            continue
        start = 0
        for match in _BOUNDARY.finditer(line):
            if _is_boundary(line, match.start(), match.end()):
                whole = line[start : match.end()].strip()
                groups.append((whole, _pieces(whole)))
                start = match.end()
        whole = line[start:].strip()
        if whole:
            groups.append((whole, _pieces(whole)))
    return groups


def split_sentences(text: str) -> list[str]:
    """Sentences of text in order, trimmed, white space collapsed, at most 800 characters.

    A run of more than 120 characters without white space is cut to 120 (no fact has one).
    """
    return [piece for _, pieces in split_sentence_groups(text) for piece in pieces]


def truncate_statement(sentence: str, limit: int = MAX_STATEMENT_CHARS) -> str:
    """The sentence, cut at a word boundary with an ellipsis if longer than limit characters."""
    text = " ".join(sentence.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:-") + "…"
