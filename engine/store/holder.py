"""Who holds the database file: a small note beside it, and the one-line "busy" message.

DuckDB lets one process at a time open a database file for writing; a second process gets an
`IOException` ("Could not set lock on file ... Conflicting lock is held in ... (PID N)"). That
message names a PID and a Python binary, not what the holder is doing. So a process that opens
the file under a name (the workbench app, a CLI command) writes a *holder note* beside it,
`<file>.holder`: its PID, its name and what it is doing now ("running run run_ab12"). A process
that finds the file busy reads the note, trusts it only when its PID is the one DuckDB names
(or, when DuckDB names none, when that process is alive), and says in one line who holds the
file: "the workbench app (PID 4242) is running run run_ab12". The note is removed when the
connection closes; one left by a killed process is ignored because its PID no longer matches.

The note holds no client data, only the holder's name and the run id it works on.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

_LOCK_HELD = re.compile(r"could not set lock on file", re.IGNORECASE)
_LOCK_PID = re.compile(r"\(PID (\d+)\)")
HOLDER_SUFFIX = ".holder"


@dataclass(frozen=True)
class HolderNote:
    """What the note beside the database file says about the process holding it."""

    pid: int
    holder: str
    activity: str | None = None

    def describe(self) -> str:
        """'the workbench app (PID 4242) is running run run_ab12'."""
        doing = f"is {self.activity}" if self.activity else "has it open"
        return f"{self.holder} (PID {self.pid}) {doing}"


def note_path(database_path: str) -> Path:
    """Where the holder note of a database file lives."""
    return Path(database_path + HOLDER_SUFFIX)


def write_note(database_path: str, holder: str, activity: str | None) -> None:
    """Record this process as the holder (atomically: a reader never sees half a note)."""
    path = note_path(database_path)
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    body = {"pid": os.getpid(), "holder": holder, "activity": activity}
    with contextlib.suppress(OSError):
        temporary.write_text(json.dumps(body), encoding="utf-8")
        os.replace(temporary, path)


def remove_note(database_path: str) -> None:
    """Remove the note if this process wrote it (another process's note is left alone)."""
    note = read_note(database_path)
    if note is not None and note.pid == os.getpid():
        with contextlib.suppress(OSError):
            note_path(database_path).unlink()


def read_note(database_path: str) -> HolderNote | None:
    """The note beside the file, or None when there is none or it cannot be read."""
    try:
        raw = json.loads(note_path(database_path).read_text(encoding="utf-8"))
        pid, holder = int(raw["pid"]), str(raw["holder"])[:200]
        activity = raw.get("activity")
        return HolderNote(pid, holder, None if activity is None else str(activity)[:200])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def is_lock_conflict(error: BaseException) -> bool:
    """True for DuckDB's error when another process holds the file's lock."""
    return _LOCK_HELD.search(str(error)) is not None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def holder_description(database_path: str, error: BaseException) -> str:
    """Who holds the file, from the note when it matches the PID DuckDB names."""
    found = _LOCK_PID.search(str(error))
    locking_pid = int(found.group(1)) if found else None
    note = read_note(database_path)
    if note is not None and (note.pid == locking_pid or (locking_pid is None and _alive(note.pid))):
        return note.describe()
    if locking_pid is not None:
        return f"another process (PID {locking_pid}) has it open"
    return "another process has it open"


def busy_message(database_path: str, error: BaseException, waited_s: float) -> str:
    """The one line a process that cannot open the file shows (CLI stderr, app message)."""
    who = holder_description(database_path, error)
    waited = f" (waited {waited_s:.0f} s)" if waited_s >= 1 else ""
    return f"the database {database_path!r} is busy: {who}{waited}; try again when it is done"
