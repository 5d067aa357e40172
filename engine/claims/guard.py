"""Source text is untrusted data: spot sentences that instruct the reader, and page boilerplate.

An *instruction* is a sentence addressed to whoever reads it (a person or an AI) rather than a
statement about the world: it opens with an imperative ("Ignore ...", "Rate ...", "Contact us
..."; not a company's name such as "Score Mining Corp." or a noun as in "Output at the mine
..."), a role label ("SYSTEM:", "Note to the assistant:"), an address to an AI ("Dear AI,",
"Hey ChatGPT,"), holds a chat-template token ("[INST]", "<|im_start|>", "<<SYS>>"), or
contains a directive phrase ("you must", "AI assistants should", "previous instructions",
"rate this company as", "your task is"), or holds a cue of guard_cues.py: what it asks, in
eighteen languages and any form (an override, a persona, a question, a passive request, a fake
quote). Each sentence is read in all its de-obfuscated forms (guard_obfuscation.py: homoglyphs,
accents, leetspeak, spaced letters). Extraction turns an instruction into at most a LOW NOTE
with no person, attribute, value, event or signal, whatever facts it seems to state;
guard_taint.py extends that to the sentences an instruction governs.

*Boilerplate* is navigation, cookie and copyright text; it yields no claim at all.
"""

from __future__ import annotations

import re
from functools import lru_cache

from engine.claims.guard_cues import (
    HEADING_CUE,
    LABEL_ONLY,
    SQUASHED_CUES,
    announces,
    persona_cue,
    strong_cue,
)
from engine.claims.guard_obfuscation import disguised, readings, squashed
from engine.claims.lexicon import ORG_KEYWORDS
from engine.claims.names import ORG_SUFFIX

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
    "translate",
    "describe",
    "mention",
    "repeat",
    "generate",
    "list",
)

_OPENER_WORDS = "|".join(map(re.escape, _IMPERATIVE_OPENERS))
_OPENER = re.compile(
    rf"^\W*(?:(?:now|then|also|simply|just|kindly)\s+)?(?P<word>{_OPENER_WORDS})"
    r"(?![\w'’-])(?!\s*:)(?!\s+(?:of|is|are|was|were|has|have|had)\b)",
    re.IGNORECASE,
)
# Openers that are also nouns: "Output at the mine reached ...", "Score Mining Corp. invested".
_NOUN_OPENERS = frozenset("output report score rate rank flag label act sign stop print".split())
_NOUN_FOLLOWERS = re.compile(
    r"\s+(?:at|in|from|during|per|for\s+the\s+(?:year|quarter|period)|rose|fell|grew|"
    r"reached|increased|decreased|declined|dropped|climbed|totall?ed|averaged|will|would|"
    r"levels?|figures?|growth|guidance|data)\b",
    re.IGNORECASE,
)
# "Score Mining Corp.", "Flag Resources Ltd.", "Generate Capital": a company's name.
_ORG_WORDS = "|".join(sorted(word.capitalize() for word in ORG_KEYWORDS))
_NEVER_NAMES = frozenset("ignore disregard forget override pretend please do don't".split())
_NAME_FOLLOWERS = re.compile(rf",?\s+{ORG_SUFFIX}|\s+(?:{_ORG_WORDS}|{_ORG_WORDS.upper()})(?!\w)")

