"""The benchmark's results and the table it prints: what was measured, against which target.

Kept apart from the measuring (`timings`, `browser`) so the printed figures can be read and
tested without running anything.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from cs_lib.bench.browser import BrowserTimings
from cs_lib.filters import FILTER_DIMENSIONS

GIB = 1024**3
RSS_TARGET_BYTES = 4 * GIB
RERUN_TARGET_SECONDS = {"default": 0.1, "large": 1.0}  # the Overview's server time per rerun
BROWSER_TARGET_SECONDS = {"default": 0.4}  # a filter click to the page settled, in Chromium
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


# --- the printed table -------------------------------------------------------------------

COLUMNS = ("size", "measure", "ours", "pandas (+load)", "pandas (no load)", "pandas/ours", "target", "met")


def seconds_text(value: float) -> str:
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
            size, f"{timing.query}, {timing.scope}", seconds_text(timing.engine_seconds),
            seconds_text(timing.pandas_seconds), seconds_text(timing.pandas_compute_seconds), f"{timing.ratio:.1f}x",
            target, _verdict(timing.ratio >= SPEEDUP_TARGET) if judged else "",
        ))
    return rows


def _judged_row(size: str, measure: str, seconds: float, limit: float | None) -> tuple[str, ...]:
    if limit is None:
        return (size, measure, seconds_text(seconds), "", "", "", "", "")
    return (size, measure, seconds_text(seconds), "", "", "", f"< {seconds_text(limit)}", _verdict(seconds < limit))


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
        rows.append((size, "demo build (child process), time", seconds_text(build.seconds), "", "", "", "", ""))
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
