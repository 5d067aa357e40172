"""Source documents: the local files research reads (DESIGN §9), after parsing."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field

from engine.models.claims import SourceTier


class SourceDocument(BaseModel):
    """One parsed source: front matter plus plain text (HTML already reduced to text)."""

    model_config = ConfigDict(extra="forbid")

    source_id: str = Field(min_length=1)
    path: str
    url: str | None = None
    title: str | None = None
    source_name: str | None = None
    published: date | None = None
    source_type: str | None = None
    tier: SourceTier
    text: str
    images: list[dict[str, str]] = Field(default_factory=list)
