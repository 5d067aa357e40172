"""JSON export of a dossier: the stored record as pretty, stable, round-trippable JSON.

The keys are the record's stored names (`copy`, not the attribute `copy_`) in the record's
field order, sections in dossier order; `DossierRecord.model_validate` reads it back.
"""

from __future__ import annotations

import json

from engine.models.dossier import DossierRecord


def dossier_json(record: DossierRecord) -> str:
    """The record as indented JSON (UTF-8 text kept as is, record order), ending in a newline."""
    data = record.model_dump(mode="json", by_alias=True)
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
