"""The health score of METRICS.md §8 on a hand-computed fixture (tests/health_fixtures.py).

D = 2024-06-30; window [2024-04-02, 2024-06-30].
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import duckdb
import numpy as np
import pandas as pd
import pytest

from cs_lib.filters import Filters
from cs_lib.metrics import health
from cs_lib.settings import DEFAULTS
from tests.health_fixtures import build_health_warehouse, frame

JUNE = date(2024, 6, 1)


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    path = build_health_warehouse(tmp_path_factory.mktemp("health") / "health.duckdb")
    connection = duckdb.connect(str(path), read_only=True)
    yield connection
    connection.close()


@pytest.fixture(scope="module")
def june(con):
    rows = health.month_rows(health.scored_history(con), JUNE)
    return rows.set_index("account_id")


def test_only_accounts_active_in_the_month_get_a_row(june):
    # A9's only line ended 2024-05-31.
    assert sorted(june.index) == ["A1", "A10", "A2", "A3", "A4", "A5", "A6", "A7"]


def test_adoption_percentile_rank_per_seat_within_segment(june):
    # SMB, per seat: A1 (50+50)/10 = 10 (the 999 on 2024-04-01 is outside the window),
    # A2 200/10 = 20, A3 100/10 = 10, A4 0/10 = 0 (usage only before the window). n = 4:
    # A4: 0 lower → 0/3 = 0; A1, A3: 1 lower + ½·1 equal → 1.5/3 = 50; A2: 3 lower → 100.
    assert june.loc["A4", "adoption"] == pytest.approx(0.0)
    assert june.loc["A1", "adoption"] == pytest.approx(50.0)
    assert june.loc["A3", "adoption"] == pytest.approx(50.0)
    assert june.loc["A2", "adoption"] == pytest.approx(100.0)
    assert june.loc["A1", "adoption_value"] == pytest.approx(10.0)


def test_adoption_groups_of_one_absent_and_other_metric(june):
    # A5 has no seats: per account, alone in its group → 50. A7 (Enterprise) has only `logins`:
    # present with a sum of 0, alone → 50. A10's blank segment is its own group → 50.
    # A6's only usage row is after D: absent.
    assert june.loc["A5", "adoption"] == pytest.approx(50.0)
    assert june.loc["A7", "adoption"] == pytest.approx(50.0)
    assert june.loc["A7", "adoption_value"] == pytest.approx(0.0)
    assert june.loc["A10", "adoption"] == pytest.approx(50.0)
    assert np.isnan(june.loc["A6", "adoption"])


def test_engagement_falls_linearly_to_zero_at_180_days(june):
    # A1 touched on D → 100. A2 on 2024-03-02: 120 days → 100·(1 − 120/180) = 33.33.
    # A3 on 2024-01-01: 181 days → 0 (its 2024-07-01 touch is after D). Never touched → 0.
    assert june.loc["A1", "engagement"] == pytest.approx(100.0)
    assert june.loc["A2", "engagement"] == pytest.approx(100 / 3)
    assert june.loc["A3", "engagement"] == pytest.approx(0.0)
    assert june.loc["A4", "engagement"] == pytest.approx(0.0)


def test_support_open_high_tickets_and_csat(june):
    # A1: T1 and T2 (closed after D) are open high → 100 − 40 = 60; CSAT of T3 (4) and T4 (2)
    # closed in the window → mean 3 → (3−1)/4·100 = 50; support = (60 + 50)/2 = 55.
    # A2: six open high → floored at 0, no CSAT → 0. A3: CSAT closed before the window → 100.
    # A4: its ticket opens after D → 100. No tickets → 100.
    assert june.loc["A1", "support"] == pytest.approx(55.0)
    assert june.loc["A2", "support"] == pytest.approx(0.0)
    assert june.loc["A3", "support"] == pytest.approx(100.0)
    assert june.loc["A4", "support"] == pytest.approx(100.0)
    assert june.loc["A7", "support"] == pytest.approx(100.0)


def test_sentiment_latest_response_mean_on_that_date(june):
    # A1: 2024-05-05 has 7 and 8 → 7.5 → 75. A2's only response is after D: absent. A3: 10 → 100.
    assert june.loc["A1", "sentiment"] == pytest.approx(75.0)
    assert np.isnan(june.loc["A2", "sentiment"])
    assert june.loc["A3", "sentiment"] == pytest.approx(100.0)


def test_growth_from_mrr_three_months_earlier(june):
    # A1: 100 → 150 (+50 %) → 75. A2 flat → 50. A3: 200 → 100 (−50 %) → 25.
    # A4: 100 → 400 (+300 %, clamped to +100 %) → 100. A5 started in May: MRR(m−3) = 0 → absent.
    assert june.loc["A1", "growth"] == pytest.approx(75.0)
    assert june.loc["A2", "growth"] == pytest.approx(50.0)
    assert june.loc["A3", "growth"] == pytest.approx(25.0)
    assert june.loc["A4", "growth"] == pytest.approx(100.0)
    assert np.isnan(june.loc["A5", "growth"])


def test_health_weighted_mean_reweights_absent_components(june):
    # Weights .30 .15 .20 .20 .15.
    # A1: .3·50 + .15·100 + .2·55 + .2·75 + .15·75 = 15 + 15 + 11 + 15 + 11.25 = 67.25.
    # A2: sentiment absent → (.3·100 + .15·33.33 + .2·0 + .15·50) / .8 = 42.5 / .8 = 53.125.
    # A5: sentiment and growth absent → (.3·50 + .15·0 + .2·100) / .65 = 35 / .65 = 53.846.
    # A6: adoption and sentiment absent → (.15·0 + .2·100 + .15·50) / .5 = 27.5 / .5 = 55.
    assert june.loc["A1", "health"] == pytest.approx(67.25)
    assert june.loc["A2", "health"] == pytest.approx(53.125)
    assert june.loc["A5", "health"] == pytest.approx(35 / 0.65)
    assert june.loc["A6", "health"] == pytest.approx(55.0)
    assert june.loc["A1", "band"] == "watch"
    assert not june["low_confidence"].any()


def test_zero_weight_counts_as_absent_and_low_confidence(con):
    # Only adoption weighted: health = adoption; one component → low confidence;
    # A6 has no adoption → no component at all: health and band undefined.
    only_adoption = replace(DEFAULTS, health_weight_engagement=0.0, health_weight_support=0.0,
                            health_weight_sentiment=0.0, health_weight_growth=0.0)
    rows = health.month_rows(health.scored_history(con, only_adoption), JUNE).set_index("account_id")
    assert rows.loc["A2", "health"] == pytest.approx(100.0)
    assert rows.loc["A2", "band"] == "healthy"
    assert rows.loc["A4", "band"] == "at_risk"
    assert rows["low_confidence"].all()
    assert np.isnan(rows.loc["A6", "health"]) and pd.isna(rows.loc["A6", "band"])


def test_two_components_are_enough_for_confidence(con):
    # Adoption and growth weighted: A5 (no growth) has one → low confidence; A1 has two → not.
    two = replace(DEFAULTS, health_weight_engagement=0.0, health_weight_support=0.0, health_weight_sentiment=0.0)
    rows = health.month_rows(health.scored_history(con, two), JUNE).set_index("account_id")
    assert bool(rows.loc["A5", "low_confidence"]) is True
    assert bool(rows.loc["A1", "low_confidence"]) is False
    # A1: (.3·50 + .15·75) / .45 = 26.25 / .45 = 58.33
    assert rows.loc["A1", "health"] == pytest.approx(26.25 / 0.45)


def test_bands_at_their_thresholds_with_tolerance():
    values = np.array([70.0, 70 - 1e-10, 70 - 1e-6, 40.0, 40 - 1e-10, 39.99, np.nan])
    assert list(health.bands_of(values)) == ["healthy", "healthy", "watch", "watch", "watch", "at_risk", None]
    stricter = replace(DEFAULTS, health_band_healthy=80.0, health_band_watch=50.0)
    assert list(health.bands_of(np.array([79.9, 50.0, 49.9]), stricter)) == ["watch", "watch", "at_risk"]


def test_other_adoption_metric_setting(con):
    # Adoption from `logins`: SMB per seat A1 = 7000/10 = 700, all other SMB per-seat accounts 0
    # (they have usage rows) → A1: 3 lower → 100; A2, A3, A4 tie: 0 lower + ½·2 → 1/3 → 33.33.
    rows = health.month_rows(
        health.scored_history(con, replace(DEFAULTS, health_adoption_metric="logins")), JUNE
    ).set_index("account_id")
    assert rows.loc["A1", "adoption"] == pytest.approx(100.0)
    assert rows.loc["A2", "adoption"] == pytest.approx(100 / 3)


def test_filters_choose_rows_without_changing_ranks(con, june):
    rows = health.month_rows(health.scored_history(con), JUNE, Filters(csm=("Sato",))).set_index("account_id")
    assert sorted(rows.index) == ["A1", "A2"]
    assert rows.loc["A2", "adoption"] == pytest.approx(june.loc["A2", "adoption"])
    by_product = health.month_rows(health.scored_history(con), JUNE, Filters(product=("addon",)))
    assert list(by_product["account_id"]) == ["A1"]


def test_components_absent_when_their_tables_are_empty_before_d(tmp_path):
    # Only accounts and subscriptions: no usage, touchpoints, tickets or NPS → only growth, low confidence.
    path = build_health_warehouse(tmp_path / "bare.duckdb", {
        "accounts": frame([("B1", "SMB", "2024-06-30")], ["account_id", "segment", "created_on"], ("created_on",)),
        "subscriptions": frame([("S", "B1", "core", "2024-01-01", None, 100, 1)],
                               ["subscription_id", "account_id", "product", "start_date", "end_date", "mrr", "seats"],
                               ("start_date", "end_date")),
    })
    with duckdb.connect(str(path), read_only=True) as bare:
        row = health.month_rows(health.scored_history(bare), JUNE).iloc[0]
    assert np.isnan(row["adoption"]) and np.isnan(row["engagement"]) and np.isnan(row["support"])
    assert row["growth"] == pytest.approx(50.0) and row["health"] == pytest.approx(50.0)
    assert bool(row["low_confidence"]) is True


def test_band_counts_and_trend_list_every_band():
    from cs_lib.metrics.health_views import band_counts, band_trend

    rows = pd.DataFrame({"month": [date(2024, 5, 1)] * 3 + [date(2024, 6, 1)],
                         "band": ["healthy", "watch", None, "at_risk"]})
    counts = band_counts(rows[rows["month"] == date(2024, 5, 1)])
    # May: 1 healthy, 1 watch, 0 at risk, 1 unscored, of 3.
    assert counts.values.tolist() == [["healthy", 1, 1 / 3], ["watch", 1, 1 / 3], ["at_risk", 0, 0.0],
                                      ["unscored", 1, 1 / 3]]
    trend = band_trend(rows)
    june = trend[trend["month"] == "2024-06"].set_index("band")
    assert june.loc["at_risk", "accounts"] == 1 and june.loc["at_risk", "share"] == 1.0
    assert june.loc["healthy", "accounts"] == 0 and len(trend) == 8


def test_why_the_score_moved():
    from cs_lib.metrics.health_views import score_change

    history = pd.DataFrame({"month": ["2024-05", "2024-06"], "adoption": [40.0, 60.0],
                            "engagement": [100.0, 70.0], "support": [80.0, 80.0],
                            "sentiment": [np.nan, np.nan], "growth": [50.0, np.nan]})
    change = score_change(history).set_index("component")
    # Present now: adoption .30, engagement .15, support .20 → Σ .65.
    # Adoption: .30/.65 × (+20) = +9.23; engagement: .15/.65 × (−30) = −6.92; support 0;
    # sentiment and growth absent now: weight 0, contribution undefined (growth) or undefined (sentiment).
    assert change.loc["adoption", "contribution"] == pytest.approx(0.30 / 0.65 * 20)
    assert change.loc["engagement", "contribution"] == pytest.approx(-0.15 / 0.65 * 30)
    assert change.loc["support", "contribution"] == pytest.approx(0.0)
    assert np.isnan(change.loc["growth", "contribution"]) and change.loc["growth", "weight"] == 0.0
    assert change["weight"].sum() == pytest.approx(1.0)


def test_scores_are_memoised_for_a_snapshot_connection(small_demo_db):
    # The app reads through a link removed once open (connect_snapshot): the scores are still
    # computed once for that connection, not on every call.
    from cs_lib.warehouse_swap import connect_snapshot

    con = connect_snapshot(small_demo_db)
    try:
        first = health.scored_history(con)
        assert health.scored_history(con) is first
    finally:
        con.close()
