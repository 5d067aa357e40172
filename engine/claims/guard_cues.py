"""Cues that a sentence instructs its reader, in thirteen languages (the guard's lexicon).

Each cue family is a table of phrases per language -- English, French, German, Spanish,
Italian, Portuguese, Dutch, Polish, Swedish, Russian, Turkish, Chinese and Japanese -- joined
into one pattern. The phrases are written accent-free where a language drops accents in
practice (the guard also reads each sentence with accents folded: guard_obfuscation.py).

- OVERRIDE: an order to drop earlier or other instructions ("ignore ... instructions",
  "ignorez toutes les consignes", "vergiss die obigen Anweisungen", "忽略之前的指令").
- PRIOR: a mention of earlier instructions on its own ("previous instructions",
  "instrucciones anteriores", "vorherigen Anweisungen").
- MACHINE: words for an automated reader (AI, assistant, model, summariser, bot, crawler,
  "automated readers", "IA", "KI", "ИИ", "人工智能", ...). On their own they are no cue:
  "The mine uses AI to sort ore" is a fact. guard.py pairs them with an address, a request
  verb, a modal or a passive request.
- REQUEST: verbs asking the reader to record or say something (note, remember, record, say,
  state, report, treat, rate, include; retenez, merke dir, recuerda, запомни, 记住, 覚えて).
- INTRO: what introduces the content an instruction governs ("the following", "ceci",
  "Folgendes", "lo siguiente", "следующее", "以下").
- PERSONA: setting up a new identity for the reader ("from now on you are", "you are now",
  "act as", "pretend", "à partir de maintenant tu es", "ab jetzt bist du", "从现在开始你是").
- LABEL: a label that heads instructions ("Instruction:", "Consigne :", "Anweisung:",
  "Note to AI", "Hinweis für die KI", "Nota para la IA").
"""

from __future__ import annotations

import re

_FLAGS = re.IGNORECASE | re.DOTALL


def _any(table: dict[str, tuple[str, ...]]) -> str:
    return "|".join(phrase for phrases in table.values() for phrase in phrases)


