"""The workshop and access control in a real browser: `streamlit run app.py` and Debian's Chromium.

- A facilitator opens a workshop; three participants, each in a browser context of their own,
  answer on the form; the answers appear on the facilitator's screen without a reload.
- Served on the network (0.0.0.0) with a passcode set: a browser without the passcode tries
  every page and sees no revenue figure; a participant with the join code sees only the form
  of that workshop; a wrong join code is refused.
Screenshots go to tests/artifacts/workshop_*.png and access_*.png.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import duckdb
import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from cs_lib.bench.browser import CHROMIUM, CHROMIUM_ARGS, streamlit_server
from cs_lib.present.i18n import t
from cs_lib.settings import save_settings
from cs_lib.workshop.store import WorkshopStore, workshop_path

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
PHONE, LAPTOP = 390, 1440
RENDER_MS = 90_000
PAGES = ("", "overview", "maturity", "workshop", "join", "access", "no-such-page")
PASSCODE = "correct horse battery"
# Revenue shown anywhere: a yen amount, or a KPI card, chart or table.
REVENUE_SELECTORS = ('[data-testid="stMetric"]', '[data-testid="stVegaLiteChart"]', '[data-testid="stDataFrame"]')


@pytest.fixture(scope="module")
def browser():
    assert CHROMIUM.exists(), f"{CHROMIUM} is missing: install Debian's chromium (make test does)"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield launched
        launched.close()


def settled(page: Page) -> None:
    page.wait_for_function(
        "() => { const app = document.querySelector('[data-testid=\"stApp\"]');"
        " return app && app.getAttribute('data-test-script-state') === 'notRunning'"
        " && document.querySelectorAll('[data-stale=\"true\"]').length === 0; }",
        timeout=RENDER_MS, polling=200,
    )
    page.wait_for_timeout(300)


def open_page(browser: Browser, url: str, width: int = LAPTOP, scheme: str = "light", locale: str = "en-US") -> Page:
    context = browser.new_context(viewport={"width": width, "height": 900}, locale=locale, color_scheme=scheme)
    page = context.new_page()
    page.goto(url)
    settled(page)
    return page


def screenshot(page: Page, name: str) -> None:
    height = page.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size({"width": page.viewport_size["width"], "height": max(900, int(height))})
    page.wait_for_timeout(800)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def warm_up(browser: Browser, base_url: str) -> None:
    """The server's very first visitor; later visitors are what the tests look at."""
    page = open_page(browser, f"{base_url}/?lang=en")
    page.context.close()


def answer(page: Page, levels: list[int], name: str) -> None:
    radios = page.locator('[data-testid="stRadio"]')
    expect(radios).to_have_count(len(levels), timeout=RENDER_MS)
    for position, level in enumerate(levels):
        radios.nth(position).locator('[data-testid="stRadioOption"]').nth(level - 1).click()
    page.get_by_label(t("join.name", "en")).fill(name)
    page.get_by_role("button", name=t("join.submit", "en")).click()
    expect(page.get_by_text(t("join.thanks", "en"))).to_be_visible(timeout=RENDER_MS)
    # The form now shows the stored answer: each department's chosen level, and "update" instead of "submit".
    expect(page.get_by_role("button", name=t("join.update", "en"))).to_be_visible()
    for position, level in enumerate(levels):
        checked = radios.nth(position).locator('[data-testid="stRadioOption"]:has(input:checked)')
        expect(checked).to_have_text(re.compile(rf"^{level} "))


def answers_received(page: Page) -> str:
    metric = page.locator('[data-testid="stMetric"]', has_text=t("workshop.participants", "en"))
    return metric.locator('[data-testid="stMetricValue"]').inner_text().strip()


@pytest.fixture(scope="module")
def workshop_server(small_demo_db: Path, tmp_path_factory: pytest.TempPathFactory):
    path = tmp_path_factory.mktemp("browser_workshop") / "demo.duckdb"
    shutil.copy(small_demo_db, path)
    with streamlit_server(path) as base_url:
        yield base_url


def test_answers_reach_the_facilitator_live_without_a_reload(browser: Browser, workshop_server: str):
    warm_up(browser, workshop_server)
    facilitator = open_page(browser, f"{workshop_server}/workshop?lang=en")
    facilitator.get_by_label(t("workshop.title", "en")).fill("Maturity review")
    facilitator.get_by_role("button", name=t("workshop.open_button", "en")).click()
    settled(facilitator)
    code_metric = facilitator.locator('[data-testid="stMetric"]', has_text=t("workshop.join_code", "en"))
    code = code_metric.locator('[data-testid="stMetricValue"]').inner_text().strip()
    assert re.fullmatch(r"[A-Z2-9]{6}", code)
    link = facilitator.locator('[data-testid="stCode"]').inner_text().strip()
    assert link == f"{workshop_server}/join?code={code}&lang=en"
    assert answers_received(facilitator) == "0"

    participants = []
    for number, width in enumerate((PHONE, LAPTOP, PHONE), start=1):
        participant = open_page(browser, link, width)
        answer(participant, [1 + number % 4] * 9, f"Participant {number}")
        assert participant.locator('[data-testid="stSidebar"]').count() == 0  # only the form
        participants.append(participant)
        # The facilitator's live view counts the answer without anyone reloading it.
        expect(facilitator.locator('[data-testid="stMetric"]', has_text=t("workshop.participants", "en"))
               .locator('[data-testid="stMetricValue"]')).to_have_text(str(number), timeout=30_000)
    # The room's result, as the one-page summary gives it: levels 2, 3 and 4 → mean 3.00, spread 1.00
    # (sample standard deviation), gap to the target 3 = +0.00, and ◆ disagreement (spread ≥ 0.8).
    facilitator.reload()  # the download buttons are drawn with the page, not the live fragment
    settled(facilitator)
    with facilitator.expect_download() as download:
        facilitator.get_by_role("button", name=t("workshop.download_summary", "en")).click()
    summary = Path(download.value.path()).read_text(encoding="utf-8")
    assert "| Product | 3 | 3.00 | 1.00 | ◆ disagreement | +0.00 |" in summary, summary
    screenshot(participants[0], "workshop_participant_en_390")
    screenshot(participants[1], "workshop_participant_en_1440")
    expect(facilitator.locator('[data-testid="stVegaLiteChart"] svg.marks')).to_have_count(1, timeout=30_000)
    screenshot(facilitator, "workshop_facilitator_en_1440")
    facilitator.set_viewport_size({"width": PHONE, "height": 844})
    screenshot(facilitator, "workshop_facilitator_en_390")
    assert facilitator.evaluate("document.documentElement.scrollWidth") <= PHONE  # no sideways scroll
    for page in (facilitator, *participants):
        page.context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [LAPTOP, PHONE])
