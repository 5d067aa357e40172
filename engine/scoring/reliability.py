"""Seed 002's source reliability score and buying-signal priority, as pure functions of `today`.

`source_reliability` is the seed's `calculateReliability`: a base score by source type, times 0.8
when the source is more than 365 days old, and times 0.6 more when it is more than 730 days old
(the two penalties are cumulative, so a source older than two years scores 0.48 of its base).

Beyond the seed (documented choices):
- Source types compare case-insensitively, with spaces and hyphens read as underscores.
- Our source tiers are accepted as types: GOV scores like an official registry (1.0), PRIMARY like
  a press release (0.85), NEWS like a news article (0.75), OTHER 0.40.
- A few common synonyms map onto the seed's types (e.g. `annual_report` -> financial_filing).
- Unknown types score 0.40, between `linkedin` (0.50) and `social_media` (0.30).
- An unknown publication date gets no age penalty (undated pages such as a company's own website
  are usually current); a date in the future counts as age 0.

`buying_signal_priority` is the seed's `calculatePriority` (signal types compared
case-insensitively).
"""

from __future__ import annotations

from datetime import date
from typing import Literal

SignalPriority = Literal["high", "medium", "low"]

SOURCE_TYPE_SCORES: dict[str, float] = {
    "companies_house": 1.0,
    "financial_filing": 0.95,
    "press_release": 0.85,
    "news_article": 0.75,
    "company_website": 0.70,
    "job_posting": 0.65,
    "industry_report": 0.60,
    "linkedin": 0.50,
    "social_media": 0.30,
}

# Our tiers (DESIGN §3) and common synonyms, each scored like the seed type it stands for.
SOURCE_TYPE_ALIASES: dict[str, str] = {
    "gov": "companies_house",
    "government": "companies_house",
    "regulator": "companies_house",
    "registry": "companies_house",
    "primary": "press_release",
    "news": "news_article",
    "trade_press": "news_article",
    "annual_report": "financial_filing",
    "filing": "financial_filing",
    "sec_filing": "financial_filing",
    "website": "company_website",
    "job_board": "job_posting",
    "market_report": "industry_report",
    "twitter": "social_media",
    "x": "social_media",
}

UNKNOWN_SOURCE_SCORE = 0.40
ONE_YEAR_DAYS = 365
TWO_YEARS_DAYS = 730
ONE_YEAR_FACTOR = 0.8
TWO_YEARS_FACTOR = 0.6


def normalize_source_type(source_type: str) -> str:
    """The lookup key for a source type: lower case, spaces and hyphens as underscores."""
    key = "_".join(source_type.strip().lower().replace("-", " ").split())
    return SOURCE_TYPE_ALIASES.get(key, key)


def base_reliability(source_type: str) -> float:
    """The seed's base score for a source type (unknown types: 0.40)."""
    return SOURCE_TYPE_SCORES.get(normalize_source_type(source_type), UNKNOWN_SOURCE_SCORE)


def source_reliability(source_type: str, published: date | None, *, today: date) -> float:
    """Reliability 0..1: base score by type, x0.8 past 365 days of age, and x0.6 past 730."""
    score = base_reliability(source_type)
    if published is None:
        return score
    age_days = (today - published).days
    if age_days > ONE_YEAR_DAYS:
        score *= ONE_YEAR_FACTOR
    if age_days > TWO_YEARS_DAYS:
        score *= TWO_YEARS_FACTOR
    return score


def buying_signal_priority(
    signal_type: str,
    detected_date: date,
    *,
    today: date,
    job_postings_count: int = 0,
) -> SignalPriority:
    """Seed 002's priority: fresh big hiring or fresh expansion is high, stale is low."""
    age_days = (today - detected_date).days
    kind = signal_type.strip().lower()
    if kind == "hiring" and age_days < 7 and job_postings_count > 5:
        return "high"
    if kind == "expansion" and age_days < 30:
        return "high"
    if age_days > 60:
        return "low"
    return "medium"
