"""Properties of merge_claims over generated runs: nothing lost, counts true, order-free."""

from __future__ import annotations

import random
from datetime import UTC, datetime
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.merge import merge_claims
from engine.models import Claim, MergeResult, Review
from engine.models.merge import MERGE_RESULT_KEYS
from tests.factories import make_claim

TARGET = "Borealis Nickel"
NOW = datetime(2025, 11, 3, tzinfo=UTC)
SUMMARY_KEYS = {
    "total_claims",
    "contacts_resolved",
    "timelines_resolved",
    "conflicts_found",
    "ambiguous_items",
    "passed_through",
}
PREFIXES = ["search", "entity", "contact", "lead", "opp", "client", "doc", "manual"]
PEOPLE = ["Marie Tremblay", "Sanjay Patel", "Olu Adeyemi", "Karin Lindqvist"]
ORGANIZATIONS = ["Borealis Nickel", "Hatch Ltd", "Wyloo Metals", None]
SUBJECTS = [None, "Borealis Nickel Inc.", "Kestrel Lake"]
VALUES: dict[str, list[str]] = {
    "capital_cost": ["$1.2 billion", "USD 1,200 million", "$1.5 billion", "C$1.2 billion"],
    "hq_location": ["Sudbury", "Toronto", "sudbury"],
    "ceo": ["Ann Lee", "Dr. Ann Lee", "Bo Chan"],
    "project_stage": ["Feasibility", "Construction"],
    "partner": ["Hatch Ltd", "Worley"],
    "product": ["nickel sulphate", "cobalt"],
    "construction_start": ["June 2025", "2025-09-15", "September 2025", "Q1 2026"],
    "first_production": ["2027", "H2 2027", "March 2028"],
    "brand_colour": ["red", "blue"],
}
DATES = [None, "2024-11-01", "2025-02-01", "2025-06-15"]
TIERS = ["GOV", "PRIMARY", "NEWS", "OTHER"]
CONFIDENCES = ["HIGH", "MEDIUM", "LOW"]


@st.composite
def claim_fields(draw: st.DrawFn) -> dict[str, Any]:
    """Fields of one claim: maybe a person, maybe a subject/attribute/value, any tier."""
    fields: dict[str, Any] = {
        "source_tier": draw(st.sampled_from(TIERS)),
        "confidence": draw(st.sampled_from(CONFIDENCES)),
        "reported_on": draw(st.sampled_from(DATES)),
    }
    if draw(st.integers(0, 3)) == 0:
        organization = draw(st.sampled_from(ORGANIZATIONS))
        fields["person"] = {"name": draw(st.sampled_from(PEOPLE)), "organization": organization}
        fields["claim_type"] = "CONTACT"
    attribute = draw(st.sampled_from([None, *VALUES]))
    if attribute is not None:
        fields["attribute"] = attribute
        fields["subject"] = draw(st.sampled_from(SUBJECTS))
        fields["value"] = draw(st.sampled_from([*VALUES[attribute], None]))
        fields["event_status"] = draw(st.sampled_from([None, None, "REVISED", "ACTUAL"]))
        fields["date_in_claim"] = draw(st.sampled_from([None, None, "2025-09-01"]))
    return fields


@st.composite
def runs(draw: st.DrawFn) -> list[Claim]:
    """A run of up to 40 claims with unique ids."""
    specs = draw(st.lists(claim_fields(), max_size=40))
    prefixes = draw(st.lists(st.sampled_from(PREFIXES), min_size=len(specs), max_size=len(specs)))
    return [
        make_claim(f"{prefix}_{index:03d}", **fields)
        for index, (prefix, fields) in enumerate(zip(prefixes, specs, strict=True), start=1)
    ]


def claims_used(result: MergeResult) -> set[str]:
    used = {cid for contact in result.contacts_resolved for cid in contact.evidence_claims}
    used |= {event.claim_id for timeline in result.timelines_resolved for event in timeline.history}
    used |= {cid for conflict in result.conflicts for cid in conflict.claims_involved}
    used |= {cid for item in result.ambiguous for cid in item.claims_involved}
    return used


PROPERTY_SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@PROPERTY_SETTINGS
@given(claims=runs())
def test_every_claim_is_used_or_passed_through_never_both(claims: list[Claim]) -> None:
    result = merge_claims(claims, target_entity=TARGET, now=NOW)
    ids = {claim.claim_id for claim in claims}
    used = claims_used(result)
    assert used <= ids
    assert set(result.pass_through) == ids - used
    assert len(result.pass_through) == len(set(result.pass_through))


