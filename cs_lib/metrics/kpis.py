"""KPIs, MRR movements and retention series (METRICS.md §1–5, §7, §14).

Every number comes from the SQL macros in `sql/`; this module binds the as-of
month, the settings and the filters as parameters and shapes the result.
`con` may be a connection or a cursor.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

import duckdb
import pandas as pd

from cs_lib.filters import FILTER_DIMENSIONS, Filters
from cs_lib.metrics.catalogue import KPI_NAMES
from cs_lib.months import MonthError, add_months, format_month, parse_month
from cs_lib.settings import DEFAULTS, Settings
from cs_lib.warehouse import WarehouseError

# METRICS.md §4: the *_ttm names are trailing twelve months by definition (m0 = as-of - 12).
TTM_MONTHS = 12
MOVEMENT_COLUMNS = ("month", "mrr", "new", "reactivation", "expansion", "contraction", "churn")

# Where each filter dimension's values live: a fixed allow-list, never user text.
_DIMENSION_VALUE_QUERIES = {
    dimension: f"select distinct {dimension} from stg_accounts where {dimension} is not null order by 1"
    for dimension in FILTER_DIMENSIONS
    if dimension != "product"
} | {"product": "select distinct product from stg_subscriptions where product is not null order by 1"}


@dataclass(frozen=True)
class MonthRange:
    first_month: str  # month of the earliest start_date
    last_month: str  # default as-of: month of the latest recorded date
    spine_end_month: str  # latest month an explicit as-of may name


def month_range(con: duckdb.DuckDBPyConnection) -> MonthRange:
    row = con.execute("select first_month, last_month, spine_end_month from data_range").fetchone()
    if row is None or row[0] is None:
        raise WarehouseError("the warehouse has no subscriptions yet: import accounts and subscriptions first")
    return MonthRange(*(format_month(value) for value in row))


def resolve_as_of(
    con: duckdb.DuckDBPyConnection,
    as_of: str | None,
    settings: Settings = DEFAULTS,
    months: MonthRange | None = None,
) -> date:
    """The as-of month to use: the one asked for, else the setting, else the data's last month.

    Pass `months` when the caller has already read the range, to skip reading it again.
    """
    months = months or month_range(con)
    chosen = parse_month(as_of or settings.as_of_month or months.last_month)
    if not parse_month(months.first_month) <= chosen <= parse_month(months.spine_end_month):
        raise MonthError(
            f"as-of month {format_month(chosen)} is outside the data "
            f"({months.first_month} to {months.spine_end_month})"
        )
    return chosen


def require_recorded_as_of(con: duckdb.DuckDBPyConnection, as_of: str | None) -> None:
    """Refuse an as-of month after the last recorded month (what a user may ask for).

    The engine can compute up to the month after the last scheduled contract end, but a user
    asking for a month past the recorded data would see scheduled contract ends read as churn
    (GRR collapsing in a month nobody has lived through yet).
    """
    if as_of is None:
        return
    months = month_range(con)
    if parse_month(as_of) > parse_month(months.last_month):
        raise MonthError(
            f"as-of month {as_of} is after the last recorded month {months.last_month}: nothing past the data is "
            f"extrapolated, and contracts merely scheduled to end would read as churn; "
            f"use a month from {months.first_month} to {months.last_month}"
        )


def dimension_values(con: duckdb.DuckDBPyConnection, dimension: str) -> list[str]:
    if dimension not in _DIMENSION_VALUE_QUERIES:
        raise ValueError(f"unknown filter dimension {dimension!r}")
    return [row[0] for row in con.execute(_DIMENSION_VALUE_QUERIES[dimension]).fetchall()]


def kpis_at(
    con: duckdb.DuckDBPyConnection,
    as_of: str | None = None,
    filters: Filters = Filters(),
    settings: Settings = DEFAULTS,
) -> dict[str, object]:
    """The §14 KPIs at the as-of month; undefined values are None."""
    as_of_month = resolve_as_of(con, as_of, settings)
    return _kpi_rows(con, as_of_month, as_of_month, filters, settings)[0]


def kpi_series(
    con: duckdb.DuckDBPyConnection,
    from_month: str,
    as_of: str,
    filters: Filters = Filters(),
    settings: Settings = DEFAULTS,
) -> list[dict[str, object]]:
    """The §14 KPIs at every as-of month from `from_month` to `as_of`, oldest first, in one query.

    A page comparing the as-of month with an earlier one asks for both at once.
    """
    months = month_range(con)
    as_of_month = resolve_as_of(con, as_of, settings, months)
    first_month = max(parse_month(from_month), parse_month(months.first_month))
    if first_month > as_of_month:
        raise MonthError(f"from month {from_month} is after the as-of month {format_month(as_of_month)}")
    return _kpi_rows(con, first_month, as_of_month, filters, settings)


def kpis_with_comparison(
    con: duckdb.DuckDBPyConnection,
    as_of: str,
    lag_months: int,
    filters: Filters = Filters(),
    settings: Settings = DEFAULTS,
) -> tuple[dict[str, object], dict[str, object] | None]:
    """The KPIs at the as-of month and `lag_months` earlier (None before the data starts), in one query."""
    earlier = format_month(add_months(parse_month(as_of), -lag_months))
    series = kpi_series(con, earlier, as_of, filters, settings)
    comparison = series[0] if series[0]["as_of"] == earlier else None
    return series[-1], comparison


def _kpi_rows(
    con: duckdb.DuckDBPyConnection, first_month: date, as_of_month: date, filters: Filters, settings: Settings
) -> list[dict[str, object]]:
    """The §14 KPIs for resolved, validated months: one query."""
    parameters = filters.sql_parameters() | {
        "from_month": first_month,
        "as_of_month": as_of_month,
        "window_months": TTM_MONTHS,
        "gross_margin": settings.gross_margin,
        "grace_days": settings.renewal_grace_days,
    }
    frame = con.execute(
        "select * from scoped_kpi_series($from_month, $as_of_month, $window_months, $gross_margin, $grace_days, "
        "$scope)",
        parameters,
    ).fetchdf()
    return [{name: _plain(row[name]) for name in KPI_NAMES} for row in frame.to_dict("records")]


def mrr_movements(
    con: duckdb.DuckDBPyConnection, as_of: str | None = None, filters: Filters = Filters()
) -> pd.DataFrame:
    """One row per month up to the as-of month: month, mrr and the five signed movements (§2)."""
    frame = _scoped_frame(con, "scoped_monthly_mrr_movements", as_of, filters)
    return frame[list(MOVEMENT_COLUMNS)]


def monthly_rates(
    con: duckdb.DuckDBPyConnection, as_of: str | None = None, filters: Filters = Filters()
) -> pd.DataFrame:
    """One row per month: MRR, active accounts and the §3 rates (NaN where undefined)."""
    return _scoped_frame(con, "scoped_monthly_rates", as_of, filters)


def retention_trend(
    con: duckdb.DuckDBPyConnection,
    as_of: str | None = None,
    filters: Filters = Filters(),
    window_months: int = 12,
) -> pd.DataFrame:
    """Trailing-window retention (§4) for every end month of the range; NaN where A is empty."""
    as_of_month = resolve_as_of(con, as_of)
    frame = con.execute(
        """
        select months.month, retention.accounts_start, retention.grr, retention.nrr,
            retention.logo_retention, retention.upsell_rate, retention.expansion_rate, retention.cross_sell_rate
        from months
        left join scoped_trailing_retention(
            $as_of_month, (select first_month from data_range), $window_months, $scope
        ) as retention on retention.month = months.month
        where months.month <= $as_of_month
        order by months.month
        """,
        filters.sql_parameters() | {"as_of_month": as_of_month, "window_months": window_months},
    ).fetchdf()
    frame["month"] = frame["month"].map(format_month)
    return frame


def _scoped_frame(con: duckdb.DuckDBPyConnection, macro: str, as_of: str | None, filters: Filters) -> pd.DataFrame:
    # `macro` is one of this module's fixed names, never user input.
    frame = con.execute(
        f"select * from {macro}($as_of_month, $scope) order by month",
        filters.sql_parameters() | {"as_of_month": resolve_as_of(con, as_of)},
    ).fetchdf()
    frame["month"] = frame["month"].map(format_month)
    return frame


def _plain(value: object) -> object:
    """NaN/NA → None; numpy scalars → Python numbers (for JSON and equality in tests)."""
    if value is None or value is pd.NA:
        return None
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value