OVERRIDE_VERBS: dict[str, tuple[str, ...]] = {
    "en": (
        r"ignore",
        r"disregard",
        r"forget",
        r"override",
        r"pay\s+no\s+attention\s+to",
        r"(?:do\s+not|don'?t|stop)\s+(?:follow(?:ing)?|obey(?:ing)?)",
    ),
    "fr": (
        r"ignor(?:e|ez|er)",
        r"oubli(?:e|ez|er)",
        r"ne\s+tenez\s+(?:pas|plus)\s+compte",
        r"ne\s+tiens\s+(?:pas|plus)\s+compte",
        r"fai(?:s|tes)\s+abstraction",
        r"n'?(?:obeissez|obeis|suivez|suis)\s+plus",
    ),
    "de": (
        r"ignorier(?:e|en|t)?",
        r"vergiss",
        r"vergessen\s+sie",
        r"missachte(?:n)?",
        r"uebergeh(?:e|en)",
        r"ubergeh(?:e|en)",
    ),
    "es": (
        r"ignor(?:a|e|en|ar)",
        r"olvid(?:a|e|en|ar)",
        r"(?:haz|hagan|haga)\s+caso\s+omiso",
        r"no\s+(?:hagas|haga)\s+caso",
        r"descart(?:a|e)",
    ),
    "it": (r"ignor(?:a|ate|are)", r"dimentic(?:a|ate|are)", r"non\s+tenere\s+conto"),
    "pt": (r"ignor(?:e|a|em|ar)", r"esquec(?:a|am|er)", r"desconsider(?:e|ar)"),
    "nl": (r"negeer", r"negeren", r"vergeet", r"vergeten"),
    "pl": (r"zignoruj(?:cie)?", r"ignoruj(?:cie)?", r"zapomnij(?:cie)?", r"pomin(?:cie)?"),
    "sv": (r"ignorera", r"glom", r"bortse\s+fran", r"strunta\s+i"),
    "ru": (r"(?:про)?игнорир\w*", r"забуд\w*", r"не\s+обращай\w*\s+внимани\w*"),
    "tr": (r"yok\s*say", r"gormezden\s+gel", r"unut"),
    "zh": (r"忽略", r"忽视", r"无视", r"忘记", r"忘掉", r"不要理会", r"不要遵循"),
    "ja": (r"無視", r"忘れ"),
}
# What an override is about: instructions, rules, the text above.
OVERRIDE_OBJECTS: dict[str, tuple[str, ...]] = {
    "en": (
        r"instructions?",
        r"prompts?",
        r"directions",
        r"directives?",
        r"rules",
        r"guidelines",
        r"context",
        r"above",
        r"previous",
        r"prior",
        r"earlier",
        r"everything",
        r"what\s+you\s+(?:were|have\s+been)\s+told",
        r"sources?",
        r"filing",
    ),
    "fr": (
        r"instructions?",
        r"consignes?",
        r"directives?",
        r"regles",
        r"indications",
        r"ordres",
        r"ci-dessus",
        r"precedent\w*",
    ),
    "de": (
        r"anweisung\w*",
        r"anordnung\w*",
        r"instruktion\w*",
        r"regeln",
        r"vorgaben",
        r"befehle",
        r"obige\w*",
        r"vorherige\w*",
        r"bisherige\w*",
    ),
    "es": (
        r"instrucci\w+",
        r"indicaciones",
        r"ordenes",
        r"reglas",
        r"directrices",
        r"consignas",
        r"anteriores",
        r"previas",
    ),
    "it": (r"istruzioni", r"indicazioni", r"regole", r"direttive", r"precedenti"),
    "pt": (r"instrucoes", r"orientacoes", r"regras", r"diretrizes", r"anteriores"),
    "nl": (r"instructies", r"aanwijzingen", r"regels", r"opdrachten", r"vorige", r"eerdere"),
    "pl": (r"instrukcj\w*", r"polecen\w*", r"zasad\w*", r"poprzedni\w*", r"wczesniejsz\w*"),
    "sv": (r"instruktion\w*", r"anvisning\w*", r"regler\w*", r"tidigare"),
    "ru": (r"инструкци\w*", r"указани\w*", r"правил\w*", r"предыдущ\w*"),
    "tr": (r"talimat\w*", r"onceki"),
    "zh": (r"指令", r"指示", r"说明", r"规则", r"提示"),
    "ja": (r"指示", r"命令", r"ルール", r"プロンプト"),
}
PRIOR: dict[str, tuple[str, ...]] = {
    "en": (
        r"(?:previous|prior|above|earlier|original|preceding|initial|all\s+other)\s+"
        r"(?:instructions?|prompts?|directives?|guidelines)",
        r"system\s+prompts?",
        r"new\s+instructions?",
    ),
    "fr": (
        r"(?:instructions?|consignes?|directives?)\s+(?:precedentes|anterieures|ci-dessus|"
        r"initiales|d'origine)",
    ),
    "de": (
        r"(?:vorherigen|vorigen|bisherigen|obigen|vorangegangenen|fruheren|frueheren|"
        r"ursprunglichen|urspruenglichen)\s+(?:anweisungen|anordnungen|instruktionen|befehle|"
        r"regeln|vorgaben)",
    ),
    "es": (
        r"(?:instrucciones|indicaciones|ordenes|consignas)\s+(?:anteriores|previas|de\s+arriba|"
        r"originales)",
    ),
    "it": (r"istruzioni\s+(?:precedenti|di\s+sopra|originali)",),
    "pt": (r"instrucoes\s+(?:anteriores|acima|originais)",),
    "nl": (r"(?:vorige|eerdere|bovenstaande|oorspronkelijke)\s+(?:instructies|opdrachten)",),
    "pl": (r"(?:poprzednie|wczesniejsze|powyzsze)\s+(?:instrukcje|polecenia)",),
    "sv": (r"(?:tidigare|foregaende|ovanstaende)\s+(?:instruktioner|anvisningar)",),
    "ru": (r"(?:предыдущ|прежн|вышеуказанн)\w*\s+(?:инструкци|указани)\w*",),
    "tr": (r"onceki\s+(?:tum\s+)?talimat\w*",),
    "zh": (r"(?:之前|以上|上面|先前|此前)的?(?:所有)?(?:指令|指示|提示)",),
    "ja": (r"(?:以前|前|上記)の(?:すべての)?(?:指示|命令)",),
}
MACHINE: dict[str, tuple[str, ...]] = {
    "en": (
        r"ai",
        r"a\.i\.",
        r"artificial\s+intelligence",
        r"(?:ai\s+)?assistants?",
        r"chat\s?bots?",
        r"bots?",
        r"llms?",
        r"(?:large\s+)?language\s+models?",
        r"(?:ai|llm|reader)\s+models?",
        r"chat\s?gpt",
        r"gpt(?:-?\d[\w.]*)?",
        r"claude",
        r"gemini",
        r"copilot",
        r"summari[sz]ers?",
        r"(?:ai\s+)?summari[sz]ation\s+(?:tools?|systems?|models?)",
        r"crawlers?",
        r"scrapers?",
        r"ai\s+(?:agents?|systems?|tools?|readers?|analysts?)",
        r"(?:automated|automatic|machine)\s+(?:readers?|summari[sz]ers?|agents?|analysts?)",
        r"(?:ai|automated)\s+(?:research|sales)\s+(?:tools?|assistants?)",
    ),
    "fr": (
        r"ia",
        r"i\.a\.",
        r"intelligences?\s+artificielles?",
        r"assistant(?:e)?s?(?:\s+ia)?",
        r"modeles?(?:\s+de\s+langage)?",
        r"robots?",
        r"resumeurs?",
        r"lecteurs\s+automatiques",
    ),
    "de": (
        r"ki",
        r"k\.i\.",
        r"kunstliche\s+intelligenz",
        r"kuenstliche\s+intelligenz",
        r"ki-assistent\w*",
        r"assistent\w*",
        r"sprachmodell\w*",
        r"modell\w*",
        r"zusammenfass\w*",
    ),
    "es": (
        r"ia",
        r"inteligencia\s+artificial",
        r"asistentes?",
        r"modelos?(?:\s+de\s+lenguaje)?",
        r"resumidor\w*",
        r"lectores\s+automaticos",
        r"sistemas\s+de\s+ia",
    ),
    "it": (
        r"ia",
        r"intelligenza\s+artificiale",
        r"assistent[ei]",
        r"modell[oi](?:\s+linguistic[oi])?",
    ),
    "pt": (r"ia", r"inteligencia\s+artificial", r"assistentes?", r"modelos?(?:\s+de\s+linguagem)?"),
    "nl": (r"ki", r"assistent(?:en)?", r"taalmodel(?:len)?"),
    "pl": (r"sztuczn\w+\s+inteligencj\w+", r"asystent\w*", r"model\w*\s+jezykow\w*"),
    "sv": (r"assistent(?:en)?", r"sprakmodell\w*"),
    "ru": (r"ии", r"искусственн\w+\s+интеллект\w*", r"ассистент\w*", r"нейросет\w*", r"модел\w+"),
    "tr": (r"yapay\s+zeka", r"asistan\w*"),
    "zh": (r"人工智能", r"助手", r"语言模型", r"模型", r"机器人"),
    "ja": (r"アシスタント", r"言語モデル", r"モデル", r"ボット"),
}
REQUEST: dict[str, tuple[str, ...]] = {
    "en": (
        r"note",
        r"take\s+note",
        r"remember",
        r"memori[sz]e",
        r"keep\s+in\s+mind",
        r"record",
        r"store",
        r"say",
        r"state",
        r"report",
        r"write",
        r"mention",
        r"tell",
        r"answer",
        r"reply",
        r"respond",
        r"treat",
        r"rate",
        r"score",
        r"rank",
        r"classify",
        r"consider",
        r"regard",
        r"include",
        r"list",
        r"add",
        r"describe",
        r"recommend",
        r"summari[sz]e",
        r"output",
        r"flag",
        r"mark",
        r"assume",
        r"repeat",
        r"confirm",
    ),
    "fr": (
        r"not(?:e|ez|er)",
        r"reten(?:ez|ir)",
        r"retiens",
        r"memoris(?:e|ez|er)",
        r"souvenez-vous",
        r"souviens-toi",
        r"dites",
        r"ecri(?:s|vez)",
        r"indiqu(?:e|ez)",
        r"mentionn(?:e|ez)",
        r"repond(?:s|ez)",
        r"consider(?:e|ez)",
        r"trait(?:e|ez)",
        r"enregistr(?:e|ez)",
        r"ajout(?:e|ez)",
        r"affirm(?:e|ez)",
        r"recommand(?:e|ez)",
    ),
    "de": (
        r"notier(?:e|en)",
        r"merk(?:e|en)?",
        r"speicher(?:e|n)",
        r"sag(?:e|en)?",
        r"schreib(?:e|en)?",
        r"antworte(?:n)?",
        r"erwahn(?:e|en)",
        r"erwaehn(?:e|en)",
        r"behandl(?:e|en)",
        r"bewert(?:e|en)",
        r"empfiehl",
        r"berichte(?:n)?",
        r"halt(?:e|en)\s+fest",
        r"beacht(?:e|en)",
    ),
    "es": (
        r"anot(?:a|e|en)",
        r"apunt(?:a|e)",
        r"recuerd(?:a|e|en)",
        r"memoriz(?:a|e)",
        r"registr(?:a|e|en)",
        r"dig(?:a|an)",
        r"escrib(?:e|a)",
        r"respond(?:e|a)",
        r"indic(?:a|que)",
        r"mencion(?:a|e)",
        r"trat(?:a|e)",
        r"consider(?:a|e)",
        r"calific(?:a|que)",
        r"recomiend(?:a|e)",
        r"ten(?:ga)?\s+en\s+cuenta",
    ),
    "it": (
        r"annot(?:a|ate|are)",
        r"ricord(?:a|ate|ati|are)",
        r"memorizz(?:a|ate)",
        r"registr(?:a|ate)",
        r"scriv(?:i|ete)",
        r"rispond(?:i|ete)",
        r"consider(?:a|ate)",
        r"tratt(?:a|ate)",
        r"tieni\s+presente",
    ),
    "pt": (
        r"anot(?:e|a)",
        r"lembr(?:e|e-se)",
        r"memoriz(?:e|a)",
        r"registr(?:e|a)",
        r"diga",
        r"escrev(?:a|e)",
        r"respond(?:a|e)",
        r"consider(?:e|a)",
        r"trat(?:e|a)",
        r"tenha\s+em\s+mente",
    ),
    "nl": (r"noteer", r"onthoud", r"zeg", r"schrijf", r"antwoord", r"vermeld", r"behandel"),
    "pl": (r"zanotuj", r"zapamietaj", r"powiedz", r"napisz", r"odpowiedz", r"zapisz", r"traktuj"),
    "sv": (r"notera", r"kom\s+ihag", r"sag", r"skriv", r"svara", r"behandla", r"spara"),
    "ru": (
        r"запомн\w*",
        r"запиш\w*",
        r"скаж\w*",
        r"напиш\w*",
        r"ответь\w*",
        r"учт\w*",
        r"отметь\w*",
    ),
    "tr": (r"hatirla", r"not\s+et", r"kaydet", r"soyle", r"yaz"),
    "zh": (r"记住", r"记下", r"请说", r"告诉", r"注意", r"视为", r"推荐", r"回答"),
    "ja": (r"覚えて", r"記憶して", r"記録して", r"言って", r"書いて", r"答えて", r"伝えて"),
}
INTRO: dict[str, tuple[str, ...]] = {
    "en": (r"the\s+following", r"as\s+follows", r"this\s*:", r"these\s+facts"),
    "fr": (r"ceci", r"ce\s+qui\s+suit", r"(?:la|les)\s+(?:chose|elements?|faits?)\s+suivant\w*"),
    "de": (r"folgendes", r"das\s+folgende", r"(?:den|die|das)\s+folgenden?\s+\w+", r"dies\s*:"),
    "es": (r"esto", r"lo\s+siguiente", r"(?:el|los|la|las)\s+siguientes?\s+\w+"),
    "it": (r"questo", r"quanto\s+segue", r"(?:il|la|i|le)\s+seguent[ei]"),
    "pt": (r"isto", r"isso", r"disto", r"o\s+seguinte"),
    "nl": (r"dit", r"het\s+volgende"),
    "pl": (r"nastepujac\w*",),
    "sv": (r"detta", r"foljande"),
    "ru": (r"это", r"следующ\w*"),
    "tr": (r"sunu", r"sunlari", r"asagidaki\w*"),
    "zh": (r"以下", r"下面", r"这一点"),
    "ja": (r"以下", r"次のこと", r"これ"),
}
PERSONA: dict[str, tuple[str, ...]] = {
    "en": (
        r"(?:from\s+now\s+on|henceforth|starting\s+now|for\s+the\s+rest\s+of\s+this\s+\w+),?\s+"
        r"(?:you|your|the\s+(?:assistant|ai|model))",
        r"you\s+are\s+(?:now|no\s+longer)\b",
        r"you\s+will\s+now\s+(?:act|be|behave|respond|play)",
        r"^\W*(?:(?:please|now|and)\s+)?(?:act|behave|respond|speak)\s+as\s+(?:if|though|an?|the)\b",
        r"pretend\s+(?:to\s+be|you\s+are)",
        r"role-?\s?play\s+as",
        r"imagine\s+(?:that\s+)?you\s+are",
        r"your\s+new\s+(?:name|role|persona|identity)\s+is",
        r"your\s+(?:name|persona|identity)\s+is\s+now",
        r"i\s+want\s+you\s+to\s+act",
        r"you\s+are\s+\w*(?:bot|gpt)\b",
    ),
    "fr": (
        r"(?:a\s+partir\s+de\s+maintenant|desormais|dorenavant|a\s+partir\s+d'aujourd'hui),?\s+"
        r"(?:tu\s+es|vous\s+etes|tu\s+seras|vous\s+serez|tu\s+t'appelles|vous\s+vous\s+appelez)",
        r"(?:tu\s+es|vous\s+etes)\s+(?:maintenant|desormais)",
        r"fai(?:s|tes)\s+semblant",
        r"jouez\s+le\s+role",
        r"agi(?:s|ssez)\s+comme",
    ),
    "de": (
        r"(?:ab\s+jetzt|ab\s+sofort|von\s+nun\s+an|von\s+jetzt\s+an),?\s+(?:bist\s+du|sind\s+sie|"
        r"heisst\s+du|heissen\s+sie)",
        r"du\s+bist\s+(?:jetzt|nun|ab\s+jetzt)",
        r"tu(?:n\s+sie)?\s+so,?\s+als",
        r"spiele?\s+die\s+rolle",
        r"verhalte\s+dich\s+wie",
    ),
    "es": (
        r"(?:a\s+partir\s+de\s+ahora|desde\s+ahora|de\s+ahora\s+en\s+adelante),?\s+(?:eres|seras|"
        r"usted\s+es|te\s+llamas)",
        r"ahora\s+eres",
        r"fing(?:e|a)\s+(?:ser|que)",
    ),
    "it": (
        r"(?:d'ora\s+in\s+poi|da\s+ora\s+in\s+poi|da\s+adesso),?\s+(?:sei|sarai|ti\s+chiami)",
        r"ora\s+sei",
        r"fingi\s+(?:di\s+essere|che)",
        r"comportati\s+come",
    ),
    "pt": (
        r"(?:a\s+partir\s+de\s+agora|de\s+agora\s+em\s+diante),?\s+(?:voce\s+e|tu\s+es|"
        r"voce\s+sera|seu\s+nome\s+e)",
        r"agora\s+voce\s+e",
        r"finja\s+(?:ser|que)",
        r"aja\s+como",
    ),
    "nl": (
        r"(?:vanaf\s+nu|voortaan),?\s+(?:ben\s+je|bent\s+u|heet\s+je)",
        r"je\s+bent\s+nu",
        r"doe\s+alsof",
    ),
    "pl": (r"od\s+teraz,?\s+(?:jestes|nazywasz\s+sie|bedziesz)", r"jestes\s+teraz", r"udawaj"),
    "sv": (r"(?:fran\s+och\s+med\s+nu|hadanefter),?\s+(?:ar\s+du|heter\s+du)", r"du\s+ar\s+nu"),
    "ru": (r"(?:с\s+этого\s+момента|отныне|теперь)\s+ты", r"притворись", r"веди\s+себя\s+как"),
    "tr": (r"bundan\s+sonra\s+sen", r"artik\s+sen"),
    "zh": (r"从现在(?:开始|起)[,，]?你", r"你现在是", r"假装你是", r"请扮演"),
    "ja": (r"(?:今から|これから)(?:あなた|君)は", r"あなたは今", r"ふりをして", r"として振る舞"),
}
LABEL: dict[str, tuple[str, ...]] = {
    "en": (r"instructions?", r"directives?", r"system\s+prompt", r"prompt", r"ai\s+note"),
    "fr": (r"consignes?", r"instructions?", r"directives?"),
    "de": (r"anweisung(?:en)?", r"anordnung(?:en)?", r"instruktion(?:en)?"),
    "es": (r"instrucci(?:on|ones)", r"indicaci(?:on|ones)", r"consignas?"),
    "it": (r"istruzion[ei]",),
    "pt": (r"instruc(?:ao|oes)",),
    "nl": (r"instructies?",),
    "pl": (r"instrukcj[ae]",),
    "sv": (r"instruktion(?:er)?",),
    "ru": (r"инструкци[яи]", r"указани[ея]"),
    "tr": (r"talimat(?:lar)?",),
    "zh": (r"指令", r"指示"),
    "ja": (r"指示",),
}
# "Note to AI", "Hinweis für die KI", "Nota para la IA": a note addressed to a machine.
NOTE_TO: dict[str, tuple[str, ...]] = {
    "en": (r"(?:note|message|memo|reminder|instructions?|directions?|notes?)\s+(?:to|for)",),
    "fr": (r"(?:note|message|consignes?|instructions?)\s+(?:a|pour|aux?|a\s+l'intention\s+de)",),
    "de": (r"(?:hinweis|nachricht|anweisungen?|notiz)\s+(?:an|fur|fuer)",),
    "es": (r"(?:nota|mensaje|instrucciones)\s+(?:para|a)",),
    "it": (r"(?:nota|messaggio|istruzioni)\s+(?:per|a)",),
    "pt": (r"(?:nota|mensagem|instrucoes)\s+(?:para|ao?)",),
    "nl": (r"(?:notitie|bericht|instructies)\s+(?:voor|aan)",),
    "pl": (r"(?:uwaga|wiadomosc|instrukcje)\s+dla",),
    "sv": (r"(?:notering|meddelande|instruktioner)\s+(?:till|for)",),
    "ru": (r"(?:примечание|сообщение|инструкци\w*)\s+для",),
    "tr": (r"(?:not|mesaj|talimat\w*)\s+(?:icin)",),
    "zh": (r"(?:给|致)",),
}

