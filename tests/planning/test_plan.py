"""The default dossier plan: routing rules, exclusions with reasons, notes, and properties."""

from __future__ import annotations

import random
from datetime import datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.merge.values import normalize_value
from engine.models import DOSSIER_SECTIONS, Claim, DossierPlan, Review
from engine.planning import claim_order, default_plan, section_route, sections_of
from engine.planning.exclusions import review_rejections
from tests.factories import make_claim
from tests.scenarios import TARGET, empty_merge, wyloo_claims, wyloo_merge
from tests.strategies import claim_sets, simple_merge

PROPERTY_SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


def wyloo_plan(reviews: list[Review] | None = None) -> DossierPlan:
    return default_plan(wyloo_claims(), wyloo_merge(), reviews=reviews or [], target=TARGET)


def test_claims_go_to_the_sections_their_kind_serves() -> None:
    plan = wyloo_plan()
    assert section_route(plan, "INTRO").claim_ids == [
        "entity_001",
        "entity_002",
        "entity_003",
        "entity_004",
    ]
    assert sections_of(plan, "search_001") == [
        "SCORE",
        "WHY_THEYLL_BUY_NOW",
        "DEAL_STRATEGY",
        "OUTREACH",
    ]
    assert sections_of(plan, "contact_001") == ["VERIFIED_CONTACTS", "DEAL_STRATEGY", "OUTREACH"]
    assert sections_of(plan, "lead_003") == ["SCORE", "WHY_THEYLL_BUY_NOW", "OPPORTUNITY"]
    assert sections_of(plan, "entity_005") == ["OPPORTUNITY", "DEAL_STRATEGY"]
    assert sections_of(plan, "opp_002") == ["OPPORTUNITY"]
    assert sections_of(plan, "client_001") == [
        "SCORE",
        "WHY_THEYLL_BUY_NOW",
        "DEAL_STRATEGY",
        "OUTREACH",
    ]
    assert section_route(plan, "MEDIA").claim_ids == ["doc_001"]
    assert section_route(plan, "SOURCES").claim_ids == []


def test_resolved_objects_go_to_the_sections_that_use_them() -> None:
    plan = wyloo_plan()
    contacts = ["contact_001", "contact_002", "contact_003"]
    for section in ("VERIFIED_CONTACTS", "DEAL_STRATEGY", "OUTREACH"):
        assert section_route(plan, section).resolved_object_ids == contacts
    for section in ("SCORE", "WHY_THEYLL_BUY_NOW", "OPPORTUNITY"):
        assert section_route(plan, section).resolved_object_ids == ["timeline_001"]
    assert section_route(plan, "INTRO").resolved_object_ids == ["conflict_001"]


def test_excluded_claims_are_unmapped_with_their_reason() -> None:
    unmapped = wyloo_plan().unmapped_claims
    assert unmapped.claim_ids == ["lead_045", "doc_002", "doc_003", "doc_004"]
    assert unmapped.reasons == {
        "lead_045": "conflict_001: not recommended (hq_location: entity_001 preferred)",
        "doc_002": "NOTE with LOW confidence: general note",
        "doc_003": "off-target: about Acme Widgets",
        "doc_004": "instruction-like/low-relevance: reads as an instruction, not a fact",
    }


def test_coverage_notes_say_what_is_there_and_missing() -> None:
    plan = wyloo_plan()
    intro = section_route(plan, "INTRO").coverage_notes
    assert "HQ (West Perth, Australia)" in intro and "Missing: founding year." in intro
    assert "Open conflict conflict_001 (hq_location): routed entity_001" in intro
    score = section_route(plan, "SCORE").coverage_notes
    assert score.startswith("3 signals")
    assert "next milestone construction_start March 2026" in score
    why_now = section_route(plan, "WHY_THEYLL_BUY_NOW").coverage_notes
    assert "first announced June 2026, now March 2026" in why_now
    assert "Missing: location." in section_route(plan, "OPPORTUNITY").coverage_notes
    contacts = section_route(plan, "VERIFIED_CONTACTS").coverage_notes
    assert "UNSURE identity: Luca Bianchi" in contacts and "ambiguous_001" in contacts
    assert "auto-collected" in section_route(plan, "SOURCES").coverage_notes


def test_a_review_rejects_the_claims_it_did_not_pick() -> None:
    merge = wyloo_merge().model_copy(update={"conflicts": []})
    review = Review(
        review_id="review_001",
        decision="PICK_VALUE",
        claim_ids=["entity_001", "lead_045"],
        chosen_claim_id="lead_045",
        decided_at=datetime(2025, 12, 1, 9, 0),
    )
    plan = default_plan(wyloo_claims(), merge, reviews=[review], target=TARGET)
    assert plan.unmapped_claims.reasons["entity_001"] == "rejected in review review_001"
    assert "lead_045" in section_route(plan, "INTRO").claim_ids
    later = review.model_copy(
        update={
            "review_id": "review_002",
            "chosen_claim_id": "entity_001",
            "decided_at": datetime(2025, 12, 2, 9, 0),
        }
    )
    plan = default_plan(wyloo_claims(), merge, reviews=[later, review], target=TARGET)
    assert plan.unmapped_claims.reasons["lead_045"] == "rejected in review review_002"
    assert "entity_001" in section_route(plan, "INTRO").claim_ids


def test_conflict_without_recommendation_routes_both_and_says_so() -> None:
    merge = wyloo_merge()
    open_conflict = merge.conflicts[0].model_copy(update={"recommended_claim_id": None})
    merge = merge.model_copy(update={"conflicts": [open_conflict]})
    plan = default_plan(wyloo_claims(), merge, target=TARGET)
    intro = section_route(plan, "INTRO")
    assert {"entity_001", "lead_045"} <= set(intro.claim_ids)
    assert "no recommendation" in intro.coverage_notes


