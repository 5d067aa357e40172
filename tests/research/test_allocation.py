"""Offline research allocation: every document read by exactly one step, by what it answers."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from engine.models import Client, SourceDocument, SourceTier
from engine.research.allocation import (
    RESEARCH_STEPS,
    allocate_documents,
    client_terms,
    step_scores,
)

CLIENT = Client(
    name="Northwind Modular",
    description="Modular camps",
    services="workforce camps, modular offices",
    icp="remote mines",
)


def doc(source_id: str, text: str, source_type: str | None = None) -> SourceDocument:
    return SourceDocument(
        source_id=source_id,
        path=f"{source_id}.md",
        tier=SourceTier.NEWS,
        text=text,
        source_type=source_type,
    )


def test_documents_go_to_the_step_they_answer() -> None:
    corpus = [
        doc("a", "The ministry approved the permit; construction contract awarded."),
        doc("b", "Headquartered in Sudbury, the company was founded in 2009; its parent is X."),
        doc("c", "Jane Roe is Vice President, Projects; John Doe is Director of Procurement."),
        doc("d", "We are hiring. Responsibilities: manage the workforce camps tender."),
    ]
    allocation = allocate_documents(corpus, CLIENT)
    assert [d.source_id for d in allocation["search_signal"]] == ["a"]
    assert [d.source_id for d in allocation["entity_research"]] == ["b"]
    assert [d.source_id for d in allocation["contact_discovery"]] == ["c"]
    assert [d.source_id for d in allocation["client_specific"]] == ["d"]


def test_source_type_outweighs_a_few_words() -> None:
    scores = step_scores(doc("p", "Our team is hiring.", source_type="government"), CLIENT)
    assert max(scores, key=lambda step: scores[step]) == "search_signal"


def test_required_steps_take_a_document_from_a_step_with_several() -> None:
    corpus = [
        doc("a", "Jane Roe is Vice President of the company, headquartered in Perth."),
        doc("b", "John Doe is Director, Projects."),
        doc("c", "Ann Poe is a manager."),
    ]
    allocation = allocate_documents(corpus, CLIENT)
    assert allocation["search_signal"] and allocation["entity_research"]


def test_client_terms_are_content_words() -> None:
    assert client_terms(CLIENT) == ("workforce", "camps", "modular", "offices", "remote", "mines")


@given(
    st.lists(
        st.tuples(st.text(min_size=0, max_size=80), st.sampled_from([None, "news", "profile"])),
        max_size=8,
    )
)
def test_every_document_is_read_once_and_order_is_stable(
    items: list[tuple[str, str | None]],
) -> None:
    corpus = [doc(f"d{i}", text, kind) for i, (text, kind) in enumerate(items)]
    allocation = allocate_documents(corpus, CLIENT)
    read = [d.source_id for step in RESEARCH_STEPS for d in allocation[step]]
    assert sorted(read) == sorted(d.source_id for d in corpus)
    assert allocate_documents(list(reversed(corpus)), CLIENT) == allocation
