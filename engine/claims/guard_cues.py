"""Cues that a sentence instructs its reader, compiled from the lexicon (guard_lexicon.py).

Each cue is one pattern over the eighteen languages of the lexicon:

- an override: an order to drop earlier instructions ("ignore ... instructions", "ignorez
  toutes les consignes", "vergiss die obigen Anweisungen", "忽略之前的指令"), or earlier
  instructions named on their own ("previous instructions", "instrucciones anteriores");
- a persona set up for the reader ("from now on you are", "you are now", "act as the ...",
  "à partir de maintenant tu es", "ab jetzt bist du", "从现在开始你是");
- a request that announces content ("retenez ceci :", "note the following", "... und merke
  dir Folgendes"), or a label heading instructions ("Instruction:", "Consigne :", "Note to AI");
- an address to an automated reader (AI, assistant, model, summariser, bot, crawler,
  "automated readers", "IA", "KI", "ИИ", "人工智能") with a modal ("AI assistants should",
  "l'IA doit", "AI systems evaluating this company should"), a passive request ("It is hereby
  requested of automated readers", "se ruega a los sistemas de IA"), a question ("Could the
  summariser kindly note", "Könntest du bitte notieren"), or a fake quote ("... told the
  assistant"); on its own a machine word is no cue: "The mine uses AI to sort ore" is a fact;
- a chat-role object ('"role": "system"') or a sales verdict meant for the tool ("lead score
  of 100", "the best prospect for your pipeline").

`SQUASHED_CUES` find an override in a sentence read as letters only, when spacing or dots
broke its words ("I g n o r e a l l p r e v i o u s").
"""

from __future__ import annotations

import re
from bisect import bisect_left

from engine.claims.guard_lexicon import (
    INTRO,
    LABEL,
    MACHINE,
    NOTE_TO,
    OVERRIDE_OBJECTS,
    OVERRIDE_VERBS,
    PERSONA,
    PRIOR,
    REQUEST,
)
from engine.claims.guard_lexicon import phrases as _any

_FLAGS = re.IGNORECASE | re.DOTALL


LANGUAGES = tuple(OVERRIDE_VERBS)

