"""The renewal forecast (METRICS.md §9): P10 / P50 / P90 of renewed ARR for the next 1–4 quarters,
and its back-test over past quarters.

Each expiring paid line renews with the renewal rate observed historically (outcome known by D) for
lines whose account was in the same health band at the last day of the month before their end
month; unscored accounts form their own group, and a group with no history takes the overall rate.
Future lines use the band at D. The rates come from the whole warehouse (like the health ranks);
filters choose the lines forecast. Each quarter is simulated with its own
`numpy.random.default_rng(0)`, so its range does not depend on how many quarters are asked for.
"""

from __future__ import annotations

from datetime import date

import duckdb
import numpy as np
import pandas as pd

from cs_lib.filters import Filters
from cs_lib.metrics import health
from cs_lib.metrics.kpis import month_range, resolve_as_of
from cs_lib.metrics.risk import last_day
from cs_lib.months import add_months, parse_month
from cs_lib.settings import DEFAULTS, Settings

DRAWS = 10_000
UNSCORED = "unscored"
FORECAST_COLUMNS = ("quarter", "expiring_arr", "expected_arr", "p10", "p50", "p90")
BACKTEST_COLUMNS = ("quarter", "lines", "expiring_arr", "p10", "p50", "p90", "actual_arr", "inside")


def quarter_start_after(month: date) -> date:
    """The first calendar quarter starting after `month` (2026-10 → 2027-01; 2026-09 → 2026-10)."""
    following = add_months(month, 1)
    return add_months(following, (3 - (following.month - 1) % 3) % 3)


def quarter_name(start: date) -> str:
    return f"{start.year}-Q{(start.month - 1) // 3 + 1}"


def _lines(con, start: date, end: date, settings: Settings, filters: Filters) -> pd.DataFrame:
    frame = con.execute(
        "select * from scoped_forecast_lines($start, $end, $grace, $scope)",
        filters.sql_parameters() | {"start": start, "end": end, "grace": settings.renewal_grace_days},
    ).fetchdf()
    for column in ("start_date", "end_date", "outcome_known_on"):
        frame[column] = pd.to_datetime(frame[column]).dt.date
    frame["arr"] = frame["arr"].astype("float64")
    return frame


def _with_band(lines: pd.DataFrame, history: pd.DataFrame, at_month: date | None = None) -> pd.DataFrame:
    """Each line's band group: at the month before its end month, or at `at_month` for all lines."""
    month = [at_month or add_months(end.replace(day=1), -1) for end in lines["end_date"]]
    bands = history[["account_id", "month", "band"]]
    merged = lines.assign(month=month).merge(bands, on=["account_id", "month"], how="left")
    merged["group"] = merged["band"].where(merged["band"].notna(), UNSCORED)
    return merged


def band_rates(history_lines: pd.DataFrame) -> dict[str, float]:
    """Renewal rate per band group over lines with known outcomes, plus "overall"."""
    rates = history_lines.groupby("group")["renewed"].mean().to_dict()
    rates["overall"] = float(history_lines["renewed"].mean()) if len(history_lines) else 0.0
    return rates


def simulate(arr: np.ndarray, probability: np.ndarray, draws: int = DRAWS) -> tuple[float, float, float]:
    """P10, P50, P90 of Σ ARR over lines renewing independently, from a fresh default_rng(0)."""
    rng = np.random.default_rng(0)
    renewed = rng.random((draws, len(arr))) < probability
    totals = renewed.astype("float64") @ arr
    p10, p50, p90 = np.percentile(totals, [10, 50, 90])
    return float(p10), float(p50), float(p90)


def _known_history(con, settings: Settings, history: pd.DataFrame, known_by: date) -> pd.DataFrame:
    first = parse_month(month_range(con).first_month)
    lines = _lines(con, first, known_by, settings, Filters())
    return _with_band(lines[lines["outcome_known_on"] <= known_by], history)


def _quarter_row(lines: pd.DataFrame, rates: dict[str, float]) -> dict[str, float]:
    probability = np.array([rates.get(group, rates["overall"]) for group in lines["group"]], dtype="float64")
    arr = lines["arr"].to_numpy()
    p10, p50, p90 = simulate(arr, probability)
    return {"expiring_arr": float(arr.sum()), "expected_arr": float(probability @ arr),
            "p10": p10, "p50": p50, "p90": p90}


def forecast(
    con: duckdb.DuckDBPyConnection, as_of: str | None = None, filters: Filters = Filters(),
    settings: Settings = DEFAULTS, quarters: int = 4,
) -> pd.DataFrame:
    """One row per quarter: expiring ARR, expected renewed ARR, and P10/P50/P90 renewed ARR."""
    as_of_month = resolve_as_of(con, as_of, settings)
    history = health.scored_history(con, settings)
    rates = band_rates(_known_history(con, settings, history, last_day(as_of_month)))
    start = quarter_start_after(as_of_month)
    rows = []
    for index in range(quarters):
        quarter = add_months(start, 3 * index)
        lines = _with_band(_lines(con, quarter, last_day(add_months(quarter, 2)), settings, filters), history,
                           as_of_month)
        rows.append({"quarter": quarter_name(quarter), **_quarter_row(lines, rates)})
    return pd.DataFrame(rows, columns=list(FORECAST_COLUMNS))


def forecast_backtest(
    con: duckdb.DuckDBPyConnection, as_of: str | None = None, filters: Filters = Filters(),
    settings: Settings = DEFAULTS,
) -> pd.DataFrame:
    """Every past quarter whose lines' outcomes are all known at D, forecast from the month before it
    (lines started by then, bands and rates as they stood then), beside the ARR that actually renewed."""
    as_of_month = resolve_as_of(con, as_of, settings)
    history = health.scored_history(con, settings)
    as_of_day = last_day(as_of_month)
    quarter = quarter_start_after(parse_month(month_range(con).first_month))
    rows = []
    while last_day(add_months(quarter, 2)).toordinal() + settings.renewal_grace_days <= as_of_day.toordinal():
        before = add_months(quarter, -1)
        lines = _lines(con, quarter, last_day(add_months(quarter, 2)), settings, filters)
        lines = _with_band(lines[lines["start_date"] <= last_day(before)], history, before)
        if len(lines):
            rates = band_rates(_known_history(con, settings, history, last_day(before)))
            row = _quarter_row(lines, rates)
            actual = float(lines.loc[lines["renewed"].astype(bool), "arr"].sum())
            rows.append({"quarter": quarter_name(quarter), "lines": len(lines), **row, "actual_arr": actual,
                         "inside": row["p10"] <= actual <= row["p90"]})
        quarter = add_months(quarter, 3)
    return pd.DataFrame(rows, columns=list(BACKTEST_COLUMNS))
