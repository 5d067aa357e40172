"""Offline research allocation: every document read by exactly one step, by what it answers."""

from __future__ import annotations

import math
import re
import time

from hypothesis import given
from hypothesis import strategies as st

from engine.models import Client, SourceDocument, SourceTier
from engine.research.allocation import (
    RESEARCH_STEPS,
    STEP_TERMS,
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


def _regex_hits(text: str, terms: tuple[str, ...]) -> int:
    """The reference count: every whole-word occurrence of every term, terms counted apart."""
    return sum(len(re.findall(rf"\b{re.escape(term)}\b", text)) for term in terms)


@given(
    st.lists(
        st.sampled_from(
            list("ab _-.\n") + ["vice president", "president", "head of", "mw", "5mw", "é", "mines"]
        ),
        max_size=30,
    ).map("".join)
)
def test_scores_count_each_term_as_a_whole_word(text: str) -> None:
    scores = step_scores(doc("t", text), CLIENT)
    lowered = text.lower()
    for step in RESEARCH_STEPS:
        terms = STEP_TERMS[step] + (client_terms(CLIENT) if step == "client_specific" else ())
        assert scores[step] == math.log1p(_regex_hits(lowered, terms))


def test_a_megabyte_document_is_scored_quickly() -> None:
    sentence = "Jane Roe, vice president at the company, approved the construction contract. "
    big = doc("big", sentence * (1_000_000 // len(sentence)))
    started = time.perf_counter()
    for _ in RESEARCH_STEPS:  # the offline backend allocates once per research step
        allocate_documents([big, doc("small", "Headquartered in Perth.")], CLIENT)
    assert time.perf_counter() - started < 1.5


def test_a_single_document_goes_to_the_search_whatever_it_reads_like() -> None:
    only = doc("profile", "Jane Roe is Vice President, Projects.", source_type="profile")
    allocation = allocate_documents([only], CLIENT)
    assert [d.source_id for d in allocation["search_signal"]] == ["profile"]
    assert sum(len(docs) for docs in allocation.values()) == 1
