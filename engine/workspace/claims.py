"""Claims as the Claims page sees them: one run's claims as a polars frame, filtered and counted.

`load_run_claims` reads a run's claims with the step each came from; `claims_frame` turns claims
into one row per claim; `filter_claims` narrows the frame by a `ClaimFilter` (every filter set
must match, vectorised); `type_tier_counts` and `dated_claims` give the chart data. Sources are
linkable only through `web_url` (http(s) with a host); anything else stays text.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import polars as pl

from engine.export.citations import web_url
from engine.models import Claim, ClaimType, Confidence, SourceTier
from engine.models.run import RunRecord
from engine.store import Store

RECENT_RUNS = 50
NO_STEP = "(no step)"
TYPE_ORDER: tuple[str, ...] = tuple(member.value for member in ClaimType)
TIER_ORDER: tuple[str, ...] = tuple(member.value for member in SourceTier)
CONFIDENCE_ORDER: tuple[str, ...] = tuple(member.value for member in Confidence)

FRAME_SCHEMA: dict[str, pl.DataType] = {
    "claim_id": pl.String(),
    "claim_type": pl.String(),
    "source_tier": pl.String(),
    "confidence": pl.String(),
    "step": pl.String(),
    "subject": pl.String(),
    "attribute": pl.String(),
    "value": pl.String(),
    "date_in_claim": pl.Date(),
    "reported_on": pl.Date(),
    "event_status": pl.String(),
    "statement": pl.String(),
    "source": pl.String(),
    "source_link": pl.String(),
    "entities": pl.List(pl.String()),
    "person_name": pl.String(),
}


@dataclass(frozen=True)
class RunClaims:
    """One run's claims by claim_id, the step of each, and the frame the page filters."""

    run_id: str
    claims: dict[str, Claim]
    steps: dict[str, str]
    frame: pl.DataFrame


@dataclass(frozen=True)
class ClaimFilter:
    """What the analyst narrows the claims to; an empty set or text means no constraint."""

    claim_types: frozenset[str] = frozenset()
    tiers: frozenset[str] = frozenset()
    confidences: frozenset[str] = frozenset()
    steps: frozenset[str] = frozenset()
    entity: str = ""
    text: str = ""


def run_label(run: RunRecord) -> str:
    """'target — client — created — run id' for a run picker: unique, and fixed for the run.

    A picker's browser sends back the label it shows, so a label must not change while the
    run does (its status, its plan version) and two runs must never share one.
    """
    created = run.created_at.strftime("%Y-%m-%d %H:%M")
    return f"{run.target} — {run.client_name} — {created} — {run.run_id}"


def recent_runs(store: Store, org_id: str, current_run_id: str | None = None) -> list[RunRecord]:
    """The newest runs (at most RECENT_RUNS), with the current run first if it is older."""
    runs = store.list_runs(org_id, limit=RECENT_RUNS)
    if current_run_id and all(run.run_id != current_run_id for run in runs):
        current = store.get_run(org_id, current_run_id)
        if current is not None:
            runs.insert(0, current)
    return runs


def load_run_claims(store: Store, org_id: str, run_id: str) -> RunClaims:
    """The run's claims with the steps that saved them, in one query."""
    claims: dict[str, Claim] = {}
    steps: dict[str, str] = {}
    for claim, step_id in store.list_claims_with_steps(org_id, run_id):
        claims[claim.claim_id] = claim
        if step_id is not None:
            steps[claim.claim_id] = step_id
    return RunClaims(run_id, claims, steps, claims_frame(claims.values(), steps))


def _source_text(claim: Claim, link: str | None) -> str | None:
    if claim.source_name and claim.source_name.strip():
        return claim.source_name
    return None if link else claim.source_url


def claims_frame(claims: Iterable[Claim], steps: Mapping[str, str] | None = None) -> pl.DataFrame:
    """One row per claim: ids, type, tier, confidence, step, structure, dates, text, source."""
    steps = steps or {}
    rows = []
    for claim in claims:
        link = web_url(claim.source_url)
        rows.append(
            {
                "claim_id": claim.claim_id,
                "claim_type": claim.claim_type.value,
                "source_tier": claim.source_tier.value,
                "confidence": claim.confidence.value,
                "step": steps.get(claim.claim_id),
                "subject": claim.subject,
                "attribute": claim.attribute,
                "value": claim.value,
                "date_in_claim": claim.date_in_claim,
                "reported_on": claim.reported_on,
                "event_status": claim.event_status.value if claim.event_status else None,
                "statement": claim.statement,
                "source": _source_text(claim, link),
                "source_link": link,
                "entities": list(claim.entities),
                "person_name": claim.person.name if claim.person else None,
            }
        )
    return pl.DataFrame(rows, schema=FRAME_SCHEMA)


