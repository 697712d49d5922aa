"""What the Health & alerts page and the account view show of the health scores: counts per band,
the band mix over time, and why one account's score moved. Whole-warehouse scores in, rows out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import duckdb
import numpy as np
import pandas as pd

from cs_lib.filters import Filters
from cs_lib.metrics import health
from cs_lib.metrics.kpis import resolve_as_of
from cs_lib.months import add_months, format_month
from cs_lib.settings import DEFAULTS, Settings

TREND_MONTHS = 24
BAND_ORDER = (*health.BANDS, "unscored")
ACCOUNT_TABLE_COLUMNS = ("account_id", "account_name", "csm", "segment", "health", "band", "low_confidence",
                         *health.COMPONENTS)


@dataclass(frozen=True)
class HealthView:
    month: str
    accounts: pd.DataFrame  # one row per account in scope: ACCOUNT_TABLE_COLUMNS, by health ascending
    bands: pd.DataFrame  # band, accounts, share
    trend: pd.DataFrame  # month, band, accounts, share (of the month's accounts)
    low_confidence: int


def band_counts(rows: pd.DataFrame) -> pd.DataFrame:
    """Accounts per band (unscored last) and their share of all rows; every band listed, even at 0."""
    bands = rows["band"].where(rows["band"].notna(), "unscored")
    counts = bands.value_counts().reindex(BAND_ORDER, fill_value=0)
    total = int(counts.sum())
    return pd.DataFrame({"band": list(BAND_ORDER), "accounts": counts.to_numpy(),
                         "share": counts.to_numpy() / total if total else np.nan})


def band_trend(rows: pd.DataFrame) -> pd.DataFrame:
    """Accounts per band and month-end, every band listed, and their share of the month's accounts."""
    bands = rows["band"].where(rows["band"].notna(), "unscored")
    counts = pd.crosstab(rows["month"], bands).reindex(columns=list(BAND_ORDER), fill_value=0)
    long = counts.stack().rename("accounts").reset_index()
    long.columns = ["month", "band", "accounts"]
    long["share"] = long["accounts"] / long.groupby("month")["accounts"].transform("sum")
    long["month"] = long["month"].map(format_month)
    return long[["month", "band", "accounts", "share"]]


def health_view(
    con: duckdb.DuckDBPyConnection, as_of: str | None = None, filters: Filters = Filters(),
    settings: Settings = DEFAULTS,
) -> HealthView:
    """The as-of month's scores in scope, the band counts, and the band mix of the last 24 months."""
    month = resolve_as_of(con, as_of, settings)
    history = health.scored_history(con, settings)
    rows = health.month_rows(history, month, filters)
    window = history[(history["month"] > add_months(month, -TREND_MONTHS)) & (history["month"] <= month)]
    trend_frame = band_trend(health.select_rows(window, filters))
    accounts = rows.sort_values(["health", "account_id"], na_position="first")[list(ACCOUNT_TABLE_COLUMNS)]
    return HealthView(format_month(month), accounts.reset_index(drop=True), band_counts(rows),
                      trend_frame, int(rows["low_confidence"].sum()))


def account_history(con: duckdb.DuckDBPyConnection, account_id: str, as_of: str | None = None,
                    settings: Settings = DEFAULTS) -> pd.DataFrame:
    """One account's scores and components at every month-end up to the as-of month."""
    month = resolve_as_of(con, as_of, settings)
    history = health.scored_history(con, settings)
    rows = history[(history["account_id"] == account_id) & (history["month"] <= month)]
    columns = ["month", "health", "band", "low_confidence", *health.COMPONENTS]
    return rows[columns].assign(month=rows["month"].map(format_month)).reset_index(drop=True)


def score_change(history: pd.DataFrame, settings: Settings = DEFAULTS) -> pd.DataFrame:
    """Why the score moved since the previous month-end (about 30 days): per component, its weight
    share now × its change (null where the component is absent at either month-end). The last two
    rows of `history` (an account_history frame) are compared."""
    weights = health.weights_of(settings)
    if len(history) < 2:
        return pd.DataFrame(columns=["component", "weight", "previous", "now", "change", "contribution"])
    previous, now = history.iloc[-2], history.iloc[-1]
    present = [c for c in health.COMPONENTS if weights[c] > 0 and not pd.isna(now[c])]
    total = sum(weights[c] for c in present)
    rows = []
    for component in health.COMPONENTS:
        share = weights[component] / total if component in present and total else 0.0
        change = now[component] - previous[component]
        rows.append({"component": component, "weight": share, "previous": previous[component],
                     "now": now[component], "change": change,
                     "contribution": share * change if not pd.isna(change) else np.nan})
    return pd.DataFrame(rows)


def month_of(text: str) -> date:
    return date.fromisoformat(f"{text}-01")
