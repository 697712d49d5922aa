"""Any account-based KPI by any dimension (the Segments page, `segments` CLI; METRICS.md §3, §4, §13).

Each KPI is a ratio of per-account sums over the accounts it rests on (the retention pairs of
sql/30_metrics/92_scoped_account_pairs.sql): Σ numerator / Σ denominator. Account-count rates
(the denominator is 1 per account) get a Wilson interval; revenue ratios a bootstrap interval over
accounts (cs_lib.stats.ratio_interval). A value on fewer than WEAK_EVIDENCE_ACCOUNTS accounts is weak.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

import duckdb
import numpy as np
import pandas as pd

from cs_lib.filters import Filters
from cs_lib.metrics.kpis import TTM_MONTHS, dimension_values, resolve_as_of
from cs_lib.metrics.survival import ACCOUNT_DIMENSIONS
from cs_lib.metrics.tiers import assign_tiers, tier_breaks, tier_names
from cs_lib.settings import DEFAULTS, Settings
from cs_lib.stats import WEAK_EVIDENCE_ACCOUNTS, ratio_interval, wilson_interval

SEGMENT_DIMENSIONS = (*ACCOUNT_DIMENSIONS, "product", "cohort_year", "tier")
SEGMENT_COLUMNS = ("value", "accounts", "kpi", "lower", "upper", "weak")

PerAccount = Callable[[pd.DataFrame], tuple[np.ndarray, np.ndarray]]  # (numerators, denominators)


@dataclass(frozen=True)
class SegmentKpi:
    window_months: int  # 1: §3 monthly rates of the accounts active in m-1; 12: §4 trailing twelve months
    is_count_rate: bool  # accounts with a property / accounts (Wilson); else a revenue ratio (bootstrap)
    per_account: PerAccount


def _start(pairs: pd.DataFrame) -> np.ndarray:
    return pairs["mrr_start"].to_numpy(dtype=float)


def _end(pairs: pd.DataFrame) -> np.ndarray:
    return pairs["mrr_end"].to_numpy(dtype=float)


def _share(condition: Callable[[pd.DataFrame], np.ndarray]) -> PerAccount:
    return lambda pairs: (condition(pairs).astype(float), np.ones(len(pairs)))


SEGMENT_KPIS: dict[str, SegmentKpi] = {
    "grr_ttm": SegmentKpi(TTM_MONTHS, False, lambda p: (np.minimum(_end(p), _start(p)), _start(p))),
    "nrr_ttm": SegmentKpi(TTM_MONTHS, False, lambda p: (_end(p), _start(p))),
    "expansion_rate_ttm": SegmentKpi(TTM_MONTHS, False, lambda p: (np.maximum(_end(p) - _start(p), 0), _start(p))),
    # Not a §14 KPI: the Growth page's contraction rate (MRR lost by accounts still active at m1).
    "contraction_rate_ttm": SegmentKpi(
        TTM_MONTHS, False, lambda p: (np.where(_end(p) > 0, np.maximum(_start(p) - _end(p), 0), 0), _start(p))),
    "logo_retention_ttm": SegmentKpi(TTM_MONTHS, True, _share(lambda p: _end(p) > 0)),
    "upsell_rate_ttm": SegmentKpi(TTM_MONTHS, True, _share(lambda p: _end(p) > _start(p))),
    "cross_sell_rate_ttm": SegmentKpi(TTM_MONTHS, True, _share(lambda p: p["cross_sold"].to_numpy(dtype=bool))),
    "logo_churn_rate_month": SegmentKpi(1, True, _share(lambda p: _end(p) == 0)),
    "gross_mrr_churn_rate_month": SegmentKpi(1, False, lambda p: (np.maximum(_start(p) - _end(p), 0), _start(p))),
    "grr_month": SegmentKpi(1, False, lambda p: (np.minimum(_end(p), _start(p)), _start(p))),
    "nrr_month": SegmentKpi(1, False, lambda p: (_end(p), _start(p))),
}


def account_pairs(
    con: duckdb.DuckDBPyConnection, window_months: int, as_of: str | None = None, filters: Filters = Filters()
) -> pd.DataFrame:
    """The per-account facts of a window ending at the as-of month, with each account's attributes."""
    return con.execute(
        "select * from scoped_account_pairs($as_of_month, $window_months, $scope) order by account_id",
        filters.sql_parameters() | {"as_of_month": resolve_as_of(con, as_of), "window_months": window_months},
    ).fetchdf()