_ART = (
    r"(?:(?:the|any|all|every|each|your|les?|la|die|der|das|den|el|los|las|il|gli|o|os|a|as|"
    r"de|het)\s+|[ld]['’]\s*)?"
)
_MACHINE = rf"(?:{_any(MACHINE)})"
_LATIN_END = r"(?![a-z])"
# An override is a verb, then within 60 characters what it drops ("ignore ... instructions"):
# two patterns, scanned once each and joined by position (see `_overrides`), so a sentence of
# repeated verbs costs a pass, not a 60-character search after every verb.
_OVERRIDE_VERB = re.compile(rf"(?:^|(?<=\W))(?:{_any(OVERRIDE_VERBS)})", _FLAGS)
_OVERRIDE_OBJECT = re.compile(rf"(?:{_any(OVERRIDE_OBJECTS)}){_LATIN_END}", _FLAGS)
_OVERRIDE_REACH = 61
_PRIOR = re.compile(rf"(?:{_any(PRIOR)}){_LATIN_END}", _FLAGS)
_PERSONA = re.compile(rf"(?:^|(?<=\W))(?:{_any(PERSONA)})", _FLAGS)
_REQUEST = rf"(?:{_any(REQUEST)})"
# Words that join a request to what came before it: "... et retenez ceci", "und merke dir".
_JOIN = r"(?:^\W*|[,;:.!?]\s*|\b(?:and|then|now|please|kindly|et|und|y|e|en|i|och|ve)\s+|и\s+)"
# An imperative request that introduces what follows: "retenez ceci :", "note the following",
# "... und merke dir Folgendes", "... i zapamiętaj:", "记住：", "次のことを覚えて".
_REQUEST_INTRO = re.compile(
    rf"{_JOIN}(?:please\s+|kindly\s+|bitte\s+|bien\s+)?{_REQUEST}"
    rf"(?:\s+(?:bien|donc|dir|sich|bitte|please|kindly|also))?\s*(?:{_any(INTRO)})"
    rf"|(?<=\w)\s+(?:and|et|und|y|e|en|i|och|ve|и)\s+{_REQUEST}\s*[:：]"
    r"|(?:记住|记下)[:：]?(?:以下)?|(?:以下|次のこと)を?(?:覚えて|記憶して|記録して)",
    _FLAGS,
)
_LABEL = re.compile(rf"^\W*(?:{_any(LABEL)})\s*[:;|：]", _FLAGS)
_NOTE_TO_MACHINE = re.compile(rf"^\W*(?:{_any(NOTE_TO)})\s*{_ART}{_MACHINE}(?!\w)", _FLAGS)
# "AI assistants should ...", "l'IA doit ...", "die KI soll ...", "el asistente debe ...".
_MODALS = (
    r"should|must|shall|will\s+(?:now|please|kindly)|needs?\s+to|has\s+to|have\s+to|"
    r"(?:is|are)\s+(?:hereby\s+|kindly\s+|respectfully\s+)?(?:asked|requested|instructed|"
    r"required|expected|invited|directed|told|reminded)\s+to|reading\s+this|processing\s+this|"
    r"doi(?:t|vent)|devr(?:a|ont)|(?:est|sont)\s+pri(?:e|es)|soll(?:te|en)?|muss|mussen|"
    r"muessen|wird\s+gebeten|deb(?:e|en|era|eria)|dev(?:e|ono|ra|rebbe)|deveria|moet(?:en)?"
)
# "AI systems evaluating this company should ...": a machine at work on the page, then a modal.
_AT_WORK = (
    r"(?:\s+(?:reading|processing|summari[sz]ing|evaluating|analy[sz]ing|reviewing|crawling|"
    r"scraping|indexing|ranking|scoring)\s+(?:this|these|the|our)(?:\s+\w+)?)?"
)
_MACHINE_MODAL = re.compile(rf"(?:^|(?<=\W)){_MACHINE}{_AT_WORK}\s+(?:{_MODALS})(?!\w)", _FLAGS)
# "It is hereby requested of automated readers that ...", "se ruega a los sistemas de IA".
_PASSIVE = re.compile(
    rf"\b(?:it\s+is|it's)\s+(?:hereby\s+|kindly\s+|respectfully\s+)?(?:requested|asked|"
    rf"required|demanded|expected)\s+(?:of|from)\s+{_ART}{_MACHINE}(?!\w)"
    rf"|\b(?:il\s+est\s+(?:demande|prie|requis)|se\s+(?:ruega|solicita|pide)|si\s+prega|"
    rf"solicita-se|pede-se)\s+(?:aux?|a\s+l'|a\s+la|a\s+los|al|ai|agli|alle?)\s*{_ART}"
    rf"(?:sistemas\s+de\s+)?{_MACHINE}(?!\w)",
    _FLAGS,
)
# What "you" may be asked in a question without it reading as an interview ("Could you tell
# us ..." is not an instruction; "Could you note that ..." is).
_MEMORY = (
    r"(?:note|remember|record|store|memori[sz]e|keep\s+in\s+mind|treat|rate|score|rank|"
    r"classify|flag|mark|include|add|(?:say|state|report|confirm|write)\s+that)"
)
_POLITE = (
    r"(?:please|kindly|also|just|gentilmente|bitte|s'il\s+vous\s+plait|por\s+favor|vous|tu|"
    r"sie|du|usted)"
)
# "Could the summariser kindly note ...", "Would you please record ...", "Könntest du notieren".
_QUESTION = re.compile(
    rf"\b(?:could|would|can|will|might|may)\s+{_ART}{_MACHINE}\s+(?:{_POLITE}\s+)*{_REQUEST}\b"
    rf"|\b(?:could|would|can|will)\s+you\s+(?:{_POLITE}\s+)*{_MEMORY}\b"
    rf"|\b(?:pourriez-vous|pourrais-tu|pouvez-vous|peux-tu|voudriez-vous|konnten\s+sie|"
    rf"koennten\s+sie|konntest\s+du|koenntest\s+du|kannst\s+du|podrias?|puedes?|"
    rf"potresti|potrebbe|poderia|kunt\s+u|kun\s+je)\s+(?:(?:{_POLITE}|{_ART}{_MACHINE})\s+)*"
    rf"{_REQUEST}",
    _FLAGS,
)
# A fake quote: "...," the spokesperson told the assistant.
_TOLD_MACHINE = re.compile(
    rf"\b(?:told|tells|instructs?|instructed|asks?|asked|reminds?|reminded|wrote\s+to|"
    rf"says?\s+to|said\s+to)\s+{_ART}{_MACHINE}(?!\w)"
    rf"|(?<!\w){_MACHINE}\s+(?:was|were|is|are)\s+(?:told|instructed|asked|reminded)\b",
    _FLAGS,
)
# "The following is for automated summarisers only."
_FOR_MACHINE = re.compile(
    rf"\b(?:for|to)\s+{_ART}{_MACHINE}\s+(?:only|reading\s+this|processing\s+this)\b"
    rf"|\b(?:{_any(INTRO)})\s+(?:is|are)\s+(?:meant\s+|intended\s+)?for\s+{_ART}{_MACHINE}"
    r"(?!\w)",
    _FLAGS,
)
_CHAT_ROLE = re.compile(r"[\"']role[\"']\s*:\s*[\"'](?:system|assistant|developer)[\"']", _FLAGS)
_SALES_VERDICT = re.compile(
    r"\b(?:best|top|hottest|strongest|number\s+one|#\s?1|must-win)\s+(?:sales\s+)?"
    r"(?:lead|prospect|account)s?\s+(?:for|in)\s+(?:your|the|our)\s+(?:pipeline|crm|"
    r"sales\s+team|clients?)\b|\blead\s+score\s+(?:of|to|at)\s+\d+",
    _FLAGS,
)
# Squashed forms (letters only) that still show an override when word boundaries are gone.
SQUASHED_CUES = re.compile(
    r"ignore\w{0,12}(?:previous|prior|above|earlier)|(?:previous|prior|above)instructions"
    r"|disregard\w{0,12}(?:previous|prior|above)|forget\w{0,12}(?:previous|prior|above)"
    r"|youarenow|fromnowonyou|newinstructions|systemprompt|ignorez\w{0,20}consignes"
    r"|vorherigenanweisungen|instruccionesanteriores|istruzioniprecedenti|instrucoesanteriores"
)

