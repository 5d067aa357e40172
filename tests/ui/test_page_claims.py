"""AppTest of the Claims page: empty and seeded workspaces, the type filter, the claim detail,
and a run picker that keeps its run while the analyst types (runs alike but for their id)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from streamlit.testing.v1 import AppTest

from engine.models.run import RunRecord, RunRequest
from engine.store import Store
from engine.workspace.text import streamlit_markdown
from tests.factories import make_claim
from tests.ui.conftest import ORG

PAGE = "pages/claims.py"
LINK_TO_SCRIPT = re.compile(r"(?<!\\)\]\(<?\s*javascript", re.IGNORECASE)


def markdown_texts(at: AppTest) -> list[str]:
    return [element.value for element in at.markdown]


def count_line(at: AppTest) -> str:
    return next(text for text in markdown_texts(at) if text.endswith(" claims**"))


def test_empty_workspace_says_there_are_no_runs(
    empty_db: Path, app_at: Callable[[str], AppTest]
) -> None:
    at = app_at(PAGE)
    assert not at.exception
    assert any("no runs yet" in info.value for info in at.info)


def test_seeded_workspace_shows_every_claim_of_the_run(
    seeded_db: tuple[Path, RunRecord], app_at: Callable[[str], AppTest]
) -> None:
    path, run = seeded_db
    at = app_at(PAGE)
    assert not at.exception
    assert at.selectbox(key="claims_run").value == run.run_id
    with Store(path) as store:
        total = store.count_claims(ORG, run.run_id)
    assert total > 0
    assert count_line(at) == f"**{total} of {total} claims**"
    assert len(at.dataframe) >= 1
    assert at.dataframe[0].value.shape[0] == total
    assert len(at.get("plotly_chart")) == 2


def test_type_filter_shows_the_stores_count_of_that_type(
    seeded_db: tuple[Path, RunRecord], app_at: Callable[[str], AppTest]
) -> None:
    path, run = seeded_db
    with Store(path) as store:
        total = store.count_claims(ORG, run.run_id)
        contact_ids = [c.claim_id for c in store.list_claims(ORG, run.run_id, claim_type="CONTACT")]
    contacts = len(contact_ids)
    assert 0 < contacts < total
    at = app_at(PAGE)
    at.multiselect(key="claims_type").set_value(["CONTACT"]).run()
    assert not at.exception
    assert count_line(at) == f"**{contacts} of {total} claims**"
    assert at.dataframe[0].value.shape[0] == contacts
    assert at.selectbox(key="claims_detail").options == contact_ids


def test_detail_of_a_chosen_claim_shows_its_statement(
    seeded_db: tuple[Path, RunRecord], app_at: Callable[[str], AppTest]
) -> None:
    path, run = seeded_db
    with Store(path) as store:
        claim = store.list_claims(ORG, run.run_id)[-1]
    at = app_at(PAGE)
    at.selectbox(key="claims_detail").set_value(claim.claim_id).run()
    assert not at.exception
    assert streamlit_markdown(claim.statement) in markdown_texts(at)
    fields = at.dataframe[1].value
    assert dict(zip(fields["field"], fields["value"], strict=True))["claim_id"] == claim.claim_id


def test_filters_that_match_nothing_say_so(
    seeded_db: tuple[Path, RunRecord], app_at: Callable[[str], AppTest]
) -> None:
    _, run = seeded_db
    at = app_at(PAGE)
    at.text_input(key="claims_text").input("no claim says this").run()
    assert not at.exception
    assert count_line(at).startswith("**0 of ")
    assert any("No claim matches" in caption.value for caption in at.caption)


def test_hostile_claim_text_is_escaped_and_never_linked(
    empty_db: Path, app_at: Callable[[str], AppTest]
) -> None:
    hostile = make_claim(
        "contact_001",
        claim_type="CONTACT",
        statement="<script>alert(1)</script> see [here](javascript:alert(1))",
        source_name="**Trusted** [source](javascript:alert(2))",
        source_url="javascript:alert(3)",
        person={"name": "Eve [x](javascript:alert(4))", "linkedin_url": "javascript:alert(5)"},
    )
    with Store(empty_db) as store:
        request = RunRequest(client_name="Northway", target="Hostile Corp")
        run = store.create_run(ORG, request, client_id="client-1")
        store.save_claims(ORG, run.run_id, [hostile], step_id="contact_discovery")
    at = app_at(PAGE)
    assert not at.exception
    assert count_line(at) == "**1 of 1 claims**"
    assert streamlit_markdown(hostile.statement) in markdown_texts(at)
    for element in at.markdown:
        assert not element.proto.allow_html
        assert not LINK_TO_SCRIPT.search(element.value), element.value
    table = at.dataframe[0].value
    assert table["source_link"].isna().all()


def test_typing_a_search_never_switches_the_run(
    empty_db: Path, app_at: Callable[[str], AppTest]
) -> None:
    request = RunRequest(client_name="Northway", target="Twin Corp")
    statements = {"older": ["Older run claim"], "newer": ["Newer run claim", "Newer run note"]}
    with Store(empty_db) as store:  # same target, client, status and minute
        runs = {}
        for name, texts in statements.items():
            run = store.create_run(ORG, request, client_id="client-1")
            claims = [
                make_claim(f"search_{n:03d}", statement=text) for n, text in enumerate(texts, 1)
            ]
            store.save_claims(ORG, run.run_id, claims, step_id="search_signal")
            runs[name] = run.run_id
    at = app_at(PAGE)
    assert at.selectbox(key="claims_run").value == runs["newer"]
    at.text_input(key="claims_text").input("run").run()
    assert not at.exception
    assert at.selectbox(key="claims_run").value == runs["newer"]
    assert count_line(at) == "**2 of 2 claims**"
    at.selectbox(key="claims_run").set_value(runs["older"]).run()
    at.text_input(key="claims_text").input("older").run()
    assert at.selectbox(key="claims_run").value == runs["older"]
    assert count_line(at) == "**1 of 1 claims**"
