"""Deterministic claim extraction from source documents (the offline research backend).

`extract_claims` is pure: the same documents give the same claims, numbered
`<prefix>_<NNN>` from `start` in document order, then sentence order, then the order of the
facts inside a sentence. Every claim carries its document's URL, source name, tier and
publication date (reported_on); date_in_claim is an event's date, else the sentence's first date.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from engine.claims.confidence import claim_confidence, is_hedged
from engine.claims.entities import project_names
from engine.claims.facts import Fact, Scope
from engine.claims.ids import check_prefix, claim_id, source_id_for
from engine.claims.names import mentions_target
from engine.claims.reading import Reading, read_sentence
from engine.claims.sentences import split_sentences, truncate_statement
from engine.models import (
    Claim,
    ClaimType,
    Confidence,
    InvalidInput,
    SourceDocument,
    SourceTier,
)

INSTRUCTION_NOTE_PREFIX = "Source text addressed to the reader (kept as data, not a fact): "
_HAS_DIGIT = re.compile(r"\d")


def _document_projects(sentences: Sequence[str], target: str) -> tuple[str, ...]:
    """Project names of one document, in order of first mention (matched sentence by sentence)."""
    names: list[str] = []
    for sentence in sentences:
        for name in project_names(sentence, target):
            if name not in names:
                names.append(name)
    return tuple(names)


def _specific(fact: Fact, sentence: str, target: str) -> bool:
    """A number, a date, a named person or organization, or a recognised attribute value.

    A signal's value is only its keyword ("expansion"), so it does not count on its own.
    """
    if fact.person or fact.event_date or _HAS_DIGIT.search(sentence):
        return True
    if fact.value and fact.claim_type is not ClaimType.SIGNAL:
        return True
    return any(entity != target for entity in fact.entities)


def _claims_for(
    sentence: str, reading: Reading, document: SourceDocument, target: str
) -> list[dict[str, object]]:
    base: dict[str, object] = {
        "source_url": document.url,
        "source_name": document.source_name,
        "source_tier": document.tier,
        "reported_on": document.published,
    }
    first_date: date | None = reading.dates[0].value if reading.dates else None
    if reading.kind == "instruction":
        statement = truncate_statement(INSTRUCTION_NOTE_PREFIX + sentence)
        return [
            {
                **base,
                "claim_type": ClaimType.NOTE,
                "statement": statement,
                "confidence": Confidence.LOW,
            }
        ]
    statement = truncate_statement(sentence)
    if reading.kind == "note":
        return [
            {
                **base,
                "claim_type": ClaimType.NOTE,
                "statement": statement,
                "entities": list(reading.entities),
                "date_in_claim": first_date,
                "confidence": Confidence.LOW,
            }
        ]
    hedged = is_hedged(sentence)
    drafts: list[dict[str, object]] = []
    for fact in reading.facts:
        entities = list(dict.fromkeys([*fact.entities, *reading.entities]))
        drafts.append(
            {
                **base,
                "claim_type": fact.claim_type,
                "statement": statement,
                "entities": entities,
                "date_in_claim": fact.event_date or first_date,
                "confidence": claim_confidence(
                    document.tier,
                    fact.claim_type,
                    specific=_specific(fact, sentence, target),
                    hedged=hedged,
                ),
                "subject": fact.subject,
                "attribute": fact.attribute,
                "value": fact.value,
                "event_status": fact.event_status,
                "person": fact.person,
            }
        )
    return drafts


def extract_claims(
    documents: Sequence[SourceDocument], *, target: str, prefix: str = "doc", start: int = 1
) -> list[Claim]:
    """Claims from every sentence of every document, numbered from start (pure, deterministic)."""
    check_prefix(prefix)
    if not target.strip():
        raise InvalidInput("target must name the company the claims are about")
    sentences_of = [split_sentences(document.text) for document in documents]
    projects_of = [_document_projects(sentences, target) for sentences in sentences_of]
    projects = tuple(dict.fromkeys(name for names in projects_of for name in names))
    claims: list[Claim] = []
    number = start
    for document, sentences, document_projects in zip(
        documents, sentences_of, projects_of, strict=True
    ):
        scope = Scope(
            target=target.strip(),
            projects=projects,
            document_projects=document_projects,
            target_in_document=mentions_target(f"{document.title or ''}\n{document.text}", target),
        )
        for sentence in sentences:
            reading = read_sentence(sentence, scope)
            if reading.kind == "skip":
                continue
            for draft in _claims_for(sentence, reading, document, target.strip()):
                claims.append(Claim.model_validate({"claim_id": claim_id(prefix, number), **draft}))
                number += 1
    return claims


def extract_from_text(
    text: str,
    *,
    target: str,
    tier: SourceTier = SourceTier.OTHER,
    url: str | None = None,
    source_name: str | None = None,
    published: date | None = None,
    prefix: str = "doc",
    start: int = 1,
) -> list[Claim]:
    """Claims from plain text (one block per line), as if it were one document."""
    document = SourceDocument(
        source_id=source_id_for(source_name or "text"),
        path=source_name or "text",
        url=url,
        source_name=source_name,
        published=published,
        tier=tier,
        text=text,
    )
    return extract_claims([document], target=target, prefix=prefix, start=start)
