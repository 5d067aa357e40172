"""The browser tests' set-up: a real Streamlit server over a seeded DuckDB file, and Chromium.

The server is `streamlit run app.py` in a subprocess on a free loopback port, with WORKBENCH_DB
pointing at a new workspace holding the demo clients (the test launches its own run). The browser
is Debian's Chromium driven by Playwright (no browser download). Screenshots go to
artifacts/e2e/. These tests are marked `e2e` and run with `make e2e`.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from engine.demo import seed_demo
from engine.store import Store

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "artifacts" / "e2e"
ORG = "default"
START_TIMEOUT_S = 60


def chromium_path() -> str:
    """Debian's Chromium (scripts/ensure-chromium installs it)."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        pytest.fail("chromium is not installed: run scripts/ensure-chromium (make e2e does)")
    return found


def free_port() -> int:
    """A TCP port free on the loopback interface now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_until_healthy(url: str, server: subprocess.Popen[bytes]) -> None:
    """Poll the server's health endpoint until it answers ok."""
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"streamlit exited with {server.returncode} before answering")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    pytest.fail(f"streamlit did not answer at {url} within {START_TIMEOUT_S} s")


@dataclass
class AppServer:
    """A running workbench: its URL, its database file, and how to stop it."""

    url: str
    db: Path
    process: subprocess.Popen[bytes]

    def stop(self) -> None:
        """Stop the server (it holds the DuckDB file: stop it before opening the store)."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


@pytest.fixture(scope="module")
def app_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:
    """A running workbench over a workspace with the demo clients seeded."""
    db = tmp_path_factory.mktemp("e2e") / "workbench.duckdb"
    with Store(db) as store:
        seed_demo(store, ORG)
    port = free_port()
    env = {
        **os.environ,
        "WORKBENCH_DB": str(db),
        "WORKBENCH_ORG": ORG,
        "WORKBENCH_USER": "e2e-analyst",
        "WORKBENCH_BACKEND": "offline",
    }
    env.pop("OPENAI_API_KEY", None)
    log = (tmp_path_factory.mktemp("e2e-log") / "streamlit.log").open("wb")
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(ROOT / "app.py"),
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    running = AppServer(f"http://127.0.0.1:{port}", db, server)
    try:
        wait_until_healthy(running.url, server)
        yield running
    finally:
        running.stop()
        log.close()


@pytest.fixture(scope="module")
def browser_page(app_server: AppServer) -> Iterator[object]:
    """A Chromium page at 1400x1000, with the screenshots folder ready."""
    from playwright.sync_api import sync_playwright

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), headless=True)
        context = browser.new_context(viewport={"width": 1400, "height": 2000})
        page = context.new_page()
        page.set_default_timeout(30_000)
        try:
            yield page
        finally:
            context.close()
            browser.close()
