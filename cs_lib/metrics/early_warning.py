"""Did the health score see churn coming? Per business unit, the share of churned ARR whose account was
flagged "at risk" 90 days or more before it churned (a signal beside the maturity self-assessment, §11).

A churn (METRICS.md §2) in month m_c means MRR(a, m_c − 1) > 0 and MRR(a, m_c) = 0; its ARR is
12 × MRR(a, m_c − 1). The churns counted are those of the twelve months ending at the as-of month.
An account was flagged early when its health band (§8) was "at risk" at some month-end e with
e ≥ the last day of m_c − 12 and (the last day of m_c) − e ≥ 90 days: at least 90 days before the
first month-end without MRR, within the year before it. The health history is the warehouse-wide
one of `cs_lib.metrics.health` (ranks over the whole warehouse); filters choose the churns.
"""

from __future__ import annotations

from datetime import timedelta

import duckdb
import pandas as pd

from cs_lib.filters import Filters
from cs_lib.metrics.health import scored_history
from cs_lib.metrics.kpis import TTM_MONTHS, resolve_as_of
from cs_lib.months import add_months, last_day
from cs_lib.settings import DEFAULTS, Settings

EARLY_DAYS = 90
LOOKBACK_MONTHS = 12
AT_RISK = "at_risk"
COLUMNS = ["business_unit", "churned_accounts", "churned_arr", "churned_arr_flagged_early", "flagged_early_share"]


def churned_arr_flagged_early(
    con: duckdb.DuckDBPyConnection, as_of: str | None = None, filters: Filters = Filters(),
    settings: Settings = DEFAULTS,
) -> pd.DataFrame:
    """One row per business unit with churn in the twelve months ending at the as-of month."""
    as_of_month = resolve_as_of(con, as_of, settings)
    churns = con.execute(
        """
        select movements.account_id, movements.month as churn_month, -movements.amount as mrr_lost,
            accounts.business_unit
        from scoped_account_mrr_movements($as_of_month, $scope) as movements
        inner join stg_accounts as accounts using (account_id)
        where movements.movement = 'churn' and movements.month > $window_start
        """,
        filters.sql_parameters() | {
            "as_of_month": as_of_month, "window_start": add_months(as_of_month, -TTM_MONTHS),
        },
    ).fetchdf()
    history = scored_history(con, settings)
    at_risk = history.loc[history["band"] == AT_RISK, ["account_id", "month"]]
    return flagged_early_shares(churns, at_risk)


def flagged_early_shares(churns: pd.DataFrame, at_risk: pd.DataFrame) -> pd.DataFrame:
    """Per business unit: churned accounts, churned ARR, the part flagged early, and its share.

    `churns`: account_id, churn_month (first day), mrr_lost (MRR of the month before), business_unit.
    `at_risk`: account_id, month (first day of a month whose month-end scored "at risk").
    """
    if churns.empty:
        return pd.DataFrame(columns=COLUMNS)
    churns = churns.assign(
        churn_month=pd.to_datetime(churns["churn_month"]),
        churned_arr=12.0 * churns["mrr_lost"].astype(float),
        business_unit=churns["business_unit"].fillna(""),
    )
    flags = at_risk.assign(month=pd.to_datetime(at_risk["month"]))
    pairs = churns.merge(flags.rename(columns={"month": "flag_month"}), on="account_id", how="left")
    churn_end = pairs["churn_month"].map(lambda month: last_day(month.date()))
    flag_end = pairs["flag_month"].map(lambda month: None if pd.isna(month) else last_day(month.date()))
    earliest = pairs["churn_month"].map(lambda month: last_day(add_months(month.date(), -LOOKBACK_MONTHS)))
    pairs["early"] = [
        flag is not None and flag >= first and (end - flag) >= timedelta(days=EARLY_DAYS)
        for flag, first, end in zip(flag_end, earliest, churn_end, strict=True)
    ]
    early = pairs.groupby(["account_id", "churn_month"], as_index=False)["early"].any()
    churns = churns.merge(early, on=["account_id", "churn_month"], how="left")
    churns["flagged_arr"] = churns["churned_arr"].where(churns["early"].fillna(False).astype(bool), 0.0)
    units = churns.groupby("business_unit", as_index=False).agg(
        churned_accounts=("account_id", "nunique"),
        churned_arr=("churned_arr", "sum"),
        churned_arr_flagged_early=("flagged_arr", "sum"),
    )
    units["flagged_early_share"] = units["churned_arr_flagged_early"] / units["churned_arr"].where(
        units["churned_arr"] > 0
    )
    return units[COLUMNS].sort_values("business_unit").reset_index(drop=True)


def beside_evidence(evidence: pd.DataFrame, flagged: pd.DataFrame) -> pd.DataFrame:
    """`maturity.business_unit_evidence` with each unit's churned ARR and its share flagged early
    (undefined for a unit without churn in the year)."""
    columns = ["business_unit", "churned_arr", "flagged_early_share"]
    return evidence.merge(flagged[columns], on="business_unit", how="left")
