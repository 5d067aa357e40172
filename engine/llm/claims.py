"""Model claim drafts become stored claims: the engine assigns ids and checks every field.

`claims_from_drafts` never raises on model output. Ids are `<prefix>_NNN`, numbered from `start`
in the order the drafts are kept, whatever ids the model sent. The document a draft cites (by
`source_id`, else by `source_url`, else the only document of the batch) gives its URL, source
name, publication date and tier: the model's tier is only a hint, and a URL that is none of the
documents' is cleared. Confidence is the model's, capped by what the tier allows (seed 003:
HIGH needs GOV or PRIMARY, NEWS is at most MEDIUM, OTHER and NOTE are LOW), or derived from the
tier when missing or unknown. Dates are YYYY-MM-DD (YYYY-MM is the first of the month); any other
form is cleared, and so is a date outside the years 1900-2100. An unknown type, or a CONTACT
without a person's name, becomes a LOW NOTE. An
email or LinkedIn URL the cited document does not show is cleared (it would be invented
evidence for the contact merge). A draft whose numbers (digit runs of the statement; of an ISO
date only the year), value or person's name do not occur in the cited document's text is
ungrounded; one they occur in only where the text instructs its reader (an instruction and the
sentences it governs) is tainted (engine.llm.grounding). Either is kept only as a LOW NOTE kept
as data, its statement opening with guard.UNGROUNDED_NOTE_PREFIX or INSTRUCTION_NOTE_PREFIX and
with no subject, attribute, value, event or person: it is never routed to a section nor scored,
so a model repeating a planted fact gains nothing. Empty and instruction-like statements are
dropped, exact duplicates too (across calls when they share `seen`); past `limit` claims the
rest are counted, not read. Every repair and drop is recorded with its reason.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from pydantic import ValidationError

from engine.claims.confidence import claim_confidence, is_hedged
from engine.claims.frontmatter import without_credentials
from engine.claims.guard import (
    INSTRUCTION_NOTE_PREFIX,
    UNGROUNDED_NOTE_PREFIX,
    is_instruction_statement,
)
from engine.claims.ids import check_prefix, claim_id
from engine.llm.grounding import UNGROUNDED, DocumentEvidence, Verdict
from engine.llm.schemas import ClaimDraft, PersonDraft, clean_text
from engine.models import (
    CONFIDENCE_RANK,
    Claim,
    ClaimType,
    Confidence,
    EventStatus,
    SourceDocument,
    SourceTier,
)
from engine.models.claims import MAX_CLAIM_YEAR, MIN_CLAIM_YEAR, describe_validation_error

MAX_STATEMENT_CHARS = 600
MAX_FIELD_CHARS = 300
MAX_ENTITIES = 20
MAX_ENTITY_CHARS = 120
_DATE = re.compile(r"(\d{4})-(\d{2})(?:-(\d{2}))?")
_EMAIL = re.compile(r"[^@\s<>()\[\],;:\"]+@[^@\s<>()\[\],;:\"]+\.[A-Za-z]{2,}")
_URL = re.compile(r"https?://\S+", re.IGNORECASE)
__all__ = ["UNGROUNDED", "DraftOutcome", "claims_from_drafts", "parse_model_date"]


@dataclass
class DraftOutcome:
    """The claims kept, the drafts dropped (index, reason) and the repairs (claim id, reason)."""

    claims: list[Claim] = field(default_factory=list)
    dropped: list[tuple[int, str]] = field(default_factory=list)
    repaired: list[tuple[str, str]] = field(default_factory=list)
    over_limit: int = 0


class _Dropped(Exception):
    """A draft that cannot become a claim; the message is the reason."""


def parse_model_date(raw: str | None) -> tuple[date | None, bool]:
    """(date, understood): YYYY-MM-DD, or YYYY-MM as the first of the month; else (None, False)."""
    text = (raw or "").strip()
    if not text:
        return None, True
    match = _DATE.fullmatch(text)
    if match is None:
        return None, False
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3) or 1)), True
    except ValueError:
        return None, False


def _url_key(url: str | None) -> str:
    return (url or "").strip().split("#", 1)[0].rstrip("/").lower()


def _enum(raw: str | None, options: type[Any]) -> Any:
    key = (raw or "").strip().upper().replace(" ", "_")
    return options(key) if key in options.__members__ else None


def _optional(raw: str | None, limit: int = MAX_FIELD_CHARS) -> str | None:
    return clean_text(raw, limit) or None if raw else None


class _Reader:
    """Reads one draft against the batch's documents."""

    def __init__(self, documents: Sequence[SourceDocument], target: str) -> None:
        self.documents = list(documents)
        self.target = target.strip()
        self.by_id = {doc.source_id: doc for doc in self.documents}
        self.by_url = {_url_key(doc.url): doc for doc in self.documents if doc.url}
        self.evidence: dict[str, DocumentEvidence] = {}

    def grounding(
        self, doc: SourceDocument, statement: str, value: str | None, person: str | None
    ) -> Verdict | None:
        """Why the draft is tainted or ungrounded in the cited document, or None if grounded."""
        evidence = self.evidence.get(doc.source_id)
        if evidence is None:
            evidence = self.evidence[doc.source_id] = DocumentEvidence.of(doc)
        return evidence.verdict(statement, value, person)

    def batch_grounding(
        self, statement: str, value: str | None, person: str | None
    ) -> Verdict | None:
        """For a draft citing no document: grounded if any document of the batch shows it.

        A compromised model cannot launder a planted fact by citing nothing: it stays a fact
        (of tier OTHER) only if some document shows it where the text is not instructing.
        """
        found = [self.grounding(doc, statement, value, person) for doc in self.documents]
        verdicts = [verdict for verdict in found if verdict is not None]
        if not found or len(verdicts) < len(found):
            return None
        tainted = next((verdict for verdict in verdicts if verdict[0] == "tainted"), None)
        return tainted or ("ungrounded", "no document cited, and none of the batch shows it")

    def document(self, draft: ClaimDraft, notes: list[str]) -> SourceDocument | None:
        found = self.by_id.get((draft.source_id or "").strip())
        by_url = self.by_url.get(_url_key(draft.source_url)) if draft.source_url else None
        if draft.source_url and by_url is None:
            notes.append(f"source_url {clean_text(draft.source_url, 100)!r} is no document's")
        found = found or by_url
        if found is None and len(self.documents) == 1:
            found = self.documents[0]
            notes.append(f"no document cited; attributed to {found.source_id!r}, the only one")
        if found is None:
            notes.append("no document cited; tier OTHER")
        return found

    def person(self, raw: PersonDraft | None, doc: SourceDocument | None, notes: list[str]) -> Any:
        name = clean_text(raw.name, 120) if raw else ""
        if raw is None or not name:
            return None
        evidence = f"{doc.url or ''}\n{doc.text}".lower() if doc else ""
        linkedin = _optional(raw.linkedin_url)
        if linkedin and not (_URL.fullmatch(linkedin) and _url_key(linkedin) in evidence):
            notes.append(f"linkedin_url {linkedin!r} is not in the cited document; cleared")
            linkedin = None
        email = _optional(raw.email, 120)
        if email and not (_EMAIL.fullmatch(email) and email.lower() in evidence):
            notes.append(f"email {email!r} is not in the cited document; cleared")
            email = None
        return {
            "name": name,
            "title": _optional(raw.title, 160),
            "organization": _optional(raw.organization, 160),
            "linkedin_url": without_credentials(linkedin) if linkedin else None,
            "email": email,
        }

    def read(self, draft: ClaimDraft, notes: list[str]) -> dict[str, Any]:
        statement = clean_text(draft.statement, MAX_STATEMENT_CHARS)
        if not statement:
            raise _Dropped("empty statement")
        if is_instruction_statement(statement):
            raise _Dropped(f"reads as an instruction, not a fact: {statement[:80]!r}")
        if len(" ".join(draft.statement.split())) > MAX_STATEMENT_CHARS:
            notes.append(f"statement clipped to {MAX_STATEMENT_CHARS} characters")
        doc = self.document(draft, notes)
        tier = doc.tier if doc else SourceTier.OTHER
        hint = _enum(draft.source_tier, SourceTier)
        if hint is not None and hint is not tier:
            notes.append(f"tier {hint.value} -> {tier.value} (from the cited document)")
        claim_type = _enum(draft.claim_type, ClaimType)
        if claim_type is None:
            notes.append(f"unknown claim_type {clean_text(draft.claim_type, 40)!r} -> NOTE")
            claim_type = ClaimType.NOTE
        person = self.person(draft.person, doc, notes)
        if claim_type is ClaimType.CONTACT and person is None:
            notes.append("CONTACT without a person's name -> NOTE")
            claim_type = ClaimType.NOTE
        dates: dict[str, date | None] = {}
        for name in ("date_in_claim", "reported_on"):
            dates[name], understood = parse_model_date(getattr(draft, name))
            if not understood:
                shown = clean_text(getattr(draft, name) or "", 40)
                notes.append(f"{name} {shown!r} is not YYYY-MM-DD; cleared")
            day = dates[name]
            if day is not None and not MIN_CLAIM_YEAR <= day.year <= MAX_CLAIM_YEAR:
                span = f"{MIN_CLAIM_YEAR}-{MAX_CLAIM_YEAR}"
                notes.append(f"{name} {day.isoformat()} is outside the years {span}; cleared")
                dates[name] = None
        entities = [clean_text(e, MAX_ENTITY_CHARS) for e in draft.entities]
        if person and person["organization"]:
            entities.append(person["organization"])
        folded: dict[str, str] = {}
        for entity in entities:
            if entity:
                folded.setdefault(entity.casefold(), entity)
        subject, value = _optional(draft.subject), _optional(draft.value)
        attribute = re.sub(r"[^a-z0-9]+", "_", (draft.attribute or "").strip().lower()).strip("_")
        if attribute and not re.fullmatch(r"[a-z][a-z0-9_]{0,59}", attribute):
            shown = clean_text(draft.attribute or "", 40)
            notes.append(f"attribute {shown!r} is not a snake_case key; cleared")
            attribute = ""
        status = _enum(draft.event_status, EventStatus)
        if draft.event_status and draft.event_status.strip() and status is None:
            notes.append(f"event_status {clean_text(draft.event_status, 40)!r} unknown; cleared")
        others = [e for e in folded if e != self.target.casefold()]
        specific = bool(re.search(r"\d", statement) or person or value or others)
        ceiling = claim_confidence(tier, claim_type, specific=True, hedged=False)
        derived = claim_confidence(tier, claim_type, specific=specific, hedged=is_hedged(statement))
        confidence = _enum(draft.confidence, Confidence)
        if claim_type is ClaimType.NOTE and confidence is not None:
            confidence = Confidence.LOW
        if confidence is None:
            if (draft.confidence or "").strip():
                notes.append(f"unknown confidence {clean_text(draft.confidence or '', 40)!r}")
            confidence = derived
        elif CONFIDENCE_RANK[confidence] > CONFIDENCE_RANK[ceiling]:
            notes.append(f"confidence {confidence.value} -> {ceiling.value} (tier {tier.value})")
            confidence = ceiling
        named = person["name"] if person else None
        if doc is not None:
            verdict = self.grounding(doc, statement, value, named)
        else:
            verdict = self.batch_grounding(statement, value, named)
        if verdict is not None:
            kind, why = verdict
            notes.append(f"{why}; confidence {confidence.value} -> LOW, kept as a NOTE")
            prefix = INSTRUCTION_NOTE_PREFIX if kind == "tainted" else UNGROUNDED_NOTE_PREFIX
            return _kept_as_data(prefix + statement, doc, tier)
        return {
            "claim_type": claim_type,
            "statement": statement,
            "entities": list(folded.values())[:MAX_ENTITIES],
            "date_in_claim": dates["date_in_claim"],
            "source_url": without_credentials(doc.url) if doc and doc.url else None,
            "source_name": doc.source_name if doc else None,
            "source_tier": tier,
            "confidence": confidence,
            "subject": subject,
            "attribute": attribute or None,
            "value": value,
            "event_status": status,
            "reported_on": (doc.published if doc else None) or dates["reported_on"],
            "person": person,
        }


