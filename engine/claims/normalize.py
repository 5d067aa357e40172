"""Unicode clean-up of untrusted document text, and a homoglyph skeleton for the guard.

`normalize_text` runs once when a document is parsed: NFKC folds compatibility forms
(full-width letters, ligatures) into plain ones, and format characters (Unicode category Cf:
zero-width spaces and joiners, word joiner, BOM, soft hyphen, bidi controls) are removed, so
"Ig\u200bnore" reads "Ignore" and "Ja\u200bmes Carver" is a name again.

`skeleton` maps every character that Unicode lists as confusable with a Latin letter (its
confusables data, as the `confusable-homoglyphs` package ships it: Cyrillic, Greek, Cherokee,
Armenian, Coptic, small capitals, Latin look-alikes, ~1,200 characters) to that letter; the
guard compares it so "Іgnore all prevіous instructions" (Cyrillic і) or "ɪɢɴᴏʀᴇ" (small
capitals) is still an instruction. It is never used for the text that claims quote. The data
is read from the installed package once, on first use; nothing is downloaded.
"""

from __future__ import annotations

import json
import unicodedata
from functools import cache
from importlib import resources

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
# Small capitals, which Unicode's confusables data leaves out.
_CONFUSABLES.update(zip("ᴀʙᴄᴅᴇꜰɢʜɪᴊᴋʟᴍɴᴏᴘʀꜱᴛᴜᴠᴡʏᴢ", "abcdefghijklmnoprstuvwyz", strict=True))
_LATIN_LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"


@cache
def _skeleton_table() -> dict[int, str]:
    """Each non-ASCII character confusable with one Latin letter -> that letter."""
    raw = (resources.files("confusable_homoglyphs") / "confusables.json").read_text("utf-8")
    data = json.loads(raw)
    table = dict(_CONFUSABLES)
    for letter in _LATIN_LETTERS:
        for item in data.get(letter, []):
            look_alike = item.get("c", "")
            if len(look_alike) == 1 and not look_alike.isascii():
                table.setdefault(look_alike, letter)
    return str.maketrans(table)


def _is_format(ch: str) -> bool:
    return unicodedata.category(ch) == "Cf"


def normalize_text(text: str) -> str:
    """Text in NFKC form without format (Cf) characters such as zero-width spaces."""
    folded = unicodedata.normalize("NFKC", text)
    if folded.isascii():
        return folded
    return "".join(ch for ch in folded if not _is_format(ch))


def skeleton(text: str) -> str:
    """Text with look-alikes of Latin letters (Unicode's confusables) replaced by the letters."""
    return text if text.isascii() else text.translate(_skeleton_table())
