"""Offline research: which of the run's documents each research step reads.

Each research step asks for something different (buying signals, the company's identity, its
people, the lead's context, the opportunity, the client's fit). A document is scored against
each step's vocabulary and its source type, and read by the step it answers best, so no
document is read twice and no claim is extracted twice. Steps that must not come back empty
(`search_signal`, `entity_research`) take their best document from a step that has several
(or, in a corpus too small for that, from any step that is not required).
Pure and deterministic: the same corpus and client always give the same allocation.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence

from engine.models import Client, SourceDocument

RESEARCH_STEPS: tuple[str, ...] = (
    "search_signal",
    "entity_research",
    "contact_discovery",
    "enrich_lead",
    "enrich_opportunity",
    "client_specific",
)
REQUIRED_STEPS: tuple[str, ...] = ("search_signal", "entity_research")

STEP_TERMS: Mapping[str, tuple[str, ...]] = {
    "search_signal": (
        "approval",
        "approved",
        "permit",
        "award",
        "awarded",
        "contract",
        "funding",
        "financing",
        "construction",
        "decision",
        "notice",
        "investment",
        "announced",
        "groundbreaking",
        "commissioning",
        "expansion",
        "selected",
        "regulator",
    ),
    "entity_research": (
        "headquartered",
        "headquarters",
        "founded",
        "subsidiary",
        "parent",
        "owned",
        "website",
        "incorporated",
        "ceo",
        "chief executive",
        "company",
        "about",
        "listed",
        "formerly",
        "registered",
    ),
    "contact_discovery": (
        "vice president",
        "vp",
        "director",
        "manager",
        "president",
        "appointed",
        "joined",
        "leadership",
        "team",
        "head of",
        "chief",
        "officer",
        "linkedin",
        "email",
        "profile",
    ),
    "enrich_lead": (
        "revenue",
        "employees",
        "partner",
        "customers",
        "market",
        "operations",
        "growth",
        "shares",
        "analyst",
        "quarter",
        "results",
        "strategy",
        "portfolio",
    ),
    "enrich_opportunity": (
        "capacity",
        "capital cost",
        "tonnes",
        "megawatt",
        "mw",
        "schedule",
        "stage",
        "feasibility",
        "phase",
        "production",
        "budget",
        "scope",
        "site",
        "design",
    ),
    "client_specific": (
        "hiring",
        "job",
        "procurement",
        "tender",
        "rfp",
        "bid",
        "supplier",
        "contractor",
        "vendor",
        "qualifications",
        "responsibilities",
        "apply",
        "requirements",
        "services",
    ),
}

SOURCE_TYPE_STEP: Mapping[str, str] = {
    "government": "search_signal",
    "regulator": "search_signal",
    "filing": "search_signal",
    "press_release": "search_signal",
    "company": "entity_research",
    "about": "entity_research",
    "registry": "entity_research",
    "profile": "contact_discovery",
    "leadership": "contact_discovery",
    "news": "enrich_lead",
    "trade_news": "enrich_lead",
    "project": "enrich_opportunity",
    "job_posting": "client_specific",
    "tender": "client_specific",
}
SOURCE_TYPE_BONUS = 4.0
_WORD = re.compile(r"[a-z0-9]+")
_ANY_WORD = re.compile(r"\w+")
_STOPWORDS = frozenset(
    "a an and are as at be by for from in is it its of on or our the to we with you your".split()
)


def _term_hits(text: str, words: Counter[str], terms: Sequence[str]) -> int:
    """Whole-word occurrences of every term in the lowered text, each term counted on its own.

    One-word terms are read from `words`, the text's word counts made in one pass (the same
    matches as `\\bterm\\b`), so a megabyte document costs one scan, not one per term.
    """
    hits = 0
    for term in terms:
        if _ANY_WORD.fullmatch(term):
            hits += words[term]
        else:
            hits += len(re.findall(rf"\b{re.escape(term)}\b", text))
    return hits


def client_terms(client: Client) -> tuple[str, ...]:
    """Content words of the client's services and ICP, which make a document client-relevant."""
    words = _WORD.findall(f"{client.services} {client.icp}".lower())
    return tuple(dict.fromkeys(w for w in words if len(w) > 3 and w not in _STOPWORDS))


def step_scores(document: SourceDocument, client: Client) -> dict[str, float]:
    """How well the document answers each research step (higher is better)."""
    text = f"{document.title or ''}\n{document.text}".lower()
    words = Counter(_ANY_WORD.findall(text))
    scores: dict[str, float] = {}
    for step in RESEARCH_STEPS:
        terms = STEP_TERMS[step] + (client_terms(client) if step == "client_specific" else ())
        scores[step] = math.log1p(_term_hits(text, words, terms))
    kind = (document.source_type or "").strip().lower().replace("-", "_").replace(" ", "_")
    if kind in SOURCE_TYPE_STEP:
        scores[SOURCE_TYPE_STEP[kind]] += SOURCE_TYPE_BONUS
    return scores


def _best_step(scores: Mapping[str, float]) -> str:
    return max(RESEARCH_STEPS, key=lambda step: (scores[step], -RESEARCH_STEPS.index(step)))


def allocate_documents(
    corpus: Sequence[SourceDocument], client: Client
) -> dict[str, list[SourceDocument]]:
    """Each research step's documents, every document in exactly one step, in corpus order."""
    ordered = sorted(corpus, key=lambda doc: doc.source_id)
    scores = {doc.source_id: step_scores(doc, client) for doc in ordered}
    owner = {doc.source_id: _best_step(scores[doc.source_id]) for doc in ordered}
    for step in REQUIRED_STEPS:
        if any(owner[doc.source_id] == step for doc in ordered):
            continue
        sizes = {s: sum(1 for d in ordered if owner[d.source_id] == s) for s in RESEARCH_STEPS}
        donors = [d for d in ordered if sizes[owner[d.source_id]] > 1] or [
            d for d in ordered if owner[d.source_id] not in REQUIRED_STEPS
        ]
        if donors:
            best = max(donors, key=lambda d: scores[d.source_id][step])
            owner[best.source_id] = step
    return {step: [d for d in ordered if owner[d.source_id] == step] for step in RESEARCH_STEPS}
