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
from pathlib import Path

from cs_lib import warehouse
from cs_lib.bench import browser
from cs_lib.bench import pandas_reference as reference
from cs_lib.bench.browser import BrowserTimings
from cs_lib.bench.health_timings import health_rows
from cs_lib.bench.report import (  # noqa: F401 - re-exported: callers read results and the table from here
    COLUMNS,
    ChildRun,
    FilterChange,
    OverviewTimings,
    QueryTiming,
    browser_rows,
    memory_rows,
    overview_rows,
    query_rows,
    render_table,
    seconds_text,
)
from cs_lib.filters import FILTER_DIMENSIONS, Filters
from cs_lib.metrics import kpis
from cs_lib.metrics.cohorts import cohort_retention
from cs_lib.months import format_month
from cs_lib.warehouse import DB_ENV_VAR, REPO_ROOT, connect_read_only

CACHE_DIR = REPO_ROOT / "bench" / "cache"
QUERIES = ("kpis_at", "mrr_movements", "monthly_rates", "retention_trend", "cohort_retention_logo")
FILTER_VALUES_PER_DIMENSION = 3
BROWSER_COMBINATIONS = 8  # timed browser picks per size (after one warm-up pick)


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
    return path, build, f"built in {seconds_text(build.seconds)}"


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

    from cs_lib.app import queries

    with connect_read_only(path) as con:
        options = {dimension: list(kpis.dimension_values(con, dimension)) for dimension in FILTER_DIMENSIONS}
    plan = filter_change_plan(options, per_dimension)

    previous = os.environ.get(DB_ENV_VAR)
    os.environ[DB_ENV_VAR] = str(path)
    try:
        st.cache_data.clear()
        queries.clear_cache()
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
        _say(f"[bench] {size}: health, risk and alerts per filter change …")  # issue 9
        rows += health_rows(size, path)
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
                f"{pick.dimension}={'+'.join(pick.values)} {seconds_text(pick.seconds)}" for pick in picks.picks
            )
            print(f"Browser picks on {size}: {described}.")
    print(f"1-minute load average: {load_at_start:.2f} at start, {os.getloadavg()[0]:.2f} at end "
          f"({os.cpu_count()} CPUs).")
