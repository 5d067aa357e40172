"""The app shell: every page is routed, grouped, and the sidebar names workspace and backend; a
bad environment value is named once instead of breaking every page; the tab icon is an emoji
(no favicon fetched from Google's font server)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from streamlit.string_util import is_emoji
from streamlit.testing.v1 import AppTest

from tests.ui.conftest import ROOT, TIMEOUT_S

PAGES = ("runs", "claims", "review", "plan", "dossiers", "clients", "settings")


def test_sidebar_names_workspace_analyst_backend_and_model(empty_db: Path) -> None:
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT_S).run()
    assert not app.exception
    captions = " ".join(caption.value.replace("\\", "") for caption in app.sidebar.caption)
    captions = captions.replace("\u2060", "")  # the word joiners that break colons
    assert "Workspace default" in captions and "analyst tester" in captions
    assert "Backend offline" in captions
    assert app.title[0].value == "Runs"  # the default page


def test_every_page_file_is_routed_in_its_group() -> None:
    source = (ROOT / "app.py").read_text(encoding="utf-8")
    for group in ("Research", "Review", "Deliver", "Setup"):
        assert f'"{group}"' in source
    routed = set(re.findall(r'st\.Page\("pages/(\w+)\.py"', source))
    assert routed == set(PAGES) == {p.stem for p in (ROOT / "pages").glob("*.py")}


def test_no_page_renders_html_from_text() -> None:
    for path in [ROOT / "app.py", *(ROOT / "pages").glob("*.py"), *(ROOT / "ui").glob("*.py")]:
        assert "unsafe_allow_html" not in path.read_text(encoding="utf-8"), path.name


@pytest.mark.parametrize("page", [None, "pages/settings.py", "pages/claims.py"])
def test_a_bad_environment_value_is_named_once_and_every_page_still_works(
    empty_db: Path, monkeypatch: pytest.MonkeyPatch, page: str | None
) -> None:
    monkeypatch.setenv("WORKBENCH_CONCURRENCY", "abc")
    monkeypatch.setenv("WORKBENCH_BACKEND", "magic")
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT_S)
    if page is not None:
        app.switch_page(page)
    app.run()
    assert not app.exception
    named = [error.value for error in app.error if "WORKBENCH_CONCURRENCY" in error.value]
    if page is None:  # after switch_page AppTest may not capture app.py's own elements
        assert len(named) == 1 == len(app.error)  # one error, naming both variables
        assert "abc" in named[0] and "WORKBENCH_BACKEND" in named[0] and "default" in named[0]
        assert app.title[0].value == "Runs"
    assert len(named) <= 1


def test_the_tab_icon_is_an_emoji_not_a_material_icon_fetched_from_google() -> None:
    tree = ast.parse((ROOT / "app.py").read_text(encoding="utf-8"))
    icons = [
        node.value.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign)
        and any(isinstance(t, ast.Name) and t.id == "PAGE_ICON" for t in node.targets)
        and isinstance(node.value, ast.Constant)
    ]
    assert len(icons) == 1 and is_emoji(icons[0])
    source = (ROOT / "app.py").read_text(encoding="utf-8")
    assert "page_icon=PAGE_ICON" in source and 'page_icon=":' not in source
