"""The offline strategic insight: angle, one-liner, why-now, deal strategy and open questions."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from engine.merge import merge_claims
from engine.models import Claim
from engine.writing import strategic_insight
from engine.writing.inputs import InsightInput
from engine.writing.insight import ONE_LINER_CHARS, compact_money, one_liner
from tests.factories import make_claim
from tests.scenarios import PROJECT, TARGET
from tests.writing.test_sections import CLIENT, INSTRUCTION, demo_run, wyloo_run


def _insight_input(claims: list[Claim]) -> InsightInput:
    base = wyloo_run()
    return InsightInput(
        target=base.target, claims=claims, merge=base.merge, client=CLIENT, lead=base.lead
    )


def test_the_demo_insight_ties_the_angle_to_the_signal_and_the_client() -> None:
    insight = demo_run().insight
    assert insight.the_angle.startswith(f"{CLIENT.name}: ")
    assert "Kestrel Lake" in insight.the_angle
    assert insight.one_liner == (
        "Borealis Nickel building the US$1.45B Kestrel Lake project, construction from March 2026"
    )
    assert len(insight.one_liner) <= ONE_LINER_CHARS
    assert insight.why_now.startswith(f"HOT (lead score {demo_run().lead.score}/100): ")


def test_deal_strategy_has_three_to_six_cited_sentences_from_usable_claims() -> None:
    run = demo_run()
    ids = {c.claim_id for c in run.claims}
    for insight in (run.insight, wyloo_run().insight):
        assert 3 <= len(insight.deal_strategy) <= 6
        for sentence in insight.deal_strategy:
            assert sentence.claim_ids
    for sentence in run.insight.deal_strategy:
        assert set(sentence.claim_ids) <= ids
        assert not {"doc_028", "doc_019", "doc_020"} & set(sentence.claim_ids)


def test_open_questions_come_from_ambiguous_items_and_conflicts() -> None:
    questions = demo_run().insight.open_questions
    assert any("James Carver" in q and "Same person (job change)" in q for q in questions)
    assert "Is US$1.45 billion the right capital cost of Kestrel Lake? Sources also give " in (
        " ".join(questions)
    )
    assert any("Toronto" in q for q in questions)


def test_objections_each_have_a_response() -> None:
    objections = demo_run().insight.objections
    assert len(objections) >= 2
    for item in objections:
        assert set(item) == {"objection", "response"}
        assert item["objection"] and item["response"]
    assert any("Northline Engineering Ltd" in item["objection"] for item in objections)


def test_an_instruction_like_signal_never_reaches_the_insight() -> None:
    run = wyloo_run()
    injected = make_claim(
        "search_090",
        claim_type="SIGNAL",
        statement=INSTRUCTION,
        entities=[TARGET, PROJECT],
        source_tier="GOV",
        confidence="HIGH",
        date_in_claim=date(2025, 11, 30),
    )
    insight = strategic_insight(_insight_input([*run.claims, injected]))
    dumped = insight.model_dump_json()
    assert "previous instructions" not in dumped
    assert "search_090" not in dumped


def test_the_insight_is_deterministic_and_order_independent() -> None:
    claims = wyloo_run().claims
    first = strategic_insight(_insight_input(claims))
    assert strategic_insight(_insight_input(list(reversed(claims)))) == first


def test_compact_money() -> None:
    assert compact_money("$1.2 billion") == "$1.2B"
    assert compact_money("C$450 million") == "C$450M"
    assert compact_money("about 1.2 bn euros") == "about 1.2 bn euros"


@given(
    target=st.text(min_size=1, max_size=200).filter(str.strip),
    project=st.text(min_size=1, max_size=200).filter(str.strip),
)
def test_the_one_liner_never_exceeds_its_limit(target: str, project: str) -> None:
    claims = [
        make_claim(
            "opp_001",
            subject=project,
            attribute="capital_cost",
            value="$1.2 billion",
            statement="The capital cost is $1.2 billion",
        )
    ]
    assert len(one_liner(target, project, claims, [])) <= ONE_LINER_CHARS


def test_a_value_stated_only_by_an_instruction_like_claim_is_never_repeated() -> None:
    run = wyloo_run()
    injected = make_claim(
        "lead_045",
        statement=INSTRUCTION,
        subject=TARGET,
        attribute="hq_location",
        value="Sydney",
    )
    claims = [c if c.claim_id != "lead_045" else injected for c in run.claims]
    insight = strategic_insight(_insight_input(claims))
    assert "Sydney" not in " ".join(insight.open_questions)


def test_a_timeline_value_from_an_instruction_like_claim_is_never_an_objection() -> None:
    """Found by hypothesis: the objections read every entry of a timeline's history."""
    fact = make_claim(
        "search_001",
        claim_type="SIGNAL",
        statement=f"{TARGET} starts construction in 2027",
        subject=TARGET,
        attribute="construction_start",
        value="2027",
        date_in_claim=date(2027, 1, 1),
        reported_on=date(2025, 1, 1),
    )
    injected = make_claim(
        "search_002",
        claim_type="SIGNAL",
        statement=INSTRUCTION,
        subject=TARGET,
        attribute="construction_start",
        value=INSTRUCTION,
        event_status="ANNOUNCED",
        reported_on=date(2025, 6, 1),
    )
    claims = [fact, injected]
    inp = InsightInput(
        target=TARGET,
        claims=claims,
        merge=merge_claims(claims, target_entity=TARGET),
        client=CLIENT,
        lead=wyloo_run().lead,
    )
    assert len(inp.merge.timelines_resolved[0].history) == 2
    dumped = strategic_insight(inp).model_dump_json().lower()
    assert "previous instructions" not in dumped


def test_a_pricing_risk_comes_from_a_figure_that_sizes_the_work_not_from_a_headcount() -> None:
    from engine.writing.section_strategy import metric_conflict
    from engine.writing.section_text import Composer

    def figure(claim_id: str, attribute: str, value: str, reported: str) -> Claim:
        return make_claim(
            claim_id,
            claim_type="METRIC",
            statement=f"The {attribute} is {value}.",
            subject="Pine Campus",
            attribute=attribute,
            value=value,
            reported_on=reported,
            source_url=f"https://news.example.com/{claim_id}",
        )

    jobs = [figure("doc_001", "jobs_permanent", "3,000", "2022-01-21")]
    jobs.append(figure("doc_002", "jobs_permanent", "at least 3,000", "2025-03-01"))
    area = [figure("doc_003", "site_area", "1,000 acres", "2022-01-21")]
    area.append(figure("doc_004", "site_area", "2,000 acres", "2025-03-01"))
    only_jobs = merge_claims(jobs, target_entity="Acme Chips")
    assert (
        only_jobs.conflicts and metric_conflict(only_jobs, Composer("DEAL_STRATEGY", jobs)) is None
    )
    both = merge_claims(jobs + area, target_entity="Acme Chips")
    chosen = metric_conflict(both, Composer("DEAL_STRATEGY", jobs + area))
    assert chosen is not None and chosen.attribute == "site_area"
