"""The Plan page's logic: the claims x sections routing matrix, analyst edits, coverage.

`routing_matrix` turns a run's plan into one row per claim with a boolean column per dossier
section; `plan_from_matrix` turns an edited matrix (all of it, or the filtered rows the analyst
saw) back into a plan, touching only the claims it contains; `save_matrix` and `move_and_save`
store the result as the analyst's new plan version (via `save_analyst_plan`), which the next
rebuild writes from. Everything is vectorised in polars so a run of thousands of claims stays fast.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime

import polars as pl

from engine.models import DOSSIER_SECTIONS, Claim, DossierPlan, InvalidInput, SectionName
from engine.models.dossier import SECTION_TITLES
from engine.models.plan import SectionRoute
from engine.models.run import RunRecord
from engine.pipeline.rebuild import save_analyst_plan
from engine.planning import claim_order
from engine.planning.edit import ANALYST_REASON, move_claim
from engine.store import Store

STATEMENT_CHARS = 120
CLAIM_COLUMNS = ("claim_id", "claim_type", "statement")
UNROUTED = "UNROUTED"
RUN_CHOICES = 50


@dataclass(frozen=True)
class RunChoice:
    """A run the Plan page offers, with its latest plan number (None: no plan yet)."""

    run: RunRecord
    plan_no: int | None


@dataclass(frozen=True)
class PlanView:
    """What the Plan page shows of one run: its latest plan, versions, claims and matrix."""

    run: RunRecord
    plan_no: int
    plan: DossierPlan
    versions: list[tuple[int, str, datetime]]
    claims: list[Claim]
    matrix: pl.DataFrame
    dossier_status: str | None


@dataclass(frozen=True)
class SavedPlan:
    """The outcome of an edit: the new plan number (None when nothing changed) and what changed."""

    plan_no: int | None
    changed: list[SectionName]


def routing_matrix(plan: DossierPlan, claims: Sequence[Claim]) -> pl.DataFrame:
    """One row per claim (id, type, clipped statement) and a True in each section it feeds."""
    ordered = sorted(claims, key=lambda claim: claim_order(claim.claim_id))
    frame = pl.DataFrame(
        {
            "claim_id": [claim.claim_id for claim in ordered],
            "claim_type": [claim.claim_type.value for claim in ordered],
            "statement": [claim.statement for claim in ordered],
        },
        schema={column: pl.String for column in CLAIM_COLUMNS},
    )
    flat = pl.col("statement").str.replace_all(r"\s+", " ").str.strip_chars()
    clipped = (
        pl.when(flat.str.len_chars() > STATEMENT_CHARS)
        .then(flat.str.slice(0, STATEMENT_CHARS - 1) + "…")
        .otherwise(flat)
    )
    routes = {section: _route(plan, section).claim_ids for section in DOSSIER_SECTIONS}
    return frame.with_columns(
        clipped.alias("statement"),
        *(_one_of("claim_id", ids).alias(section) for section, ids in routes.items()),
    )


def filter_matrix(
    matrix: pl.DataFrame,
    *,
    section: str | None = None,
    claim_types: Collection[str] = (),
    text: str = "",
) -> pl.DataFrame:
    """The rows routed to `section` (or UNROUTED: to none), of `claim_types`, containing `text`."""
    condition = pl.lit(True)
    if section == UNROUTED:
        condition &= ~pl.any_horizontal(*DOSSIER_SECTIONS)
    elif section is not None:
        condition &= pl.col(section)
    if claim_types:
        condition &= _one_of("claim_type", claim_types)
    needle = text.strip().lower()
    if needle:
        condition &= (
            pl.concat_str("claim_id", "statement", separator=" ")
            .str.to_lowercase()
            .str.contains(needle, literal=True)
        )
    return matrix.filter(condition)


def plan_from_matrix(
    plan: DossierPlan, edited_rows: pl.DataFrame, *, claim_ids: Collection[str] | None = None
) -> DossierPlan:
    """The plan with the routing of the edited rows' claims; claims not in the rows keep theirs.

    Coverage notes and resolved objects are kept. A claim the edit takes out of its last
    section joins the unmapped claims with the analyst's reason; a claim routed again leaves
    them. Claim ids must be the plan's (or, given `claim_ids`, the run's), else InvalidInput.
    """
    edited = _checked_rows(edited_rows)
    ids = edited["claim_id"].to_list()
    known = set(claim_ids) if claim_ids is not None else _plan_claim_ids(plan)
    unknown = [claim_id for claim_id in ids if claim_id not in known]
    if unknown:
        raise InvalidInput(f"claim {unknown[0]!r} is not a claim of this run's plan")
    in_rows = set(ids)
    result = plan.model_copy(deep=True)
    routing: dict[SectionName, SectionRoute] = {}
    routed_now: set[str] = set()
    for section in DOSSIER_SECTIONS:
        route = result.section_routing.get(section)
        old_ids = route.claim_ids if route else []
        checked = set(edited.filter(pl.col(section))["claim_id"].to_list())
        wanted = {claim_id for claim_id in old_ids if claim_id not in in_rows} | checked
        if route is None and wanted:
            route = SectionRoute()
        if route is not None and wanted != set(old_ids):
            route.claim_ids = sorted(wanted, key=claim_order)
        if route is not None:
            routing[section] = route
        routed_now |= wanted
    result.section_routing = routing
    unmapped = result.unmapped_claims
    listed = set(unmapped.claim_ids)
    leaving = in_rows & routed_now & listed
    unrouted_now = _routed_ids(plan) - routed_now - listed
    joining = [cid for cid in ids if cid in unrouted_now]
    if leaving:
        unmapped.claim_ids = [cid for cid in unmapped.claim_ids if cid not in leaving]
        unmapped.reasons = {k: v for k, v in unmapped.reasons.items() if k not in leaving}
    if joining:
        unmapped.claim_ids = sorted([*unmapped.claim_ids, *joining], key=claim_order)
        unmapped.reasons.update(dict.fromkeys(joining, ANALYST_REASON))
    return result


def changed_sections(old: DossierPlan, new: DossierPlan) -> list[SectionName]:
    """The sections whose routed claims, resolved objects or coverage notes differ."""
    return [section for section in DOSSIER_SECTIONS if _route(old, section) != _route(new, section)]


def section_titles(sections: Sequence[str]) -> str:
    """Section names as their titles, comma-separated ('none' for no section)."""
    return ", ".join(SECTION_TITLES.get(section, section) for section in sections) or "none"


def routed_sections(plan: DossierPlan, claim_id: str) -> list[SectionName]:
    """The sections the claim is routed to, in dossier order."""
    return [s for s in DOSSIER_SECTIONS if claim_id in _route(plan, s).claim_ids]


def move_destinations(plan: DossierPlan, claim_id: str) -> list[SectionName]:
    """The sections the claim can move to: those it does not feed yet, in dossier order."""
    fed = set(routed_sections(plan, claim_id))
    return [s for s in DOSSIER_SECTIONS if s not in fed]


def coverage_table(plan: DossierPlan) -> pl.DataFrame:
    """Per section: title, routed claim count, resolved object count and coverage notes."""
    routes = [_route(plan, section) for section in DOSSIER_SECTIONS]
    return pl.DataFrame(
        {
            "section": list(DOSSIER_SECTIONS),
            "title": [SECTION_TITLES[section] for section in DOSSIER_SECTIONS],
            "claims": [len(route.claim_ids) for route in routes],
            "resolved_objects": [len(route.resolved_object_ids) for route in routes],
            "coverage_notes": [route.coverage_notes for route in routes],
        },
        schema_overrides={"claims": pl.Int64, "resolved_objects": pl.Int64},
    )


def unmapped_table(plan: DossierPlan, claims: Sequence[Claim]) -> pl.DataFrame:
    """The unmapped claims with type, statement and the reason they feed no section."""
    by_id = {claim.claim_id: claim for claim in claims}
    unmapped = plan.unmapped_claims
    found = [by_id.get(claim_id) for claim_id in unmapped.claim_ids]
    return pl.DataFrame(
        {
            "claim_id": unmapped.claim_ids,
            "claim_type": [claim.claim_type.value if claim else "" for claim in found],
            "statement": [claim.statement if claim else "" for claim in found],
            "reason": [unmapped.reasons.get(claim_id, "") for claim_id in unmapped.claim_ids],
        },
        schema={column: pl.String for column in ("claim_id", "claim_type", "statement", "reason")},
    )


def plan_runs(store: Store, org_id: str, *, limit: int = RUN_CHOICES) -> list[RunChoice]:
    """The newest runs (at most `limit`), each with its latest plan number."""
    choices = []
    for run in store.list_runs(org_id, limit=limit):
        versions = store.list_plans(org_id, run.run_id)
        choices.append(RunChoice(run, versions[-1][0] if versions else None))
    return choices


def default_run(choices: Sequence[RunChoice], preferred: str | None) -> str | None:
    """The preferred run if offered, else the newest run with a plan, else the newest run."""
    run_ids = [choice.run.run_id for choice in choices]
    if preferred in run_ids:
        return preferred
    planned = [choice.run.run_id for choice in choices if choice.plan_no is not None]
    offered = planned or run_ids
    return offered[0] if offered else None


def plan_view(store: Store, org_id: str, run_id: str) -> PlanView | None:
    """The run's latest plan with its versions, claims and matrix; None before it has a plan."""
    run = store.get_run(org_id, run_id)
    if run is None:
        raise InvalidInput(f"run {run_id!r} does not exist")
    latest = store.latest_plan(org_id, run_id)
    if latest is None:
        return None
    plan_no, plan = latest
    claims = store.list_claims(org_id, run_id)
    dossier = store.get_dossier(org_id, run.dossier_id)
    return PlanView(
        run=run,
        plan_no=plan_no,
        plan=plan,
        versions=store.list_plans(org_id, run_id),
        claims=claims,
        matrix=routing_matrix(plan, claims),
        dossier_status=dossier.status if dossier else None,
    )


