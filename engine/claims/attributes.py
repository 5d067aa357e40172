"""Registry attributes stated in a sentence: company identity, quantities and project facts.

Recognised (value as stated in the text):

- hq_location: "headquartered in X", "based in X", "headquarters in X", "HQ in X", "X-based"
- employee_count: "employs 1,200 people", "a workforce of about 1,200", "has 1,200 employees"
- founded_year: "founded/established/incorporated in 2009"
- website: "website is borealisnickel.com"; legal_name: "legal name is X", "registered as X"
- revenue: "revenue of $40 million", "$40 million in revenue"
- capital_cost: "capital cost of $1.2 billion", "capex estimated at US$1.2B",
  "a $1.2 billion project"
- project_capacity (throughput): "3,000 tpd", "3,000 tonnes per day", "20,000 tonnes per year",
  "300,000 tonnes of ore a year"
- measures with their qualifier and scope (engine.claims.measures): investment, capital cost by
  phase, acquisition price, lease value and term, jobs, site and floor area, power capacity
  (initial / potential), production rate, mine life, resource size, and any other METRIC
- project_stage: "is in the feasibility stage", "a development-stage project"
- project_location: "located near Sudbury, Ontario" in a sentence about a project
- phone, address (ATTRIBUTE claims; not in the registry, so multi-valued)
"""

from __future__ import annotations

import re

from engine.claims.facts import APPROX, MONEY, NUMBER, PLACE
from engine.claims.measures import MEASURE_RULES, METRIC_RULES, PROJECT_MEASURE_RULES
from engine.claims.names import ORG
from engine.claims.rules import Rule
from engine.models import ClaimType

_STAGES = (
    r"pre-?feasibility|feasibility|permitting|pre-?construction|construction|development|"
    r"exploration|advanced\s+exploration|production|care\s+and\s+maintenance|commissioning|"
    r"pre-?development"
)
_DIRECTION = (
    r"(?:(?:northern|southern|eastern|western|central|north-?eastern|north-?western|"
    r"south-?eastern|south-?western|remote|rural)\s+)?"
)
_CAPACITY_UNITS = (
    r"tpd|t/d|tonnes?\s+(?:per|a|each)\s+day|tons?\s+(?:per|a)\s+day|metric\s+tonnes\s+per\s+day|"
    r"tonnes?\s+per\s+(?:year|annum)|tons?\s+per\s+year|tpa|mtpa|ktpa|"
    r"million\s+tonnes\s+per\s+(?:year|annum)|"
    r"barrels\s+per\s+day|bpd|ounces\s+per\s+year|oz\s+per\s+year"
)

COMPANY_RULES: tuple[Rule, ...] = (
    *MEASURE_RULES,
    Rule(
        "hq_location",
        ClaimType.ENTITY,
        re.compile(
            rf"(?<!who\s)(?<!who\sis\s)\b(?i:(?:is\s+|are\s+|remains\s+)?(?:headquartered|"
            rf"head-quartered|based)\s+(?:in|out\s+of)\s+(?:the\s+city\s+of\s+)?)(?P<v>{PLACE})"
        ),
        value_kind="place",
    ),
    Rule(
        "hq_location",
        ClaimType.ENTITY,
        re.compile(
            rf"\b(?i:(?:headquarters|head\s+office|HQ)\s+(?:is\s+|are\s+|remains\s+)?"
            rf"(?:located\s+)?(?:in|at)\s+)(?P<v>{PLACE})"
        ),
        value_kind="place",
    ),
    Rule(
        "hq_location",
        ClaimType.ENTITY,
        re.compile(rf"(?P<v>{PLACE})-(?:based|headquartered)\b"),
        subject="following",
        value_kind="place",
    ),
    Rule(
        "employee_count",
        ClaimType.METRIC,
        re.compile(
            rf"\bemploy(?:s|ed|ing)?\s+{APPROX}(?P<v>{NUMBER})\s+(?:full-time\s+|permanent\s+)?"
            rf"(?:people|employees|staff|workers|persons)\b",
            re.IGNORECASE,
        ),
        value_kind="number",
    ),
    Rule(
        "employee_count",
        ClaimType.METRIC,
        re.compile(
            rf"\b(?:workforce|headcount|staff)\s+(?:of|to)\s+{APPROX}(?P<v>{NUMBER})"
            rf"(?!\s*(?:%|percent|million|billion))",
            re.IGNORECASE,
        ),
        value_kind="number",
    ),
    Rule(
        "employee_count",
        ClaimType.METRIC,
        re.compile(
            rf"\b(?:has|have|had|with)\s+{APPROX}(?P<v>{NUMBER})\s+(?:full-time\s+|"
            rf"[\"“”']?(?:core|total|permanent|direct)[\"“”']?\s+)?(?:employees|staff|workers)\b",
            re.IGNORECASE,
        ),
        value_kind="number",
    ),
    Rule(
        "founded_year",
        ClaimType.ENTITY,
        re.compile(
            r"\b(?:was\s+)?(?:founded|established|incorporated|formed)\s+in\s+(?P<v>(?:19|20)\d{2})"
            r"(?!\d)",
            re.IGNORECASE,
        ),
        value_kind="number",
    ),
    Rule(
        "website",
        ClaimType.ENTITY,
        re.compile(
            r"\b(?:website|web\s+site|homepage)\s*(?:is\s+|at\s+|:\s*)?(?P<v>(?:https?://)?"
            r"(?:www\.)?[a-z0-9\-]+(?:\.[a-z0-9\-]+)+(?:/[^\s]*)?)",
            re.IGNORECASE,
        ),
    ),
    Rule(
        "legal_name",
        ClaimType.ENTITY,
        re.compile(rf"\b(?:legal\s+name\s+is|legal\s+name:|registered\s+as)\s+(?P<v>{ORG})"),
        value_kind="name",
    ),
    Rule(
        "revenue",
        ClaimType.METRIC,
        re.compile(
            rf"\b(?:annual\s+)?(?:revenues?|sales)\s+(?:of|was|were|is|reached|totall?ed|rose\s+to|"
            rf"fell\s+to)\s+{APPROX}(?P<v>{MONEY})",
            re.IGNORECASE,
        ),
    ),
    Rule(
        "revenue",
        ClaimType.METRIC,
        re.compile(rf"(?P<v>{MONEY})\s+in\s+(?:annual\s+)?(?:revenues?|sales)\b", re.IGNORECASE),
    ),
    Rule(
        "phone",
        ClaimType.ATTRIBUTE,
        re.compile(
            r"\b(?:phone|telephone|tel\.?|ph\.?)(?:\s+number)?\s*(?:is\s+|:\s*)?"
            r"(?P<v>\+?\(?\d[\d\s().\-]{6,}\d)",
            re.IGNORECASE,
        ),
    ),
    Rule(
        "address",
        ClaimType.ATTRIBUTE,
        re.compile(
            r"\b(?:mailing\s+|street\s+|head\s+office\s+)?address\s*(?::|is)\s*(?P<v>[^;]{5,120})",
            re.IGNORECASE,
        ),
    ),
)

