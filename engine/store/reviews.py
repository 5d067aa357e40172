"""Reconciliation records of the Store: merge results (step 07B) and the analyst reviews on them.

A run may be merged several times (after each round of reviews); merges are numbered per run
(`merge_001`, `merge_002`...) and the latest is the one that counts. A merge is stored as its
contract JSON plus, beside it, the decisions it applied and its full-precision timestamp.
"""

from __future__ import annotations

from engine.models import MergeResult, Review
from engine.store.database import Database, require_key, utc_now
from engine.store.rows import (
    REVIEW_FIELDS,
    columns,
    merge_from_row,
    merge_values,
    model_values,
    review_from_row,
    validated,
    validated_merge,
)

_MERGE_NEXT_NO = "SELECT coalesce(max(merge_no), 0) + 1 FROM merges WHERE org_id = ? AND run_id = ?"
_MERGE_INSERT = (
    "INSERT INTO merges (org_id, run_id, merge_id, merge_no, target_entity, "
    "reconciliation_timestamp, result, decisions, created_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_MERGE_LATEST = (
    "SELECT merge_id, reconciliation_timestamp, result, decisions FROM merges "
    "WHERE org_id = ? AND run_id = ? ORDER BY merge_no DESC LIMIT 1"
)

_REVIEW_COLUMNS = columns(REVIEW_FIELDS)
_REVIEW_UPSERT = (
    f"INSERT INTO reviews (org_id, run_id, {_REVIEW_COLUMNS}, saved_at) "
    f"VALUES ({', '.join('?' * (len(REVIEW_FIELDS) + 3))}) "
    "ON CONFLICT (org_id, run_id, review_id) DO UPDATE SET "
    + ", ".join(f"{field} = excluded.{field}" for field in (*REVIEW_FIELDS[1:], "saved_at"))
)
_REVIEW_LIST = (
    f"SELECT {_REVIEW_COLUMNS} FROM reviews WHERE org_id = ? AND run_id = ? "
    "ORDER BY decided_at ASC NULLS LAST, review_id"
)
_REVIEW_DELETE = (
    "DELETE FROM reviews WHERE org_id = ? AND run_id = ? AND review_id = ? RETURNING review_id"
)


class ReconciliationRecords:
    """Store methods for the merges and reviews tables; every call is scoped to one org."""

    _db: Database

    def save_merge(self, org_id: str, run_id: str, result: MergeResult) -> str:
        """Store a merge result as the run's latest; return its merge_id ('merge_001'...)."""
        org_id, run_id = require_key("org_id", org_id), require_key("run_id", run_id)
        result = validated_merge(result)
        with self._db.transaction():
            row = self._db.fetchone(_MERGE_NEXT_NO, [org_id, run_id])
            merge_no = 1 if row is None else int(row[0])
            merge_id = f"merge_{merge_no:03d}"
            self._db.execute(
                _MERGE_INSERT,
                [org_id, run_id, merge_id, merge_no, *merge_values(result), utc_now()],
            )
        return merge_id

    def latest_merge(self, org_id: str, run_id: str) -> MergeResult | None:
        """The run's most recent merge result, with the decisions it applied, or None."""
        row = self._db.fetchone(
            _MERGE_LATEST, [require_key("org_id", org_id), require_key("run_id", run_id)]
        )
        return None if row is None else merge_from_row(str(row[0]), row[1], row[2], row[3])

    def add_review(self, org_id: str, run_id: str, review: Review) -> None:
        """Store an analyst decision; the same review_id again replaces the earlier one."""
        org_id, run_id = require_key("org_id", org_id), require_key("run_id", run_id)
        review = validated(Review, review, f"review {getattr(review, 'review_id', None)!r}")
        self._db.execute(
            _REVIEW_UPSERT, [org_id, run_id, *model_values(review, REVIEW_FIELDS), utc_now()]
        )

    def list_reviews(self, org_id: str, run_id: str) -> list[Review]:
        """The run's reviews, ordered by decided_at (undated last), then review_id."""
        rows = self._db.fetchall(
            _REVIEW_LIST, [require_key("org_id", org_id), require_key("run_id", run_id)]
        )
        return [review_from_row(row) for row in rows]

    def delete_review(self, org_id: str, run_id: str, review_id: str) -> bool:
        """Delete one review; return whether it existed."""
        with self._db.transaction():
            rows = self._db.fetchall(
                _REVIEW_DELETE,
                [require_key("org_id", org_id), require_key("run_id", run_id), review_id],
            )
        return bool(rows)
