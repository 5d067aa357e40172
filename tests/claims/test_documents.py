"""parse_document (pure) and load_documents (files): kinds, fallbacks, ordering and errors."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from engine.claims import documents as documents_module
from engine.claims.documents import (
    MAX_DOCUMENT_BYTES,
    MAX_DOCUMENTS,
    load_documents,
    parse_document,
    url_date,
)
from engine.models import InvalidInput, SourceTier

SOURCES = Path(__file__).parent.parent / "data" / "sources"
TARGET = "Borealis Nickel"


def test_markdown_document_is_stripped_and_tier_derived_from_url() -> None:
    raw = (
        "---\nurl: https://www.borealisnickel.com/news\npublished: 2025-06-02\n---\n"
        "# News\n\nIt **grew**.\n"
    )
    document = parse_document("news/update.md", raw, target=TARGET)
    assert document.source_id == "doc-news-update-md"
    assert document.path == "news/update.md"
    assert document.text == "News\nIt grew."
    assert document.tier is SourceTier.PRIMARY
    assert document.published == date(2025, 6, 2)
    assert document.source_name == "update.md"


def test_front_matter_tier_overrides_derivation() -> None:
    raw = "---\nurl: https://www.reuters.com/x\ntier: OTHER\n---\nText here."
    assert parse_document("a.md", raw, target=TARGET).tier is SourceTier.OTHER


def test_html_title_and_meta_date_fill_missing_front_matter() -> None:
    raw = (
        "<html><head><title>Kestrel  update</title>"
        '<meta property="article:published_time" content="2025-06-02T09:00:00Z"></head>'
        "<body><p>Hello.</p></body></html>"
    )
    document = parse_document("page.html", raw, target=TARGET)
    assert document.title == "Kestrel update"
    assert document.source_name == "Kestrel update"
    assert document.published == date(2025, 6, 2)
    assert document.text == "Hello."


def test_front_matter_wins_over_html_title_and_meta() -> None:
    raw = (
        "---\ntitle: From front matter\npublished: 2024-01-05\nsource_name: Wire\n---\n"
        '<html><head><title>From HTML</title><meta name="date" content="2025-06-02"></head>'
        "<body><p>Text.</p></body></html>"
    )
    document = parse_document("page.html", raw, target=TARGET)
    assert (document.title, document.published, document.source_name) == (
        "From front matter",
        date(2024, 1, 5),
        "Wire",
    )


def test_text_document_keeps_its_lines() -> None:
    document = parse_document("profile.txt", "Phone: 555 0100\nFax: 555 0101\n", target=TARGET)
    assert document.text == "Phone: 555 0100\nFax: 555 0101"
    assert document.tier is SourceTier.OTHER


def test_load_documents_reads_supported_files_recursively_in_path_order() -> None:
    documents = load_documents(SOURCES, target=TARGET)
    assert [d.path for d in documents] == ["alpha.md", "gamma.txt", "nested/beta.html"]
    alpha, gamma, beta = documents
    assert alpha.tier is SourceTier.PRIMARY and alpha.title == "About Borealis Nickel"
    assert beta.title == "Kestrel Lake update" and beta.published == date(2025, 6, 2)
    assert "capital_cost" not in " ".join(d.text for d in documents)
    assert gamma.text == "Borealis Nickel is a subsidiary of Tamarack Resources Ltd."


def test_load_documents_makes_colliding_source_ids_unique(tmp_path: Path) -> None:
    (tmp_path / "a_b.md").write_text("One.", encoding="utf-8")
    (tmp_path / "a-b.md").write_text("Two.", encoding="utf-8")
    ids = [d.source_id for d in load_documents(tmp_path, target=TARGET)]
    assert ids == ["doc-a-b-md", "doc-a-b-md-2"]


def test_hidden_files_and_folders_are_skipped(tmp_path: Path) -> None:
    (tmp_path / ".cache").mkdir()
    (tmp_path / ".cache" / "x.md").write_text("Hidden.", encoding="utf-8")
    (tmp_path / "seen.md").write_text("Seen.", encoding="utf-8")
    assert [d.path for d in load_documents(tmp_path, target=TARGET)] == ["seen.md"]


def test_hidden_folders_are_pruned_from_the_walk_not_entered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hidden = tmp_path / ".git" / "objects"
    hidden.mkdir(parents=True)
    for index in range(40):
        (hidden / f"{index}.md").write_text("Hidden.", encoding="utf-8")
    (tmp_path / "seen.md").write_text("Seen.", encoding="utf-8")
    monkeypatch.setattr(documents_module, "MAX_SCANNED_ENTRIES", 5)  # 40 hidden files would trip it
    assert [d.path for d in load_documents(tmp_path, target=TARGET)] == ["seen.md"]


def test_a_folder_with_too_many_documents_is_refused_naming_the_limit_and_folder(
    tmp_path: Path,
) -> None:
    for index in range(MAX_DOCUMENTS + 1):
        (tmp_path / f"doc{index:04d}.txt").write_text("Text.", encoding="utf-8")
    with pytest.raises(InvalidInput) as refused:
        load_documents(tmp_path, target=TARGET)
    message = str(refused.value)
    assert f"more than {MAX_DOCUMENTS}" in message and repr(str(tmp_path)) in message
    (tmp_path / "doc0000.txt").unlink()
    assert len(load_documents(tmp_path, target=TARGET)) == MAX_DOCUMENTS


def test_a_folder_too_large_to_scan_is_refused_naming_the_limit_and_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for index in range(6):
        (tmp_path / f"data{index}.csv").write_text("a,b", encoding="utf-8")
    (tmp_path / "seen.md").write_text("Seen.", encoding="utf-8")
    monkeypatch.setattr(documents_module, "MAX_SCANNED_ENTRIES", 5)
    with pytest.raises(InvalidInput, match=r"too large to scan \(more than 5 files") as refused:
        load_documents(tmp_path, target=TARGET)
    assert repr(str(tmp_path)) in str(refused.value)


def test_a_document_over_the_size_limit_is_refused_by_name_with_limit_and_folder(
    tmp_path: Path,
) -> None:
    (tmp_path / "small.md").write_text("Small.", encoding="utf-8")
    (tmp_path / "big.txt").write_bytes(b"x" * (MAX_DOCUMENT_BYTES + 1))
    with pytest.raises(InvalidInput, match=r"^'big\.txt': .* over the 5 MB limit") as refused:
        load_documents(tmp_path, target=TARGET)
    assert repr(str(tmp_path)) in str(refused.value)


def test_missing_directory_is_invalid_input(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="does not exist"):
        load_documents(tmp_path / "nope", target=TARGET)


def test_a_file_is_not_a_directory(tmp_path: Path) -> None:
    file = tmp_path / "a.md"
    file.write_text("x", encoding="utf-8")
    with pytest.raises(InvalidInput, match="is not a directory"):
        load_documents(file, target=TARGET)


def test_directory_without_documents_is_invalid_input(tmp_path: Path) -> None:
    (tmp_path / "data.csv").write_text("a,b", encoding="utf-8")
    with pytest.raises(InvalidInput, match=r"holds no \.md, \.txt or \.html documents"):
        load_documents(tmp_path, target=TARGET)


def test_empty_directory_is_invalid_input(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="holds no"):
        load_documents(tmp_path, target=TARGET)


def test_non_utf8_file_is_invalid_input_naming_the_file(tmp_path: Path) -> None:
    (tmp_path / "fine.md").write_text("Fine.", encoding="utf-8")  # not skipped past: refused
    (tmp_path / "latin.txt").write_bytes("Caf\xe9 Sudbury".encode("latin-1"))
    with pytest.raises(InvalidInput, match=r"^'latin\.txt': not UTF-8 text"):
        load_documents(tmp_path, target=TARGET)


def test_a_binary_file_that_decodes_as_utf8_is_invalid_input(tmp_path: Path) -> None:
    (tmp_path / "data.md").write_bytes(b"SQLite format 3\x00\x10\x00" + b"\x00" * 32)
    with pytest.raises(
        InvalidInput, match=r"^'data\.md': a binary file, not text \(NUL byte at offset 15\)"
    ):
        load_documents(tmp_path, target=TARGET)


def test_bad_front_matter_in_a_file_names_the_relative_path(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "bad.md").write_text("---\ntier: gold\n---\nx", encoding="utf-8")
    with pytest.raises(InvalidInput, match=r"^'sub/bad\.md': front matter key 'tier'"):
        load_documents(tmp_path, target=TARGET)


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    (tmp_path / "bom.md").write_bytes("\ufeff---\ntitle: T\n---\nText.".encode())
    [document] = load_documents(tmp_path, target=TARGET)
    assert document.title == "T" and document.text == "Text."


def test_credentials_in_urls_of_the_text_are_dropped() -> None:
    raw = (
        "The data room is at https://admin:hunter2@acme.example/ir for analysts.\n\n"
        '<p>Mirror: <a href="x">ftp://bob:pw@files.example/a</a>; mail ann@acme.example.</p>\n'
    )
    for name in ("a.md", "a.html", "a.txt"):
        document = parse_document(name, raw, target=TARGET)
        assert "hunter2" not in document.text and "bob:pw" not in document.text, name
        assert "https://acme.example/ir" in document.text
        assert "ann@acme.example" in document.text


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://alphastox.com/2022/09/wyloo-renames-noront", date(2022, 9, 1)),
        ("https://news.example.com/story/2021/05/04/deal-approved/4924010001/", date(2021, 5, 4)),
        ("https://acme.example.com/news/2025-06-02-schedule", date(2025, 6, 2)),
        ("https://news.example.com/2024/13/01/not-a-month", None),
        ("https://news.example.com/id/20220504", None),
        ("https://news.example.com/2022/02/30/", None),
        (None, None),
    ],
)
def test_a_date_in_the_address_dates_an_undated_page(
    url: str | None, expected: date | None
) -> None:
    assert url_date(url) == expected


def test_front_matter_dates_win_over_the_address() -> None:
    raw = "---\nurl: https://n.example.com/2022/09/x\npublished: 2023-01-05\n---\nText here.\n"
    assert parse_document("a.md", raw, target="Acme").published == date(2023, 1, 5)
    undated = "---\nurl: https://n.example.com/2022/09/x\n---\nText here.\n"
    assert parse_document("b.md", undated, target="Acme").published == date(2022, 9, 1)
