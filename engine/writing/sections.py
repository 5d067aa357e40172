"""The offline section writers: one deterministic, extractive writer per dossier section.

`write_section` dispatches on `WriterInput.section`. Every writer is a pure function of its
input: the facts it states come only from the section's routed claims (instruction-like ones
dropped), every sentence cites at least one of them, and an empty route gives an empty draft.
Connective text is composed ("X is expected in March 2026; earlier reports gave Q3 2025, since
superseded"); claim text stays plain.
Bump `WRITER_VERSION` whenever the output for the same input changes, so stored sections are
rewritten.
"""

from __future__ import annotations

from collections.abc import Callable

from engine.models.dossier import SECTION_TITLES, SectionDraft
from engine.models.plan import SectionName
from engine.writing.inputs import WriterInput
from engine.writing.section_assets import write_media, write_sources
from engine.writing.section_company import write_intro, write_opportunity
from engine.writing.section_people import write_contacts, write_deal_strategy, write_outreach
from engine.writing.section_text import usable_claims
from engine.writing.section_timing import write_score, write_why_now

WRITER_VERSION = "extractive-1"

SectionWriter = Callable[[WriterInput], SectionDraft]

SECTION_WRITERS: dict[SectionName, SectionWriter] = {
    "INTRO": write_intro,
    "SCORE": write_score,
    "WHY_THEYLL_BUY_NOW": write_why_now,
    "OPPORTUNITY": write_opportunity,
    "VERIFIED_CONTACTS": write_contacts,
    "DEAL_STRATEGY": write_deal_strategy,
    "OUTREACH": write_outreach,
    "MEDIA": write_media,
    "SOURCES": write_sources,
}


def write_section(inp: WriterInput) -> SectionDraft:
    """The draft of one section, written from its routed claims only."""
    if inp.section not in SECTION_WRITERS:
        raise ValueError(f"no writer for section {inp.section!r}")
    if not usable_claims(inp.claims):
        return SectionDraft(section=inp.section, title=SECTION_TITLES[inp.section])
    return SECTION_WRITERS[inp.section](inp)
