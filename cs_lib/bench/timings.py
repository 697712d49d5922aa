"""`python -m cs_lib bench`: how fast the engine and the Overview page are, against plain pandas.

Why: the product promises an Overview that reruns in well under a second on a
large book and an engine an order of magnitude faster than what a team would
write in pandas (cs_lib/pandas_reference.py). This prints the figures next to
those targets; it asserts nothing, because wall-clock times depend on the machine.

The Overview is timed twice: on the server through AppTest (first run, cached
rerun, and a rerun after each of several filter combinations new to the session,
per filter dimension), and in headless Chromium from a click on a filter option
to the page settled (cs_lib/bench/browser.py).

Warehouses are built once per size into bench/cache/ (git-ignored) and reused.
Builds and memory measurements run in child processes, so each peak resident
set size (RSS) belongs to that one job.
"""

from __future__ import annotations

import hashlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from cs_lib import warehouse
from cs_lib.bench import browser
from cs_lib.bench import pandas_reference as reference
from cs_lib.bench.browser import BrowserTimings
from cs_lib.filters import FILTER_DIMENSIONS, Filters
from cs_lib.metrics import kpis
from cs_lib.metrics.cohorts import cohort_retention
from cs_lib.months import format_month
from cs_lib.warehouse import DB_ENV_VAR, REPO_ROOT, connect_read_only

CACHE_DIR = REPO_ROOT / "bench" / "cache"
QUERIES = ("kpis_at", "mrr_movements", "monthly_rates", "retention_trend", "cohort_retention_logo")
GIB = 1024**3
RSS_TARGET_BYTES = 4 * GIB
RERUN_TARGET_SECONDS = {"default": 0.1, "large": 1.0}  # the Overview's server time per rerun
BROWSER_TARGET_SECONDS = {"default": 0.4}  # a filter click to the page settled, in Chromium
FILTER_VALUES_PER_DIMENSION = 3
BROWSER_COMBINATIONS = 8  # timed browser picks per size (after one warm-up pick)
SPEEDUP_TARGET, SPEEDUP_TARGET_SIZE = 10.0, "large"


@dataclass(frozen=True)
class QueryTiming:
    """One engine query against its pandas counterpart, in one filter scope (medians, seconds)."""

    query: str
    scope: str
    engine_seconds: float
    pandas_seconds: float  # loading the raw tables included: what a pandas team pays per question
    pandas_compute_seconds: float  # the same runs, loading excluded

    @property
    def ratio(self) -> float:
        return self.pandas_seconds / self.engine_seconds


@dataclass(frozen=True)
class ChildRun:
    seconds: float
    peak_rss_bytes: int
    stdout: str


# Runs `-m module …` or `-c code …` and, at exit, writes the process's VmHWM (peak RSS, KiB) to a
# file. Not rusage: a child's ru_maxrss starts from the parent's RSS at fork, so after the bench
# has loaded pandas frames every child would seem to use at least that much.
_PEAK_RSS_WRAPPER = """
import atexit, runpy, sys
peak_file, mode, target, *rest = sys.argv[1:]
def write_peak():
    with open('/proc/self/status') as status:
        kib = next(line.split()[1] for line in status if line.startswith('VmHWM:'))
    with open(peak_file, 'w') as out:
        out.write(kib)
atexit.register(write_peak)
if mode == '-m':
    sys.argv = [target, *rest]
    runpy.run_module(target, run_name='__main__', alter_sys=True)
else:
    sys.argv = ['-c', *rest]
    exec(compile(target, '<bench child>', 'exec'), {'__name__': '__main__'})
"""


def run_python(*arguments: str) -> ChildRun:
    """Run `python -m module …` or `python -c code …` in a child; wall time and that child's peak RSS."""
    with tempfile.TemporaryDirectory() as scratch:
        peak_file = Path(scratch) / "peak_kib"
        command = [sys.executable, "-c", _PEAK_RSS_WRAPPER, str(peak_file), *arguments]
        started = time.perf_counter()
        child = subprocess.run(command, stdout=subprocess.PIPE, text=True, cwd=REPO_ROOT, check=False)
        seconds = time.perf_counter() - started
        if child.returncode != 0:
            raise RuntimeError(f"python {' '.join(arguments[:2])} … failed with exit code {child.returncode}")
        return ChildRun(seconds, int(peak_file.read_text()) * 1024, child.stdout)


