"""Source tiers derived from a document's URL and declared type (DESIGN §3, §9).

`derive_tier` returns the highest tier that either the host or the source type supports, but a
declaration never outranks what the host shows: what a page says of itself (its front matter's
`source_type`, or `tier`: see `declared_tier`) may lower its tier, or call a page on a host
that shows no tier (an unknown one, or no URL) NEWS; a first-party type (press_release,
company_website, ...) on such a host is read as NEWS, a report of that statement (a partner's
own press release, a trade site reprinting the target's); any other claim to more than the host
shows counts for nothing. GOV needs a government host, PRIMARY the target's own domain: a blog
that declares itself a government filing (or a page without URL that does) is OTHER, like any
blog.

- GOV: a government or regulator host -- ".gov", ".mil", ".gov.xx", ".gob.xx", ".gouv.xx",
  ".govt.xx", ".gc.ca", ".gouv.fr", ".gov.uk" (Companies House included), "europa.eu",
  federal/provincial hosts such as "canada.ca", "ontario.ca", "gov.bc.ca", "alberta.ca", and
  regulators' own domains ("auc.ab.ca", "aer.ca", "oeb.ca", "osc.ca", "bcuc.com") -- or, on
  such a host, a source type of government, regulator, registry, companies_house,
  regulatory_filing, permit.
- PRIMARY: the target's own domain -- a registrable label EQUAL to the target's slug with or
  without hyphens, with or without a legal suffix ("Borealis Nickel" -> borealisnickel.com,
  borealis-nickel.ca, borealisnickelcorp.com; "Gold Corp" -> goldcorp.com), or to its first
  word when that word is distinctive (6+ letters, not a common, place or industry word:
  borealis.com yes, gold.com or northern.com no). borealisnickelscam.com is not the target's.
  Or, on that domain, a source type of press_release, company_website, financial_filing,
  annual_report, investor_presentation; or a press release on a press-release wire
  (businesswire.com, prnewswire.com, globenewswire.com, newswire.ca, ...), which is its
  issuer's own statement.
- NEWS: news and trade press hosts (reuters.com, bloomberg.com, ft.com, wsj.com, mining.com,
  northernminer.com, ...: the host or a subdomain of it, never nytimes.com.evil.io); a
  registrable label with a hyphen-separated word news, times, journal, gazette, herald,
  tribune or magazine (sudbury-news.com, not fakenews.biz); or a source type of news_article,
  news, trade_press, industry_report.
- OTHER: everything else (blogs, forums, directories, LinkedIn, job boards, unknown types).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from engine.claims.lexicon import COMMON_WORDS, ORG_KEYWORDS, PLACE_WORDS
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
    # regulators on domains of their own
    "auc.ab.ca",
    "aer.ca",
    "oeb.ca",
    "osc.ca",
    "bcsc.bc.ca",
    "bcuc.com",
)
_GOV_COUNTRY = re.compile(r"(?:^|\.)(?:gov|gob|gouv|govt|go)\.[a-z]{2}$")

# Press-release wires: a page there is the issuing company's own statement, distributed.
_WIRE_HOSTS = (
    "businesswire.com",
    "prnewswire.com",
    "globenewswire.com",
    "newswire.ca",
    "accesswire.com",
    "einpresswire.com",
    "newsfilecorp.com",
    "marketwired.com",
)
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
_NEWS_WORDS = frozenset("news times journal gazette herald tribune magazine".split())
_LEGAL_SUFFIXES = (
    "corp",
    "corporation",
    "inc",
    "ltd",
    "limited",
    "co",
    "plc",
    "llc",
    "group",
    "holdings",
)
# First words too common to stand for one company on their own (gold.com, global.com).
_GENERIC_WORDS = frozenset(
    """global international national general united american canadian australian pacific
    atlantic arctic first premier royal standard universal capital summit pinnacle apex alpha
    delta omega sigma vertex frontier pioneer liberty eagle phoenix golden silver diamond
    crystal mineral metals mining resources energy power group company holdings industries
    network systems digital advanced strategic superior""".split()
)
_DIRECTIONS = ("north", "south", "east", "west")

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


def _slug_words(name: str) -> list[str]:
    return [w for w in re.split(r"[^a-z0-9]+", name.lower()) if w]


def _distinctive(word: str) -> bool:
    """A first word that can stand for the company on its own (see the module docstring)."""
    common = word in COMMON_WORDS or word in PLACE_WORDS or word in ORG_KEYWORDS
    generic = word in _GENERIC_WORDS or word.startswith(_DIRECTIONS)
    return len(word) >= 6 and word.isalpha() and not common and not generic


def is_target_domain(host: str, target: str) -> bool:
    """True when host is the target's own domain (see the module docstring)."""
    words = _slug_words(strip_org_suffix(target))
    if not host or not words:
        return False
    label = _registrable_label(host)
    bases = {"".join(words), "-".join(words)}
    full = _slug_words(target)
    # "Gold Corp" is goldcorp.com; gold.com only if the target is plain "Gold".
    slugs = {"".join(full), "-".join(full)}
    if len(words) > 1 or full == words or _distinctive(words[0]):
        slugs |= bases
    for suffix in _LEGAL_SUFFIXES:
        slugs |= {base + sep + suffix for base in bases for sep in ("", "-")}
    if label in slugs:
        return True
    return len(words) > 1 and label == words[0] and _distinctive(words[0])


