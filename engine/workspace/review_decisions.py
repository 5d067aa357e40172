"""The analyst's decisions on a run's review items, stored as reviews the next merge applies.

`decide_conflict` and `decide_ambiguous` check a decision against the open item of the run's
latest merge it decides, as the merge applies it (engine.merge.reviews for conflicts and
dismissals, engine.merge.contact_units for people), and store it; `undo_decision` deletes one.
A review's id comes from the kind and claims of the item it decides (`review_id_for`), so deciding
an item again replaces the earlier decision. `describe_review` says in one line what a review
decides. The board that shows these items and decisions is engine.workspace.review.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Literal

from engine.merge.ranking import sort_claim_ids
from engine.models import (
    AmbiguousItem,
    Claim,
    Conflict,
    InvalidInput,
    MergeResult,
    ResolvedContact,
    Review,
    ReviewDecision,
)
from engine.store import Store

ConflictChoice = Literal["ACCEPT", "PICK_VALUE", "DISMISS"]
# What the merge honours for each kind of item (engine.merge.reviews, engine.merge.contacts).
DECISIONS_BY_KIND: dict[str, tuple[ReviewDecision, ...]] = {
    "CONFLICT": ("PICK_VALUE", "DISMISS"),
    "CONTACT": ("SAME_PERSON", "DIFFERENT_PERSON", "DISMISS"),
    "TIMELINE": ("DISMISS",),
}
_PERSON_DECISIONS = ("SAME_PERSON", "DIFFERENT_PERSON")


def review_id_for(item_kind: str, claim_ids: Sequence[str]) -> str:
    """The id of a decision on the item of this kind over these claims (in any order)."""
    if item_kind not in DECISIONS_BY_KIND:
        raise InvalidInput(f"unknown item kind {item_kind!r}")
    if not claim_ids:
        raise InvalidInput("a decision needs the claims of its item")
    digest = hashlib.sha256("\n".join(sort_claim_ids(claim_ids)).encode()).hexdigest()[:12]
    return f"review_{item_kind.lower()}_{digest}"


def decide_conflict(
    store: Store,
    org_id: str,
    run_id: str,
    claim_ids: Sequence[str],
    choice: ConflictChoice,
    *,
    chosen_claim_id: str | None = None,
    note: str = "",
    decided_by: str | None = None,
    now: datetime | None = None,
) -> Review:
    """Store the decision on the open conflict over `claim_ids`: accept, pick a value, dismiss."""
    conflict = _open_conflict(_latest_merge(store, org_id, run_id), claim_ids)
    chosen: str | None = None
    if choice == "DISMISS":
        if chosen_claim_id is not None:
            raise InvalidInput("dismissing a conflict takes no chosen claim")
    else:
        chosen = conflict.recommended_claim_id if choice == "ACCEPT" else chosen_claim_id
        if chosen is None:
            raise InvalidInput(f"the conflict on {conflict.attribute!r} has no value chosen")
        if chosen not in conflict.values:
            raise InvalidInput(
                f"claim {chosen!r} is not one of the conflict's claims "
                f"({', '.join(conflict.claims_involved)})"
            )
    review = Review(
        review_id=review_id_for("CONFLICT", conflict.claims_involved),
        decision="DISMISS" if chosen is None else "PICK_VALUE",
        claim_ids=list(conflict.claims_involved),
        chosen_claim_id=chosen,
        note=note.strip(),
        decided_by=decided_by,
        decided_at=now or datetime.now(UTC),
    )
    store.add_review(org_id, run_id, review)
    return review


def decide_ambiguous(
    store: Store,
    org_id: str,
    run_id: str,
    claim_ids: Sequence[str],
    decision: ReviewDecision,
    *,
    chosen_claim_id: str | None = None,
    same_contacts: Sequence[str] | None = None,
    note: str = "",
    decided_by: str | None = None,
    now: datetime | None = None,
) -> Review:
    """Store the decision on the open ambiguous item over `claim_ids`, as the merge applies it.

    CONTACT: SAME_PERSON joins all its contacts (or `same_contacts`), DIFFERENT_PERSON keeps its
    contacts apart (one claim of each: a review forbids any two of its claims in one contact),
    DISMISS accepts them as separate. CONFLICT: PICK_VALUE or DISMISS. TIMELINE: DISMISS.
    """
    merge = _latest_merge(store, org_id, run_id)
    item = _open_item(merge, claim_ids)
    allowed = DECISIONS_BY_KIND[item.kind]
    if decision not in allowed:
        raise InvalidInput(f"a {item.kind} item takes {', '.join(allowed)}, not {decision!r}")
    if item.kind == "CONFLICT":
        choice: ConflictChoice = "PICK_VALUE" if decision == "PICK_VALUE" else "DISMISS"
        return decide_conflict(
            store,
            org_id,
            run_id,
            item.claims_involved,
            choice,
            chosen_claim_id=chosen_claim_id,
            note=note,
            decided_by=decided_by,
            now=now,
        )
    if chosen_claim_id is not None:
        raise InvalidInput(f"{decision} takes no chosen claim")
    if same_contacts is not None and decision != "SAME_PERSON":
        raise InvalidInput(f"{decision} takes no list of contacts")
    claims = list(item.claims_involved)
    if decision in _PERSON_DECISIONS:
        claims = _person_claims(item, _item_contacts(merge, item), decision, same_contacts)
    review = Review(
        review_id=review_id_for(item.kind, item.claims_involved),
        decision=decision,
        claim_ids=claims,
        note=note.strip(),
        decided_by=decided_by,
        decided_at=now or datetime.now(UTC),
    )
    store.add_review(org_id, run_id, review)
    return review


def undo_decision(store: Store, org_id: str, run_id: str, review_id: str) -> bool:
    """Delete a decision (applied on the next rebuild); False when no review had that id."""
    return store.delete_review(org_id, run_id, review_id)


def describe_review(review: Review, claims: dict[str, Claim]) -> str:
    """One line saying what a saved review decides."""
    over = ", ".join(review.claim_ids)
    if review.decision == "PICK_VALUE" and review.chosen_claim_id is not None:
        chosen = claims.get(review.chosen_claim_id)
        value = f" ({chosen.value})" if chosen and chosen.value else ""
        return f"Keep {review.chosen_claim_id}{value} of claims {over}"
    verbs = {
        "DISMISS": "Dismiss the item over claims",
        "SAME_PERSON": "Same person:",
        "DIFFERENT_PERSON": "Different people:",
    }
    return f"{verbs.get(review.decision, review.decision)} {over}"


def _latest_merge(store: Store, org_id: str, run_id: str) -> MergeResult:
    merge = store.latest_merge(org_id, run_id)
    if merge is None:
        raise InvalidInput(f"run {run_id!r} has no merge to review yet")
    return merge


def _open_conflict(merge: MergeResult, claim_ids: Sequence[str]) -> Conflict:
    wanted = frozenset(claim_ids)
    for conflict in merge.conflicts:
        if frozenset(conflict.claims_involved) == wanted:
            return conflict
    raise InvalidInput(f"no open conflict over claims {', '.join(sort_claim_ids(wanted))}")


def _open_item(merge: MergeResult, claim_ids: Sequence[str]) -> AmbiguousItem:
    wanted = frozenset(claim_ids)
    for item in merge.ambiguous:
        if frozenset(item.claims_involved) == wanted:
            return item
    raise InvalidInput(f"no open ambiguous item over claims {', '.join(sort_claim_ids(wanted))}")


def _item_contacts(merge: MergeResult, item: AmbiguousItem) -> list[ResolvedContact]:
    """The contacts whose evidence the item names, by contact id."""
    involved = set(item.claims_involved)
    found = [c for c in merge.contacts_resolved if involved.intersection(c.evidence_claims)]
    return sorted(found, key=lambda contact: contact.contact_id)


def _person_claims(
    item: AmbiguousItem,
    contacts: Sequence[ResolvedContact],
    decision: ReviewDecision,
    same_contacts: Sequence[str] | None,
) -> list[str]:
    """The claims a SAME_PERSON / DIFFERENT_PERSON review over the item's contacts names."""
    involved = set(item.claims_involved)
    by_id = {contact.contact_id: contact for contact in contacts}
    chosen = list(by_id) if same_contacts is None else list(dict.fromkeys(same_contacts))
    unknown = [contact_id for contact_id in chosen if contact_id not in by_id]
    if unknown:
        raise InvalidInput(f"contact {unknown[0]!r} is not one of the item's contacts")
    if len(chosen) < 2:
        raise InvalidInput(f"{decision} needs at least two of the item's contacts")
    evidence = [sort_claim_ids(involved.intersection(by_id[c].evidence_claims)) for c in chosen]
    if decision == "SAME_PERSON":
        return sort_claim_ids(claim_id for claims in evidence for claim_id in claims)
    return sort_claim_ids(claims[0] for claims in evidence)
