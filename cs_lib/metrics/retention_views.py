"""What the Retention page shows beyond the §14 KPIs: cohort grids by month or quarter, the NRR bridge
(NRR = GRR + expansion rate) with its warning and how concentrated expansion is, and the definition
ledger that sets this product's retention beside the other common definitions."""

from __future__ import annotations

from typing import Literal

import duckdb
import numpy as np
import pandas as pd

from cs_lib.filters import Filters
from cs_lib.metrics.kpis import TTM_MONTHS, monthly_rates, resolve_as_of, retention_trend
from cs_lib.metrics.segments import account_pairs
from cs_lib.months import add_months, format_month, parse_month
from cs_lib.settings import DEFAULTS, Settings
from cs_lib.stats import WEAK_EVIDENCE_ACCOUNTS

CohortPeriod = Literal["month", "quarter"]
TOP_ACCOUNTS = 10
# The NRR bridge warns when, over the last LOOKBACK_MONTHS, GRR fell by at least GRR_FALL while NRR did
# not fall by as much as NRR_HOLD: expansion is hiding churn (tests/test_retention_views.py pins it).
LOOKBACK_MONTHS, GRR_FALL, NRR_HOLD = 12, 0.01, 0.01


def cohort_grid(
    con: duckdb.DuckDBPyConnection,
    kind: Literal["logo", "revenue"],
    period: CohortPeriod = "month",
    as_of: str | None = None,
    filters: Filters = Filters(),
) -> pd.DataFrame:
    """Cohort retention (§6), long form: cohort, age (months), value, size, retained (accounts or MRR at that
    age), base (accounts or MRR at age 0), weak. By quarter, a cohort is the accounts whose cohort month falls
    in the quarter, and an age is shown only once every month of the quarter has reached it (no partial cells)."""
    as_of_month = resolve_as_of(con, as_of)
    frame = con.execute(
        "select cohort, age, size, active_accounts, mrr from scoped_cohort_retention($as_of_month, $scope)",
        filters.sql_parameters() | {"as_of_month": as_of_month},
    ).fetchdf()
    frame["base_mrr"] = frame["mrr"].where(frame["age"] == 0).groupby(frame["cohort"]).transform("max")
    frame["cohort_month"] = pd.to_datetime(frame["cohort"])
    if period == "quarter":
        cohort_month = frame["cohort_month"].dt
        frame["cohort"] = cohort_month.year.astype(str) + "-Q" + cohort_month.quarter.astype(str)
        quarter_end = frame["cohort_month"].dt.to_period("Q").dt.end_time.dt.to_period("M").dt.to_timestamp()
        limit = pd.Timestamp(as_of_month)
        ages_seen = (limit.year - quarter_end.dt.year) * 12 + (limit.month - quarter_end.dt.month)
        frame = frame[frame["age"] <= ages_seen]
    else:
        frame["cohort"] = frame["cohort_month"].dt.strftime("%Y-%m")
    grouped = frame.groupby(["cohort", "age"], as_index=False)[["size", "active_accounts", "mrr", "base_mrr"]].sum()
    sizes = frame[frame["age"] == 0].groupby("cohort")["size"].sum()
    grouped["size"] = grouped["cohort"].map(sizes)
    if kind == "logo":
        grouped["retained"], grouped["base"] = grouped["active_accounts"], grouped["size"]
    else:
        grouped["retained"], grouped["base"] = grouped["mrr"].astype(float), grouped["base_mrr"].astype(float)
    grouped["value"] = grouped["retained"] / grouped["base"].where(grouped["base"] > 0)
    grouped["weak"] = grouped["size"] < WEAK_EVIDENCE_ACCOUNTS
    return grouped[["cohort", "age", "value", "size", "retained", "base", "weak"]].sort_values(["cohort", "age"])


def nrr_bridge(con: duckdb.DuckDBPyConnection, as_of: str | None = None, filters: Filters = Filters()) -> pd.DataFrame:
    """Per end month with a defined §4 TTM: accounts_start, grr, expansion (= expansion_rate_ttm) and nrr.

    NRR = GRR + expansion rate exactly: each account's MRR at m1 is min(m1, m0) + max(m1 − m0, 0).
    """
    return bridge_from_trend(retention_trend(con, as_of, filters))


def bridge_from_trend(trend: pd.DataFrame) -> pd.DataFrame:
    """The NRR bridge from a 12-month `kpis.retention_trend` the caller already has (no second query)."""
    bridge = trend.loc[trend["nrr"].notna(), ["month", "accounts_start", "grr", "expansion_rate", "nrr"]]
    return bridge.rename(columns={"expansion_rate": "expansion"}).reset_index(drop=True)


