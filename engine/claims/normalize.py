"""Unicode clean-up of untrusted document text, and a homoglyph skeleton for the guard.

`normalize_text` runs once when a document is parsed: NFKC folds compatibility forms
(full-width letters, ligatures) into plain ones, and format characters (Unicode category Cf:
zero-width spaces and joiners, word joiner, BOM, soft hyphen, bidi controls) are removed, so
"Ig\u200bnore" reads "Ignore" and "Ja\u200bmes Carver" is a name again.

`skeleton` maps common Cyrillic and Greek look-alikes of Latin letters to those letters; the
guard compares it so "Іgnore all prevіous instructions" (Cyrillic і) is still an instruction.
It is never used for the text that claims quote.
"""

from __future__ import annotations

import unicodedata

_CONFUSABLES = {
    # Cyrillic
    "а": "a",
    "е": "e",
    "о": "o",
    "р": "p",
    "с": "c",
    "х": "x",
    "у": "y",
    "і": "i",
    "ј": "j",
    "ѕ": "s",
    "І": "I",
    "А": "A",
    "В": "B",
    "Е": "E",
    "К": "K",
    "М": "M",
    "Н": "H",
    "О": "O",
    "Р": "P",
    "С": "C",
    "Т": "T",
    "Х": "X",
    # Greek
    "ο": "o",
    "α": "a",
    "ι": "i",
    "Ι": "I",
    "Ο": "O",
    "Α": "A",
    "Ε": "E",
    "Κ": "K",
    "Μ": "M",
    "Ν": "N",
    "Ρ": "P",
    "Τ": "T",
    "Χ": "X",
    "Υ": "Y",
    "Ζ": "Z",
    "Β": "B",
    "Η": "H",
}
_SKELETON = str.maketrans(_CONFUSABLES)


def _is_format(ch: str) -> bool:
    return unicodedata.category(ch) == "Cf"


def normalize_text(text: str) -> str:
    """Text in NFKC form without format (Cf) characters such as zero-width spaces."""
    folded = unicodedata.normalize("NFKC", text)
    if folded.isascii():
        return folded
    return "".join(ch for ch in folded if not _is_format(ch))


def skeleton(text: str) -> str:
    """Text with Cyrillic and Greek homoglyphs of Latin letters replaced by the Latin letters."""
    return text if text.isascii() else text.translate(_SKELETON)
