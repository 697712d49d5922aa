"""Growth rates over time (METRICS.md §4 plus the contraction rate) and by segment, for the Growth page."""

from __future__ import annotations

import duckdb
import pandas as pd

from cs_lib.filters import Filters
from cs_lib.metrics.kpis import TTM_MONTHS, resolve_as_of
from cs_lib.metrics.segments import account_pairs, kpi_by_dimension, kpi_by_dimension_of_pairs
from cs_lib.months import format_month
from cs_lib.settings import DEFAULTS, Settings

GROWTH_RATE_COLUMNS = ("month", "accounts_start", "expansion_rate", "upsell_rate", "cross_sell_rate",
                       "contraction_rate")
SEGMENT_GROWTH_KPIS = ("expansion_rate_ttm", "upsell_rate_ttm", "cross_sell_rate_ttm", "contraction_rate_ttm")


def growth_rates(
    con: duckdb.DuckDBPyConnection, as_of: str | None = None, filters: Filters = Filters()
) -> pd.DataFrame:
    """One row per end month with a non-empty A (trailing twelve months): the growth rates and the accounts."""
    frame = con.execute(
        "select * from scoped_growth_rates($as_of_month, (select first_month from data_range), $window, $scope)",
        filters.sql_parameters() | {"as_of_month": resolve_as_of(con, as_of), "window": TTM_MONTHS},
    ).fetchdf()
    frame["month"] = frame["month"].map(format_month)
    return frame[list(GROWTH_RATE_COLUMNS)]


def growth_by_dimension(
    con: duckdb.DuckDBPyConnection,
    by: str,
    as_of: str | None = None,
    filters: Filters = Filters(),
    settings: Settings = DEFAULTS,
) -> pd.DataFrame:
    """Per value of `by`: value, accounts, weak and each TTM growth rate (intervals: the Segments page)."""
    # The three KPIs share one window: read its pairs once (a product split reads one scope per product).
    pairs = None if by == "product" else account_pairs(con, TTM_MONTHS, as_of, filters)
    wide = None
    for name in SEGMENT_GROWTH_KPIS:
        if pairs is None:
            frame = kpi_by_dimension(con, name, by, as_of, filters, settings, intervals=False)
        else:
            frame = kpi_by_dimension_of_pairs(pairs, name, by, settings, intervals=False)
        frame = frame[["value", "accounts", "weak", "kpi"]].rename(columns={"kpi": name})
        wide = frame if wide is None else wide.merge(frame[["value", name]], on="value", how="outer")
    return wide
