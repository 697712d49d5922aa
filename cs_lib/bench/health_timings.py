"""The health and risk answers per filter change (issue 9's target: under 1 s on `large`).

The whole-warehouse health history is computed once per warehouse (timed on its own, like a first
visit); a filter change then only selects rows. Each filter change is timed on a fresh answer: the
engine functions the Health & alerts page calls, for one value of every filter dimension.
"""

from __future__ import annotations

import time
from pathlib import Path

from cs_lib.bench.report import _judged_row
from cs_lib.filters import FILTER_DIMENSIONS, Filters
from cs_lib.metrics import health, health_views, kpis, risk
from cs_lib.warehouse import connect_read_only

FILTER_CHANGE_TARGET_SECONDS = 1.0
ANSWERS = {"health": health_views.health_view, "risk": risk.risk_list, "alerts": risk.alerts}


def health_timings(path: Path) -> tuple[float, dict[str, list[float]]]:
    """Seconds for the whole-warehouse scores (once), and per answer the seconds of each filter change."""
    with connect_read_only(path) as con:
        started = time.perf_counter()
        health.scored_history(con)
        history_seconds = time.perf_counter() - started
        changes: dict[str, list[float]] = {name: [] for name in ANSWERS}
        for dimension in FILTER_DIMENSIONS:
            values = kpis.dimension_values(con, dimension)
            if not values:
                continue
            filters = Filters(**{dimension: (values[0],)})
            for name, answer in ANSWERS.items():
                started = time.perf_counter()
                answer(con, None, filters)
                changes[name].append(time.perf_counter() - started)
    return history_seconds, changes


def health_rows(size: str, path: Path) -> list[tuple[str, ...]]:
    """Benchmark table rows: the one-off scores, then the slowest filter change of each answer."""
    history_seconds, changes = health_timings(path)
    rows = [_judged_row(size, "Health scores, whole warehouse (once per warehouse)", history_seconds, None)]
    for name, seconds in changes.items():
        rows.append(_judged_row(size, f"{name} per filter change, slowest of {len(seconds)} dimensions",
                                max(seconds), FILTER_CHANGE_TARGET_SECONDS))
    return rows
