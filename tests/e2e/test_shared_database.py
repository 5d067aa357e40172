"""The app and the CLI on one DuckDB file, in a real browser against a real Streamlit server.

While the app is open and no run executes, CLI commands (read-only and writing) succeed and the
app shows what they wrote. While a CLI command holds the file, a page says in one line who holds
it, with a button to try again, and no traceback; once the command ends, the page draws again.
"""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest

from tests.e2e.conftest import SCREENSHOTS, AppServer
from tests.e2e.test_workbench_loop import open_page, settle, visible
from tests.workspace.test_shared_database import workbench

pytestmark = pytest.mark.e2e

HOLD_LIKE_A_CLI_RUN = """
import sys
from engine.store import Store
store = Store(sys.argv[1], holder="the workbench CLI ('workbench run')", busy_wait_s=20)
with store.session("running run run_e2e_hold"):
    print("holding", flush=True)
    sys.stdin.readline()
store.close()
"""


def test_the_cli_and_the_open_app_share_the_file(browser_page: Any, app_server: AppServer) -> None:
    page = browser_page
    page.goto(app_server.url)
    page.get_by_role("heading", name="Runs").first.wait_for()
    settle(page)

    listed = workbench(app_server.db, "runs", wait_s=20)
    assert listed.returncode == 0, listed.stderr
    add = ["client", "add", "Cli Made Co", "--description", "from CLI"]
    added = workbench(app_server.db, *add, wait_s=20)
    assert added.returncode == 0, added.stderr
    open_page(page, "Clients")
    page.locator(".st-key-client_edit_select").get_by_role("combobox").click()
    page.get_by_role("option", name="Cli Made Co").first.wait_for()  # the app sees the CLI's
    page.keyboard.press("Escape")

    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LIKE_A_CLI_RUN, str(app_server.db)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "holding"
        page.get_by_test_id("stSidebarNav").get_by_role("link", name="Runs", exact=True).click()
        busy = visible(page, "is busy")
        busy.wait_for(timeout=30_000)
        message = busy.inner_text()
        page.screenshot(path=str(SCREENSHOTS / "shared-db-busy.png"), full_page=True)
        assert f"the workbench CLI ('workbench run') (PID {holder.pid})" in message
        assert "running run run_e2e_hold" in message
        assert page.get_by_test_id("stException").count() == 0
    finally:
        assert holder.stdin is not None
        holder.stdin.write("\n")
        holder.stdin.flush()
        holder.wait(timeout=30)
    page.get_by_role("button", name="Try again").click()
    page.get_by_role("heading", name="Runs").first.wait_for()
    settle(page)
    assert page.get_by_text("is busy").filter(visible=True).count() == 0
