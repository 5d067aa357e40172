"""Source tiers derived from a document's URL and declared type (DESIGN §3, §9).

`derive_tier` returns the highest tier that either the host or the source type supports:

- GOV: a government or regulator host -- ".gov", ".mil", ".gov.xx", ".gob.xx", ".gouv.xx",
  ".govt.xx", ".gc.ca", ".gouv.fr", ".gov.uk" (Companies House included), "europa.eu",
  federal/provincial hosts such as "canada.ca", "ontario.ca", "gov.bc.ca", "alberta.ca" -- or
  a source type of government, regulator, registry, companies_house, regulatory_filing, permit.
- PRIMARY: the target's own domain -- a registrable label equal to the target's slug with or
  without hyphens, starting with it, or equal to its first word ("Borealis Nickel" ->
  borealisnickel.com, borealis-nickel.ca, borealis.com) -- or a source type of press_release,
  company_website, financial_filing, annual_report, investor_presentation.
- NEWS: news and trade press hosts (reuters.com, bloomberg.com, ft.com, wsj.com, mining.com,
  northernminer.com, ...; any host label containing news, times, journal, gazette, herald,
  tribune, magazine) or a source type of news_article, news, trade_press, industry_report.
- OTHER: everything else (blogs, forums, directories, LinkedIn, job boards, unknown types).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from engine.claims.names import strip_org_suffix
from engine.models import TIER_RANK, SourceTier

_GOV_SUFFIXES = (
    "gov",
    "mil",
    "gc.ca",
    "gouv.fr",
    "gov.uk",
    "europa.eu",
    "canada.ca",
    "ontario.ca",
    "gov.on.ca",
    "gov.bc.ca",
    "alberta.ca",
    "quebec.ca",
    "gouv.qc.ca",
    "gov.sk.ca",
    "gov.mb.ca",
    "novascotia.ca",
    "gnb.ca",
    "gov.nl.ca",
    "gov.yk.ca",
    "gov.nt.ca",
    "gov.nu.ca",
    "princeedwardisland.ca",
    "sedarplus.ca",
    "un.org",
)
_GOV_COUNTRY = re.compile(r"(?:^|\.)(?:gov|gob|gouv|govt|go)\.[a-z]{2}$")

_NEWS_HOSTS = (
    "reuters.com",
    "bloomberg.com",
    "ft.com",
    "wsj.com",
    "nytimes.com",
    "theglobeandmail.com",
    "financialpost.com",
    "cbc.ca",
    "bbc.co.uk",
    "bbc.com",
    "apnews.com",
    "cnbc.com",
    "forbes.com",
    "economist.com",
    "theguardian.com",
    "businessinsider.com",
    "mining.com",
    "northernminer.com",
    "miningweekly.com",
    "mining-journal.com",
    "mining-technology.com",
    "canadianminingjournal.com",
    "kitco.com",
    "argusmedia.com",
    "fastmarkets.com",
    "spglobal.com",
)
_NEWS_LABEL = re.compile(r"news|times|journal|gazette|herald|tribune|magazine")

_TYPE_TIERS: dict[str, SourceTier] = {
    **dict.fromkeys(
        (
            "government",
            "regulator",
            "regulatory",
            "registry",
            "public_registry",
            "companies_house",
            "regulatory_filing",
            "permit",
            "gov",
        ),
        SourceTier.GOV,
    ),
    **dict.fromkeys(
        (
            "press_release",
            "company_website",
            "company",
            "financial_filing",
            "annual_report",
            "investor_presentation",
            "primary",
        ),
        SourceTier.PRIMARY,
    ),
    **dict.fromkeys(
        ("news_article", "news", "trade_press", "industry_report", "press", "magazine"),
        SourceTier.NEWS,
    ),
}


def _host(url: str | None) -> str:
    if not url or not url.strip():
        return ""
    text = url.strip()
    if "://" not in text:
        text = "//" + text
    try:
        host = urlsplit(text).hostname or ""
    except ValueError:
        return ""
    return host.lower().rstrip(".").removeprefix("www.")


def _host_matches(host: str, suffix: str) -> bool:
    return host == suffix or host.endswith("." + suffix)


def _registrable_label(host: str) -> str:
    labels = host.split(".")
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in {"com", "co", "org", "net"}:
        return labels[-3]
    return labels[-2] if len(labels) >= 2 else labels[0]


def is_target_domain(host: str, target: str) -> bool:
    """True when host is the target's own domain (see the module docstring)."""
    words = [w for w in re.split(r"[^a-z0-9]+", strip_org_suffix(target).lower()) if w]
    if not host or not words:
        return False
    label = _registrable_label(host)
    joined, hyphened = "".join(words), "-".join(words)
    if label in (joined, hyphened) or (len(joined) >= 6 and label.startswith(joined)):
        return True
    return len(words[0]) >= 4 and label == words[0]


def _host_tier(host: str, target: str) -> SourceTier:
    if not host:
        return SourceTier.OTHER
    if any(_host_matches(host, s) for s in _GOV_SUFFIXES) or _GOV_COUNTRY.search(host):
        return SourceTier.GOV
    if is_target_domain(host, target):
        return SourceTier.PRIMARY
    if any(_host_matches(host, s) for s in _NEWS_HOSTS):
        return SourceTier.NEWS
    if any(_NEWS_LABEL.search(label) for label in host.split(".")[:-1]):
        return SourceTier.NEWS
    return SourceTier.OTHER


def tier_for_source_type(source_type: str | None) -> SourceTier:
    """The tier a declared source type implies (OTHER when unknown or absent)."""
    if not source_type:
        return SourceTier.OTHER
    key = re.sub(r"[^a-z0-9]+", "_", source_type.strip().lower()).strip("_")
    return _TYPE_TIERS.get(key, SourceTier.OTHER)


def derive_tier(url: str | None, source_type: str | None, target: str) -> SourceTier:
    """The tier of a source: the higher of what its host and its declared type support."""
    by_host = _host_tier(_host(url), target)
    by_type = tier_for_source_type(source_type)
    return by_host if TIER_RANK[by_host] >= TIER_RANK[by_type] else by_type
