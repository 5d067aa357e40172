"""The offline writers: section drafts, the citation check, the strategic insight, contact copy.

All are deterministic and extractive (no model): the facts they state come only from claims,
and every section sentence cites the claims it rests on. `inputs` holds what they receive.
"""

from engine.writing.citations import check_citations
from engine.writing.contacts import enrich_contact
from engine.writing.insight import strategic_insight
from engine.writing.sections import WRITER_VERSION, write_section

__all__ = [
    "WRITER_VERSION",
    "check_citations",
    "enrich_contact",
    "strategic_insight",
    "write_section",
]
