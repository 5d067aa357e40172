"""What the dossier exports share: citation numbers, safe web URLs and the record's parts.

Each written sentence cites claim ids; an export shows the number of the source each claim came
from (`DossierSource.claim_ids` lists the claims of each source). A claim with no source keeps
its id, so no citation is silently dropped. Contacts and media are read leniently from the
record's free-form `copy` and `media` columns: a malformed entry is shown with what it has.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from engine.models.dossier import DossierRecord, DossierSource, WrittenSection
from engine.models.plan import DOSSIER_SECTIONS

# Characters a URL may not carry as-is in a Markdown autolink or an HTML attribute.
_URL_UNSAFE = {" ": "%20", "<": "%3C", ">": "%3E", '"': "%22", "'": "%27", "`": "%60", "\\": "%5C"}
_WEB_SCHEMES = ("http://", "https://")
# Control characters a reader cannot see (tab and line breaks are kept: copy keeps its lines).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class Citation:
    """One citation of a sentence: the source number, or None when the claim has no source."""

    claim_id: str
    number: int | None


@dataclass(frozen=True)
class ContactEntry:
    """One contact of `copy["contacts"]`, with its non-empty texts labelled for display."""

    name: str
    role: str
    texts: tuple[tuple[str, str], ...]
    evidence_claims: tuple[str, ...]


@dataclass(frozen=True)
class MediaEntry:
    """One image asset of `media["image_assets"]`, shown as a link, never embedded."""

    asset_id: str
    asset_type: str
    caption: str
    image_url: str
    source_page_url: str


_CONTACT_TEXTS = (
    ("bio", "Bio"),
    ("relation_to_signal", "Relation to the signal"),
    ("email_copy", "Email"),
    ("linkedin_copy", "LinkedIn"),
    ("client_email_copy", "Client email"),
    ("client_linkedin_copy", "Client LinkedIn"),
)


def source_numbers(record: DossierRecord) -> dict[str, int]:
    """Claim id -> number of the source it came from (the first source listing it wins)."""
    numbers: dict[str, int] = {}
    for source in sorted(record.sources, key=lambda s: s.number):
        for claim_id in source.claim_ids:
            numbers.setdefault(claim_id, source.number)
    return numbers


def resolve_citations(claim_ids: list[str], numbers: dict[str, int]) -> list[Citation]:
    """The citations of one sentence in order, one per source number or unsourced claim id."""
    seen: set[int | str] = set()
    citations: list[Citation] = []
    for claim_id in claim_ids:
        number = numbers.get(claim_id)
        key: int | str = claim_id if number is None else number
        if key in seen:
            continue
        seen.add(key)
        citations.append(Citation(claim_id=claim_id, number=number))
    return citations


def _unfit_for_url(char: str) -> bool:
    """A control or format character, or white space other than a plain space."""
    return unicodedata.category(char) in ("Cc", "Cf") or (char.isspace() and char != " ")


def visible_text(text: str) -> str:
    """The text without characters a reader cannot see (controls, bidi and zero-width marks).

    Control characters become spaces (tab and line breaks stay); format characters (Unicode
    Cf: bidi overrides and isolates, zero-width spaces and joiners, BOM) are removed.
    """
    text = _CONTROL.sub(" ", text)
    if text.isascii():
        return text
    return "".join(char for char in text if unicodedata.category(char) != "Cf")


def prose_text(text: str) -> str:
    """Untrusted prose as shown: visible text with square brackets turned into parentheses.

    No statement can then pass for one of the export's "[n]" or "[claim: id]" citations.
    """
    return visible_text(text).replace("[", "(").replace("]", ")")


def web_url(url: str | None) -> str | None:
    """The URL made safe to link to if it is http(s) with a host, else None (show it as text).

    A URL holding control or format characters (a bidi override can hide its real end) or
    white space other than a space is refused; credentials before the host are dropped.
    """
    if not url:
        return None
    candidate = url.strip()
    if any(_unfit_for_url(char) for char in candidate):
        return None
    if not candidate.lower().startswith(_WEB_SCHEMES):
        return None
    scheme, rest = candidate.split("://", 1)
    authority = rest.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
    host = authority.rsplit("@", 1)[-1]  # credentials ("user:secret@") are never shown
    if not host.strip():
        return None
    candidate = f"{scheme}://{host}{rest[len(authority) :]}"
    return "".join(_URL_UNSAFE.get(char, char) for char in candidate)


def ordered_sections(record: DossierRecord) -> list[WrittenSection]:
    """The record's written sections in DOSSIER_SECTIONS order (SOURCES last, if present)."""
    return [record.sections[name] for name in DOSSIER_SECTIONS if name in record.sections]


def ordered_sources(record: DossierRecord) -> list[DossierSource]:
    """The record's sources by number."""
    return sorted(record.sources, key=lambda source: source.number)


def dossier_date(record: DossierRecord) -> str:
    """The dossier's date (released, else updated, else created) as YYYY-MM-DD, or 'undated'."""
    moment = record.released_at or record.updated_at or record.created_at
    return moment.date().isoformat() if moment is not None else "undated"


def _text(item: dict[str, Any], key: str) -> str:
    value = item.get(key)
    if value is None or isinstance(value, (dict, list)):
        return ""
    return str(value)


def contact_entries(record: DossierRecord) -> list[ContactEntry]:
    """The contacts of the record's outreach copy, in stored order."""
    contacts = record.copy_.get("contacts")
    if not isinstance(contacts, list):
        return []
    entries: list[ContactEntry] = []
    for item in contacts:
        if not isinstance(item, dict):
            continue
        name = _text(item, "name").strip() or _text(item, "contact_id").strip() or "Unnamed contact"
        role = ", ".join(
            part for part in (_text(item, "title"), _text(item, "organization")) if part.strip()
        )
        texts = tuple(
            (label, _text(item, key)) for key, label in _CONTACT_TEXTS if _text(item, key).strip()
        )
        evidence = item.get("evidence_claims")
        claims = tuple(str(cid) for cid in evidence) if isinstance(evidence, list) else ()
        entries.append(ContactEntry(name=name, role=role, texts=texts, evidence_claims=claims))
    return entries


def media_entries(record: DossierRecord) -> list[MediaEntry]:
    """The image assets of the record's media, in stored order."""
    assets = record.media.get("image_assets")
    if not isinstance(assets, list):
        return []
    return [
        MediaEntry(
            asset_id=_text(item, "asset_id"),
            asset_type=_text(item, "asset_type"),
            caption=_text(item, "caption_suggested").strip() or _text(item, "image_url"),
            image_url=_text(item, "image_url"),
            source_page_url=_text(item, "source_page_url"),
        )
        for item in assets
        if isinstance(item, dict)
    ]
