"""load_documents bounds each document: text past MAX_DOCUMENT_CHARS is cut, a far date dropped.

Both are reported as notices naming the file, like a skipped entry.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from engine.claims import documents as documents_module
from engine.claims.documents import MAX_DOCUMENT_CHARS, load_documents
from engine.cli import main

TARGET = "Borealis Nickel"
REAL = Path(__file__).resolve().parents[2] / "data" / "corpora" / "real"
LINE = "Borealis Nickel opened an office in Sudbury in 2024.\n"


def test_no_page_of_the_real_corpora_comes_near_the_cap() -> None:
    corpora = sorted(path for path in REAL.iterdir() if path.is_dir())
    assert corpora
    for corpus in corpora:
        notices: list[str] = []
        documents = load_documents(corpus, target=TARGET, notices=notices)
        assert notices == [], corpus
        assert max(len(d.text) for d in documents) < MAX_DOCUMENT_CHARS // 50


def test_text_past_the_cap_is_cut_at_a_line_and_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(documents_module, "MAX_DOCUMENT_CHARS", 1_000)
    (tmp_path / "long.txt").write_text(LINE * 100, encoding="utf-8")
    (tmp_path / "short.txt").write_text(LINE, encoding="utf-8")
    notices: list[str] = []
    long, short = load_documents(tmp_path, target=TARGET, notices=notices)
    assert 900 < len(long.text) <= 1_000
    assert long.text.endswith("2024.")  # cut where a line ends, not inside a sentence
    assert short.text == LINE.strip()
    [notice] = notices
    assert "'long.txt'" in notice and "1,000 characters" in notice


def test_a_text_with_no_line_break_is_cut_at_the_cap(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(documents_module, "MAX_DOCUMENT_CHARS", 1_000)
    (tmp_path / "one.txt").write_text(LINE.strip() * 100, encoding="utf-8")
    [document] = load_documents(tmp_path, target=TARGET)
    assert len(document.text) == 1_000


@pytest.mark.parametrize(
    "front", ["published: 9999-12-15", "published: 1850-01-01", "url: https://x.example/ok"]
)
def test_a_publication_date_outside_1900_to_2100_is_dropped_and_named(
    tmp_path: Path, front: str
) -> None:
    html = '<html><head><meta name="date" content="9999-12-15"></head><body><p>x</p></body></html>'
    name = "page.html" if front.startswith("url") else "page.md"
    body = html if name.endswith(".html") else LINE
    (tmp_path / name).write_text(f"---\n{front}\n---\n{body}", encoding="utf-8")
    notices: list[str] = []
    [document] = load_documents(tmp_path, target=TARGET, notices=notices)
    assert document.published is None
    [notice] = notices
    assert f"'{name}'" in notice and "1900-2100" in notice


def test_extract_of_a_page_dated_december_9999_succeeds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "far.md").write_text(
        "---\npublished: 9999-12-15\n---\nBorealis Nickel will start construction in "
        "December 9999 and open its Sudbury office in March 2026.\n",
        encoding="utf-8",
    )
    code = main(["extract", "--sources", str(tmp_path), "--target", TARGET])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    claims = json.loads(captured.out)
    dates = [c[key] for c in claims for key in ("date_in_claim", "reported_on") if c[key]]
    assert dates and all(date.fromisoformat(day).year < 2101 for day in dates)
    code = main(["merge", "--claims", str(_write(tmp_path / "claims.json", claims))])
    assert code == 0, capsys.readouterr().err


def _write(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path
