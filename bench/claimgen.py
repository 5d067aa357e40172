"""Seeded generator of realistic claim runs for the merge benchmark (bench/merge.py).

The mix: ~25% person claims drawn from a pool of a few thousand people, written with name
variants (nickname, initial, typo) and organization spellings, some after a job change;
~10% event claims over a few hundred subjects (announced, revised, actual); ~20% single-valued
attributes, mostly agreeing in different spellings and sometimes conflicting; ~15%
multi-valued attributes; the rest NOTE/SIGNAL claims without structure.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from engine.models import Claim

FIRST_NAMES: dict[str, list[str]] = {
    "Robert": ["Bob", "Rob"],
    "William": ["Bill", "Will"],
    "James": ["Jim", "Jamie"],
    "Margaret": ["Maggie", "Peggy"],
    "Elizabeth": ["Liz", "Beth"],
    "Katherine": ["Kate", "Kathy"],
    "Michael": ["Mike"],
    "Richard": ["Rick", "Dick"],
    "Jennifer": ["Jen"],
    "Christopher": ["Chris"],
    "Alexander": ["Alex"],
    "Patricia": ["Pat", "Trish"],
    "Thomas": ["Tom"],
    "Daniel": ["Dan"],
    "Sylvain": [],
    "Marie": [],
    "Olu": [],
    "Sanjay": [],
    "Karin": [],
    "Hiroshi": [],
    "Fatima": [],
    "Lucas": [],
    "Chloe": [],
    "Andre": [],
    "Ingrid": [],
    "Mateo": [],
    "Priya": [],
    "Wei": [],
    "Aisha": [],
    "Nikolai": [],
}
SURNAME_PARTS = ["Tremb", "Goy", "Pat", "Lind", "Adey", "Mac", "Fitz", "Van", "Ber", "Hal"]
SURNAME_ENDS = ["lay", "ette", "el", "qvist", "emi", "donald", "gerald", "sen", "ger", "ston"]
SURNAME_ENDS += ["ford", "wood", "ley", "ner", "ard"]
ORG_WORDS = ["Borealis", "Wyloo", "Kestrel", "Northern", "Granite", "Aurora", "Summit", "Boreal"]
ORG_WORDS += ["Hatch", "Cobalt", "Polaris", "Timber", "Cascade", "Ironwood", "Silverline"]
ORG_KINDS = ["Metals", "Mining", "Nickel", "Resources", "Engineering", "Energy", "Capital"]
ORG_SUFFIXES = ["", " Ltd", " Inc.", " Corp", " Pty Ltd", " Limited"]
TITLES = ["VP Projects", "CEO", "CFO", "Director of Procurement", "Project Manager"]
TITLES += ["Head of Operations", "Chief Engineer", "General Counsel"]
EVENT_ATTRIBUTES = ["construction_start", "first_production", "permit_decision"]
EVENT_ATTRIBUTES += ["financing_close", "commissioning", "feasibility_complete"]
MULTI_ATTRIBUTES = ["partner", "product", "customer", "office_location", "technology"]
TIERS = ["GOV", "PRIMARY", "NEWS", "NEWS", "OTHER"]
CONFIDENCES = ["HIGH", "MEDIUM", "MEDIUM", "LOW"]
PREFIXES = ["search", "entity", "contact", "lead", "opp", "client"]
MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August"]
MONTH_NAMES += ["September", "October", "November", "December"]
SITES = ["Lake", "Ridge", "Creek", "Hill", "River", "Bay", "Point", "Nest", "Valley", "Falls"]
SITE_WORDS = [*ORG_WORDS, "Eagle", "Raven", "Caribou", "Moose", "Falcon", "Otter", "Lynx"]
SITE_WORDS += ["Spruce", "Cedar", "Birch", "Copper", "Basalt", "Quartz", "Marten", "Heron"]
CITIES = ["Sudbury", "Toronto", "Perth", "West Perth", "Vancouver", "Thunder Bay", "Montreal"]
STAGES = ["Exploration", "Feasibility", "Permitting", "Pre-construction", "Construction"]


@dataclass(frozen=True)
class Person:
    """One person of the pool and where they work (and moved to, for some)."""

    first: str
    last: str
    organization: str
    later_organization: str | None
    title: str


def _organizations(rng: random.Random, count: int) -> list[str]:
    names = {f"{rng.choice(ORG_WORDS)} {rng.choice(ORG_KINDS)}" for _ in range(count * 3)}
    return sorted(names)[:count]


def _people(rng: random.Random, count: int, organizations: list[str]) -> list[Person]:
    surnames = [a + b for a in SURNAME_PARTS for b in SURNAME_ENDS]
    pairs = [(first, last) for first in FIRST_NAMES for last in surnames]
    rng.shuffle(pairs)
    return [
        Person(
            first,
            last,
            rng.choice(organizations),
            rng.choice(organizations) if rng.random() < 0.1 else None,
            rng.choice(TITLES),
        )
        for first, last in pairs[:count]
    ]


def _typo(rng: random.Random, word: str) -> str:
    index = rng.randrange(1, len(word) - 1)
    return word[:index] + word[index + 1] + word[index] + word[index + 2 :]


def _name_variant(rng: random.Random, person: Person) -> str:
    roll = rng.random()
    if roll < 0.6:
        return f"{person.first} {person.last}"
    if roll < 0.75 and FIRST_NAMES[person.first]:
        return f"{rng.choice(FIRST_NAMES[person.first])} {person.last}"
    if roll < 0.9:
        return f"{person.first[0]}. {person.last}"
    return f"{person.first} {_typo(rng, person.last)}"


def _money(rng: random.Random, millions: int) -> str:
    billions = millions / 1000
    forms = [f"${billions:g} billion", f"USD {millions:,} million", f"US${billions:g}B"]
    forms += [f"{billions:g} bn USD", f"about ${millions}m"]
    return rng.choice(forms)


def _month(rng: random.Random, day: date) -> str:
    forms = [f"{MONTH_NAMES[day.month - 1]} {day.year}", day.isoformat()]
    forms += [f"{MONTH_NAMES[day.month - 1][:3]}. {day.year}", f"{day.year}-{day.month:02d}"]
    return rng.choice(forms)


class ClaimGenerator:
    """Builds runs of claims over one fixed world (people, organizations, subjects)."""

    def __init__(self, seed: int = 7, people: int = 3000, subjects: int = 300) -> None:
        self.rng = random.Random(seed)
        self.organizations = _organizations(self.rng, 150)
        self.people = _people(self.rng, people, self.organizations)
        self.subjects = [f"{word} {site}" for word in SITE_WORDS for site in SITES][:subjects]
        self.truth: dict[tuple[str, str], Any] = {}

    def _base(self, claim_id: str) -> dict[str, Any]:
        rng = self.rng
        reported = date(2023, 1, 1) + timedelta(days=rng.randrange(0, 1000))
        return {
            "claim_id": claim_id,
            "claim_type": "NOTE",
            "statement": f"Fact {claim_id}.",
            "source_tier": rng.choice(TIERS),
            "confidence": rng.choice(CONFIDENCES),
            "reported_on": reported.isoformat() if rng.random() < 0.8 else None,
        }

    def _person(self, fields: dict[str, Any]) -> None:
        person = self.rng.choice(self.people)
        moved = person.later_organization is not None and self.rng.random() < 0.5
        organization = person.later_organization if moved else person.organization
        fields["claim_type"] = "CONTACT"
        fields["person"] = {
            "name": _name_variant(self.rng, person),
            "title": person.title,
            "organization": f"{organization}{self.rng.choice(ORG_SUFFIXES)}",
        }

    def _event(self, fields: dict[str, Any]) -> None:
        rng = self.rng
        subject = rng.choice(self.subjects)
        attribute = rng.choice(EVENT_ATTRIBUTES)
        planned = self.truth.setdefault((subject, attribute), date(2025, rng.randrange(1, 13), 1))
        shifted = planned + timedelta(days=31 * rng.choice([0, 0, 0, 2, 4]))
        fields.update(subject=subject, attribute=attribute, value=_month(rng, shifted))
        fields["claim_type"] = "SIGNAL"
        fields["event_status"] = rng.choice([None, None, None, "REVISED", "ACTUAL"])

    def _single(self, fields: dict[str, Any]) -> None:
        rng = self.rng
        subject = rng.choice(self.subjects)
        attribute = rng.choice(["capital_cost", "hq_location", "project_stage", "ceo"])
        key = (subject, attribute)
        if attribute == "capital_cost":
            millions = self.truth.setdefault(key, rng.randrange(2, 40) * 100)
            value = _money(rng, millions if rng.random() < 0.9 else millions + 100)
            fields.update(claim_type="METRIC", subject=subject, attribute=attribute, value=value)
            return
        pool = {"hq_location": CITIES, "project_stage": STAGES}.get(attribute)
        if pool is None:
            pool = [f"{p.first} {p.last}" for p in self.people[:50]]
        truth = self.truth.setdefault(key, rng.choice(pool))
        value = truth if rng.random() < 0.9 else rng.choice(pool)
        value = value.upper() if rng.random() < 0.1 else value
        fields.update(claim_type="ATTRIBUTE", subject=subject, attribute=attribute, value=value)

    def _multi(self, fields: dict[str, Any]) -> None:
        rng = self.rng
        fields.update(
            claim_type="RELATIONSHIP",
            subject=rng.choice(self.subjects),
            attribute=rng.choice(MULTI_ATTRIBUTES),
            value=rng.choice(self.organizations),
        )

    def claim(self, index: int) -> Claim:
        """One claim with a unique id built from `index`."""
        fields = self._base(f"{self.rng.choice(PREFIXES)}_{index:06d}")
        roll = self.rng.random()
        if roll < 0.25:
            self._person(fields)
        elif roll < 0.35:
            self._event(fields)
        elif roll < 0.55:
            self._single(fields)
        elif roll < 0.70:
            self._multi(fields)
        else:
            fields["claim_type"] = self.rng.choice(["NOTE", "SIGNAL"])
        return Claim.model_validate(fields)

    def run(self, count: int) -> list[Claim]:
        """`count` claims with unique ids."""
        return [self.claim(index) for index in range(1, count + 1)]
