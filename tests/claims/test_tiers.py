"""Tier derivation from host and source type (the higher of the two wins)."""

from __future__ import annotations

import pytest

from engine.claims.tiers import derive_tier, is_target_domain, tier_for_source_type
from engine.models import SourceTier

TARGET = "Borealis Nickel"


@pytest.mark.parametrize(
    "url",
    [
        "https://ero.ontario.ca/notice/019-7788",
        "https://www.sec.gov/cgi-bin/browse-edgar",
        "https://find-and-update.company-information.service.gov.uk/company/1",
        "https://www.canada.ca/en/services.html",
        "https://open.canada.ca/data",
        "https://www.tpsgc-pwgsc.gc.ca/x",
        "https://www.economie.gouv.fr/",
        "https://www.mbie.govt.nz/",
        "https://www.gov.br/mme",
        "https://eur-lex.europa.eu/x",
        "https://www.army.mil/",
        "https://www2.gov.bc.ca/gov/content",
    ],
)
def test_government_hosts_are_gov(url: str) -> None:
    assert derive_tier(url, None, TARGET) is SourceTier.GOV


@pytest.mark.parametrize(
    "url",
    [
        "https://www.borealisnickel.com/news",
        "https://investors.borealisnickel.com",
        "borealis-nickel.ca/about",
        "https://borealis.com",
        "https://www.borealisnickel.com.au/",
        "https://borealisnickelcorp.com",
    ],
)
def test_target_domains_are_primary(url: str) -> None:
    assert derive_tier(url, None, TARGET) is SourceTier.PRIMARY


@pytest.mark.parametrize(
    "url",
    [
        "https://www.reuters.com/markets/x",
        "https://www.bloomberg.com/news/x",
        "https://www.ft.com/content/x",
        "https://www.mining.com/x",
        "https://www.northernminer.com/x",
        "https://www.sudbury-news-example.com/x",
        "https://mining-journal-example.org/x",
    ],
)
def test_news_hosts_are_news(url: str) -> None:
    assert derive_tier(url, None, TARGET) is SourceTier.NEWS


@pytest.mark.parametrize(
    "url",
    [
        "https://www.linkedin.com/in/jane",
        "https://someblog.example.com/post",
        "https://www.indeed.com/job/1",
        "https://www.bor.com",
        "not a url at all",
        "http://[::1",
        "",
        None,
    ],
)
def test_everything_else_is_other(url: str | None) -> None:
    assert derive_tier(url, None, TARGET) is SourceTier.OTHER


@pytest.mark.parametrize(
    ("source_type", "tier"),
    [
        ("government", SourceTier.GOV),
        ("Regulator", SourceTier.GOV),
        ("registry", SourceTier.GOV),
        ("companies_house", SourceTier.GOV),
        ("press_release", SourceTier.PRIMARY),
        ("company website", SourceTier.PRIMARY),
        ("financial_filing", SourceTier.PRIMARY),
        ("news_article", SourceTier.NEWS),
        ("Trade-Press", SourceTier.NEWS),
        ("industry_report", SourceTier.NEWS),
        ("blog", SourceTier.OTHER),
        ("job_board", SourceTier.OTHER),
        (None, SourceTier.OTHER),
    ],
)
def test_source_types(source_type: str | None, tier: SourceTier) -> None:
    assert tier_for_source_type(source_type) is tier
    # Without a URL nothing backs a claim to GOV: the page is OTHER. A first-party type is read
    # as a report of that statement (NEWS); NEWS stands.
    backed = {SourceTier.GOV: SourceTier.OTHER, SourceTier.PRIMARY: SourceTier.NEWS}.get(tier, tier)
    assert derive_tier(None, source_type, TARGET) is backed


def test_the_higher_of_host_and_type_wins() -> None:
    assert derive_tier("https://news.ontario.ca/x", "news_article", TARGET) is SourceTier.GOV
    assert derive_tier("https://www.borealisnickel.com/blog", "blog", TARGET) is SourceTier.PRIMARY
    assert derive_tier("https://ero.ontario.ca/x", "government", TARGET) is SourceTier.GOV
    assert derive_tier("https://www.auc.ab.ca/d/1", "regulator", TARGET) is SourceTier.GOV


def test_a_declared_type_never_outranks_what_the_host_shows() -> None:
    # A first-party type the host cannot confirm is a report of that statement, never PRIMARY.
    assert derive_tier("https://prwire-example.com/x", "press_release", TARGET) is SourceTier.NEWS
    assert derive_tier("https://jobsohio.com/news", "press_release", TARGET) is SourceTier.NEWS
    assert derive_tier("https://nickel-blog.example/p", "government", TARGET) is SourceTier.OTHER
    assert derive_tier("https://nickel-blog.example/p", "news_article", TARGET) is SourceTier.NEWS
    assert derive_tier("https://www.borealisnickel.com/x", "government", TARGET) is (
        SourceTier.PRIMARY
    )
    assert derive_tier("https://www.reuters.com/x", "regulatory_filing", TARGET) is SourceTier.NEWS


def test_target_domain_needs_the_target_slug() -> None:
    assert is_target_domain("borealisnickel.com", "Borealis Nickel Inc.")
    assert not is_target_domain("nickelnews.com", TARGET)
    assert not is_target_domain("", TARGET)
    assert not is_target_domain("borealisnickel.com", "")


@pytest.mark.parametrize(
    ("url", "target", "tier"),
    [
        ("https://borealisnickelscam.com", TARGET, SourceTier.OTHER),
        ("https://borealisnickel-fraud.com", TARGET, SourceTier.OTHER),
        ("https://borealis-nickel-truth.org", TARGET, SourceTier.OTHER),
        ("https://borealisnickel.com.evil.io", TARGET, SourceTier.OTHER),
        ("https://goldcorp.com", "Gold Corp", SourceTier.PRIMARY),
        ("https://gold.com", "Gold Corp", SourceTier.OTHER),
        ("https://gold.com", "Gold Resources", SourceTier.OTHER),
        ("https://canada.com", "Canada Nickel", SourceTier.OTHER),
        ("https://global.com", "Global Metals", SourceTier.OTHER),
        ("https://northern.com", "Northern Dynasty", SourceTier.OTHER),
        ("https://northland.com", "Northland Power", SourceTier.OTHER),
        ("https://tamarack.com", "Tamarack Resources", SourceTier.PRIMARY),
        ("https://nytimes.com.evil.io", TARGET, SourceTier.OTHER),
        ("https://fakenews.biz", TARGET, SourceTier.OTHER),
        ("https://www.nytimes.com/2025/x", TARGET, SourceTier.NEWS),
        ("https://markets.reuters.com/x", TARGET, SourceTier.NEWS),
        ("https://notreuters.com/x", TARGET, SourceTier.OTHER),
    ],
)
def test_look_alike_hosts_do_not_borrow_a_tier(url: str, target: str, tier: SourceTier) -> None:
    assert derive_tier(url, None, target) is tier
