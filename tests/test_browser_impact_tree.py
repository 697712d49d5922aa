"""The Impact & ROI and KPI tree pages in a real browser (Debian's Chromium) at 1440 and 390 px, light and
dark: charts drawn, no error box, no sideways scroll, no overlapping axis labels. Full-page screenshots go to
tests/artifacts/<page>_<lang>_<scheme>_<width>.png for a human to look at."""

from __future__ import annotations

import pytest

import tests.test_browser_retention_growth as layout
from cs_lib.present.i18n import t
from tests.test_browser import ARTIFACTS, CHART_TEXT, LAPTOP, PHONE, assert_no_errors, background_colour, luminance
from tests.test_browser import app_url as app_url  # noqa: F401 - the shared server fixture
from tests.test_browser import browser as browser  # noqa: F401 - the shared browser fixture

# Charts each page draws with the default choices: the differences (impact); none on the tree (its
# sparklines are the cards' own).
PAGES = {"impact": 1, "kpi-tree": 0}
TITLES = {"impact": "page.impact", "kpi-tree": "page.kpi_tree"}
SPARKLINES_DRAWN = """
() => {
  const charts = [...document.querySelectorAll('[data-testid="stMetricChart"]')];
  return charts.length === 9 && charts.every((chart) => chart.querySelector('svg.marks g.role-mark, canvas'));
}
"""
LAYOUTS = [(page, lang, scheme, width) for page in PAGES for lang, scheme, width in
           (("ja", "light", LAPTOP), ("ja", "dark", PHONE), ("en", "light", PHONE), ("en", "dark", LAPTOP))]


@pytest.mark.parametrize(("name", "lang", "scheme", "width"), LAYOUTS,
                         ids=["-".join(map(str, item)) for item in LAYOUTS])
def test_page_layout(browser, app_url, name, lang, scheme, width, monkeypatch):  # noqa: F811 - fixtures above
    monkeypatch.setattr(layout, "PAGES", PAGES)  # the shared helpers wait for this page's charts
    page = layout.open_page(browser, app_url, name, lang, width, scheme)
    try:
        if name == "kpi-tree":  # the sparklines draw once on screen: show the whole page, then wait for them
            height = page.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
            page.set_viewport_size({"width": width, "height": int(height)})
            page.wait_for_function(SPARKLINES_DRAWN, timeout=layout.RENDER_MS, polling=100)
        layout.screenshot(page, name, ARTIFACTS / f"{name}_{lang}_{scheme}_{width}.png")
        assert_no_errors(page)
        assert page.locator("h1").first.inner_text().strip() == t(TITLES[name], lang)
        charts = page.evaluate(CHART_TEXT)
        assert len(charts) >= PAGES[name] and all(chart is not None and chart["marks"] > 0 for chart in charts)
        for chart in charts:
            for axis in chart["axes"]:
                assert axis["overlaps"] == [], [label["text"] for label in axis["labels"]]
        if name == "kpi-tree":
            assert page.locator('[data-testid="stMetric"]').count() == 9
        overflow = page.evaluate(
            "(() => { const main = document.querySelector('[data-testid=\"stMain\"]');"
            " return [main.scrollWidth, main.clientWidth]; })()"
        )
        assert overflow[0] <= overflow[1] + 1, f"the page scrolls sideways at {width} px: {overflow}"
        background = background_colour(page)
        assert (luminance(background) < 0.1) if scheme == "dark" else (luminance(background) > 0.8), background
    finally:
        page.close()