def _host_tier(host: str, target: str) -> SourceTier:
    if not host:
        return SourceTier.OTHER
    if is_government_host(host):
        return SourceTier.GOV
    if is_target_domain(host, target):
        return SourceTier.PRIMARY
    if any(_host_matches(host, s) for s in _NEWS_HOSTS):
        return SourceTier.NEWS
    if _NEWS_WORDS & set(_registrable_label(host).split("-")):
        return SourceTier.NEWS
    return SourceTier.OTHER


def tier_for_source_type(source_type: str | None) -> SourceTier:
    """The tier a declared source type implies (OTHER when unknown or absent)."""
    if not source_type:
        return SourceTier.OTHER
    key = re.sub(r"[^a-z0-9]+", "_", source_type.strip().lower()).strip("_")
    return _TYPE_TIERS.get(key, SourceTier.OTHER)


def _higher(left: SourceTier, right: SourceTier) -> SourceTier:
    return left if TIER_RANK[left] >= TIER_RANK[right] else right


def is_government_host(url: str | None) -> bool:
    """True when the URL's host is a government or regulator host (see the module docstring)."""
    host = _host(url)
    return bool(host) and (
        any(_host_matches(host, s) for s in _GOV_SUFFIXES) or _GOV_COUNTRY.search(host) is not None
    )


def declared_tier(declared: SourceTier | None, url: str | None) -> SourceTier | None:
    """A front matter's `tier` where the URL allows it, else None (the tier is then derived).

    A declaration may lower a tier, or call a page on an unknown host (or without URL) NEWS;
    GOV stands only on a government host, and PRIMARY needs the target's own domain, which only
    `derive_tier` can tell (it knows the target), so a declared PRIMARY is left to it.
    """
    if declared is None:
        return None
    ceiling = SourceTier.GOV if is_government_host(url) else SourceTier.NEWS
    return declared if TIER_RANK[declared] <= TIER_RANK[ceiling] else None


def derive_tier(url: str | None, source_type: str | None, target: str) -> SourceTier:
    """The tier of a source: the higher of what its host and its declared type support; a type
    claiming more than the host allows (NEWS on a host that shows no tier) counts for nothing."""
    host = _host(url)
    by_host = _host_tier(host, target)
    ceiling = by_host if by_host in (SourceTier.GOV, SourceTier.PRIMARY) else SourceTier.NEWS
    if any(_host_matches(host, wire) for wire in _WIRE_HOSTS):
        ceiling = SourceTier.PRIMARY  # a wire's press release is its issuer's own statement
    by_type = tier_for_source_type(source_type)
    if TIER_RANK[by_type] > TIER_RANK[ceiling]:
        # A first-party type (a press release, a company page) that the host cannot confirm is
        # read as a report of that statement: NEWS, which any page may call itself anyway. A
        # government type on a host that is not one counts for nothing.
        return _higher(by_host, SourceTier.NEWS) if by_type is SourceTier.PRIMARY else by_host
    return _higher(by_host, by_type)
