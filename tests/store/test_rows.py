"""Row mapping: every model field has a column, so nothing is silently dropped on save."""

from __future__ import annotations

import pytest
from pydantic import BaseModel

from engine.models import Claim, Client, Review, SourceDocument
from engine.store import Store, StoreError
from engine.store.rows import CLAIM_FIELDS, CLIENT_FIELDS, REVIEW_FIELDS, SOURCE_FIELDS


@pytest.mark.parametrize(
    ("model", "fields"),
    [
        (Claim, CLAIM_FIELDS),
        (Client, CLIENT_FIELDS),
        (Review, REVIEW_FIELDS),
        (SourceDocument, SOURCE_FIELDS),
    ],
)
def test_the_column_list_covers_every_model_field(
    model: type[BaseModel], fields: tuple[str, ...]
) -> None:
    assert sorted(fields) == sorted(model.model_fields)


def test_a_corrupt_stored_row_is_reported_naming_it(store: Store) -> None:
    store._db.execute(
        "INSERT INTO claims (org_id, run_id, claim_id, claim_type, statement, entities, "
        "source_tier, confidence, created_at) "
        "VALUES ('org-a', 'run-1', 'search_001', 'GOSSIP', 'x', '[]', 'NEWS', 'LOW', now())"
    )
    with pytest.raises(
        StoreError, match="stored claim 'search_001' is invalid: field 'claim_type'"
    ):
        store.list_claims("org-a", "run-1")
