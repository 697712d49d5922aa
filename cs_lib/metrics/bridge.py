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
    return bridge_from_movements(mrr_movements(con, as_of, filters), period)


def bridge_from_movements(movements: pd.DataFrame, period: BridgePeriod = "month") -> pd.DataFrame:
    """`mrr_bridge` from the monthly movements the caller already has (`kpis.mrr_movements`)."""
    if period not in _PERIODS:
        raise ValueError(f"period must be month, quarter or year, got {period!r}")
    movements = movements.copy()
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


YOY_COLUMNS = ("component", "this_period", "year_earlier", "change")


def mrr_bridge_year_on_year(
    con: duckdb.DuckDBPyConnection,
    as_of: str | None = None,
    filters: Filters = Filters(),
    period: BridgePeriod = "month",
) -> pd.DataFrame:
    """`bridge_year_on_year` of the scope's monthly movements up to the as-of month."""
    return bridge_year_on_year(mrr_movements(con, as_of, filters), period)


def bridge_year_on_year(movements: pd.DataFrame, period: BridgePeriod = "month") -> pd.DataFrame:
    """The latest period's bridge beside the same months a year earlier, like with like.

    The latest period is the one holding the last month of `movements` (a quarter or year may be in
    progress: then only its months so far are compared with the same months a year earlier). Rows:
    start, the five movements, end; columns this_period, year_earlier (NaN when the data does not
    reach back) and change (this − earlier). Empty when there are no movements.
    """
    if movements.empty:
        return pd.DataFrame(columns=list(YOY_COLUMNS))
    labels = [period_label(month, period) for month in movements["month"]]
    months = [month for month, label in zip(movements["month"], labels, strict=True) if label == labels[-1]]
    by_month = movements.set_index("month")
    this = _summed(by_month, months)
    earlier = _summed(by_month, [months_before(month, 12) for month in months])
    rows = [
        {"component": name, "this_period": this[name], "year_earlier": earlier[name],
         "change": this[name] - earlier[name]}
        for name in ("start", *MOVEMENTS, "end")
    ]
    return pd.DataFrame(rows, columns=list(YOY_COLUMNS))


def _summed(by_month: pd.DataFrame, months: list[str]) -> dict[str, float]:
    """Start (end MRR of the month before the first), the movements summed, end (MRR of the last month)."""
    if not all(month in by_month.index for month in months):
        return {name: float("nan") for name in ("start", *MOVEMENTS, "end")}
    chosen = by_month.loc[months]
    first = chosen.iloc[0]
    sums = {name: float(chosen[name].sum()) for name in MOVEMENTS}
    return {"start": float(first["mrr"] - sum(float(first[name]) for name in MOVEMENTS)), **sums,
            "end": float(chosen["mrr"].iloc[-1])}