def save_matrix(
    store: Store, org_id: str, run_id: str, edited_rows: pl.DataFrame, *, base_plan_no: int
) -> SavedPlan:
    """Store the edited matrix as the analyst's new plan version (nothing if unchanged)."""
    plan = _latest(store, org_id, run_id, base_plan_no)
    claim_ids = {claim.claim_id for claim in store.list_claims(org_id, run_id)}
    return _save(
        store, org_id, run_id, plan, plan_from_matrix(plan, edited_rows, claim_ids=claim_ids)
    )


def move_and_save(
    store: Store,
    org_id: str,
    run_id: str,
    claim_id: str,
    source: SectionName,
    destination: SectionName,
    *,
    base_plan_no: int,
) -> SavedPlan:
    """Move the claim from a section it feeds to one it does not, as a new plan version."""
    plan = _latest(store, org_id, run_id, base_plan_no)
    if destination not in DOSSIER_SECTIONS:
        raise InvalidInput(f"section {destination!r} is not a dossier section")
    if claim_id not in _route(plan, source).claim_ids:
        raise InvalidInput(f"claim {claim_id!r} is not routed to {source!r}")
    if claim_id in _route(plan, destination).claim_ids:
        raise InvalidInput(
            f"claim {claim_id!r} already feeds {destination!r}: "
            f"moving it there would only take it out of {source!r}"
        )
    return _save(store, org_id, run_id, plan, move_claim(plan, claim_id, source, destination))


