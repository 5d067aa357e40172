"""YAML front matter of a source document: the block between a leading '---' and the next.

Allowed keys: url, title, source_name, published (YYYY-MM-DD), source_type, tier
(GOV/PRIMARY/NEWS/OTHER, any case) and images (a list of {image_url, caption, asset_type}).
A declared `tier` is what the page says of itself: it is kept only where its URL allows it
(tiers.declared_tier: it may lower a tier, never raise it past what the host shows), else
`FrontMatter.tier` is None and the tier is derived from the URL (tiers.derive_tier).
Anything else -- an unknown key, a bad date or tier, YAML that does not parse or is not a
mapping, an unclosed block -- raises InvalidInput with one line naming the file and the key.
Only a yaml.SafeLoader (subclass) is used: the front matter is untrusted. Credentials in a URL
("https://user:secret@host/") are dropped, so a password never reaches the store or an export.
"""

from __future__ import annotations

import re
import reprlib
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import yaml

from engine.claims.tiers import declared_tier
from engine.models import InvalidInput, SourceTier

FRONT_MATTER_KEYS: tuple[str, ...] = (
    "url",
    "title",
    "source_name",
    "published",
    "source_type",
    "tier",
    "images",
)
IMAGE_KEYS: tuple[str, ...] = ("image_url", "caption", "asset_type")

_OPEN = re.compile(r"\A\ufeff?---[ \t]*\r?\n")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.MULTILINE)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_KEY_LINE = re.compile(r"^[ \t-]*([\w.\-]+)[ \t]*:")
# "scheme://user:password@host": the credentials before the host, dropped (never stored).
_URL_CREDENTIALS = re.compile(r"\b([a-z][a-z0-9+.\-]{0,30}://)[^\s/?#@]{0,500}@", re.IGNORECASE)

# Offending values are shown bounded: a YAML alias bomb is small as objects, huge as text.
_REPR = reprlib.Repr()
_REPR.maxlevel, _REPR.maxlist, _REPR.maxtuple, _REPR.maxdict = 2, 4, 4, 4
_REPR.maxset, _REPR.maxfrozenset, _REPR.maxstring, _REPR.maxother = 4, 4, 50, 50
_REPR.maxlong = 40


class _BadScalar(Exception):
    """A scalar YAML recognised (a date, a number) but could not build, at a 0-based line."""

    def __init__(self, line: int, problem: str) -> None:
        super().__init__(problem)
        self.line = line
        self.problem = problem


class _Loader(yaml.SafeLoader):
    """SafeLoader whose int and timestamp constructors report where and what went wrong."""


def _checked(tag: str, problem: str) -> None:
    constructor = _Loader.yaml_constructors[tag]

    def construct(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
        try:
            return constructor(loader, node)
        except ValueError:
            raise _BadScalar(node.start_mark.line, problem) from None

    _Loader.add_constructor(tag, construct)


_checked("tag:yaml.org,2002:timestamp", "holds an impossible date (expected YYYY-MM-DD)")
_checked("tag:yaml.org,2002:int", "holds a number too long to read")
_checked("tag:yaml.org,2002:float", "holds a number that cannot be read")


@dataclass(frozen=True)
class FrontMatter:
    """The validated front matter of one document (every key optional)."""

    url: str | None = None
    title: str | None = None
    source_name: str | None = None
    published: date | None = None
    source_type: str | None = None
    tier: SourceTier | None = None
    images: list[dict[str, str]] = field(default_factory=list)


def _shown(value: Any) -> str:
    try:
        text = _REPR.repr(value)
    except ValueError:  # an int too long to print
        text = f"<{type(value).__name__}>"
    return text if len(text) <= 60 else text[:57] + "..."


def _fail(name: str, key: str, problem: str) -> InvalidInput:
    return InvalidInput(f"{name!r}: front matter key {key!r}: {problem}")


def _text(name: str, key: str, value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float | date):
        raise _fail(name, key, f"expected text, got {_shown(value)}")
    text = value.isoformat() if isinstance(value, date) else str(value)
    return " ".join(text.split()) or None


def without_credentials(text: str) -> str:
    """The text's URLs without credentials ("https://user:secret@host/" -> "https://host/")."""
    return _URL_CREDENTIALS.sub(r"\1", text)


def _published(name: str, value: Any) -> date | None:
    if value is None:
        return None
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, str) and _ISO_DATE.fullmatch(value.strip()):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise _fail(name, "published", f"expected a date as YYYY-MM-DD, got {_shown(value)}")


