"""Undo the disguises an injected instruction wears, so the guard reads what it means.

`readings(sentence)` gives the forms of a sentence the guard's cues are matched against, the
sentence itself first. Each later form undoes one family of disguise, and only when the
sentence shows it, so plain prose is read once:

- homoglyphs and format characters: NFKC, zero-width characters removed, Cyrillic and Greek
  look-alikes folded (normalize.py), and the unfolded text too, for words really written in
  Cyrillic or Greek ("Игнорируй"); then accents stripped ("précédentes" also reads
  "precedentes", so a cue written without accents still matches);
- leetspeak: in a word that mixes letters with digits or "@$|!", 0 reads o, 1 i, 3 e, 4 a,
  5 s, 7 t, 8 b, 9 g, "@" a, "$" s, "|" and "!" i ("1gn0re pr3vious instructi0ns"); a plain
  number ("9,137", "2026") is never touched;
- spaced or dotted letters: a run of three or more single letters joined by one separator
  (" ", ".", "-", "_", "*", "·") becomes a word ("I g n o r e", "i.g.n.o.r.e").

`squashed(sentence)` is the sentence as letters only (after the same folding), for the few cues
that must still be found when the word boundaries themselves are gone
("Ig no re a ll prev ious"); guard.py reads it only when a disguise was seen.
"""

from __future__ import annotations

import re
import unicodedata

from engine.claims.normalize import normalize_text, skeleton

_LEET = str.maketrans(
    {
        "0": "o",
        "1": "i",
        "3": "e",
        "4": "a",
        "5": "s",
        "7": "t",
        "8": "b",
        "9": "g",
        "@": "a",
        "$": "s",
        "|": "i",
        "!": "i",
    }
)
# A word mixing letters with leet characters: "1gn0re", "pr3vious", "instructi0ns", "@ll".
_LEET_WORD = re.compile(r"(?<![\w@$|!])(?=[\w@$|!]*[a-zA-Z])(?=[\w@$|!]*[0-9@$|!])[\w@$|!]{3,}")
_SPACED = re.compile(r"(?<![^\W\d_])(?:[^\W\d_][ .\-_*·]){2,}[^\W\d_](?![^\W\d_])")
_SEPARATOR = re.compile(r"[ .\-_*·]")
_NOT_LETTER = re.compile(r"[^\w]|[\d_]")


def fold_accents(text: str) -> str:
    """Text without combining accents ("précédentes" -> "precedentes"); other scripts kept."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFKC", stripped)


def _unleet(match: re.Match[str]) -> str:
    word = match.group(0)
    if word.isdigit():
        return word
    return word.translate(_LEET)


def _unspace(match: re.Match[str]) -> str:
    return _SEPARATOR.sub("", match.group(0))


def base_reading(sentence: str) -> str:
    """The sentence as the guard first reads it: cleaned up, homoglyphs folded."""
    return skeleton(normalize_text(sentence.strip()))


def readings(sentence: str) -> list[str]:
    """The forms of the sentence to match cues against, each undoing one disguise."""
    base = base_reading(sentence)
    forms = [base]
    native = normalize_text(sentence.strip())
    if native != base:  # Cyrillic or Greek words, read as they are written
        forms.append(native)
    plain = fold_accents(base)
    if plain != base:
        forms.append(plain)
    unleeted = _LEET_WORD.sub(_unleet, plain)
    if unleeted != plain:
        forms.append(unleeted)
    unspaced = _SPACED.sub(_unspace, unleeted)
    if unspaced != unleeted:
        forms.append(unspaced)
    return forms


def disguised(sentence: str) -> bool:
    """Whether the sentence shows leetspeak or spaced-out letters (then `squashed` is read)."""
    plain = fold_accents(base_reading(sentence))
    return _LEET_WORD.search(plain) is not None or _SPACED.search(plain) is not None


def squashed(sentence: str) -> str:
    """The sentence as lower-case letters only, leetspeak undone: "ignoreallpreviousinstr..."."""
    plain = fold_accents(base_reading(sentence))
    return _NOT_LETTER.sub("", _LEET_WORD.sub(_unleet, plain)).lower()
