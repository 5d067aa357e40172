"""Reading facts out of claims: name matching, best-evidence values and web domains.

Shared by the context packs and the dossier plan. Every function is pure and independent of the
order of the claims it is given (ties are broken by evidence, then by claim id or by name).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from urllib.parse import urlsplit

from engine.claims.guard import is_instruction_statement
from engine.models.claims import Claim
from engine.packs.index import (
    CACHE_SIZE,
    cached_fold,
    cached_name_key,
    name_words,
    padded_fold,
)
from engine.scoring.evidence import best_first

MAX_DOMAINS = 4
MAX_DOMAIN_CHARS = 60
ELLIPSIS = "…"

_HOST = re.compile(r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$")
# Second-level labels under a two-letter country code that are not registrable on their own.
_PUBLIC_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "gov", "ac", "edu"})
DOMAIN_ATTRIBUTES = ("website", "domain")


def clip(text: str, limit: int) -> str:
    """The text cut to at most `limit` characters, marked with an ellipsis when cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    if limit <= 1:
        return text[:limit]
    return text[: limit - 1].rstrip() + ELLIPSIS


@lru_cache(maxsize=CACHE_SIZE)
def _instruction_statement(statement: str) -> bool:
    return is_instruction_statement(statement)


def is_instruction_like(claim: Claim) -> bool:
    """True when the statement reads as an instruction to a model, not as a fact."""
    return _instruction_statement(claim.statement)


def name_key(name: str) -> str:
    """Comparison key of an organization, project or place name."""
    return cached_name_key(name)


def names_match(left: str, right: str) -> bool:
    """True when two names are the same after normalization, or one is a word-prefix of the other.

    'Wyloo' matches 'Wyloo Metals Pty Ltd'; 'Wyloo Canada' does not match 'Wyloo Metals'.
    """
    left_words, right_words = name_words(left), name_words(right)
    if not left_words or not right_words:
        return False
    shorter, longer = sorted((left_words, right_words), key=len)
    return longer[: len(shorter)] == shorter


def mentions(claim: Claim, name: str) -> bool:
    """True when the claim's subject, entities or statement names `name`."""
    if claim.subject and names_match(claim.subject, name):
        return True
    if any(names_match(entity, name) for entity in claim.entities):
        return True
    key = name_key(name)
    return bool(key) and f" {key} " in padded_fold(claim.statement)


def is_about(claim: Claim, name: str) -> bool:
    """True when the claim is about `name`: its subject if it has one, else what it mentions."""
    if claim.subject:
        return names_match(claim.subject, name)
    return mentions(claim, name)


def _about_values(ranked: Iterable[Claim], name: str) -> list[tuple[str, Claim]]:
    """Distinct values of best-first claims that are about `name`, with their claims."""
    seen: set[str] = set()
    found: list[tuple[str, Claim]] = []
    for claim in ranked:
        value = (claim.value or "").strip()
        if value and is_about(claim, name) and cached_fold(value) not in seen:
            seen.add(cached_fold(value))
            found.append((value, claim))
    return found


def ranked_values(claims: Iterable[Claim], attribute: str, name: str) -> list[tuple[str, Claim]]:
    """Distinct values of `attribute` about `name` with their best claims, best evidence first."""
    return _about_values(
        best_first(c for c in claims if c.attribute == attribute and c.value), name
    )


def best_value(claims: Iterable[Claim], attribute: str, name: str) -> tuple[str, Claim] | None:
    """The best-evidence value of `attribute` about `name`, with the claim that states it."""
    values = ranked_values(claims, attribute, name)
    return values[0] if values else None


def host_of(url_or_domain: str) -> str | None:
    """The lower-case host of a URL or bare domain, without 'www.'; None if it is not one."""
    text = url_or_domain.strip().lower()
    if not text or " " in text:
        return None
    if "//" not in text:
        text = "//" + text
    try:
        host = urlsplit(text).hostname
    except ValueError:
        return None
    if host is None:
        return None
    host = host.removeprefix("www.")
    return host if _HOST.match(host) else None


def registrable_domain(host: str) -> str:
    """The registrable part of a host: 'news.wyloo.com' -> 'wyloo.com', 'a.co.uk' kept whole."""
    labels = host.split(".")
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _PUBLIC_SECOND_LEVEL:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def domain_match_strength(domain: str, name: str) -> int:
    """How well a domain matches a name: 2 whole name, 1 first word, 0 not at all.

    'wyloometals.com' holds all of 'Wyloo Metals' (2); 'wyloocanada.com' starts with its first
    word of four or more letters (1).
    """
    label = registrable_domain(domain).split(".")[0].replace("-", "")
    words = name_key(name).split()
    if not words or not label:
        return 0
    if "".join(words) in label:
        return 2
    return 1 if len(words[0]) >= 4 and label.startswith(words[0]) else 0


def domain_matches_name(domain: str, name: str) -> bool:
    """True when a domain looks like the organization's own ('wyloometals.com', 'wyloo.ca')."""
    return domain_match_strength(domain, name) > 0


class DomainIndex:
    """The claims' website/domain values and source hosts, read once for many organizations."""

    def __init__(self, claims: Sequence[Claim]) -> None:
        self._stated = [
            best_first(c for c in claims if c.attribute == attribute and c.value)
            for attribute in DOMAIN_ATTRIBUTES
        ]
        hosts = (host_of(c.source_url or "") for c in best_first(c for c in claims if c.source_url))
        self._hosts = list(dict.fromkeys(host for host in hosts if host is not None))
        self._found: dict[str, list[str]] = {}

    def domains(self, name: str) -> list[str]:
        """`org_domains(claims, name)` of the indexed claims."""
        if name not in self._found:
            domains: list[str] = []
            for stated in self._stated:
                for value, _ in _about_values(stated, name):
                    host = host_of(value)
                    if host is not None:
                        domains.append(registrable_domain(host))
            for host in self._hosts:
                if domain_matches_name(host, name):
                    domains.append(registrable_domain(host))
            unique = [d for d in dict.fromkeys(domains) if len(d) <= MAX_DOMAIN_CHARS]
            self._found[name] = unique[:MAX_DOMAINS]
        return list(self._found[name])


def org_domains(claims: Sequence[Claim], name: str) -> list[str]:
    """Web domains of an organization: its website/domain claims first, then its own source URLs."""
    return DomainIndex(claims).domains(name)


def source_hosts(claims: Iterable[Claim]) -> list[str]:
    """Distinct source hosts of the claims, best evidence first."""
    hosts = (host_of(claim.source_url or "") for claim in best_first(claims))
    return list(dict.fromkeys(host for host in hosts if host is not None))
