"""HTML, Markdown and plain text reduce to plain text with one block per line."""

from __future__ import annotations

from datetime import date

import pytest

from engine.claims.markdown import markdown_to_text
from engine.claims.markup import html_to_text, join_lines, plain_to_text


def test_html_drops_script_style_head_and_friends() -> None:
    raw = (
        "<html><head><title>T</title><style>p { color: red }</style></head><body>"
        "<script>var leak = 'SCRIPT TEXT';</script><noscript>NOSCRIPT TEXT</noscript>"
        "<template><p>TEMPLATE TEXT</p></template><svg><text>SVG TEXT</text></svg>"
        "<nav><a href='/'>Home</a></nav><p>Visible text.</p><!-- COMMENT TEXT --></body></html>"
    )
    page = html_to_text(raw)
    assert page.text == "Visible text."
    for hidden in ("SCRIPT", "NOSCRIPT", "TEMPLATE", "SVG", "COMMENT", "color", "Home"):
        assert hidden not in page.text


def test_html_blocks_become_separate_lines() -> None:
    raw = (
        "<h1>Heading</h1><p>First <b>bold</b> paragraph</p><ul><li>One</li><li>Two</li></ul>"
        "<table><tr><td>Phone</td><td>555</td></tr></table><p>Line<br>break</p>"
        "<div>Outer<div>Inner</div>tail</div>"
    )
    lines = html_to_text(raw).text.split("\n")
    assert lines == [
        "Heading",
        "First bold paragraph",
        "One",
        "Two",
        "Phone",
        "555",
        "Line",
        "break",
        "Outer",
        "Inner",
        "tail",
    ]


def test_html_inline_tags_do_not_split_words() -> None:
    assert html_to_text("<p>Borealis <em>Nickel</em><span>'s</span> plan.</p>").text == (
        "Borealis Nickel's plan."
    )


def test_html_title_and_meta_date() -> None:
    page = html_to_text(
        '<head><title> A  title </title><meta name="date" content="2025-13-40">'
        '<meta name="article:published_time" content="2025-06-02"></head>'
    )
    assert page.title == "A title"
    assert page.published == date(2025, 6, 2)


def test_html_without_title_or_date() -> None:
    page = html_to_text("<p>x</p>")
    assert page.title is None and page.published is None


def test_markdown_markup_is_stripped() -> None:
    raw = (
        "# Heading one\n"
        "Some **bold**, *em*, _under_, ~~gone~~ and `code` with a [link](https://x.org)\n"
        "and ![alt text](pic.png) and snake_case_words kept.\n"
        "\n"
        "- first item\n"
        "* second item\n"
        "1. numbered item\n"
        "> quoted line\n"
        "```python\n"
        "print('code block')\n"
        "```\n"
        "| a | b |\n"
        "|---|---|\n"
        "| 1 | 2 |\n"
        "---\n"
        "[ref]: https://example.org\n"
        "<!-- hidden -->\n"
    )
    assert markdown_to_text(raw).split("\n") == [
        "Heading one",
        "Some bold, em, under, gone and code with a link and and snake_case_words kept.",
        "first item",
        "second item",
        "numbered item",
        "quoted line",
        "a; b",
        "1; 2",
    ]


def test_soft_wrapped_lines_join_but_short_lines_stay_apart() -> None:
    lines = [
        "This is a long line of prose that wraps onto the",
        "next line without punctuation.",
        "Phone: 555 0100",
        "Fax: 555 0101",
    ]
    assert join_lines(lines) == [
        "This is a long line of prose that wraps onto the next line without punctuation.",
        "Phone: 555 0100",
        "Fax: 555 0101",
    ]


def test_plain_text_blank_lines_separate_blocks() -> None:
    assert plain_to_text("One block.\n\n\nTwo   block.\n") == "One block.\nTwo block."


def test_markdown_raw_html_is_read_like_html() -> None:
    raw = (
        "Visible one.\n"
        "\n"
        "<script>\nvar x = 'SCRIPT TEXT';\n</script>\n"
        "<STYLE type='text/css'>p { color: red }</STYLE>\n"
        "<template><p>TEMPLATE TEXT</p></template><noscript>NOSCRIPT TEXT</noscript>\n"
        "<div class='x'>\n<p>Visible <b>two</b>.</p>\n</div>\n"
        "<!-- COMMENT\nTEXT -->\n"
    )
    assert markdown_to_text(raw).split("\n") == ["Visible one.", "Visible two."]


