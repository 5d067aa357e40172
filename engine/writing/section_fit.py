"""Client fit: the client's services and differentiators, and which target needs they answer.

A client's `services` and `differentiators` are free text ("camps from 100 to 1,000 beds; steel
buildings; site installation"). They are split into items at semicolons or line breaks (at commas
when there are none), outside parentheses. A service fits a claim when they share a distinctive
word (generic words such as "project" or "services" do not count); the best fit shares the most
words and reads most as an open need (a signal, a tender, a plan; not a contract already
awarded), then has the best evidence. Used by DEAL_STRATEGY, OUTREACH, the insight and the
contact copy.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from engine.merge.text import fold
from engine.models.claims import Claim, ClaimType
from engine.models.client import Client
from engine.packs.facts import clip
from engine.packs.orgs import Partner, partners_of
from engine.scoring import best_first, signal_kind
from engine.scoring.lead import month_label
from engine.writing.section_text import KIND_NEEDS, lower_first, plain

MAX_ITEM_CHARS = 90
# Partner roles that decide or shape who supplies a project (a plain "partner" or a supplier,
# possibly a competitor, does not).
SHORTLIST_ROLES = frozenset(
    {"EPCM partner", "EPC contractor", "contractor", "engineering firm", "consultant"}
)
MIN_WORD_CHARS = 4
_GENERIC = frozenset(
    """
    about also and services service project projects site sites system systems design support
    management solution solutions delivery work works including from with into over their
    that this these those full each every provide provides providing client clients company
    companies new large small high medium low range scale based plus other more most
    construction installation operations industrial commercial canada canadian western
    """.split()
)


_OPEN_NEED_WORDS = frozenset(
    "tender tenders tendering rfp rfq bid bids will plans plan planned planning expects expected "
    "seek seeks seeking expand expands expansion procure procurement hiring upcoming".split()
)
_FILLED_NEED_WORDS = frozenset("awarded selected chose completed".split())


@dataclass(frozen=True)
class ServiceFit:
    """A client service, the claim whose need it answers, and the words they share."""

    service: str
    claim: Claim
    shared: tuple[str, ...]


def _top_level_split(text: str, separators: str) -> list[str]:
    items: list[str] = []
    current: list[str] = []
    depth = 0
    for ch in text:
        depth += ch == "("
        depth -= ch == ")" and depth > 0
        if ch in separators and depth == 0:
            items.append("".join(current))
            current = []
        else:
            current.append(ch)
    items.append("".join(current))
    return [item for item in (plain(i).strip(" .") for i in items) if item]


def split_items(text: str) -> list[str]:
    """A free-text list as items, parentheses removed, each clipped to a readable length."""
    items = _top_level_split(text, ";\n")
    if len(items) == 1:
        items = _top_level_split(text, ",")
    short = [" ".join(re.sub(r"\([^)]*\)", " ", item).split()) for item in items]
    return list(dict.fromkeys(clip(item, MAX_ITEM_CHARS) for item in short if item))


def client_services(client: Client) -> list[str]:
    """The client's services as short items (empty when none are given)."""
    return split_items(client.services)


def client_differentiators(client: Client) -> list[str]:
    """The client's differentiators as short items."""
    return split_items(client.differentiators)


def _stem(word: str) -> str:
    if word.endswith("ies") and len(word) > 5:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > MIN_WORD_CHARS:
        return word[:-1]
    return word


def distinctive_words(text: str) -> set[str]:
    """Stemmed words of four letters or more that say something specific."""
    return {
        _stem(word)
        for word in fold(text).split()
        if len(word) >= MIN_WORD_CHARS and word.isalpha() and word not in _GENERIC
    }


def _need_bonus(claim: Claim) -> int:
    """How much a claim reads as an open need: signals and forward-looking words count, a
    contract already awarded counts against."""
    words = set(fold(claim.statement).split())
    bonus = 2 if claim.claim_type is ClaimType.SIGNAL else 0
    bonus += 2 * bool(words & _OPEN_NEED_WORDS)
    return bonus - 3 * bool(words & _FILLED_NEED_WORDS)


def service_fits(client: Client, claims: Sequence[Claim], limit: int = 3) -> list[ServiceFit]:
    """Services matched to the claims that need them, best fit first, each claim used once."""
    ranked = [c for c in best_first(claims) if c.claim_type is not ClaimType.CONTACT]
    words = {c.claim_id: distinctive_words(c.statement) for c in ranked}
    candidates: list[tuple[int, int, int, ServiceFit]] = []
    for index, service in enumerate(client_services(client)):
        wanted = distinctive_words(service)
        for position, claim in enumerate(ranked):
            shared = tuple(sorted(wanted & words[claim.claim_id]))
            if shared:
                score = 3 * len(shared) + _need_bonus(claim)
                fit = ServiceFit(service, claim, shared)
                candidates.append((-score, index, position, fit))
    candidates.sort(key=lambda item: item[:3])
    fits: list[ServiceFit] = []
    used_services: set[str] = set()
    used_claims: set[str] = set()
    for _, _, _, fit in candidates:
        if fit.service in used_services or fit.claim.claim_id in used_claims:
            continue
        fits.append(fit)
        used_services.add(fit.service)
        used_claims.add(fit.claim.claim_id)
        if len(fits) >= limit:
            break
    return fits


def best_service(client: Client, claims: Sequence[Claim]) -> str | None:
    """The service that best fits the claims, else the client's first service (None: none)."""
    fits = service_fits(client, claims, limit=1)
    if fits:
        return fits[0].service
    services = client_services(client)
    return services[0] if services else None


def shortlist_partners(claims: Sequence[Claim], target: str, project: str | None) -> list[Partner]:
    """Partners whose role shapes the supplier shortlist (EPCM, EPC, contractor, engineer)."""
    return [p for p in partners_of(claims, target, project) if p.role in SHORTLIST_ROLES]


def the_angle(client: str, service: str | None, signal: Claim | None, place: str) -> str:
    """What the client should sell, for which need, tied to a signal: 'Acme: camps for ...'."""
    offer = f"{client}: {lower_first(service)}" if service else f"{client} as a supplier"
    if signal is None:
        return f"{offer} for {place}"
    day = signal.date_in_claim or signal.reported_on
    when = f" ({month_label(day)})" if day else ""
    return f"{offer} for the {KIND_NEEDS[signal_kind(signal)]} at {place}{when}"
