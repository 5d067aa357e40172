"""The engine end to end without a pipeline: extract -> store -> merge -> review -> merge again."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from engine.claims import extract_claims, load_documents
from engine.merge import merge_claims
from engine.models import Review
from engine.planning import default_plan
from engine.store import Store

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "demo" / "sample"
TARGET = "Borealis Nickel"
NOW = datetime(2026, 11, 22, tzinfo=UTC)


def test_a_stored_review_is_applied_on_the_next_merge_and_recorded() -> None:
    documents = load_documents(SAMPLE, target=TARGET)
    claims = extract_claims(documents, target=TARGET)
    with Store(":memory:") as store:
        store.save_sources("acme", "run-1", documents)
        store.save_claims("acme", "run-1", claims, step_id="search_signal")
        stored = store.list_claims("acme", "run-1")
        assert stored == sorted(claims, key=lambda claim: claim.claim_id)

        first = merge_claims(stored, target_entity=TARGET, now=NOW)
        store.save_merge("acme", "run-1", first)
        capital = next(c for c in first.conflicts if c.attribute == "capital_cost")
        assert capital.recommended_claim_id is not None
        other = next(cid for cid in capital.claims_involved if cid != capital.recommended_claim_id)

        store.add_review(
            "acme",
            "run-1",
            Review(
                review_id="rev-capital",
                decision="PICK_VALUE",
                claim_ids=capital.claims_involved,
                chosen_claim_id=other,
                note="The NEWS figure is the later estimate.",
                decided_at=NOW,
            ),
        )
        second = merge_claims(
            stored, target_entity=TARGET, reviews=store.list_reviews("acme", "run-1"), now=NOW
        )
        store.save_merge("acme", "run-1", second)
        latest = store.latest_merge("acme", "run-1")

    assert latest is not None
    assert [c.attribute for c in latest.conflicts] == [
        c.attribute for c in first.conflicts if c.attribute != "capital_cost"
    ]
    [decision] = [d for d in latest.decisions if d.review_id == "rev-capital"]
    assert decision.chosen_claim_id == other and decision.item_kind == "CONFLICT"
    assert latest.summary.conflicts_found == first.summary.conflicts_found - 1

    plan = default_plan(stored, latest, reviews=[], target=TARGET)
    routed = {cid for route in plan.section_routing.values() for cid in route.claim_ids}
    assert routed | set(plan.unmapped_claims.claim_ids) == {c.claim_id for c in stored}


def test_the_sample_merge_has_the_work_the_demo_was_written_for() -> None:
    claims = extract_claims(load_documents(SAMPLE, target=TARGET), target=TARGET)
    result = merge_claims(claims, target_entity=TARGET, now=NOW)
    carvers = [c for c in result.contacts_resolved if c.name.endswith("Carver")]
    assert len(carvers) == 2 and {c.resolution for c in carvers} == {"UNSURE"}
    [borealis_carver] = [c for c in carvers if c.organization == TARGET]
    assert len(borealis_carver.evidence_claims) == 2  # James Carver and Jim Carver
    assert any(item.kind == "CONTACT" for item in result.ambiguous)
    construction = next(t for t in result.timelines_resolved if t.attribute == "construction_start")
    assert [event.status for event in construction.history] == ["ANNOUNCED", "REVISED", "ACTUAL"]
    assert {c.attribute for c in result.conflicts} == {"capital_cost", "hq_location"}
