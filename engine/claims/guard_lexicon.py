"""The guard's lexicon: phrases that instruct a reader, per language, for guard_cues.py.

Eighteen languages: English, French, German, Spanish, Italian, Portuguese, Dutch, Polish,
Swedish, Russian, Turkish, Chinese, Japanese, Czech, Indonesian, Vietnamese, Korean and
Arabic. Each table maps a language to its phrases as
one regular expression of alternatives, where a space stands for any run of white space. The
phrases are written accent-free where a language drops accents in practice: the guard also
reads each sentence with its accents folded (guard_obfuscation.py), so "précédentes" matches
"precedentes". `phrases` joins a table into one pattern.
"""

from __future__ import annotations

# An order to drop instructions: "ignore", "ignorez", "vergiss", "忽略".
OVERRIDE_VERBS: dict[str, str] = {
    "en": (
        r"ignore|disregard|forget|override|pay no attention to|"
        r"(?:do not|don'?t|stop) (?:follow(?:ing)?|obey(?:ing)?)"
    ),
    "fr": (
        r"ignor(?:e|ez|er)|oubli(?:e|ez|er)|ne tenez (?:pas|plus) compte|"
        r"ne tiens (?:pas|plus) compte|fai(?:s|tes) abstraction|"
        r"n'?(?:obeissez|obeis|suivez|suis) plus"
    ),
    "de": (
        r"ignorier(?:e|en|t)?|vergiss|vergessen sie|missachte(?:n)?|uebergeh(?:e|en)|"
        r"ubergeh(?:e|en)"
    ),
    "es": (
        r"ignor(?:a|e|en|ar)|olvid(?:a|e|en|ar)|(?:haz|hagan|haga) caso omiso|"
        r"no (?:hagas|haga) caso|descart(?:a|e)"
    ),
    "it": r"ignor(?:a|ate|are)|dimentic(?:a|ate|are)|non tenere conto",
    "pt": r"ignor(?:e|a|em|ar)|esquec(?:a|am|er)|desconsider(?:e|ar)",
    "nl": r"negeer|negeren|vergeet|vergeten",
    "pl": r"zignoruj(?:cie)?|ignoruj(?:cie)?|zapomnij(?:cie)?|pomin(?:cie)?",
    "sv": r"ignorera|glom|bortse fran|strunta i",
    "ru": r"(?:про)?игнорир\w*|забуд\w*|не обращай\w* внимани\w*",
    "tr": r"yok\s*say|gormezden gel|unut",
    "zh": r"忽略|忽视|无视|忘记|忘掉|不要理会|不要遵循",
    "ja": r"無視|忘れ",
    "cs": r"ignoruj(?:te)?|zapomen(?:te)?|nevsimej si",
    "id": r"abaikan|lupakan",
    "vi": r"bo qua|quen di",
    "ko": r"무시",
    "ar": r"تجاهل|انس",
}
# What an override is about: instructions, rules, the text above.
OVERRIDE_OBJECTS: dict[str, str] = {
    "en": (
        r"instructions?|prompts?|directions|directives?|rules|guidelines|context|above|"
        r"previous|prior|earlier|everything|what you (?:were|have been) told|sources?|filing"
    ),
    "fr": r"instructions?|consignes?|directives?|regles|indications|ordres|ci-dessus|precedent\w*",
    "de": (
        r"anweisung\w*|anordnung\w*|instruktion\w*|regeln|vorgaben|befehle|obige\w*|"
        r"vorherige\w*|bisherige\w*"
    ),
    "es": r"instrucci\w+|indicaciones|ordenes|reglas|directrices|consignas|anteriores|previas",
    "it": r"istruzioni|indicazioni|regole|direttive|precedenti",
    "pt": r"instrucoes|orientacoes|regras|diretrizes|anteriores",
    "nl": r"instructies|aanwijzingen|regels|opdrachten|vorige|eerdere",
    "pl": r"instrukcj\w*|polecen\w*|zasad\w*|poprzedni\w*|wczesniejsz\w*",
    "sv": r"instruktion\w*|anvisning\w*|regler\w*|tidigare",
    "ru": r"инструкци\w*|указани\w*|правил\w*|предыдущ\w*",
    "tr": r"talimat\w*|onceki",
    "zh": r"指令|指示|说明|规则|提示",
    "ja": r"指示|命令|ルール|プロンプト",
    "cs": r"pokyn\w*|instrukc\w*|predchozi",
    "id": r"instruksi|perintah|sebelumnya",
    "vi": r"huong dan|chi dan|chi thi|truoc",
    "ko": r"지시|지침|명령",
    "ar": r"التعليمات|الأوامر|السابقة",
}
# Earlier instructions named on their own: "previous instructions", "consignes précédentes".
PRIOR: dict[str, str] = {
    "en": (
        r"(?:previous|prior|above|earlier|original|preceding|initial|all other) "
        r"(?:instructions?|prompts?|directives?|guidelines)|system prompts?|new instructions?"
    ),
    "fr": (
        r"(?:instructions?|consignes?|directives?) "
        r"(?:precedentes|anterieures|ci-dessus|initiales|d'origine)"
    ),
    "de": (
        r"(?:vorherigen|vorigen|bisherigen|obigen|vorangegangenen|"
        r"fruheren|frueheren|ursprunglichen|urspruenglichen) "
        r"(?:anweisungen|anordnungen|instruktionen|befehle|regeln|vorgaben)"
    ),
    "es": (
        r"(?:instrucciones|indicaciones|ordenes|consignas) (?:anteriores|previas|de "
        r"arriba|originales)"
    ),
    "it": r"istruzioni (?:precedenti|di sopra|originali)",
    "pt": r"instrucoes (?:anteriores|acima|originais)",
    "nl": r"(?:vorige|eerdere|bovenstaande|oorspronkelijke) (?:instructies|opdrachten)",
    "pl": r"(?:poprzednie|wczesniejsze|powyzsze) (?:instrukcje|polecenia)",
    "sv": r"(?:tidigare|foregaende|ovanstaende) (?:instruktioner|anvisningar)",
    "ru": r"(?:предыдущ|прежн|вышеуказанн)\w* (?:инструкци|указани)\w*",
    "tr": r"onceki (?:tum )?talimat\w*",
    "zh": r"(?:之前|以上|上面|先前|此前)的?(?:所有)?(?:指令|指示|提示)",
    "ja": r"(?:以前|前|上記)の(?:すべての)?(?:指示|命令)",
    "cs": r"predchozi (?:pokyny|instrukce)",
    "id": r"(?:instruksi|perintah) sebelumnya",
    "vi": r"(?:huong dan|chi dan|chi thi) truoc",
    "ko": r"이전의? ?(?:모든 )?(?:지시|지침)",
    "ar": r"التعليمات السابقة",
}
# Words for an automated reader; no cue on their own ("The mine uses AI" is a fact).
MACHINE: dict[str, str] = {
    "en": (
        r"ai|a\.i\.|artificial intelligence|(?:ai )?assistants?|chat\s?bots?|bots?|llms?|"
        r"(?:large )?language models?|(?:ai|llm|reader) models?|chat\s?gpt|gpt(?:-?\d[\w.]*)?|"
        r"claude|gemini|copilot|summari[sz]ers?|"
        r"(?:ai )?summari[sz]ation (?:tools?|systems?|models?)|crawlers?|scrapers?|"
        r"ai (?:agents?|systems?|tools?|readers?|analysts?)|"
        r"(?:automated|automatic|machine) (?:readers?|summari[sz]ers?|agents?|analysts?)|"
        r"(?:ai|automated) (?:research|sales) (?:tools?|assistants?)"
    ),
    "fr": (
        r"ia|i\.a\.|intelligences? artificielles?|assistant(?:e)?s?(?: ia)?|"
        r"modeles?(?: de langage)?|robots?|resumeurs?|lecteurs automatiques"
    ),
    "de": (
        r"ki|k\.i\.|kunstliche intelligenz|kuenstliche intelligenz|ki-assistent\w*|"
        r"assistent\w*|sprachmodell\w*|modell\w*|zusammenfass\w*"
    ),
    "es": (
        r"ia|inteligencia artificial|asistentes?|modelos?(?: de lenguaje)?|resumidor\w*|"
        r"lectores automaticos|sistemas de ia"
    ),
    "it": r"ia|intelligenza artificiale|assistent[ei]|modell[oi](?: linguistic[oi])?",
    "pt": r"ia|inteligencia artificial|assistentes?|modelos?(?: de linguagem)?",
    "nl": r"ki|assistent(?:en)?|taalmodel(?:len)?",
    "pl": r"sztuczn\w+ inteligencj\w+|asystent\w*|model\w* jezykow\w*",
    "sv": r"assistent(?:en)?|sprakmodell\w*",
    "ru": r"ии|искусственн\w+ интеллект\w*|ассистент\w*|нейросет\w*|модел\w+",
    "tr": r"yapay zeka|asistan\w*",
    "zh": r"人工智能|助手|语言模型|模型|机器人",
    "ja": r"アシスタント|言語モデル|モデル|ボット",
}
# Verbs asking the reader to record or say something.
REQUEST: dict[str, str] = {
    "en": (
        r"note|take note|remember|memori[sz]e|keep in mind|record|store|say|state|report|write|"
        r"mention|tell|answer|reply|respond|treat|rate|score|rank|classify|consider|regard|"
        r"include|list|add|describe|recommend|summari[sz]e|output|flag|mark|assume|repeat|"
        r"confirm"
    ),
    "fr": (
        r"not(?:e|ez|er)|reten(?:ez|ir)|retiens|memoris(?:e|ez|er)|souvenez-vous|souviens-toi|"
        r"dites|ecri(?:s|vez)|indiqu(?:e|ez)|mentionn(?:e|ez)|repond(?:s|ez)|consider(?:e|ez)|"
        r"trait(?:e|ez)|enregistr(?:e|ez)|ajout(?:e|ez)|affirm(?:e|ez)|recommand(?:e|ez)"
    ),
    "de": (
        r"notier(?:e|en)|merk(?:e|en)?|speicher(?:e|n)|sag(?:e|en)?|schreib(?:e|en)?|"
        r"antworte(?:n)?|erwahn(?:e|en)|erwaehn(?:e|en)|behandl(?:e|en)|bewert(?:e|en)|"
        r"empfiehl|berichte(?:n)?|halt(?:e|en) fest|beacht(?:e|en)"
    ),
    "es": (
        r"anot(?:a|e|en)|apunt(?:a|e)|recuerd(?:a|e|en)|memoriz(?:a|e)|registr(?:a|e|en)|"
        r"dig(?:a|an)|escrib(?:e|a)|respond(?:e|a)|indic(?:a|que)|mencion(?:a|e)|trat(?:a|e)|"
        r"consider(?:a|e)|calific(?:a|que)|recomiend(?:a|e)|ten(?:ga)? en cuenta"
    ),
    "it": (
        r"annot(?:a|ate|are)|ricord(?:a|ate|ati|are)|memorizz(?:a|ate)|registr(?:a|ate)|"
        r"scriv(?:i|ete)|rispond(?:i|ete)|consider(?:a|ate)|tratt(?:a|ate)|tieni presente"
    ),
    "pt": (
        r"anot(?:e|a)|lembr(?:e|e-se)|memoriz(?:e|a)|registr(?:e|a)|diga|escrev(?:a|e)|"
        r"respond(?:a|e)|consider(?:e|a)|trat(?:e|a)|tenha em mente"
    ),
    "nl": r"noteer|onthoud|zeg|schrijf|antwoord|vermeld|behandel",
    "pl": r"zanotuj|zapamietaj|powiedz|napisz|odpowiedz|zapisz|traktuj",
    "sv": r"notera|kom ihag|sag|skriv|svara|behandla|spara",
    "ru": r"запомн\w*|запиш\w*|скаж\w*|напиш\w*|ответь\w*|учт\w*|отметь\w*",
    "tr": r"hatirla|not et|kaydet|soyle|yaz",
    "zh": r"记住|记下|请说|告诉|注意|视为|推荐|回答",
    "ja": r"覚えて|記憶して|記録して|言って|書いて|答えて|伝えて",
    "cs": r"zapamatuj si|poznamenej si|zapis",
    "id": r"ingat(?:lah)?|catat(?:lah)?",
    "vi": r"ghi nho|ghi lai|hay nho",
    "ko": r"기억|기록",
    "ar": r"تذكر|سجل",
}
# What introduces the content an instruction governs: "the following", "ceci", "Folgendes".
INTRO: dict[str, str] = {
    "en": r"the following|as follows|this\s*:|these facts",
    "fr": r"ceci|ce qui suit|(?:la|les) (?:chose|elements?|faits?) suivant\w*",
    "de": r"folgendes|das folgende|(?:den|die|das) folgenden? \w+|dies\s*:",
    "es": r"esto|lo siguiente|(?:el|los|la|las) siguientes? \w+",
    "it": r"questo|quanto segue|(?:il|la|i|le) seguent[ei]",
    "pt": r"isto|isso|disto|o seguinte",
    "nl": r"dit|het volgende",
    "pl": r"nastepujac\w*",
    "sv": r"detta|foljande",
    "ru": r"это|следующ\w*",
    "tr": r"sunu|sunlari|asagidaki\w*",
    "zh": r"以下|下面|这一点",
    "ja": r"以下|次のこと|これ",
    "cs": r"toto|nasledujici",
    "id": r"ini|berikut",
    "vi": r"dieu nay|sau day",
    "ko": r"다음",
    "ar": r"هذا|ما يلي",
}
# A new identity for the reader: "from now on you are", "tu es maintenant".
PERSONA: dict[str, str] = {
    "en": (
        r"(?:from now on|henceforth|starting now|for the rest of this \w+),? (?:you|your|the "
        r"(?:assistant|ai|model))|you are (?:now|no longer)\b|"
        r"you will now (?:act|be|behave|respond|play)|"
        r"^\W*(?:(?:please|now|and) )?(?:act|behave|respond|speak) as (?:if|though|an?|the)\b|"
        r"pretend (?:to be|you are)|role-?\s?play as|imagine (?:that )?you are|"
        r"your new (?:name|role|persona|identity) is|your (?:name|persona|identity) is now|"
        r"i want you to act|you are \w*(?:bot|gpt)\b"
    ),
    "fr": (
        r"(?:a partir de maintenant|desormais|dorenavant|a partir d'aujourd'hui),? (?:tu "
        r"es|vous etes|tu seras|vous serez|tu t'appelles|vous vous appelez)|"
        r"(?:tu es|vous etes) (?:maintenant|desormais)|fai(?:s|tes) semblant|jouez le role|"
        r"agi(?:s|ssez) comme"
    ),
    "de": (
        r"(?:ab jetzt|ab sofort|von nun an|von jetzt an),? (?:bist du|sind sie|heisst "
        r"du|heissen sie)|du bist (?:jetzt|nun|ab jetzt)|tu(?:n sie)? so,? als|"
        r"spiele? die rolle|verhalte dich wie"
    ),
    "es": (
        r"(?:a partir de ahora|desde ahora|de ahora en adelante),? (?:eres|seras|usted es|te "
        r"llamas)|ahora eres|fing(?:e|a) (?:ser|que)"
    ),
    "it": (
        r"(?:d'ora in poi|da ora in poi|da adesso),? (?:sei|sarai|ti chiami)|ora sei|"
        r"fingi (?:di essere|che)|comportati come"
    ),
    "pt": (
        r"(?:a partir de agora|de agora em diante),? (?:voce e|tu es|voce sera|seu nome e)|"
        r"agora voce e|finja (?:ser|que)|aja como"
    ),
    "nl": r"(?:vanaf nu|voortaan),? (?:ben je|bent u|heet je)|je bent nu|doe alsof",
    "pl": r"od teraz,? (?:jestes|nazywasz sie|bedziesz)|jestes teraz|udawaj",
    "sv": r"(?:fran och med nu|hadanefter),? (?:ar du|heter du)|du ar nu",
    "ru": r"(?:с этого момента|отныне|теперь) ты|притворись|веди себя как",
    "tr": r"bundan sonra sen|artik sen",
    "zh": r"从现在(?:开始|起)[,，]?你|你现在是|假装你是|请扮演",
    "ja": r"(?:今から|これから)(?:あなた|君)は|あなたは今|ふりをして|として振る舞",
}
# Labels that head instructions: "Instruction:", "Consigne :", "Anweisung:".
LABEL: dict[str, str] = {
    "en": r"instructions?|directives?|system prompt|prompt|ai note",
    "fr": r"consignes?|instructions?|directives?",
    "de": r"anweisung(?:en)?|anordnung(?:en)?|instruktion(?:en)?",
    "es": r"instrucci(?:on|ones)|indicaci(?:on|ones)|consignas?",
    "it": r"istruzion[ei]",
    "pt": r"instruc(?:ao|oes)",
    "nl": r"instructies?",
    "pl": r"instrukcj[ae]",
    "sv": r"instruktion(?:er)?",
    "ru": r"инструкци[яи]|указани[ея]",
    "tr": r"talimat(?:lar)?",
    "zh": r"指令|指示",
    "ja": r"指示",
    "cs": r"pokyny?",
    "id": r"instruksi",
    "vi": r"huong dan",
    "ko": r"지시",
    "ar": r"تعليمات",
}
# A note addressed to someone: "Note to", "Hinweis für", "Nota para".
NOTE_TO: dict[str, str] = {
    "en": r"(?:note|message|memo|reminder|instructions?|directions?|notes?) (?:to|for)",
    "fr": r"(?:note|message|consignes?|instructions?) (?:a|pour|aux?|a l'intention de)",
    "de": r"(?:hinweis|nachricht|anweisungen?|notiz) (?:an|fur|fuer)",
    "es": r"(?:nota|mensaje|instrucciones) (?:para|a)",
    "it": r"(?:nota|messaggio|istruzioni) (?:per|a)",
    "pt": r"(?:nota|mensagem|instrucoes) (?:para|ao?)",
    "nl": r"(?:notitie|bericht|instructies) (?:voor|aan)",
    "pl": r"(?:uwaga|wiadomosc|instrukcje) dla",
    "sv": r"(?:notering|meddelande|instruktioner) (?:till|for)",
    "ru": r"(?:примечание|сообщение|инструкци\w*) для",
    "tr": r"(?:not|mesaj|talimat\w*) (?:icin)",
    "zh": r"(?:给|致)",
}


def phrases(table: dict[str, str]) -> str:
    """Every language's phrases of a table as one pattern (a space: any white space)."""
    return "|".join(value.replace(" ", r"\s+") for value in table.values())