def kpi_by_dimension(
    con: duckdb.DuckDBPyConnection,
    kpi: str,
    by: str,
    as_of: str | None = None,
    filters: Filters = Filters(),
    settings: Settings = DEFAULTS,
    intervals: bool = True,
) -> pd.DataFrame:
    """One row per value of `by`: value, accounts, kpi, lower, upper, weak (NaN where undefined; lower and
    upper NaN too without `intervals`, which skips the bootstrap where only the values are shown)."""
    definition = _checked(kpi, by)
    if by == "product":
        rows = [
            _segment_row(product, account_pairs(con, definition.window_months, as_of, _one_product(filters, product)),
                         definition, intervals)
            for product in _products(con, filters)
        ]
        return pd.DataFrame(rows, columns=list(SEGMENT_COLUMNS))
    pairs = account_pairs(con, definition.window_months, as_of, filters)
    return kpi_by_dimension_of_pairs(pairs, kpi, by, settings, intervals)


def kpi_by_dimension_of_pairs(
    pairs: pd.DataFrame, kpi: str, by: str, settings: Settings = DEFAULTS, intervals: bool = True
) -> pd.DataFrame:
    """`kpi_by_dimension` over pairs already read (`account_pairs` of the KPI's window); not for `product`."""
    definition = _checked(kpi, by)
    if by == "tier":
        pairs = pairs.assign(tier=tier_names(assign_tiers(_start(pairs), tier_breaks(settings))))
    values = pairs[by].fillna("–").astype(str)
    rows = [_segment_row(value, pairs[values == value], definition, intervals) for value in sorted(values.unique())]
    return pd.DataFrame(rows, columns=list(SEGMENT_COLUMNS))


def kpi_by_two_dimensions(
    con: duckdb.DuckDBPyConnection,
    kpi: str,
    rows_by: str,
    columns_by: str,
    as_of: str | None = None,
    filters: Filters = Filters(),
    settings: Settings = DEFAULTS,
) -> pd.DataFrame:
    """The heatmap's long form: one row per pair of values (row, column, accounts, kpi, lower, upper, weak)."""
    if "product" in (rows_by, columns_by) and rows_by != columns_by:
        other = columns_by if rows_by == "product" else rows_by
        _checked(kpi, other)
        frames = [
            kpi_by_dimension(con, kpi, other, as_of, _one_product(filters, product), settings).assign(product=product)
            for product in _products(con, filters)
        ]
        long = pd.concat(frames, ignore_index=True).rename(columns={"value": other})
    else:
        definition = _checked(kpi, rows_by)
        _checked(kpi, columns_by)
        pairs = account_pairs(con, definition.window_months, as_of, filters)
        pairs["tier"] = tier_names(assign_tiers(_start(pairs), tier_breaks(settings)))
        keys = pairs[[rows_by, columns_by]].fillna("–").astype(str)
        grouped = keys.groupby([rows_by, columns_by], sort=True).groups
        long = pd.DataFrame([
            {rows_by: row, columns_by: column} | dict(zip(SEGMENT_COLUMNS[1:],
                                                          _segment_row("", pairs.loc[index], definition)[1:],
                                                          strict=True))
            for (row, column), index in grouped.items()
        ])
    return long.rename(columns={rows_by: "row", columns_by: "column"})[["row", "column", *SEGMENT_COLUMNS[1:]]]


def _segment_row(value: str, pairs: pd.DataFrame, definition: SegmentKpi, intervals: bool = True) -> tuple:
    numerators, denominators = definition.per_account(pairs)
    accounts = len(pairs)
    total = denominators.sum()
    kpi = numerators.sum() / total if total > 0 else np.nan
    if not intervals or not accounts:
        interval = None
    elif definition.is_count_rate:
        interval = wilson_interval(int(round(numerators.sum())), accounts)
    else:
        interval = ratio_interval(numerators, denominators)
    lower, upper = interval if interval else (np.nan, np.nan)
    return value, accounts, kpi, lower, upper, accounts < WEAK_EVIDENCE_ACCOUNTS


def _checked(kpi: str, by: str) -> SegmentKpi:
    if kpi not in SEGMENT_KPIS:
        raise ValueError(f"no per-segment KPI named {kpi!r}; use one of {', '.join(SEGMENT_KPIS)}")
    if by not in SEGMENT_DIMENSIONS:
        raise ValueError(f"cannot break down by {by!r}; use one of {', '.join(SEGMENT_DIMENSIONS)}")
    return SEGMENT_KPIS[kpi]


def _products(con: duckdb.DuckDBPyConnection, filters: Filters) -> list[str]:
    return list(filters.product) or dimension_values(con, "product")


def _one_product(filters: Filters, product: str) -> Filters:
    return replace(filters, product=(product,))

