"""The share of churned ARR whose account was flagged at risk 90+ days before it churned (§11 evidence).

A churn in month m_c: the first month-end without MRR is the last day of m_c. A flag counts when the
account scored "at risk" at a month-end at least 90 days before that day and no earlier than the last
day of m_c − 12. The cases below sit on those edges.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from cs_lib.metrics.early_warning import beside_evidence, churned_arr_flagged_early, flagged_early_shares
from cs_lib.metrics.kpis import resolve_as_of
from cs_lib.months import add_months
from cs_lib.settings import load_settings

CHURNS = pd.DataFrame(
    {
        "account_id": ["A", "B", "C", "D", "E"],
        "churn_month": [date(2026, 5, 1)] * 4 + [date(2026, 3, 1)],
        "mrr_lost": [1000.0, 2000.0, 4000.0, 8000.0, 500.0],
        "business_unit": ["East", "East", "East", "East", "West"],
    }
)
AT_RISK = pd.DataFrame(
    {
        # churn month May 2026: first month-end without MRR = 2026-05-31
        "account_id": ["A", "B", "C", "D", "D"],
        "month": [
            date(2026, 2, 1),  # A: at risk 2026-02-28, 92 days before 05-31 → early
            date(2026, 3, 1),  # B: 2026-03-31, 61 days before → too late
            date(2025, 4, 1),  # C: 2025-04-30, before the lookback start 2025-05-31 → too old
            date(2025, 5, 1),  # D: 2025-05-31, exactly the lookback start → early
            date(2026, 4, 1),  # D: also flagged late; once early is enough
        ],
    }
)


def test_flags_count_only_from_90_days_before_and_within_the_year():
    shares = flagged_early_shares(CHURNS, AT_RISK)
    east = shares.set_index("business_unit").loc["East"]
    # churned ARR = 12 × (1000 + 2000 + 4000 + 8000) = 180,000; early: A 12,000 + D 96,000 = 108,000
    assert east["churned_arr"] == 180_000
    assert east["churned_arr_flagged_early"] == 108_000
    assert east["flagged_early_share"] == pytest.approx(108_000 / 180_000)
    assert east["churned_accounts"] == 4
    west = shares.set_index("business_unit").loc["West"]  # E was never flagged
    assert (west["churned_arr"], west["churned_arr_flagged_early"], west["flagged_early_share"]) == (6000, 0, 0)


def test_the_90_day_edge():
    # churn in March 2026: first month-end without MRR 2026-03-31.
    churn = pd.DataFrame({"account_id": ["X"], "churn_month": [date(2026, 3, 1)], "mrr_lost": [100.0],
                          "business_unit": ["U"]})
    at_dec = pd.DataFrame({"account_id": ["X"], "month": [date(2025, 12, 1)]})  # 12-31 → 90 days: counts
    at_jan = pd.DataFrame({"account_id": ["X"], "month": [date(2026, 1, 1)]})  # 01-31 → 59 days: does not
    assert flagged_early_shares(churn, at_dec)["flagged_early_share"].tolist() == [1.0]
    assert flagged_early_shares(churn, at_jan)["flagged_early_share"].tolist() == [0.0]


def test_no_churn_gives_no_rows_and_units_without_churn_stay_undefined_beside_the_evidence():
    assert flagged_early_shares(CHURNS.iloc[0:0], AT_RISK).empty
    evidence = pd.DataFrame({"business_unit": ["East", "North"], "maturity": [3.0, 2.0]})
    merged = beside_evidence(evidence, flagged_early_shares(CHURNS, AT_RISK))
    assert merged["flagged_early_share"].iloc[0] == pytest.approx(0.6)
    assert pd.isna(merged["flagged_early_share"].iloc[1])


def test_on_the_demo_the_shares_follow_the_health_history_and_the_churns(small_demo_db: Path):
    con = duckdb.connect(str(small_demo_db), read_only=True)
    try:
        settings = load_settings(con)
        shares = churned_arr_flagged_early(con, settings=settings)
        as_of = resolve_as_of(con, None, settings)
        churned = con.execute(
            "select sum(-amount) * 12 from account_mrr_movements where movement = 'churn' and month > ? "
            "and month <= ?",
            [add_months(as_of, -12), as_of],
        ).fetchone()[0]
    finally:
        con.close()
    assert shares["churned_arr"].sum() == pytest.approx(float(churned))
    assert ((shares["flagged_early_share"] >= 0) & (shares["flagged_early_share"] <= 1)).all()
    assert (shares["churned_arr_flagged_early"] <= shares["churned_arr"]).all()
