"""Customer lifetime and its survival curves (METRICS.md §7): per-account lifetimes from SQL, then
Kaplan–Meier, medians and the log-rank test from `cs_lib.stats.survival`."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import numpy as np
import pandas as pd

from cs_lib.filters import Filters
from cs_lib.metrics.kpis import resolve_as_of
from cs_lib.months import format_month
from cs_lib.stats.survival import LogRank, kaplan_meier, logrank_test, median_lifetime

# Dimensions a lifetime curve can be split by: attributes every account has exactly one value of.
# (A product is not one: an account may hold several; filter by product instead.)
ACCOUNT_DIMENSIONS = ("segment", "industry", "region", "business_unit", "cs_model", "csm")
SURVIVAL_DIMENSIONS = (*ACCOUNT_DIMENSIONS, "cohort_year")
ALL_GROUP = "all"
CURVE_COLUMNS = ("group", "t", "at_risk", "events", "survival", "lower", "upper")


@dataclass(frozen=True)
class SurvivalResult:
    as_of: str
    by: str | None
    curves: pd.DataFrame  # CURVE_COLUMNS, one row per group and distinct lifetime
    median: dict[str, int | None]  # months; None = not reached
    logrank: LogRank | None  # only when split by a dimension with two or more groups
    accounts: dict[str, int]  # accounts per group


def account_lifetimes(
    con: duckdb.DuckDBPyConnection, as_of: str | None = None, filters: Filters = Filters()
) -> pd.DataFrame:
    """One row per account: account_id, cohort, churned, lifetime_months and its attributes."""
    frame = con.execute(
        "select * from scoped_account_lifetimes($as_of_month, $scope) order by account_id",
        filters.sql_parameters() | {"as_of_month": resolve_as_of(con, as_of)},
    ).fetchdf()
    frame["cohort"] = frame["cohort"].map(format_month)
    return frame


def survival(
    con: duckdb.DuckDBPyConnection, as_of: str | None = None, filters: Filters = Filters(), by: str | None = None
) -> SurvivalResult:
    """Kaplan–Meier curves of customer lifetime, one per value of `by` (or one named "all")."""
    if by is not None and by not in SURVIVAL_DIMENSIONS:
        raise ValueError(f"cannot split survival by {by!r}; use one of {', '.join(SURVIVAL_DIMENSIONS)}")
    lifetimes = account_lifetimes(con, as_of, filters)
    as_of_month = format_month(resolve_as_of(con, as_of))
    groups = lifetimes[by].fillna("–").astype(str) if by else pd.Series(ALL_GROUP, index=lifetimes.index)
    durations = lifetimes["lifetime_months"].to_numpy(dtype=float)
    observed = lifetimes["churned"].to_numpy(dtype=bool)
    curves, medians, sizes = [], {}, {}
    for group in sorted(groups.unique()):
        mask = (groups == group).to_numpy()
        curve = kaplan_meier(durations[mask], observed[mask])
        curves.append(pd.DataFrame({
            "group": group, "t": curve.t.astype(int), "at_risk": curve.at_risk, "events": curve.events,
            "survival": curve.survival, "lower": curve.lower, "upper": curve.upper,
        }))
        median = median_lifetime(curve)
        medians[group] = None if median is None else int(median)  # lifetimes are whole months
        sizes[group] = int(mask.sum())
    test = None
    if by and len(sizes) >= 2:
        test = logrank_test(durations, observed, groups.to_numpy())
    frame = pd.concat(curves, ignore_index=True) if curves else pd.DataFrame(columns=list(CURVE_COLUMNS))
    return SurvivalResult(as_of_month, by, frame, medians, test, sizes)


def survival_json(result: SurvivalResult) -> dict[str, object]:
    """The CLI's JSON shape: as_of, by, curves, median, logrank (null without --by)."""
    records = result.curves.astype(object).where(result.curves.notna(), None).to_dict("records")
    curves = [{key: _plain(value) for key, value in record.items()} for record in records]
    logrank = None
    if result.logrank is not None:
        logrank = {"statistic": result.logrank.statistic, "df": result.logrank.df, "p": result.logrank.p}
    return {"as_of": result.as_of, "by": result.by, "curves": curves, "median": result.median, "logrank": logrank}


def _plain(value: object) -> object:
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and np.isnan(value):
        return None
    return value
