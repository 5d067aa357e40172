"""A client: the company that wants to sell to the target, and the lens its dossiers use."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, field_validator


class Client(BaseModel):
    """A client of the workspace (unique by name within an org)."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=200)
    description: str = Field(min_length=1)
    services: str = ""
    icp: str = ""
    differentiators: str = ""

    @field_validator("name", "description")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must not be blank")
        return value.strip()
