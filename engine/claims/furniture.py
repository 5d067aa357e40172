"""Page furniture: the parts of a web page that are not its story, so never claims.

News and government pages wrap their text in navigation bars, breadcrumbs, bylines, image
credits, share and comment links, tag lists, "read the rest" links, feedback prompts, sponsor
labels and market tickers. Converted to text (markup.py, markdown.py) these arrive as lines of
their own; `is_furniture_line` spots such a line before it is cut into sentences, and
`is_furniture_sentence` spots a credit or label sentence inside a line that also holds real
text ("Wyloo chief executive Luca Giacovazzi. Credit: Madeleine Clark/Kalgoorlie Miner").

Line rules (each bounded, so a hostile line costs linear time):
- a menu: three or more short items (at most six words each) separated by "|", "·", "•",
  "»" or " > ", two such items of at most three words each ("Share | Print"), or items that
  are labels or short links ("Contact the newsdesk | This article was first published ...");
- a line that is only a web address or an e-mail address; a share bar ("Share: LinkedIn
  Twitter Facebook", "(0) comments"); a language switch ("Ontario Français");
- a label line: "Tags:", "Related:", "Filed under", "Topics:", "Read more", "Share this
  article", "Leave a comment", "Comments", "For the rest of this article ...", "Was this page
  helpful?", "Sponsored", "Advertisement", "Photo:", "Image:", "Credit:", paywall and comment
  prompts ("You have reached your free article limit", "Welcome to the discussion"), and
  reprint notices ("This material may not be published ...");
- a byline: "By NAME[, PUBLICATION][, DATE ...]" of at most sixteen words, or "NAME, PUBLICATION
  Comments" as a page prints it under a headline;
- a ticker: two or more quotes such as "BHP 45.10 +1.2%" or "Nickel $16,400 ▲".
Sentence rules: image credits ("Credit: ...", "Image courtesy of ...", "Image from Wyloo.",
"Photo by ...", "(Supplied)"), alt-text remnants ("Headshot of ...") and sponsor labels.
"""

from __future__ import annotations

import re

