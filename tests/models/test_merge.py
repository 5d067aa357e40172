"""The merge result's contract JSON: exactly seed 003's keys, timestamp in UTC with Z."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from engine.models import MergeResult, MergeSummary
from engine.models.merge import MERGE_RESULT_KEYS


def empty_result(stamp: datetime) -> MergeResult:
    summary = MergeSummary(
        total_claims=0,
        contacts_resolved=0,
        timelines_resolved=0,
        conflicts_found=0,
        ambiguous_items=0,
        passed_through=0,
    )
    return MergeResult(
        reconciliation_timestamp=stamp,
        target_entity="Wyloo Metals",
        summary=summary,
        contacts_resolved=[],
        timelines_resolved=[],
        conflicts=[],
        ambiguous=[],
        pass_through=[],
    )


def test_contract_json_has_exactly_the_seed_keys() -> None:
    data = empty_result(datetime(2025, 1, 11, 12, 0, tzinfo=UTC)).contract_json()
    assert tuple(data) == MERGE_RESULT_KEYS
    assert data["reconciliation_timestamp"] == "2025-01-11T12:00:00Z"


def test_timestamp_with_an_offset_is_converted_to_utc() -> None:
    plus_two = timezone(timedelta(hours=2))
    data = empty_result(datetime(2025, 1, 11, 14, 5, 9, tzinfo=plus_two)).contract_json()
    assert data["reconciliation_timestamp"] == "2025-01-11T12:05:09Z"