PROJECT_RULES: tuple[Rule, ...] = (
    Rule(
        "capital_cost",
        ClaimType.METRIC,
        re.compile(
            rf"\b(?:capital\s+(?:costs?|expenditures?|estimate|budget|requirements?)|capex)\b"
            rf"[^$€£.;]{{0,60}}?(?P<v>{MONEY})",
            re.IGNORECASE,
        ),
        subject="project",
    ),
    Rule(
        "capital_cost",
        ClaimType.METRIC,
        re.compile(
            rf"(?P<v>{MONEY})\s+(?:in\s+)?(?:initial\s+)?(?:capital\s+(?:costs?|expenditures?)|"
            rf"capex)\b",
            re.IGNORECASE,
        ),
        subject="project",
    ),
    Rule(
        "capital_cost",
        ClaimType.METRIC,
        re.compile(
            rf"\b(?:a|an|the)\s+(?P<v>{MONEY})\s+(?:[\w\-]+\s+){{0,2}}?(?:project|mine|development|"
            rf"plant|facility|refinery|smelter|mill|concentrator)\b",
            re.IGNORECASE,
        ),
        subject="project",
    ),
    Rule(
        "project_capacity",
        ClaimType.METRIC,
        re.compile(rf"(?<![\d.,])(?P<v>{NUMBER}\s*-?\s*(?i:{_CAPACITY_UNITS}))(?![\w/])"),
        subject="project",
        project_type=True,
    ),
    Rule(
        "project_stage",
        ClaimType.OPPORTUNITY,
        re.compile(
            rf"\b(?:is|remains|was|entered|enters|moved\s+into|advanced\s+(?:to|into)|now\s+in)\s+"
            rf"(?:currently\s+)?(?:in\s+|at\s+|into\s+)?(?:the\s+)?(?P<v>(?:{_STAGES})\s+(?:stage|"
            rf"phase))\b",
            re.IGNORECASE,
        ),
        subject="project",
    ),
    Rule(
        "project_stage",
        ClaimType.OPPORTUNITY,
        re.compile(
            rf"\b(?:a|an)\s+(?P<v>(?:{_STAGES}|advanced)-stage)\s+(?:[\w\-]+\s+){{0,2}}?"
            rf"(?:project|mine|asset|deposit)\b",
            re.IGNORECASE,
        ),
        subject="project",
    ),
    Rule(
        "project_location",
        ClaimType.OPPORTUNITY,
        re.compile(
            rf"\b(?i:located\s+)"
            rf"(?P<v>(?i:(?:(?:about|approximately|some)\s+)?(?:\d[\d,.]*\s*(?:km|kilometres|"
            rf"kilometers|miles)\s+(?:[a-z\-]+\s+){{0,2}}(?:of|from)\s+|(?:in|near|outside|"
            rf"north\s+of|south\s+of|east\s+of|west\s+of)\s+)(?:the\s+)?{_DIRECTION}){PLACE})"
        ),
        subject="project",
        needs_project=True,
    ),
    *PROJECT_MEASURE_RULES,
    *METRIC_RULES,
)
