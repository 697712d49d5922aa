"""The Overview in a real browser: from choosing a filter value to the page settled.

`streamlit run app.py` runs in a child process on a free port of 127.0.0.1,
reading the warehouse given; Debian's /usr/bin/chromium, driven by Playwright
(headless, no browser download), opens the Overview and picks filter values in
the sidebar the way a user does: click the multiselect, type the value, click
the option. Every pick is a combination of filters this server has not seen
before, so every cached engine call misses.

"Settled" is defined in SETTLED_DEFINITION and measured inside the page with
`performance.now()`, from the pointer going down on the option to the last
change of the page; nothing here asserts a time, because machines differ.
"""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from cs_lib.filters import FILTER_DIMENSIONS as DIMENSIONS
from cs_lib.warehouse import DB_ENV_VAR, REPO_ROOT

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
VIEWPORT = {"width": 1440, "height": 900}
LOCALE = "ja-JP"  # the Overview opens in Japanese, as for the board
STARTUP_SECONDS = 60
QUIET_MS = 500  # no change of the main area for this long, after the run, means no more is coming

SETTLED_DEFINITION = (
    "settled = the app's script run triggered by the click has finished (stApp's data-test-script-state went "
    "from 'running' back to 'notRunning'), no element is stale ([data-stale=\"true\"] count 0), every Vega chart "
    "shows drawn marks (svg.marks or canvas, width > 0), and the main area (stMain) has not changed for "
    f"{QUIET_MS} ms. The time is taken in the page with performance.now(), from the pointerdown on the option to "
    "the last change of the main area or of the run state, whichever is later (the quiet wait is not counted)."
)


class BrowserUnavailable(RuntimeError):
    """Chromium or Playwright is not installed: the browser timing cannot run on this machine."""


@dataclass(frozen=True)
class BrowserTiming:
    """One filter pick: what was chosen and how long until the page settled (seconds)."""

    dimension: str
    values: tuple[str, ...]
    seconds: float  # click to settled
    run_start_seconds: float  # click to the app's script run starting (stApp turns 'running')
    run_end_seconds: float  # click to that run finished (back to 'notRunning'); the rest is drawing


@dataclass(frozen=True)
class BrowserTimings:
    warm_up: BrowserTiming
    picks: list[BrowserTiming]
    first_load_seconds: float  # navigation to cards and charts drawn (server caches cold)

    @property
    def median(self) -> float:
        return statistics.median(pick.seconds for pick in self.picks)

    @property
    def median_run_start(self) -> float:
        return statistics.median(pick.run_start_seconds for pick in self.picks)

    @property
    def median_run_end(self) -> float:
        return statistics.median(pick.run_end_seconds for pick in self.picks)


