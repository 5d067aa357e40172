"""Shared helpers of the merge: claim-id order, evidence strength, subject keys, constants.

Every list the merge emits is ordered with these helpers so that the same claims in any
input order give the same output. Claim ids sort naturally ('doc_9' before 'doc_10').
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from functools import lru_cache

from engine.merge.text import normalize_subject
from engine.models import CONFIDENCE_RANK, TIER_RANK, Claim

# Id of an ambiguous item until the merge numbers all of them (ambiguous_001, ...).
PROVISIONAL_AMBIGUOUS_ID = "ambiguous_pending"
RESOLUTION_LOGIC = (
    "tier GOV > PRIMARY > NEWS > OTHER, then independent origins, then confidence, then most "
    "recent reported_on; a revision (a newer report superseding older estimates) takes the newest"
)


def claim_sort_key(claim_id: str) -> tuple[str, int, str]:
    """Natural sort key of a claim id: prefix, then the number, then the id itself."""
    prefix, _, number = claim_id.rpartition("_")
    return (prefix, int(number) if number.isdigit() else -1, claim_id)


def sort_claim_ids(claim_ids: Iterable[str]) -> list[str]:
    """Distinct claim ids in natural order."""
    return sorted(set(claim_ids), key=claim_sort_key)


def reported_ordinal(claim: Claim) -> int:
    """The claim's reported_on as an ordinal; 0 (oldest) when it has none."""
    return claim.reported_on.toordinal() if claim.reported_on is not None else 0


def strength_key(claim: Claim) -> tuple[int, int, int, tuple[str, int, str]]:
    """Sort key that puts the strongest claim first: tier, confidence, most recent, then id."""
    return (
        -TIER_RANK[claim.source_tier],
        -CONFIDENCE_RANK[claim.confidence],
        -reported_ordinal(claim),
        claim_sort_key(claim.claim_id),
    )


def strongest(claims: Sequence[Claim]) -> Claim:
    """The strongest claim by tier, confidence, most recent reported_on, then claim id."""
    return min(claims, key=strength_key)


def subject_text(claim: Claim, target_entity: str) -> str:
    """The subject as stated, or the target entity when the claim names none."""
    if claim.subject is not None and claim.subject.strip():
        return claim.subject.strip()
    return target_entity.strip()


@lru_cache(maxsize=1 << 16)
def _subject_key(subject: str) -> str:
    return normalize_subject(subject)


def subject_key(claim: Claim, target_entity: str) -> str:
    """Grouping key of the claim's subject (normalized; the target entity when none)."""
    return _subject_key(subject_text(claim, target_entity))


def display_subject(claims: Sequence[Claim], target_entity: str) -> str:
    """The spelling to show for a group's subject: most common, then best tier, then A-Z."""
    counts: Counter[str] = Counter()
    best_tier: defaultdict[str, int] = defaultdict(int)
    for claim in claims:
        spelling = subject_text(claim, target_entity)
        counts[spelling] += 1
        best_tier[spelling] = max(best_tier[spelling], TIER_RANK[claim.source_tier])
    return min(counts, key=lambda spelling: (-counts[spelling], -best_tier[spelling], spelling))
