"""The difference between two versions of a dossier: headline fields, sources and sections.

Pure functions over two `DossierRecord`s (`version_diff`), and `compare_versions` to load two
stored versions. A section counts as changed when anything stored about it differs (text,
citations or routing); its text is compared one sentence a line, with its claim ids.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Literal

from engine.export.citations import ordered_sources, visible_text
from engine.models import InvalidInput
from engine.models.dossier import SECTION_TITLES, DossierRecord, DossierSource, WrittenSection
from engine.models.plan import DOSSIER_SECTIONS
from engine.store import Store


def source_label(source: DossierSource) -> str:
    """A source as plain text: "name — url" (whichever it has)."""
    parts = [visible_text(part) for part in (source.name, source.url) if part and part.strip()]
    return " — ".join(parts) or "Unnamed source"


@dataclass(frozen=True)
class SectionChange:
    """How one section differs between two versions."""

    section: str
    title: str
    kind: Literal["changed", "added", "removed"]
    text_diff: str
    cited_added: list[str] = field(default_factory=list)
    cited_removed: list[str] = field(default_factory=list)
    routed_added: list[str] = field(default_factory=list)
    routed_removed: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class FieldChange:
    """A headline field that changed (lead score, status, timing, ...)."""

    name: str
    old: str
    new: str


@dataclass(frozen=True)
class DossierDiff:
    """What changed from one version of a dossier to another."""

    old_version: int
    new_version: int
    sections: list[SectionChange]
    fields: list[FieldChange]
    sources_added: list[str]
    sources_removed: list[str]
    sources_changed: list[str]

    @property
    def changed_sections(self) -> list[str]:
        """The names of the sections that differ, in dossier order."""
        return [change.section for change in self.sections]

    @property
    def has_changes(self) -> bool:
        """Whether anything differs at all."""
        sources = (self.sources_added, self.sources_removed, self.sources_changed)
        return bool(self.sections or self.fields or any(sources))


def section_lines(section: WrittenSection | None) -> list[str]:
    """A section's text as diffable lines: one sentence per line with its `[claim_id]`s."""
    if section is None:
        return []
    return [
        visible_text(s.text) + " " + "".join(f"[{cid}]" for cid in s.claim_ids)
        for s in section.sentences
    ]


def _added(old: list[str], new: list[str]) -> list[str]:
    return [item for item in dict.fromkeys(new) if item not in set(old)]


def _section_change(
    name: str, old: WrittenSection | None, new: WrittenSection | None
) -> SectionChange:
    old_lines, new_lines = section_lines(old), section_lines(new)
    label = SECTION_TITLES.get(name, name)
    diff = difflib.unified_diff(
        old_lines, new_lines, f"{label} (old)", f"{label} (new)", lineterm=""
    )
    old_cited = old.cited_claim_ids if old else []
    new_cited = new.cited_claim_ids if new else []
    old_routed = old.routed_claim_ids if old else []
    new_routed = new.routed_claim_ids if new else []
    return SectionChange(
        section=name,
        title=label,
        kind="added" if old is None else "removed" if new is None else "changed",
        text_diff="\n".join(diff),
        cited_added=_added(old_cited, new_cited),
        cited_removed=_added(new_cited, old_cited),
        routed_added=_added(old_routed, new_routed),
        routed_removed=_added(new_routed, old_routed),
    )


def _headline(record: DossierRecord) -> dict[str, str]:
    lead = record.find_lead
    return {
        "lead score": str(record.lead_score),
        "status": record.status,
        "timing urgency": lead.timing_urgency,
        "the angle": lead.the_angle,
        "one-liner": lead.one_liner,
        "score explanation": lead.score_explanation,
    }


def _source_key(source: DossierSource) -> tuple[str, str]:
    return (source.url or "", source.name or "")


def version_diff(old: DossierRecord, new: DossierRecord) -> DossierDiff:
    """The difference between two versions: sections, headline fields and sources."""
    sections = [
        _section_change(name, old.sections.get(name), new.sections.get(name))
        for name in DOSSIER_SECTIONS
        if old.sections.get(name) != new.sections.get(name)
    ]
    old_head, new_head = _headline(old), _headline(new)
    fields = [
        FieldChange(name, old_head[name], new_head[name])
        for name in old_head
        if old_head[name] != new_head[name]
    ]
    old_sources = {_source_key(s): s for s in ordered_sources(old)}
    new_sources = {_source_key(s): s for s in ordered_sources(new)}
    changed = [
        source_label(source)
        for key, source in new_sources.items()
        if key in old_sources
        and (source.used_in, source.claim_ids)
        != (old_sources[key].used_in, old_sources[key].claim_ids)
    ]
    return DossierDiff(
        old_version=old.version,
        new_version=new.version,
        sections=sections,
        fields=fields,
        sources_added=[source_label(s) for k, s in new_sources.items() if k not in old_sources],
        sources_removed=[source_label(s) for k, s in old_sources.items() if k not in new_sources],
        sources_changed=changed,
    )


def compare_versions(
    store: Store, org_id: str, dossier_id: str, old_version: int, new_version: int
) -> DossierDiff:
    """Load two stored versions of the dossier and diff them; InvalidInput names a missing one."""
    records = []
    for version in (old_version, new_version):
        record = store.get_dossier_version(org_id, dossier_id, version)
        if record is None:
            raise InvalidInput(f"dossier {dossier_id!r} has no version {version}")
        records.append(record)
    return version_diff(records[0], records[1])
