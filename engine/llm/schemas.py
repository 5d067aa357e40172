"""The pydantic schemas of model replies, and how a reply becomes one of the engine's models.

A model's reply is untrusted input. The top-level keys are required (a reply without them
ignores the schema, and the client asks for a repair); below them the schemas are lenient where
that is harmless: string fields with defaults, unknown keys ignored, a number where text was
asked for read as text, a lone string where a list was asked for read as a one-item list, a
list item of the wrong shape read as empty (and then dropped, with a note). What the reply
means is checked by the `*_from_output` functions, which clip every text, drop claim ids that
do not exist where the engine can tell, and fall back to the engine's own value for a blank
field, each time adding a note saying what was dropped or repaired. Claim drafts are turned
into claims by engine.llm.claims.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Collection
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from engine.claims.sentences import truncate_statement
from engine.models.dossier import LINKEDIN_MAX_CHARS, CitedSentence, ContactCopy, StrategicInsight

ELLIPSIS = "\u2026"
_DROPPED_CATEGORIES = frozenset({"Cf", "Cs"})
_CLAIM_ID = re.compile(r"(?<![A-Za-z0-9_])[A-Za-z][A-Za-z0-9]*_[0-9]+(?![A-Za-z0-9_])")
_BRACKETED_ID = re.compile(r"\s*\[\s*([A-Za-z][A-Za-z0-9]*_[0-9]+)\s*\]")


def _as_text(value: Any) -> Any:
    if value is None or isinstance(value, bool):
        return "" if value is None else str(value).lower()
    if isinstance(value, int | float):
        return str(value)
    return value if isinstance(value, str) else ""


def _as_optional_text(value: Any) -> Any:
    return None if value is None else _as_text(value)


def _as_text_list(value: Any) -> Any:
    if isinstance(value, str):
        return [value] if value.strip() else []
    if not isinstance(value, list):
        return []
    return [text for text in (_as_text(item) for item in value) if text]


def _as_list(value: Any) -> Any:
    if isinstance(value, dict):
        return [value]
    return value if isinstance(value, list) else []


Text = Annotated[str, BeforeValidator(_as_text)]
OptionalText = Annotated[str | None, BeforeValidator(_as_optional_text)]
TextList = Annotated[list[str], BeforeValidator(_as_text_list)]


def _without_defaults(schema: dict[str, Any]) -> None:
    """Strict structured outputs require every field, and some servers refuse `default`."""
    for prop in schema.get("properties", {}).values():
        prop.pop("default", None)


class _Reply(BaseModel):
    model_config = ConfigDict(extra="ignore", json_schema_extra=_without_defaults)


class PersonDraft(_Reply):
    """The person a claim draft is about."""

    name: Text = ""
    title: OptionalText = None
    organization: OptionalText = None
    linkedin_url: OptionalText = None
    email: OptionalText = None

    @model_validator(mode="before")
    @classmethod
    def _from_any(cls, value: Any) -> Any:
        if isinstance(value, str):
            return {"name": value}
        return value if isinstance(value, dict) else {}


class ClaimDraft(_Reply):
    """One claim as a model proposes it; the engine checks every field (engine.llm.claims)."""

    claim_id: OptionalText = None
    claim_type: Text = ""
    statement: Text = ""
    entities: TextList = Field(default_factory=list)
    date_in_claim: OptionalText = None
    source_id: OptionalText = None
    source_url: OptionalText = None
    source_tier: OptionalText = None
    confidence: OptionalText = None
    subject: OptionalText = None
    attribute: OptionalText = None
    value: OptionalText = None
    event_status: OptionalText = None
    reported_on: OptionalText = None
    person: PersonDraft | None = None

    @model_validator(mode="before")
    @classmethod
    def _from_any(cls, value: Any) -> Any:
        if isinstance(value, str):
            return {"statement": value}
        if not isinstance(value, dict):
            return {}
        if value.get("person") is not None and not isinstance(value["person"], dict | str):
            return {**value, "person": None}
        return value


class ExtractionOutput(_Reply):
    """The claims a model extracted from a batch of documents."""

    claims: Annotated[list[ClaimDraft], BeforeValidator(_as_list)]


class SentenceDraft(_Reply):
    """One written sentence and the claim ids it cites."""

    text: Text = ""
    claim_ids: TextList = Field(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _from_any(cls, value: Any) -> Any:
        if isinstance(value, str):
            return {"text": value}
        return value if isinstance(value, dict) else {}


class ObjectionDraft(_Reply):
    """A likely objection of the target and the answer to it."""

    objection: Text = ""
    response: Text = ""

    @model_validator(mode="before")
    @classmethod
    def _from_any(cls, value: Any) -> Any:
        if isinstance(value, str):
            return {"objection": value}
        return value if isinstance(value, dict) else {}


Sentences = Annotated[list[SentenceDraft], BeforeValidator(_as_list)]


class InsightOutput(_Reply):
    """The strategic part of the insight step (maps onto StrategicInsight)."""

    the_angle: Text
    one_liner: Text
    why_now: Text
    deal_strategy: Sentences = Field(default_factory=list)
    objections: Annotated[list[ObjectionDraft], BeforeValidator(_as_list)] = Field(
        default_factory=list
    )
    open_questions: TextList = Field(default_factory=list)


class ContactOutput(_Reply):
    """Bio, relation to the signal and outreach copy for one contact (maps onto ContactCopy)."""

    bio: Text
    relation_to_signal: Text
    email_copy: Text
    linkedin_copy: Text
    client_email_copy: Text
    client_linkedin_copy: Text
    evidence_claims: TextList = Field(default_factory=list)


class SectionOutput(_Reply):
    """One dossier section as sentences citing claim ids (maps onto SectionDraft)."""

    sentences: Sentences


class PlanMove(_Reply):
    """A suggested routing change for one claim."""

    claim_id: Text = ""
    add_to: TextList = Field(default_factory=list)
    remove_from: TextList = Field(default_factory=list)
    reason: Text = ""

    @model_validator(mode="before")
    @classmethod
    def _from_any(cls, value: Any) -> Any:
        return value if isinstance(value, dict) else {}


class PlanAdvice(_Reply):
    """Suggested moves of claims between dossier sections."""

    moves: Annotated[list[PlanMove], BeforeValidator(_as_list)]


def clean_text(value: str, limit: int) -> str:
    """Model text made safe to store: control, format (bidi, zero-width) and surrogate characters
    removed, NFKC-folded, white space collapsed, cut at a word boundary to `limit` characters."""
    text = value[: limit * 4 + 64]
    if not text.isascii():
        text = "".join(ch for ch in text if unicodedata.category(ch) not in _DROPPED_CATEGORIES)
        text = unicodedata.normalize("NFKC", text)
        text = "".join(ch for ch in text if unicodedata.category(ch) not in _DROPPED_CATEGORIES)
    text = "".join(" " if unicodedata.category(ch) == "Cc" else ch for ch in text)
    return truncate_statement(text, limit) if text.strip() else ""


def clip_words(text: str, limit: int) -> str:
    """The text cut at a word boundary with an ellipsis so it has at most `limit` characters."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:-") + ELLIPSIS