def check_browser() -> None:
    """Raise BrowserUnavailable, saying what to install, when Chromium or Playwright is missing."""
    if not CHROMIUM.exists():
        raise BrowserUnavailable(
            f"{CHROMIUM} is missing: install Debian's Chromium (apt-get install -y chromium; `make test` does it)."
        )
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError as error:
        raise BrowserUnavailable(
            f"Playwright is not installed ({error}): pip install -r requirements-dev.txt (`make test` does it)."
        ) from None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def streamlit_server(
    db_path: Path, startup_seconds: float = STARTUP_SECONDS, *, address: str = "127.0.0.1"
) -> Iterator[str]:
    """`streamlit run app.py` on a free port of 127.0.0.1, reading `db_path`; yields its base URL.

    `address` is the address the server binds (the access-control test serves on 0.0.0.0, i.e.
    on the network, and still talks to it through 127.0.0.1).
    Raises RuntimeError, with the server's output, if it exits or is not healthy in time;
    the server is always stopped on the way out.
    """
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    command = [
        sys.executable, "-m", "streamlit", "run", "app.py",
        "--server.headless", "true",
        "--server.port", str(port),
        "--server.address", address,
        "--server.fileWatcherType", "none",
        "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    env = dict(os.environ, **{DB_ENV_VAR: str(db_path)})
    with tempfile.TemporaryDirectory() as scratch:
        log_path = Path(scratch) / "server.log"
        with log_path.open("w") as log:
            server = subprocess.Popen(command, cwd=REPO_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            _wait_until_healthy(base_url, server, log_path, startup_seconds)
            yield base_url
        finally:
            server.terminate()
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


def _wait_until_healthy(base_url: str, server: subprocess.Popen, log_path: Path, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"streamlit exited with {server.returncode}:\n{log_path.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(f"{base_url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"streamlit did not become healthy in {seconds:.0f} s:\n{log_path.read_text(errors='replace')}")


# --- in the page ---------------------------------------------------------------------

# Before any page script: remember when the pointer last went down (capture phase, so before
# the widget sees it).
_INIT_SCRIPT = """
window.__settle = {t0: null, stateChanges: [], lastMainChange: 0};
document.addEventListener('pointerdown', () => { window.__settle.t0 = performance.now(); }, true);
"""

# Once the app is drawn: watch the run state and every change of the main area.
_OBSERVE = """
() => {
  const s = window.__settle;
  const app = document.querySelector('[data-testid="stApp"]');
  const main = document.querySelector('[data-testid="stMain"]');
  new MutationObserver(() => { s.stateChanges.push(performance.now()); })
    .observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
  new MutationObserver(() => { s.lastMainChange = performance.now(); })
    .observe(main, {subtree: true, childList: true, attributes: true, characterData: true});
}
"""

_ARM = "() => { const s = window.__settle; s.t0 = null; s.stateChanges = []; }"

# SETTLED_DEFINITION, as a predicate: false until settled, then the timing.
_SETTLED = """
([quietMs, needRunState]) => {
  const s = window.__settle;
  if (s.t0 === null) return false;
  const app = document.querySelector('[data-testid="stApp"]');
  if (app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  const changes = s.stateChanges.filter((t) => t >= s.t0);
  // The run the click asked for has not started yet. (A cached rerun can be so quick that React
  // never shows it running: where the timing is not wanted, a changed main area will do.)
  if (changes.length === 0 && (needRunState || s.lastMainChange < s.t0)) return false;
  if (document.querySelector('[data-stale="true"]')) return false;
  if (document.querySelector('[data-testid="stException"], [data-testid="stAlertContentError"]')) {
    return {ms: 0, runStartMs: 0, runEndMs: 0};  // the caller raises with the error's text
  }
  const charts = [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')];
  const drawn = (chart) => {
    const marks = chart.querySelector('svg.marks, canvas');
    return marks !== null && marks.getBoundingClientRect().width > 0;
  };
  if (charts.length === 0 || !charts.every(drawn)) return false;
  if (performance.now() - s.lastMainChange < quietMs) return false;
  const runEnd = changes.length ? changes[changes.length - 1] : s.lastMainChange;
  return {
    ms: Math.max(runEnd, s.lastMainChange) - s.t0,
    runStartMs: (changes.length ? changes[0] : runEnd) - s.t0,
    runEndMs: runEnd - s.t0,
  };
}
"""


def new_combinations(options: dict[str, list[str]], count: int) -> list[tuple[str, tuple[str, ...]]]:
    """`count` filter picks, one dimension at a time in DIMENSIONS order, each value new to the session.

    Cycles through the dimensions taking the next unused value; product also gets a two-product
    combination (its first two values, picked in turn). Dimensions without values are skipped.
    """
    unused = {dimension: list(options.get(dimension, [])) for dimension in DIMENSIONS}
    picks: list[tuple[str, tuple[str, ...]]] = []
    product_pair = tuple(options.get("product", [])[:2])
    pair_due = len(product_pair) == 2
    while len(picks) < count:
        before = len(picks)
        for dimension in DIMENSIONS:
            if len(picks) == count:
                break
            if unused[dimension]:
                picks.append((dimension, (unused[dimension].pop(0),)))
            if dimension == "product" and pair_due and len(picks) < count:
                picks.append(("product", product_pair))
                pair_due = False
        if len(picks) == before:
            raise ValueError(f"only {before} new filter combinations exist, {count} asked for")
    return picks


def browser_filter_timings(
    db_path: Path, combinations: int = 8, timeout_seconds: float = 60, first_load_seconds: float = 300
) -> BrowserTimings:
    """Median time from clicking a filter option to the page settled, over `combinations` new picks.

    A first tab loads the Overview once (the server's first visitor: every unfiltered figure is
    computed; timed as `first_load_seconds`) and is closed. The picks happen in a second tab,
    as a later visitor: one warm-up pick (not counted), then `combinations` picks, each starting
    from no filter and cleared again afterwards (that rerun is cached and not counted).

    Why two tabs: the first tab pays the server's cold start (every unfiltered figure computed
    once), which is not what a filter click costs a later visitor.

    Every wait is bounded (`timeout_seconds`; the first load `first_load_seconds`): a stuck page
    raises RuntimeError saying where it stood, it never hangs.
    """
    check_browser()
    from playwright.sync_api import sync_playwright

    from cs_lib.metrics import kpis
    from cs_lib.warehouse import connect_read_only

    with connect_read_only(db_path) as con:
        options = {dimension: list(kpis.dimension_values(con, dimension)) for dimension in DIMENSIONS}
    plan = new_combinations(options, combinations + 1)
    timeout_ms = int(timeout_seconds * 1000)
    first_load_ms = int(first_load_seconds * 1000)

    with streamlit_server(db_path) as base_url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            first_visit = browser.new_page(viewport=VIEWPORT, locale=LOCALE)
            started = time.perf_counter()
            open_overview(first_visit, base_url, first_load_ms)
            first_load = time.perf_counter() - started
            first_visit.close()

            page = browser.new_page(viewport=VIEWPORT, locale=LOCALE)
            page.set_default_timeout(timeout_ms)
            page.add_init_script(_INIT_SCRIPT)
            open_overview(page, base_url, timeout_ms)
            page.evaluate(_OBSERVE)
            timings = [_pick(page, dimension, values, timeout_ms) for dimension, values in plan]
        finally:
            browser.close()
    return BrowserTimings(warm_up=timings[0], picks=timings[1:], first_load_seconds=first_load)


def open_overview(page, base_url: str, timeout_ms: int) -> None:
    """Open the Overview and wait for its cards and a drawn chart with no script running; raise on an app error."""
    page.goto(base_url, timeout=timeout_ms)
    page.wait_for_function(_LOADED_OR_FAILED, timeout=timeout_ms, polling=100)
    _raise_on_app_error(page)


_LOADED_OR_FAILED = """
() => {
  const count = (selector) => document.querySelectorAll(selector).length;
  if (count('[data-testid="stException"], [data-testid="stAlertContentError"]') > 0) return true;
  return count('[data-testid="stMetric"]') >= 7
    && count('[data-testid="stVegaLiteChart"] svg.marks, [data-testid="stVegaLiteChart"] canvas') >= 1
    && document.querySelector('[data-testid="stApp"]').getAttribute('data-test-script-state') === 'notRunning';
}
"""


def _raise_on_app_error(page) -> None:
    errors = page.locator('[data-testid="stException"], [data-testid="stAlertContentError"]')
    if errors.count():
        raise RuntimeError(f"the app shows an error: {errors.first.inner_text()[:500]}")


def _multiselect(page, dimension: str):
    """The sidebar multiselect of `dimension` (its widget key is the dimension: cs_lib/app/view.py)."""
    return page.locator(f'[data-testid="stSidebar"] .st-key-{dimension} [data-testid="stMultiSelect"]')


def _pick(page, dimension: str, values: tuple[str, ...], timeout_ms: int) -> BrowserTiming:
    """Choose `values` in `dimension`'s multiselect like a user; time the last choice; clear again."""
    box = _multiselect(page, dimension)
    field = box.locator("input")
    settled: dict = {}
    for value in values:
        field.click()
        field.fill(value)  # typing narrows a long list (hundreds of CSMs on a large book) to the value
        option = page.get_by_role("option", name=value, exact=True)
        option.wait_for(state="visible")
        page.evaluate(_ARM)
        option.click()
        settled = _wait_settled(page, timeout_ms)
    # Back to no filter, one value at a time: Backspace in the empty field removes the last value.
    # (Not the "Clear all" button: in our runs clicks on it were sometimes ignored on the CSM filter.)
    page.keyboard.press("Escape")
    for _ in values:
        page.evaluate(_ARM)
        field.click()
        page.keyboard.press("Backspace")
        _wait_settled(page, timeout_ms, timed=False)
    if box.locator("[data-tag]").count():
        raise RuntimeError(f"could not clear the {dimension} filter in the browser")
    return BrowserTiming(
        dimension, values, settled["ms"] / 1000, settled["runStartMs"] / 1000, settled["runEndMs"] / 1000
    )


_STATE = """
() => ({
  scriptState: document.querySelector('[data-testid="stApp"]').getAttribute('data-test-script-state'),
  stale: document.querySelectorAll('[data-stale="true"]').length,
  charts: document.querySelectorAll('[data-testid="stVegaLiteChart"]').length,
  drawnCharts: document.querySelectorAll(
    '[data-testid="stVegaLiteChart"] svg.marks, [data-testid="stVegaLiteChart"] canvas').length,
  clickedAt: window.__settle.t0,
  runStateChanges: window.__settle.stateChanges,
  lastMainChange: window.__settle.lastMainChange,
  now: performance.now(),
})
"""


def _wait_settled(page, timeout_ms: int, timed: bool = True) -> dict:
    """SETTLED_DEFINITION's timing of the last pointerdown (ms); raises if the page never settles or shows an error.

    `timed=False` (clearing a filter, not measured) also accepts a rerun too quick to show as running.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        handle = page.wait_for_function(_SETTLED, arg=[QUIET_MS, timed], timeout=timeout_ms, polling=20)
    except PlaywrightTimeout:
        raise RuntimeError(f"the page did not settle in {timeout_ms / 1000:.0f} s: {page.evaluate(_STATE)}") from None
    _raise_on_app_error(page)
    return handle.json_value()