def expansion_hides_churn(bridge: pd.DataFrame, lookback_months: int = LOOKBACK_MONTHS) -> bool:
    """True when GRR fell by GRR_FALL or more over the last `lookback_months` while NRR held (fell by less
    than NRR_HOLD, or rose): the headline NRR looks fine while the base erodes."""
    if len(bridge) < 2:
        return False
    latest = bridge.iloc[-1]
    earlier_month = format_month(add_months(parse_month(latest["month"]), -lookback_months))
    earlier = bridge[bridge["month"] >= earlier_month].iloc[0]
    grr_change, nrr_change = latest["grr"] - earlier["grr"], latest["nrr"] - earlier["nrr"]
    return bool(grr_change <= -GRR_FALL and nrr_change > -NRR_HOLD)


def expansion_concentration(
    con: duckdb.DuckDBPyConnection, as_of: str | None = None, filters: Filters = Filters(), top: int = TOP_ACCOUNTS
) -> dict[str, object]:
    """Of the TTM expansion (Σ max(MRR(a,m1) − MRR(a,m0), 0) over A), the share from the `top` accounts
    that expanded most; None when nothing expanded."""
    pairs = account_pairs(con, TTM_MONTHS, as_of, filters)
    expansion = np.sort(np.maximum(pairs["mrr_end"].to_numpy(float) - pairs["mrr_start"].to_numpy(float), 0))[::-1]
    total = float(expansion.sum())
    return {
        "expansion": total,
        "accounts_expanding": int((expansion > 0).sum()),
        "top": top,
        "top_share": float(expansion[:top].sum() / total) if total > 0 else None,
    }


def retention_ledger(
    con: duckdb.DuckDBPyConnection,
    as_of: str | None = None,
    filters: Filters = Filters(),
    settings: Settings = DEFAULTS,
) -> pd.DataFrame:
    """The same twelve months under three definitions: variant, grr, nrr, logo_retention, basis, basis_count.

    - `investor`: this product's §4 (accounts active twelve months ago, then and now);
    - `annualised_monthly`: the §3 monthly rates of the twelve months ending at the as-of month, averaged
      (m), then compounded: GRR = (1 − m_gross)^12, NRR = (mean monthly NRR)^12, logo = (1 − m_logo)^12;
    - `renewal_based`: over the paid lines due for renewal in those twelve months with a known outcome
      (§7): GRR = Σ min(after, before) / Σ before, NRR = Σ after / Σ before, logo = the renewal rate.
    """
    as_of_month = resolve_as_of(con, as_of, settings)
    rates = monthly_rates(con, format_month(as_of_month), filters).tail(TTM_MONTHS)
    annualised = {
        "grr": _compound(1 - rates["gross_mrr_churn_rate"].mean()),
        "nrr": _compound(rates["nrr"].mean()),
        "logo_retention": _compound(1 - rates["logo_churn_rate"].mean()),
    }
    lines = con.execute(
        "select * from scoped_renewal_revenue($period_start, $as_of_month, $grace_days, $scope)",
        filters.sql_parameters() | {"period_start": add_months(as_of_month, 1 - TTM_MONTHS),
                                    "as_of_month": as_of_month, "grace_days": settings.renewal_grace_days},
    ).fetchdf()
    before, after = lines["mrr_before"].sum(), lines["mrr_after"]
    renewal_based = {
        "grr": float(np.minimum(after, lines["mrr_before"]).sum() / before) if before > 0 else None,
        "nrr": float(after.sum() / before) if before > 0 else None,
        # A line is renewed exactly when a same-product paid line follows within grace (mrr_after > 0).
        "logo_retention": float((after > 0).mean()) if len(lines) else None,
    }
    # §4 from the per-account pairs (the same sums as grr_ttm, nrr_ttm, logo_retention_ttm; tested equal).
    pairs = account_pairs(con, TTM_MONTHS, format_month(as_of_month), filters)
    start, end = pairs["mrr_start"].astype(float), pairs["mrr_end"].astype(float)
    investor = {
        "grr": float(np.minimum(start, end).sum() / start.sum()) if len(pairs) else None,
        "nrr": float(end.sum() / start.sum()) if len(pairs) else None,
        "logo_retention": float((end > 0).mean()) if len(pairs) else None,
    }
    return pd.DataFrame([
        {"variant": "investor", **investor, "basis": "accounts", "basis_count": len(pairs)},
        {"variant": "annualised_monthly", **annualised, "basis": "months",
         "basis_count": int(rates["nrr"].notna().sum())},
        {"variant": "renewal_based", **renewal_based, "basis": "lines", "basis_count": len(lines)},
    ])


def _compound(monthly: float) -> float | None:
    return None if monthly is None or np.isnan(monthly) else float(monthly**12)
