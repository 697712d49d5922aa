"""The real app in a real browser: `streamlit run app.py` driven by Debian's Chromium.

Writes full-page screenshots to tests/artifacts/ for a human to look at.
`make test` installs /usr/bin/chromium and a Japanese font; without them
this test fails (it is never skipped), because an unrendered page is a bug
users would see.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import duckdb
import pytest
from playwright.sync_api import Page, sync_playwright

from cs_lib.metrics import kpis
from cs_lib.present.formatting import format_kpi
from cs_lib.present.i18n import t
from cs_lib.settings import load_settings

REPO_ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1400, "height": 900}
STARTUP_SECONDS = 60
RENDER_MS = 90_000


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_healthy(base_url: str, server: subprocess.Popen, log_path: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"streamlit exited with {server.returncode}:\n{log_path.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(f"{base_url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    log = log_path.read_text(errors="replace")
    pytest.fail(f"streamlit did not become healthy in {STARTUP_SECONDS} s:\n{log}")


@pytest.fixture(scope="module")
def app_url(small_demo_db: Path, tmp_path_factory: pytest.TempPathFactory):
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    log_path = tmp_path_factory.mktemp("streamlit") / "server.log"
    command = [
        sys.executable, "-m", "streamlit", "run", "app.py",
        "--server.headless", "true",
        "--server.port", str(port),
        "--server.address", "127.0.0.1",
        "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    env = dict(os.environ, CS_COCKPIT_DB=str(small_demo_db))
    with log_path.open("w") as log:
        server = subprocess.Popen(command, cwd=REPO_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        wait_until_healthy(base_url, server, log_path)
        yield base_url
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


@pytest.fixture(scope="module")
def browser():
    assert CHROMIUM.exists(), (
        f"{CHROMIUM} is missing: the browser test drives Debian's Chromium. "
        "Run `make test` (it installs it) or `apt-get install -y chromium fonts-ipaexfont-gothic`."
    )
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def engine_arr(small_demo_db: Path) -> float:
    con = duckdb.connect(str(small_demo_db), read_only=True)
    try:
        return kpis.kpis_at(con, None, settings=load_settings(con))["arr"]
    finally:
        con.close()


def open_overview(browser, url: str, locale: str) -> Page:
    page = browser.new_page(viewport=VIEWPORT, locale=locale)
    page.goto(url)
    page.wait_for_function(
        "document.querySelectorAll('[data-testid=\"stMetric\"]').length >= 7", timeout=RENDER_MS
    )
    # Charts are drawn by vega-embed after the cards: wait for all three to have marks.
    page.wait_for_function(
        "document.querySelectorAll('[data-testid=\"stVegaLiteChart\"] canvas,"
        " [data-testid=\"stVegaLiteChart\"] svg.marks').length >= 3",
        timeout=RENDER_MS,
    )
    page.wait_for_timeout(1000)  # let the last chart finish its transition
    return page


def assert_no_errors(page: Page) -> None:
    assert page.locator('[data-testid="stException"]').count() == 0, page.locator(
        '[data-testid="stException"]'
    ).first.inner_text()
    assert page.locator('[data-testid="stAlertContentError"]').count() == 0, page.locator(
        '[data-testid="stAlertContentError"]'
    ).first.inner_text()


def card_value(page: Page, label: str) -> str:
    card = page.locator('[data-testid="stMetric"]').filter(
        has=page.locator('[data-testid="stMetricLabel"]', has_text=label)
    )
    return card.locator('[data-testid="stMetricValue"]').first.inner_text().strip()


def full_page_screenshot(page: Page, path: Path) -> None:
    """Streamlit scrolls inside its main container, so grow the viewport to the content first."""
    height = page.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size({"width": VIEWPORT["width"], "height": max(VIEWPORT["height"], int(height))})
    page.wait_for_timeout(800)
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), full_page=True)


def test_overview_renders_in_japanese_with_the_engines_arr(browser, app_url, engine_arr):
    page = open_overview(browser, app_url, locale="ja-JP")
    try:
        assert_no_errors(page)
        assert page.locator("h1").first.inner_text().strip() == t("page.overview", "ja")
        assert card_value(page, t("kpi.arr", "ja")) == format_kpi("arr", engine_arr, "ja")
        full_page_screenshot(page, ARTIFACTS / "overview.png")
    finally:
        page.close()


def test_language_in_the_url_switches_to_english(browser, app_url, engine_arr):
    # A Japanese browser opening a link with the English language in it sees English.
    page = open_overview(browser, f"{app_url}/?lang=English", locale="ja-JP")
    try:
        assert_no_errors(page)
        assert page.locator("h1").first.inner_text().strip() == t("page.overview", "en")
        assert card_value(page, t("kpi.arr", "en")) == format_kpi("arr", engine_arr, "en")
        full_page_screenshot(page, ARTIFACTS / "overview_en.png")
    finally:
        page.close()