def demo_code_fingerprint() -> str:
    """A hash of the demo generator's code: a cached warehouse built by other code is rebuilt."""
    digest = hashlib.sha256()
    for path in sorted((REPO_ROOT / "cs_lib" / "demo").glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def ensure_warehouse(size: str) -> tuple[Path, ChildRun | None, str]:
    """bench/cache/<size>.duckdb, built by `python -m cs_lib demo` in a child when missing or stale.

    A reused warehouse gets the current sql/ definitions re-applied if they changed since its build.
    """
    path, stamp = CACHE_DIR / f"{size}.duckdb", CACHE_DIR / f"{size}.demo-code"
    fingerprint = demo_code_fingerprint()
    if path.exists() and stamp.exists() and stamp.read_text() == fingerprint:
        refreshed = warehouse.refresh_definitions(path)
        return path, None, "reused" + (" (sql/ definitions re-applied)" if refreshed else "")
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    stamp.unlink(missing_ok=True)
    build = run_python("-m", "cs_lib", "demo", "--db", str(path), "--size", size)  # builds aside, then swaps
    stamp.write_text(fingerprint)
    return path, build, f"built in {_seconds(build.seconds)}"


def median_seconds(call: Callable[[], object], runs: int, warm_up: bool = True) -> float:
    if warm_up:
        call()
    durations = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        durations.append(time.perf_counter() - started)
    return statistics.median(durations)


def engine_queries(as_of: str, filters: Filters) -> dict[str, Callable]:
    """The engine calls the pages make, each taking a connection."""
    return {
        "kpis_at": lambda con: kpis.kpis_at(con, as_of, filters),
        "mrr_movements": lambda con: kpis.mrr_movements(con, as_of, filters),
        "monthly_rates": lambda con: kpis.monthly_rates(con, as_of, filters),
        "retention_trend": lambda con: kpis.retention_trend(con, as_of, filters),
        "cohort_retention_logo": lambda con: cohort_retention(con, "logo", as_of, filters),
    }


def pandas_queries(as_of: str, filters: Filters) -> dict[str, Callable]:
    """The same answers from the pandas reference, each taking loaded raw tables."""

    def mrr(raw: reference.RawTables) -> reference.MonthlyMrr:
        return reference.monthly_mrr(raw, as_of, filters)

    return {
        "kpis_at": lambda raw: reference.kpis_from_tables(raw, as_of, filters),
        "mrr_movements": lambda raw: reference.movements_table(mrr(raw).by_account),
        "monthly_rates": lambda raw: reference.rates_table(mrr(raw).by_account),
        "retention_trend": lambda raw: reference.retention_trend_table(mrr(raw)),
        "cohort_retention_logo": lambda raw: reference.cohort_logo_table(mrr(raw).by_account),
    }


def _pandas_medians(con, compute: Callable, runs: int) -> tuple[float, float]:
    totals, computes = [], []
    for _ in range(runs):
        started = time.perf_counter()
        raw = reference.load_raw_tables(con)
        loaded = time.perf_counter()
        compute(raw)
        finished = time.perf_counter()
        totals.append(finished - started)
        computes.append(finished - loaded)
    return statistics.median(totals), statistics.median(computes)


def query_timings(path: Path, runs: int = 5, pandas_runs: int = 3) -> list[QueryTiming]:
    """Engine vs pandas for every query, without a filter and with one segment, at the default as-of."""
    rows = []
    with connect_read_only(path) as con:
        as_of = format_month(kpis.resolve_as_of(con, None))
        segment = kpis.dimension_values(con, "segment")[0]
        for scope, filters in (("no filter", Filters()), (f"segment={segment}", Filters(segment=(segment,)))):
            engine, pandas = engine_queries(as_of, filters), pandas_queries(as_of, filters)
            for name in QUERIES:
                engine_seconds = median_seconds(lambda call=engine[name]: call(con), runs)
                pandas_seconds, compute_seconds = _pandas_medians(con, pandas[name], pandas_runs)
                rows.append(QueryTiming(name, scope, engine_seconds, pandas_seconds, compute_seconds))
    return rows


@dataclass(frozen=True)
class FilterChange:
    """One rerun of the Overview after choosing a filter combination new to the session (seconds)."""

    dimension: str
    values: tuple[str, ...]
    seconds: float


@dataclass(frozen=True)
class OverviewTimings:
    """The Overview through AppTest: first run, cached reruns, and reruns after new filter combinations."""

    first_run: float
    cached_rerun: float  # median
    filter_changes: list[FilterChange]

    def dimension_medians(self) -> dict[str, float]:
        """Median seconds per filter dimension, in FILTER_DIMENSIONS order."""
        by_dimension: dict[str, list[float]] = {}
        for change in self.filter_changes:
            by_dimension.setdefault(change.dimension, []).append(change.seconds)
        return {
            dimension: statistics.median(by_dimension[dimension])
            for dimension in FILTER_DIMENSIONS
            if dimension in by_dimension
        }

    def combinations_per_dimension(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for change in self.filter_changes:
            counts[change.dimension] = counts.get(change.dimension, 0) + 1
        return counts

    @property
    def filter_change_median(self) -> float:
        return statistics.median(change.seconds for change in self.filter_changes)


def filter_change_plan(
    options: dict[str, list[str]], per_dimension: int = FILTER_VALUES_PER_DIMENSION
) -> list[tuple[str, tuple[str, ...]]]:
    """The filter combinations to time, each new to the session: per dimension (FILTER_DIMENSIONS
    order) its first `per_dimension` values one at a time, and for product also its first two
    values together. Every other dimension is unfiltered meanwhile."""
    plan: list[tuple[str, tuple[str, ...]]] = []
    for dimension in FILTER_DIMENSIONS:
        values = list(options.get(dimension, []))
        plan += [(dimension, (value,)) for value in values[:per_dimension]]
        if dimension == "product" and len(values) >= 2:
            plan.append((dimension, (values[0], values[1])))
    return plan


def overview_timings(
    path: Path, reruns: int = 5, per_dimension: int = FILTER_VALUES_PER_DIMENSION
) -> OverviewTimings:
    """The Overview page through Streamlit's AppTest (server side: script, caches, elements; no browser).

    Streamlit's data cache is cleared first, so the first run is cold. Then `reruns` reruns
    with nothing changed (every engine call cached), then one rerun per combination of
    `filter_change_plan`: `multiselect(key=dimension).set_value(...)`, `run()` timed. No
    combination repeats, so every filtered engine call of such a rerun misses the cache.
    """
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    with connect_read_only(path) as con:
        options = {dimension: list(kpis.dimension_values(con, dimension)) for dimension in FILTER_DIMENSIONS}
    plan = filter_change_plan(options, per_dimension)

    previous = os.environ.get(DB_ENV_VAR)
    os.environ[DB_ENV_VAR] = str(path)
    try:
        st.cache_data.clear()
        app = AppTest.from_file(str(REPO_ROOT / "app.py"), default_timeout=1800)
        started = time.perf_counter()
        app.run()
        first = time.perf_counter() - started
        _raise_on_exception(app, "on its first run")
        rerun = median_seconds(app.run, reruns, warm_up=False)
        changes = []
        filtered: str | None = None
        for dimension, values in plan:
            if filtered is not None and filtered != dimension:
                app.multiselect(key=filtered).set_value([])
            app.multiselect(key=dimension).set_value(list(values))
            filtered = dimension
            started = time.perf_counter()
            app.run()
            changes.append(FilterChange(dimension, values, time.perf_counter() - started))
            _raise_on_exception(app, f"after choosing {dimension} = {', '.join(values)}")
    finally:
        if previous is None:
            os.environ.pop(DB_ENV_VAR, None)
        else:
            os.environ[DB_ENV_VAR] = previous
    return OverviewTimings(first, rerun, changes)


def _raise_on_exception(app, when: str) -> None:
    if app.exception:
        raise RuntimeError(f"the app raised {when}: {app.exception[0].message}")


def kpi_peak_rss(path: Path) -> dict[str, int]:
    """Peak RSS of one KPI computation in a fresh child: the engine (via the CLI) and the pandas reference."""
    engine = run_python("-m", "cs_lib", "kpis", "--db", str(path))
    script = (
        "import sys; from cs_lib import warehouse, months; from cs_lib.metrics import kpis; "
        "from cs_lib.bench import pandas_reference as r; "
        "con = warehouse.connect_read_only(sys.argv[1]); "
        "r.reference_kpis(con, months.format_month(kpis.resolve_as_of(con, None)))"
    )
    pandas = run_python("-c", script, str(path))
    return {"engine": engine.peak_rss_bytes, "pandas": pandas.peak_rss_bytes}


# --- the printed table -------------------------------------------------------------------

COLUMNS = ("size", "measure", "ours", "pandas (+load)", "pandas (no load)", "pandas/ours", "target", "met")


def _seconds(value: float) -> str:
    return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s"


def _gib(value: int) -> str:
    return f"{value / GIB:.2f} GiB"


def _verdict(ok: bool) -> str:
    return "yes" if ok else "NO"


def query_rows(size: str, timings: list[QueryTiming]) -> list[tuple[str, ...]]:
    rows = []
    for timing in timings:
        judged = size == SPEEDUP_TARGET_SIZE
        target = f">= {SPEEDUP_TARGET:.0f}x" + ("" if judged else f" (on {SPEEDUP_TARGET_SIZE})")
        rows.append((
            size, f"{timing.query}, {timing.scope}", _seconds(timing.engine_seconds),
            _seconds(timing.pandas_seconds), _seconds(timing.pandas_compute_seconds), f"{timing.ratio:.1f}x",
            target, _verdict(timing.ratio >= SPEEDUP_TARGET) if judged else "",
        ))
    return rows


def _judged_row(size: str, measure: str, seconds: float, limit: float | None) -> tuple[str, ...]:
    if limit is None:
        return (size, measure, _seconds(seconds), "", "", "", "", "")
    return (size, measure, _seconds(seconds), "", "", "", f"< {_seconds(limit)}", _verdict(seconds < limit))


def overview_rows(size: str, timings: OverviewTimings) -> list[tuple[str, ...]]:
    """First run, cached rerun, and the server time of a filter change: per dimension and overall."""
    limit = RERUN_TARGET_SECONDS.get(size)
    counts = timings.combinations_per_dimension()
    rows = [
        _judged_row(size, "Overview first run (AppTest, cache cleared)", timings.first_run, None),
        _judged_row(size, "Overview rerun (cached), median", timings.cached_rerun, limit),
    ]
    for dimension, seconds in timings.dimension_medians().items():
        measure = f"Overview filter change, {dimension}: median of {counts[dimension]} new"
        rows.append(_judged_row(size, measure, seconds, limit))
    overall = f"Overview filter change, all: median of {len(timings.filter_changes)} new"
    rows.append(_judged_row(size, overall, timings.filter_change_median, limit))
    return rows


def browser_rows(size: str, timings: BrowserTimings | None, problem: str = "") -> list[tuple[str, ...]]:
    """The filter click in Chromium: to settled (judged), and when the app's script run started and ended."""
    if timings is None:
        return [(size, f"Browser filter click: not measured ({problem})", "", "", "", "", "", "")]
    count = len(timings.picks)
    return [
        _judged_row(size, "Browser first load (server's first visitor)", timings.first_load_seconds, None),
        _judged_row(size, f"Browser filter click -> settled, median of {count} new",
                    timings.median, BROWSER_TARGET_SECONDS.get(size)),
        _judged_row(size, "  of which: click -> script run starts, median", timings.median_run_start, None),
        _judged_row(size, "  of which: click -> script run ends, median", timings.median_run_end, None),
    ]  # fmt: skip


def memory_rows(size: str, build: ChildRun | None, peaks: dict[str, int]) -> list[tuple[str, ...]]:
    target = f"< {_gib(RSS_TARGET_BYTES)}"
    rows = []
    if build is not None:
        rows.append((size, "demo build (child process), time", _seconds(build.seconds), "", "", "", "", ""))
        rows.append((size, "demo build (child process), peak RSS", _gib(build.peak_rss_bytes), "", "", "",
                     target, _verdict(build.peak_rss_bytes < RSS_TARGET_BYTES)))
    rows.append((size, "KPI run peak RSS (child: cs_lib kpis)", _gib(peaks["engine"]), _gib(peaks["pandas"]),
                 "", "", target, _verdict(peaks["engine"] < RSS_TARGET_BYTES)))
    return rows


def render_table(rows: list[tuple[str, ...]]) -> str:
    """Plain text with aligned columns: text left, figures right."""
    widths = [max(len(str(row[i])) for row in [COLUMNS, *rows]) for i in range(len(COLUMNS))]

    def line(row: tuple[str, ...]) -> str:
        cells = [
            cell.ljust(width) if column in (0, 1, 6) else cell.rjust(width)
            for column, (cell, width) in enumerate(zip(row, widths, strict=True))
        ]
        return "  ".join(cells).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(COLUMNS), rule, *(line(row) for row in rows)])


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def measure_browser(size: str, path: Path) -> tuple[BrowserTimings | None, str]:
    """The browser timing, or None and why not (no Chromium, or the page failed): never raises, never hangs."""
    try:
        return browser.browser_filter_timings(path, combinations=BROWSER_COMBINATIONS), ""
    except browser.BrowserUnavailable as missing:
        return None, str(missing)
    except Exception as error:  # noqa: BLE001 - report and go on with the other figures
        return None, f"{type(error).__name__}: {str(error)[:300]}"


