"""Which files of a sources folder may be read, and reading them without leaving the folder.

The folder is walked from its real path (links resolved), hidden entries left out and hidden
folders pruned; of the files, only names with a document suffix are looked at (the rest are not
documents and are passed over in silence). Such an entry is read only if it is a regular file
whose real path lies inside the folder: a link to a file inside is read under the link's name.
Anything else is skipped, and each skip is reported through `note(relative name, reason)`:

- a link that leads outside the folder, to a file or to a folder (a folder link is never
  followed; one that leads inside is not entered either, its documents being read where they
  are);
- a broken link (its target does not exist, or the link loops);
- a FIFO, a socket or a device: told by stat before anything is opened, since opening a FIFO to
  read waits for a writer for ever.

`read_source` opens the checked real path without following a link and without blocking, checks
again that it is a regular file, and reads at most one byte past the size limit, so a file
swapped or grown after the walk is never read past what the walk allowed.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path

Note = Callable[[str, str], None]
OUTSIDE = "a link that leads outside the sources folder; not read"
OUTSIDE_FOLDER = "a link to a folder outside the sources folder; not followed"
_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_BINARY", 0)
)


class FolderTooLarge(Exception):
    """The walk met more entries (`scanned`) or documents than its limits allow."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


@dataclass(frozen=True)
class SourceFile:
    """A document found in the folder: its name there, its real path and its size in bytes."""

    relative: str
    real: Path
    size: int


def _visible(name: str) -> bool:
    return not name.startswith(".")


def _inside(real: str, root: str) -> bool:
    return real == root or os.path.commonpath([real, root]) == root


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "not a regular file"


def _checked(path: str, root: str) -> tuple[str, int] | str:
    """(real path, size) of a readable document, else the reason it is skipped."""
    try:
        status = os.lstat(path)
    except OSError as exc:
        return f"cannot be looked at ({exc.strerror or exc}); not read"
    real = path
    if stat.S_ISLNK(status.st_mode):
        real = os.path.realpath(path)
        try:
            status = os.stat(real)  # the target's kind and size only: nothing is opened
        except OSError:
            return "a broken link (its target does not exist or loops); not read"
        if not _inside(real, root):
            return OUTSIDE
    if not stat.S_ISREG(status.st_mode):
        return f"{_kind(status.st_mode)}, not a regular file; not read"
    return real, status.st_size


def _folder_link(path: str, root: str) -> str | None:
    """Why a linked subfolder is worth a notice (it leads outside), or None."""
    if not os.path.islink(path):
        return None
    return None if _inside(os.path.realpath(path), root) else OUTSIDE_FOLDER


def scan_folder(
    directory: Path,
    *,
    suffixes: Collection[str],
    max_documents: int,
    max_scanned: int,
    note: Note,
) -> list[SourceFile]:
    """The readable documents under `directory`, by relative path; FolderTooLarge past a limit."""
    root = os.path.realpath(directory)
    files: list[SourceFile] = []
    scanned = 0
    for folder, subfolders, names in os.walk(root):
        subfolders[:] = sorted(filter(_visible, subfolders))  # pruned: never walked into
        scanned += len(subfolders) + len(names)
        if scanned > max_scanned:
            raise FolderTooLarge("entries")
        for name in subfolders:  # os.walk does not follow folder links; say so for outside ones
            reason = _folder_link(os.path.join(folder, name), root)
            if reason is not None:
                note(Path(folder, name).relative_to(root).as_posix(), reason)
        for name in sorted(filter(_visible, names)):
            if Path(name).suffix.lower() not in suffixes:
                continue
            path = os.path.join(folder, name)
            relative = Path(path).relative_to(root).as_posix()
            checked = _checked(path, root)
            if isinstance(checked, str):
                note(relative, checked)
                continue
            if len(files) == max_documents:
                raise FolderTooLarge("documents")
            files.append(SourceFile(relative, Path(checked[0]), checked[1]))
    return sorted(files, key=lambda file: file.relative)


def read_source(file: SourceFile, *, max_bytes: int) -> bytes | str:
    """The file's bytes (at most max_bytes + 1), or the reason it cannot be read now.

    OSError passes through (a file that cannot be opened or read).
    """
    descriptor = os.open(file.real, _OPEN_FLAGS)
    with os.fdopen(descriptor, "rb") as handle:
        mode = os.fstat(handle.fileno()).st_mode
        if not stat.S_ISREG(mode):
            return f"{_kind(mode)}, not a regular file; not read"
        return handle.read(max_bytes + 1)