def _latest(store: Store, org_id: str, run_id: str, base_plan_no: int) -> DossierPlan:
    latest = store.latest_plan(org_id, run_id)
    if latest is None:
        raise InvalidInput(f"run {run_id!r} has no plan to edit yet")
    if latest[0] != base_plan_no:
        raise InvalidInput(
            f"plan version {latest[0]} was saved after version {base_plan_no} you edited; "
            "reload the page and edit the latest version"
        )
    return latest[1]


def _save(store: Store, org_id: str, run_id: str, old: DossierPlan, new: DossierPlan) -> SavedPlan:
    changed = changed_sections(old, new)
    if not changed and old.unmapped_claims == new.unmapped_claims:
        return SavedPlan(None, [])
    return SavedPlan(save_analyst_plan(store, org_id, run_id, new), changed)


def _checked_rows(edited_rows: pl.DataFrame) -> pl.DataFrame:
    missing = [c for c in ("claim_id", *DOSSIER_SECTIONS) if c not in edited_rows.columns]
    if missing:
        raise InvalidInput(f"the edited routing has no column {missing[0]!r}")
    try:
        rows = edited_rows.select(
            pl.col("claim_id").cast(pl.String),
            *(pl.col(s).cast(pl.Boolean).fill_null(False) for s in DOSSIER_SECTIONS),
        )
    except pl.exceptions.PolarsError as exc:
        raise InvalidInput(
            f"the edited routing has a value that is not true/false: {exc}"
        ) from None
    if rows["claim_id"].null_count():
        raise InvalidInput("the edited routing has a row without a claim_id")
    duplicated = rows.filter(pl.col("claim_id").is_duplicated())["claim_id"]
    if len(duplicated):
        raise InvalidInput(f"the edited routing lists claim {duplicated[0]!r} twice")
    return rows


def _one_of(column: str, values: Collection[str]) -> pl.Expr:
    return pl.col(column).is_in(pl.Series(list(values), dtype=pl.String).implode())


def _routed_ids(plan: DossierPlan) -> set[str]:
    return {cid for route in plan.section_routing.values() for cid in route.claim_ids}


def _plan_claim_ids(plan: DossierPlan) -> set[str]:
    return _routed_ids(plan) | set(plan.unmapped_claims.claim_ids)


def _route(plan: DossierPlan, section: SectionName) -> SectionRoute:
    return plan.section_routing.get(section) or SectionRoute()