def run_benchmark(sizes: list[str], with_browser: bool = True) -> None:
    """Build (or reuse) each size, measure, and print one table with the targets."""
    rows: list[tuple[str, ...]] = []
    browser_picks: dict[str, BrowserTimings] = {}
    load_at_start = os.getloadavg()[0]  # other work on the machine inflates every figure
    for size in sizes:
        _say(f"[bench] {size}: warehouse …")
        path, build, how = ensure_warehouse(size)
        _say(f"[bench] {size}: {path} {how}")
        _say(f"[bench] {size}: engine and pandas query timings …")
        timings = query_timings(path)
        _say(f"[bench] {size}: Overview page (AppTest), first run, reruns and new filter combinations …")
        overview = overview_timings(path)
        _say(f"[bench] {size}: peak memory …")
        rows += memory_rows(size, build, kpi_peak_rss(path)) + overview_rows(size, overview)
        if with_browser:
            _say(f"[bench] {size}: filter clicks in headless Chromium …")
            picks, problem = measure_browser(size, path)
            rows += browser_rows(size, picks, problem)
            if picks is not None:
                browser_picks[size] = picks
            else:
                _say(f"[bench] {size}: browser timing not measured: {problem}")
        rows += query_rows(size, timings)
        _say(render_table(rows))
    print()
    print(render_table(rows))
    print("\nours = DuckDB engine (median of 5 runs after a warm-up, read-only connection); pandas = "
          "cs_lib/pandas_reference.py (median of 3 runs). KPI RSS: engine in column 'ours', pandas reference "
          "in 'pandas (+load)'.")
    print("Overview = streamlit AppTest, server side: app.run() after multiselect(key=dimension).set_value(...), "
          f"{FILTER_VALUES_PER_DIMENSION} values per dimension one at a time, for product also two together; "
          "each combination new to the session, so every filtered engine call misses the cache.")
    if with_browser:
        print(f"Browser = `streamlit run app.py` on 127.0.0.1 and headless {browser.CHROMIUM} "
              f"({browser.VIEWPORT['width']}x{browser.VIEWPORT['height']}), a later visitor than the first: per "
              "pick the sidebar multiselect is clicked, the value typed and its option clicked; one warm-up pick "
              "first, then new combinations, each cleared afterwards (not timed).")
        print(browser.SETTLED_DEFINITION)
        for size, picks in browser_picks.items():
            described = ", ".join(
                f"{pick.dimension}={'+'.join(pick.values)} {_seconds(pick.seconds)}" for pick in picks.picks
            )
            print(f"Browser picks on {size}: {described}.")
    print(f"1-minute load average: {load_at_start:.2f} at start, {os.getloadavg()[0]:.2f} at end "
          f"({os.cpu_count()} CPUs).")