def test_conflict_is_named_even_when_none_of_its_claims_is_routed() -> None:
    review = Review(
        review_id="review_001",
        decision="PICK_VALUE",
        claim_ids=["entity_001", "lead_045"],
        chosen_claim_id="lead_045",
    )
    plan = default_plan(wyloo_claims(), wyloo_merge(), reviews=[review], target=TARGET)
    assert plan.unmapped_claims.reasons["entity_001"] == "rejected in review review_001"
    assert plan.unmapped_claims.reasons["lead_045"].startswith("conflict_001: not recommended")
    intro = section_route(plan, "INTRO")
    assert "conflict_001" in intro.resolved_object_ids
    assert "Open conflict conflict_001 (hq_location)" in intro.coverage_notes


def test_claim_fitting_no_section_is_unmapped_with_a_reason() -> None:
    stray = make_claim("doc_001", claim_type="ATTRIBUTE", statement="Phone: 555-0100")
    plan = default_plan([stray], empty_merge(), target=TARGET)
    assert plan.unmapped_claims.reasons == {
        "doc_001": "low-relevance: ATTRIBUTE claim fits no section"
    }
    assert section_route(plan, "SCORE").coverage_notes.startswith("No SIGNAL claims.")


def test_claim_order_follows_the_pipeline() -> None:
    ids = ["client_002", "search_010", "entity_001", "search_002", "manual_001"]
    assert sorted(ids, key=claim_order) == [
        "search_002",
        "search_010",
        "entity_001",
        "client_002",
        "manual_001",
    ]


@PROPERTY_SETTINGS
@given(claim_sets())
def test_every_claim_is_routed_or_unmapped_with_a_reason(claims: list[Claim]) -> None:
    merge = simple_merge(claims)
    plan = default_plan(claims, merge, target=TARGET)
    routed = {cid for route in plan.section_routing.values() for cid in route.claim_ids}
    unmapped = set(plan.unmapped_claims.claim_ids)
    ids = {claim.claim_id for claim in claims}
    assert routed | unmapped == ids
    assert not routed & unmapped
    assert set(plan.unmapped_claims.reasons) == unmapped
    assert all(plan.unmapped_claims.reasons.values())
    assert set(plan.section_routing) == set(DOSSIER_SECTIONS)
    assert plan.section_routing["SOURCES"].claim_ids == []
    merge_ids = {c.contact_id for c in merge.contacts_resolved}
    merge_ids |= {t.timeline_id for t in merge.timelines_resolved}
    merge_ids |= {c.conflict_id for c in merge.conflicts}
    for route in plan.section_routing.values():
        assert set(route.resolved_object_ids) <= merge_ids
        assert route.coverage_notes
    notes = " ".join(route.coverage_notes for route in plan.section_routing.values())
    for conflict in merge.conflicts:
        assert f"Open conflict {conflict.conflict_id}" in notes


@PROPERTY_SETTINGS
@given(claim_sets(max_size=20), st.randoms(use_true_random=False))
def test_plan_does_not_depend_on_input_order(claims: list[Claim], rng: random.Random) -> None:
    merge = simple_merge(claims)
    expected = default_plan(claims, merge, target=TARGET)
    shuffled_claims = list(claims)
    rng.shuffle(shuffled_claims)
    lists = {
        key: rng.sample(getattr(merge, key), len(getattr(merge, key)))
        for key in ("contacts_resolved", "timelines_resolved", "conflicts")
    }
    shuffled_merge = merge.model_copy(update=lists)
    assert default_plan(shuffled_claims, shuffled_merge, target=TARGET) == expected


@PROPERTY_SETTINGS
@given(claim_sets(min_size=2, max_size=15), st.data())
def test_review_rejected_claims_are_never_routed(claims: list[Claim], data: st.DataObject) -> None:
    ids = [claim.claim_id for claim in claims]
    picked = data.draw(st.lists(st.sampled_from(ids), min_size=2, max_size=4, unique=True))
    chosen = data.draw(st.sampled_from(picked))
    review = Review(
        review_id="review_007", decision="PICK_VALUE", claim_ids=picked, chosen_claim_id=chosen
    )
    plan = default_plan(claims, simple_merge(claims), reviews=[review], target=TARGET)
    by_id = {claim.claim_id: claim for claim in claims}
    for claim_id in picked:
        claim, kept = by_id[claim_id], by_id[chosen]
        agrees = (
            claim.attribute is not None
            and claim.attribute == kept.attribute
            and claim.value is not None
            and kept.value is not None
            and normalize_value(claim.attribute, claim.value)
            == normalize_value(kept.attribute, kept.value)
            and normalize_value(claim.attribute, claim.value) != ""
        )
        reason = plan.unmapped_claims.reasons.get(claim_id)
        if claim_id == chosen or agrees:
            assert reason != "rejected in review review_007"
        else:
            assert reason == "rejected in review review_007"


def test_a_claim_agreeing_with_the_picked_value_is_not_rejected() -> None:
    picked = make_claim("search_001", attribute="headquarters", value="Sudbury, Ontario")
    same = make_claim("entity_002", attribute="headquarters", value="Sudbury,  Ontario")
    other = make_claim("search_003", attribute="headquarters", value="Timmins")
    review = Review(
        review_id="review_001",
        decision="PICK_VALUE",
        claim_ids=[picked.claim_id, same.claim_id, other.claim_id],
        chosen_claim_id=picked.claim_id,
    )
    rejected = review_rejections([review], {c.claim_id: c for c in (picked, same, other)})
    assert rejected == {"search_003": "rejected in review review_001"}
