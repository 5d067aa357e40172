"""Workspace settings (DESIGN §7): which backend and model runs use, and how many steps at once.

The environment gives the defaults (`WORKBENCH_BACKEND`, `WORKBENCH_MODEL`, `OPENAI_BASE_URL`,
`WORKBENCH_CONCURRENCY`); what an analyst saves in the Settings page overrides them for the
workspace. The API key is never a setting: only whether one is set is shown.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from engine.models.run import BackendName

SettingName = Literal["backend", "model", "base_url", "concurrency"]
SETTING_NAMES: tuple[SettingName, ...] = ("backend", "model", "base_url", "concurrency")
DEFAULT_MODEL = "gpt-4o-mini"


class WorkspaceSettings(BaseModel):
    """The settings a run is launched with; `api_key_set` says whether a key is available."""

    model_config = ConfigDict(extra="forbid")

    backend: BackendName = "offline"
    model: str = Field(default=DEFAULT_MODEL, min_length=1, max_length=200)
    base_url: str | None = Field(default=None, max_length=2000)
    concurrency: int = Field(default=4, ge=1, le=64)
    api_key_set: bool = False

    @field_validator("base_url")
    @classmethod
    def _web_address(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        value = value.strip()
        if not value.startswith(("http://", "https://")):
            raise ValueError(f"base URL must start with http:// or https://, got {value!r}")
        if "@" in value.split("/")[2]:
            raise ValueError("base URL must not carry credentials")
        return value

    @field_validator("model")
    @classmethod
    def _model_name(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("model must not be blank")
        return value.strip()
