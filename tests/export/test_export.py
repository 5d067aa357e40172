"""Tests for engine.export: format dispatch, file names, and what every format must keep.

The record builders here are shared by the other export tests: a benign dossier with every
section, contacts, media and sources, and a hostile one whose text tries to break out of
Markdown and HTML.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from html import escape
from typing import Any

import pytest

from engine.export import EXPORT_FORMATS, check_format, export_dossier, export_filename
from engine.models import DOSSIER_SECTIONS
from engine.models.dossier import SECTION_TITLES, DossierRecord

HOSTILE_TEXTS = (
    "<script>alert(1)</script>",
    "</style><script>alert(2)</script>",
    '" onmouseover="alert(3)',
    "' onfocus='alert(4)",
    "# Heading",
    "](javascript:alert(1))",
    "[x](http://evil)",
    "<img src=x onerror=alert(5)>",
    "first line\n# injected heading\n- injected item",
    "1. not a list",
    "> not a quote",
    "![pixel](http://evil/p.png)",
)
UNSOURCED_CLAIM = "manual_001"


def _sentence(text: str, *claim_ids: str) -> dict[str, Any]:
    return {"text": text, "claim_ids": list(claim_ids)}


def _section(name: str, sentences: list[dict[str, Any]]) -> dict[str, Any]:
    cited = sorted({cid for s in sentences for cid in s["claim_ids"]})
    return {
        "section": name,
        "title": SECTION_TITLES[name],
        "sentences": sentences,
        "routed_claim_ids": cited,
        "cited_claim_ids": cited,
    }


def _contact(name: str, text: str) -> dict[str, Any]:
    return {
        "contact_id": f"contact_{abs(hash(name)) % 1000:03d}",
        "name": name,
        "title": "VP Projects",
        "organization": "Wyloo Metals",
        "bio": f"Bio: {text}",
        "relation_to_signal": f"Leads the project. {text}",
        "email_copy": f"Hello,\n{text}\nRegards",
        "linkedin_copy": "Congratulations on the permit.",
        "client_email_copy": f"Dear {name},\n\n{text}",
        "client_linkedin_copy": "Our team builds mills.",
        "evidence_claims": ["contact_001", UNSOURCED_CLAIM],
    }


def make_record(**overrides: Any) -> DossierRecord:
    """A valid dossier with every section, three sources, one unsourced claim, contacts, media."""
    sections = {
        "INTRO": _section(
            "INTRO",
            [
                _sentence("Wyloo Metals is building Eagle's Nest.", "search_001", "entity_001"),
                _sentence("It is owned by Tattarang.", "entity_001", "entity_002"),
            ],
        ),
        "SCORE": _section("SCORE", [_sentence("The permit was filed in 2026.", "search_001")]),
        "WHY_THEYLL_BUY_NOW": _section(
            "WHY_THEYLL_BUY_NOW", [_sentence("Construction starts soon.", "lead_001")]
        ),
        "OPPORTUNITY": _section("OPPORTUNITY", [_sentence("A $1.2B mill.", "opp_001")]),
        "VERIFIED_CONTACTS": _section(
            "VERIFIED_CONTACTS",
            [_sentence("Sylvain Goyette is VP Projects.", "contact_001", UNSOURCED_CLAIM)],
        ),
        "DEAL_STRATEGY": _section("DEAL_STRATEGY", []),
        "OUTREACH": _section("OUTREACH", [_sentence("Lead with the permit.", "search_001")]),
        "MEDIA": _section("MEDIA", [_sentence("A rendering exists.", "search_001")]),
        "SOURCES": _section("SOURCES", []),
    }
    data: dict[str, Any] = {
        "dossier_id": "DOSS_20261122_0001",
        "run_id": "run_0001",
        "client_id": "client_0001",
        "client_name": "Acme Steel",
        "target_entity": "Wyloo Metals",
        "target_project": "Eagle's Nest",
        "lead_score": 85,
        "status": "ready",
        "find_lead": {
            "timing_urgency": "HOT - Construction start Q1 2027",
            "the_angle": "Steel supplier for the mill",
            "one_liner": "Wyloo building a nickel mine",
            "lead_score": 85,
            "score_explanation": "Permit filed + EPCM award",
            "primary_buying_signal": {"claim_id": "search_001", "statement": "Permit filed."},
        },
        "copy": {"contacts": [_contact("Sylvain Goyette", "Let us talk.")]},
        "media": {
            "image_assets": [
                {
                    "asset_id": "WM-01",
                    "asset_type": "project_rendering",
                    "image_url": "https://wyloo.example/render.png",
                    "caption_suggested": "Mill rendering",
                    "source_page_url": "https://wyloo.example/news",
                }
            ]
        },
        "sections": sections,
        "sources": [
            {
                "number": 1,
                "url": "https://news.example/permit",
                "name": "Northern Miner",
                "tier": "NEWS",
                "used_in": ["INTRO", "SCORE", "OUTREACH", "MEDIA"],
                "claim_ids": ["search_001"],
            },
            {
                "number": 2,
                "url": "https://wyloo.example/about",
                "name": "Wyloo Metals",
                "tier": "PRIMARY",
                "used_in": ["INTRO", "WHY_THEYLL_BUY_NOW", "OPPORTUNITY"],
                "claim_ids": ["entity_001", "lead_001", "opp_001"],
            },
            {
                "number": 3,
                "url": None,
                "name": "Ontario registry",
                "tier": "GOV",
                "used_in": ["INTRO", "VERIFIED_CONTACTS"],
                "claim_ids": ["entity_002", "contact_001"],
            },
        ],
        "version": 3,
        "created_at": datetime(2026, 11, 20, 9, 30, tzinfo=UTC),
        "updated_at": datetime(2026, 11, 22, 14, 5, tzinfo=UTC),
    }
    data.update(overrides)
    return DossierRecord.model_validate(data)


def hostile_record() -> DossierRecord:
    """A dossier whose every free text field carries markup, links or script."""
    record = make_record()
    data = record.model_dump(mode="json")
    intro = data["sections"]["INTRO"]
    intro["sentences"] = [_sentence(text, "search_001") for text in HOSTILE_TEXTS]
    data["sections"]["OPPORTUNITY"]["sentences"][0]["text"] = "A mill <b>now</b> & later"
    data["target_entity"] = "<script>alert('t')</script> # Target"
    data["client_name"] = '" onmouseover="alert(6)'
    data["find_lead"]["the_angle"] = "[click](javascript:alert(7))"
    data["find_lead"]["one_liner"] = "</style><script>alert(8)</script>"
    data["sources"][0]["url"] = "javascript:alert(1)"
    data["sources"][0]["name"] = "[Evil](http://evil) <script>x</script>"
    data["sources"][1]["url"] = "data:text/html,<script>alert(9)</script>"
    data["sources"][2]["name"] = "# Registry\n* item"
    data["copy"]["contacts"].append(_contact("<b>Mallory</b>", "</div><script>alert(10)</script>"))
    data["media"]["image_assets"].append(
        {
            "asset_id": "WM-02",
            "asset_type": "logo",
            "image_url": "javascript:alert(11)",
            "caption_suggested": "<img src=x onerror=alert(12)>",
            "source_page_url": "data:text/html,hi",
        }
    )
    return DossierRecord.model_validate(data)


def test_formats_are_json_markdown_html() -> None:
    assert EXPORT_FORMATS == ("json", "md", "html")


@pytest.mark.parametrize("fmt", ["pdf", "JSON", "", "markdown", None, 3])
def test_unknown_format_is_rejected_naming_it_and_the_choices(fmt: Any) -> None:
    with pytest.raises(ValueError) as caught:
        export_dossier(make_record(), fmt)
    message = str(caught.value)
    assert repr(fmt) in message
    assert "json, md, html" in message
    with pytest.raises(ValueError):
        export_filename(make_record(), fmt)


def test_check_format_accepts_each_format() -> None:
    assert [check_format(fmt) for fmt in EXPORT_FORMATS] == list(EXPORT_FORMATS)


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_filename_is_dossier_id_and_format(fmt: Any) -> None:
    assert export_filename(make_record(), fmt) == f"DOSS_20261122_0001.{fmt}"


def test_filename_cannot_escape_the_directory() -> None:
    record = make_record(dossier_id="../../etc/passwd")
    name = export_filename(record, "md")
    assert "/" not in name and not name.startswith(".")
    assert name.endswith(".md")


def test_each_format_dispatches_to_its_renderer() -> None:
    record = make_record()
    assert json.loads(export_dossier(record, "json"))["dossier_id"] == record.dossier_id
    assert export_dossier(record, "md").startswith("# Wyloo Metals")
    assert export_dossier(record, "html").startswith("<!DOCTYPE html>")


@pytest.mark.parametrize(
    ("fmt", "heading"), [("md", "\n## {title}\n"), ("html", "<h2>{title}</h2>")]
)
def test_every_section_heading_appears_once_in_order(fmt: Any, heading: str) -> None:
    out = export_dossier(make_record(), fmt)
    titles = [SECTION_TITLES[name] for name in DOSSIER_SECTIONS]
    headings = [heading.format(title=escape(t) if fmt == "html" else t) for t in titles]
    assert [out.count(h) for h in headings] == [1] * len(headings)
    positions = [out.index(h) for h in headings]
    assert positions == sorted(positions)


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_every_numbered_citation_is_a_listed_source(fmt: Any) -> None:
    record = make_record()
    out = export_dossier(record, fmt)
    cited = {int(n) for n in re.findall(r"\[(\d+)\]", out)}
    assert cited == {source.number for source in record.sources}
    assert f"[claim: {UNSOURCED_CLAIM}]" in out


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_exports_are_deterministic(fmt: Any) -> None:
    assert export_dossier(hostile_record(), fmt) == export_dossier(hostile_record(), fmt)


_HIDDEN = "\u202e\u2066\u200b\ufeff\x1b\x00\x85"


def _record_with_hidden_characters() -> DossierRecord:
    data = make_record().model_dump(mode="json")
    data["client_name"] = "Acme\u202e leetS"
    data["target_entity"] = "Wyloo\u200b Metals\u2066"
    data["find_lead"]["one_liner"] = "Wyloo\x1b[31m building\x00 a mine\ufeff"
    data["sections"]["INTRO"]["sentences"][0]["text"] = "Eagle's Nest\u202e gnp.exe\x85 is big."
    data["copy"]["contacts"][0]["name"] = "Sylvain\u2067 Goyette"
    data["copy"]["contacts"][0]["email_copy"] = "Hello\u202d,\nLet us\x07 talk."
    data["sources"][1]["name"] = "Wyloo\u200f Metals"
    return DossierRecord.model_validate(data)


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_no_control_or_bidi_character_reaches_a_rendered_export(fmt: Any) -> None:
    out = export_dossier(_record_with_hidden_characters(), fmt)
    assert not set(out) & set(_HIDDEN)
    assert "Acme leetS" in out and "Let us  talk." in out


def _record_with_forged_citations() -> DossierRecord:
    data = make_record().model_dump(mode="json")
    lead = data["find_lead"]
    lead["timing_urgency"] = "HOT - freshest: signal search_001: Permit filed [7]"
    lead["primary_buying_signal"]["statement"] = "Permit filed [search_001] [8] [claim: x_001]."
    lead["one_liner"] = "Wyloo [9]"
    data["sections"]["INTRO"]["sentences"][0]["text"] = "Wyloo is building [6] Eagle's Nest."
    data["copy"]["contacts"][0]["bio"] = "Sylvain Goyette [5] leads the project."
    return DossierRecord.model_validate(data)


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_statements_cannot_forge_a_citation(fmt: Any) -> None:
    record = _record_with_forged_citations()
    out = export_dossier(record, fmt)
    cited = {int(n) for n in re.findall(r"\[(\d+)\]", out)}
    assert cited == {source.number for source in record.sources}
    assert "[claim: x_001]" not in out and "[search_001]" not in out
    assert "Permit filed (search_001) (8) (claim: x_001)." in out


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_credentials_in_urls_are_never_shown(fmt: Any) -> None:
    data = make_record().model_dump(mode="json")
    data["sources"][0]["url"] = "https://ann:s3cret@news.example/permit"
    data["media"]["image_assets"][0]["source_page_url"] = "https://tok3n@wyloo.example/news"
    out = export_dossier(DossierRecord.model_validate(data), fmt)
    assert "s3cret" not in out and "tok3n" not in out
    assert "https://news.example/permit" in out and "https://wyloo.example/news" in out
