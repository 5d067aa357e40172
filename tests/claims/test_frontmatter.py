"""Front matter: the happy path and one InvalidInput per kind of mistake, naming file and key."""

from __future__ import annotations

from datetime import date

import pytest

from engine.claims.frontmatter import split_front_matter
from engine.models import InvalidInput, SourceTier


def test_front_matter_fields_are_read_and_body_returned() -> None:
    raw = (
        "---\n"
        "url: https://ero.ontario.ca/notice/1\n"
        "title: Approval notice\n"
        "source_name: Environmental Registry of Ontario\n"
        "published: 2025-02-10\n"
        "source_type: government\n"
        "tier: gov\n"
        "images:\n"
        "  - image_url: https://example.org/pit.png\n"
        "    caption: The open pit\n"
        "    asset_type: photo\n"
        "---\n"
        "Body text.\n"
    )
    front, body = split_front_matter("notice.md", raw)
    assert front.url == "https://ero.ontario.ca/notice/1"
    assert front.title == "Approval notice"
    assert front.source_name == "Environmental Registry of Ontario"
    assert front.published == date(2025, 2, 10)
    assert front.source_type == "government"
    assert front.tier is SourceTier.GOV
    assert front.images == [
        {
            "image_url": "https://example.org/pit.png",
            "caption": "The open pit",
            "asset_type": "photo",
        }
    ]
    assert body == "Body text.\n"


def test_no_front_matter_leaves_text_untouched() -> None:
    front, body = split_front_matter("plain.txt", "Just text.\n---\nnot front matter")
    assert front.url is None and front.tier is None and front.images == []
    assert body == "Just text.\n---\nnot front matter"


def test_empty_front_matter_and_quoted_date_are_fine() -> None:
    front, body = split_front_matter("a.md", "---\n---\nText")
    assert front.published is None and body == "Text"
    front, _ = split_front_matter("b.md", "---\npublished: '2025-07-04'\n---\n")
    assert front.published == date(2025, 7, 4)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("---\nauthor: Jane\n---\n", "'author': unknown key"),
        ("---\npublished: July 2025\n---\n", "'published': expected a date as YYYY-MM-DD"),
        ("---\npublished: 2025-13-01\n---\n", "'published': holds an impossible date"),
        ("---\npublished: 2025-02-10 10:00:00\n---\n", "'published': expected a date"),
        ("---\ntier: GOLD\n---\n", "'tier': expected one of GOV/PRIMARY/NEWS/OTHER"),
        ("---\ntitle: [a, b]\n---\n", "'title': expected text"),
        ("---\nimages: photo.png\n---\n", "'images': expected a list"),
        ("---\nimages:\n  - caption: x\n---\n", "'images[0].image_url': is required"),
        ("---\nimages:\n  - image_url: x\n    size: 3\n---\n", "'images[0].size': unknown key"),
        ("---\ntitle: [unclosed\n---\n", "front matter is not valid YAML"),
        ("---\n- a\n- b\n---\n", "front matter must be a mapping"),
        ("---\ntitle: never closed\n", "never closed"),
    ],
)
def test_bad_front_matter_raises_one_line_naming_file_and_key(raw: str, expected: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        split_front_matter("source.md", raw)
    message = str(caught.value)
    assert message.startswith("'source.md': ")
    assert expected in message
    assert "\n" not in message


def test_yaml_tags_are_not_executed() -> None:
    raw = "---\ntitle: !!python/object/apply:os.system ['true']\n---\n"
    with pytest.raises(InvalidInput, match="not valid YAML"):
        split_front_matter("evil.md", raw)


def test_crlf_front_matter_is_read() -> None:
    front, body = split_front_matter(
        "crlf.md", "---\r\ntitle: x\r\npublished: 2025-07-04\r\n---\r\nBody.\r\n"
    )
    assert (front.title, front.published, body) == ("x", date(2025, 7, 4), "Body.\r\n")


def test_crlf_document_parses_end_to_end() -> None:
    from engine.claims.documents import parse_document

    document = parse_document("a.md", "---\r\ntitle: x\r\n---\r\nBody one.\r\n", target="B")
    assert (document.title, document.text) == ("x", "Body one.")


def test_alias_bomb_is_described_briefly() -> None:
    levels = ["&a [" + ", ".join(["lol"] * 9) + "]"]
    for previous, label in zip("abcdefgh", "bcdefghi", strict=True):
        levels.append(f"&{label} [" + ", ".join([f"*{previous}"] * 9) + "]")
    raw = "---\nurl: [" + ", ".join(levels) + "]\n---\n"
    with pytest.raises(InvalidInput) as caught:
        split_front_matter("bomb.md", raw)
    message = str(caught.value)
    assert "'url': expected text" in message and len(message) < 200


def test_huge_integer_is_reported_under_its_own_key() -> None:
    raw = "---\npublished: 2025-07-04\ntitle: " + "9" * 5000 + "\n---\n"
    with pytest.raises(InvalidInput) as caught:
        split_front_matter("big.md", raw)
    message = str(caught.value)
    assert "'title': holds a number too long" in message
    assert "date" not in message and len(message) < 200


@pytest.mark.parametrize(
    ("url", "kept"),
    [
        ("https://ann:s3cret@intranet.example/report", "https://intranet.example/report"),
        ("https://token123@intranet.example:8443/a?b=1", "https://intranet.example:8443/a?b=1"),
        ("HTTP://a:b@Example.com", "HTTP://Example.com"),
        ("https://example.com/@handle", "https://example.com/@handle"),
        ("mailto:ann@example.com", "mailto:ann@example.com"),
    ],
)
def test_credentials_in_urls_are_dropped(url: str, kept: str) -> None:
    raw = f"---\nurl: '{url}'\nimages:\n  - image_url: '{url}'\n---\nBody.\n"
    front, _ = split_front_matter("doc.md", raw)
    assert front.url == kept
    assert front.images == [{"image_url": kept}]
