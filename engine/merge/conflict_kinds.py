"""What kind of conflict two values make, which values are not a conflict at all, and who wins.

- **Scope** (`value_scope`): a value that names its scope ("initial 100 MW", "potential
  1 GW", "Phase I: $1.2 billion", "peak construction workforce of 1,000", "an initial mine life
  of 11 years") is only compared with values of the same scope; a value without a scope word
  is its own scope. Different scopes are never a conflict.
- **Specificity**: for place attributes a value that only adds detail to another ("Perth" and
  "Australia", see places.py) agrees with it; the detailed value stands for both.
- **Origins** (`count_origins`): claims from one source document are one origin, and so are
  claims of other documents that repeat the same sentence (a story republished by another
  outlet: the statements match at 90 or more on rapidfuzz's token-set ratio, with the same
  value).
- **Kind** (`conflict_kind`): REVISION when the attribute can move (a cost, a capacity, a mine
  life, a workforce, a CEO: anything but the fixed facts of FIXED_FACTS such as the HQ or the
  founding year) and the newest value was first reported at least REVISION_GAP_DAYS after
  every other value was last reported (an older estimate superseded by a newer report, as with
  a mine life re-estimated year after year); DISAGREEMENT otherwise (the same measure stated
  differently at one time, interleaved reports, reports without dates, or a fixed fact).
  A page of tier OTHER (a blog, a forum, an unknown site) never revises what a named source
  reported: when any value comes from GOV, PRIMARY or NEWS, only those claims' report dates
  decide whether a newer report revised the older ones.
- **Recommendation**: for a REVISION the newest report; for a DISAGREEMENT the strongest
  value by tier, then independent origins, then confidence, then the most recent report.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from functools import lru_cache

from rapidfuzz import fuzz, process

from engine.models import CONFIDENCE_RANK, TIER_RANK, Claim, SourceTier
from engine.models.merge import ConflictKind

# Facts that do not move: two values are a disagreement whenever they were reported. (A CEO or a
# parent company does change, by succession or takeover: a newer report there is a revision.)
FIXED_FACTS: frozenset[str] = frozenset(
    {"hq_location", "founded_year", "legal_name", "website", "project_location", "ownership_pct"}
)
# Reports closer than this are one moment: their values disagree rather than revise.
REVISION_GAP_DAYS = 30
_REPEAT_SCORE = 90.0  # token-set ratio at which two statements are one story retold
_SCOPES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("initial", re.compile(r"\b(?:initial(?:ly)?|first[- ]phase|first\s+stage|starting)\b", re.I)),
    (
        "potential",
        re.compile(
            r"\b(?:potential(?:ly)?|eventual(?:ly)?|ultimate(?:ly)?|"
            r"full[- ]build(?:-?out)?|at\s+full\s+capacity|expan\w*)\b",
            re.I,
        ),
    ),
    ("peak", re.compile(r"\bpeak\b", re.I)),
    ("phase", re.compile(r"\b(?:phase|stage)\s+(?:[ivx]+|\d+|one|two|three)\b", re.I)),
    ("total", re.compile(r"\b(?:total|combined|overall|whole|entire|cumulative)\b", re.I)),
)


@lru_cache(maxsize=1 << 14)
def value_scope(value: str) -> str:
    """The scope words a value names ("initial", "phase 2", ...), "" when it names none."""
    scopes: list[str] = []
    for name, pattern in _SCOPES:
        match = pattern.search(value)
        if match is None:
            continue
        scopes.append(" ".join(match.group(0).lower().split()) if name == "phase" else name)
    return "+".join(scopes)


def _origin_key(claim: Claim) -> str:
    return claim.source_url or claim.source_name or f"claim:{claim.claim_id}"


def count_origins(claims: Sequence[Claim]) -> int:
    """Independent origins among claims of one value (a republished story counts once)."""
    representatives: list[str] = []
    seen_sources: set[str] = set()
    seen_statements: set[str] = set()
    for claim in claims:
        key = _origin_key(claim)
        if key in seen_sources:
            continue
        seen_sources.add(key)
        statement = " ".join(claim.statement.lower().split())
        if statement in seen_statements:
            continue
        seen_statements.add(statement)
        repeated = process.extractOne(
            statement, representatives, scorer=fuzz.token_set_ratio, score_cutoff=_REPEAT_SCORE
        )
        if repeated is None:
            representatives.append(statement)
    return len(representatives)


def _dates(claims: Sequence[Claim]) -> list[date]:
    return [claim.reported_on for claim in claims if claim.reported_on is not None]


def conflict_kind(
    attribute: str, groups: Sequence[Sequence[Claim]]
) -> tuple[ConflictKind, int | None]:
    """The kind of a conflict over value groups, and the index of the newest group if REVISION."""
    if attribute in FIXED_FACTS:
        return "DISAGREEMENT", None
    named = [
        [claim for claim in group if claim.source_tier != SourceTier.OTHER] for group in groups
    ]
    if any(named):
        groups = named
    dated = [(index, _dates(group)) for index, group in enumerate(groups)]
    dated = [(index, dates) for index, dates in dated if dates]
    if len(dated) < 2:
        return "DISAGREEMENT", None
    newest = max(dated, key=lambda item: max(item[1]))
    others_latest = max(max(dates) for index, dates in dated if index != newest[0])
    if (min(newest[1]) - others_latest).days >= REVISION_GAP_DAYS:
        return "REVISION", newest[0]
    return "DISAGREEMENT", None


def disagreement_rank(
    claims: Sequence[Claim], best: Claim, origins: int | None = None
) -> tuple[int, int, int, int]:
    """Sort key of a value group in a disagreement: tier, origins, confidence, recency."""
    newest = max(_dates(claims), default=date.min)
    return (
        -TIER_RANK[best.source_tier],
        -(count_origins(claims) if origins is None else origins),
        -CONFIDENCE_RANK[best.confidence],
        -newest.toordinal(),
    )


def by_report_date(claims: Sequence[Claim]) -> list[Claim]:
    """Claims oldest report first (undated first), then by claim id order given."""
    return sorted(claims, key=lambda c: c.reported_on or date.min)
