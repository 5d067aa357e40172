"""Shared text helpers of the extractive writers: plain claim text, labels and a sentence composer.

Claim text is untrusted data. It is kept as plain text: format characters removed, white space
collapsed, and square brackets turned into parentheses, so that a statement can never forge a
`[claim_id]` citation in a section's Markdown. Instruction-like claims (engine.claims.guard) are
dropped before any writer reads them, whatever section they were routed to.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from engine.claims.guard import is_instruction_statement
from engine.claims.normalize import normalize_text
from engine.merge.text import fold
from engine.models.claims import Claim, SourceTier
from engine.models.dossier import SECTION_TITLES, CitedSentence, SectionDraft
from engine.models.packs import SignalKind
from engine.models.plan import SectionName
from engine.packs.facts import clip

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# A news dateline opening a statement: "CALGARY, Alberta, September 18, 2025 — ".
_DATELINE = re.compile(r"^[A-Z][A-Z .'-]+,[^—–]{0,60}\d{4}\s*[—–-]+\s*")
_SENTENCE_END = (".", "!", "?", ".\u201d", '."', "!\u201d", "?\u201d", ".)")

# Sentence openers that are ordinary words, not names (lowered when a statement is embedded).
_COMMON_OPENERS = frozenset(
    """
    a an the this these that those its their his her our on in at by after before during
    construction tenders tender first production commissioning financing work plans
    company project mine site approval permit contract contracts new through over under with
    following last earlier overnight yesterday today while when since despite amid according
    as once until under operations the state officials local
    """.split()
)

# Readable names of attributes that appear in written text.
ATTRIBUTE_LABELS: dict[str, str] = {
    "hq_location": "headquarters",
    "capital_cost": "capital cost",
    "project_capacity": "capacity",
    "project_location": "location",
    "project_stage": "stage",
    "employee_count": "headcount",
    "founded_year": "founding year",
    "parent_company": "parent company",
    "investment": "investment",
    "jobs_construction": "construction jobs",
    "jobs_construction_peak": "peak construction workforce",
    "jobs_permanent": "permanent jobs",
    "jobs_indirect": "indirect jobs",
    "site_area": "site area",
    "floor_area": "floor area",
    "power_capacity": "power capacity",
    "power_capacity_initial": "initial power capacity",
    "power_capacity_potential": "potential power capacity",
    "project_capacity_initial": "initial capacity",
    "project_capacity_potential": "potential capacity",
    "lease_value": "lease value",
    "lease_term": "lease term",
    "mine_life": "mine life",
    "resource_size": "resource",
    "reserve_size": "reserve",
    "operations_start": "start of operations",
    "feasibility_complete": "feasibility study",
}

# How each source tier is named in prose (singular, plural).
TIER_NOUNS: dict[SourceTier, tuple[str, str]] = {
    SourceTier.GOV: ("government filing", "government filings"),
    SourceTier.PRIMARY: ("company source", "company sources"),
    SourceTier.NEWS: ("news report", "news reports"),
    SourceTier.OTHER: ("secondary source", "secondary sources"),
}

# What a buying signal of each kind opens for a seller.
KIND_NEEDS: dict[SignalKind, str] = {
    "REGULATORY": "post-approval build-out",
    "FUNDING": "newly funded work",
    "CONTRACT": "upcoming tenders",
    "CONSTRUCTION": "construction phase",
    "PRODUCTION": "ramp-up to production",
    "EXPANSION": "expansion",
    "HIRING": "team build-up",
    "LEADERSHIP": "new leadership's priorities",
    "OTHER": "next phase",
}


def usable_claims(claims: Iterable[Claim]) -> list[Claim]:
    """The claims a writer may read: instruction-like ones dropped, each id once, order kept."""
    seen: set[str] = set()
    kept: list[Claim] = []
    for claim in claims:
        if claim.claim_id in seen or is_instruction_statement(claim.statement):
            continue
        seen.add(claim.claim_id)
        kept.append(claim)
    return kept


def instruction_ids(claims: Iterable[Claim]) -> set[str]:
    """Ids of the instruction-like claims: none of their text, not even a value, is used."""
    return {claim.claim_id for claim in claims if is_instruction_statement(claim.statement)}


def plain(text: str, limit: int | None = None) -> str:
    """Untrusted text as one plain line: no format or control characters, no square brackets."""
    cleaned = _CONTROL.sub(" ", normalize_text(text))
    cleaned = cleaned.replace("[", "(").replace("]", ")")
    cleaned = " ".join(cleaned.split())
    return clip(cleaned, limit) if limit is not None else cleaned


def clip_words(text: str, limit: int) -> str:
    """Plain text cut at a word boundary to at most `limit` characters, marked with '…'."""
    cleaned = plain(text)
    if len(cleaned) <= limit:
        return cleaned
    cut = cleaned[: max(limit - 1, 1)]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.-") + "…"


def without_dateline(text: str) -> str:
    """The statement without a leading news dateline ("CALGARY, Alberta, May 1, 2025 — ")."""
    return _DATELINE.sub("", plain(text)) or plain(text)


def clause(text: str, limit: int = 160) -> str:
    """A statement to embed in a sentence: plain, no dateline, cut at a word, no final period."""
    return clip_words(without_dateline(text), limit).rstrip(".").rstrip()


def possessive(name: str) -> str:
    """ "Wyloo's", "Northway Modular Structures'"."""
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def lower_first(text: str) -> str:
    """The text with a lower-case first letter, unless it opens with an acronym."""
    return text if text[:2].isupper() else text[:1].lower() + text[1:]


def embedded(statement: str) -> str:
    """A statement to follow 'I read that': its first word lowered only when it is a common
    word ('Construction is ...' -> 'construction is ...'), so names keep their capitals."""
    first = statement.split(" ", 1)[0]
    return lower_first(statement) if first.lower() in _COMMON_OPENERS else statement


def as_sentence(text: str) -> str:
    """Plain text with a capital first letter and closing punctuation."""
    cleaned = plain(text)
    if not cleaned:
        return ""
    cleaned = cleaned[0].upper() + cleaned[1:]
    if not cleaned.endswith(_SENTENCE_END):
        cleaned = cleaned.rstrip(",;:") + "."
    return cleaned


def statement_key(text: str) -> str:
    """Comparison key of a statement: case, accents, punctuation and spacing ignored."""
    return fold(text)


def label(attribute: str) -> str:
    """'construction_start' -> 'construction start'; known attributes get their usual name."""
    return ATTRIBUTE_LABELS.get(attribute, attribute.replace("_", " "))


def plural(count: int, word: str, words: str | None = None) -> str:
    """'1 claim', '3 claims' (or the given plural form)."""
    return f"{count} {word if count == 1 else (words or word + 's')}"


def join_words(items: Sequence[str], last: str = "and") -> str:
    """'a', 'a and b', 'a, b and c'."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {last} {items[-1]}"


