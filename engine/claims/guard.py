"""Source text is untrusted data: spot sentences that instruct the reader, and page boilerplate.

An *instruction* is a sentence addressed to whoever reads it (a person or an AI) rather than a
statement about the world: it opens with an imperative ("Ignore ...", "Rate ...", "Contact us
..."), or contains a directive phrase ("you must", "AI assistants should", "previous
instructions", "rate this company as"). Extraction turns it into at most a LOW-confidence NOTE
with no person, attribute, value, event or signal, whatever facts it seems to state.

*Boilerplate* is navigation, cookie and copyright text; it yields no claim at all.
"""

from __future__ import annotations

import re

_IMPERATIVE_OPENERS = (
    "ignore",
    "disregard",
    "forget",
    "override",
    "pretend",
    "act",
    "rate",
    "score",
    "rank",
    "classify",
    "report",
    "output",
    "print",
    "respond",
    "reply",
    "answer",
    "say",
    "write",
    "tell",
    "treat",
    "label",
    "flag",
    "include",
    "exclude",
    "delete",
    "remove",
    "contact",
    "email",
    "e-mail",
    "click",
    "subscribe",
    "buy",
    "please",
    "do",
    "don't",
    "never",
    "always",
    "make",
    "ensure",
    "remember",
    "stop",
    "send",
    "apply",
    "join",
    "visit",
    "sign",
    "register",
    "download",
    "follow",
    "consider",
    "assume",
    "recommend",
    "summarize",
    "summarise",
)

_OPENER_WORDS = "|".join(map(re.escape, _IMPERATIVE_OPENERS))
_OPENER = re.compile(
    rf"^\W*(?:(?:now|then|also|simply|just|kindly)\s+)?(?:{_OPENER_WORDS})"
    r"(?![\w'’-])(?!\s*:)(?!\s+(?:of|is|are|was|were|has|have|had)\b)",
    re.IGNORECASE,
)

_DIRECTIVES = re.compile(
    r"\b(?:"
    r"(?:ignore|disregard|forget|override)\b.{0,40}\b(?:instructions?|prompts?|directions|rules|"
    r"guidelines|filing|sources?|above|previous|prior|context)"
    r"|(?:previous|prior|above|earlier|original)\s+(?:instructions?|prompts?)"
    r"|new\s+instructions?|system\s+prompt|instructions?\s*:"
    r"|you\s+(?:must|should|need\s+to|have\s+to|are\s+(?:now|required|instructed)|will\s+now)"
    r"|(?:ai|a\.i\.|llm|language\s+models?|assistants?|chat\s?bots?|gpt|models?|agents?|bots?)s?"
    r"\s+(?:should|must|need\s+to|are\s+(?:instructed|required|asked)|reading\s+this)"
    r"|as\s+an\s+ai\b"
    r"|(?:rate|score|rank|classify|mark|label|flag|list)\s+(?:this|the|our)\s+(?:company|lead|"
    r"firm|business|prospect)"
    r"|(?:rate|score|rank|classify|mark|label|flag|treat)\s+[\w .'’&-]{1,60}?\s+as\s+(?:an?\s+)?"
    r"(?:hot|warm|cold|top|high|highest|priority|qualified|must-win)"
    r"|do\s+not\s+(?:mention|report|include|reveal|disclose|cite)"
    r"|when\s+summari[sz]ing"
    r"|(?:contact|call|email|e-mail)\s+us\b"
    r")",
    re.IGNORECASE | re.DOTALL,
)

_BOILERPLATE = re.compile(
    r"©|\b(?:all\s+rights\s+reserved|copyright\b|cookies?\b|privacy\s+(?:policy|notice|"
    r"statement)|terms\s+(?:of\s+(?:use|service)|and\s+conditions)|subscribe|newsletter|"
    r"sign\s+(?:in|up)|log\s*in|skip\s+to\s+(?:main\s+)?content|back\s+to\s+top|read\s+more|"
    r"click\s+here|follow\s+us|share\s+(?:this|on)|advertisement|javascript|"
    r"enable\s+(?:javascript|cookies)|accept\s+all|manage\s+(?:preferences|consent))",
    re.IGNORECASE,
)


def is_instruction(sentence: str) -> bool:
    """True when a sentence tells its reader to do something instead of stating a fact."""
    text = sentence.strip()
    if _OPENER.match(text):
        return True
    return _DIRECTIVES.search(text) is not None


def is_boilerplate(sentence: str) -> bool:
    """True for navigation, cookie, subscription and copyright text (no claim comes from it)."""
    words = sentence.split()
    return len(words) <= 40 and _BOILERPLATE.search(sentence) is not None
