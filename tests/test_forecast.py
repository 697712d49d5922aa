"""The renewal forecast of METRICS.md §9: quarters, the Monte Carlo range, band rates, its back-test."""

from __future__ import annotations

from datetime import date

import duckdb
import numpy as np
import pandas as pd
import pytest
from scipy.stats import binom

from cs_lib.metrics import forecast


@pytest.mark.parametrize(("as_of", "first_quarter"), [
    (date(2026, 10, 1), "2027-Q1"), (date(2026, 9, 1), "2026-Q4"), (date(2026, 12, 1), "2027-Q1"),
    (date(2026, 1, 1), "2026-Q2"),
])
def test_first_quarter_starts_after_the_as_of_month(as_of, first_quarter):
    assert forecast.quarter_name(forecast.quarter_start_after(as_of)) == first_quarter


def test_p50_near_expected_value_and_seeded():
    # 200 lines of ARR 100 renewing with p = 0.8: renewed ARR = 100 × Binomial(200, 0.8), mean 16,000.
    arr, probability = np.full(200, 100.0), np.full(200, 0.8)
    p10, p50, p90 = forecast.simulate(arr, probability)
    assert abs(p50 - 16_000) <= 100  # within one line of the expected value
    assert p10 == pytest.approx(100 * binom.ppf(0.1, 200, 0.8), abs=100)
    assert p90 == pytest.approx(100 * binom.ppf(0.9, 200, 0.8), abs=100)
    assert forecast.simulate(arr, probability) == (p10, p50, p90)  # same inputs, same range


def test_each_band_renews_at_its_own_rate_and_unknown_groups_at_the_overall_rate():
    # History: healthy 3 of 4 renewed (0.75), at risk 1 of 4 (0.25); overall 4 of 8 = 0.5.
    history = pd.DataFrame({"group": ["healthy"] * 4 + ["at_risk"] * 4,
                            "renewed": [True, True, True, False, True, False, False, False]})
    rates = forecast.band_rates(history)
    assert rates == {"healthy": 0.75, "at_risk": 0.25, "overall": 0.5}
    # Lines: healthy 1,000, at risk 2,000, watch (no history → overall) 400.
    lines = pd.DataFrame({"group": ["healthy", "at_risk", "watch"], "arr": [1000.0, 2000.0, 400.0]})
    row = forecast._quarter_row(lines, rates)
    assert row["expiring_arr"] == 3400.0
    assert row["expected_arr"] == pytest.approx(0.75 * 1000 + 0.25 * 2000 + 0.5 * 400)  # 1,450
    assert row["p10"] <= row["p50"] <= row["p90"]


def test_demo_forecast_and_back_test(small_demo_db):
    with duckdb.connect(str(small_demo_db), read_only=True) as con:
        table = forecast.forecast(con, quarters=2)
        past = forecast.forecast_backtest(con)
    assert list(table.columns) == list(forecast.FORECAST_COLUMNS) and len(table) == 2
    assert (table["p10"] <= table["p50"]).all() and (table["p50"] <= table["p90"]).all()
    assert (table["p90"] <= table["expiring_arr"]).all()
    assert len(past) >= 4 and past["inside"].dtype == bool
    assert ((past["actual_arr"] >= 0) & (past["actual_arr"] <= past["expiring_arr"])).all()