def _kept_as_data(statement: str, doc: SourceDocument | None, tier: SourceTier) -> dict[str, Any]:
    """A LOW NOTE with the statement and its source only: no structure, never a fact."""
    return {
        "claim_type": ClaimType.NOTE,
        "statement": clean_text(statement, MAX_STATEMENT_CHARS),
        "source_url": without_credentials(doc.url) if doc and doc.url else None,
        "source_name": doc.source_name if doc else None,
        "source_tier": tier,
        "confidence": Confidence.LOW,
        "subject": None,
        "attribute": None,
        "value": None,
        "reported_on": doc.published if doc else None,
    }


def _duplicate_key(values: Mapping[str, Any]) -> tuple[object, ...]:
    return tuple(
        str(values[key]).casefold()
        for key in ("claim_type", "statement", "source_url", "subject", "attribute", "value")
    )


def claims_from_drafts(
    drafts: Sequence[ClaimDraft | Mapping[str, Any]],
    *,
    prefix: str,
    documents: Sequence[SourceDocument],
    target: str,
    start: int = 1,
    seen: dict[tuple[object, ...], str] | None = None,
    limit: int | None = None,
) -> DraftOutcome:
    """Claims from a model's drafts (ids `<prefix>_NNN` from `start`), with what was dropped or
    repaired and why (see the module docstring); `seen` shares de-duplication across calls."""
    check_prefix(prefix)
    reader = _Reader(documents, target)
    outcome = DraftOutcome()
    seen = {} if seen is None else seen
    for index, raw in enumerate(drafts):
        if limit is not None and len(outcome.claims) >= limit:
            outcome.over_limit = len(drafts) - index
            break
        notes: list[str] = []
        try:
            draft = raw if isinstance(raw, ClaimDraft) else ClaimDraft.model_validate(raw)
            values = reader.read(draft, notes)
            key = _duplicate_key(values)
            if key in seen:
                raise _Dropped(f"duplicate of {seen[key]}")
            new_id = claim_id(prefix, start + len(outcome.claims))
            claim = Claim.model_validate({"claim_id": new_id, **values})
        except _Dropped as exc:
            outcome.dropped.append((index, str(exc)))
            continue
        except ValidationError as exc:
            outcome.dropped.append((index, describe_validation_error(exc)))
            continue
        except Exception as exc:  # model output must never sink a step
            outcome.dropped.append((index, f"could not be read ({type(exc).__name__})"))
            continue
        seen[key] = claim.claim_id
        outcome.claims.append(claim)
        outcome.repaired.extend((claim.claim_id, note) for note in notes)
    return outcome