def claims_by_id(claims: Iterable[Claim]) -> dict[str, Claim]:
    """Claim id -> claim."""
    return {claim.claim_id: claim for claim in claims}


class Composer:
    """Collects the cited sentences of one section, citing only its routed, usable claims.

    A sentence whose citations are all outside the routed claims is not added; a sentence with
    the same text as an earlier one adds its citations to that one instead of repeating it.
    """

    def __init__(self, section: SectionName, claims: Iterable[Claim]) -> None:
        given = list(claims)
        self.section = section
        self.claims = usable_claims(given)
        self.unsafe = instruction_ids(given)
        self.by_id = claims_by_id(self.claims)
        self.sentences: list[CitedSentence] = []
        self.cited: set[str] = set()
        self._index: dict[str, int] = {}

    def routed(self, claim_ids: Iterable[str]) -> list[str]:
        """The given ids that this section may cite, each once, in the given order."""
        return list(dict.fromkeys(cid for cid in claim_ids if cid in self.by_id))

    def add(self, text: str, claim_ids: Iterable[str]) -> bool:
        """Add a sentence citing the routed ones of `claim_ids`; False when none is routed."""
        ids = self.routed(claim_ids)
        sentence = as_sentence(text)
        if not ids or not sentence:
            return False
        key = statement_key(sentence)
        if key in self._index:
            existing = self.sentences[self._index[key]]
            existing.claim_ids = list(dict.fromkeys([*existing.claim_ids, *ids]))
        else:
            self._index[key] = len(self.sentences)
            self.sentences.append(CitedSentence(text=sentence, claim_ids=ids))
        self.cited.update(ids)
        return True

    def add_statement(self, claim: Claim) -> bool:
        """Add the claim's own statement as a sentence (merged with an identical one)."""
        return self.add(without_dateline(claim.statement), [claim.claim_id])

    def draft(self) -> SectionDraft:
        """The section draft with the sentences collected so far."""
        return SectionDraft(
            section=self.section,
            title=SECTION_TITLES[self.section],
            sentences=list(self.sentences),
        )
