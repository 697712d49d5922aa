"""The real app in a real browser: `streamlit run app.py` driven by Debian's Chromium.

The Overview is opened at 1440 px (a laptop) and 390 px (a phone), in light and
dark colour schemes, in Japanese and in English, and full-page screenshots are
written to tests/artifacts/overview_<lang>_<scheme>_<width>.png for a human to
look at. `make test` installs /usr/bin/chromium and a Japanese font; without
them these tests fail (they are never skipped), because an unrendered page is
a bug users would see.

Streamlit draws these Vega-Lite charts as SVG (it switches to canvas only above
2,000 data points), so the charts' text is read from the DOM: where each label
is on screen and what colour it has.
"""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest
from playwright.sync_api import Page, sync_playwright

from cs_lib.bench.browser import CHROMIUM, CHROMIUM_ARGS, streamlit_server
from cs_lib.metrics import kpis
from cs_lib.metrics.catalogue import kpi
from cs_lib.present.formatting import format_kpi
from cs_lib.present.i18n import t
from cs_lib.settings import load_settings

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CARD_KPIS = ("arr", "nrr_ttm", "grr_ttm", "logo_churn_rate_month", "upsell_rate_ttm", "arpa", "ltv")
RATE_KPIS = tuple(name for name in CARD_KPIS if kpi(name).is_rate)
PHONE, LAPTOP = 390, 1440
HEIGHT = {PHONE: 844, LAPTOP: 900}
LOCALES = {"ja": "ja-JP", "en": "en-US"}
RENDER_MS = 90_000
MIN_TEXT_CONTRAST = 4.5  # WCAG AA for body text

# Rendered: seven cards, three charts with drawn marks, no script running and nothing stale.
RENDERED = """
() => {
  const all = (selector) => [...document.querySelectorAll(selector)];
  const drawn = (chart) => chart.querySelector('svg.marks g.role-mark, canvas') !== null;
  const charts = all('[data-testid="stVegaLiteChart"]');
  return all('[data-testid="stMetric"]').length >= 7
    && charts.length >= 3 && charts.every(drawn)
    && document.querySelector('[data-testid="stApp"]').getAttribute('data-test-script-state') === 'notRunning'
    && all('[data-stale="true"]').length === 0;
}
"""

# Every KPI card: its label, value and the small print under it (verdict, accounts, target) with
# the colour each line is drawn in.
CARDS = """
() => [...document.querySelectorAll('[data-testid="stMetric"]')].map((metric) => {
  const small = [...metric.closest('[data-testid="stVerticalBlock"]')
    .querySelectorAll('[data-testid="stMarkdown"] [data-testid="stMarkdownContainer"] p')];
  return {
    label: metric.querySelector('[data-testid="stMetricLabel"]').innerText.trim(),
    value: metric.querySelector('[data-testid="stMetricValue"]').innerText.trim(),
    captions: small.map((line) => line.innerText.trim()),
    captionColours: small.map((line) => getComputedStyle(line).color),
  };
})
"""

# Each chart's SVG: its box, how many marks it drew, and the non-empty text of its marks (bar
# labels) and of each axis: screen box, fill colour, and which pairs of one group overlap. Overlap
# is judged in the first label's own (possibly rotated) frame, so slanted axis labels whose
# screen rectangles touch but whose glyphs do not are not counted.
CHART_TEXT = """
() => {
  const box = (element) => {
    const r = element.getBoundingClientRect();
    return {text: element.textContent, fill: element.getAttribute('fill'),
            left: r.left, top: r.top, right: r.right, bottom: r.bottom};
  };
  const shown = (group) => [...group.querySelectorAll('text')]
    .filter((text) => text.textContent.trim() !== '' && text.getAttribute('opacity') !== '0');
  const overlaps = (texts) => {
    const pairs = [];
    texts.forEach((a, i) => texts.slice(i + 1).forEach((b) => {
      const own = a.getBBox(), other = b.getBBox();
      const m = a.getCTM().inverse().multiply(b.getCTM());
      const corners = [[other.x, other.y], [other.x + other.width, other.y],
                       [other.x, other.y + other.height], [other.x + other.width, other.y + other.height]]
        .map(([x, y]) => [m.a * x + m.c * y + m.e, m.b * x + m.d * y + m.f]);
      const xs = corners.map((p) => p[0]), ys = corners.map((p) => p[1]);
      const wide = Math.min(own.x + own.width, Math.max(...xs)) - Math.max(own.x, Math.min(...xs));
      const tall = Math.min(own.y + own.height, Math.max(...ys)) - Math.max(own.y, Math.min(...ys));
      if (wide > 0.5 && tall > 0.5) pairs.push([a.textContent, b.textContent]);
    }));
    return pairs;
  };
  const group = (texts) => ({labels: texts.map(box), overlaps: overlaps(texts)});
  return [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')].map((chart) => {
    const svg = chart.querySelector('svg.marks');
    if (svg === null) return null;
    return {
      svg: box(svg),
      marks: svg.querySelectorAll('g.role-mark > *').length,
      barLabels: group([...svg.querySelectorAll('g.mark-text.role-mark')].flatMap(shown)),
      axes: [...svg.querySelectorAll('g.mark-text.role-axis-label')].map((axis) => group(shown(axis))),
    };
  });
}
"""


