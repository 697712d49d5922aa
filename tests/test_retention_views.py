"""The Retention and Growth pages' own figures on hand-built warehouses: cohort grids by quarter, the MRR
bridge by quarter and year, the NRR bridge and its warning, expansion concentration, the definition ledger."""

from __future__ import annotations

import duckdb
import numpy as np
import pandas as pd
import pytest

from cs_lib.metrics.bridge import bridge_from_movements, bridge_year_on_year, mrr_bridge
from cs_lib.metrics.kpis import kpis_at, monthly_rates
from cs_lib.metrics.retention_views import (
    cohort_grid,
    expansion_concentration,
    expansion_hides_churn,
    nrr_bridge,
    retention_ledger,
)
from tests.test_metrics_growth_segments import tiers_con as tiers_con  # noqa: F401 - the shared fixture
from tests.warehouse_fixtures import build_warehouse

# Monthly MRR, 2024-01 .. 2024-06:
#   X: core 100 from 2024-01; addon 50 from 2024-03   -> new 100 in Jan, expansion +50 in Mar
#   Y: core 100, 2024-02-01 .. 2024-04-30             -> new 100 in Feb, churn −100 in May
#   Z: core 200 from 2024-05                          -> new 200 in May
# MRR: Jan 100, Feb 200, Mar 250, Apr 250, May 350, Jun 350.
BRIDGE_ACCOUNTS = [("X", "SMB"), ("Y", "SMB"), ("Z", "SMB")]
BRIDGE_LINES = [
    ("x1", "X", "core", "2024-01-01", None, 100),
    ("x2", "X", "addon", "2024-03-01", None, 50),
    ("y1", "Y", "core", "2024-02-01", "2024-04-30", 100),
    ("z1", "Z", "core", "2024-05-01", None, 200),
]


@pytest.fixture(scope="module")
def bridge_con(tmp_path_factory):
    path = build_warehouse(tmp_path_factory.mktemp("bridge") / "w.duckdb", BRIDGE_ACCOUNTS, BRIDGE_LINES,
                           recorded_through="2024-06-15")
    with duckdb.connect(str(path), read_only=True) as connection:
        yield connection


def test_mrr_bridge_by_quarter_and_year(bridge_con):
    quarters = mrr_bridge(bridge_con, "2024-06", period="quarter").set_index("period")
    # Q1: start 0, new 100 + 100, expansion 50, end 250. Q2: start 250, new 200, churn −100, end 350.
    assert quarters.loc["2024-Q1", ["start", "new", "expansion", "churn", "end"]].tolist() == [0, 200, 50, 0, 250]
    assert quarters.loc["2024-Q2", ["start", "new", "expansion", "churn", "end"]].tolist() == [250, 200, 0, -100, 350]
    assert quarters["months"].tolist() == [3, 3]
    assert quarters["end_yoy"].isna().all()  # no year-earlier month in the data
    year = mrr_bridge(bridge_con, "2024-06", period="year").set_index("period")
    # 2024 so far (6 months): 0 + 400 new + 50 expansion − 100 churn = 350.
    columns = ["months", "start", "new", "expansion", "churn", "end"]
    assert year.loc["2024", columns].tolist() == [6, 0, 400, 50, -100, 350]
    months = mrr_bridge(bridge_con, "2024-06", period="month")
    movement_sum = months[["new", "reactivation", "expansion", "contraction", "churn"]].sum(axis=1)
    assert (months["start"] + movement_sum == months["end"]).all()


def test_cohort_grid_by_quarter_shows_only_ages_every_month_has_reached(bridge_con):
    logo = cohort_grid(bridge_con, "logo", "quarter", "2024-06")
    # 2024-Q1 = X (2024-01) and Y (2024-02): size 2. Its last month, March, has reached age 3 by June.
    # Active at ages 0..3: X Jan..Apr and Y Feb..May (Y churned in May) -> 2, 2, 2, 1.
    q1 = logo[logo["cohort"] == "2024-Q1"]
    assert q1["age"].tolist() == [0, 1, 2, 3]
    assert q1["retained"].tolist() == [2, 2, 2, 1] and q1["value"].tolist() == [1, 1, 1, 0.5]
    assert q1["size"].tolist() == [2] * 4 and q1["weak"].all()
    # 2024-Q2 = Z (2024-05): June has reached age 0 only (May's age 1 is not shown for the quarter).
    assert logo.loc[logo["cohort"] == "2024-Q2", "age"].tolist() == [0]
    revenue = cohort_grid(bridge_con, "revenue", "quarter", "2024-06")
    # Revenue of Q1 at ages 0..3: (X Jan 100 + Y Feb 100), (100 + 100), (X Mar 150 + Y Apr 100), (150 + 0),
    # over 200 -> 1, 1, 1.25, 0.75.
    assert revenue.loc[revenue["cohort"] == "2024-Q1", "value"].tolist() == pytest.approx([1, 1, 1.25, 0.75])
    monthly = cohort_grid(bridge_con, "logo", "month", "2024-06")
    assert monthly.loc[monthly["cohort"] == "2024-05", "age"].tolist() == [0, 1]


