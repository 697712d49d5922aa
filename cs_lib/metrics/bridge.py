"""The MRR bridge by month, quarter or year (METRICS.md §2 summed over the period), with the change of
end MRR against the same month a year earlier."""

from __future__ import annotations

from typing import Literal

import duckdb
import pandas as pd

from cs_lib.filters import Filters
from cs_lib.metrics.kpis import mrr_movements
from cs_lib.months import months_before

BridgePeriod = Literal["month", "quarter", "year"]
MOVEMENTS = ("new", "reactivation", "expansion", "contraction", "churn")
BRIDGE_COLUMNS = ("period", "months", "start", *MOVEMENTS, "end", "end_yoy")
_PERIODS = ("month", "quarter", "year")


def period_label(month: str, period: BridgePeriod) -> str:
    """"2025-04" → "2025-04" (month), "2025-Q2" (quarter), "2025" (year)."""
    if period == "month":
        return month
    year, number = month[:4], int(month[5:7])
    return year if period == "year" else f"{year}-Q{(number - 1) // 3 + 1}"


def mrr_bridge(
    con: duckdb.DuckDBPyConnection,
    as_of: str | None = None,
    filters: Filters = Filters(),
    period: BridgePeriod = "month",
) -> pd.DataFrame:
    """One row per period up to the as-of month: start MRR (the end of the month before the period), the five
    movements summed, end MRR (the period's last month, or the as-of month for the current period; `months`
    says how many months a period has so far), and end_yoy = end / MRR twelve months before the period's last
    month − 1 (NaN without one).
    start + Σ movements = end holds for every row (§2's identity, month by month)."""
    if period not in _PERIODS:
        raise ValueError(f"period must be month, quarter or year, got {period!r}")
    movements = mrr_movements(con, as_of, filters).copy()
    movements["period"] = [period_label(month, period) for month in movements["month"]]
    movements["start"] = movements["mrr"] - movements[list(MOVEMENTS)].sum(axis=1)
    grouped = movements.groupby("period", sort=True)
    bridge = grouped[list(MOVEMENTS)].sum()
    bridge["start"] = grouped["start"].first()
    bridge["end"] = grouped["mrr"].last()
    bridge["months"] = grouped.size()
    bridge = bridge.reset_index()
    # Against the same month a year earlier, so a period still in progress compares like with like.
    mrr_by_month = dict(zip(movements["month"], movements["mrr"], strict=True))
    last_months = grouped["month"].last().to_numpy()
    earlier = pd.Series([mrr_by_month.get(months_before(month, 12)) for month in last_months], dtype=float)
    bridge["end_yoy"] = bridge["end"] / earlier.where(earlier > 0) - 1
    return bridge[list(BRIDGE_COLUMNS)]