@pytest.fixture(scope="module")
def app_url(small_demo_db: Path):
    with streamlit_server(small_demo_db) as base_url:
        yield base_url


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


def open_overview(browser, url: str, locale: str = "ja-JP", width: int = LAPTOP, scheme: str = "light") -> Page:
    page = browser.new_page(viewport={"width": width, "height": HEIGHT[width]}, locale=locale, color_scheme=scheme)
    page.goto(url)
    page.wait_for_function(RENDERED, timeout=RENDER_MS, polling=100)
    return page


def assert_no_errors(page: Page) -> None:
    for testid in ("stException", "stAlertContentError"):
        errors = page.locator(f'[data-testid="{testid}"]')
        assert errors.count() == 0, errors.first.inner_text()


def full_page_screenshot(page: Page, path: Path) -> None:
    """Streamlit scrolls inside its main container, so grow the viewport to the content first."""
    width = page.viewport_size["width"]
    height = page.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size({"width": width, "height": max(HEIGHT.get(width, 900), int(height))})
    page.wait_for_function(RENDERED, timeout=RENDER_MS, polling=100)
    page.wait_for_timeout(500)
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), full_page=True)


def rgb(colour: str) -> tuple[float, float, float]:
    """'#rrggbb' or 'rgb(r, g, b)' / 'rgba(r, g, b, a)' as 0..255 floats."""
    if colour.startswith("#"):
        return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))  # type: ignore[return-value]
    return tuple(float(part) for part in re.findall(r"[\d.]+", colour)[:3])  # type: ignore[return-value]


def luminance(colour: str) -> float:
    """WCAG relative luminance, 0 (black) to 1 (white)."""

    def channel(value: float) -> float:
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(v) for v in rgb(colour))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(foreground: str, background: str) -> float:
    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def background_colour(page: Page) -> str:
    return page.evaluate("getComputedStyle(document.querySelector('[data-testid=\"stApp\"]')).backgroundColor")


LAYOUTS = [
    ("ja", "light", LAPTOP),
    ("ja", "dark", LAPTOP),
    ("ja", "light", PHONE),
    ("ja", "dark", PHONE),
    ("en", "light", LAPTOP),
    ("en", "dark", PHONE),
]


