"""The citation check: unknown ids removed, unrouted ids repaired or removed, all reported."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from engine.models.dossier import CitedSentence, SectionDraft
from engine.writing import check_citations
from tests.factories import make_claim

CLAIMS = {
    claim.claim_id: claim
    for claim in [
        make_claim("opp_002", statement="Eagle's Nest capital cost is estimated at $1.2 billion"),
        make_claim("lead_004", statement="Eagle's Nest capital cost is estimated at $1.2 BILLION."),
        make_claim(
            "opp_003",
            statement="Eagle's Nest is in pre-construction",
            subject="Eagle's Nest",
            attribute="project_stage",
            value="Pre-construction",
        ),
        make_claim(
            "lead_005",
            statement="The mine is at the pre-construction stage",
            subject="Eagle's Nest",
            attribute="project_stage",
            value="pre construction",
        ),
        make_claim("lead_006", statement="Wyloo Metals hired 40 staff"),
        make_claim("opp_001", statement="Eagle's Nest is a 3,000 tpd mine"),
    ]
}
ROUTED = ["opp_001", "opp_002", "opp_003"]


def _draft(*sentences: tuple[str, list[str]]) -> SectionDraft:
    return SectionDraft(
        section="OPPORTUNITY",
        title="The opportunity",
        sentences=[CitedSentence(text=text, claim_ids=ids) for text, ids in sentences],
    )


def test_a_clean_draft_passes_unchanged() -> None:
    draft = _draft(("Scope.", ["opp_001"]), ("Cost.", ["opp_002", "opp_001"]))
    checked = check_citations(draft, ROUTED, CLAIMS)
    assert checked.sentences == draft.sentences
    assert checked.citation_issues == []
    assert checked.routed_claim_ids == ROUTED
    assert checked.cited_claim_ids == ["opp_001", "opp_002"]
    assert (checked.fingerprint, checked.writer_version) == ("", "")


def test_an_unrouted_claim_with_the_same_statement_is_replaced_and_reported() -> None:
    checked = check_citations(_draft(("Cost is $1.2 billion.", ["lead_004"])), ROUTED, CLAIMS)
    assert checked.sentences[0].claim_ids == ["opp_002"]
    assert checked.citation_issues == [
        "OPPORTUNITY: [lead_004] is not routed to this section; cited [opp_002] "
        "(same statement) instead"
    ]


def test_an_unrouted_claim_with_the_same_fact_is_replaced_and_reported() -> None:
    checked = check_citations(_draft(("Pre-construction.", ["lead_005"])), ROUTED, CLAIMS)
    assert checked.sentences[0].claim_ids == ["opp_003"]
    assert checked.citation_issues == [
        "OPPORTUNITY: [lead_005] is not routed to this section; cited [opp_003] "
        "(same subject, attribute and value) instead"
    ]


def test_an_unrouted_claim_without_a_stand_in_is_removed_and_its_sentence_kept_if_cited() -> None:
    checked = check_citations(
        _draft(("Scope and hiring.", ["opp_001", "lead_006"])), ROUTED, CLAIMS
    )
    assert checked.sentences[0].claim_ids == ["opp_001"]
    assert checked.citation_issues == [
        "OPPORTUNITY: [lead_006] is not routed to this section; citation removed"
    ]


def test_unknown_ids_are_removed_and_a_sentence_left_uncited_is_dropped() -> None:
    draft = _draft(("Made up.", ["opp_999"]), ("Hiring.", ["lead_006"]), ("Scope.", ["opp_001"]))
    checked = check_citations(draft, ROUTED, CLAIMS)
    assert [s.text for s in checked.sentences] == ["Scope."]
    assert checked.citation_issues == [
        "OPPORTUNITY: [opp_999] is not a known claim; citation removed",
        "OPPORTUNITY: sentence dropped, no valid citation left: 'Made up.'",
        "OPPORTUNITY: [lead_006] is not routed to this section; citation removed",
        "OPPORTUNITY: sentence dropped, no valid citation left: 'Hiring.'",
    ]
    assert checked.cited_claim_ids == ["opp_001"]


def test_a_repair_does_not_duplicate_a_citation_already_present() -> None:
    checked = check_citations(_draft(("Cost.", ["opp_002", "lead_004", "opp_002"])), ROUTED, CLAIMS)
    assert checked.sentences[0].claim_ids == ["opp_002"]
    assert len(checked.citation_issues) == 1


def test_the_check_is_pure() -> None:
    draft = _draft(("Cost.", ["lead_004"]))
    before = draft.model_dump()
    first = check_citations(draft, ROUTED, CLAIMS)
    assert draft.model_dump() == before
    assert check_citations(draft, ROUTED, CLAIMS) == first


@given(
    st.lists(
        st.lists(st.sampled_from([*CLAIMS, "opp_777", "doc_001"]), min_size=1, max_size=4),
        max_size=6,
    ),
    st.lists(st.sampled_from(sorted(CLAIMS)), unique=True),
)
def test_checked_sections_cite_only_routed_claims_and_report_every_change(
    citations: list[list[str]], routed: list[str]
) -> None:
    draft = _draft(*((f"Sentence {i}.", ids) for i, ids in enumerate(citations)))
    checked = check_citations(draft, routed, CLAIMS)
    for sentence in checked.sentences:
        assert sentence.claim_ids and set(sentence.claim_ids) <= set(routed)
        assert len(sentence.claim_ids) == len(set(sentence.claim_ids))
    changed = {cid for ids in citations for cid in ids if cid not in routed}
    for claim_id in changed:
        assert any(f"[{claim_id}]" in issue for issue in checked.citation_issues)
    dropped = len(draft.sentences) - len(checked.sentences)
    assert sum("sentence dropped" in issue for issue in checked.citation_issues) == dropped
    assert checked.cited_claim_ids == list(
        dict.fromkeys(cid for s in checked.sentences for cid in s.claim_ids)
    )
