"""Tests for engine.export.markdown: layout, citations, links and escaping of hostile text."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from engine.export.citations import prose_text, visible_text
from engine.export.markdown import dossier_markdown, escape_markdown, markdown_link, source_line
from engine.models import DOSSIER_SECTIONS
from engine.models.dossier import SECTION_TITLES, DossierSource
from tests.export.test_export import HOSTILE_TEXTS, hostile_record, make_record

_ESCAPE_PAIR = re.compile(r"\\[!-/:-@\[-`{-~]")


def _unescape(markdown: str) -> str:
    """What a CommonMark reader shows for escaped text: each backslash escape taken away."""
    return _ESCAPE_PAIR.sub(lambda match: match.group(0)[1], markdown)


def _headings(markdown: str) -> list[str]:
    return [line for line in markdown.splitlines() if re.match(r"#{1,6} ", line)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("# Heading", r"\# Heading"),
        ("## Two", r"\## Two"),
        ("- item", r"\- item"),
        ("+ item", r"\+ item"),
        ("1. first", r"1\. first"),
        ("12) twelfth", r"12\) twelfth"),
        ("> quote", r"\> quote"),
        ("=====", r"\====="),
        ("[x](http://evil)", r"\[x\](http://evil)"),
        ("](javascript:alert(1))", r"\](javascript:alert(1))"),
        ("<script>alert(1)</script>", r"\<script\>alert(1)\</script\>"),
        ("**bold** and `code`", r"\*\*bold\*\* and \`code\`"),
        ("line one\n# two\r\n- three", r"line one # two - three"),
        ("    indented code", "indented code"),
        ("&amp; stays literal & plain", r"\&amp; stays literal & plain"),
        ("a_b _c_", r"a_b \_c\_"),
        ("Title ##", r"Title \##"),
        ("| a | b |", r"\| a \| b \|"),
        ("plain text", "plain text"),
    ],
)
def test_escape_markdown(text: str, expected: str) -> None:
    assert escape_markdown(text) == expected


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
def test_escaped_text_is_one_literal_line(text: str) -> None:
    escaped = escape_markdown(text)
    assert "\n" not in escaped and "\r" not in escaped
    assert _unescape(escaped) == " ".join(visible_text(text).splitlines()).strip()
    bare = _ESCAPE_PAIR.sub("", escaped)
    assert not set(bare) & set("[]<>`*|~\\")
    assert not re.match(r"[#>+=-]|\d+[.)]", escaped)


def test_header_and_lead_block() -> None:
    lines = dossier_markdown(make_record()).splitlines()
    assert lines[0] == "# Wyloo Metals — Eagle's Nest"
    assert lines[2:7] == [
        "- **Client:** Acme Steel",
        "- **Dossier:** DOSS_20261122_0001",
        "- **Status:** ready",
        "- **Version:** 3",
        "- **Date:** 2026-11-22",
    ]
    lead = lines[lines.index("## Lead summary") :]
    assert lead[2] == "**Lead score: 85/100**"
    assert "- **Timing:** HOT - Construction start Q1 2027" in lead
    assert "- **The angle:** Steel supplier for the mill" in lead
    assert "- **One-liner:** Wyloo building a nickel mine" in lead
    assert "- **Why this score:** Permit filed + EPCM award" in lead
    assert "- **Primary buying signal:** Permit filed. [1]" in lead


def test_sentences_cite_source_numbers_deduplicated_per_sentence() -> None:
    out = dossier_markdown(make_record())
    assert "\n## Introduction\n\nWyloo Metals is building Eagle's Nest. [1][2] " in out
    assert "It is owned by Tattarang. [2][3]\n" in out
    assert "Sylvain Goyette is VP Projects. [3][claim: manual_001]" in out
    assert "\n## Deal strategy\n\n_No claims were routed to this section._\n" in out


def test_headings_are_the_dossier_structure_even_with_hostile_text() -> None:
    record = hostile_record()
    headings = _headings(dossier_markdown(record))
    titles = [f"## {SECTION_TITLES[name]}" for name in DOSSIER_SECTIONS]
    assert headings[0].startswith("# \\<script\\>")
    assert [h for h in headings if h.startswith("## ")] == [
        "## Lead summary",
        *titles[:-1],
        "## Contacts and outreach copy",
        "## Image assets",
        titles[-1],
    ]
    assert [h for h in headings if h.startswith("### ")] == [
        "### Sylvain Goyette",
        r"### \<b\>Mallory\</b\>",
    ]


def test_hostile_sentences_read_back_as_their_text() -> None:
    out = dossier_markdown(hostile_record())
    paragraph = out.split("## Introduction\n\n", 1)[1].split("\n", 1)[0]
    shown = [_unescape(part) for part in paragraph.split(" [1]") if part.strip()]
    assert [part.strip() for part in shown] == [
        " ".join(prose_text(text).splitlines()) for text in HOSTILE_TEXTS
    ]


def test_only_http_urls_become_links_and_always_in_angle_brackets() -> None:
    out = dossier_markdown(hostile_record())
    destinations = re.findall(r"(?<!\\)\]\((.*?)\)", out)
    assert destinations == ["<https://wyloo.example/render.png>"]
    autolinks = re.findall(r"(?<!\\)<([^>]*)>", out)
    assert autolinks and all(re.fullmatch(r"https?://\S+", url) for url in autolinks)
    assert "javascript:alert(1) (NEWS;" in out
    assert r"data:text/html,\<script\>alert(9)\</script\> (PRIMARY;" in out


def test_media_are_links_not_images() -> None:
    out = dossier_markdown(hostile_record())
    assert "![" not in out.replace("!\\[", "")
    assert (
        "- [Mill rendering](<https://wyloo.example/render.png>) (project_rendering, WM-01); "
        "source page: <https://wyloo.example/news>"
    ) in out
    assert r"- \<img src=x onerror=alert(12)\> (javascript:alert(11)) (logo, WM-02)" in out


def test_contact_copy_is_quoted_line_by_line() -> None:
    out = dossier_markdown(hostile_record())
    assert "**Email:**\n\n> Hello,\n> Let us talk.\n> Regards\n" in out
    assert "> Dear Sylvain Goyette,\n>\n> Let us talk." in out
    assert "Evidence: [3][claim: manual_001]" in out
    assert r"> Bio: \</div\>\<script\>alert(10)\</script\>" in out


def test_source_list_is_numbered_with_tier_and_sections() -> None:
    out = dossier_markdown(make_record())
    sources = out.split("\n## Sources\n\n", 1)[1].splitlines()
    assert sources == [
        "1. Northern Miner — <https://news.example/permit> "
        "(NEWS; used in: INTRO, SCORE, OUTREACH, MEDIA)",
        "2. Wyloo Metals — <https://wyloo.example/about> "
        "(PRIMARY; used in: INTRO, WHY_THEYLL_BUY_NOW, OPPORTUNITY)",
        "3. Ontario registry (GOV; used in: INTRO, VERIFIED_CONTACTS)",
    ]


def test_hostile_source_name_cannot_start_a_block() -> None:
    line = source_line(hostile_record().sources[2])
    assert line == r"3. \# Registry \* item (GOV; used in: INTRO, VERIFIED_CONTACTS)"


def test_unnamed_source_without_url_is_still_listed() -> None:
    source = DossierSource(
        number=4, url=None, name=None, tier="OTHER", used_in=["INTRO"], claim_ids=["doc_001"]
    )
    assert source_line(source) == "4. Unnamed source (OTHER; used in: INTRO)"


def test_sources_section_sentences_precede_the_list_under_one_heading() -> None:
    record = make_record()
    data = record.model_dump(mode="json")
    data["sections"]["SOURCES"]["sentences"] = [
        {"text": "Registry data was checked.", "claim_ids": ["entity_002"]}
    ]
    out = dossier_markdown(type(record).model_validate(data))
    assert out.count("## Sources") == 1
    assert "## Sources\n\nRegistry data was checked. [3]\n\n1. Northern Miner" in out


def test_markdown_link_falls_back_to_text_for_unsafe_urls() -> None:
    assert markdown_link("Site", "https://a.example/x y") == "[Site](<https://a.example/x%20y>)"
    assert markdown_link("Site", "javascript:alert(1)") == "Site (javascript:alert(1))"
    assert markdown_link("Site", None) == "Site"
