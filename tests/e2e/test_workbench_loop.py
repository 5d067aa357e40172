"""The analyst's whole loop in a real browser: launch, watch, review, route, rebuild, release,
download — against a real Streamlit server and DuckDB file, in headless Chromium.

Each step waits for what the analyst would wait for (a status, a report, a button), checks the
store agrees, and saves a screenshot of the page to artifacts/e2e/.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from engine.store import Store
from tests.e2e.conftest import ORG, SCREENSHOTS, AppServer

pytestmark = pytest.mark.e2e

RUN_TIMEOUT_MS = 120_000


def open_page(page: Any, title: str) -> None:
    """Click the page's link in the sidebar navigation and wait for its title."""
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=title, exact=True).click()
    page.get_by_role("heading", name=title).first.wait_for()
    settle(page)


def settle(page: Any) -> None:
    """Wait until Streamlit has finished the current script run."""
    page.wait_for_timeout(300)
    page.get_by_test_id("stStatusWidget").wait_for(state="hidden", timeout=RUN_TIMEOUT_MS)


def visible(page: Any, text: Any) -> Any:
    """The first visible element showing `text` (data grids keep hidden copies of their cells)."""
    return page.get_by_text(text).filter(visible=True).first


def wait_until_gone(page: Any, text: str) -> None:
    """Wait until no element shows `text` (a rebuild or run in progress), then settle."""
    page.get_by_text(text).first.wait_for(state="hidden", timeout=RUN_TIMEOUT_MS)
    settle(page)


def shoot(page: Any, name: str) -> Path:
    """A full-page screenshot under artifacts/e2e/."""
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def choose(page: Any, key: str, option: str) -> None:
    """Pick `option` (a regex on its label) in the selectbox with widget key `key`."""
    page.locator(f".st-key-{key}").get_by_role("combobox").click()
    try:
        page.get_by_role("option", name=re.compile(option)).first.click(timeout=10_000)
    except Exception:
        shoot(page, f"failed-choose-{key}")
        (SCREENSHOTS / f"failed-choose-{key}.html").write_text(page.content())
        raise
    settle(page)


def button(page: Any, key: str) -> Any:
    """The button with widget key `key`."""
    return page.locator(f".st-key-{key}").get_by_role("button")


def test_the_whole_loop_in_the_browser(browser_page: Any, app_server: AppServer) -> None:
    page = browser_page
    page.goto(app_server.url)
    page.get_by_role("heading", name="Runs").first.wait_for()
    settle(page)

    # Launch an offline run of the Borealis demo scenario and watch it finish.
    choose(page, "launch_scenario", "Borealis")
    button(page, "launch_submit").click()
    visible(page, re.compile(r"succeeded")).wait_for(timeout=RUN_TIMEOUT_MS)
    settle(page)
    shoot(page, "01-runs")

    open_page(page, "Claims")
    shoot(page, "02-claims")

    # Decide the first conflict (accept the recommendation), then apply and rebuild.
    open_page(page, "Review")
    page.locator("[class*='st-key-'][class*='_save'] button").first.click()
    settle(page)
    button(page, "review_rebuild").click()
    settle(page)
    wait_until_gone(page, "The run is executing or rebuilding")
    visible(page, re.compile(r"Latest section writing")).wait_for()
    shoot(page, "03-review")

    # Move a claim to another section, then rebuild only what changed.
    open_page(page, "Plan")
    button(page, "plan_move_save").click()
    visible(page, re.compile(r"plan version 3|version 3")).wait_for()
    settle(page)
    button(page, "plan_rebuild").click()
    settle(page)
    wait_until_gone(page, "Rebuilding (or still executing)")
    visible(page, re.compile(r"Latest section writing: rewritten: (?!none)")).wait_for()
    shoot(page, "04-plan")

    # Release the dossier and download its Markdown.
    open_page(page, "Dossiers")
    button(page, "dossier_status_ready").click()
    settle(page)
    button(page, "dossier_status_released").click()
    settle(page)
    with page.expect_download() as download_info:
        button(page, "dossier_download_md").click()
    download = download_info.value
    saved = SCREENSHOTS / "dossier.md"
    download.save_as(str(saved))
    markdown = saved.read_text(encoding="utf-8")
    shoot(page, "05-dossiers")

    assert markdown.startswith("#") and "Borealis Nickel" in markdown
    assert re.search(r"\[\d+\]", markdown), "citations resolve to numbered sources"

    open_page(page, "Clients")
    shoot(page, "06-clients")
    open_page(page, "Settings")
    shoot(page, "07-settings")

    app_server.stop()  # the server holds the DuckDB file; the store can be read once it stops
    with Store(app_server.db) as store:
        (run,) = store.list_runs(ORG)
        dossier = store.get_dossier(ORG, run.dossier_id)
        reviews = store.list_reviews(ORG, run.run_id)
        plans = store.list_plans(ORG, run.run_id)
    assert run.status == "succeeded"
    assert dossier is not None and dossier.status == "released"
    assert dossier.version >= 2
    assert len(reviews) == 1
    assert plans[-1][1] == "analyst"
