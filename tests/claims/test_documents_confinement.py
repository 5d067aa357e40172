"""load_documents reads only regular files inside the sources folder; the rest is skipped, named.

A link that leads outside the folder (file or folder), a broken link, a FIFO, a socket or a
device is skipped with a warning naming it and why; a link inside the folder to a file inside it
is read. Each warning is one notice (and one logged line) per skipped entry.
"""

from __future__ import annotations

import logging
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from engine.claims.documents import load_documents

TARGET = "Borealis Nickel"
REPO = Path(__file__).resolve().parents[2]
SECRET = "root:x:0:0:SECRET-OUTSIDE-THE-FOLDER"


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "secret.txt").write_text(SECRET + "\n", encoding="utf-8")
    (folder / "inner.md").write_text(SECRET + " inner.\n", encoding="utf-8")
    return folder


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    folder = tmp_path / "sources"
    folder.mkdir()
    (folder / "a.md").write_text("Borealis Nickel opened an office in Sudbury.\n", "utf-8")
    return folder


def _load(folder: Path) -> tuple[list[str], str, list[str]]:
    notices: list[str] = []
    documents = load_documents(folder, target=TARGET, notices=notices)
    return [d.path for d in documents], " ".join(d.text for d in documents), notices


def test_a_link_to_a_file_outside_is_skipped_named_and_never_read(
    sources: Path, outside: Path
) -> None:
    (sources / "passwd.txt").symlink_to(outside / "secret.txt")
    paths, text, notices = _load(sources)
    assert paths == ["a.md"]
    assert SECRET not in text
    [notice] = notices
    assert "'passwd.txt'" in notice and "outside the sources folder" in notice


def test_a_link_to_a_folder_outside_is_not_followed_and_is_named(
    sources: Path, outside: Path
) -> None:
    (sources / "more").symlink_to(outside, target_is_directory=True)
    paths, text, notices = _load(sources)
    assert paths == ["a.md"] and SECRET not in text
    [notice] = notices
    assert "'more'" in notice and "outside the sources folder" in notice


def test_a_broken_link_is_skipped_and_named(sources: Path) -> None:
    (sources / "gone.md").symlink_to(sources / "nowhere.md")
    paths, _, notices = _load(sources)
    assert paths == ["a.md"]
    [notice] = notices
    assert "'gone.md'" in notice and "broken link" in notice


def test_links_inside_the_folder_to_files_inside_are_read(sources: Path) -> None:
    (sources / "sub").mkdir()
    (sources / "sub" / "b.txt").write_text("Borealis Nickel hired staff.\n", "utf-8")
    (sources / "alias.txt").symlink_to(Path("sub") / "b.txt")
    paths, _, notices = _load(sources)
    assert paths == ["a.md", "alias.txt", "sub/b.txt"] and notices == []


def test_a_sources_folder_given_as_a_link_reads_its_inside_links(
    tmp_path: Path, sources: Path
) -> None:
    (sources / "alias.md").symlink_to(sources / "a.md")
    link = tmp_path / "link-to-sources"
    link.symlink_to(sources, target_is_directory=True)
    paths, _, notices = _load(link)
    assert paths == ["a.md", "alias.md"] and notices == []


def test_a_fifo_is_skipped_without_being_opened(sources: Path) -> None:
    os.mkfifo(sources / "pipe.md")  # opening it to read would block for ever
    paths, _, notices = _load(sources)
    assert paths == ["a.md"]
    [notice] = notices
    assert "'pipe.md'" in notice and "FIFO" in notice


def test_a_socket_is_skipped_and_named(sources: Path) -> None:
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        server.bind(str(sources / "live.txt"))
        paths, _, notices = _load(sources)
    finally:
        server.close()
    assert paths == ["a.md"]
    [notice] = notices
    assert "'live.txt'" in notice and "socket" in notice


def test_a_device_is_skipped_and_named(sources: Path) -> None:
    try:
        os.mknod(sources / "null.txt", 0o600 | 0o020000, os.makedev(1, 3))  # char device
    except (PermissionError, AttributeError, OSError):
        pytest.skip("cannot make a device node here")
    paths, _, notices = _load(sources)
    assert paths == ["a.md"]
    [notice] = notices
    assert "'null.txt'" in notice and "device" in notice


def test_each_skipped_entry_is_logged_as_a_warning(
    sources: Path, outside: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (sources / "passwd.txt").symlink_to(outside / "secret.txt")
    (sources / "gone.md").symlink_to(sources / "nowhere.md")
    with caplog.at_level(logging.WARNING):
        load_documents(sources, target=TARGET)
    logged = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(logged) == 2
    assert any("'passwd.txt'" in line for line in logged)
    assert any("'gone.md'" in line for line in logged)


def test_extract_prints_one_stderr_line_per_skipped_file(sources: Path, outside: Path) -> None:
    (sources / "passwd.txt").symlink_to(outside / "secret.txt")
    os.mkfifo(sources / "pipe.md")
    done = subprocess.run(
        [sys.executable, "-m", "engine", "extract", "--sources", str(sources), "--target", TARGET],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert SECRET not in done.stdout
    lines = done.stderr.splitlines()
    assert len(lines) == 2, lines
    assert "'passwd.txt'" in lines[0] + lines[1] and "'pipe.md'" in lines[0] + lines[1]
