"""Source documents hold only text the store can keep: lone surrogates become U+FFFD."""

from __future__ import annotations

from pathlib import Path

from engine.models import SourceDocument
from engine.store import Store


def test_a_lone_surrogate_in_front_matter_is_replaced_and_the_source_stored(
    tmp_path: Path,
) -> None:
    document = SourceDocument(
        source_id="doc_001",
        path="a.md",
        title="\ud800 Borealis",
        text="Borealis Nickel \udfff announced.",
        tier="OTHER",
        images=[{"url": "https://example.com/i.png", "caption": "\ud800"}],
    )
    assert document.title == "\ufffd Borealis" and "\udfff" not in document.text
    assert document.images[0]["caption"] == "\ufffd"
    with Store(tmp_path / "w.duckdb") as store:
        store.save_sources("org", "run", [document])
        assert store.list_sources("org", "run") == [document]
