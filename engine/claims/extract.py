"""Deterministic claim extraction from source documents (the offline research backend).

`extract_claims` is pure: the same documents give the same claims, numbered
`<prefix>_<NNN>` from `start` in document order, then sentence order, then the order of the
facts inside a sentence. Every claim carries its document's URL, source name, tier and
publication date (reported_on); date_in_claim is an event's date, else the date nearest the
fact (see _date_near). The guard judges each whole sentence before it is cut into pieces, and
an instruction taints the sentences it governs: the rest of its block, a block it announces,
a chat-template block (guard_taint.block_flags). A tainted sentence never changes how later
sentences are read (it names no recent project or organization).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from engine.claims.confidence import claim_confidence, is_hedged
from engine.claims.dates import DateMention
from engine.claims.entities import ProjectIndex, project_names
from engine.claims.facts import Fact, Scope
from engine.claims.furniture import is_furniture_line
from engine.claims.guard import INSTRUCTION_NOTE_PREFIX
from engine.claims.guard_taint import block_flags
from engine.claims.ids import check_prefix, claim_id, source_id_for
from engine.claims.names import mentions_target
from engine.claims.normalize import normalize_text
from engine.claims.reading import Reading, read_sentence
from engine.claims.sentences import split_sentence_groups, truncate_statement
from engine.models import (
    Claim,
    ClaimType,
    Confidence,
    InvalidInput,
    SourceDocument,
    SourceTier,
)

_HAS_DIGIT = re.compile(r"\d")
_CLAUSE_BREAK = re.compile(r"[;,]|\s(?:and|but|while|whereas)\s", re.IGNORECASE)


def _marked_sentences(text: str) -> list[tuple[str, bool]]:
    """The sentence pieces of a text, each with the guard's verdict on its whole sentence.

    Page furniture lines (furniture.py) give no pieces.
    """
    lines = [(split_sentence_groups(line), is_furniture_line(line)) for line in text.splitlines()]
    # The guard reads furniture too: a chat-template token on a menu-like line still taints.
    flags = block_flags([[whole for whole, _ in groups] for groups, _ in lines])
    return [
        (piece, flag)
        for (groups, skipped), marks in zip(lines, flags, strict=True)
        if not skipped
        for (_, pieces), flag in zip(groups, marks, strict=True)
        for piece in pieces
    ]


def _document_projects(sentences: Sequence[tuple[str, bool]], target: str) -> tuple[str, ...]:
    """Project names of one document, in order of first mention (instructions do not count)."""
    names: dict[str, None] = {}
    for sentence, instruction in sentences:
        if not instruction:
            names.update(dict.fromkeys(project_names(sentence, target)))
    return tuple(names)


def _date_near(fact: Fact, dates: Sequence[DateMention], sentence: str) -> date | None:
    """The date of a fact: one inside its phrase ("founded in 2009"), else the first after it
    in its clause ("employed 450 people as of March 2025"), else the last before it in its
    clause, else the sentence's first date."""
    if not dates:
        return None
    start, end = fact.position, fact.end if fact.end is not None else fact.position
    for mention in dates:
        if start <= mention.start and mention.end <= end:
            return mention.value
    for mention in dates:
        if mention.start >= end and not _CLAUSE_BREAK.search(sentence, end, mention.start):
            return mention.value
    for mention in reversed(dates):
        if mention.end <= start and not _CLAUSE_BREAK.search(sentence, mention.end, start):
            return mention.value
    return dates[0].value


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
    dated = [(fact, _date_near(fact, reading.dates, sentence)) for fact in reading.facts]
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
    for fact, near in dated:
        entities = list(dict.fromkeys([*fact.entities, *reading.entities]))
        drafts.append(
            {
                **base,
                "claim_type": fact.claim_type,
                "statement": statement,
                "entities": entities,
                "date_in_claim": fact.event_date or near,
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
    documents: Sequence[SourceDocument],
    *,
    target: str,
    prefix: str = "doc",
    start: int = 1,
    context: Sequence[SourceDocument] = (),
) -> list[Claim]:
    """Claims from every sentence of every document, numbered from start (pure, deterministic).

    `context` is the rest of the corpus the documents come from (a pipeline step reads only
    its share): it is read for project names only, so a project named elsewhere is known here
    too, and claims come out as they would from extracting the whole corpus at once.
    """
    check_prefix(prefix)
    if not target.strip():
        raise InvalidInput("target must name the company the claims are about")
    sentences_of = [_marked_sentences(document.text) for document in documents]
    projects_of = [_document_projects(sentences, target) for sentences in sentences_of]
    own = {document.source_id for document in documents}
    others = [document for document in context if document.source_id not in own]
    other_projects = [_document_projects(_marked_sentences(d.text), target) for d in others]
    # Project names in corpus order, as a whole-corpus extraction would see them.
    position = {document.source_id: index for index, document in enumerate(context)}
    named = [*zip(documents, projects_of, strict=True), *zip(others, other_projects, strict=True)]
    named.sort(key=lambda pair: position.get(pair[0].source_id, len(position)))
    projects = tuple(dict.fromkeys(name for _, names in named for name in names))
    index = ProjectIndex(projects)
    claims: list[Claim] = []
    number = start
    for document, sentences, document_projects in zip(
        documents, sentences_of, projects_of, strict=True
    ):
        scope = Scope(
            target=target.strip(),
            projects=index.names,
            index=index,
            document_projects=document_projects,
            target_in_document=mentions_target(f"{document.title or ''}\n{document.text}", target),
        )
        for sentence, instruction in sentences:
            reading = read_sentence(sentence, scope, instruction=instruction)
            if reading.subject_organization is not None:
                scope = replace(scope, recent_organization=reading.subject_organization)
            if reading.kind in ("facts", "note") and (named_project := scope.project_in(sentence)):
                scope = replace(scope, recent_project=named_project)
            people = [fact.person.name for fact in reading.facts if fact.person is not None]
            if people:  # "Miranda is ..." later in the document is this person
                scope = replace(scope, people=tuple(dict.fromkeys([*scope.people, *people])))
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
        text=normalize_text(text),
    )
    return extract_claims([document], target=target, prefix=prefix, start=start)