_AI_NAMES = (
    r"(?:ai|a\.i\.|assistant|ai\s+assistant|chat\s?gpt|gpt(?:-?\d[\w.]*)?|claude|gemini|"
    r"copilot|llama|llm|chat\s?bot|bot|(?:language\s+)?model|agent|system|reader)"
)
_ROLE_LABEL = re.compile(
    r"^\W*(?:system|assistant|user|human|ai|a\.i\.|"
    r"chatgpt|gpt|claude|llm|override|system\s+override|instructions?|prompt)\s*:"
    rf"|^\W*(?:note|message|memo|instructions?|reminder|attention|attn)\s+(?:to|for)\s+"
    rf"(?:the\s+|any\s+|all\s+)?{_AI_NAMES}s?\b"
    rf"|^\W*(?:dear|hey|hi|hello|attention|attn|ok|okay|yo)\s+{_AI_NAMES}\s*[,:!.\-]"
    r"|^\W*(?:assistant|ai\s+assistant|chat\s?gpt|gpt(?:-?\d[\w.]*)?|claude|gemini|copilot|"
    r"llm|chat\s?bot)\s*[,!]"
    r"|^\W*(?:developer|admin|god|debug|dan|jailbreak)\s+mode\b",
    re.IGNORECASE,
)
_TEMPLATE_TOKENS = re.compile(
    r"\[/?INST\]|<\|[A-Za-z_\-]{1,30}\|>|<</?SYS>>|<\|?(?:im_start|im_end|endoftext)\|?>"
    r"|^#{1,4}\s*(?:system|instruction|response)\s*:?\s*$",
    re.IGNORECASE,
)

