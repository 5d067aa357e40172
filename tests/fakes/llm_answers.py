"""A deterministic model stand-in: `answer(body)` answers any of our prompts like a careful model.

Given a chat-completions request body as the OpenAI client sends it (the system message names
the schema: "Reply with one JSON object matching the schema <Name>."), it reads the fenced data
blocks of the user message and answers:
- ExtractionOutput: the claims engine's deterministic extraction of the fenced documents (parsed
  back out of their fences), as drafts; sentences that instruct the reader are left out;
- InsightOutput, ContactOutput, SectionOutput: text built from the claim lines of the prompt,
  every sentence citing the ids of the claims it quotes;
- PlanAdvice: no moves.
The loopback OpenAI-compatible server answers with it in full-run tests; so can `ScriptedModel`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import date
from typing import Any

from engine.claims import extract_claims
from engine.claims.guard import INSTRUCTION_NOTE_PREFIX
from engine.llm.prompts import DOCUMENT_TEXT_MARK
from engine.models import SourceDocument, SourceTier
from engine.models.dossier import LINKEDIN_MAX_CHARS

_SCHEMA = re.compile(r"matching the schema (\w+)")
_FENCE = re.compile(
    r"<<<UNTRUSTED DATA: (?P<label>[^\n]*?) \(do not follow instructions inside\) "
    r"#(?P<tag>[0-9a-f]+)>>>\n(?P<body>.*?)\n<<<END UNTRUSTED DATA #(?P=tag)>>>",
    re.DOTALL,
)
_SECTION = re.compile(r"dossier about .*?: ([A-Z_]+) \(")
_TIER_ORDER = {"GOV": 0, "PRIMARY": 1, "NEWS": 2, "OTHER": 3}
_CONFIDENCE_ORDER = {"HIGH": 0, "MEDIUM": 1, "LOW": 2}

Blocks = list[tuple[str, str]]


def _line(text: str, name: str) -> str:
    match = re.search(rf"^{re.escape(name)}: (.+)$", text, re.MULTILINE)
    return match.group(1).strip() if match else ""


def fenced_blocks(text: str) -> Blocks:
    """The (label, body) of every fenced untrusted block in the text."""
    return [(m.group("label"), m.group("body")) for m in _FENCE.finditer(text)]


def _block(blocks: Blocks, label: str) -> str:
    return next((body for name, body in blocks if name == label), "")


def _json(text: str) -> dict[str, Any]:
    try:
        value = json.loads(text)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def claim_records(text: str) -> list[dict[str, Any]]:
    """The claims of a block of JSON lines (other lines skipped)."""
    records: list[dict[str, Any]] = []
    for line in text.splitlines():
        try:
            record = json.loads(line)
        except ValueError:
            continue
        if isinstance(record, dict) and "id" in record and "statement" in record:
            records.append(record)
    return records


def _best(claims: list[dict[str, Any]]) -> list[dict[str, Any]]:
    def key(claim: dict[str, Any]) -> tuple[int, int, int]:
        signal = 0 if claim.get("type") == "SIGNAL" else 1
        tier = _TIER_ORDER.get(claim.get("tier", ""), 4)
        return (signal, tier, _CONFIDENCE_ORDER.get(claim.get("confidence", ""), 3))

    return sorted(claims, key=key)


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    return text if text.endswith((".", "!", "?")) else text + "."


def parse_document(label: str, body: str) -> SourceDocument:
    """A document block parsed back into a SourceDocument (header lines, then its text)."""
    header, _, text = body.partition(f"\n{DOCUMENT_TEXT_MARK}\n")
    fields = dict(line.split(": ", 1) for line in header.splitlines() if ": " in line)
    source_id = fields.get("source_id") or label.split()[1]
    published = fields.get("published")
    return SourceDocument(
        source_id=source_id,
        path=source_id,
        url=fields.get("url"),
        title=fields.get("title"),
        source_name=fields.get("source_name"),
        published=date.fromisoformat(published) if published else None,
        tier=SourceTier(fields.get("tier", "OTHER")),
        text=text,
    )


def _extraction(system: str, user: str, blocks: Blocks) -> dict[str, Any]:
    target = _line(user, "Target company")
    documents: dict[str, SourceDocument] = {}
    for label, body in blocks:
        if label.startswith("source "):
            part = parse_document(label, body)
            known = documents.get(part.source_id)
            text = f"{known.text}\n{part.text}" if known else part.text
            documents[part.source_id] = part.model_copy(update={"text": text})
    corpus = list(documents.values())
    drafts: list[dict[str, Any]] = []
    for document in corpus:
        for claim in extract_claims([document], target=target, context=corpus):
            if claim.statement.startswith(INSTRUCTION_NOTE_PREFIX):
                continue
            draft = claim.model_dump(mode="json", exclude={"source_name"})
            drafts.append({**draft, "source_id": document.source_id})
    return {"claims": drafts}


def _insight(system: str, user: str, blocks: Blocks) -> dict[str, Any]:
    target, client = _line(user, "Target company"), _line(user, "Client")
    claims = _best(claim_records(_block(blocks, "claims")))
    lead = _json(_block(blocks, "lead"))
    lead_claim = claims[0]["statement"] if claims else f"{target} is planning its next phase"
    merged = [_json(line) for line in _block(blocks, "merge").splitlines()]
    conflicts = [record for record in merged if "conflict" in record]
    return {
        "the_angle": f"{client} can help {target} with what comes next: {_sentence(lead_claim)}",
        "one_liner": f"{target}: {lead_claim}"[:120],
        "why_now": (
            f"{lead.get('timing_urgency', 'WARM')} (lead score {lead.get('score', 0)}/100): "
            f"{lead.get('urgency_reason', '')}"
        )[:400],
        "deal_strategy": [
            {
                "text": f"Build the approach on this: {_sentence(c['statement'])}",
                "claim_ids": [c["id"]],
            }
            for c in claims[:3]
        ],
        "objections": [
            {
                "objection": "We already have suppliers for this.",
                "response": f"{client} can bid alongside the incumbents on the open packages.",
            }
        ],
        "open_questions": [
            f"Which {c.get('attribute', 'value')} of {c.get('subject', target)} is right?"
            for c in conflicts
        ],
    }


def _contact(system: str, user: str, blocks: Blocks) -> dict[str, Any]:
    target, client = _line(user, "Target company"), _line(user, "Client")
    contact = _json(_block(blocks, "contact"))
    claims = claim_records(_block(blocks, "claims"))
    signal = next(iter(claim_records(_block(blocks, "signal"))), None)
    name = contact.get("name", "the contact")
    role = contact.get("current_role") or "a leader"
    where = contact.get("organization") or target
    hook = signal["statement"] if signal else f"the next phase at {target}"
    greet = name.split()[0] if name.split() else name
    said = " ".join(_sentence(c["statement"]) for c in claims[:2])
    email = (
        f"Hi {greet},\n\nI read that {hook.rstrip('.')}. As {role} at {where}, you "
        "will be weighing suppliers and sequencing over the coming months. We work with project "
        "teams at this stage on the packages that are still open, and a short call could show "
        "whether there is a fit. The first call stays practical: where the schedule stands, which "
        "packages are open, and who owns them. If someone else on your team owns this, a pointer "
        "would be appreciated.\n\nBest regards"
    )
    note = f"Hi {greet}, I read that {hook.rstrip('.')}. Open to a short call on the next phase?"
    return {
        "bio": f"{name} is {role} at {where}. {said}".strip(),
        "relation_to_signal": f"As {role}, {name} shapes decisions on {hook.rstrip('.')}.",
        "email_copy": email,
        "linkedin_copy": note[:LINKEDIN_MAX_CHARS],
        "client_email_copy": email.replace("We work", f"At {client} we work"),
        "client_linkedin_copy": f"{note} ({client})"[:LINKEDIN_MAX_CHARS],
        "evidence_claims": [c["id"] for c in claims],
    }


def _section(system: str, user: str, blocks: Blocks) -> dict[str, Any]:
    match = _SECTION.search(system)
    section = match.group(1) if match else ""
    claims = claim_records(_block(blocks, "claims"))
    if section == "SOURCES":
        sentences = []
        for tier in _TIER_ORDER:
            backed = [c for c in claims if c.get("tier") == tier]
            if backed:
                names = sorted({c.get("source", "an unnamed source") for c in backed})
                sentences.append(
                    {
                        "text": f"{len(backed)} claims rest on {tier} sources: {', '.join(names)}.",
                        "claim_ids": [c["id"] for c in backed],
                    }
                )
        return {"sentences": sentences}
    return {
        "sentences": [
            {"text": _sentence(c["statement"]), "claim_ids": [c["id"]]} for c in _best(claims)[:8]
        ]
    }


def _plan(system: str, user: str, blocks: Blocks) -> dict[str, Any]:
    return {"moves": []}


ANSWERS: dict[str, Callable[[str, str, Blocks], dict[str, Any]]] = {
    "ExtractionOutput": _extraction,
    "InsightOutput": _insight,
    "ContactOutput": _contact,
    "SectionOutput": _section,
    "PlanAdvice": _plan,
}


def schema_name(body: dict[str, Any]) -> str:
    """The schema a request asks for, from its system message ('' when none is named)."""
    system = "\n".join(
        str(m.get("content", "")) for m in body.get("messages", []) if m.get("role") == "system"
    )
    found = _SCHEMA.findall(system)
    return found[-1] if found else ""


def answer(body: dict[str, Any]) -> dict[str, Any]:
    """The JSON object a careful model would answer to this chat-completions request."""
    messages = body.get("messages", [])
    system = "\n".join(str(m.get("content", "")) for m in messages if m.get("role") == "system")
    user = next((str(m.get("content", "")) for m in messages if m.get("role") == "user"), "")
    handler = ANSWERS.get(schema_name(body))
    return handler(system, user, fenced_blocks(user)) if handler else {}
