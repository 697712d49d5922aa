"""The Data page in a real browser (Debian's Chromium), at 1440 px and 390 px, light and dark.

Screenshots go to tests/artifacts/data_<lang>_<scheme>_<width>[_upload].png for a human to look at.
Checked here: the page renders without errors and without sideways scrolling; an uploaded bad file
shows its problem with file, row and column before anything is written; an import from the command
line while the page is open shows up on the next reload (no restart).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import Page, sync_playwright

from cs_lib.bench.browser import CHROMIUM, CHROMIUM_ARGS, streamlit_server
from cs_lib.warehouse import REPO_ROOT

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
PHONE, LAPTOP = 390, 1440
HEIGHT = {PHONE: 844, LAPTOP: 900}
RENDER_MS = 90_000
SETTLED = """
() => document.querySelector('[data-testid="stApp"]')?.getAttribute('data-test-script-state') === 'notRunning'
  && document.querySelectorAll('[data-testid="stDataFrame"]').length >= 1
  && document.querySelectorAll('[data-stale="true"]').length === 0
"""
NO_SIDEWAYS_SCROLL = """
() => {
  const main = document.querySelector('[data-testid="stMain"]');
  return main.scrollWidth <= main.clientWidth + 1;
}
"""


@pytest.fixture(scope="module")
def warehouse(small_demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("browser_data") / "company.duckdb"
    shutil.copyfile(small_demo_db, path)
    return path


@pytest.fixture(scope="module")
def app_url(warehouse: Path, browser):
    with streamlit_server(warehouse) as url:
        # A fresh server answers its very first visitor's deep link (/data, or /overview alike) with a
        # "Page not found" dialog before running the page: Streamlit learns the pages on its first run.
        # One visit to the main page first keeps that out of the screenshots.
        page = browser.new_page()
        page.goto(url)
        page.wait_for_function(
            "() => document.querySelector('[data-testid=\"stApp\"]')?.getAttribute('data-test-script-state')"
            " === 'notRunning'", timeout=RENDER_MS, polling=100)
        page.close()
        yield url


@pytest.fixture(scope="module")
def browser():
    assert CHROMIUM.exists(), f"{CHROMIUM} is missing: run `make test` (it installs it)"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def open_data_page(browser, url: str, lang: str, width: int, scheme: str) -> Page:
    page = browser.new_page(viewport={"width": width, "height": HEIGHT[width]},
                            locale="ja-JP" if lang == "ja" else "en-US", color_scheme=scheme)
    page.goto(f"{url}/data?lang={lang}")
    page.wait_for_function(SETTLED, timeout=RENDER_MS, polling=100)
    return page


def screenshot(page: Page, name: str) -> None:
    width = page.viewport_size["width"]
    height = page.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size({"width": width, "height": max(HEIGHT[width], int(height))})
    page.wait_for_timeout(500)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def assert_no_errors(page: Page) -> None:
    for testid in ("stException", "stAlertContentError"):
        assert page.locator(f'[data-testid="{testid}"]').count() == 0


LAYOUTS = [("ja", "light", LAPTOP), ("en", "dark", LAPTOP), ("ja", "light", PHONE), ("en", "dark", PHONE)]


@pytest.mark.parametrize(("lang", "scheme", "width"), LAYOUTS, ids=["-".join(map(str, c)) for c in LAYOUTS])
def test_data_page_layout_and_an_uploaded_bad_file(browser, app_url, lang, scheme, width, tmp_path):
    page = open_data_page(browser, app_url, lang, width, scheme)
    try:
        assert_no_errors(page)
        assert page.evaluate(NO_SIDEWAYS_SCROLL)
        screenshot(page, f"data_{lang}_{scheme}_{width}")
        tabs = page.locator('[data-testid="stTab"]')
        for index, name in ((1, "quality"), (2, "warehouse"), (3, "settings")):
            tabs.nth(index).click()
            page.wait_for_timeout(300)
            assert page.evaluate(NO_SIDEWAYS_SCROLL)
            screenshot(page, f"data_{lang}_{scheme}_{width}_{name}")
        tabs.nth(0).click()
        bad = tmp_path / "tickets.csv"
        bad.write_text("ticket_id,account_id,opened_on,closed_on,severity\nT1,A0001,2024-04-03\n", encoding="utf-8")
        page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(bad))
        page.get_by_text("tickets.csv").first.wait_for(timeout=RENDER_MS)
        page.wait_for_function(SETTLED, timeout=RENDER_MS, polling=100)
        page.locator('[data-testid="stAlertContentError"]').first.wait_for(timeout=RENDER_MS)
        alert = page.locator('[data-testid="stAlertContentError"]').first.inner_text()
        assert ("1 problem found;" if lang == "en" else "1 件の問題があります") in alert  # after the icon's name
        assert page.evaluate(NO_SIDEWAYS_SCROLL)
        screenshot(page, f"data_{lang}_{scheme}_{width}_upload")
    finally:
        page.close()


def test_an_import_from_the_command_line_while_the_page_is_open_shows_on_reload(browser, app_url, warehouse, tmp_path):
    page = open_data_page(browser, app_url, "en", LAPTOP, "light")
    try:
        before = int(page.get_by_text("accounts,").first.inner_text().split()[1].replace(",", ""))
        (tmp_path / "accounts.csv").write_text("account_id,account_name\nZZ-NEW,Brand new\n", encoding="utf-8")
        result = subprocess.run([sys.executable, "-m", "cs_lib", "import", "--db", str(warehouse), str(tmp_path)],
                                cwd=REPO_ROOT, capture_output=True, text=True)
        assert result.returncode == 0, result.stderr  # no lock error while the app holds the warehouse
        page.reload()
        page.wait_for_function(SETTLED, timeout=RENDER_MS, polling=100)
        assert_no_errors(page)
        after = int(page.get_by_text("accounts,").first.inner_text().split()[1].replace(",", ""))
        assert after == before + 1
    finally:
        page.close()
