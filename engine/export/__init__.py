"""Dossier exports (DESIGN §9 `workbench export`): one dossier record as JSON, Markdown or HTML.

`export_dossier` renders a record in one of `EXPORT_FORMATS`; `export_filename` names the file
it is saved to. Each format lives in its own module; `citations` holds what they share.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Literal, cast, get_args

from engine.export.html import dossier_html
from engine.export.jsonfmt import dossier_json
from engine.export.markdown import dossier_markdown
from engine.models.dossier import DossierRecord

ExportFormat = Literal["json", "md", "html"]
EXPORT_FORMATS: tuple[str, ...] = get_args(ExportFormat)

_RENDERERS: dict[str, Callable[[DossierRecord], str]] = {
    "json": dossier_json,
    "md": dossier_markdown,
    "html": dossier_html,
}
_UNSAFE_FILENAME_CHARS = re.compile(r"[^A-Za-z0-9_.-]+")


def check_format(fmt: object) -> ExportFormat:
    """The format if it is one of EXPORT_FORMATS, else ValueError naming it and the choices."""
    if not isinstance(fmt, str) or fmt not in EXPORT_FORMATS:
        choices = ", ".join(EXPORT_FORMATS)
        raise ValueError(f"unknown export format {fmt!r}: choose one of {choices}")
    return cast(ExportFormat, fmt)


def export_dossier(record: DossierRecord, fmt: ExportFormat) -> str:
    """The dossier rendered as `fmt` ("json", "md" or "html")."""
    return _RENDERERS[check_format(fmt)](record)


def export_filename(record: DossierRecord, fmt: ExportFormat) -> str:
    """The file name for the export, e.g. "DOSS_20261122_0001.md" (unsafe characters replaced)."""
    stem = _UNSAFE_FILENAME_CHARS.sub("_", record.dossier_id).strip("._") or "dossier"
    return f"{stem}.{check_format(fmt)}"


__all__ = [
    "EXPORT_FORMATS",
    "ExportFormat",
    "check_format",
    "export_dossier",
    "export_filename",
]