def test_maturity_page_draws_every_chart_at_laptop_and_phone_widths(
    browser: Browser, workshop_server: str, width: int, scheme: str
):
    warm_up(browser, workshop_server)
    page = open_page(browser, f"{workshop_server}/maturity?lang=ja", width, scheme, "ja-JP")
    charts = page.locator('[data-testid="stVegaLiteChart"]')
    expect(charts).to_have_count(4, timeout=RENDER_MS)
    for position in range(4):
        expect(charts.nth(position).locator("svg.marks g.role-mark").first).to_be_attached(timeout=RENDER_MS)
        assert charts.nth(position).bounding_box()["width"] > 0.6 * min(width, 900) / (2 if width == LAPTOP else 1)
    assert page.locator('[data-testid="stException"], [data-testid="stAlertContentError"]').count() == 0
    screenshot(page, f"maturity_ja_{scheme}_{width}")
    assert page.evaluate("document.documentElement.scrollWidth") <= width  # no sideways scroll
    page.context.close()


@pytest.fixture(scope="module")
def network_server(small_demo_db: Path, tmp_path_factory: pytest.TempPathFactory):
    """The app served on 0.0.0.0 (reachable from the network) with a passcode and an open workshop."""
    path = tmp_path_factory.mktemp("browser_access") / "demo.duckdb"
    shutil.copy(small_demo_db, path)
    con = duckdb.connect(str(path))
    save_settings(con, [f"access_passcode={PASSCODE}"])
    con.close()
    store = WorkshopStore(workshop_path(path))
    code = store.open_workshop("Network review", "SMB", ["cs", "sales"], 3).code
    store.close()  # the server holds the workshop file from now on
    with streamlit_server(path, address="0.0.0.0") as base_url:
        yield base_url, code


def assert_no_revenue(page: Page) -> None:
    for selector in REVENUE_SELECTORS:
        assert page.locator(selector).count() == 0, selector
    body = page.locator("body").inner_text()
    assert "¥" not in body and "ARR" not in body, body[:300]


def test_on_the_network_nothing_opens_without_the_passcode(browser: Browser, network_server):
    base_url, _ = network_server
    warm_up(browser, base_url)
    page = open_page(browser, f"{base_url}/?lang=en")
    for path in PAGES:
        page.goto(f"{base_url}/{path}?lang=en")
        settled(page)
        expect(page.get_by_text(t("access.prompt", "en"))).to_be_visible()
        assert page.locator('[data-testid="stSidebar"]').count() == 0
        assert_no_revenue(page)
    screenshot(page, "access_passcode_en_1440")
    page.locator('input[type="password"]').fill("not the passcode")
    page.get_by_role("button", name=t("access.enter", "en")).click()
    expect(page.get_by_text(t("access.wrong", "en"))).to_be_visible(timeout=RENDER_MS)
    assert_no_revenue(page)
    page.locator('input[type="password"]').fill(PASSCODE)
    page.get_by_role("button", name=t("access.enter", "en")).click()
    expect(page.locator('[data-testid="stMetric"]').first).to_be_visible(timeout=RENDER_MS)
    assert "¥" in page.locator("body").inner_text()  # the leader sees the data
    page.context.close()


def test_on_the_network_a_participant_sees_only_their_form(browser: Browser, network_server):
    base_url, code = network_server
    participant = open_page(browser, f"{base_url}/join?code={code}&lang=en", PHONE)
    expect(participant.get_by_role("heading", name="Network review")).to_be_visible()
    expect(participant.locator('[data-testid="stRadio"]')).to_have_count(2, timeout=RENDER_MS)
    assert participant.locator('[data-testid="stSidebar"]').count() == 0
    assert_no_revenue(participant)
    screenshot(participant, "access_participant_en_390")
    for path in ("overview", "maturity", "workshop"):  # the join code opens its form, never a page
        participant.goto(f"{base_url}/{path}?code={code}&lang=en")
        settled(participant)
        expect(participant.locator('[data-testid="stRadio"]')).to_have_count(2, timeout=RENDER_MS)
        assert_no_revenue(participant)
    participant.goto(f"{base_url}/join?code=WRONG9&lang=en")
    settled(participant)
    expect(participant.get_by_text(t("join.bad_code", "en"))).to_be_visible()
    assert participant.locator('[data-testid="stRadio"]').count() == 0
    assert_no_revenue(participant)
    participant.context.close()
