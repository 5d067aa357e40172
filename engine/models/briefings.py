"""Intel briefings (seed 001, DESIGN §10): ICP job titles, company and person briefings.

Three research products, each one row per key and queryable on its own:
- `IcpJobTitles`: the job titles of the people who buy what a client company sells, keyed by
  the client company's domain;
- `CompanyIntelBriefing`: a target company seen through one client's lens, keyed by the
  target's domain and the client's name (the same company has one briefing per client lens);
- `PersonIntelBriefing`: one person at a target through one client's lens, keyed by the
  person's name, their current company and the client's name.

Each record holds the briefing as produced (`raw_output`, a JSON object), what produced it
(`processor`: `offline` or `openai:MODEL`, `provider_call_id`: the logged model call or None,
`source_run_id` + `source_step_id`), and its times. Key parts are kept twice: as given, for
display, and in key form (engine.briefings.keys) in the store's unique key, so a missing part
(no client lens, no company) dedups like any other value.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

QUERY_LIMIT_MAX = 1_000
QUERY_LIMIT_DEFAULT = 100


class _Provenance(BaseModel):
    """What produced a briefing, and when it was first and last stored."""

    model_config = ConfigDict(extra="forbid")

    id: str
    raw_output: dict[str, Any]
    provider_call_id: str | None = None
    processor: str | None = None
    source_run_id: str | None = None
    source_step_id: str | None = None
    created_at: datetime
    updated_at: datetime


class IcpJobTitles(_Provenance):
    """The buyers' job titles for one client company (unique per org and company domain)."""

    company_domain: str = Field(min_length=1)
    company_name: str | None = None
    company_description: str | None = None


class CompanyIntelBriefing(_Provenance):
    """A target company through one client's lens (unique per domain and client name)."""

    company_domain: str = Field(min_length=1)
    company_name: str | None = None
    client_company_name: str | None = None
    client_company_description: str | None = None


class PersonIntelBriefing(_Provenance):
    """One person at a target through one client's lens (unique per name, company, client)."""

    person_full_name: str = Field(min_length=1)
    person_linkedin_url: str | None = None
    person_current_company_name: str | None = None
    person_current_job_title: str | None = None
    client_company_name: str | None = None
    client_company_description: str | None = None
    customer_company_name: str | None = None


ICP_FIELDS = ("company_domain", "company_name", "company_description")
COMPANY_FIELDS = (
    "company_domain",
    "company_name",
    "client_company_name",
    "client_company_description",
)
PERSON_FIELDS = (
    "person_full_name",
    "person_linkedin_url",
    "person_current_company_name",
    "person_current_job_title",
    "client_company_name",
    "client_company_description",
    "customer_company_name",
)
PROVENANCE_FIELDS = (
    "id",
    "raw_output",
    "provider_call_id",
    "processor",
    "source_run_id",
    "source_step_id",
    "created_at",
    "updated_at",
)


class IcpJobTitle(BaseModel):
    """One buyer's job title a client sells to, with how much it weighs in a deal and why."""

    model_config = ConfigDict(extra="forbid")

    title: str = Field(min_length=1)
    priority: Literal["HIGH", "MEDIUM", "LOW"]
    why: str
    source_field: Literal["icp", "services", "description", "differentiators"]


class IcpJobTitlesOutput(BaseModel):
    """What the `icp_job_titles` step produces for a client (`raw_output` of its row)."""

    model_config = ConfigDict(extra="forbid")

    company_name: str
    company_domain: str | None = None
    company_description: str | None = None
    job_titles: list[IcpJobTitle] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
