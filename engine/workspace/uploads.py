"""Uploaded source files: checked, then saved to a fresh per-run folder next to the database.

The Runs page hands over what the analyst uploaded (a name and the bytes of each file).
`save_uploads` checks the whole batch first — plain base names only (no folders, no hidden
files), `.md`, `.txt` or `.html`, not empty, UTF-8 text, at most `MAX_FILE_BYTES` each and
`MAX_FILES` in all — and refuses it with an InvalidInput naming the first bad file before
anything is written. A good batch lands in `<folder of the DB file>/uploads/<upload id>/`, the
folder a run then reads as its `sources_dir`; nothing is ever written outside that folder, and a
batch that fails while being written leaves no folder behind.
"""

from __future__ import annotations

import shutil
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from uuid import uuid4

from engine.claims.documents import DOCUMENT_SUFFIXES
from engine.models import InvalidInput

UPLOADS_DIR = "uploads"
UPLOAD_ID_PREFIX = "upl_"
MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_FILES = 50
MAX_NAME_CHARS = 200
MAX_NAME_BYTES = 255  # what most file systems allow
ALLOWED_SUFFIXES: tuple[str, ...] = tuple(sorted(DOCUMENT_SUFFIXES))


@dataclass(frozen=True)
class Upload:
    """One uploaded file: the name the browser gave and its bytes."""

    name: str
    data: bytes


def uploads_root(db_path: str | Path) -> Path:
    """The folder holding every upload batch: `uploads/` beside the database file."""
    if str(db_path) == ":memory:":
        raise InvalidInput("uploads need a database file; this workspace is in memory")
    return Path(db_path).resolve().parent / UPLOADS_DIR


def _unsafe_char(char: str) -> bool:
    return unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp") or char in '/\\:*?"<>|'


def check_upload_name(name: str) -> str:
    """The name if it is a plain, visible base name with an allowed extension; else InvalidInput."""
    if not name or not name.strip():
        raise InvalidInput("an uploaded file has no name")
    if name != name.strip():
        raise InvalidInput(f"uploaded file {name!r}: the name starts or ends with white space")
    if "/" in name or "\\" in name or name in (".", ".."):
        raise InvalidInput(f"uploaded file {name!r}: only a file name is allowed, not a path")
    if name.startswith("."):
        raise InvalidInput(f"uploaded file {name!r}: hidden files are not accepted")
    if any(_unsafe_char(char) for char in name):
        raise InvalidInput(
            f"uploaded file {name!r}: the name holds control, invisible or reserved characters"
        )
    if len(name) > MAX_NAME_CHARS or len(name.encode("utf-8", "replace")) > MAX_NAME_BYTES:
        raise InvalidInput(
            f"uploaded file {name!r}: the name is longer than {MAX_NAME_CHARS} characters "
            f"or {MAX_NAME_BYTES} bytes"
        )
    suffix = Path(name).suffix.lower()
    if suffix not in ALLOWED_SUFFIXES:
        allowed = ", ".join(ALLOWED_SUFFIXES)
        raise InvalidInput(f"uploaded file {name!r}: only {allowed} files are accepted")
    return name


def check_upload(upload: Upload) -> None:
    """Refuse an upload whose name, size or content is unfit, naming the file."""
    name = check_upload_name(upload.name)
    size = len(upload.data)
    if size == 0:
        raise InvalidInput(f"uploaded file {name!r} is empty")
    if size > MAX_FILE_BYTES:
        raise InvalidInput(
            f"uploaded file {name!r} is {size / 1_048_576:.1f} MB; "
            f"the limit is {MAX_FILE_BYTES // 1_048_576} MB a file"
        )
    try:
        text = upload.data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidInput(
            f"uploaded file {name!r} is not UTF-8 text (bad byte at offset {exc.start})"
        ) from None
    if "\x00" in text:
        raise InvalidInput(f"uploaded file {name!r} is a binary file, not text")


def check_batch(uploads: Sequence[Upload]) -> None:
    """Refuse a batch that is empty, too large, repeats a name, or holds one bad file."""
    if not uploads:
        raise InvalidInput("no files were uploaded; add .md, .txt or .html files")
    if len(uploads) > MAX_FILES:
        raise InvalidInput(f"{len(uploads)} files were uploaded; the limit is {MAX_FILES}")
    seen: set[str] = set()
    for upload in uploads:
        check_upload(upload)
        folded = upload.name.casefold()
        if folded in seen:
            raise InvalidInput(f"uploaded file {upload.name!r} appears more than once")
        seen.add(folded)


def write_new_file(path: Path, data: bytes) -> None:
    """Write a file that must not exist yet."""
    with path.open("xb") as handle:
        handle.write(data)


def save_uploads(db_path: str | Path, uploads: Sequence[Upload]) -> Path:
    """Check the batch, save it to a new folder under uploads/, and return that folder."""
    check_batch(uploads)
    root = uploads_root(db_path)
    folder = root / f"{UPLOAD_ID_PREFIX}{uuid4().hex[:12]}"
    root.mkdir(parents=True, exist_ok=True)
    folder.mkdir()
    try:
        for upload in uploads:
            target = folder / upload.name
            if target.parent != folder:  # check_upload_name already refuses such names
                raise InvalidInput(f"uploaded file {upload.name!r}: not a plain file name")
            write_new_file(target, upload.data)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return folder


def discard_uploads(db_path: str | Path, folder: str | Path) -> bool:
    """Remove an upload folder (a launch that failed); False if it is not one of ours."""
    path = Path(folder).resolve()
    root = uploads_root(db_path)
    if path.parent != root or not path.name.startswith(UPLOAD_ID_PREFIX) or not path.is_dir():
        return False
    shutil.rmtree(path, ignore_errors=True)
    return True
