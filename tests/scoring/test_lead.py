"""The lead score: explainable, order-independent, and monotonic in every signal."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.models import Claim, Timeline, TimelineEvent
from engine.scoring.lead import lead_score, milestone_strength, signal_strength
from tests.factories import make_claim

TODAY = date(2025, 12, 1)
TIERS = ["OTHER", "NEWS", "PRIMARY", "GOV"]
CONFIDENCES = ["LOW", "MEDIUM", "HIGH"]


def signal(claim_id: str = "search_001", days_old: int | None = 10, **fields: Any) -> Claim:
    values: dict[str, Any] = {
        "claim_type": "SIGNAL",
        "statement": f"Signal {claim_id}: Ontario approved the permit for Eagle's Nest",
        "source_tier": "GOV",
        "confidence": "HIGH",
    }
    if days_old is not None:
        values["date_in_claim"] = TODAY - timedelta(days=days_old)
    values.update(fields)
    return make_claim(claim_id, **values)


def timeline(
    timeline_id: str = "timeline_001",
    when: date | None = date(2026, 3, 1),
    status: str = "REVISED",
    claim_id: str = "opp_001",
) -> Timeline:
    return Timeline(
        timeline_id=timeline_id,
        subject="Eagle's Nest",
        attribute="construction_start",
        current_status=status,
        current_date=when,
        history=[
            TimelineEvent(date_reported=None, status=status, value="March 2026", claim_id=claim_id)
        ],
    )


def test_no_signals_scores_zero_and_cold() -> None:
    note = make_claim("doc_001", claim_type="NOTE")
    result = lead_score([note], [], today=TODAY)
    assert result.score == 0
    assert result.timing_urgency == "COLD"
    assert result.components == []
    assert result.primary_signal_id is None
    assert "no buying signals" in result.urgency_reason


def test_near_milestone_is_hot_and_named_with_its_date() -> None:
    result = lead_score([signal(days_old=150)], [timeline()], today=TODAY)
    assert result.timing_urgency == "HOT"
    assert result.urgency_reason == "HOT - construction_start March 2026 (in 3 months)"
    assert result.primary_signal_id == "search_001"
    assert {c.ref_id for c in result.components} == {"search_001", "timeline_001"}
    assert "search_001" in result.explanation and "timeline_001" in result.explanation


def test_contributions_add_up_to_the_score() -> None:
    claims = [signal("search_001"), signal("search_002", 200, source_tier="NEWS")]
    result = lead_score(claims, [timeline()], today=TODAY)
    assert sum(c.contribution for c in result.components) == pytest.approx(result.score, abs=1)
    strengths = [c.strength for c in result.components]
    assert strengths == sorted(strengths, reverse=True)


def test_fresh_strong_signal_is_hot_without_a_milestone() -> None:
    result = lead_score([signal(days_old=20)], [], today=TODAY)
    assert result.timing_urgency == "HOT"
    assert "search_001" in result.urgency_reason
    assert "2025-11-11" in result.urgency_reason


def test_fresh_weak_signal_is_not_hot() -> None:
    weak = signal(days_old=5, source_tier="OTHER", confidence="LOW")
    assert lead_score([weak], [], today=TODAY).timing_urgency == "COLD"


def test_milestone_within_a_year_is_warm() -> None:
    far = timeline(when=date(2026, 9, 1))
    result = lead_score([signal(days_old=300)], [far], today=TODAY)
    assert result.timing_urgency == "WARM"
    assert result.urgency_reason.startswith("WARM - construction_start September 2026")


def test_distant_milestone_and_old_signal_are_cold_with_the_reason() -> None:
    result = lead_score([signal(days_old=400)], [timeline(when=date(2028, 1, 1))], today=TODAY)
    assert result.timing_urgency == "COLD"
    assert result.urgency_reason.startswith("COLD - next milestone construction_start January 2028")


def test_old_signal_alone_is_cold_and_names_the_freshest_signal() -> None:
    result = lead_score([signal(days_old=400), signal("search_002", 500)], [], today=TODAY)
    assert result.timing_urgency == "COLD"
    assert result.urgency_reason.startswith(
        "COLD - freshest: REGULATORY signal search_001 2024-10-27 (13 months ago)"
    )
    fresh = lead_score([signal(days_old=10), signal("search_002", 20)], [], today=TODAY)
    assert 0 < result.score < fresh.score


def test_recent_actual_event_counts_as_active() -> None:
    done = timeline(when=date(2025, 11, 20), status="ACTUAL")
    result = lead_score([], [done], today=TODAY)
    assert result.timing_urgency == "HOT"
    assert "happened" in result.urgency_reason
    assert result.score > 0


def test_passed_projection_counts_less_than_an_actual_event() -> None:
    actual = milestone_strength(timeline(when=date(2025, 9, 1), status="ACTUAL"), {}, today=TODAY)
    passed = milestone_strength(
        timeline(when=date(2025, 9, 1), status="ANNOUNCED"), {}, today=TODAY
    )
    assert 0 < passed < actual


def test_undated_timeline_and_non_signal_claims_do_not_score() -> None:
    entity = make_claim("entity_001", claim_type="ENTITY", source_tier="GOV", confidence="HIGH")
    assert lead_score([entity], [timeline(when=None)], today=TODAY).score == 0


def test_signal_with_only_future_dates_has_unknown_age() -> None:
    future = signal(days_old=-30)
    undated = signal(days_old=None)
    assert signal_strength(future, today=TODAY) == signal_strength(undated, today=TODAY)
    assert signal_strength(signal(days_old=0), today=TODAY) > signal_strength(undated, today=TODAY)


def test_timeline_weight_comes_from_its_claims() -> None:
    strong = make_claim("opp_001", source_tier="GOV", confidence="HIGH")
    weak = make_claim("opp_001", source_tier="OTHER", confidence="LOW")
    line = timeline()
    assert milestone_strength(line, {"opp_001": strong}, today=TODAY) > milestone_strength(
        line, {"opp_001": weak}, today=TODAY
    )


def test_score_does_not_depend_on_input_order() -> None:
    claims = [signal(f"search_{i:03d}", 10 * i, source_tier=TIERS[i % 4]) for i in range(1, 9)]
    lines = [timeline(f"timeline_{i:03d}", date(2026, i, 1)) for i in range(1, 5)]
    expected = lead_score(claims, lines, today=TODAY)
    rng = random.Random(7)
    for _ in range(5):
        rng.shuffle(claims)
        rng.shuffle(lines)
        assert lead_score(claims, lines, today=TODAY) == expected


# Property tests --------------------------------------------------------------------------

signal_specs = st.tuples(
    st.sampled_from(TIERS),
    st.sampled_from(CONFIDENCES),
    st.one_of(st.none(), st.integers(0, 1500)),
    st.one_of(st.none(), st.integers(-400, 1500)),
)
timeline_specs = st.tuples(st.integers(-400, 1500), st.sampled_from(["ANNOUNCED", "ACTUAL"]))


def build(specs: list[tuple[str, str, int | None, int | None]]) -> list[Claim]:
    claims = []
    for index, (tier, confidence, age, reported_age) in enumerate(specs, start=1):
        fields: dict[str, Any] = {"source_tier": tier, "confidence": confidence}
        if reported_age is not None:
            fields["reported_on"] = TODAY - timedelta(days=reported_age)
        claims.append(signal(f"search_{index:03d}", age, **fields))
    return claims


def build_timelines(specs: list[tuple[int, str]]) -> list[Timeline]:
    return [
        timeline(f"timeline_{i:03d}", TODAY + timedelta(days=days), status)
        for i, (days, status) in enumerate(specs, start=1)
    ]


@given(st.lists(signal_specs, max_size=12), st.lists(timeline_specs, max_size=4))
def test_score_is_within_0_and_100(specs: list[Any], lines: list[Any]) -> None:
    result = lead_score(build(specs), build_timelines(lines), today=TODAY)
    assert 0 <= result.score <= 100
    assert result.timing_urgency in ("HOT", "WARM", "COLD")
    assert result.urgency_reason.startswith(result.timing_urgency)


@settings(max_examples=200)
@given(st.lists(signal_specs, min_size=1, max_size=8), st.data())
def test_raising_tier_or_confidence_never_lowers(specs: list[Any], data: st.DataObject) -> None:
    index = data.draw(st.integers(0, len(specs) - 1))
    tier, confidence, age, reported_age = specs[index]
    new_tier = data.draw(st.sampled_from(TIERS[TIERS.index(tier) :]))
    new_confidence = data.draw(st.sampled_from(CONFIDENCES[CONFIDENCES.index(confidence) :]))
    stronger = list(specs)
    stronger[index] = (new_tier, new_confidence, age, reported_age)
    before = lead_score(build(specs), [], today=TODAY).score
    assert lead_score(build(stronger), [], today=TODAY).score >= before


@settings(max_examples=200)
@given(st.lists(signal_specs, min_size=1, max_size=8), st.data())
def test_fresher_signal_never_lowers(specs: list[Any], data: st.DataObject) -> None:
    index = data.draw(st.integers(0, len(specs) - 1))
    tier, confidence, age, reported_age = specs[index]
    if age is None:
        age = data.draw(st.integers(0, 1500))
        specs = [*specs[:index], (tier, confidence, age, reported_age), *specs[index + 1 :]]
    closer = data.draw(st.integers(0, age))
    fresher = list(specs)
    fresher[index] = (tier, confidence, closer, reported_age)
    before = lead_score(build(specs), [], today=TODAY).score
    assert lead_score(build(fresher), [], today=TODAY).score >= before


@settings(max_examples=200)
@given(st.lists(signal_specs, max_size=8), signal_specs, st.lists(timeline_specs, max_size=3))
def test_adding_a_signal_never_lowers(specs: list[Any], extra: Any, lines: list[Any]) -> None:
    timelines = build_timelines(lines)
    before = lead_score(build(specs), timelines, today=TODAY).score
    assert lead_score(build([*specs, extra]), timelines, today=TODAY).score >= before


@settings(max_examples=100)
@given(st.lists(signal_specs, max_size=5), st.integers(0, 1500), st.data())
def test_nearer_milestone_never_lowers(specs: list[Any], days: int, data: st.DataObject) -> None:
    nearer = data.draw(st.integers(0, days))
    claims = build(specs)
    before = lead_score(claims, build_timelines([(days, "ANNOUNCED")]), today=TODAY).score
    after = lead_score(claims, build_timelines([(nearer, "ANNOUNCED")]), today=TODAY).score
    assert after >= before


def test_overdue_projection_is_warm_and_says_to_confirm_status() -> None:
    overdue = timeline(when=date(2025, 9, 1), status="ANNOUNCED")
    result = lead_score([signal(days_old=400)], [overdue], today=TODAY)
    assert result.timing_urgency == "WARM"
    assert result.urgency_reason.startswith("WARM - construction_start was expected September 2025")
    assert "confirm status" in result.urgency_reason
    long_overdue = timeline(when=date(2025, 3, 1), status="ANNOUNCED")
    assert lead_score([], [long_overdue], today=TODAY).timing_urgency == "COLD"
    happened = timeline(when=date(2025, 9, 1), status="ACTUAL")
    assert lead_score([], [happened], today=TODAY).timing_urgency == "COLD"
