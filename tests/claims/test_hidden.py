"""Text a browser would not show is never read; markup the HTML parser rejects is still read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from engine.claims.hidden import StyleSheet, is_hidden
from engine.claims.markdown import markdown_to_text
from engine.claims.markup import html_to_text
from engine.cli import main
from engine.models import parse_claims

HIDDEN_STYLES = [
    "font-size:0",
    "font-size: 0px",
    "font-size:0.2px",
    "color:#ffffff;background-color:#fff",
    "color: red; background: red",
    "color: transparent",
    "color: rgba(0, 0, 0, 0)",
    "position:absolute; left:-9999px",
    "position: fixed; top: -2000px",
    "text-indent:-9999px",
    "transform: translate(-9999px, 0)",
    "transform: scale(0)",
    "opacity:0",
    "opacity: 0.01",
    "clip: rect(0 0 0 0); position: absolute",
    "clip: rect(1px, 1px, 1px, 1px)",
    "clip-path: inset(50%)",
    "width:0;height:0;overflow:hidden",
    "max-height: 0; overflow: hidden",
    "width: 1px; height: 1px; overflow: hidden",
    "display: none !important",
]
SHOWN_STYLES = [
    "font-size: 14px",
    "color: #333",
    "position: absolute; left: 10px",
    "opacity: 0.9",
    "width: 0; height: 0",  # overflow visible: the text still shows
    "clip-path: inset(10%)",
    "margin-left: -20px",
]


@pytest.mark.parametrize("style", HIDDEN_STYLES)
def test_styles_a_browser_does_not_show(style: str) -> None:
    page = html_to_text(f"<p>Shown.</p><p style='{style}'>Oracle employs 9,137 people.</p>")
    assert page.text == "Shown."


@pytest.mark.parametrize("style", SHOWN_STYLES)
def test_styles_that_still_show_text(style: str) -> None:
    page = html_to_text(f"<p style='{style}'>Oracle employs 800 people.</p>")
    assert page.text == "Oracle employs 800 people."


def test_white_text_shows_only_on_a_background() -> None:
    page = html_to_text(
        "<p style='color:white'>HIDDEN</p>"
        "<div style='background:#0b3d5c'><p style='color:#fff'>Shown on dark.</p></div>"
    )
    assert page.text == "Shown on dark."


def test_classes_hidden_by_the_pages_style_sheet_or_by_convention() -> None:
    raw = (
        "<style>.nx, #gone { display: none } .red { color: red }</style>"
        "<p class='nx'>HIDDEN ONE</p><p id='gone'>HIDDEN TWO</p><p class='red'>Shown one.</p>"
        "<p class='sr-only'>HIDDEN THREE</p><span class='visually-hidden'>HIDDEN FOUR</span>"
        "<p class='hidden md:block'>Shown two.</p><p class='d-none d-lg-block'>Shown three.</p>"
    )
    assert html_to_text(raw).text == "Shown one.\nShown two.\nShown three."
    assert StyleSheet.parse([".a{opacity:0} .b{color:blue}"]).classes == frozenset({"a"})
    assert is_hidden({"class": ["sr-only"]}) and not is_hidden({"class": "lead"})


def test_markdown_inline_html_hidden_by_style() -> None:
    text = "Intro.\n\n<span style='font-size:0px'>HIDDEN</span> <p style='opacity:0'>GONE</p>Shown."
    assert markdown_to_text(text) == "Intro.\nShown."


@pytest.mark.parametrize(
    "raw",
    [
        "<p>A</p><![if !IE]><p>Oracle employs 800 people.</p><![endif]>",
        "<p>x <![CDATA[ hidden ]]> y</p><p>Oracle employs 800 people.</p>",
        "<p>stray <![ here</p><p>Oracle employs 800 people.</p>",
        "<p>odd <![\"' ></p><p>Oracle employs 800 people.</p>",
        "<![",
    ],
)
def test_marked_sections_never_crash_the_parser(raw: str) -> None:
    text = html_to_text(raw).text
    assert raw == "<![" or "Oracle employs 800 people." in text


def test_extract_reads_a_page_with_a_stray_marked_section(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "page.html").write_text(
        "<html><body><p>Borealis Nickel <![ employs 450 people.</p>"
        "<p>Borealis Nickel was founded in 2012.</p></body></html>",
        encoding="utf-8",
    )
    code = main(["extract", "--sources", str(tmp_path), "--target", "Borealis Nickel"])
    out, err = capsys.readouterr()
    assert code == 0, err
    claims = parse_claims(json.loads(out))
    assert "founded_year" in {c.attribute for c in claims}