def step_options(frame: pl.DataFrame) -> list[str]:
    """The steps present in the frame, sorted, with NO_STEP last if some claim has none."""
    present = frame.get_column("step")
    options = sorted(present.drop_nulls().unique().to_list())
    return [*options, NO_STEP] if present.null_count() else options


def _haystack(*columns: str, lists: tuple[str, ...] = ()) -> pl.Expr:
    parts = [pl.col(name).fill_null("") for name in columns]
    parts += [pl.col(name).list.join("\n").fill_null("") for name in lists]
    return pl.concat_str(parts, separator="\n").str.to_lowercase()


def _step_condition(steps: frozenset[str]) -> pl.Expr:
    condition = pl.col("step").is_in(sorted(steps - {NO_STEP}))
    return condition | pl.col("step").is_null() if NO_STEP in steps else condition


def filter_claims(frame: pl.DataFrame, claim_filter: ClaimFilter) -> pl.DataFrame:
    """The rows that match every filter set (AND); text matches ignore case."""
    conditions: list[pl.Expr] = []
    for column, chosen in (
        ("claim_type", claim_filter.claim_types),
        ("source_tier", claim_filter.tiers),
        ("confidence", claim_filter.confidences),
    ):
        if chosen:
            conditions.append(pl.col(column).is_in(sorted(chosen)))
    if claim_filter.steps:
        conditions.append(_step_condition(claim_filter.steps))
    entity = claim_filter.entity.strip().lower()
    if entity:
        haystack = _haystack("subject", "person_name", lists=("entities",))
        conditions.append(haystack.str.contains(entity, literal=True))
    text = claim_filter.text.strip().lower()
    if text:
        haystack = _haystack("statement", "value", "source")
        conditions.append(haystack.str.contains(text, literal=True))
    return frame.filter(pl.all_horizontal(conditions)) if conditions else frame


def _rank(column: str, order: tuple[str, ...]) -> pl.Expr:
    ranks = {name: index for index, name in enumerate(order)}
    return pl.col(column).replace_strict(ranks, default=len(order), return_dtype=pl.Int32)


def type_tier_counts(frame: pl.DataFrame) -> pl.DataFrame:
    """Claims per (claim_type, source_tier) present, in type order then GOV > ... > OTHER."""
    counts = frame.group_by("claim_type", "source_tier").agg(pl.len().alias("claims"))
    return counts.sort(_rank("claim_type", TYPE_ORDER), _rank("source_tier", TIER_ORDER)).select(
        "claim_type", "source_tier", pl.col("claims").cast(pl.Int64)
    )


def dated_claims(frame: pl.DataFrame) -> pl.DataFrame:
    """Claims with a date: `when` is date_in_claim, else reported_on (`date_basis` says which)."""
    in_claim = pl.col("date_in_claim").is_not_null()
    return (
        frame.with_columns(
            pl.coalesce("date_in_claim", "reported_on").alias("when"),
            pl.when(in_claim)
            .then(pl.lit("in claim"))
            .otherwise(pl.lit("reported"))
            .alias("date_basis"),
        )
        .filter(pl.col("when").is_not_null())
        .sort("when", "claim_id")
    )


def claim_fields(claim: Claim, step: str | None) -> pl.DataFrame:
    """Every field of the claim (and its person) as text, one row each, for a detail table."""
    fields: list[tuple[str, str | None]] = [
        ("claim_id", claim.claim_id),
        ("step", step),
        ("claim_type", claim.claim_type.value),
        ("statement", claim.statement),
        ("entities", ", ".join(claim.entities)),
        ("date_in_claim", claim.date_in_claim.isoformat() if claim.date_in_claim else None),
        ("reported_on", claim.reported_on.isoformat() if claim.reported_on else None),
        ("source_name", claim.source_name),
        ("source_url", claim.source_url),
        ("source_tier", claim.source_tier.value),
        ("confidence", claim.confidence.value),
        ("subject", claim.subject),
        ("attribute", claim.attribute),
        ("value", claim.value),
        ("event_status", claim.event_status.value if claim.event_status else None),
    ]
    if claim.person is not None:
        fields += [(f"person.{name}", value) for name, value in claim.person.model_dump().items()]
    return pl.DataFrame(
        {"field": [name for name, _ in fields], "value": [value or "" for _, value in fields]},
        schema={"field": pl.String(), "value": pl.String()},
    )