@pytest.mark.parametrize(("lang", "scheme", "width"), LAYOUTS, ids=["-".join(map(str, case)) for case in LAYOUTS])
def test_overview_layout(browser, app_url, engine_arr, lang, scheme, width):
    """Cards, charts and their text are there and readable at this width and colour scheme.

    What is asserted, each of which a broken layout fails:
    - no exception or error box; the title and the ARR card show the engine's figure;
    - seven KPI cards, and every rate card carries its account basis ("対象 N社" / "on N accounts");
    - three charts with drawn marks (SVG);
    - the main area does not scroll sideways (scrollWidth <= clientWidth + 1 of stMain);
    - in the MRR waterfall, no two bar labels overlap, no two labels of one axis overlap, every bar
      label lies inside the chart, and at least the start and end MRR are labelled;
    - the colour scheme reached the charts: the page background is dark in dark mode and light in
      light mode, and the waterfall's bar labels have at least 4.5:1 contrast against it (light
      text on dark); card values too.
    """
    page = open_overview(browser, f"{app_url}/?lang={lang}", locale=LOCALES[lang], width=width, scheme=scheme)
    try:
        full_page_screenshot(page, ARTIFACTS / f"overview_{lang}_{scheme}_{width}.png")  # also when a check fails
        assert_no_errors(page)
        assert page.locator("h1").first.inner_text().strip() == t("page.overview", lang)

        cards = {card["label"].removesuffix(" ⚠").strip(): card for card in page.evaluate(CARDS)}
        assert len(cards) == len(CARD_KPIS), list(cards)
        assert cards[t("kpi.arr", lang)]["value"] == format_kpi("arr", engine_arr, lang)
        basis = re.compile(re.escape(t("card.basis", lang)).replace(re.escape("{accounts}"), r"[\d,]+"))
        for name in RATE_KPIS:
            card = cards[t(f"kpi.{name}", lang)]
            assert any(basis.search(caption) for caption in card["captions"]), (name, card["captions"])

        charts = page.evaluate(CHART_TEXT)
        assert len(charts) == 3 and all(chart is not None and chart["marks"] > 0 for chart in charts), charts

        overflow = page.evaluate(
            "(() => { const main = document.querySelector('[data-testid=\"stMain\"]');"
            " return [main.scrollWidth, main.clientWidth]; })()"
        )
        assert overflow[0] <= overflow[1] + 1, f"the page scrolls sideways at {width} px: {overflow}"

        waterfall = charts[0]
        bar_labels = waterfall["barLabels"]["labels"]
        assert len(bar_labels) >= 2, "start and end MRR must carry their amounts"
        assert waterfall["barLabels"]["overlaps"] == [], [label["text"] for label in bar_labels]
        for axis in waterfall["axes"]:
            assert axis["overlaps"] == [], [label["text"] for label in axis["labels"]]
        frame = waterfall["svg"]
        for label in bar_labels:
            assert frame["left"] <= label["left"] and label["right"] <= frame["right"] + 0.5, label

        background = background_colour(page)
        assert (luminance(background) < 0.1) if scheme == "dark" else (luminance(background) > 0.8), background
        for label in bar_labels:
            assert contrast(label["fill"], background) >= MIN_TEXT_CONTRAST, (label, background)
        value_colour = page.evaluate(
            "getComputedStyle(document.querySelector('[data-testid=\"stMetricValue\"]')).color"
        )
        assert contrast(value_colour, background) >= MIN_TEXT_CONTRAST, (value_colour, background)
        for card in cards.values():  # the small print is read in a board room too
            for colour in card["captionColours"]:
                assert contrast(colour, background) >= MIN_TEXT_CONTRAST, (card["label"], colour, background)
    finally:
        page.close()


def test_language_in_the_url_switches_to_english(browser, app_url, engine_arr):
    # A Japanese browser opening a link with the English language in it sees English.
    page = open_overview(browser, f"{app_url}/?lang=en", locale="ja-JP")
    try:
        assert_no_errors(page)
        assert page.locator("h1").first.inner_text().strip() == t("page.overview", "en")
        cards = {card["label"].removesuffix(" ⚠").strip(): card for card in page.evaluate(CARDS)}
        assert cards[t("kpi.arr", "en")]["value"] == format_kpi("arr", engine_arr, "en")
    finally:
        page.close()


def test_a_link_with_an_unknown_segment_warns_and_still_shows_the_overview(browser, app_url):
    page = open_overview(browser, f"{app_url}/?segment=Megacorp", locale="ja-JP")
    try:
        assert_no_errors(page)
        warning = page.locator('[data-testid="stAlertContentWarning"]').filter(has_text="Megacorp")
        assert warning.count() == 1 and warning.first.is_visible()
        assert page.locator('[data-testid="stMetric"]').count() == len(CARD_KPIS)
        full_page_screenshot(page, ARTIFACTS / "overview_link_warning_ja_light_1440.png")
    finally:
        page.close()


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_first_visitor_after_a_start_can_choose_a_filter(browser, small_demo_db, lang):
    """The first session of a freshly started server picks a segment in the sidebar, like a user.

    Its own server, so that this session really is the server's first (the module's server has
    served other pages by now). The sidebar keeps its language and the page shows the filter.
    """
    with streamlit_server(small_demo_db) as url:
        page = open_overview(browser, f"{url}/?lang={lang}", locale="ja-JP")
        try:
            segments = page.locator(".st-key-segment [data-testid='stMultiSelect']")
            segments.locator("input").click()
            page.get_by_role("option", name="SMB", exact=True).click()
            # Done when the page says it is filtered, or shows an error instead.
            caption = t("overview.filtered_caption", lang).format(filters="")
            page.wait_for_function(
                """(caption) => document.querySelector('[data-testid="stException"]') !== null
                  || [...document.querySelectorAll('[data-testid="stCaptionContainer"]')]
                       .some((element) => element.innerText.startsWith(caption))""",
                arg=caption,
                timeout=RENDER_MS,
                polling=100,
            )
            assert_no_errors(page)
            page.wait_for_function(RENDERED, timeout=RENDER_MS, polling=100)
            assert page.locator('[data-testid="stMetric"]').count() == len(CARD_KPIS)
            assert page.locator("h1").first.inner_text().strip() == t("page.overview", lang)  # language kept
        finally:
            page.close()


