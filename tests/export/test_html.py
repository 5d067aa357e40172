"""Tests for engine.export.html: a self-contained, script-free page with every text escaped."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Tag
from hypothesis import given
from hypothesis import strategies as st

from engine.export.citations import prose_text, visible_text
from engine.export.html import CONTENT_SECURITY_POLICY, dossier_html, html_link
from engine.models import DOSSIER_SECTIONS
from engine.models.dossier import DossierRecord
from tests.export.test_export import HOSTILE_TEXTS, hostile_record, make_record

ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "main", "header", "h1", "h2", "h3", "h4",
    "dl", "dt", "dd", "section", "article", "p", "div", "span", "sup", "a", "ul", "ol", "li",
}  # fmt: skip


def _soup(record: DossierRecord) -> BeautifulSoup:
    return BeautifulSoup(dossier_html(record), "html.parser")


def _tags(soup: BeautifulSoup) -> list[Tag]:
    return [tag for tag in soup.find_all(True) if isinstance(tag, Tag)]


def _with_intro(texts: list[str]) -> DossierRecord:
    data = make_record().model_dump(mode="json")
    data["sections"]["INTRO"]["sentences"] = [
        {"text": text, "claim_ids": ["search_001"]} for text in texts
    ]
    return DossierRecord.model_validate(data)


def test_document_head_is_self_contained_and_forbids_scripts() -> None:
    out = dossier_html(make_record())
    assert out.startswith('<!DOCTYPE html>\n<html lang="en">\n<head><meta charset="utf-8">')
    soup = BeautifulSoup(out, "html.parser")
    csp = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert isinstance(csp, Tag)
    assert csp["content"] == CONTENT_SECURITY_POLICY
    assert "default-src 'none'" in CONTENT_SECURITY_POLICY
    assert "style-src 'unsafe-inline'" in CONTENT_SECURITY_POLICY
    assert "script-src" not in CONTENT_SECURITY_POLICY
    assert (
        soup.title is not None and soup.title.string == "Dossier DOSS_20261122_0001: Wyloo Metals"
    )


def test_style_is_static_printable_and_loads_nothing() -> None:
    benign, hostile = _soup(make_record()), _soup(hostile_record())
    styles = benign.find_all("style")
    assert len(styles) == 1 and len(hostile.find_all("style")) == 1
    css = styles[0].get_text()
    assert css == hostile.find_all("style")[0].get_text()
    assert "@media print" in css and "break-before: page" in css
    assert "url(" not in css and "@import" not in css and "<" not in css


def test_hostile_text_produces_no_script_and_no_foreign_markup() -> None:
    out = dossier_html(hostile_record())
    assert "<script" not in out.lower()
    soup = BeautifulSoup(out, "html.parser")
    tags = _tags(soup)
    assert {tag.name for tag in tags} <= ALLOWED_TAGS
    for tag in tags:
        assert not [name for name in tag.attrs if name.lower().startswith("on")], tag
        assert "src" not in tag.attrs
    for text in HOSTILE_TEXTS:
        if set(text) & set("<>\"'"):
            assert text not in out


def test_links_are_only_anchors_or_web_urls() -> None:
    soup = _soup(hostile_record())
    hrefs = [str(a["href"]) for a in soup.find_all("a")]
    assert hrefs
    for href in hrefs:
        assert re.fullmatch(r"#source-\d+|https?://\S+", href), href
    out = dossier_html(hostile_record())
    assert not re.search(r"href=\"\s*(javascript|data|vbscript):", out, re.IGNORECASE)


def test_hostile_sentences_parse_back_to_their_text() -> None:
    soup = _soup(hostile_record())
    intro = soup.find("section", id="section-INTRO")
    assert isinstance(intro, Tag)
    spans = intro.find_all("span", class_="sentence")
    assert [span.get_text() for span in spans] == [prose_text(text) for text in HOSTILE_TEXTS]


def test_sections_appear_in_dossier_order_between_lead_and_sources() -> None:
    soup = _soup(make_record())
    ids = [section["id"] for section in soup.find_all("section")]
    body = [f"section-{name}" for name in DOSSIER_SECTIONS if name != "SOURCES"]
    assert ids == ["lead", *body, "contacts", "media-assets", "sources"]


def test_citations_link_to_listed_sources() -> None:
    soup = _soup(make_record())
    anchors = {str(li["id"]) for li in soup.select("ol.sources > li")}
    assert anchors == {"source-1", "source-2", "source-3"}
    cited = [str(a["href"]).removeprefix("#") for a in soup.select("sup.cite > a")]
    assert cited and set(cited) <= anchors
    intro = soup.find("section", id="section-INTRO")
    assert isinstance(intro, Tag)
    assert [sup.get_text() for sup in intro.find_all("sup")] == ["[1]", "[2]", "[2]", "[3]"]
    unresolved = [sup.get_text() for sup in soup.select("sup.unresolved")]
    assert unresolved and set(unresolved) == {"[claim: manual_001]"}


def test_lead_block_draws_the_score_as_a_bar() -> None:
    soup = _soup(make_record(lead_score=42))
    lead = soup.find("section", id="lead")
    assert isinstance(lead, Tag)
    assert "urgency-HOT" in lead["class"]
    fill = lead.find("div", class_="gauge-fill")
    assert isinstance(fill, Tag) and fill["style"] == "width: 42%"
    score = lead.find("p", class_="score")
    assert isinstance(score, Tag) and score.get_text() == "Lead score: 42/100"
    terms = [dt.get_text() for dt in lead.find_all("dt")]
    facts = dict(zip(terms, [dd.get_text() for dd in lead.find_all("dd")], strict=True))
    assert facts["The angle"] == "Steel supplier for the mill"
    assert facts["Primary buying signal"] == "Permit filed.[1]"


def test_sources_list_shows_name_url_tier_and_sections() -> None:
    soup = _soup(make_record())
    first = soup.find("li", id="source-1")
    assert isinstance(first, Tag)
    assert first.get_text() == (
        "Northern Miner — https://news.example/permit "
        "(NEWS; used in: INTRO, SCORE, OUTREACH, MEDIA)"
    )
    link = first.find("a")
    assert isinstance(link, Tag) and link["href"] == "https://news.example/permit"


def test_non_web_urls_are_text_not_links() -> None:
    soup = _soup(hostile_record())
    source = soup.find("li", id="source-1")
    assert isinstance(source, Tag)
    assert source.find("a") is None
    assert "javascript:alert(1)" in source.get_text()
    media = soup.find("section", id="media-assets")
    assert isinstance(media, Tag)
    assert [a["href"] for a in media.find_all("a")] == [
        "https://wyloo.example/render.png",
        "https://wyloo.example/news",
    ]
    assert "(javascript:alert(11))" in media.get_text()
    assert soup.find("img") is None


def test_contact_copy_keeps_its_lines() -> None:
    soup = _soup(hostile_record())
    copies = [div.get_text() for div in soup.find_all("div", class_="copy-text")]
    assert "Hello,\nLet us talk.\nRegards" in copies
    assert "Dear <b>Mallory</b>,\n\n</div><script>alert(10)</script>" in copies
    names = [h3.get_text() for h3 in soup.find_all("h3")]
    assert names == ["Sylvain Goyette", "<b>Mallory</b>"]


def test_html_link_escapes_and_encodes() -> None:
    assert html_link('"x"', 'https://a.example/?q="1"') == (
        '<a href="https://a.example/?q=%221%22" rel="noopener noreferrer nofollow">'
        "&quot;x&quot;</a>"
    )
    assert html_link("x", "data:text/html,hi") == 'x <span class="url">(data:text/html,hi)</span>'


_sentence_text = st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=120).filter(
    lambda text: visible_text(text).strip() != ""
)


@given(st.lists(_sentence_text, min_size=1, max_size=3))
def test_random_sentences_are_escaped_and_read_back_exactly(texts: list[str]) -> None:
    out = dossier_html(_with_intro(texts))
    skeleton = dossier_html(_with_intro(["x"] * len(texts)))
    for text in texts:
        if "<" in text and text not in skeleton:
            assert text not in out
    intro = BeautifulSoup(out, "html.parser").find("section", id="section-INTRO")
    assert isinstance(intro, Tag)
    shown = [span.get_text() for span in intro.find_all("span", class_="sentence")]
    assert shown == [prose_text(text) for text in texts]
    assert "<script" not in out.lower()
