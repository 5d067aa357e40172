"""Context pack signal_to_entity: the strongest signal, the candidate, the facts and the gaps."""

from __future__ import annotations

from datetime import date

import pytest

from engine.packs import PackBudgetError, build_signal_to_entity
from engine.tokens import estimate_tokens
from tests.factories import make_claim
from tests.scenarios import TARGET, wyloo_claims


def test_seed_scenario_summarises_the_gov_signal() -> None:
    pack = build_signal_to_entity(wyloo_claims(), target=TARGET)
    assert pack.context_type == "signal_to_entity"
    assert pack.signal_summary is not None
    assert pack.signal_summary.claim_id == "search_001"
    assert pack.signal_summary.signal_type == "REGULATORY"
    assert pack.signal_summary.date == date(2025, 7, 4)
    assert pack.candidate_entity.name == TARGET
    assert pack.candidate_entity.confidence == "HIGH"
    assert "search_001" in pack.candidate_entity.why
    assert "Signal discovery - complete (search_001)" in pack.do_not_repeat


def test_known_facts_are_best_first_and_leave_out_noise() -> None:
    pack = build_signal_to_entity(wyloo_claims(), target=TARGET)
    ids = [fact.claim_id for fact in pack.known_facts]
    assert "search_001" not in ids  # already the signal summary
    assert "doc_002" not in ids  # NOTE with LOW confidence
    assert "doc_003" not in ids  # about Acme Widgets, unrelated
    assert "doc_004" not in ids  # reads as an instruction
    assert ids.index("entity_001") < ids.index("lead_045")  # PRIMARY HIGH before OTHER LOW
    statements = {fact.claim_id: fact.statement for fact in pack.known_facts}
    assert statements["entity_001"] == "Wyloo Metals is headquartered in West Perth, Australia"


def test_only_the_missing_facts_become_questions() -> None:
    pack = build_signal_to_entity(wyloo_claims(), target=TARGET)
    assert pack.key_questions == ["Where is Eagle's Nest located?"]


def test_sparse_claims_ask_specific_questions() -> None:
    claims = [
        make_claim(
            "search_001",
            claim_type="SIGNAL",
            statement="A nickel developer filed a permit in Ontario",
            source_tier="NEWS",
        )
    ]
    pack = build_signal_to_entity(claims, target=TARGET)
    assert pack.candidate_entity.confidence == "LOW"
    assert pack.key_questions[0].startswith(f"Is {TARGET} really the company")
    assert f"Where is {TARGET} headquartered?" in pack.key_questions
    assert f"Is {TARGET} owned by a parent company or group, and which one?" in pack.key_questions
    assert any("website" in q for q in pack.key_questions)
    assert any("next milestone" in q for q in pack.key_questions)
    assert any("headquarters" in hint for hint in pack.search_hints)


def test_no_claims_gives_an_honest_empty_pack() -> None:
    pack = build_signal_to_entity([], target=TARGET)
    assert pack.signal_summary is None
    assert pack.known_facts == []
    assert pack.candidate_entity.confidence == "LOW"
    assert pack.do_not_repeat == []


def test_strongest_signal_is_tier_first_then_recency() -> None:
    old_gov = make_claim(
        "search_001",
        claim_type="SIGNAL",
        statement=f"{TARGET} permit approved",
        source_tier="GOV",
        date_in_claim=date(2024, 1, 1),
    )
    new_news = make_claim(
        "search_002",
        claim_type="SIGNAL",
        statement=f"{TARGET} raised funding",
        source_tier="NEWS",
        date_in_claim=date(2025, 6, 1),
    )
    newer_gov = old_gov.model_copy(
        update={"claim_id": "search_003", "date_in_claim": date(2025, 1, 1)}
    )
    summary = build_signal_to_entity([new_news, old_gov], target=TARGET).signal_summary
    assert summary is not None and summary.claim_id == "search_001"
    summary = build_signal_to_entity([old_gov, newer_gov, new_news], target=TARGET).signal_summary
    assert summary is not None and summary.claim_id == "search_003"


def test_budget_trims_known_facts_from_the_weakest_end() -> None:
    claims = [
        make_claim(
            f"search_{i:03d}",
            claim_type="NOTE",
            statement=f"{TARGET} fact number {i} " + "detail " * 20,
            confidence="HIGH" if i < 10 else "MEDIUM",
        )
        for i in range(1, 41)
    ]
    full = build_signal_to_entity(claims, target=TARGET)
    small = build_signal_to_entity(claims, target=TARGET, budget_tokens=600)
    assert estimate_tokens(full) > 600 >= estimate_tokens(small)
    kept = [fact.claim_id for fact in small.known_facts]
    assert kept == [fact.claim_id for fact in full.known_facts][: len(kept)]
    assert small.candidate_entity == full.candidate_entity


def test_budget_below_the_minimum_is_refused() -> None:
    with pytest.raises(PackBudgetError, match="'budget_tokens'"):
        build_signal_to_entity([], target=TARGET, budget_tokens=100)