def cited_ids(raw: Collection[str]) -> list[str]:
    """Claim ids from a model's citation list ('[search_001]', 'a_1, b_2'), each once."""
    found: list[str] = []
    for entry in raw:
        ids = _CLAIM_ID.findall(entry)
        found.extend(ids or [" ".join(clean_text(entry, 60).split())])
    return [claim_id for claim_id in dict.fromkeys(found) if claim_id]


def cited_sentences(
    drafts: list[SentenceDraft],
    notes: list[str],
    *,
    where: str,
    known_ids: Collection[str] | None = None,
    limit: int = 40,
    chars: int = 600,
) -> list[CitedSentence]:
    """Checked sentences: ids written in the text moved to the citations, ids not in `known_ids`
    dropped (when given), sentences without text or citations dropped; each drop noted."""
    sentences: list[CitedSentence] = []
    for number, draft in enumerate(drafts, 1):
        in_text = _BRACKETED_ID.findall(draft.text)
        text = clean_text(_BRACKETED_ID.sub("", draft.text), chars)
        ids = cited_ids([*draft.claim_ids, *in_text])
        if known_ids is not None:
            unknown = [claim_id for claim_id in ids if claim_id not in known_ids]
            if unknown:
                notes.append(f"{where}: sentence {number} cites unknown claims {unknown}; dropped")
            ids = [claim_id for claim_id in ids if claim_id in known_ids]
        if not text or not ids:
            notes.append(f"{where}: sentence {number} has no text or no citation; dropped")
            continue
        if len(sentences) == limit:
            notes.append(f"{where}: more than {limit} sentences; the rest dropped")
            break
        sentences.append(CitedSentence(text=text, claim_ids=ids))
    return sentences