_MAX_LINE = 400  # longer lines are prose, never furniture
_SEPARATORS = re.compile(r"\s*(?:\||·|•|»|\s>\s)\s*")
_WORD = re.compile(r"[\w'’&.\-]+")
_URL_ONLY = re.compile(
    r"^(?:<)?(?:https?://|www\.)[^\s]{1,300}$|^[\w.+\-]{1,64}@[\w\-]{1,63}(?:\.[\w\-]{1,63})+$",
    re.IGNORECASE,
)
_LABEL_LINE = re.compile(
    r"^(?:more|tags?|topics?|related(?:\s+(?:articles?|stories|content|coverage))?|filed\s+under|"
    r"keywords|more\s+(?:on|from|about)|see\s+also|trending|popular|"
    r"photo|photos|image|images|picture|credit|credits|source|video|watch|listen|"
    r"editor['’]?s\s+note|disclosure|correction)\s*:"
    r"|^(?:read\s+(?:more|next|the\s+(?:full|rest))|share\s+(?:this|on|via)|leave\s+a\s+(?:comment|"
    r"reply)|comments?\s*(?:\(\d+\))?$|view\s+comments|join\s+the\s+conversation|"
    r"for\s+the\s+rest\s+of\s+(?:this|the)\s+(?:article|story)|continue\s+reading|"
    r"was\s+this\s+page\s+helpful|did\s+you\s+find\s+(?:this|what)|"
    r"sponsored(?:\s+(?:content|by|post))?$|paid\s+(?:content|post)|partner\s+content|"
    r"presented\s+by|advertisement$|advert$|ad$|"
    r"print\s*$|email\s*$|back\s+to\s+(?:top|news)|skip\s+to|jump\s+to|"
    r"(?:sign|log)\s+(?:in|up)\s+to\s+|already\s+a\s+subscriber|create\s+(?:a\s+)?free\s+account|"
    r"subscribe\s+(?:now|today|to\s+)|this\s+article\s+(?:was\s+)?(?:first\s+)?(?:appeared|"
    r"published)|originally\s+published|all\s+rights\s+reserved|last\s+(?:updated|modified)\s*:?|"
    r"updated\s*:|published\s*:|posted\s+(?:on|in)\b|"
    r"this\s+(?:material|article|story)\s+may\s+not\s+be\s+(?:published|reproduced|copied)|"
    r"welcome\s+to\s+the\s+discussion|"
    r"you\s+have\s+(?:reached|used)\s+(?:your|all\s+your)\s+(?:\d+\s+)?free\s+"
    r"(?:articles?|stories)|(?:to\s+)?continue\s+reading|subscribers?\s+only|"
    r"contact\s+the\s+(?:newsdesk|newsroom|editor))",
    re.IGNORECASE,
)
_SOCIAL_LINE = re.compile(
    r"^(?:(?:share|actions|follow(?:\s+us)?)(?:\s+this(?:\s+story)?)?\s*:?\s*)?"
    r"(?:(?:facebook|twitter|x|linkedin|email|e-mail|print|whatsapp|reddit|pinterest|share|"
    r"copy\s+link|comments?)[\s,|·•/]*){2,8}$"
    r"|^\(\d+\)\s*comments?$"
    r"|^(?:[\w.\-]+\s+){0,2}(?:français|english|español|deutsch|en\s+français)$",
    re.IGNORECASE,
)
_BYLINE = re.compile(
    r"^(?i:by)\s+[A-Z][\w'’.\-]*(?:\s+[A-Z][\w'’.\-]*){0,4}(?:\s+staff)?"
    r"(?:\s*(?:,|\||·|-|–|—)\s*[^.!?]{0,120})?$"
)
_PRINTED_BYLINE = re.compile(r"^[A-Z][^.!?]{0,80}\scomments?$", re.IGNORECASE)
_TICKER_QUOTE = re.compile(
    r"(?:\b[A-Z]{2,6}|\b[A-Z][a-z]{2,10})\s+(?:US)?\$?\d[\d,]*(?:\.\d+)?\s*(?:[▲▼+\-−]\s*\d[\d.,]*%?|"
    r"[▲▼])"
)
_CREDIT_SENTENCE = re.compile(
    r"^\(?\s*(?:(?:photo|image|picture|video|illustration|graphic|map|file\s+photo)\s*"
    r"(?:credit\s*)?(?::|by\b|courtesy\b|from\b|supplied\b|via\b)|credit\s*:|courtesy\s+(?:of\s+)?|"
    r"\(?supplied\)?\s*$|headshot\s+of\b|getty\s+images|shutterstock|reuters\s+photo|"
    r"ap\s+photo|file\s*:)",
    re.IGNORECASE,
)


def _menu_items(line: str) -> list[str] | None:
    """The items of a line made of separated items, or None when it has no separator."""
    parts = [part.strip() for part in _SEPARATORS.split(line)]
    if len(parts) < 2:
        return None
    return [part for part in parts if part]


def _is_menu(line: str) -> bool:
    items = _menu_items(line)
    if items is None or not items:
        return False
    sizes = [len(_WORD.findall(item)) for item in items]
    if len(items) >= 3 and max(sizes) <= 6:
        return True
    if all(size <= 4 or _LABEL_LINE.match(item) for item, size in zip(items, sizes, strict=True)):
        return any(_LABEL_LINE.match(item) for item in items) or max(sizes) <= 3
    return False


def is_furniture_line(line: str) -> bool:
    """True for a line that is page furniture (see the module docstring)."""
    text = " ".join(line.split()).strip("*_ ")
    if not text or len(text) > _MAX_LINE:
        return False
    if _URL_ONLY.match(text) or _LABEL_LINE.match(text) or _SOCIAL_LINE.match(text):
        return True
    if _is_menu(text):
        return True
    if len(text.split()) <= 16 and (_BYLINE.match(text) or _PRINTED_BYLINE.match(text)):
        return True
    return len(_TICKER_QUOTE.findall(text)) >= 2


def is_furniture_sentence(sentence: str) -> bool:
    """True for a credit, alt-text or sponsor sentence inside a line of real text."""
    text = sentence.strip().strip("*_ ")
    if not text or len(text) > _MAX_LINE:
        return False
    return _CREDIT_SENTENCE.match(text) is not None or is_furniture_line(text)


def without_furniture(text: str) -> str:
    """The text (one block per line) without its furniture lines."""
    return "\n".join(line for line in text.splitlines() if not is_furniture_line(line))