STRONG_CUES: tuple[re.Pattern[str], ...] = (
    _PRIOR,
    _PERSONA,
    _REQUEST_INTRO,
    _LABEL,
    _NOTE_TO_MACHINE,
    _MACHINE_MODAL,
    _PASSIVE,
    _QUESTION,
    _TOLD_MACHINE,
    _FOR_MACHINE,
    _CHAT_ROLE,
    _SALES_VERDICT,
)
# A sentence that ends by announcing what follows: "... retenez ceci :", "Note the following."
_INTRO_END = re.compile(rf"(?:[:：]|(?:{_any(INTRO)})\s*[.!]?)\s*$", _FLAGS)
_TAIL = 80  # an announcement is read in the last characters of a sentence
# A table cell or heading that is only an instruction label: "Instruction", "Note to AI".
LABEL_ONLY = re.compile(
    rf"^\W*(?:{_any(LABEL)}|(?:{_any(NOTE_TO)})\s*{_ART}{_MACHINE})(?:\s+{_ART}{_MACHINE})?\W*$",
    _FLAGS,
)
# A heading that introduces instructions: "Instructions for AI summarisers", "Consignes pour
# les assistants IA", "Notes for language models".
HEADING_CUE = re.compile(
    rf"(?:^|(?<=\W))(?:{_any(LABEL)}|notes?|hinweise?|notas?|messages?)\W+(?:\w+\W+){{0,3}}"
    rf"{_MACHINE}(?!\w)|^\W*{_MACHINE}\s+(?:{_any(LABEL)}|notes?)\W*$",
    _FLAGS,
)


def _overrides(text: str) -> bool:
    """Whether an override verb has what it drops right after it, or within reach past a
    non-word character ("ignore all previous instructions", "ignorez ... consignes")."""
    objects = [match.start() for match in _OVERRIDE_OBJECT.finditer(text)]
    if not objects:
        return False
    for verb in _OVERRIDE_VERB.finditer(text):
        end = verb.end()
        at = bisect_left(objects, end)
        if at == len(objects) or objects[at] > end + _OVERRIDE_REACH:
            continue
        if objects[at] == end or not (text[end : end + 1].isalnum() or text[end : end + 1] == "_"):
            return True
    return False


def strong_cue(text: str) -> bool:
    """Whether a reading of a sentence holds a cue that it addresses or steers a machine."""
    return _overrides(text) or any(pattern.search(text) for pattern in STRONG_CUES)


def announces(text: str) -> bool:
    """Whether a sentence ends by announcing what follows ("... retenez ceci :")."""
    return _INTRO_END.search(text[-_TAIL:]) is not None


def persona_cue(text: str) -> bool:
    """Whether a reading sets up a new identity for its reader ("From now on you are ...")."""
    return _PERSONA.search(text) is not None
