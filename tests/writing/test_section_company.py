"""INTRO and OPPORTUNITY: identity facts, project scope, and how merge conflicts are told."""

from __future__ import annotations

from datetime import UTC, datetime

from engine.merge import merge_claims
from engine.models.merge import Conflict
from engine.writing import check_citations, write_section
from engine.writing.inputs import WriterInput
from tests.factories import make_claim
from tests.scenarios import PROJECT
from tests.writing.test_sections import (
    INSTRUCTION,
    build_run,
    citing,
    demo_run,
    text_of,
    writer_input,
    written,
    wyloo_run,
)


def test_intro_states_identity_with_the_recommended_hq_and_mentions_the_other() -> None:
    section = written(wyloo_run(), "INTRO")
    hq = citing(section, "entity_001")
    assert hq.startswith("Wyloo Metals is headquartered in West Perth, Australia")
    assert "another source gives Sydney" in hq
    assert "Wyloo Metals is owned by Tattarang Pty Ltd." in text_of(section)
    assert "Wyloo Metals' website is wyloocanada.com." in text_of(section)
    assert "lead_045" not in section.cited_claim_ids


def test_intro_of_the_demo_run_reads_as_a_company_profile() -> None:
    text = text_of(written(demo_run(), "INTRO"))
    assert "Borealis Nickel is headquartered in Sudbury, Ontario" in text
    assert "another source gives Toronto" in text
    assert "Borealis Nickel is owned by Tamarack Resources Ltd." in text
    assert "Borealis Nickel employs about 450 people." in text
    assert "borealisnickel.com" in text


def test_opportunity_states_scope_and_the_capital_cost_conflict() -> None:
    section = written(demo_run(), "OPPORTUNITY")
    # The trade news "now pegs the capital cost at US$1.45 billion, up from the figure in its
    # permit filing": a revision, so the newest estimate is stated and the older one named.
    cost = next(s.text for s in section.sentences if "capital cost" in s.text)
    assert "estimated at US$1.45 billion, revised from $1.2 billion" in cost
    assert "doc_020" in section.cited_claim_ids
    text = text_of(section)
    assert "Kestrel Lake is located 60 km north of Sudbury, Ontario." in text
    assert "capacity of 3,000 tonnes per day" in text
    milestones = citing(section, "doc_018")
    assert "construction started in March 2026" in milestones
    assert "the contract award is expected in mid-2026" in milestones


def test_opportunity_of_the_wyloo_run_gives_stage_capacity_cost_and_partner() -> None:
    text = text_of(written(wyloo_run(), "OPPORTUNITY"))
    assert "Eagle's Nest is at the pre-construction stage." in text
    assert "Eagle's Nest is designed for a capacity of 3,000 tpd." in text
    assert "The capital cost of Eagle's Nest is estimated at $1.2 billion." in text
    assert "Hatch Ltd is the EPCM partner for Eagle's Nest." in text


def test_a_conflict_without_recommendation_gives_both_values_and_asks_for_review() -> None:
    run = wyloo_run()
    other = make_claim(
        "lead_010",
        claim_type="METRIC",
        statement="Eagle's Nest will cost $1.5 billion",
        subject=PROJECT,
        attribute="capital_cost",
        value="$1.5 billion",
    )
    conflict = Conflict(
        conflict_id="conflict_009",
        type="METRIC",
        subject=PROJECT,
        attribute="capital_cost",
        description="capital_cost of Eagle's Nest: 2 different values",
        claims_involved=["lead_010", "opp_002"],
        values={"lead_010": "$1.5 billion", "opp_002": "$1.2 billion"},
        recommendation="No recommendation: same tier and confidence",
        recommended_claim_id=None,
        resolution_logic="tier, confidence, recency",
    )
    merge = run.merge.model_copy(update={"conflicts": [*run.merge.conflicts, conflict]})
    base = writer_input(run, "OPPORTUNITY", resolved=["conflict_009", "timeline_001"])
    inp = WriterInput(**{**base.__dict__, "claims": [*base.claims, other], "merge": merge})
    draft = write_section(inp)
    cost = next(s for s in draft.sentences if "lead_010" in s.claim_ids)
    assert "$1.5 billion" in cost.text and "$1.2 billion" in cost.text
    assert "review" in cost.text
    assert set(cost.claim_ids) == {"lead_010", "opp_002"}


def test_intro_facts_come_only_from_routed_claims() -> None:
    run = wyloo_run()
    draft = write_section(writer_input(run, "INTRO", claim_ids=["entity_002"], resolved=[]))
    assert [s.text for s in draft.sentences] == ["Wyloo Metals is owned by Tattarang Pty Ltd."]
    checked = check_citations(draft, ["entity_002"], run.by_id)
    assert checked.cited_claim_ids == ["entity_002"]


def test_a_conflicting_value_from_an_instruction_like_claim_is_not_mentioned() -> None:
    run = wyloo_run()
    injected = make_claim(
        "lead_045",
        statement=INSTRUCTION,
        subject="Wyloo Metals",
        attribute="hq_location",
        value="Sydney",
    )
    base = writer_input(run, "INTRO")
    draft = write_section(WriterInput(**{**base.__dict__, "claims": [*base.claims, injected]}))
    text = " ".join(s.text for s in draft.sentences)
    assert "West Perth, Australia" in text
    assert "Sydney" not in text


def test_the_intro_names_the_chief_executive_of_the_latest_report() -> None:
    claims = [
        make_claim(
            "search_001",
            claim_type="ENTITY",
            statement="Attending were Pat Gelsinger, Intel's president and CEO, and others.",
            subject="Intel",
            attribute="ceo",
            value="Pat Gelsinger",
            source_tier="PRIMARY",
            person={"name": "Pat Gelsinger", "title": "president and CEO", "organization": "Intel"},
        ),
        make_claim(
            "lead_001",
            claim_type="CONTACT",
            statement="In a memo on Thursday, chief executive Lip-Bu Tan said Intel will slow.",
            subject="Lip-Bu Tan",
            reported_on="2025-07-25",
            person={"name": "Lip-Bu Tan", "title": "chief executive", "organization": "Intel"},
        ),
    ]
    merge = merge_claims(claims, target_entity="Intel", now=datetime(2025, 12, 1, tzinfo=UTC))
    text = text_of(written(build_run("Intel", claims, merge), "INTRO"))
    assert "Intel is led by Lip-Bu Tan (chief executive, reported 2025)" in text
    assert "led by Pat Gelsinger" not in text
