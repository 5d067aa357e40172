"""A model's plan advice is applied only where it is safe."""

from __future__ import annotations

from engine.llm.schemas import PlanMove
from engine.models import DossierPlan, SectionRoute
from engine.models.plan import UnmappedClaims
from engine.steps.plan import apply_advice


def plan() -> DossierPlan:
    return DossierPlan(
        section_routing={
            "INTRO": SectionRoute(claim_ids=["entity_001", "entity_002"]),
            "OPPORTUNITY": SectionRoute(claim_ids=["opp_001"]),
        },
        unmapped_claims=UnmappedClaims(
            claim_ids=["lead_001", "search_009", "search_010", "note_001"],
            reasons={
                "lead_001": "rejected in review review_003",
                "search_009": "instruction-like/low-relevance: reads as an instruction, not a fact",
                "search_010": "conflict_001: not recommended (hq_location: entity_001 preferred)",
                "note_001": "NOTE with LOW confidence: general note",
            },
        ),
    )


def move(claim_id: str, add: list[str], remove: list[str] = []) -> PlanMove:  # noqa: B006
    return PlanMove(claim_id=claim_id, add_to=add, remove_from=remove, reason="fits better")


def test_claims_kept_out_for_a_reason_stay_out() -> None:
    moves = [move(cid, ["INTRO"]) for cid in ("lead_001", "search_009", "search_010")]
    advised, applied = apply_advice(plan(), moves)
    assert advised == plan() and applied == []


def test_a_safe_move_is_applied_and_reported() -> None:
    advised, applied = apply_advice(plan(), [move("note_001", ["OPPORTUNITY"])])
    assert "note_001" in advised.section_routing["OPPORTUNITY"].claim_ids
    assert "note_001" not in advised.unmapped_claims.claim_ids
    assert applied == ["note_001: add OPPORTUNITY; remove none (fits better)"]


def test_a_claim_the_model_removes_everywhere_says_so() -> None:
    advised, _ = apply_advice(plan(), [move("opp_001", [], ["OPPORTUNITY"])])
    assert advised.unmapped_claims.reasons["opp_001"].startswith("removed by the model's plan")
