"""Every pack fits its token budget and keeps its canonical identity; packs ignore input order."""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.models import Claim
from engine.packs import (
    MIN_BUDGET_TOKENS,
    PackBudgetError,
    build_contacts_to_enrichment,
    build_entity_to_contacts,
    build_signal_to_entity,
)
from engine.packs.budget import TrimRule, fit_to_budget
from engine.tokens import estimate_tokens
from tests.factories import make_claim
from tests.strategies import TARGET, claim_sets, simple_merge

UNLIMITED = 10**7
PROPERTY_SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


budgets = st.integers(MIN_BUDGET_TOKENS, 4000)
tight_budgets = st.integers(MIN_BUDGET_TOKENS, 700)


@PROPERTY_SETTINGS
@given(
    st.one_of(
        st.tuples(claim_sets(), budgets),
        st.tuples(claim_sets(min_size=10, max_size=40), tight_budgets),
    )
)
def test_packs_fit_any_budget_and_keep_identity(case: tuple[list[Claim], int]) -> None:
    claims, budget = case
    merge = simple_merge(claims)
    signal = build_signal_to_entity(claims, target=TARGET, budget_tokens=budget)
    entity = build_entity_to_contacts(claims, target=TARGET, budget_tokens=budget)
    contacts = build_contacts_to_enrichment(claims, merge, target=TARGET, budget_tokens=budget)
    for pack in (signal, entity, contacts):
        assert estimate_tokens(pack) <= budget
    assert signal.candidate_entity.name == TARGET
    full_entity = build_entity_to_contacts(claims, target=TARGET, budget_tokens=UNLIMITED)
    assert entity.canonical_target == full_entity.canonical_target
    full_contacts = build_contacts_to_enrichment(
        claims, merge, target=TARGET, budget_tokens=UNLIMITED
    )
    assert contacts.canonical_target == full_contacts.canonical_target


@PROPERTY_SETTINGS
@given(claim_sets(max_size=20), st.randoms(use_true_random=False))
def test_packs_do_not_depend_on_claim_order(claims: list[Claim], rng: random.Random) -> None:
    merge = simple_merge(claims)
    shuffled = list(claims)
    rng.shuffle(shuffled)
    assert build_signal_to_entity(shuffled, target=TARGET) == build_signal_to_entity(
        claims, target=TARGET
    )
    assert build_entity_to_contacts(shuffled, target=TARGET) == build_entity_to_contacts(
        claims, target=TARGET
    )
    assert build_contacts_to_enrichment(
        shuffled, merge, target=TARGET
    ) == build_contacts_to_enrichment(claims, merge, target=TARGET)


def test_worst_case_identity_fits_the_minimum_budget() -> None:
    huge = "W" * 500
    claims = [
        make_claim(
            f"entity_{i:03d}",
            claim_type="ATTRIBUTE",
            statement="x " * 300,
            subject=huge,
            attribute=attribute,
            value=value,
        )
        for i, (attribute, value) in enumerate(
            [
                ("hq_location", "H" * 500),
                ("parent_company", "P" * 500),
                ("entity_type", "T" * 500),
                *[("domain", f"{'d' * 55}{n}.com") for n in range(6)],
            ],
            start=1,
        )
    ]
    pack = build_entity_to_contacts(claims, target=huge, budget_tokens=MIN_BUDGET_TOKENS)
    assert estimate_tokens(pack) <= MIN_BUDGET_TOKENS
    assert pack.canonical_target.name.startswith("W" * 90)
    assert len(pack.canonical_target.domains) == 4


def test_fit_trims_the_heaviest_list_per_importance_first() -> None:
    data = {"name": "keep", "facts": ["f" * 40] * 10, "questions": ["q" * 40] * 10}
    rules = [TrimRule(("facts",), 1.0), TrimRule(("questions",), 4.0)]
    fitted = fit_to_budget(data, MIN_BUDGET_TOKENS, lists=rules)
    assert fitted == data  # already fits: nothing changes
    big = {**data, "facts": ["f" * 200] * 10, "questions": ["q" * 200] * 10}
    fitted = fit_to_budget(big, MIN_BUDGET_TOKENS, lists=rules)
    assert estimate_tokens(fitted) <= MIN_BUDGET_TOKENS
    assert len(fitted["facts"]) < len(fitted["questions"])
    assert fitted["name"] == "keep"
    assert big["facts"] == ["f" * 200] * 10  # the input is not modified


def test_fit_shortens_texts_after_the_lists_are_empty() -> None:
    data = {"name": "keep", "notes": "n" * 1500, "facts": ["f" * 50]}
    fitted = fit_to_budget(
        data, MIN_BUDGET_TOKENS, lists=[TrimRule(("facts",))], texts=[("notes",)]
    )
    assert fitted["facts"] == []
    assert len(fitted["notes"]) == 40
    assert fitted["name"] == "keep"


def test_fit_refuses_when_identity_alone_is_too_big() -> None:
    with pytest.raises(PackBudgetError, match="identity alone"):
        fit_to_budget({"name": "x" * 5000}, MIN_BUDGET_TOKENS, lists=[])