@PROPERTY_SETTINGS
@given(claims=runs())
def test_summary_counts_are_the_list_lengths(claims: list[Claim]) -> None:
    result = merge_claims(claims, target_entity=TARGET, now=NOW)
    summary = result.summary
    assert summary.total_claims == len(claims)
    assert summary.contacts_resolved == len(result.contacts_resolved)
    assert summary.timelines_resolved == len(result.timelines_resolved)
    assert summary.conflicts_found == len(result.conflicts)
    assert summary.ambiguous_items == len(result.ambiguous)
    assert summary.passed_through == len(result.pass_through)
    assert [c.conflict_id for c in result.conflicts] == [
        f"conflict_{n:03d}" for n in range(1, len(result.conflicts) + 1)
    ]
    assert [a.ambiguous_id for a in result.ambiguous] == [
        f"ambiguous_{n:03d}" for n in range(1, len(result.ambiguous) + 1)
    ]


@PROPERTY_SETTINGS
@given(claims=runs(), seed=st.integers(0, 2**32 - 1))
def test_shuffled_input_gives_the_same_result(claims: list[Claim], seed: int) -> None:
    shuffled = list(claims)
    random.Random(seed).shuffle(shuffled)
    first = merge_claims(claims, target_entity=TARGET, now=NOW)
    second = merge_claims(shuffled, target_entity=TARGET, now=NOW)
    assert first.contract_json() == second.contract_json()
    assert first.decisions == second.decisions


@PROPERTY_SETTINGS
@given(claims=runs())
def test_contract_json_has_exactly_the_contract_keys(claims: list[Claim]) -> None:
    data = merge_claims(claims, target_entity=TARGET, now=NOW).contract_json()
    assert tuple(data) == MERGE_RESULT_KEYS
    summary = data["summary"]
    assert isinstance(summary, dict) and set(summary) == SUMMARY_KEYS


@st.composite
def runs_with_a_conflict(draw: st.DrawFn) -> tuple[list[Claim], list[str]]:
    """A run plus two or three claims that disagree on the capital cost of a fresh subject."""
    claims = draw(runs())
    distinct = ["$1.2 billion", "$1.5 billion", "C$1.2 billion"]
    values = draw(st.lists(st.sampled_from(distinct), min_size=2, max_size=3, unique=True))
    if draw(st.booleans()):
        values.append("USD 1,200 million")  # agrees with $1.2 billion
    extra = [
        make_claim(
            f"manual_{900 + index}",
            subject="Snowbird Mill",
            attribute="capital_cost",
            value=value,
            source_tier=draw(st.sampled_from(TIERS)),
            confidence=draw(st.sampled_from(CONFIDENCES)),
            reported_on=draw(st.sampled_from(DATES)),
        )
        for index, value in enumerate(values)
    ]
    return claims + extra, [claim.claim_id for claim in extra]


@PROPERTY_SETTINGS
@given(case=runs_with_a_conflict(), decision=st.sampled_from(["PICK_VALUE", "DISMISS"]))
def test_a_review_over_a_conflict_closes_it(
    case: tuple[list[Claim], list[str]], decision: str
) -> None:
    claims, disputed = case
    before = merge_claims(claims, target_entity=TARGET, now=NOW)
    [target] = [c for c in before.conflicts if set(c.claims_involved) == set(disputed)]
    chosen = target.claims_involved[-1] if decision == "PICK_VALUE" else None
    review = Review(
        review_id="rev_1",
        decision=decision,  # type: ignore[arg-type]
        claim_ids=list(target.claims_involved),
        chosen_claim_id=chosen,
    )
    after = merge_claims(claims, target_entity=TARGET, reviews=[review], now=NOW)
    assert all(set(c.claims_involved) != set(disputed) for c in after.conflicts)
    assert all(set(a.claims_involved) != set(disputed) for a in after.ambiguous)
    assert len(after.conflicts) == len(before.conflicts) - 1
    assert set(disputed) <= set(after.pass_through)
    [applied] = [d for d in after.decisions if d.review_id == "rev_1"]
    assert applied.decision == decision and applied.item_kind == "CONFLICT"
    assert applied.chosen_claim_id == chosen