def _tier(name: str, value: Any) -> SourceTier | None:
    if value is None:
        return None
    if isinstance(value, str) and value.strip().upper() in SourceTier.__members__:
        return SourceTier(value.strip().upper())
    options = "/".join(SourceTier.__members__)
    raise _fail(name, "tier", f"expected one of {options}, got {_shown(value)}")


def _images(name: str, value: Any) -> list[dict[str, str]]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise _fail(name, "images", f"expected a list of images, got {_shown(value)}")
    images: list[dict[str, str]] = []
    for index, item in enumerate(value):
        key = f"images[{index}]"
        if not isinstance(item, dict):
            raise _fail(name, key, f"expected a mapping, got {_shown(item)}")
        unknown = [k for k in item if k not in IMAGE_KEYS]
        if unknown:
            raise _fail(
                name, f"{key}.{unknown[0]}", f"unknown key (allowed: {', '.join(IMAGE_KEYS)})"
            )
        image = {k: text for k in IMAGE_KEYS if (text := _text(name, f"{key}.{k}", item.get(k)))}
        if "image_url" in image:
            image["image_url"] = without_credentials(image["image_url"])
        if "image_url" not in image:
            raise _fail(name, f"{key}.image_url", "is required")
        images.append(image)
    return images


def _key_at(block: str, line: int) -> str:
    """The key on a line of the block, else the nearest key above it."""
    lines = block.splitlines()
    for index in range(min(line, len(lines) - 1), -1, -1):
        match = _KEY_LINE.match(lines[index])
        if match:
            return match.group(1)
    return "?"


def _load_yaml(name: str, block: str) -> dict[str, Any]:
    try:
        data = yaml.load(block, Loader=_Loader)  # a SafeLoader: no tag runs code
    except _BadScalar as exc:
        raise _fail(name, _key_at(block, exc.line), exc.problem) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark is not None else ""
        problem = " ".join(str(getattr(exc, "problem", None) or "parse error").split())
        raise InvalidInput(f"{name!r}: front matter is not valid YAML{where}: {problem}") from None
    except RecursionError:
        raise InvalidInput(f"{name!r}: front matter is not valid YAML: nested too deeply") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise InvalidInput(f"{name!r}: front matter must be a mapping of keys, got {_shown(data)}")
    return data


def split_front_matter(name: str, raw: str) -> tuple[FrontMatter, str]:
    """Separate and validate the front matter of a document; return it with the body."""
    opening = _OPEN.match(raw)
    if opening is None:
        return FrontMatter(), raw.removeprefix("\ufeff")
    closing = _CLOSE.search(raw, opening.end())
    if closing is None:
        raise InvalidInput(f"{name!r}: front matter opened with '---' is never closed")
    data = _load_yaml(name, raw[opening.end() : closing.start()])
    for key in data:
        if key not in FRONT_MATTER_KEYS:
            allowed = ", ".join(FRONT_MATTER_KEYS)
            raise _fail(name, str(key), f"unknown key (allowed: {allowed})")
    url = _text(name, "url", data.get("url"))
    front = FrontMatter(
        url=without_credentials(url) if url else None,
        title=_text(name, "title", data.get("title")),
        source_name=_text(name, "source_name", data.get("source_name")),
        published=_published(name, data.get("published")),
        source_type=_text(name, "source_type", data.get("source_type")),
        tier=declared_tier(_tier(name, data.get("tier")), url),
        images=_images(name, data.get("images")),
    )
    return front, raw[closing.end() :].lstrip("\r\n")
