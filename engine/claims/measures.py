"""Amounts and measures a page states, each with its number, unit, qualifier and scope.

Recognised (value as stated, bound words kept: "up to $10 billion", "at least 12 years"):

- investment: "an investment of up to $10 billion", "invests $16 million", "a $16 million
  investment"; what tenants or customers will spend is `investment_tenant`;
- capital_cost: "a development worth more than $1 billion", "Phase I will cost $800 million"
  (`capital_cost_phase_1`; the whole project has no suffix);
- acquisition_price: "a $616.9-million takeover of X", "acquired X for $50 million";
- lease_value and lease_term: "a 15-year lease worth $3.5 billion";
- jobs_construction, jobs_permanent, jobs: "1,500 construction jobs and 300 permanent jobs";
  a peak crew is `jobs_construction_peak` ("a peak construction crew of 1,000", "employ about
  1,000 people at the peak of construction"), never the company's headcount;
- site_area ("2,000 acres", "a 500-hectare site"), floor_area ("250,000 square feet"); a
  parcel bought or a lot or tract is `site_area_parcel` (multi-valued);
- power_capacity: "200 MW"; `_initial` / `_potential` when the clause says so ("an initial
  100 MW with potential for 1 GW");
- production_rate_<commodity>: "producing 15,000 tonnes of nickel a year";
- mine_life: "a mine life of roughly 11 years", "a 20-year mine life", "could run for at
  least 12 years", "produce ... for 17 years";
- resource_size / reserve_size: "a deposit of 17 million tonnes", "11 million tonnes of
  resources";
- metric: any other number with a unit or currency ("3,000-metre drilling program"), so a
  measured fact keeps its number even when no attribute names it (multi-valued).

The scope is in the attribute name, so different scopes never conflict; the qualifier is in
the value, so the merge can tell "up to" from "at least" (engine.merge.quantities).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from engine.claims.facts import BOUND, MONEY, NUMBER
from engine.claims.measure_scopes import (
    COMMODITY_PATTERN,
    capacity_scope,
    clean_amount,
    commodity_scope,
    in_years,
    investment_scope,
    job_scope,
    parcel_scope,
    peak_scope,
    per_year,
    phase_scope,
)
from engine.claims.rules import Rule, SubjectRule
from engine.models import ClaimType

_I = re.IGNORECASE
_MAGNITUDE = r"(?:\s?-?\s?(?:million|billion|thousand|trillion))?"
QNUM = rf"(?:{BOUND}\s+)?{NUMBER}{_MAGNITUDE}"
MONEY_Q = rf"(?:{BOUND}\s+)?{MONEY}"
_GAP = r"(?:[\w\-]+\s+){0,3}?"
_UNITS = (
    r"tonnes?|tons?|t\b|kt\b|Mt\b|ounces|oz\b|pounds|lbs?\b|barrels|bbl\b|kilometres?|"
    r"kilometers?|km\b|miles?|metres?|meters?|m\b|hectares?|ha\b|acres?|square\s+(?:feet|foot|"
    r"metres?|meters?|kilometres?|kilometers?|miles?)|sq\.?\s*ft\b|MWh|GWh|kWh|MW|GW|kW|"
    r"megawatts?|gigawatts?|litres?|liters?|gallons?|beds|units|homes|vehicles|cells"
)


def _rule(
    attribute: str,
    needs: str,
    pattern: str,
    claim_type: ClaimType = ClaimType.METRIC,
    *,
    subject: SubjectRule = "project",
    needs_project: bool = False,
    project_type: bool | None = None,
    qualify: Callable[[re.Match[str], str], str] | None = None,
    render: Callable[[re.Match[str], str], str | None] | None = None,
) -> Rule:
    """A measure rule; `needs` is a keyword the sentence must hold before `pattern` is tried."""
    return Rule(
        attribute,
        claim_type,
        re.compile(pattern, _I),
        subject=subject,
        value_kind="number",
        project_type=subject == "project" if project_type is None else project_type,
        needs_project=needs_project,
        qualify=qualify,
        render=render,
        needs=re.compile(needs, _I),
    )


# Job and money measures come before the company rules, so that a construction crew is not
# read as a headcount and an investment keeps its amount.
MEASURE_RULES: tuple[Rule, ...] = (
    _rule(
        "jobs_construction",
        r"crew|workforce|work\s+force|construction",
        rf"\b(?:peak\s+)?construction\s+(?:crew|workforce|work\s+force|jobs?\s+peak)\s+of\s+"
        rf"(?P<v>{QNUM})|\b(?:a\s+)?peak\s+(?:of\s+)?(?P<v2>{QNUM})\s+construction\s+workers\b",
        qualify=peak_scope,
        render=lambda m, s: m.group("v") or m.group("v2"),
    ),
    _rule(
        "jobs_construction",
        r"crew|workforce|work\s+force|construction",
        rf"\bemploy(?:s|ed|ing)?\s+(?P<v>{QNUM})\s+(?:people|workers|staff)\s+(?:[\w\-]+\s+){{0,3}}?"
        rf"(?:(?:at\s+(?:the\s+)?)?peak(?:\s+of)?\s+)?(?:during\s+|of\s+)?construction\b",
        qualify=peak_scope,
    ),
    _rule(
        "jobs",
        r"jobs|positions|roles",
        rf"(?<![\w$.,])(?P<v>{QNUM})\s+(?:new\s+|direct\s+|local\s+|well-paid\s+|"
        rf"high-paying\s+|(?-i:[A-Z][\w\-]+)\s+)*(?P<k>construction|temporary|permanent|full-time|"
        rf"operational|operations|ongoing|long-term|indirect|ancillary|spin-?off|induced)?\s*"
        rf"(?:jobs|positions|roles)\b",
        qualify=job_scope,
    ),
    _rule(
        "jobs_permanent",
        r"employ",
        rf"\b(?:(?:plans?|pledged?|pledges|promised?|promises|commit(?:ment|ted|s)?|expects?|aims?|"
        rf"hopes?|intends?|agreed)\s+to|will|would)\s+(?:\w+\s+)?employ\s+(?P<v>{QNUM})\s+"
        rf"(?:people|workers|employees|staff)\b(?![^.;]{{0,30}}construction)",
    ),
    _rule(
        "jobs_permanent",
        r"employ",
        rf"\b(?:plant|factory|facility|fab|campus|mine|site|project|cent(?:re|er)|headquarters|"
        rf"hub|office)s?\s+(?:will|would|is\s+expected\s+to|could)\s+(?:\w+\s+)?employ\s+"
        rf"(?P<v>{QNUM})\s+(?:people|workers|employees|staff)\b(?![^.;]{{0,30}}construction)",
    ),
    _rule(
        "investment",
        r"invest",
        rf"\binvestments?\s+(?:of|worth|totall?ing|valued\s+at)\s+(?P<v>{MONEY_Q})",
        ClaimType.SIGNAL,
        subject="organization",
        qualify=investment_scope,
        render=clean_amount,
    ),
    _rule(
        "investment",
        r"invest",
        rf"\binvest(?:s|ed|ing)?\s+(?:(?:a\s+)?(?:further|another|an\s+additional|additional)\s+)?"
        rf"(?P<v>{MONEY_Q})",
        ClaimType.SIGNAL,
        subject="organization",
        qualify=investment_scope,
        render=clean_amount,
    ),
    _rule(
        "investment",
        r"invest",
        rf"(?P<v>{MONEY_Q})\s+(?:[\w\-]+\s+){{0,2}}?investment\b",
        ClaimType.SIGNAL,
        subject="organization",
        qualify=investment_scope,
        render=clean_amount,
    ),
    _rule(
        "acquisition_price",
        r"takeover|acqui|purchas|buy|bought|buyout|merger|took\s+over",
        rf"\b(?:a|an|the|its|their|his|her)\s+(?P<v>{MONEY_Q})\s+(?:[\w\-]+\s+){{0,2}}?"
        rf"(?:takeover|acquisition|purchase|buyout|merger)\b",
        subject="organization",
        render=clean_amount,
    ),
    _rule(
        "acquisition_price",
        r"takeover|acqui|purchas|buy|bought|buyout|merger|took\s+over",
        rf"\b(?:acquir(?:e|es|ed|ing)|bought|buys?|purchas(?:e|es|ed|ing)|took\s+over)\s+"
        rf"(?:[\w'’.,&\-]+\s+){{1,8}}?for\s+(?P<v>{MONEY_Q})",
        subject="organization",
        render=clean_amount,
    ),
    _rule(
        "lease_value",
        r"lease",
        rf"\blease\s+(?:[\w\-]+\s+){{0,3}}?(?:worth|valued\s+at|totall?ing)\s+(?P<v>{MONEY_Q})|"
        rf"(?P<v2>{MONEY_Q})\s+(?:[\w\-]+\s+){{0,2}}?lease\b",
        subject="organization",
        render=lambda m, s: clean_amount(m, s) if m.group("v") else m.group("v2"),
    ),
    _rule(
        "lease_term",
        r"lease",
        rf"\b(?P<v>{NUMBER})-year\s+(?:[\w\-]+\s+){{0,2}}?lease\b|\blease\s+(?:term\s+)?"
        rf"(?:of|for)\s+(?P<v2>{NUMBER})\s+years\b",
        subject="organization",
        render=lambda m, s: f"{m.group('v') or m.group('v2')} years",
    ),
    _rule(
        "capital_cost",
        r"[$€£]|\d\s*(?:billion|million)",
        rf"\b(?:project|development|mine|plant|facility|campus|complex|expansion|factory|"
        rf"phase|Phase\s+(?:I{{1,3}}|[1-4]))\s*,?\s+(?:(?:is|was|will\s+be)\s+)?(?:worth|valued\s+at|"
        rf"costing|estimated\s+at|"
        rf"estimated\s+to\s+cost|(?:will|would|is\s+expected\s+to)\s+cost|at)\s+(?P<v>{MONEY_Q})|"
        rf"(?<![\w$])(?P<v2>{MONEY_Q})\s+(?:[\w\-]+\s+){{0,2}}?(?:project|development|campus|"
        rf"facility|factory|plant|complex|hub|headquarters)\b",
        qualify=phase_scope,
        project_type=False,
        render=lambda m, s: clean_amount(m, s) if m.group("v") else m.group("v2"),
    ),
)

PROJECT_MEASURE_RULES: tuple[Rule, ...] = (
    _rule(
        "power_capacity",
        r"MW|GW|watt",
        r"(?<![\d.,])(?P<v>" + NUMBER + r"\s*-?\s*(?:MW|megawatts?|GW|gigawatts?))(?![\w/])",
        qualify=capacity_scope,
    ),
    _rule(
        "site_area",
        r"acre|hectare|\bha\b|square|km2|km²",
        rf"(?<![\d.,])(?P<v>{QNUM}\s*-?\s*(?:acres?|hectares?|ha\b|square\s+(?:kilometres?|"
        rf"kilometers?|miles?)|km2|km²))",
        qualify=parcel_scope,
        render=lambda m, s: m.group("v").replace("-", " "),
    ),
    _rule(
        "floor_area",
        r"square|sq|m2|m²",
        rf"(?<![\d.,])(?P<v>{QNUM}\s*-?\s*(?:square\s+(?:feet|foot|metres?|meters?)|sq\.?\s*ft\b|"
        rf"m2|m²))",
        render=lambda m, s: m.group("v").replace("-", " ").replace("foot", "feet"),
    ),
    _rule(
        "mine_life",
        r"\byears?\b",
        rf"\b(?:mine|operating|production)\s+life\s+(?:of\s+mine\s+)?(?:of|is|was|at|estimated\s+"
        rf"at)\s+(?P<v>{QNUM})\s+years\b|\blife\s+of\s+mine\s+of\s+(?P<v2>{QNUM})\s+years\b",
        render=lambda m, s: f"{m.group('v') or m.group('v2')} years",
    ),
    _rule(
        "mine_life",
        r"\byears?\b",
        rf"(?<![\d.,])(?P<v>{NUMBER})-year\s+(?:[\w\-]+\s+){{0,1}}?(?:mine|operating)\s+life\b",
        render=in_years,
    ),
    _rule(
        "mine_life",
        r"\byears?\b",
        rf"(?<!been\s)\b(?:produce|run|operate|producing|running|operating|production)\b"
        rf"[^.;]{{0,120}}?\bfor\s+(?:an?\s+|the\s+)?(?:expected|estimated|projected|anticipated|"
        rf"initial|further|another)?\s*(?P<v>{QNUM})\s+years\b",
        needs_project=True,
        render=lambda m, s: f"{m.group('v')} years",
    ),
    _rule(
        "production_rate",
        r"tonnes|tons|ounces|\boz\b|pounds|lbs|barrels|\bt\b",
        rf"(?<![\d.,])(?P<v>{QNUM}\s*-?\s*(?:tonnes|tons|t|ounces|oz|pounds|lbs|barrels)\s+of\s+"
        rf"(?P<c>{COMMODITY_PATTERN})(?:\s+(?:a|per|each)\s+(?:year|annum|day)|\s+annually)?)",
        qualify=commodity_scope,
        render=per_year,
    ),
    _rule(
        "project_capacity",
        r"\bore\b",
        rf"(?<![\d.,])(?P<v>{QNUM}\s*-?\s*(?:tonnes|tons|t)\s+of\s+(?:[\w\-]+\s+)?ore"
        rf"(?:\s+(?:a|per|each)\s+(?:year|annum|day)|\s+annually)?)",
        render=per_year,
    ),
    _rule(
        "resource_size",
        r"deposit|resource|ore",
        rf"\b(?:deposit|resources?|orebody|ore\s+body)\s+(?:[\w\-]+\s+){{0,2}}?(?:of|holds|contains|"
        rf"totall?ing|estimated\s+at)\s+(?P<v>{QNUM}\s+(?:tonnes|tons|t|Mt))\b|(?P<v2>{QNUM}\s+"
        rf"(?:tonnes|tons|Mt))\s+of\s+(?:(?:mineral|measured|indicated|inferred)\s+)*resources?\b",
        render=lambda m, s: m.group("v") or m.group("v2"),
    ),
    _rule(
        "reserve_size",
        r"reserve",
        rf"\breserves?\s+(?:[\w\-]+\s+){{0,2}}?(?:of|totall?ing|estimated\s+at)\s+"
        rf"(?P<v>{QNUM}\s+(?:tonnes|tons|t|Mt))\b",
    ),
)

# Last: any other measured amount, so it still becomes a METRIC claim with its number.
METRIC_RULES: tuple[Rule, ...] = (
    _rule(
        "metric",
        r"\d",
        rf"(?<![\w$.,])(?P<v>{QNUM}\s*-?\s*(?:{_UNITS})(?:\s+of\s+(?!(?:the|a|an|its|their|this|that)\b)[a-z]+)?"
        rf"(?:\s+(?:a|per|each)\s+(?:year|day|month|hour)|\s+annually|/t\b)?)(?![\w])",
        render=per_year,
    ),
    _rule("metric", r"[$€£]", rf"(?<![\w])(?P<v>{MONEY_Q})", render=clean_amount),
)
