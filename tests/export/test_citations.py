"""Tests for engine.export.citations: source numbers, citation resolution, safe URLs, entries."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from engine.export.citations import (
    Citation,
    contact_entries,
    dossier_date,
    media_entries,
    ordered_sections,
    prose_text,
    resolve_citations,
    source_numbers,
    visible_text,
    web_url,
)
from engine.models import DOSSIER_SECTIONS
from tests.export.test_export import UNSOURCED_CLAIM, make_record


def test_source_numbers_map_every_listed_claim_to_its_source() -> None:
    numbers = source_numbers(make_record())
    assert numbers == {
        "search_001": 1,
        "entity_001": 2,
        "lead_001": 2,
        "opp_001": 2,
        "entity_002": 3,
        "contact_001": 3,
    }
    assert UNSOURCED_CLAIM not in numbers


def test_citations_are_deduplicated_by_source_and_keep_unsourced_claims() -> None:
    numbers = {"a_001": 1, "b_001": 1, "c_001": 3}
    citations = resolve_citations(["c_001", "a_001", "b_001", "x_001", "x_001", "a_001"], numbers)
    assert citations == [
        Citation(claim_id="c_001", number=3),
        Citation(claim_id="a_001", number=1),
        Citation(claim_id="x_001", number=None),
    ]


@given(
    st.lists(st.sampled_from(["a_001", "b_001", "c_001", "d_001", "e_001"]), max_size=12),
    st.dictionaries(st.sampled_from(["a_001", "b_001", "c_001"]), st.integers(1, 3)),
)
def test_citations_cover_every_cited_source_once(
    claim_ids: list[str], numbers: dict[str, int]
) -> None:
    citations = resolve_citations(claim_ids, numbers)
    resolved = [c.number for c in citations if c.number is not None]
    unresolved = [c.claim_id for c in citations if c.number is None]
    assert len(resolved) == len(set(resolved))
    assert set(resolved) == {numbers[cid] for cid in claim_ids if cid in numbers}
    assert sorted(unresolved) == sorted({cid for cid in claim_ids if cid not in numbers})


def test_web_url_keeps_http_and_https_links() -> None:
    assert web_url("https://example.com/a?b=1#c") == "https://example.com/a?b=1#c"
    assert web_url("  HTTP://Example.com ") == "HTTP://Example.com"


def test_web_url_encodes_characters_that_break_markup() -> None:
    safe = web_url("https://example.com/a b<c>\"d'e`f\\g")
    assert safe == "https://example.com/a%20b%3Cc%3E%22d%27e%60f%5Cg"


def test_web_url_refuses_other_schemes_and_hostless_urls() -> None:
    refused = [
        None,
        "",
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox",
        "//evil.example/x",
        "https:///path",
        "http://",
        "java\tscript:alert(1)",
        "https://exa\nmple.com",
        "/relative/path",
        "ftp://files.example",
    ]
    assert [web_url(url) for url in refused] == [None] * len(refused)


def test_sections_come_in_dossier_order_whatever_the_stored_order() -> None:
    record = make_record()
    reversed_record = record.model_copy(
        update={"sections": dict(reversed(list(record.sections.items())))}
    )
    names = [section.section for section in ordered_sections(reversed_record)]
    assert names == list(DOSSIER_SECTIONS)


def test_dossier_date_prefers_release_then_update_then_creation() -> None:
    record = make_record()
    assert dossier_date(record) == "2026-11-22"
    assert dossier_date(record.model_copy(update={"updated_at": None})) == "2026-11-20"
    undated = record.model_copy(update={"updated_at": None, "created_at": None})
    assert dossier_date(undated) == "undated"


def test_contact_entries_label_the_copy_and_keep_evidence() -> None:
    [entry] = contact_entries(make_record())
    assert entry.name == "Sylvain Goyette"
    assert entry.role == "VP Projects, Wyloo Metals"
    assert [label for label, _ in entry.texts] == [
        "Bio",
        "Relation to the signal",
        "Email",
        "LinkedIn",
        "Client email",
        "Client LinkedIn",
    ]
    assert entry.evidence_claims == ("contact_001", UNSOURCED_CLAIM)


def test_malformed_contacts_and_media_are_shown_with_what_they_have() -> None:
    record = make_record(
        copy={"contacts": [{"contact_id": "c1", "bio": ["not", "text"]}, "junk"]},
        media={"image_assets": [{"image_url": "https://x.example/i.png"}, 7]},
    )
    [contact] = contact_entries(record)
    assert (contact.name, contact.role, contact.texts) == ("c1", "", ())
    [asset] = media_entries(record)
    assert asset.caption == "https://x.example/i.png"
    assert contact_entries(make_record(copy={})) == []
    assert media_entries(make_record(media={"image_assets": "none"})) == []


def test_web_url_refuses_urls_hiding_characters() -> None:
    for url in (
        "https://a.example/\u202egnp.exe",
        "https://a.example/\u200bpath",
        "https://a.example/\x85x",
        "https://a.example/\u2028next",
        "https://a.example/a\u00a0b",
    ):
        assert web_url(url) is None, url


def test_visible_and_prose_text() -> None:
    assert visible_text("a\u202eb\u200bc\x1bd\x00e\tf\ng") == "abc d e\tf\ng"
    assert prose_text("cites [1] and [claim: x_001]") == "cites (1) and (claim: x_001)"


def test_web_url_drops_credentials() -> None:
    assert web_url("https://ann:s3cret@a.example/x") == "https://a.example/x"
    assert web_url("https://ann@a.example") == "https://a.example"
    assert web_url("https://a.example/@ann") == "https://a.example/@ann"
    assert web_url("https://ann:s3cret@/x") is None
