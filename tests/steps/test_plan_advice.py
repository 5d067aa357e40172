"""A model's plan advice is applied only where it is safe, and its failure never fails a run."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

from engine.demo import demo_scenarios, seed_demo
from engine.llm.protocol import LLMError
from engine.llm.schemas import PlanAdvice, PlanMove
from engine.models import Claim, DossierPlan, SectionRoute
from engine.models.plan import UnmappedClaims
from engine.research.backend import BudgetSpent, TransientError
from engine.steps.plan import ADVICE_CLAIMS, apply_advice
from engine.store import Store
from tests.fakes.backends import ScriptedBackend
from tests.pipeline.conftest import ORG, execute, start


def plan() -> DossierPlan:
    return DossierPlan(
        section_routing={
            "INTRO": SectionRoute(claim_ids=["entity_001", "entity_002"]),
            "OPPORTUNITY": SectionRoute(claim_ids=["opp_001"]),
        },
        unmapped_claims=UnmappedClaims(
            claim_ids=[
                "lead_001",
                "search_009",
                "search_010",
                "note_001",
                "search_011",
                "signal_004",
            ],
            reasons={
                "lead_001": "rejected in review review_003",
                "search_009": "instruction-like/low-relevance: reads as an instruction, not a fact",
                "search_010": "conflict_001: not recommended (hq_location: entity_001 preferred)",
                "note_001": "NOTE with LOW confidence: general note",
                "search_011": "off-target: about Other Mining Ltd",
                "signal_004": "low-relevance: SIGNAL claim fits no section",
            },
        ),
    )


def move(claim_id: str, add: list[str], remove: list[str] = []) -> PlanMove:  # noqa: B006
    return PlanMove(claim_id=claim_id, add_to=add, remove_from=remove, reason="fits better")


KEPT_OUT = ("lead_001", "search_009", "search_010", "note_001", "search_011")


@pytest.mark.parametrize("claim_id", KEPT_OUT)
def test_claims_kept_out_for_a_reason_stay_out(claim_id: str) -> None:
    advised, applied = apply_advice(plan(), [move(claim_id, ["INTRO"])])
    assert advised == plan() and applied == []


def test_a_safe_move_is_applied_and_reported() -> None:
    advised, applied = apply_advice(plan(), [move("signal_004", ["OPPORTUNITY"])])
    assert "signal_004" in advised.section_routing["OPPORTUNITY"].claim_ids
    assert "signal_004" not in advised.unmapped_claims.claim_ids
    assert applied == ["signal_004: add OPPORTUNITY; remove none (fits better)"]


def test_a_claim_the_model_removes_everywhere_says_so() -> None:
    advised, _ = apply_advice(plan(), [move("opp_001", [], ["OPPORTUNITY"])])
    assert advised.unmapped_claims.reasons["opp_001"].startswith("removed by the model's plan")


@dataclass
class AdvisingBackend(ScriptedBackend):
    """The scripted backend with a model's plan advice that raises `advice_error` (if set)."""

    advice_error: Exception | None = None
    advised_claims: int = 0

    async def advise_plan(self, plan: DossierPlan, claims: Sequence[Claim]) -> PlanAdvice:
        self.advised_claims = len(claims)
        if self.advice_error is not None:
            raise self.advice_error
        return PlanAdvice(moves=[])


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "workbench.duckdb") as opened:
        seed_demo(opened, ORG)
        yield opened


@pytest.mark.parametrize(
    "error",
    [
        LLMError("model reply did not match PlanAdvice"),
        TransientError("model endpoint unavailable: HTTP 503 on all 3 attempts"),
        KeyError("choices"),
        BudgetSpent("budget of 9,000 tokens spent (9,100 used)"),
    ],
    ids=["llm-error", "transient", "unexpected", "budget"],
)
def test_a_failed_advice_keeps_the_default_plan_and_says_why(
    store: Store, error: Exception
) -> None:
    scenario = demo_scenarios()[0]
    run = start(store, scenario)
    clean = execute(store, run.run_id, AdvisingBackend())
    assert clean.status == "succeeded", clean.error
    default = store.latest_plan(ORG, run.run_id)
    failing = start(store, scenario)
    finished = execute(store, failing.run_id, AdvisingBackend(advice_error=error))
    assert finished.status == "succeeded", finished.error
    step = next(s for s in store.list_steps(ORG, failing.run_id) if s.step_id == "dossier_plan")
    assert step.status == "succeeded" and step.output is not None
    message = step.output["model_advice_error"]
    assert "default plan is kept" in message and str(error).strip("'") in message
    assert step.output["model_moves"] == []
    kept = store.latest_plan(ORG, failing.run_id)
    assert default is not None and kept is not None and kept[1] == default[1]
    assert store.get_dossier(ORG, failing.dossier_id) is not None
    assert "model_advice_error" not in (
        next(s for s in store.list_steps(ORG, run.run_id) if s.step_id == "dossier_plan").output
        or {}
    )


@pytest.mark.parametrize("cap", [5, ADVICE_CLAIMS])
def test_the_advice_is_shown_at_most_the_capped_number_of_claims(
    store: Store, monkeypatch: pytest.MonkeyPatch, cap: int
) -> None:
    monkeypatch.setattr("engine.steps.plan.ADVICE_CLAIMS", cap)
    backend = AdvisingBackend()
    run = start(store, demo_scenarios()[0])
    execute(store, run.run_id, backend)
    claims = len(store.list_claims(ORG, run.run_id))
    assert claims > 5 and backend.advised_claims == min(claims, cap)
