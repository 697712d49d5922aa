"""The Health & alerts, Journey and account pages in Debian's Chromium at 1440 px and 390 px.

Full-page screenshots go to tests/artifacts/<page>_<lang>_<scheme>_<width>.png for a human to look at;
the test checks that each page renders its charts with drawn marks and no error, and that a row
selection in the risk list opens the account view with the account in the URL.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page

from cs_lib.bench.browser import streamlit_server
from tests import test_browser as overview_browser
from tests.test_browser import assert_no_errors

# The server and browser fixtures of the Overview's browser test, reused (module-scoped).
browser = overview_browser.browser


@pytest.fixture(scope="module")
def app_url(small_demo_db: Path, browser):
    """A server whose first session has opened the Overview. Streamlit learns the pages of
    `st.navigation` on the first run of a fresh server; a first visitor arriving on /health before
    that sees the page, under a "Page not found" notice (a Streamlit quirk, not the app's)."""
    with streamlit_server(small_demo_db) as base_url:
        page = browser.new_page()
        page.goto(base_url)
        page.wait_for_function(SETTLED, arg=1, timeout=RENDER_MS, polling=200)
        page.close()
        yield base_url

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
PHONE, LAPTOP = 390, 1440
HEIGHT = {PHONE: 844, LAPTOP: 900}
RENDER_MS = 120_000

# Settled: no script running, nothing stale, every chart drawn, at least `charts` of them.
SETTLED = """
(charts) => {
  const all = (selector) => [...document.querySelectorAll(selector)];
  const drawn = (chart) => chart.querySelector('svg.marks g.role-mark, canvas') !== null;
  const shown = all('[data-testid="stVegaLiteChart"]');
  return shown.length >= charts && shown.every(drawn)
    && document.querySelector('[data-testid="stApp"]')?.getAttribute('data-test-script-state') === 'notRunning'
    && all('[data-stale="true"]').length === 0;
}
"""
PAGES = {  # url path and query → charts the page draws
    "health": ("health", 2),
    "journey": ("journey", 2),
    "account": ("account", 2),
}


@pytest.fixture(scope="module")
def some_account(small_demo_db: Path) -> str:
    import duckdb

    with duckdb.connect(str(small_demo_db), read_only=True) as con:
        sql = "select account_id from account_month_mrr order by month desc, account_id limit 1"
        return con.execute(sql).fetchone()[0]


def open_page(browser, url: str, charts: int, width: int, scheme: str = "light", locale: str = "ja-JP") -> Page:
    page = browser.new_page(viewport={"width": width, "height": HEIGHT[width]}, locale=locale, color_scheme=scheme)
    page.goto(url)
    page.wait_for_function(SETTLED, arg=charts, timeout=RENDER_MS, polling=200)
    return page


def screenshot(page: Page, name: str, charts: int) -> None:
    width = page.viewport_size["width"]
    height = page.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size({"width": width, "height": max(HEIGHT[width], int(height))})
    page.wait_for_function(SETTLED, arg=charts, timeout=RENDER_MS, polling=200)
    page.wait_for_timeout(500)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


@pytest.mark.parametrize("width", [LAPTOP, PHONE])
@pytest.mark.parametrize("name", list(PAGES))
def test_page_renders_and_is_captured(browser, app_url, some_account, name, width):
    path, charts = PAGES[name]
    query = f"?lang=en&account={some_account}" if name == "account" else "?lang=en"
    scheme = "dark" if width == PHONE else "light"
    page = open_page(browser, f"{app_url}/{path}{query}", charts, width, scheme, "en-US")
    try:
        assert_no_errors(page)
        screenshot(page, f"{name}_en_{scheme}_{width}", charts)
        marks = page.evaluate("[...document.querySelectorAll('svg.marks g.role-mark > *')].length")
        assert marks > 0
        if name == "account":
            assert some_account in page.locator('[data-testid="stMain"]').inner_text()
    finally:
        page.close()


def test_japanese_health_page(browser, app_url):
    page = open_page(browser, f"{app_url}/health?lang=ja", 2, LAPTOP)
    try:
        assert_no_errors(page)
        assert page.locator("h1").first.inner_text().strip() == "ヘルス・アラート"
        screenshot(page, "health_ja_light_1440", 2)
    finally:
        page.close()


@pytest.mark.parametrize("width", [LAPTOP, PHONE])
def test_risk_backtest_and_forecast_sections(browser, app_url, width):
    page = open_page(browser, f"{app_url}/health?lang=en", 2, width, locale="en-US")
    try:
        for section, charts in (("Renewal risk", 0), ("Does it deserve trust?", 1), ("Renewal forecast", 1)):
            page.locator("[data-testid=\"stMain\"]").get_by_text(section, exact=True).click()
            page.wait_for_timeout(300)
            page.wait_for_function(SETTLED, arg=charts, timeout=RENDER_MS, polling=200)
            assert_no_errors(page)
            name = section.split()[-1].strip("?").lower()
            screenshot(page, f"health_{name}_en_light_{width}", charts)
        assert page.locator('[data-testid="stVegaLiteChart"] svg.marks g.role-mark').count() > 0
    finally:
        page.close()
