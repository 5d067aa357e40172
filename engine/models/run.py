"""Runs (DESIGN §5, §9): what a run asks for, its record, its steps, and its progress events.

A run turns a client, a target and sources into an assembled dossier. The runner records every
step as a `StepRecord` (output, claims added, timing, error) and emits `RunEvent`s that a UI
polls. `RunSummary` is the one-line contract `workbench run --json` prints.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

Template = Literal["dossier", "research_report"]
BackendName = Literal["offline", "openai"]
RunStatus = Literal["queued", "running", "paused", "succeeded", "partial", "failed", "cancelled"]
StepStatus = Literal["pending", "running", "succeeded", "failed", "skipped", "cancelled"]
EventKind = Literal[
    "run_started",
    "sources_skipped",
    "run_resumed",
    "step_started",
    "step_retry",
    "step_warning",
    "claims_added",
    "step_finished",
    "step_failed",
    "step_skipped",
    "run_paused",
    "run_finished",
    "run_cancelled",
]

FINISHED_RUN_STATUSES: frozenset[str] = frozenset({"succeeded", "partial", "failed", "cancelled"})
FINISHED_STEP_STATUSES: frozenset[str] = frozenset({"succeeded", "failed", "skipped"})


class RunRequest(BaseModel):
    """What the analyst asks for when launching a run."""

    model_config = ConfigDict(extra="forbid")

    client_name: str = Field(min_length=1)
    target: str = Field(min_length=1, max_length=200)
    template: Template = "dossier"
    backend: BackendName = "offline"
    model: str | None = None
    sources_dir: str | None = None
    pause_after_insight: bool = False

    @field_validator("client_name", "target")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must not be blank")
        return value.strip()


class RunRecord(BaseModel):
    """One run as stored: the request, its ids, its status and timing."""

    model_config = ConfigDict(extra="forbid")

    run_id: str
    dossier_id: str
    client_id: str
    client_name: str
    target: str
    template: Template
    backend: BackendName
    model: str | None = None
    sources_dir: str | None = None
    pause_after_insight: bool = False
    status: RunStatus
    error: str | None = None
    cancel_requested: bool = False
    created_at: datetime
    started_at: datetime | None = None
    finished_at: datetime | None = None


class StepRecord(BaseModel):
    """One step of one run: status, output, claims added, timing and error."""

    model_config = ConfigDict(extra="forbid")

    run_id: str
    step_id: str
    status: StepStatus
    attempts: int = 0
    output: dict[str, Any] | None = None
    error: str | None = None
    claims_added: int = 0
    started_at: datetime | None = None
    finished_at: datetime | None = None
    duration_ms: int | None = None


class RunEvent(BaseModel):
    """One progress event of a run, numbered in order (`seq` starts at 1 per run)."""

    model_config = ConfigDict(extra="forbid")

    run_id: str
    seq: int
    kind: EventKind
    step_id: str | None = None
    detail: dict[str, Any] = Field(default_factory=dict)
    at: datetime


class RunSummary(BaseModel):
    """The one line `workbench run --json` prints (DESIGN §9, contract)."""

    model_config = ConfigDict(extra="forbid")

    run_id: str
    dossier_id: str
    status: RunStatus
    claims: int
    sections: int
    lead_score: int | None
    llm_calls: int
    tokens: int
    cost_usd: float
    error: str | None
