"""The Retention, Growth and Segments pages in a real browser (Debian's Chromium) at 1440 and 390 px, light
and dark: every chart drawn, no error box, no sideways scroll, no overlapping axis labels. Full-page
screenshots go to tests/artifacts/<page>_<lang>_<scheme>_<width>.png for a human to look at."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page

from cs_lib.present.i18n import t
from tests.test_browser import (
    ARTIFACTS,
    CHART_TEXT,
    HEIGHT,
    LAPTOP,
    LOCALES,
    PHONE,
    RENDER_MS,
    assert_no_errors,
    background_colour,
    luminance,
)
from tests.test_browser import app_url as app_url  # noqa: F401 - the shared server fixture
from tests.test_browser import browser as browser  # noqa: F401 - the shared browser fixture

# The charts each page draws with the default choices.
PAGES = {"retention": 5, "growth": 3, "segments": 2}

# Settled: the expected charts drawn, no script running, nothing stale.
SETTLED = """
(expected) => {
  const charts = [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')];
  return charts.length >= expected
    && charts.every((chart) => chart.querySelector('svg.marks g.role-mark, canvas') !== null)
    && document.querySelector('[data-testid="stApp"]').getAttribute('data-test-script-state') === 'notRunning'
    && document.querySelectorAll('[data-stale="true"]').length === 0;
}
"""

LAYOUTS = [(page, lang, scheme, width) for page in PAGES for lang, scheme, width in
           (("ja", "light", LAPTOP), ("ja", "dark", PHONE), ("en", "light", PHONE), ("en", "dark", LAPTOP))]


def open_page(browser, url: str, name: str, lang: str, width: int, scheme: str) -> Page:
    page = browser.new_page(viewport={"width": width, "height": HEIGHT[width]}, locale=LOCALES[lang],
                            color_scheme=scheme)
    page.goto(f"{url}/{name}?lang={lang}")
    page.wait_for_function(SETTLED, arg=PAGES[name], timeout=RENDER_MS, polling=100)
    return page


def screenshot(page: Page, name: str, path: Path) -> None:
    width = page.viewport_size["width"]
    height = page.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size({"width": width, "height": max(HEIGHT[width], int(height))})
    page.wait_for_function(SETTLED, arg=PAGES[name], timeout=RENDER_MS, polling=100)
    page.wait_for_timeout(500)
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), full_page=True)


@pytest.mark.parametrize(("name", "lang", "scheme", "width"), LAYOUTS,
                         ids=["-".join(map(str, layout)) for layout in LAYOUTS])
def test_page_layout(browser, app_url, name, lang, scheme, width):  # noqa: F811 - fixtures imported above
    page = open_page(browser, app_url, name, lang, width, scheme)
    try:
        screenshot(page, name, ARTIFACTS / f"{name}_{lang}_{scheme}_{width}.png")  # also when a check fails
        assert_no_errors(page)
        assert page.locator("h1").first.inner_text().strip() == t(f"page.{name}", lang)
        charts = page.evaluate(CHART_TEXT)
        assert len(charts) >= PAGES[name] and all(chart is not None and chart["marks"] > 0 for chart in charts)
        for chart in charts:
            for axis in chart["axes"]:
                assert axis["overlaps"] == [], [label["text"] for label in axis["labels"]]
        overflow = page.evaluate(
            "(() => { const main = document.querySelector('[data-testid=\"stMain\"]');"
            " return [main.scrollWidth, main.clientWidth]; })()"
        )
        assert overflow[0] <= overflow[1] + 1, f"the page scrolls sideways at {width} px: {overflow}"
        background = background_colour(page)
        assert (luminance(background) < 0.1) if scheme == "dark" else (luminance(background) > 0.8), background
    finally:
        page.close()
