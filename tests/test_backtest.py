"""The health score back-test of METRICS.md §8: churn within 3 months, AUC, per-band churn, suggested
weights; AUC checked against scipy's Mann–Whitney U and the logistic fit against statsmodels."""

from __future__ import annotations

from datetime import date

import duckdb
import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm
from scipy.stats import mannwhitneyu

from cs_lib.metrics import backtest, health
from cs_lib.stats.classification import auc, logistic_fit


def _history(rows: list[tuple]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["account_id", "month", "health"])
    frame["month"] = [date.fromisoformat(f"{m}-01") for m in frame["month"]]
    frame["band"] = health.bands_of(frame["health"].to_numpy())
    return frame


# Scored in 2024-01: X1 80 (healthy), X2 50 (watch), X3 30 (at risk), X4 50 (watch).
# X1 and X4 are active in Feb, Mar and Apr: retained. X2 is missing in March (back in April: it still
# churned within 3 months); X3 is active in February only: churned.
HISTORY = _history([
    ("X1", "2024-01", 80.0), ("X2", "2024-01", 50.0), ("X3", "2024-01", 30.0), ("X4", "2024-01", 50.0),
    ("X1", "2024-02", 80.0), ("X2", "2024-02", 50.0), ("X3", "2024-02", 30.0), ("X4", "2024-02", 50.0),
    ("X1", "2024-03", 80.0), ("X4", "2024-03", 50.0),
    ("X1", "2024-04", 80.0), ("X2", "2024-04", 50.0), ("X4", "2024-04", 50.0),
])


def test_churn_within_three_months_per_account():
    rows = backtest.outcome_rows(HISTORY, date(2024, 4, 1))  # months up to 2024-01 only
    churned = dict(zip(rows["account_id"], rows["churned_3m"], strict=True))
    assert set(rows["month"]) == {date(2024, 1, 1)}
    assert churned == {"X1": False, "X2": True, "X3": True, "X4": False}


def test_month_record_auc_and_churn_per_band():
    rows = backtest.outcome_rows(HISTORY, date(2024, 4, 1))
    record = backtest._month_record(date(2024, 1, 1), rows)
    # Retained (positive) 80, 50; churned 50, 30. Pairs: (80>50) 1, (80>30) 1, (50=50) ½, (50>30) 1
    # → 3.5 / (2·2) = 0.875.
    assert record["auc"] == pytest.approx(0.875)
    assert record["accounts"] == 4
    assert record["churn_3m_healthy"] == 0.0  # X1 retained
    assert record["churn_3m_watch"] == 0.5  # X2 churned, X4 retained
    assert record["churn_3m_at_risk"] == 1.0  # X3 churned
    assert (record["accounts_healthy"], record["accounts_watch"], record["accounts_at_risk"]) == (1, 2, 1)


def test_auc_undefined_when_a_class_is_empty():
    assert auc(np.array([1.0, 2.0]), np.array([True, True])) is None
    assert auc(np.array([]), np.array([], dtype=bool)) is None


def test_auc_agrees_with_scipy_mann_whitney():
    rng = np.random.default_rng(3)
    scores = np.round(rng.normal(60, 15, 400))  # rounded: many ties
    positive = rng.random(400) < 1 / (1 + np.exp(-(scores - 60) / 10))
    expected = mannwhitneyu(scores[positive], scores[~positive]).statistic / (positive.sum() * (~positive).sum())
    assert auc(scores, positive) == pytest.approx(expected, abs=1e-12)


def test_logistic_fit_agrees_with_statsmodels():
    rng = np.random.default_rng(5)
    features = rng.uniform(0, 1, (500, 3))
    outcome = rng.random(500) < 1 / (1 + np.exp(-(0.5 + 2 * features[:, 0] - 1 * features[:, 2])))
    reference = sm.Logit(outcome.astype(float), sm.add_constant(features)).fit(disp=0).params
    assert logistic_fit(features, outcome) == pytest.approx(reference, abs=1e-6)


def test_calibration_bins():
    rows = backtest.outcome_rows(HISTORY, date(2024, 4, 1))
    table = backtest.calibration(rows).set_index("health_bin")
    # 30–40: X3 churned → 0 retained; 50–60: X2 churned, X4 retained → ½; 80–90: X1 → 1.
    assert table.loc["30–40", "retained_3m"] == 0.0
    assert table.loc["50–60", "retained_3m"] == 0.5
    assert table.loc["50–60", "accounts"] == 2
    assert table.loc["80–90", "retained_3m"] == 1.0


def test_demo_back_test_auc_above_0_7(small_demo_db):
    # The demo's components carry signal: the wiring from usage to AUC works end to end.
    with duckdb.connect(str(small_demo_db), read_only=True) as con:
        table = backtest.backtest(con)
        history = health.scored_history(con)
        last = table["month"].iloc[-1]
        suggestion = backtest.suggest_weights(backtest.outcome_rows(history, date.fromisoformat(f"{last}-01")))
    weighty = table[table["accounts"] >= 100]
    assert len(weighty) >= 12
    assert weighty["auc"].mean() > 0.7
    assert suggestion.current_auc > 0.7
    assert sum(suggestion.suggested.values()) == pytest.approx(1.0, abs=0.03)
    # Churn within 3 months is highest in the at-risk band, pooled over the months.
    assert weighty["churn_3m_at_risk"].mean() > weighty["churn_3m_watch"].mean() > weighty["churn_3m_healthy"].mean()