def test_nrr_is_grr_plus_expansion(tiers_con):
    bridge = nrr_bridge(tiers_con, "2025-01")
    latest = bridge.iloc[-1]
    assert latest["month"] == "2025-01"
    assert latest["nrr"] == pytest.approx(latest["grr"] + latest["expansion"])
    # A = A, B, C, E, F: start 10,000 + 50,000 + 49,999 + 400,000 + 10,000 = 519,999.
    # GRR: 10,000 + 50,000 + 0 + 100,000 + 10,000 = 170,000; expansion: 50,000 (A) + 340,000 (F) = 390,000.
    assert latest["grr"] == pytest.approx(170_000 / 519_999)
    assert latest["expansion"] == pytest.approx(390_000 / 519_999)


def _bridge(grr: list[float], nrr: list[float]) -> pd.DataFrame:
    months = [f"2025-{month:02d}" for month in range(1, len(grr) + 1)]
    return pd.DataFrame({"month": months, "grr": grr, "nrr": nrr})


@pytest.mark.parametrize("grr, nrr, warned", [
    ([0.95, 0.93, 0.92], [1.05, 1.05, 1.05], True),    # GRR −3 points, NRR flat: expansion hides churn
    ([0.95, 0.94, 0.94], [1.05, 1.05, 1.06], True),    # exactly −1 point is a fall
    ([0.95, 0.95, 0.945], [1.05, 1.05, 1.05], False),  # GRR −0.5 point: not a fall
    ([0.95, 0.93, 0.92], [1.05, 1.03, 1.03], False),   # NRR −2 points: falls too, nothing hidden
])
def test_the_nrr_bridge_warning(grr, nrr, warned):
    assert expansion_hides_churn(_bridge(grr, nrr)) is warned


def test_expansion_concentration(tiers_con):
    # Expansion over A: A +50,000, F +340,000 (the others 0): total 390,000, two accounts.
    assert expansion_concentration(tiers_con, "2025-01") == {
        "expansion": 390_000, "accounts_expanding": 2, "top": 10, "top_share": 1.0}
    assert expansion_concentration(tiers_con, "2025-01", top=1)["top_share"] == pytest.approx(340_000 / 390_000)


def test_definition_ledger(tiers_con):
    ledger = retention_ledger(tiers_con, "2025-01").set_index("variant")
    values = kpis_at(tiers_con, "2025-01")
    assert ledger.loc["investor", ["grr", "nrr", "logo_retention"]].tolist() == pytest.approx(
        [values["grr_ttm"], values["nrr_ttm"], values["logo_retention_ttm"]])
    assert ledger.loc["investor", "basis_count"] == 5  # A, B, C, E, F
    # Renewal-based, lines due 2024-02 .. 2025-01 with a known outcome (grace 30 days):
    #   c1 49,999 not renewed (after 0); e1 400,000 renewed by e2 100,000; f1 10,000 renewed by f2 350,000.
    #   GRR = (0 + 100,000 + 10,000) / 459,999; NRR = (0 + 100,000 + 350,000) / 459,999; logo = 2/3.
    renewal = ledger.loc["renewal_based"]
    assert renewal["grr"] == pytest.approx(110_000 / 459_999)
    assert renewal["nrr"] == pytest.approx(450_000 / 459_999)
    assert renewal["logo_retention"] == pytest.approx(2 / 3) and renewal["basis_count"] == 3
    assert renewal["logo_retention"] == pytest.approx(values["renewal_rate_ttm"])
    # Annualised: the 12 monthly rates ending 2025-01 averaged, then compounded over 12 months.
    rates = monthly_rates(tiers_con, "2025-01").tail(12)
    annual = ledger.loc["annualised_monthly"]
    assert annual["grr"] == pytest.approx((1 - rates["gross_mrr_churn_rate"].mean()) ** 12)
    assert annual["nrr"] == pytest.approx(rates["nrr"].mean() ** 12)
    assert annual["logo_retention"] == pytest.approx((1 - rates["logo_churn_rate"].mean()) ** 12)
    assert not np.isnan(annual["grr"])


