"""Fixtures for Store tests: an in-memory store, closed after each test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from engine.store import Store


@pytest.fixture
def store() -> Iterator[Store]:
    """A migrated in-memory Store."""
    with Store(":memory:") as opened:
        yield opened
