"""Conversions between pydantic models and table rows, validated at the edge both ways.

Column lists here are the single source of the column order used in INSERT and SELECT
statements. JSON columns are written with `json.dumps` and read back with `json.loads`;
timestamps (datetime values) are stored as naive UTC and come back as aware UTC datetimes.
Records of runs, steps, events and dossiers nest models in their JSON columns, so those
columns are dumped in pydantic's JSON mode (`record_values` / `record_from_row`).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from enum import Enum
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from engine.models import AppliedDecision, Claim, Client, MergeResult, Review, SourceDocument
from engine.models.dossier import DossierRecord
from engine.models.run import RunEvent, RunRecord, StepRecord
from engine.store.database import Row, StoreError, from_db_time, to_db_time

M = TypeVar("M", bound=BaseModel)

CLIENT_FIELDS = ("name", "description", "services", "icp", "differentiators", "domain")
SOURCE_FIELDS = (
    "source_id",
    "path",
    "url",
    "title",
    "source_name",
    "published",
    "source_type",
    "tier",
    "text",
    "images",
)
CLAIM_FIELDS = (
    "claim_id",
    "claim_type",
    "statement",
    "entities",
    "date_in_claim",
    "source_url",
    "source_name",
    "source_tier",
    "confidence",
    "subject",
    "attribute",
    "value",
    "event_status",
    "reported_on",
    "person",
)
REVIEW_FIELDS = (
    "review_id",
    "decision",
    "claim_ids",
    "chosen_claim_id",
    "note",
    "decided_by",
    "decided_at",
)
JSON_FIELDS = frozenset({"images", "entities", "person", "claim_ids"})
RUN_FIELDS = (
    "run_id",
    "dossier_id",
    "client_id",
    "client_name",
    "target",
    "template",
    "backend",
    "model",
    "sources_dir",
    "pause_after_insight",
    "status",
    "error",
    "cancel_requested",
    "created_at",
    "started_at",
    "finished_at",
)
STEP_FIELDS = (
    "run_id",
    "step_id",
    "status",
    "attempts",
    "output",
    "error",
    "claims_added",
    "started_at",
    "finished_at",
    "duration_ms",
)
EVENT_FIELDS = ("run_id", "seq", "kind", "step_id", "detail", "at")
DOSSIER_FIELDS = (
    "dossier_id",
    "run_id",
    "client_id",
    "client_name",
    "target_entity",
    "target_project",
    "lead_score",
    "status",
    "find_lead",
    "enrich_lead",
    "insight",
    "copy",
    "media",
    "sections",
    "sources",
    "assembled_dossier",
    "version",
    "created_at",
    "updated_at",
    "released_at",
)
RECORD_JSON_FIELDS = frozenset(
    {
        "output",
        "detail",
        "find_lead",
        "enrich_lead",
        "insight",
        "copy",
        "media",
        "sections",
        "sources",
        "assembled_dossier",
    }
)


def columns(fields: Sequence[str]) -> str:
    """The comma-separated column list for `fields` (names are constants, never user input)."""
    return ", ".join(fields)


def quoted_columns(fields: Sequence[str]) -> str:
    """The column list for `fields` with every name double-quoted (for names like "copy")."""
    return ", ".join(f'"{field}"' for field in fields)


def _first_error(exc: ValidationError) -> str:
    error = exc.errors()[0]
    location = ".".join(str(part) for part in error.get("loc", ())) or "value"
    message = str(error.get("msg", "invalid")).removeprefix("Value error, ")
    return f"field {location!r}: {message}"


def validated(model: type[M], item: object, label: str, extra: dict[str, Any] | None = None) -> M:
    """Validate `item` (a model or a mapping) afresh as `model`; raise StoreError naming it."""
    data = item.model_dump() if isinstance(item, BaseModel) else item
    if extra and isinstance(data, dict):
        data = {**data, **extra}
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise StoreError(f"{label} is invalid: {_first_error(exc)}") from None


def _to_db(field: str, value: object) -> object:
    if value is None:
        return None
    if field in JSON_FIELDS:
        return json.dumps(value)
    if isinstance(value, datetime):
        return to_db_time(value)
    if isinstance(value, Enum):
        return value.value
    return value


def _from_db(field: str, value: object) -> object:
    if value is None:
        return None
    if field in JSON_FIELDS:
        return json.loads(str(value))
    if isinstance(value, datetime):
        return from_db_time(value)
    return value


def model_values(model: BaseModel, fields: Sequence[str]) -> list[object]:
    """The column values of `model` for `fields`, in order."""
    data = model.model_dump(mode="python")
    return [_to_db(field, data[field]) for field in fields]


def model_from_row(model: type[M], fields: Sequence[str], row: Row, label: str) -> M:
    """Build `model` from a row selected with `fields`; a bad stored row raises StoreError."""
    data = {field: _from_db(field, value) for field, value in zip(fields, row, strict=True)}
    return validated(model, data, f"stored {label}")


def claim_from_row(row: Row) -> Claim:
    """A Claim from a row selected with CLAIM_FIELDS."""
    return model_from_row(Claim, CLAIM_FIELDS, row, f"claim {row[0]!r}")


def source_from_row(row: Row) -> SourceDocument:
    """A SourceDocument from a row selected with SOURCE_FIELDS."""
    return model_from_row(SourceDocument, SOURCE_FIELDS, row, f"source {row[0]!r}")


def client_from_row(row: Row) -> Client:
    """A Client from a row selected with CLIENT_FIELDS."""
    return model_from_row(Client, CLIENT_FIELDS, row, f"client {row[0]!r}")


def review_from_row(row: Row) -> Review:
    """A Review from a row selected with REVIEW_FIELDS."""
    return model_from_row(Review, REVIEW_FIELDS, row, f"review {row[0]!r}")


def validated_merge(result: MergeResult) -> MergeResult:
    """Validate a MergeResult afresh, keeping its `decisions` (excluded from model_dump)."""
    decisions = [decision.model_dump() for decision in result.decisions]
    return validated(MergeResult, result, "merge result", {"decisions": decisions})


def merge_values(result: MergeResult) -> tuple[str, object, str, str]:
    """(target_entity, reconciliation_timestamp, result JSON, decisions JSON) for the merges row.

    The contract JSON is made from the timestamp converted to UTC, so its 'Z' suffix is true
    (`contract_json()` formats the wall-clock time of whatever zone it is given).
    """
    timestamp = result.reconciliation_timestamp
    in_utc = timestamp.astimezone(UTC) if timestamp.tzinfo is not None else timestamp
    contract = result.model_copy(update={"reconciliation_timestamp": in_utc}).contract_json()
    decisions = [decision.model_dump(mode="json") for decision in result.decisions]
    return (
        result.target_entity,
        to_db_time(timestamp),
        json.dumps(contract),
        json.dumps(decisions),
    )


def merge_from_row(
    merge_id: str, timestamp: object, result: object, decisions: object
) -> MergeResult:
    """A MergeResult from its stored contract JSON, full-precision timestamp and decisions."""
    if not isinstance(timestamp, datetime):
        raise StoreError(f"stored merge {merge_id!r} has no reconciliation timestamp")
    data = json.loads(str(result))
    data["reconciliation_timestamp"] = from_db_time(timestamp)
    data["decisions"] = [
        validated(AppliedDecision, item, f"decision of stored merge {merge_id!r}")
        for item in json.loads(str(decisions))
    ]
    return validated(MergeResult, data, f"stored merge {merge_id!r}")


def record_values(model: BaseModel, fields: Sequence[str]) -> list[object]:
    """The column values of a record model; RECORD_JSON_FIELDS become JSON text."""
    plain = model.model_dump(mode="python")
    as_json = model.model_dump(mode="json")
    values: list[object] = []
    for field in fields:
        if field in RECORD_JSON_FIELDS and plain[field] is not None:
            values.append(json.dumps(as_json[field]))
        elif isinstance(plain[field], datetime):
            values.append(to_db_time(plain[field]))
        else:
            values.append(plain[field])
    return values


def record_from_row(model: type[M], fields: Sequence[str], row: Row, label: str) -> M:
    """Build a record model from a row selected with `fields` (JSON parsed, times in UTC)."""
    data: dict[str, object] = {}
    for field, value in zip(fields, row, strict=True):
        if field in RECORD_JSON_FIELDS and value is not None:
            data[field] = json.loads(str(value))
        elif isinstance(value, datetime):
            data[field] = from_db_time(value)
        else:
            data[field] = value
    return validated(model, data, f"stored {label}")


def run_from_row(row: Row) -> RunRecord:
    """A RunRecord from a row selected with RUN_FIELDS."""
    return record_from_row(RunRecord, RUN_FIELDS, row, f"run {row[0]!r}")


def step_from_row(row: Row) -> StepRecord:
    """A StepRecord from a row selected with STEP_FIELDS."""
    return record_from_row(StepRecord, STEP_FIELDS, row, f"step {row[1]!r} of run {row[0]!r}")


def event_from_row(row: Row) -> RunEvent:
    """A RunEvent from a row selected with EVENT_FIELDS."""
    return record_from_row(RunEvent, EVENT_FIELDS, row, f"event {row[1]!r} of run {row[0]!r}")


def dossier_from_row(row: Row) -> DossierRecord:
    """A DossierRecord from a row selected with DOSSIER_FIELDS."""
    return record_from_row(DossierRecord, DOSSIER_FIELDS, row, f"dossier {row[0]!r}")
