"""The Review page's board: what is open in a run's latest merge, and what has been decided.

`review_runs` lists the runs the page offers. `review_items` gathers a `ReviewBoard`: the open
conflicts grouped by value with their claims, the open ambiguous items with their claims and
contacts, the merge's contacts and timelines, the decisions the merge applied and the decisions
saved since (pending until a rebuild merges again). `contacts_frame` and `timeline_frame` turn
contacts and a timeline into tables. Making and undoing decisions is
engine.workspace.review_decisions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal

import polars as pl

from engine.merge.ranking import strength_key
from engine.merge.values import normalize_value
from engine.models import (
    AmbiguousItem,
    AppliedDecision,
    Claim,
    Conflict,
    InvalidInput,
    MergeResult,
    ResolvedContact,
    Review,
    ReviewDecision,
    Timeline,
)
from engine.models.reviews import review_order
from engine.models.run import RunRecord
from engine.pipeline.rebuild import REBUILDABLE
from engine.steps.insight import reviews_fingerprint
from engine.store import Store
from engine.workspace.review_decisions import (
    _PERSON_DECISIONS,
    DECISIONS_BY_KIND,
    _item_contacts,
    describe_review,
    review_id_for,
)

DecisionState = Literal["applied", "changed", "undone"]
REVIEW_RUN_LIMIT = 50
_CONTACT_COLUMNS = "contact_id name role organization resolution confidence evidence linkedin email"
_TIMELINE_COLUMNS = "date_reported status value claim_id event_date source tier"
_DATE_COLUMNS = ("date_reported", "event_date")


@dataclass(frozen=True)
class ValueOption:
    """One value of a conflict and the claims stating it; `claim_id` is the claim a pick keeps."""

    value: str
    claims: list[Claim]
    claim_id: str
    recommended: bool


@dataclass(frozen=True)
class ConflictView:
    """An open conflict, its values side by side, and a saved decision the merge has not seen."""

    conflict: Conflict
    review_id: str
    options: list[ValueOption]
    pending: Review | None


@dataclass(frozen=True)
class AmbiguousView:
    """An open ambiguous item with its claims, the contacts it names and the decisions it takes."""

    item: AmbiguousItem
    review_id: str
    claims: list[Claim]
    contacts: list[ResolvedContact]
    decisions: tuple[ReviewDecision, ...]
    options: list[ValueOption]
    pending: Review | None


@dataclass(frozen=True)
class DecisionView:
    """A decision the merge applied; `review` is the stored review now (None once undone)."""

    applied: AppliedDecision
    claims: list[Claim]
    review: Review | None
    state: DecisionState


@dataclass(frozen=True)
class PendingChange:
    """A decision saved or undone since the latest merge."""

    review_id: str
    change: Literal["saved", "undone"]
    description: str


@dataclass(frozen=True)
class ReviewBoard:
    """Everything the Review page shows for one run."""

    run: RunRecord
    merge: MergeResult | None
    conflicts: list[ConflictView]
    ambiguous: list[AmbiguousView]
    contacts: list[ResolvedContact]
    timelines: list[Timeline]
    decided: list[DecisionView]
    claims: dict[str, Claim]
    pending: bool
    changes: list[PendingChange]
    rebuild_blocker: str | None


@dataclass(frozen=True)
class RunChoices:
    """The runs the page offers (newest first) and the one to show first."""

    runs: list[RunRecord]
    default_run_id: str | None


def review_runs(store: Store, org_id: str, preferred: str | None = None) -> RunChoices:
    """The newest runs; the preferred run if listed, else the newest that has a merge."""
    runs = store.list_runs(org_id, limit=REVIEW_RUN_LIMIT)
    ids = [run.run_id for run in runs]
    if preferred in ids:
        return RunChoices(runs, preferred)
    merged = next((i for i in ids if store.latest_merge(org_id, i) is not None), None)
    return RunChoices(runs, merged or (ids[0] if ids else None))


def review_items(store: Store, org_id: str, run_id: str) -> ReviewBoard:
    """The run's review board: open items, decisions applied and decisions pending a rebuild."""
    run = store.get_run(org_id, run_id)
    if run is None:
        raise InvalidInput(f"run {run_id!r} does not exist")
    merge = store.latest_merge(org_id, run_id)
    claims = {claim.claim_id: claim for claim in store.list_claims(org_id, run_id)}
    reviews = store.list_reviews(org_id, run_id)
    insight = store.get_step(org_id, run_id, "insight")
    used = (insight.output or {}).get("reviews_fingerprint") if insight else None
    pending = used != reviews_fingerprint(reviews) if insight else bool(reviews)
    seen_until = _utc(insight.started_at) if insight and insight.started_at else None
    applied_ids = {d.review_id for d in merge.decisions} if merge else set()
    unseen = [r for r in reviews if pending and _unseen(r, seen_until, applied_ids)]
    dossier = store.get_dossier(org_id, run.dossier_id)
    released = dossier is not None and dossier.status == "released"
    if merge is None:
        return ReviewBoard(
            run, None, [], [], [], [], [], claims, pending, [], _blocker(run, released)
        )
    stored = {review.review_id: review for review in reviews}
    unseen_ids = {review.review_id for review in unseen}
    changes = [PendingChange(r.review_id, "saved", describe_review(r, claims)) for r in unseen]
    changes += [
        PendingChange(d.review_id, "undone", f"Undone: {d.description}")
        for d in {d.review_id: d for d in merge.decisions}.values()
        if d.review_id not in stored and pending
    ]
    decided = [
        DecisionView(
            applied=d,
            claims=_claims(claims, d.claims_involved),
            review=stored.get(d.review_id),
            state="undone"
            if d.review_id not in stored
            else ("changed" if d.review_id in unseen_ids else "applied"),
        )
        for d in merge.decisions
    ]
    return ReviewBoard(
        run=run,
        merge=merge,
        conflicts=[_conflict_view(c, claims, unseen) for c in merge.conflicts],
        ambiguous=[_ambiguous_view(item, merge, claims, unseen) for item in merge.ambiguous],
        contacts=list(merge.contacts_resolved),
        timelines=list(merge.timelines_resolved),
        decided=decided,
        claims=claims,
        pending=pending,
        changes=changes,
        rebuild_blocker=_blocker(run, released),
    )