def test_a_filter_change_swaps_the_chart_rows_without_rebuilding_the_charts(browser, app_url):
    """A filter only changes the charts' rows (their specs stay the same), so the browser puts
    the new rows into the drawn charts instead of building each chart anew — and shows them."""
    page = open_overview(browser, app_url, locale="ja-JP")
    try:
        marks = "[...document.querySelectorAll('[data-testid=\"stVegaLiteChart\"] svg.marks')]"
        assert page.evaluate(f"{marks}.length") == 3
        before = page.evaluate(f"{marks}.map((svg) => {{ svg.__before = true; return svg.textContent; }})")
        segments = page.locator(".st-key-segment [data-testid='stMultiSelect']")
        segments.locator("input").click()
        page.get_by_role("option", name="SMB", exact=True).click()
        caption = t("overview.filtered_caption", "ja").format(filters="")
        page.wait_for_function(
            """(caption) => [...document.querySelectorAll('[data-testid="stCaptionContainer"]')]
                 .some((element) => element.innerText.startsWith(caption))""",
            arg=caption, timeout=RENDER_MS, polling=100,
        )
        page.wait_for_function(RENDERED, timeout=RENDER_MS, polling=100)
        page.wait_for_timeout(300)
        assert_no_errors(page)
        after = page.evaluate(f"{marks}.map((svg) => [svg.__before === true, svg.textContent])")
        assert [kept for kept, _text in after] == [True, True, True]  # the same drawn charts
        assert [text for _kept, text in after] != before  # showing the filtered rows
        assert after[0][1] != before[0]  # the waterfall's labels changed with the segment
    finally:
        page.close()


@pytest.mark.parametrize("path", ["retention", "health"])
def test_a_link_to_a_page_opens_it_for_the_first_visitor_of_a_fresh_server(browser, small_demo_db, path):
    """A shared link straight to a page, opened before anyone has visited the app since it started,
    shows that page and no "Page not found" dialog (a `pages/` folder beside app.py caused one)."""
    with streamlit_server(small_demo_db) as url:
        page = browser.new_page(viewport={"width": LAPTOP, "height": HEIGHT[LAPTOP]}, locale="ja-JP")
        try:
            page.goto(f"{url}/{path}")
            page.wait_for_function(
                "() => document.querySelector('h1') !== null"
                " && document.querySelector('[data-testid=\"stApp\"]')"
                ".getAttribute('data-test-script-state') === 'notRunning'",
                timeout=RENDER_MS, polling=100,
            )
            page.wait_for_timeout(500)
            assert page.get_by_text("Page not found").count() == 0
            assert page.locator("h1").first.inner_text().strip() == t(f"page.{path}", "ja")
            assert_no_errors(page)
        finally:
            page.close()


def test_a_charts_data_downloads_as_csv_when_asked(browser, app_url):
    """The CSV is written when the button is clicked (not on every run) and holds the chart's rows."""
    page = open_overview(browser, f"{app_url}/?lang=en", locale="en-US")
    try:
        page.locator('[data-testid="stExpander"] summary').first.click()
        button = page.locator('[data-testid="stDownloadButton"] button').first
        button.wait_for(state="visible", timeout=RENDER_MS)
        with page.expect_download(timeout=RENDER_MS) as download:
            button.click()
        lines = Path(download.value.path()).read_text(encoding="utf-8-sig").splitlines()
        assert lines[0].split(",")[:2] == ["month", "mrr"]
        assert len(lines) > 12  # a row per month of the demo's history
    finally:
        page.close()
