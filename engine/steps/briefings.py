"""The briefing steps of the dossier template (DESIGN §10). So far: `icp_job_titles`.

`icp_job_titles` derives the job titles of the people who buy what the client sells from the
client's own description, services and ICP (engine.briefings.icp); it needs no research, so it
starts with the run. Its output names its operation (`company.derive.icp_job_titles`) and its
processor, and the runner stores it in `icp_job_titles` as soon as it ends (auto-persist).
"""

from __future__ import annotations

from engine.briefings.icp import icp_job_titles
from engine.briefings.persist import ICP_OPERATION
from engine.pipeline.context import StepContext, StepResult


async def icp_job_titles_step(ctx: StepContext) -> StepResult:
    """The client's ICP job titles, from its own words (no model call, no claims)."""
    icp = icp_job_titles(ctx.client, domain=ctx.client.domain or None)
    return StepResult(
        output={
            "operation_id": ICP_OPERATION,
            "processor": "offline",
            "icp": icp.model_dump(mode="json"),
            "job_titles": len(icp.job_titles),
        }
    )