def contacts_frame(contacts: Sequence[ResolvedContact]) -> pl.DataFrame:
    """The resolved contacts as a table (LinkedIn and email as plain text)."""
    rows = [
        [
            c.contact_id,
            c.name,
            c.current_role,
            c.organization,
            c.resolution,
            str(c.confidence),
            ", ".join(c.evidence_claims),
            c.linkedin_url,
            c.email,
        ]
        for c in contacts
    ]
    return pl.DataFrame(
        rows, schema=dict.fromkeys(_CONTACT_COLUMNS.split(), pl.String), orient="row"
    )


def timeline_frame(timeline: Timeline, claims: dict[str, Claim]) -> pl.DataFrame:
    """A timeline's reports in order: when reported, status, value, the event date, the source."""
    rows = []
    for event in timeline.history:
        claim = claims.get(event.claim_id)
        source = (
            (claim.date_in_claim, claim.source_name, str(claim.source_tier))
            if claim
            else (None, None, None)
        )
        rows.append([event.date_reported, str(event.status), event.value, event.claim_id, *source])
    schema = {
        name: pl.Date if name in _DATE_COLUMNS else pl.String for name in _TIMELINE_COLUMNS.split()
    }
    return pl.DataFrame(rows, schema=schema, orient="row")


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _unseen(review: Review, seen_until: datetime | None, applied: set[str]) -> bool:
    """True when the latest merge cannot have read the review (saved after the merge began)."""
    if seen_until is None:
        return True
    if review.decided_at is None:
        return review.review_id not in applied
    return _utc(review.decided_at) >= seen_until


def _claims(claims: dict[str, Claim], claim_ids: Sequence[str]) -> list[Claim]:
    return [claims[claim_id] for claim_id in claim_ids if claim_id in claims]


def _value_options(conflict: Conflict, claims: dict[str, Claim]) -> list[ValueOption]:
    """The conflict's claims grouped by normalized value, strongest value first."""
    groups: dict[str, list[Claim]] = {}
    for claim in _claims(claims, conflict.claims_involved):
        key = normalize_value(conflict.attribute, conflict.values.get(claim.claim_id, ""))
        groups.setdefault(key, []).append(claim)
    options = []
    for members in groups.values():
        members.sort(key=strength_key)
        ids = [claim.claim_id for claim in members]
        recommended = conflict.recommended_claim_id in ids
        keep = next((i for i in ids if i == conflict.recommended_claim_id), ids[0])
        options.append(ValueOption(conflict.values[keep], members, keep, recommended))
    return sorted(options, key=lambda o: (not o.recommended, strength_key(o.claims[0])))


def _pending_for(
    unseen: Sequence[Review], kind: str, claim_ids: Sequence[str], values: dict[str, str]
) -> Review | None:
    """The latest decision saved since the merge that the next merge will apply to this item."""
    wanted = set(claim_ids)

    def applies(review: Review) -> bool:
        if review.decision not in DECISIONS_BY_KIND[kind]:
            return False
        if review.decision in _PERSON_DECISIONS:
            return set(review.claim_ids) <= wanted
        if review.decision == "PICK_VALUE" and review.chosen_claim_id not in values:
            return False
        return wanted <= set(review.claim_ids)

    return max((r for r in unseen if applies(r)), key=review_order, default=None)


def _conflict_view(
    conflict: Conflict, claims: dict[str, Claim], unseen: list[Review]
) -> ConflictView:
    return ConflictView(
        conflict=conflict,
        review_id=review_id_for("CONFLICT", conflict.claims_involved),
        options=_value_options(conflict, claims),
        pending=_pending_for(unseen, "CONFLICT", conflict.claims_involved, conflict.values),
    )


def _ambiguous_view(
    item: AmbiguousItem, merge: MergeResult, claims: dict[str, Claim], unseen: list[Review]
) -> AmbiguousView:
    involved = set(item.claims_involved)
    twin = next((c for c in merge.conflicts if set(c.claims_involved) == involved), None)
    return AmbiguousView(
        item=item,
        review_id=review_id_for(item.kind, item.claims_involved),
        claims=_claims(claims, item.claims_involved),
        contacts=_item_contacts(merge, item) if item.kind == "CONTACT" else [],
        decisions=DECISIONS_BY_KIND[item.kind],
        options=_value_options(twin, claims) if twin else [],
        pending=_pending_for(unseen, item.kind, item.claims_involved, twin.values if twin else {}),
    )


def _blocker(run: RunRecord, released: bool) -> str | None:
    """Why decisions cannot be applied by a rebuild now, or None."""
    if run.status == "paused":
        return "The run is paused after insight: decisions are applied when it resumes."
    if run.status in ("queued", "running"):
        return "The run is executing: rebuild when it has finished."
    if run.status not in REBUILDABLE:
        return f"The run is {run.status}: only a finished run can be rebuilt."
    if released:
        return "The dossier is released: released dossiers are frozen."
    return None
