"""Uploaded source files: good batches saved to a fresh folder, bad ones refused by name, nothing
written outside the folder, and a refused batch leaves no folder behind."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.models import InvalidInput
from engine.workspace import uploads as uploads_module
from engine.workspace.uploads import (
    MAX_FILE_BYTES,
    MAX_FILES,
    UPLOADS_DIR,
    Upload,
    discard_uploads,
    save_uploads,
    write_new_file,
)

TEXT = b"Borealis Nickel expects to begin construction in early 2028.\n"


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "workspace" / "w.duckdb"


def files_under(root: Path) -> list[Path]:
    return sorted(path for path in root.rglob("*") if path.is_file())


def test_good_files_are_saved_in_a_new_folder_beside_the_database(db_path: Path) -> None:
    uploads = [Upload("news.md", TEXT), Upload("filing.txt", TEXT), Upload("Page.HTML", TEXT)]
    folder = save_uploads(db_path, uploads)
    assert folder.parent == db_path.parent.resolve() / UPLOADS_DIR
    assert sorted(path.name for path in folder.iterdir()) == ["Page.HTML", "filing.txt", "news.md"]
    assert (folder / "news.md").read_bytes() == TEXT
    again = save_uploads(db_path, uploads)
    assert again != folder
    everything = files_under(db_path.parent.parent.resolve())
    assert everything == sorted(files_under(folder) + files_under(again))


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("../x.md", "only a file name"),
        ("../../x.md", "only a file name"),
        ("/etc/x.md", "only a file name"),
        ("..\\x.md", "only a file name"),
        ("sub/x.md", "only a file name"),
        (".hidden.md", "hidden"),
        ("..", "only a file name"),
        ("notes.pdf", "only .html, .md, .txt"),
        ("script.md.exe", "only .html, .md, .txt"),
        ("noext", "only .html, .md, .txt"),
        ("bad\u202ename.md", "invisible"),
        ("line\nbreak.md", "control"),
        (" padded.md", "white space"),
        ("\u00e9" * 130 + ".md", "255 bytes"),
        ("", "no name"),
    ],
)
def test_unsafe_names_and_wrong_extensions_are_refused_by_name(
    db_path: Path, tmp_path: Path, name: str, message: str
) -> None:
    with pytest.raises(InvalidInput, match=message) as refused:
        save_uploads(db_path, [Upload("good.md", TEXT), Upload(name, TEXT)])
    if name:
        assert repr(name) in str(refused.value)
    assert files_under(tmp_path) == []


def test_empty_oversize_binary_and_non_utf8_files_are_refused_by_name(db_path: Path) -> None:
    with pytest.raises(InvalidInput, match="'empty.md' is empty"):
        save_uploads(db_path, [Upload("empty.md", b"")])
    with pytest.raises(InvalidInput, match="'big.txt' is .* the limit is 5 MB"):
        save_uploads(db_path, [Upload("big.txt", b"a" * (MAX_FILE_BYTES + 1))])
    with pytest.raises(InvalidInput, match="'latin.md' is not UTF-8"):
        save_uploads(db_path, [Upload("latin.md", "caf\u00e9".encode("latin-1"))])
    with pytest.raises(InvalidInput, match="'db.md' is a binary file"):
        save_uploads(db_path, [Upload("db.md", b"DUCK\x00\x00\x01")])
    assert not (db_path.parent / UPLOADS_DIR).exists()


def test_a_file_at_the_size_limit_is_accepted(db_path: Path) -> None:
    folder = save_uploads(db_path, [Upload("big.txt", b"a" * MAX_FILE_BYTES)])
    assert (folder / "big.txt").stat().st_size == MAX_FILE_BYTES


def test_batches_that_are_empty_too_many_or_repeat_a_name_are_refused(db_path: Path) -> None:
    with pytest.raises(InvalidInput, match="no files were uploaded"):
        save_uploads(db_path, [])
    many = [Upload(f"doc{i}.md", TEXT) for i in range(MAX_FILES + 1)]
    with pytest.raises(InvalidInput, match=f"the limit is {MAX_FILES}"):
        save_uploads(db_path, many)
    with pytest.raises(InvalidInput, match="'News.md' appears more than once"):
        save_uploads(db_path, [Upload("news.md", TEXT), Upload("News.md", TEXT)])
    assert not (db_path.parent / UPLOADS_DIR).exists()


def test_a_batch_failing_while_written_leaves_no_folder(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    written: list[Path] = []

    def disk_full_on_second(path: Path, data: bytes) -> None:
        if written:
            raise OSError(28, "No space left on device")
        write_new_file(path, data)
        written.append(path)

    monkeypatch.setattr(uploads_module, "write_new_file", disk_full_on_second)
    with pytest.raises(OSError, match="No space left"):
        save_uploads(db_path, [Upload("a.md", TEXT), Upload("b.md", TEXT)])
    assert len(written) == 1 and not written[0].exists()
    assert list((db_path.parent / UPLOADS_DIR).iterdir()) == []


def test_discard_removes_only_upload_folders(db_path: Path, tmp_path: Path) -> None:
    folder = save_uploads(db_path, [Upload("a.md", TEXT)])
    outside = tmp_path / "keep"
    outside.mkdir()
    assert discard_uploads(db_path, outside) is False and outside.exists()
    assert discard_uploads(db_path, db_path.parent) is False and db_path.parent.exists()
    assert discard_uploads(db_path, folder) is True and not folder.exists()
