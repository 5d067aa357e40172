"""Source documents: the local files research reads (DESIGN §9), after parsing.

Text that cannot be stored as UTF-8 (a lone surrogate, as YAML's "\ud800" escape makes) is
replaced with U+FFFD here, at the edge, so a hostile front matter cannot fail a run's creation.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

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

    @field_validator("path", "url", "title", "source_name", "source_type", "text", mode="before")
    @classmethod
    def _storable(cls, value: Any) -> Any:
        return _LONE_SURROGATE.sub("\ufffd", value) if isinstance(value, str) else value

    @field_validator("images", mode="before")
    @classmethod
    def _storable_images(cls, value: Any) -> Any:
        if not isinstance(value, list):
            return value
        return [
            {
                str(k): _LONE_SURROGATE.sub("\ufffd", v) if isinstance(v, str) else v
                for k, v in item.items()
            }
            if isinstance(item, dict)
            else item
            for item in value
        ]


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
