"""Step graphs per run template: which steps, in what dependency order (DESIGN §5).

Step ids are a contract. `needs` are hard dependencies (a failed need skips the step); `after`
are soft ones (wait for them, run even if they failed — the merge goes on without a failed
enrichment). `critical` steps fail the whole run. `media` reads only the sources, so it starts
once the critical steps are done and runs beside the rest; the section writers wait for it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass

from engine.pipeline.context import StepContext, StepResult
from engine.steps.assemble import assemble
from engine.steps.briefings import icp_job_titles_step
from engine.steps.contacts import enrich_contacts
from engine.steps.insight import insight
from engine.steps.media import media
from engine.steps.plan import dossier_plan
from engine.steps.research import CLAIM_PREFIXES, research_step
from engine.steps.sections import write_sections

StepFunction = Callable[[StepContext], Awaitable[StepResult]]
ENRICHMENT_STEPS = ("enrich_lead", "enrich_opportunity", "client_specific", "enrich_contacts")
CRITICAL_STEPS = frozenset({"search_signal", "entity_research"})
PAUSE_AFTER = "insight"


@dataclass(frozen=True)
class StepSpec:
    """One step of a template: its id, function, dependencies and claim prefix."""

    step_id: str
    run: StepFunction
    needs: tuple[str, ...] = ()
    after: tuple[str, ...] = ()
    claims_prefix: str | None = None

    @property
    def critical(self) -> bool:
        """Whether a failure of this step fails the run."""
        return self.step_id in CRITICAL_STEPS

    @property
    def waits_for(self) -> tuple[str, ...]:
        """Every step that must finish first."""
        return self.needs + self.after


def _research(step_id: str, needs: tuple[str, ...]) -> StepSpec:
    return StepSpec(step_id, research_step(step_id), needs, (), CLAIM_PREFIXES[step_id])


DOSSIER_GRAPH: tuple[StepSpec, ...] = (
    StepSpec("icp_job_titles", icp_job_titles_step),  # no research needed: starts at once
    _research("search_signal", ()),
    _research("entity_research", ("search_signal",)),
    _research("contact_discovery", ("entity_research",)),
    _research("enrich_lead", ("contact_discovery",)),
    _research("enrich_opportunity", ("contact_discovery",)),
    _research("client_specific", ("contact_discovery",)),
    # after the other research steps: every page's people are known before copy is written
    StepSpec("enrich_contacts", enrich_contacts, ("contact_discovery",), ENRICHMENT_STEPS[:3]),
    StepSpec("insight", insight, ("contact_discovery",), ENRICHMENT_STEPS),
    StepSpec("media", media, ("entity_research",)),
    StepSpec("dossier_plan", dossier_plan, ("insight",), ("media",)),
    StepSpec("write_sections", write_sections, ("dossier_plan", "insight"), ("media",)),
    StepSpec("assemble", assemble, ("write_sections",)),
)
DOSSIER_STEP_IDS: tuple[str, ...] = tuple(spec.step_id for spec in DOSSIER_GRAPH)
TEMPLATES: Mapping[str, tuple[StepSpec, ...]] = {"dossier": DOSSIER_GRAPH}


def template_steps(template: str) -> tuple[StepSpec, ...]:
    """The step graph of a run template."""
    if template not in TEMPLATES:
        raise ValueError(
            f"template {template!r} is not available yet; choose from {sorted(TEMPLATES)}"
        )
    return TEMPLATES[template]


def downstream(steps: Sequence[StepSpec], step_ids: Sequence[str]) -> list[str]:
    """The given steps and every step that (transitively) waits for them, in graph order."""
    marked = set(step_ids)
    for spec in steps:
        if marked & set(spec.waits_for):
            marked.add(spec.step_id)
    return [spec.step_id for spec in steps if spec.step_id in marked]


def critical_path_ms(steps: Sequence[StepSpec], durations: Mapping[str, float]) -> float:
    """The longest chain of step durations through the graph (a lower bound on wall time)."""
    finish: dict[str, float] = {}
    for spec in steps:
        start = max((finish[dep] for dep in spec.waits_for), default=0.0)
        finish[spec.step_id] = start + durations.get(spec.step_id, 0.0)
    return max(finish.values(), default=0.0)
