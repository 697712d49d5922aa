"""Whether the health score deserves trust (METRICS.md §8 validation): month by month, churn within
3 months per band and the AUC; a calibration table; weights suggested by logistic regression.

Every month-end m from the first month to the as-of month − 3 is scored with the data as it stood at
m (the components of each month-end only read rows dated on or before it). An account churns within
3 months when it is not active (MRR 0) at some month-end of m+1 … m+3.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import duckdb
import numpy as np
import pandas as pd

from cs_lib.filters import Filters
from cs_lib.metrics import health
from cs_lib.metrics.kpis import month_range, resolve_as_of
from cs_lib.months import add_months, format_month, parse_month
from cs_lib.settings import DEFAULTS, Settings
from cs_lib.stats.classification import auc, logistic_fit

HORIZON_MONTHS = 3
BACKTEST_COLUMNS = ("month", "accounts", "auc", "churn_3m_healthy", "churn_3m_watch", "churn_3m_at_risk")


def outcome_rows(history: pd.DataFrame, as_of_month: date, filters: Filters = Filters()) -> pd.DataFrame:
    """The scored account-months of the back-test (health defined), with `churned_3m`."""
    last_month = add_months(as_of_month, -HORIZON_MONTHS)
    rows = health.select_rows(history[(history["month"] <= last_month) & history["health"].notna()], filters)
    active = pd.MultiIndex.from_arrays([history["account_id"], _month_index(history["month"])])
    row_month = _month_index(rows["month"])
    churned = np.zeros(len(rows), dtype=bool)
    for ahead in range(1, HORIZON_MONTHS + 1):
        churned |= ~pd.MultiIndex.from_arrays([rows["account_id"], row_month + ahead]).isin(active)
    return rows.assign(churned_3m=churned)


def _month_index(months: pd.Series) -> np.ndarray:
    return np.array([m.year * 12 + m.month - 1 for m in months], dtype=np.int64)


def backtest(
    con: duckdb.DuckDBPyConnection, as_of: str | None = None, filters: Filters = Filters(),
    settings: Settings = DEFAULTS,
) -> pd.DataFrame:
    """One row per month-end: scored accounts, the AUC (None when a class is empty) and each band's
    churn-within-3-months rate (None when the band is empty) with the accounts it rests on, oldest first."""
    as_of_month = resolve_as_of(con, as_of, settings)
    rows = outcome_rows(health.scored_history(con, settings), as_of_month, filters)
    first = parse_month(month_range(con).first_month)
    records = []
    month = first
    while month <= add_months(as_of_month, -HORIZON_MONTHS):
        records.append(_month_record(month, rows[rows["month"] == month]))
        month = add_months(month, 1)
    band_counts = [f"accounts_{band}" for band in health.BANDS]
    return pd.DataFrame(records, columns=[*BACKTEST_COLUMNS, *band_counts])


def _month_record(month: date, rows: pd.DataFrame) -> dict[str, object]:
    record: dict[str, object] = {"month": format_month(month), "accounts": len(rows),
                                 "auc": auc(rows["health"].to_numpy(), ~rows["churned_3m"].to_numpy())}
    for band in health.BANDS:
        in_band = rows["churned_3m"][rows["band"] == band]
        record[f"churn_3m_{band}"] = float(in_band.mean()) if len(in_band) else None
        record[f"accounts_{band}"] = len(in_band)  # what each rate rests on (the page shows it)
    return record


def calibration(rows: pd.DataFrame) -> pd.DataFrame:
    """Back-test rows pooled into 10-point health bins: accounts, mean health, observed 3-month
    retention (a well-calibrated score rises with the bin)."""
    bins = np.minimum((rows["health"].to_numpy() // 10).astype(int), 9)
    grouped = rows.assign(bin=bins).groupby("bin")
    table = pd.DataFrame({
        "accounts": grouped.size(),
        "mean_health": grouped["health"].mean(),
        "retained_3m": 1 - grouped["churned_3m"].mean(),
    }).reset_index()
    table["health_bin"] = [f"{10 * b}–{10 * b + 10}" for b in table.pop("bin")]
    return table[["health_bin", "accounts", "mean_health", "retained_3m"]]


@dataclass(frozen=True)
class WeightSuggestion:
    current: dict[str, float]
    suggested: dict[str, float]
    current_auc: float | None  # pooled over every back-test account-month
    suggested_auc: float | None
    rows: int


def suggest_weights(rows: pd.DataFrame, settings: Settings = DEFAULTS) -> WeightSuggestion:
    """Weights fitted by logistic regression of 3-month retention on the components (0–100, an absent
    component at its pooled mean, so it pulls neither way); negative coefficients become 0 and the rest
    are scaled to sum to 1. Never applied: the page shows it beside the current weights."""
    features = rows[list(health.COMPONENTS)].astype("float64")
    features = features.fillna(features.mean()).fillna(0.0)
    retained = ~rows["churned_3m"].to_numpy()
    current = health.weights_of(settings)
    if len(rows) == 0 or retained.all() or not retained.any():
        return WeightSuggestion(current, current, None, None, len(rows))
    coefficients = np.maximum(logistic_fit(features.to_numpy() / 100, retained)[1:], 0.0)
    total = coefficients.sum()
    shares = coefficients / total if total > 0 else np.full(len(coefficients), 1 / len(coefficients))
    suggested = {name: round(float(share), 2) for name, share in zip(health.COMPONENTS, shares, strict=True)}
    return WeightSuggestion(current, suggested, _pooled_auc(rows, settings), _pooled_auc(rows, settings, suggested),
                            len(rows))


def _pooled_auc(rows: pd.DataFrame, settings: Settings, weights: dict[str, float] | None = None) -> float | None:
    if weights is not None:
        from dataclasses import replace

        settings = replace(settings, **{f"health_weight_{name}": value for name, value in weights.items()})
    rescored = health.score(rows[["month", "account_id", *health.COMPONENTS]], settings)
    defined = rescored["health"].notna().to_numpy()
    return auc(rescored["health"].to_numpy()[defined], ~rows["churned_3m"].to_numpy()[defined])


@dataclass(frozen=True)
class TrustReport:
    """Whether the score deserves trust, pooled over every back-test account-month of the scope."""

    rows: int
    current_auc: float | None
    suggested_auc: float | None
    calibration: pd.DataFrame  # health_bin, accounts, mean_health, retained_3m
    weights: pd.DataFrame  # component, current, suggested


def trust_report(
    con: duckdb.DuckDBPyConnection, as_of: str | None = None, filters: Filters = Filters(),
    settings: Settings = DEFAULTS,
) -> TrustReport:
    as_of_month = resolve_as_of(con, as_of, settings)
    rows = outcome_rows(health.scored_history(con, settings), as_of_month, filters)
    suggestion = suggest_weights(rows, settings)
    weights = pd.DataFrame({"component": list(health.COMPONENTS),
                            "current": [suggestion.current[c] for c in health.COMPONENTS],
                            "suggested": [suggestion.suggested[c] for c in health.COMPONENTS]})
    return TrustReport(len(rows), suggestion.current_auc, suggestion.suggested_auc, calibration(rows), weights)
