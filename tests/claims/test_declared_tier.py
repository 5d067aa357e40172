"""A page's self-declared tier never outranks what its URL's host shows."""

from __future__ import annotations

import pytest

from engine.claims.documents import parse_document
from engine.claims.tiers import declared_tier, derive_tier
from engine.models import SourceTier

TARGET = "Borealis Nickel"


def _tier(front: str) -> SourceTier:
    return parse_document(
        "page.md", f"---\n{front}\n---\nBorealis Nickel news.", target=TARGET
    ).tier


@pytest.mark.parametrize(
    ("front", "tier"),
    [
        ("url: https://nickel-blog.example.org/p\ntier: GOV", SourceTier.OTHER),
        (
            "url: https://nickel-blog.example.org/p\ntier: GOV\nsource_type: government",
            SourceTier.OTHER,
        ),
        ("url: https://nickel-blog.example.org/p\ntier: PRIMARY", SourceTier.OTHER),
        ("url: https://nickel-blog.example.org/p\ntier: NEWS", SourceTier.NEWS),
        ("url: https://nickel-blog.example.org/p\nsource_type: news_article", SourceTier.NEWS),
        ("url: https://ero.ontario.ca/notice/1\ntier: GOV", SourceTier.GOV),
        ("url: https://ero.ontario.ca/notice/1\ntier: NEWS", SourceTier.NEWS),  # lowered
        ("url: https://www.borealisnickel.com/a\ntier: PRIMARY", SourceTier.PRIMARY),
        ("url: https://www.borealisnickel.com/a\ntier: GOV", SourceTier.PRIMARY),
        ("url: https://www.borealisnickel.com/a\ntier: OTHER", SourceTier.OTHER),  # lowered
        ("url: https://www.reuters.com/x\ntier: GOV", SourceTier.NEWS),
        ("tier: GOV", SourceTier.OTHER),  # no URL: nothing backs the claim
        ("tier: NEWS", SourceTier.NEWS),
        ("source_type: regulatory_filing", SourceTier.OTHER),
    ],
)
def test_a_declared_tier_stands_only_where_the_host_backs_it(front: str, tier: SourceTier) -> None:
    assert _tier(front) is tier


def test_declared_tier_keeps_what_the_url_allows() -> None:
    assert declared_tier(SourceTier.GOV, "https://www.sec.gov/x") is SourceTier.GOV
    assert declared_tier(SourceTier.GOV, "https://blog.example/x") is None
    assert declared_tier(SourceTier.PRIMARY, None) is None
    assert declared_tier(SourceTier.NEWS, None) is SourceTier.NEWS
    assert declared_tier(None, "https://www.sec.gov/x") is None


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.businesswire.com/news/home/2025/acme-expands", SourceTier.PRIMARY),
        ("https://www.prnewswire.com/news-releases/acme-301.html", SourceTier.PRIMARY),
        ("https://www.globenewswire.com/news-release/2025/acme.html", SourceTier.PRIMARY),
        ("https://prnewswire.com.evil.io/acme", SourceTier.NEWS),  # a report, never PRIMARY
        ("https://someblog.example/acme-press", SourceTier.NEWS),
    ],
)
def test_a_press_release_on_a_wire_is_its_issuers_own_statement(
    url: str, expected: SourceTier
) -> None:
    assert derive_tier(url, "press_release", "Acme Corp") == expected
