"""Renewals by month of expiry and the expiring lines behind them (METRICS.md §7)."""

from __future__ import annotations

import duckdb
import pandas as pd

from cs_lib.filters import Filters
from cs_lib.metrics.kpis import resolve_as_of
from cs_lib.months import add_months, format_month
from cs_lib.settings import DEFAULTS, Settings

# The CLI's columns (`renewals`), in this order; pilot_conversion_rate follows for the page.
RENEWAL_COLUMNS = (
    "month", "expiring", "renewed", "renewal_rate", "first_expiring", "first_renewed", "first_renewal_rate",
    "pilots", "pilots_converted", "pending",
)
LINE_COLUMNS = ("subscription_id", "account_id", "product", "end_date", "outcome_known_on", "kind", "outcome")


def renewals_by_month(
    con: duckdb.DuckDBPyConnection,
    as_of: str | None = None,
    filters: Filters = Filters(),
    settings: Settings = DEFAULTS,
) -> pd.DataFrame:
    """One row per month of expiry up to the as-of month, read at the as-of month (NaN where undefined)."""
    frame = con.execute(
        "select * from scoped_renewals_by_month($as_of_month, $grace_days, $scope)",
        filters.sql_parameters()
        | {"as_of_month": resolve_as_of(con, as_of, settings), "grace_days": settings.renewal_grace_days},
    ).fetchdf()
    frame["month"] = frame["month"].map(format_month)
    return frame[[*RENEWAL_COLUMNS, "pilot_conversion_rate"]]


def expiring_lines(
    con: duckdb.DuckDBPyConnection,
    as_of: str | None = None,
    filters: Filters = Filters(),
    settings: Settings = DEFAULTS,
    months: int = 12,
) -> pd.DataFrame:
    """The paid and free lines ending in the `months` months up to the as-of month, with their outcome:
    renewed / not_renewed / pending for paid lines, converted / not_converted / pending for free ones."""
    as_of_month = resolve_as_of(con, as_of, settings)
    return con.execute(
        """
        select subscription_id, account_id, product, end_date, outcome_known_on,
            case when is_paid then 'paid' else 'free' end as kind,
            case
                when outcome_known_on > last_day($as_of_month) then 'pending'
                when is_paid then case when renewed then 'renewed' else 'not_renewed' end
                else case when converted then 'converted' else 'not_converted' end
            end as outcome
        from scoped_expiring_lines($period_start, last_day($as_of_month), $grace_days, $scope)
        order by end_date desc, subscription_id
        """,
        filters.sql_parameters() | {
            "as_of_month": as_of_month,
            "period_start": add_months(as_of_month, 1 - months),
            "grace_days": settings.renewal_grace_days,
        },
    ).fetchdf()[list(LINE_COLUMNS)]

