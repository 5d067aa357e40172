"""What the openai backend puts into prompts beside the documents, and reads back from web search.

The step's questions and incoming pack, the anchor claims an insight prompt gets, the resolved
objects and context of a section writer, the documents made from a web search answer's cited
pages, and the view of a document the model is shown (`model_view`: without the sentences that
instruct their reader or that an instruction governs, guard_taint.py). Pure functions over the
engine's models; no model call here.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Protocol
from urllib.parse import urlsplit

from pydantic import BaseModel

from engine.claims.frontmatter import without_credentials
from engine.claims.guard_taint import split_tainted
from engine.claims.normalize import normalize_text
from engine.claims.tiers import derive_tier
from engine.llm.prompts import NONE_TEXT, json_lines, lead_text
from engine.llm.schemas import clean_text
from engine.models import DOSSIER_SECTIONS, Claim, SourceDocument
from engine.research.backend import ResearchRequest
from engine.tokens import compact_json
from engine.writing.inputs import InsightInput, WriterInput

MAX_ANCHOR_CLAIMS = 60
MAX_WEB_DOCUMENTS = 12
# The sections that read the lead score (engine.steps.sections.SECTION_EXTRAS; not imported,
# so the research package never depends on the steps).
LEAD_SECTIONS = frozenset({"SCORE", "WHY_THEYLL_BUY_NOW"})
_WEB_URL = re.compile(r"https?://[^\s<>\"]{1,2000}", re.IGNORECASE)


class WebSearchAnswer(Protocol):
    """What a web search returns: the answer's text and the pages it cites (url, title)."""

    @property
    def text(self) -> str: ...

    @property
    def citations(self) -> Sequence[tuple[str, str]]: ...


def questions_text(request: ResearchRequest | None) -> str:
    asked = [" ".join(q.split()) for q in (request.questions if request else ()) if q.strip()]
    return "\n".join(f"- {question}" for question in asked) or NONE_TEXT


def pack_text(pack: object) -> str:
    return compact_json(pack) if pack else NONE_TEXT


def section_names(raw: Sequence[str]) -> list[str]:
    names = ["_".join(name.strip().upper().replace("-", " ").split()) for name in raw]
    return list(dict.fromkeys(name for name in names if name in DOSSIER_SECTIONS))


def anchor_claims(inp: InsightInput, claims: Sequence[Claim]) -> list[Claim]:
    """The claims the pack and the lead score rest on: the scored signals, the key timelines,
    the confirmed contacts' evidence and the conflicts (what pack mode shows the insight)."""
    ids: set[str] = {inp.lead.primary_signal_id or ""}
    timelines = {t.timeline_id: t for t in inp.merge.timelines_resolved}
    for component in inp.lead.components:
        ids.add(component.ref_id)
        if component.ref_id in timelines:
            ids.update(event.claim_id for event in timelines[component.ref_id].history)
    project = inp.pack.key_project if inp.pack else None
    if project is not None and project.timeline_id in timelines:
        ids.update(event.claim_id for event in timelines[project.timeline_id].history)
    confirmed = {c.contact_id for c in inp.pack.confirmed_contacts} if inp.pack else None
    for contact in inp.merge.contacts_resolved:
        if confirmed is None or contact.contact_id in confirmed:
            ids.update(contact.evidence_claims)
    for conflict in inp.merge.conflicts:
        ids.update(conflict.claims_involved)
    chosen = [claim for claim in claims if claim.claim_id in ids]
    return chosen[:MAX_ANCHOR_CLAIMS] or list(claims[:MAX_ANCHOR_CLAIMS])


def resolved_text(inp: WriterInput) -> str:
    """The merge's resolved objects routed to the section, one JSON line each."""
    wanted = set(inp.resolved_object_ids)
    merge = inp.merge
    objects: list[BaseModel] = [
        *(c for c in merge.contacts_resolved if c.contact_id in wanted),
        *(t for t in merge.timelines_resolved if t.timeline_id in wanted),
        *(c for c in merge.conflicts if c.conflict_id in wanted),
        *(a for a in merge.ambiguous if a.ambiguous_id in wanted),
    ]
    return json_lines(objects)


def section_context(inp: WriterInput) -> str:
    """What the section reads besides its claims, one JSON line per kind (coverage notes,
    lead, insight, pack, contact copy, media), as engine.steps.sections gives it."""
    lines: list[dict[str, object]] = [{"coverage_notes": inp.coverage_notes}]
    if inp.section in LEAD_SECTIONS:
        lines.append({"lead": json.loads(lead_text(inp.lead))})
    if inp.insight is not None:
        lines.append({"insight": inp.insight.model_dump(mode="json")})
    if inp.pack is not None:
        lines.append({"pack": inp.pack.model_dump(mode="json")})
    for copy in inp.contacts_copy:
        lines.append({"contact_copy": copy.model_dump(mode="json")})
    for asset in inp.media:
        lines.append({"media": asset.model_dump(mode="json")})
    return json_lines(lines)


def model_view(document: SourceDocument) -> SourceDocument:
    """The document as the model is shown it: its text without tainted sentences (what
    instructs the reader and what an instruction governs), which stay out of every prompt."""
    clean = split_tainted(document.text).clean
    return document if clean == document.text else document.model_copy(update={"text": clean})


def citation_of(raw: object) -> tuple[str, str]:
    if isinstance(raw, tuple | list) and raw:
        return str(raw[0] or ""), str(raw[1] or "") if len(raw) > 1 else ""
    return str(getattr(raw, "url", "") or ""), str(getattr(raw, "title", "") or "")


def web_documents(answer: WebSearchAnswer, *, target: str, step_id: str) -> list[SourceDocument]:
    """Each page a web search cites as a document: its URL, title and tier (derived as the
    claims engine does), and the answer's paragraphs that cite it (or the whole answer)."""
    text = normalize_text(str(getattr(answer, "text", "") or ""))
    paragraphs = [line.strip() for line in text.splitlines() if line.strip()]
    documents: list[SourceDocument] = []
    seen: set[str] = set()
    for raw in list(getattr(answer, "citations", None) or [])[: MAX_WEB_DOCUMENTS * 4]:
        url, title = citation_of(raw)
        url = without_credentials(url.strip())
        if not _WEB_URL.fullmatch(url) or url.lower() in seen:
            continue
        seen.add(url.lower())
        bare = url.split("?", 1)[0].split("#", 1)[0]
        cited = [p for p in paragraphs if url in p or bare in p]
        host = urlsplit(url).hostname or url
        name = clean_text(title, 200) or host
        number = len(documents) + 1
        documents.append(
            SourceDocument(
                source_id=f"web-{step_id.replace('_', '-')}-{number:02d}",
                path=url,
                url=url,
                title=name,
                source_name=name,
                source_type="web_search",
                tier=derive_tier(url, None, target),
                text="\n".join(cited or paragraphs) or name,
            )
        )
        if len(documents) == MAX_WEB_DOCUMENTS:
            break
    return documents