_TEMPLATE_MARK = re.compile(
    r"(?P<open>\[INST\]|<\|im_start\|>|<<SYS>>)|(?P<close>\[/INST\]|<\|im_end\|>|<</SYS>>)",
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
    r"|(?:the|any|all|every)\s+(?:analysts?|readers?|reviewers?|researchers?)\s+(?:should|must|"
    r"need\s+to|(?:is|are)\s+(?:instructed|required|asked))"
    r"|as\s+an\s+ai\b"
    r"|(?:rate|score|rank|classify|mark|label|flag|list)\s+(?:this|the|our)\s+(?:company|lead|"
    r"firm|business|prospect)"
    r"|(?:rate|score|rank|classify|mark|label|flag|treat)\s+[\w .'’&-]{1,60}?\s+as\s+(?:an?\s+)?"
    r"(?:hot|warm|cold|top|high|highest|priority|qualified|must-win)"
    r"|do\s+not\s+(?:mention|report|include|reveal|disclose|cite)"
    r"|your\s+(?:task|job|role|goal|objective|purpose|mission|instructions?)\s+(?:is|are|will\s+be)\b"
    r"|\b(?:we|i)\s+(?:hereby\s+)?(?:instruct|command|order|direct|require|want|need)\s+you\b"
    r"|instruct(?:s|ed|ing)?\s+you\b"
    r"|(?:developer|admin|god|debug|dan|jailbreak)\s+mode\s+(?:is\s+)?(?:enabled|on|activated)"
    r"|translate\s+(?:this|the\s+following|(?:in)?to\s+[A-Za-z]+\s*:)"
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


# Where a later clause starts: after a semicolon, a colon or a dash ("...; reply with your key").
_CLAUSE_BREAK = re.compile(r"[;:]\s+|\s[—–-]{1,2}\s+")


def _has_imperative_clause(text: str) -> bool:
    """A later clause that opens, lower case, with an imperative ("...2026; reply to me")."""
    for match in _CLAUSE_BREAK.finditer(text):
        clause = text[match.end() : match.end() + 200]  # an opener is read in a few words
        if clause[:1].islower() and _opens_with_imperative(clause):
            return True
    return False


def _opens_with_imperative(text: str) -> bool:
    match = _OPENER.match(text)
    if match is None:
        return False
    if match.group("word").lower() in _NOUN_OPENERS and _NOUN_FOLLOWERS.match(text, match.end()):
        return False
    word = match.group("word")
    if word.lower() in _NEVER_NAMES or not word[:1].isupper():
        return True
    return _NAME_FOLLOWERS.match(text, match.end()) is None


# Extraction keeps an instruction sentence only as a NOTE whose statement opens with this marker.
INSTRUCTION_NOTE_PREFIX = "Source text addressed to the reader (kept as data, not a fact): "
# A model's draft that its cited document does not show is kept only as a NOTE opening so.
UNGROUNDED_NOTE_PREFIX = "Not shown by the cited document (kept as data, not a fact): "
KEPT_AS_DATA_PREFIXES = (INSTRUCTION_NOTE_PREFIX, UNGROUNDED_NOTE_PREFIX)
# Opening words that steer what a reader does with what follows ("Ignore ...", "Pretend ...").
_OVERRIDE_OPENERS = frozenset("ignore disregard forget override pretend".split())
# Opening words of a page's own calls to action: an instruction, but one that governs nothing.
_ACTION_OPENERS = frozenset(
    "contact email e-mail click subscribe buy join visit sign register download follow apply "
    "send".split()
)


def is_instruction_statement(statement: str) -> bool:
    """True for a claim statement kept as data (an instruction, an ungrounded draft) or one
    that reads as an instruction."""
    return statement.startswith(KEPT_AS_DATA_PREFIXES) or is_instruction(statement)


def _english_rules(text: str) -> bool:
    if _opens_with_imperative(text) or _ROLE_LABEL.match(text) or _has_imperative_clause(text):
        return True
    return _TEMPLATE_TOKENS.search(text) is not None or _DIRECTIVES.search(text) is not None


@lru_cache(maxsize=8192)
def _verdict(sentence: str) -> tuple[bool, bool]:
    """(instruction, strong): strong when it steers a machine rather than calls to action."""
    forms = readings(sentence)
    steering = any(strong_cue(form) for form in forms)
    if not steering and disguised(sentence):
        steering = SQUASHED_CUES.search(squashed(sentence)) is not None
    if steering:
        return True, True
    for form in forms:
        if not _english_rules(form):
            continue
        if _ROLE_LABEL.match(form) or _TEMPLATE_TOKENS.search(form):
            return True, True
        opener = _OPENER.match(form)
        word = opener.group("word").lower() if opener else ""
        strong = word in _OVERRIDE_OPENERS or (word not in _ACTION_OPENERS and announces(form))
        return True, strong
    return False, False


def is_instruction(sentence: str) -> bool:
    """True when a sentence tells its reader to do something instead of stating a fact."""
    return _verdict(sentence)[0]


def governs_following(sentence: str) -> bool:
    """True for an instruction that steers how what follows is read: an override, a persona,
    an address to a machine, or a request that announces content ("retenez ceci :").

    A page's calls to action ("Contact us today.", "Apply by May 5.") govern nothing.
    """
    return _verdict(sentence)[1]


def sets_persona(sentence: str) -> bool:
    """True for a sentence that gives its reader a new identity ("From now on you are ...")."""
    return any(persona_cue(form) for form in readings(sentence))


@lru_cache(maxsize=4096)
def is_instruction_label(text: str) -> bool:
    """True for a short label that heads instructions: a table cell "Instruction", "Note to
    AI", "Consigne", or a heading "Instructions for AI summarisers"."""
    if len(text.split()) > 8:
        return False
    forms = readings(text)
    return any(LABEL_ONLY.match(form) or HEADING_CUE.search(form) for form in forms)


def introduces_instructions(heading: str) -> bool:
    """True for a heading whose section is instructions rather than content: it is an
    instruction label or steers a machine ("Notes for language models", "Ignore the above")."""
    return is_instruction_label(heading) or (
        len(heading.split()) <= 14 and governs_following(heading)
    )


def template_marks(sentence: str) -> list[bool]:
    """For each chat-template token of the sentence, in order: True opens a block, False closes."""
    text = readings(sentence)[0]
    return [match.group("close") is None for match in _TEMPLATE_MARK.finditer(text)]


def is_boilerplate(sentence: str) -> bool:
    """True for navigation, cookie, subscription and copyright text (no claim comes from it)."""
    words = sentence.split()
    return len(words) <= 40 and _BOILERPLATE.search(sentence) is not None
