"""Relationships between organizations and projects: RELATIONSHIP facts.

- parent_company: "X is a (wholly-owned) subsidiary of Y", "Y, a subsidiary of X" (subject the
  subsidiary), "X is owned by Y", "Y is the parent (company) of X"; in apposition, "the
  company, owned by the Tattarang investment group" and "(ultimately) controlled by Y" (subject
  the organization named before, else the one the document is about; Y kept whole, without
  "investment group")
- subsidiary: "X's subsidiary Y" (subject X)
- partner: "Y is the EPCM partner/contractor for X", "X selected/appointed Y as (its)
  contractor", "awarded the EPCM contract to Y", "in partnership with Y", "partnered with Y"
- partner from an agreement: "X and Y (formerly Z) have signed a memorandum of understanding"
  (each is the other's partner), "X signed partnership agreements with Y"
- acquired: "X acquired / bought / completed its takeover of Y", "Y, which X bought in 2022"
- investor: "Y invested $N in X", "backed/funded by Y"
- incentive: who funds or subsidises the project: "a $600 million grant from the Ohio
  Department of Development", "CHIPS Act funding", "Metro committed $175 million in
  tax-increment financing"
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
_AGREEMENT = (
    r"(?i:memorandum\s+of\s+understanding|memorandum|MOU|(?:partnership|cooperation|"
    r"collaboration|framework|impact\s+benefit|joint[- ]venture)\s+agreements?|partnership)"
)
_SIGNED = (
    rf"(?:\s*\([^)]{{0,60}}\))?\s+(?i:have\s+|has\s+)?(?i:signed|inked|entered\s+into)\s+"
    rf"(?i:an?\s+|the\s+)?(?:[\w\-]+\s+){{0,3}}?{_AGREEMENT}"
)
_SUPPORT = (
    r"grants?|incentives?|incentive\s+package|subsid(?:y|ies)|tax\s+(?:credits?|breaks?|"
    r"incentives?|abatements?)|funding|financing|aid|award"
)
_FOR_WHOM = rf"(?P<s>{ORG}|(?i:the\s+)?(?i:project|mine|company|deposit))"

# Words every "A and B signed ..." sentence holds.
_SIGNED_HINTS = re.compile(r"signed|inked|entered", re.IGNORECASE)
# Words every public-support sentence holds (a cheap test before the incentive patterns run).
_SUPPORT_HINTS = re.compile(r"grant|incentive|subsid|tax|fund|financ|\baid\b|award", re.IGNORECASE)

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
        re.compile(
            rf"(?:,\s*|\b(?i:company|firm|business|miner|developer|operator|which\s+is|that\s+is|"
            rf"is|was|are|remains|and)\s+)"
            rf"(?i:(?:(?:wholly|majority|fully|privately|ultimately|indirectly)[- ])?"
            rf"(?:owned|controlled)\s+by\s+(?:the\s+)?)(?P<v>{ORG})"
            rf"(?=\s+(?i:investment\s+group|group|family|fund)\b|\s*[,.;)]|\s*$|\s+(?:of|and|since|"
            rf"in|through|until)\b)"
        ),
        subject="before_or_target",
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
        "partner",
        ClaimType.RELATIONSHIP,
        re.compile(rf"(?P<s>{ORG})\s+and\s+(?P<v>{ORG}){_SIGNED}"),
        subject="named",
        value_kind="org",
        needs=_SIGNED_HINTS,
    ),
    Rule(
        "partner",
        ClaimType.RELATIONSHIP,
        re.compile(rf"(?P<v>{ORG})\s+and\s+(?P<s>{ORG}){_SIGNED}"),
        subject="named",
        value_kind="org",
        needs=_SIGNED_HINTS,
    ),
    Rule(
        "partner",
        ClaimType.RELATIONSHIP,
        re.compile(
            rf"\b(?i:signed|signs|inked|entered\s+into)\s+(?i:an?\s+|the\s+)?(?:[\w\-]+\s+){{0,3}}?"
            rf"{_AGREEMENT}\s+(?:\([^)]{{0,20}}\)\s+)?with\s+(?:the\s+)?(?P<v>{ORG})"
        ),
        subject="before",
        value_kind="org",
        needs=re.compile(r"signed|signs|inked|entered", re.IGNORECASE),
    ),
    Rule(
        "acquired",
        ClaimType.RELATIONSHIP,
        re.compile(
            rf"\b(?i:acquired|bought|purchased|took\s+over|(?:completed|closed)\s+(?:its|the|a)\s+"
            rf"(?:[\w$.,\-]+\s+){{0,2}}?(?:takeover|acquisition|purchase)\s+of)\s+(?:the\s+)?"
            rf"(?:[a-z][\w\-]*\s+){{0,3}}?(?P<v>{ORG})"
        ),
        subject="before_or_target",
        value_kind="org",
        needs=re.compile(
            r"acquired|bought|purchased|took\s+over|takeover|acquisition|purchase", re.IGNORECASE
        ),
    ),
    Rule(
        "acquired",
        ClaimType.RELATIONSHIP,
        re.compile(
            rf"(?P<v>{ORG}),\s+which\s+(?P<s>{ORG})\s+(?i:acquired|bought|purchased|took\s+over)\b"
        ),
        subject="named",
        value_kind="org",
        needs=re.compile(r"which", re.IGNORECASE),
    ),
    Rule(
        "incentive",
        ClaimType.RELATIONSHIP,
        re.compile(
            rf"\b(?i:{_SUPPORT})\s+(?:(?i:of|worth|totall?ing)\s+)?(?:{MONEY}\s+)?(?i:from|by)\s+"
            rf"(?:the\s+)?(?P<v>{ORG})"
        ),
        subject="project",
        value_kind="org",
        needs=_SUPPORT_HINTS,
    ),
    Rule(
        "incentive",
        ClaimType.RELATIONSHIP,
        re.compile(
            rf"(?<![\w])(?<!Series\s)(?<!Round\s)(?!(?:Series|Seed|Round|Bridge|Debt|Equity)\b)"
            rf"(?P<v>{ORG})(?:['’]s?)?\s+"
            rf"(?:{MONEY}\s+)?(?i:{_SUPPORT})\b"
        ),
        subject="project",
        value_kind="org",
        needs=_SUPPORT_HINTS,
    ),
    Rule(
        "incentive",
        ClaimType.RELATIONSHIP,
        re.compile(
            rf"(?P<v>{ORG})\s+(?i:has\s+)?(?i:committed|pledged|provided|granted|awarded|approved|"
            rf"offered)\s+(?:an?\s+)?(?:{MONEY}|(?i:incentives?|grants?|tax\s+breaks?))"
            rf"(?:\s+(?i:in|of))?(?:\s+[\w\-]+){{0,3}}?\s+(?i:{_SUPPORT}|tax\s+\w+)"
        ),
        subject="project",
        value_kind="org",
        needs=_SUPPORT_HINTS,
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