def test_growth_rates_and_the_contraction_rate(tiers_con):
    from cs_lib.metrics.growth import growth_by_dimension, growth_rates

    latest = growth_rates(tiers_con, "2025-01").iloc[-1]
    # A = A, B, C, E, F with 519,999 at m0. Contraction counts only accounts still active at m1: E lost
    # 300,000 (C's 49,999 is churn, not contraction) -> 300,000 / 519,999. Expansion 390,000 / 519,999;
    # upsell A, F -> 2/5; cross-sell A (addon is new) -> 1/5.
    assert latest["month"] == "2025-01" and latest["accounts_start"] == 5
    assert latest["contraction_rate"] == pytest.approx(300_000 / 519_999)
    assert latest["expansion_rate"] == pytest.approx(390_000 / 519_999)
    assert (latest["upsell_rate"], latest["cross_sell_rate"]) == pytest.approx((2 / 5, 1 / 5))
    by_segment = growth_by_dimension(tiers_con, "segment", "2025-01").set_index("value")
    # SMB: A up, B flat, C churned -> upsell 1/3; Enterprise: E down, F up -> 1/2.
    assert by_segment.loc["SMB", "upsell_rate_ttm"] == pytest.approx(1 / 3)
    assert by_segment.loc["Enterprise", "upsell_rate_ttm"] == pytest.approx(1 / 2)
    assert by_segment.loc["SMB", "weak"] and by_segment.loc["Enterprise", "accounts"] == 2
    # Contraction by segment: SMB none (C churned) -> 0; Enterprise E lost 300,000 of 410,000.
    assert by_segment.loc["SMB", "contraction_rate_ttm"] == 0
    assert by_segment.loc["Enterprise", "contraction_rate_ttm"] == pytest.approx(300_000 / 410_000)


# --- the MRR bridge year on year (Growth page) -------------------------------------------

YOY_MOVEMENTS = pd.DataFrame(
    {
        "month": ["2024-01", "2024-02", "2025-01", "2025-02"],
        "mrr": [1000.0, 1100.0, 2000.0, 2300.0],
        "new": [100.0, 80.0, 200.0, 250.0],
        "reactivation": [0.0, 10.0, 0.0, 20.0],
        "expansion": [50.0, 40.0, 100.0, 60.0],
        "contraction": [-20.0, -10.0, -50.0, -10.0],
        "churn": [-30.0, -20.0, -50.0, -20.0],
    }
)


def test_bridge_year_on_year_compares_the_same_months():
    # Q1 2025 so far = Jan + Feb 2025, against Jan + Feb 2024.
    table = bridge_year_on_year(YOY_MOVEMENTS, "quarter").set_index("component")
    # this: start = 2000 − (200 + 0 + 100 − 50 − 50) = 1800; new 450, reactivation 20, expansion 160,
    # contraction −60, churn −70; end 2300 (1800 + 450 + 20 + 160 − 60 − 70 = 2300)
    assert table["this_period"].tolist() == [1800, 450, 20, 160, -60, -70, 2300]
    # a year earlier: start = 1000 − (100 + 0 + 50 − 20 − 30) = 900; … end 1100
    assert table["year_earlier"].tolist() == [900, 180, 10, 90, -30, -50, 1100]
    assert table["change"].tolist() == [900, 270, 10, 70, -30, -20, 1200]
    month = bridge_year_on_year(YOY_MOVEMENTS, "month").set_index("component")
    assert (month.loc["start", "this_period"], month.loc["start", "year_earlier"]) == (2000, 1000)


def test_bridge_year_on_year_without_a_year_of_history_is_undefined():
    table = bridge_year_on_year(YOY_MOVEMENTS.iloc[2:], "month")
    assert table["year_earlier"].isna().all() and table["change"].isna().all()
    assert table["this_period"].tolist()[-1] == 2300


def test_the_bridge_from_movements_is_the_bridge(bridge_con):
    from cs_lib.metrics.kpis import mrr_movements

    movements = mrr_movements(bridge_con, "2024-06")
    assert bridge_from_movements(movements, "quarter").equals(mrr_bridge(bridge_con, "2024-06", period="quarter"))