LANGUAGES = tuple(OVERRIDE_VERBS)

_ART = (
    r"(?:(?:the|any|all|every|each|your|les?|la|die|der|das|den|el|los|las|il|gli|o|os|a|as|"
    r"de|het)\s+|[ld]['’]\s*)?"
)
_MACHINE = rf"(?:{_any(MACHINE)})"
_LATIN_END = r"(?![a-z])"
_OVERRIDE = re.compile(
    rf"(?:^|(?<=\W))(?:{_any(OVERRIDE_VERBS)})(?:\W.{{0,60}}?)?(?:{_any(OVERRIDE_OBJECTS)})"
    + _LATIN_END,
    _FLAGS,
)
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
_MACHINE_MODAL = re.compile(
    rf"(?:^|(?<=\W)){_ART}{_MACHINE}{_AT_WORK}\s+(?:{_MODALS})(?!\w)", _FLAGS
)
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
    rf"|{_ART}{_MACHINE}\s+(?:was|were|is|are)\s+(?:told|instructed|asked|reminded)\b",
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
    _OVERRIDE,
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
INTRO_END = re.compile(rf"(?:[:：]|(?:{_any(INTRO)})\s*[.!]?)\s*$", _FLAGS)
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


def strong_cue(text: str) -> bool:
    """Whether a reading of a sentence holds a cue that it addresses or steers a machine."""
    return any(pattern.search(text) for pattern in STRONG_CUES)


def persona_cue(text: str) -> bool:
    """Whether a reading sets up a new identity for its reader ("From now on you are ...")."""
    return _PERSONA.search(text) is not None