def test_markdown_code_blocks_and_images_are_dropped() -> None:
    raw = (
        "Intro line of prose.\n"
        "\n"
        "```\nBorealis Nickel employs 90,000 people.\n```\n"
        "~~~~python\nCODE ONE\n```\nCODE TWO\n~~~~\n"
        "\n"
        "    INDENTED CODE\n"
        "    MORE CODE\n"
        "\n"
        "- a list item\n"
        "\n"
        "    its continuation stays.\n"
        "\n"
        "![ALT TEXT](pic.png) and ![REF ALT][pic] end. Keep `<script>` in a code span.\n"
    )
    assert markdown_to_text(raw).split("\n") == [
        "Intro line of prose.",
        "a list item",
        "its continuation stays.",
        "and end. Keep <script> in a code span.",
    ]


_HIDDEN_ELEMENTS = (
    "<div hidden>HIDDEN ONE</div>"
    "<p style='color: red; display : none'>HIDDEN <span>TWO</span></p>"
    '<span style="visibility:hidden">HIDDEN THREE</span>'
    '<div aria-hidden="true"><div>HIDDEN</div> FOUR</div>'
    "<img hidden src='x.png'><p>Shown text.</p>"
)


def test_html_hidden_elements_are_dropped() -> None:
    assert html_to_text(f"<body>{_HIDDEN_ELEMENTS}</body>").text == "Shown text."


def test_markdown_hidden_elements_are_dropped() -> None:
    assert markdown_to_text(f"Intro.\n\n{_HIDDEN_ELEMENTS}\n") == "Intro.\nShown text."


def _best_markdown_seconds(text: str) -> float:
    import time

    from engine.claims.documents import parse_document

    timings = []
    for _ in range(3):
        started = time.perf_counter()
        parse_document("a.md", text, target="Borealis Nickel")
        timings.append(time.perf_counter() - started)
    return min(timings)


@pytest.mark.parametrize(
    "unit", ["*a ", "**a ", "_a ", "~~a ", "![", "[", "]", "`a ``", "<!--\n", "<div hidden>"]
)
def test_markdown_time_grows_linearly_with_hostile_input(unit: str) -> None:
    """Four times the text takes about four times as long (quadratic would be sixteen)."""
    text = unit * (100_000 // len(unit))
    if unit == "[":
        text = "[" * 50_000 + "]" * 50_000
    quarter = text[: len(text) // 4]
    ratio = _best_markdown_seconds(text) / max(_best_markdown_seconds(quarter), 1e-3)
    assert ratio < 9, f"4x input took {ratio:.1f}x as long"


def test_markdown_keeps_text_that_only_looks_like_tags() -> None:
    raw = "<<SYS>> Borealis Nickel employs 90,000 people. <</SYS>>\n\nA <Company> placeholder."
    assert markdown_to_text(raw).split("\n") == [
        "<<SYS>> Borealis Nickel employs 90,000 people. <</SYS>>",
        "A <Company> placeholder.",
    ]


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        ("See [Foo (bar)](https://en.wikipedia.org/wiki/Foo_(bar)) today.", "See Foo (bar) today."),
        (
            "A contract to [Evil Corp](javascript:alert(1)) in 2026.",
            "A contract to Evil Corp in 2026.",
        ),
        ("Logo ![x](https://a.example/x_(1).png) here.", "Logo here."),
        ("Plain (aside) and [link](https://a.example) end.", "Plain (aside) and link end."),
    ],
)
def test_link_destinations_may_hold_balanced_parentheses(raw: str, text: str) -> None:
    assert markdown_to_text(raw) == text


@pytest.mark.parametrize("unit", ["[a](", "[a](b(", "](((", "[a](b(c)"])
def test_markdown_links_stay_linear_with_hostile_parentheses(unit: str) -> None:
    text = unit * (100_000 // len(unit))
    quarter = text[: len(text) // 4]
    ratio = _best_markdown_seconds(text) / max(_best_markdown_seconds(quarter), 1e-3)
    assert ratio < 9, f"4x input took {ratio:.1f}x as long"
