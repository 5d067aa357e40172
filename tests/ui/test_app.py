"""The app shell: every page is routed, grouped, and the sidebar names workspace and backend."""

from __future__ import annotations

import re
from pathlib import Path

from streamlit.testing.v1 import AppTest

from tests.ui.conftest import ROOT, TIMEOUT_S

PAGES = ("runs", "claims", "review", "plan", "dossiers", "clients", "settings")


def test_sidebar_names_workspace_analyst_backend_and_model(empty_db: Path) -> None:
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT_S).run()
    assert not app.exception
    captions = " ".join(caption.value.replace("\\", "") for caption in app.sidebar.caption)
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
