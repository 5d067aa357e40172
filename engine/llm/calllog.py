"""The call log and the response cache of the model client, kept in the Store for one org.

`StoreCallLog` is the `CallLog` the openai backend gives its client: every call's `CallRecord`
(its context names the run and step) becomes one `llm_calls` row. `StoreCallCache` is the
`CallCache`: validated response text by cache key in `llm_cache`, so an identical call in a later
run of the same org is answered without a request. Both are thin: the Store checks every record
before it writes (a refused record raises StoreError and stores nothing).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from engine.llm.protocol import CallRecord

if TYPE_CHECKING:
    from engine.store import Store


class StoreCallLog:
    """A CallLog writing each record to the Store's llm_calls table, in one org."""

    def __init__(self, store: Store, org_id: str) -> None:
        self.store = store
        self.org_id = org_id

    def record(self, record: CallRecord) -> None:
        """Keep one call's record (StoreError if the record is invalid; nothing is stored)."""
        self.store.save_llm_call(self.org_id, record)

    def __repr__(self) -> str:
        return f"StoreCallLog({self.store.path!r}, org_id={self.org_id!r})"


class StoreCallCache:
    """A CallCache over the Store's llm_cache table, in one org."""

    def __init__(self, store: Store, org_id: str) -> None:
        self.store = store
        self.org_id = org_id

    def get(self, key: str) -> str | None:
        """The response text cached for the key in this org, or None."""
        return self.store.cached_response(self.org_id, key)

    def put(self, key: str, model: str, response_text: str) -> None:
        """Cache a validated response for the key, replacing an older one."""
        self.store.cache_response(self.org_id, key, model, response_text)

    def __repr__(self) -> str:
        return f"StoreCallCache({self.store.path!r}, org_id={self.org_id!r})"
