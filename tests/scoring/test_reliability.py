"""Seed 002's source reliability and buying-signal priority, at every boundary."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from engine.scoring.reliability import (
    SOURCE_TYPE_SCORES,
    buying_signal_priority,
    source_reliability,
)

TODAY = date(2025, 12, 1)


def days_ago(days: int) -> date:
    return TODAY - timedelta(days=days)


@pytest.mark.parametrize(
    ("source_type", "expected"),
    [
        ("companies_house", 1.0),
        ("financial_filing", 0.95),
        ("press_release", 0.85),
        ("news_article", 0.75),
        ("company_website", 0.70),
        ("job_posting", 0.65),
        ("industry_report", 0.60),
        ("linkedin", 0.50),
        ("social_media", 0.30),
    ],
)
def test_fresh_sources_score_the_seed_base(source_type: str, expected: float) -> None:
    assert source_reliability(source_type, days_ago(10), today=TODAY) == expected


@pytest.mark.parametrize(
    ("source_type", "expected"),
    [
        ("GOV", 1.0),
        ("PRIMARY", 0.85),
        ("NEWS", 0.75),
        ("OTHER", 0.40),
        ("Press Release", 0.85),
        ("news-article", 0.75),
        ("annual_report", 0.95),
        ("carrier pigeon", 0.40),
    ],
)
def test_tiers_synonyms_and_unknown_types(source_type: str, expected: float) -> None:
    assert source_reliability(source_type, None, today=TODAY) == expected


@pytest.mark.parametrize(
    ("age_days", "factor"),
    [(0, 1.0), (365, 1.0), (366, 0.8), (730, 0.8), (731, 0.48), (5000, 0.48)],
)
def test_age_penalties_apply_past_365_and_again_past_730(age_days: int, factor: float) -> None:
    score = source_reliability("news_article", days_ago(age_days), today=TODAY)
    assert score == pytest.approx(0.75 * factor)


def test_unknown_or_future_publication_date_has_no_penalty() -> None:
    assert source_reliability("linkedin", None, today=TODAY) == 0.5
    assert source_reliability("linkedin", TODAY + timedelta(days=30), today=TODAY) == 0.5


@given(st.sampled_from(sorted(SOURCE_TYPE_SCORES)), st.integers(0, 3000), st.integers(0, 3000))
def test_older_never_scores_higher(source_type: str, age: int, extra: int) -> None:
    newer = source_reliability(source_type, days_ago(age), today=TODAY)
    older = source_reliability(source_type, days_ago(age + extra), today=TODAY)
    assert 0.0 < older <= newer <= 1.0


@pytest.mark.parametrize(
    ("signal_type", "age_days", "postings", "expected"),
    [
        ("hiring", 6, 6, "high"),
        ("hiring", 7, 6, "medium"),
        ("hiring", 6, 5, "medium"),
        ("hiring", 0, 100, "high"),
        ("Hiring", 3, 10, "high"),
        ("hiring", 61, 100, "low"),
        ("expansion", 29, 0, "high"),
        ("expansion", 30, 0, "medium"),
        ("expansion", 60, 0, "medium"),
        ("expansion", 61, 0, "low"),
        ("expansion", -5, 0, "high"),
        ("leadership", 0, 0, "medium"),
        ("leadership", 60, 0, "medium"),
        ("leadership", 61, 0, "low"),
        ("tech_change", 3, 50, "medium"),
    ],
)
def test_buying_signal_priority_boundaries(
    signal_type: str, age_days: int, postings: int, expected: str
) -> None:
    priority = buying_signal_priority(
        signal_type, days_ago(age_days), today=TODAY, job_postings_count=postings
    )
    assert priority == expected
