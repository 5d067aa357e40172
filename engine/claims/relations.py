"""Relationships between organizations and projects: RELATIONSHIP facts.

- parent_company: "X is a (wholly-owned) subsidiary of Y", "Y, a subsidiary of X" (subject the
  subsidiary), "X is owned by Y", "Y is the parent (company) of X"
- subsidiary: "X's subsidiary Y" (subject X)
- partner: "Y is the EPCM partner/contractor for X", "X selected/appointed Y as (its)
  contractor", "awarded the EPCM contract to Y", "in partnership with Y", "partnered with Y"
- investor: "Y invested $N in X", "backed/funded by Y"
- customer: "offtake/supply agreement with Y", "customers include Y"

The value is the other party's name as stated; "it" / "the company" is the target and "the
project" is the project the document is about.
"""

from __future__ import annotations

import re

from engine.claims.facts import MONEY
from engine.claims.names import ORG
from engine.claims.rules import Rule
from engine.models import ClaimType

_SELF = r"(?i:it|the\s+company|the\s+firm|the\s+miner|the\s+developer)"
_SUBJECT = rf"(?P<s>{ORG}|{_SELF})"
_OWNED = r"(?:wholly[- ]owned\s+|majority[- ]owned\s+|indirect\s+|private\s+|operating\s+)?"
_ROLE = (
    r"(?:[\w\-]+\s+){0,2}?(?:partner|contractor|consultant|engineer|engineering\s+firm|"
    r"EPCM|EPC|builder|constructor)"
)
_FOR_WHOM = rf"(?P<s>{ORG}|(?i:the\s+)?(?i:project|mine|company|deposit))"

RELATION_RULES: tuple[Rule, ...] = (
    Rule(
        "parent_company",
        ClaimType.RELATIONSHIP,
        re.compile(
            rf"{_SUBJECT},?\s+(?:is|was|became|remains|operates\s+as)\s+(?:now\s+)?(?:a\s+|the\s+|an\s+)?"
            rf"{_OWNED}subsidiary\s+of\s+(?P<v>{ORG})"
        ),
        subject="named",
        value_kind="org",
    ),
    Rule(
        "parent_company",
        ClaimType.RELATIONSHIP,
        re.compile(rf"(?P<s>{ORG}),\s+(?:a|an|the)\s+{_OWNED}subsidiary\s+of\s+(?P<v>{ORG})"),
        subject="named",
        value_kind="org",
    ),
    Rule(
        "parent_company",
        ClaimType.RELATIONSHIP,
        re.compile(
            rf"{_SUBJECT}\s+(?:is|was|has\s+been)\s+(?:wholly\s+|majority\s+|fully\s+|"
            rf"privately\s+)?owned\s+by\s+(?P<v>{ORG})"
        ),
        subject="named",
        value_kind="org",
    ),
    Rule(
        "parent_company",
        ClaimType.RELATIONSHIP,
        re.compile(rf"(?P<v>{ORG})\s+(?:is|was)\s+the\s+parent(?:\s+company)?\s+of\s+(?P<s>{ORG})"),
        subject="named",
        value_kind="org",
    ),
    Rule(
        "subsidiary",
        ClaimType.RELATIONSHIP,
        re.compile(rf"(?P<s>{ORG})['’]s?\s+{_OWNED}subsidiary,?\s+(?P<v>{ORG})"),
        subject="named",
        value_kind="org",
    ),
    Rule(
        "partner",
        ClaimType.RELATIONSHIP,
        re.compile(
            rf"(?P<v>{ORG})\s+(?:is|was|has\s+been|will\s+be|remains|serves\s+as|was\s+named|"
            rf"has\s+been\s+named|was\s+selected\s+as|has\s+been\s+selected\s+as|was\s+appointed|"
            rf"has\s+been\s+appointed)\s+(?:as\s+)?(?:the\s+|a\s+|an\s+)?{_ROLE}\s+"
            rf"(?:for|on|of|at|to)\s+(?:the\s+)?{_FOR_WHOM}"
        ),
        subject="named",
        value_kind="org",
    ),
    Rule(
        "partner",
        ClaimType.RELATIONSHIP,
        re.compile(
            rf"{_SUBJECT}\s+(?:has\s+)?(?:selected|appointed|hired|retained|engaged|chose|named)\s+"
            rf"(?P<v>{ORG})\s+(?:as|to\s+be)\s+(?:its\s+|the\s+|their\s+)?{_ROLE}\b"
        ),
        subject="named",
        value_kind="org",
    ),
    Rule(
        "partner",
        ClaimType.RELATIONSHIP,
        re.compile(
            rf"\bawarded\s+(?:the\s+|an?\s+|its\s+)?(?:[\w\-]+\s+){{0,2}}contract\s+"
            rf"(?:for\s+[^,.;]{{0,40}}?\s+)?to\s+(?P<v>{ORG})"
        ),
        subject="project",
        value_kind="org",
    ),
    Rule(
        "partner",
        ClaimType.RELATIONSHIP,
        re.compile(
            rf"\b(?:in\s+(?:a\s+)?(?:joint[- ]venture\s+|strategic\s+)?partnership\s+with|"
            rf"partnered\s+with|has\s+partnered\s+with|a\s+partnership\s+with)\s+(?:the\s+)?"
            rf"(?P<v>{ORG})"
        ),
        value_kind="org",
    ),
    Rule(
        "investor",
        ClaimType.RELATIONSHIP,
        re.compile(
            rf"(?P<v>{ORG})\s+(?:has\s+)?(?:invested|will\s+invest|agreed\s+to\s+invest)\s+"
            rf"(?:{MONEY}\s+)?in\s+(?P<s>{ORG})"
        ),
        subject="named",
        value_kind="org",
    ),
    Rule(
        "investor",
        ClaimType.RELATIONSHIP,
        re.compile(rf"\b(?:backed|funded|financed)\s+by\s+(?P<v>{ORG})"),
        value_kind="org",
    ),
    Rule(
        "customer",
        ClaimType.RELATIONSHIP,
        re.compile(
            rf"\b(?:offtake|supply|sales)\s+(?:agreement|contract|deal)\s+with\s+(?P<v>{ORG})",
            re.IGNORECASE,
        ),
        value_kind="org",
    ),
    Rule(
        "customer",
        ClaimType.RELATIONSHIP,
        re.compile(rf"\bcustomers?\s+(?:include|includes|including)\s+(?P<v>{ORG})"),
        value_kind="org",
    ),
)
