"""Which claims the default dossier plan keeps out of every section, and why.

Checked in this order (the first reason found is the one reported):
1. rejected in review: the claims of a PICK_VALUE review that state another value than the chosen
   claim (a claim agreeing with the chosen value stays). Reviews apply oldest first
   (by `decided_at`, undated first, then `review_id`), so a later review that picks a claim
   brings it back.
2. instruction-like: a statement that reads as an instruction to a model, not a fact, or one
   kept only as data (guard.KEPT_AS_DATA_PREFIXES: a model's draft that its cited document does
   not show, or shows only in text that instructs the reader). The reason always opens with
   "instruction-like", which the plan step protects from the model's plan advice.
3. open conflicts: of a conflict the merge still holds, the claims stating another value than its
   recommended claim. A conflict with no recommendation keeps all its claims (the writer sees
   both values and the coverage note says a review is needed).
4. off-target: a claim about an entity unrelated to the target, its group, project or partners.
5. NOTE with LOW confidence: a general note (unless it is about public funding or its
   conditions, routes.is_funding_claim: "the agreement contains clawback terms ...").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from engine.claims.guard import UNGROUNDED_NOTE_PREFIX
from engine.merge.values import normalize_value
from engine.models.claims import Claim, ClaimType, Confidence
from engine.models.merge import MergeResult
from engine.models.reviews import Review, review_order
from engine.packs.facts import is_instruction_like
from engine.packs.index import NameIndex
from engine.packs.orgs import off_target
from engine.planning.routes import is_funding_claim


def _states_same_value(claim_id: str, chosen_id: str, claims: Mapping[str, Claim]) -> bool:
    """True when both claims are known and state the same value of the same attribute."""
    claim, chosen = claims.get(claim_id), claims.get(chosen_id)
    if claim is None or chosen is None or not claim.attribute or claim.value is None:
        return False
    if claim.attribute != chosen.attribute or chosen.value is None:
        return False
    key = normalize_value(claim.attribute, claim.value)
    return bool(key) and key == normalize_value(chosen.attribute, chosen.value)


def review_rejections(
    reviews: Sequence[Review], claims: Mapping[str, Claim] | None = None
) -> dict[str, str]:
    """Claim id -> 'rejected in review <review_id>' for claims a PICK_VALUE review did not pick.

    A claim stating the same value as the picked one (given `claims`, by id) is not rejected.
    """
    known = claims or {}
    rejected: dict[str, str] = {}
    picks = sorted((r for r in reviews if r.decision == "PICK_VALUE"), key=review_order)
    for review in picks:
        chosen = review.chosen_claim_id or ""
        for claim_id in review.claim_ids:
            if claim_id == chosen or _states_same_value(claim_id, chosen, known):
                rejected.pop(claim_id, None)
            else:
                rejected[claim_id] = f"rejected in review {review.review_id}"
    return rejected


def conflict_exclusions(
    merge: MergeResult, claims: Mapping[str, Claim] | None = None
) -> dict[str, str]:
    """Claim id -> reason for the non-recommended claims of the merge's open conflicts.

    A claim stating the recommended value (given `claims`, by id) is not excluded.
    """
    known = claims or {}
    excluded: dict[str, str] = {}
    for conflict in sorted(merge.conflicts, key=lambda c: c.conflict_id):
        chosen = conflict.recommended_claim_id
        if chosen is None:
            continue
        for claim_id in sorted(conflict.claims_involved):
            if claim_id != chosen and not _states_same_value(claim_id, chosen, known):
                excluded.setdefault(
                    claim_id,
                    f"{conflict.conflict_id}: not recommended "
                    f"({conflict.attribute}: {chosen} preferred)",
                )
    return excluded


def exclusion_reasons(
    claims: Sequence[Claim],
    merge: MergeResult,
    reviews: Sequence[Review],
    related: Sequence[str],
) -> dict[str, str]:
    """Claim id -> why the claim is routed to no section, for every excluded claim."""
    by_id = {claim.claim_id: claim for claim in claims}
    rejected = review_rejections(reviews, by_id)
    conflicted = conflict_exclusions(merge, by_id)
    related_index = NameIndex(related)
    reasons: dict[str, str] = {}
    for claim in claims:
        claim_id = claim.claim_id
        if claim_id in rejected:
            reasons[claim_id] = rejected[claim_id]
        elif claim.statement.startswith(UNGROUNDED_NOTE_PREFIX):
            reasons[claim_id] = (
                "instruction-like/low-relevance: not shown by its cited document, kept as data"
            )
        elif is_instruction_like(claim):
            reasons[claim_id] = (
                "instruction-like/low-relevance: reads as an instruction, not a fact"
            )
        elif claim_id in conflicted:
            reasons[claim_id] = conflicted[claim_id]
        elif (other := off_target(claim, related_index)) is not None:
            reasons[claim_id] = f"off-target: about {other}"
        elif (
            claim.claim_type is ClaimType.NOTE
            and claim.confidence is Confidence.LOW
            and not is_funding_claim(claim)
        ):
            reasons[claim_id] = "NOTE with LOW confidence: general note"
    return reasons
