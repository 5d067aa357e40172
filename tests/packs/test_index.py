"""The indexes behind the near-linear plan and packs answer exactly as name-by-name checks do.

Each index is compared, on random names, claims and packs, with the pairwise code it replaced
(kept here as the oracle).
"""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.models import Claim
from engine.packs.budget import TrimRule, fit_to_budget
from engine.packs.contacts import ContactContext
from engine.packs.facts import (
    DomainIndex,
    domain_matches_name,
    host_of,
    is_about,
    mentions,
    names_match,
    ranked_values,
    registrable_domain,
)
from engine.packs.index import NameIndex
from engine.packs.orgs import Partner, off_target
from engine.scoring.evidence import best_first
from engine.tokens import estimate_tokens
from tests.strategies import NAMES, TARGET, claim_sets

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
WORDS = ["Wyloo", "Metals", "Canada", "Eagle's", "Nest", "Hatch", "Ltd", "the", "Pty", "Ézé", "&"]
names = st.one_of(
    st.sampled_from(NAMES),
    st.lists(st.sampled_from(WORDS), max_size=4).map(" ".join),
    st.text(alphabet="abW é-.&'", max_size=12),
)


def oracle_off_target(claim: Claim, related: list[str]) -> str | None:
    """The pairwise `off_target_subject` the index replaced."""
    named = ([claim.subject] if claim.subject else []) + list(claim.entities)
    if claim.person is not None and claim.person.organization:
        named.append(claim.person.organization)
    if not named or any(mentions(claim, name) for name in related):
        return None
    if claim.person is not None and claim.person.organization:
        if any(names_match(claim.person.organization, name) for name in related):
            return None
    return named[0]


def oracle_org_domains(claims: list[Claim], name: str) -> list[str]:
    """The claim-by-claim `org_domains` the domain index replaced."""
    domains: list[str] = []
    for attribute in ("website", "domain"):
        for value, _ in ranked_values(claims, attribute, name):
            host = host_of(value)
            if host is not None:
                domains.append(registrable_domain(host))
    for claim in best_first(c for c in claims if c.source_url):
        host = host_of(claim.source_url or "")
        if host is not None and domain_matches_name(host, name):
            domains.append(registrable_domain(host))
    return [d for d in dict.fromkeys(domains) if len(d) <= 60][:4]


@SETTINGS
@given(st.lists(names, max_size=6), names, claim_sets(max_size=15))
def test_name_index_agrees_with_pairwise_matching(
    indexed: list[str], query: str, claims: list[Claim]
) -> None:
    index = NameIndex(indexed)
    assert index.matches(query) == any(names_match(query, name) for name in indexed)
    for claim in claims:
        assert index.mentioned_by(claim) == any(mentions(claim, name) for name in indexed)
        assert index.about(claim) == any(is_about(claim, name) for name in indexed)
        assert off_target(claim, index) == oracle_off_target(claim, indexed)


@SETTINGS
@given(claim_sets(max_size=20), st.lists(names, min_size=1, max_size=4))
def test_domain_index_agrees_with_reading_every_claim(
    claims: list[Claim], asked: list[str]
) -> None:
    index = DomainIndex(claims)
    for name in asked + [TARGET]:
        assert index.domains(name) == oracle_org_domains(claims, name)


@SETTINGS
@given(st.lists(names, max_size=6), names)
def test_partner_lookup_finds_the_first_matching_partner(partners: list[str], query: str) -> None:
    context = ContactContext([], TARGET, [], [Partner(name, "partner") for name in partners])
    expected = next((p for p in context.partners if names_match(p.name, query)), None)
    assert context.partner_for(query) is expected


def oracle_fit(data: dict[str, Any], budget: int, rules: list[TrimRule]) -> dict[str, Any]:
    """The measure-everything trimming loop of fit_to_budget (before texts are shortened)."""
    while estimate_tokens(data) > budget:
        candidates = [
            (estimate_tokens(items) / rule.importance, -order, order)
            for order, rule in enumerate(rules)
            if isinstance(items := data.get(rule.path[0]), list) and items
        ]
        if not candidates:
            break
        data[rules[max(candidates)[2]].path[0]].pop()
    return data


items = st.one_of(
    st.text(max_size=40),
    st.integers(),
    st.dictionaries(st.text(max_size=5), st.text(max_size=20), max_size=3),
)


@SETTINGS
@given(
    st.lists(st.lists(items, max_size=30), min_size=1, max_size=4),
    st.lists(st.sampled_from([0.5, 1.0, 1.5, 2.0, 3.0]), min_size=4, max_size=4),
    st.integers(min_value=300, max_value=900),
)
def test_budget_trimming_pops_what_measuring_everything_pops(
    lists: list[list[Any]], importance: list[float], budget: int
) -> None:
    data: dict[str, Any] = {"identity": "Wyloo Metals"} | {f"l{i}": v for i, v in enumerate(lists)}
    rules = [TrimRule((f"l{i}",), importance[i]) for i in range(len(lists))]
    expected = oracle_fit(
        dict(data, **{k: list(v) for k, v in data.items() if k != "identity"}), budget, rules
    )
    assert fit_to_budget(data, budget, lists=rules) == expected


def test_budget_trimming_of_a_list_held_twice_measures_everything() -> None:
    shared = [f"fact number {n} about Wyloo Metals and its Eagle's Nest project" for n in range(80)]
    data: dict[str, Any] = {"a": shared, "b": {"again": shared}}
    rules = [TrimRule(("a",))]
    expected = oracle_fit(copy.deepcopy(data), 300, rules)
    fitted = fit_to_budget(data, 300, lists=rules)
    assert fitted == expected
    assert fitted["a"] is fitted["b"]["again"]
    assert 0 < len(fitted["a"]) < len(shared)