def _field(value: str, limit: int, fallback: Callable[[], str], notes: list[str], name: str) -> str:
    text = clean_text(value, limit)
    if text:
        return text
    notes.append(f"{name} was blank; the engine's text used")
    return clean_text(fallback(), limit) or fallback()[:limit]


def insight_from_output(
    output: InsightOutput,
    *,
    known_ids: Collection[str],
    fallback: Callable[[], StrategicInsight],
    notes: list[str],
) -> StrategicInsight:
    """The StrategicInsight of a reply: texts clipped, unknown claim ids dropped, blanks filled."""
    cached: list[StrategicInsight] = []

    def engine() -> StrategicInsight:
        if not cached:
            cached.append(fallback())
        return cached[0]

    objections = [
        {"objection": clean_text(o.objection, 300), "response": clean_text(o.response, 400)}
        for o in output.objections
        if clean_text(o.objection, 300)
    ][:6]
    questions = [clean_text(q, 300) for q in output.open_questions]
    return StrategicInsight(
        the_angle=_field(output.the_angle, 400, lambda: engine().the_angle, notes, "the_angle"),
        one_liner=_field(output.one_liner, 120, lambda: engine().one_liner, notes, "one_liner"),
        why_now=_field(output.why_now, 400, lambda: engine().why_now, notes, "why_now"),
        deal_strategy=cited_sentences(
            output.deal_strategy, notes, where="deal_strategy", known_ids=known_ids, limit=8
        ),
        objections=objections,
        open_questions=list(dict.fromkeys(q for q in questions if q))[:8],
    )


def contact_copy_from_output(
    output: ContactOutput,
    *,
    identity: ContactCopy,
    known_ids: Collection[str],
    fallback: Callable[[], ContactCopy],
    notes: list[str],
) -> ContactCopy:
    """The ContactCopy of a reply: identity from the engine (`identity`), texts clipped
    (LinkedIn notes to LINKEDIN_MAX_CHARS on a word boundary), blanks from `fallback`."""
    cached: list[ContactCopy] = []

    def engine() -> ContactCopy:
        if not cached:
            cached.append(fallback())
        return cached[0]

    def text(name: str, limit: int) -> str:
        value = _field(getattr(output, name), 4000, lambda: getattr(engine(), name), notes, name)
        return clip_words(value, limit)

    evidence = [claim_id for claim_id in cited_ids(output.evidence_claims) if claim_id in known_ids]
    return identity.model_copy(
        update={
            "bio": text("bio", 1500),
            "relation_to_signal": text("relation_to_signal", 1000),
            "email_copy": text("email_copy", 2000),
            "linkedin_copy": text("linkedin_copy", LINKEDIN_MAX_CHARS),
            "client_email_copy": text("client_email_copy", 2000),
            "client_linkedin_copy": text("client_linkedin_copy", LINKEDIN_MAX_CHARS),
            "evidence_claims": evidence or list(identity.evidence_claims),
        }
    )
