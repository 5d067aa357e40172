"""Whether an HTML element is one a browser would not show, so its text is never read.

An element is hidden when it has the `hidden` attribute or `aria-hidden="true"`, or when its
inline style -- or a rule of the page's own <style> sheets for one of its classes or its id --
says any of:

- `display: none`, `visibility: hidden | collapse`, `opacity` under 0.05, `font-size` under 1px;
- `color: transparent` (or an alpha of 0), the same color as its declared background, or white
  when neither it nor any element around it declares a background (white on a white page);
- off-screen: `position: absolute | fixed` with `left`, `top`, `right` or `bottom` at -500px or
  further, `text-indent` or a margin at -500px or further, `transform: translate(...)` that
  far or `scale(0)`;
- clipped away: `clip: rect(...)` of at most 1px, `clip-path: inset(50%)` or more, or
  `circle(0)`; or squeezed: `width` or `height` (or their maximum) of at most 1px with
  `overflow: hidden`.

Well-known utility classes for the same (`sr-only`, `visually-hidden`, `screen-reader-text`,
`d-none`, `hidden`, `invisible`, ...) count too, unless another class shows the element again
at some screen size (`hidden md:block`, `d-none d-md-block`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

_DECLARATION = re.compile(r"([a-zA-Z-]+)\s*:\s*([^;]*)")
_RULE = re.compile(r"([^{}]{1,2000})\{([^{}]{0,5000})\}")
_SIMPLE_SELECTOR = re.compile(r"^\s*[a-zA-Z0-9]*([.#])([\w-]+)\s*$")
_LENGTH = re.compile(r"(-?\d*\.?\d+)\s*(px|em|rem|pt|%|vw|vh|ch|ex)?")
_WHITE = frozenset({"white", "#fff", "#ffffff", "rgb(255,255,255)", "rgba(255,255,255,1)"})
_HIDING_CLASSES = frozenset(
    """sr-only visually-hidden visuallyhidden screen-reader-text screen-reader-only
    screenreader-only a11y-hidden hide-text d-none hidden is-hidden u-hidden invisible""".split()
)
_SHOWN_AGAIN = re.compile(
    r"^(?:(?:sm|md|lg|xl|2xl):(?:block|inline|flex|grid|table|contents|"
    r"visible|not-sr-only)|d-(?:sm|md|lg|xl|xxl)-(?!none)\w+|focus:not-sr-only)"
)
_FAR = -500.0
_OFF_SCREEN_SIDES = ("left", "top", "right", "bottom")


def declarations(style: str) -> dict[str, str]:
    """The CSS declarations of a style attribute or rule body, lower case, without !important."""
    found: dict[str, str] = {}
    for match in _DECLARATION.finditer(style):
        value = match.group(2).lower().replace("!important", "").strip()
        found[match.group(1).lower()] = " ".join(value.split())
    return found


def _length(value: str) -> float | None:
    """A CSS length in px (em and rem as 16px); None when it is not one."""
    match = _LENGTH.match(value.strip())
    if match is None:
        return None
    number = float(match.group(1))
    unit = match.group(2) or "px"
    return number * 16 if unit in ("em", "rem") else number


def _color(value: str) -> str:
    text = value.replace(" ", "")
    if re.fullmatch(r"#[0-9a-f]{3}", text):
        text = "#" + "".join(ch * 2 for ch in text[1:])
    return "#ffffff" if text in _WHITE else text


def _transparent(color: str) -> bool:
    text = color.replace(" ", "")
    return text == "transparent" or re.search(r"(?:rgba|hsla)\([^)]*,0?\.?0*\)$", text) is not None


def _background(styles: Mapping[str, str]) -> str | None:
    value = styles.get("background-color") or styles.get("background")
    return _color(value.split()[0]) if value else None


def _off_screen(styles: Mapping[str, str]) -> bool:
    if styles.get("position") in ("absolute", "fixed"):
        for side in _OFF_SCREEN_SIDES:
            offset = _length(styles.get(side, ""))
            if offset is not None and offset <= _FAR:
                return True
    for key in ("text-indent", "margin-left", "margin-top", "margin-right"):
        offset = _length(styles.get(key, ""))
        if offset is not None and offset <= _FAR:
            return True
    transform = styles.get("transform", "")
    if re.search(r"scale[xy]?\(\s*0(?:\.0+)?\s*[,)]", transform):
        return True
    shift = re.search(r"translate[xy3d]*\(\s*(-?[\d.]+\w*)", transform)
    return shift is not None and (_length(shift.group(1)) or 0) <= _FAR


def _clipped(styles: Mapping[str, str]) -> bool:
    clip = styles.get("clip", "")
    if clip.startswith("rect("):
        sizes = [_length(part) for part in re.split(r"[\s,]+", clip[5:].rstrip(")")) if part]
        if sizes and all(size is not None and abs(size) <= 1 for size in sizes):
            return True
    path = styles.get("clip-path", "")
    inset = re.match(r"inset\(\s*(\d+(?:\.\d+)?)%", path)
    if inset and float(inset.group(1)) >= 50:
        return True
    if re.match(r"circle\(\s*0", path):
        return True
    if styles.get("overflow") not in ("hidden", "clip"):
        return False
    for key in ("width", "height", "max-width", "max-height"):
        size = _length(styles.get(key, ""))
        if size is not None and size <= 1:
            return True
    return False


def hidden_by_style(styles: Mapping[str, str], *, background_around: bool = True) -> bool:
    """Whether these declarations hide an element (see the module docstring)."""
    if styles.get("display") == "none" or styles.get("visibility") in ("hidden", "collapse"):
        return True
    opacity = _length(styles.get("opacity", ""))
    if opacity is not None and (opacity < 0.05 if "%" not in styles["opacity"] else opacity < 5):
        return True
    size = _length(styles.get("font-size", ""))
    if size is not None and size < 1:
        return True
    color = _color(styles.get("color", ""))
    if color and (_transparent(color) or color == _background(styles)):
        return True
    if color == "#ffffff" and _background(styles) is None and not background_around:
        return True
    return _off_screen(styles) or _clipped(styles)


@dataclass(frozen=True)
class StyleSheet:
    """The classes and ids a page's own <style> rules hide."""

    classes: frozenset[str] = field(default_factory=frozenset)
    ids: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def parse(cls, sheets: Iterable[str]) -> StyleSheet:
        """The hiding rules of the given style sheets' text (simple class and id selectors)."""
        classes: set[str] = set()
        ids: set[str] = set()
        for sheet in sheets:
            for rule in _RULE.finditer(re.sub(r"/\*.*?\*/", "", sheet, flags=re.DOTALL)):
                if not hidden_by_style(declarations(rule.group(2))):
                    continue
                for selector in rule.group(1).split(","):
                    simple = _SIMPLE_SELECTOR.match(selector)
                    if simple:
                        (classes if simple.group(1) == "." else ids).add(simple.group(2))
        return cls(frozenset(classes), frozenset(ids))


def _classes(attributes: Mapping[str, object]) -> list[str]:
    raw = attributes.get("class", "")
    if isinstance(raw, list | tuple):
        return [str(name) for name in raw]
    return str(raw).split()


def declares_background(attributes: Mapping[str, object]) -> bool:
    """Whether an element's inline style sets a background (its text may be white)."""
    return _background(declarations(str(attributes.get("style", "")))) is not None


def is_hidden(
    attributes: Mapping[str, object],
    *,
    sheet: StyleSheet | None = None,
    background_around: bool = True,
) -> bool:
    """True for an element a browser does not show (see the module docstring).

    background_around: whether an element around this one declares a background (without one,
    white text sits on the white page).
    """
    if "hidden" in attributes:
        return True
    if str(attributes.get("aria-hidden", "")).strip().lower() == "true":
        return True
    classes = _classes(attributes)
    if set(classes) & _HIDING_CLASSES and not any(_SHOWN_AGAIN.match(c) for c in classes):
        return True
    if sheet is not None:
        if set(classes) & sheet.classes or str(attributes.get("id", "")) in sheet.ids:
            return True
    styles = declarations(str(attributes.get("style", "")))
    return bool(styles) and hidden_by_style(styles, background_around=background_around)
