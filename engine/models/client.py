"""A client: the company that wants to sell to the target, and the lens its dossiers use.

Its name is kept in one form (Unicode NFKC, whitespace collapsed: names.display_form), and two
names equal but for case are one client (the Store compares `names.name_key`). `domain` is the
client company's own web domain in key form (engine.briefings.keys.client_domain, applied where
it is typed), '' when not known: the key of its ICP job titles.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, field_validator

from engine.models.names import display_form


class Client(BaseModel):
    """A client of the workspace (unique by name within an org)."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=200)
    description: str = Field(min_length=1)
    services: str = ""
    icp: str = ""
    differentiators: str = ""
    domain: str = Field(default="", max_length=253)

    @field_validator("name", "description")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must not be blank")
        return value.strip()

    @field_validator("name")
    @classmethod
    def _one_form(cls, value: str) -> str:
        """NFKC with whitespace collapsed (names.display_form).

        Invisible characters are refused where a name is typed (names.clean_name), not here:
        a name stored by an older version still reads back.
        """
        return display_form(value)
