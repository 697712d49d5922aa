"""METRICS.md §13 on a hand-built warehouse: which accounts each period rests on, the per-account
parts the paired bootstrap resamples, and its interval — recomputed here independently, one
`rng.integers(0, n, n)` per draw, from the parts written out by hand."""

from __future__ import annotations

import duckdb
import numpy as np
import pytest

from cs_lib.filters import Filters
from cs_lib.metrics.comparison import compare_kpis
from tests.warehouse_fixtures import build_warehouse

# Five SMB accounts (2024 is a leap year; end dates inclusive):
#   A: core 2023-01-01 .. open, 100
#   B: core 2023-01-01 .. 2024-06-30, 200            (churns 2024-07)
#   C: core 2024-01-01 .. open, 50; addon 2024-06-01 .. open, 50
#   D: core 2022-01-01 .. 2023-12-31, 80             (churns 2024-01)
#   E: core 2024-12-01 .. open, 30
ACCOUNTS = [("A", "SMB"), ("B", "SMB"), ("C", "SMB"), ("D", "SMB"), ("E", "SMB")]
LINES = [
    ("a1", "A", "core", "2023-01-01", None, 100),
    ("b1", "B", "core", "2023-01-01", "2024-06-30", 200),
    ("c1", "C", "core", "2024-01-01", None, 50),
    ("c2", "C", "addon", "2024-06-01", None, 50),
    ("d1", "D", "core", "2022-01-01", "2023-12-31", 80),
    ("e1", "E", "core", "2024-12-01", None, 30),
]
CARDS = ("arr", "nrr_ttm", "grr_ttm", "upsell_rate_ttm", "logo_churn_rate_month")


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    path = build_warehouse(tmp_path_factory.mktemp("comparison") / "w.duckdb", ACCOUNTS, LINES, "2025-01-31")
    connection = duckdb.connect(str(path), read_only=True)
    yield connection
    connection.close()


def reference_interval(num_now, den_now, num_before, den_before, draws=2000):
    """§13 read literally: a fresh default_rng(0), one rng.integers(0, n, n) per draw, a draw dropped
    when either period's denominator is 0, the percentile interval (numpy's linear) of the differences."""
    arrays = [np.asarray(a, dtype=float) for a in (num_now, den_now, num_before, den_before)]
    rng = np.random.default_rng(0)
    n = len(arrays[0])
    differences = []
    for _ in range(draws):
        drawn = rng.integers(0, n, n)
        a, b, c, d = (array[drawn].sum() for array in arrays)
        if b != 0 and d != 0:
            differences.append(a / b - c / d)
    return tuple(np.percentile(differences, [2.5, 97.5]))


def test_ttm_rates_rest_on_the_accounts_active_a_window_before_each_month(con):
    changes = compare_kpis(con, CARDS, "2025-01", 12)
    # now (2025-01): A = active at 2024-01 = {A, B, C}; before (2024-01): active at 2023-01 = {A, B, D}
    assert (changes["nrr_ttm"].accounts_now, changes["nrr_ttm"].accounts_before) == (3, 3)
    # logo churn: active in 2024-12 = {A, C, E}; active in 2023-12 = {A, B, D}
    assert (changes["logo_churn_rate_month"].accounts_now, changes["logo_churn_rate_month"].accounts_before) == (3, 3)
    assert "arr" not in changes  # amounts are not tested


def test_nrr_change_and_its_interval_match_the_parts_worked_out_by_hand(con):
    change = compare_kpis(con, CARDS, "2025-01", 12)["nrr_ttm"]
    # Union sorted by account_id: A, B, C, D. MRR at the window's end / start:
    #   now:    A 100/100, B 0/200, C 100/50, D absent → NRR 200/350
    #   before: A 100/100, B 200/200, C absent, D 0/80  → NRR 300/380
    assert change.difference == pytest.approx(200 / 350 - 300 / 380)
    lower, upper = reference_interval([100, 0, 100, 0], [100, 200, 50, 0], [100, 200, 0, 0], [100, 200, 0, 80])
    assert (change.lower, change.upper) == pytest.approx((lower, upper), rel=1e-12)
    assert change.verdict == "too_few"  # 3 accounts: whatever the interval says


def test_grr_and_upsell_use_their_own_per_account_parts(con):
    changes = compare_kpis(con, CARDS, "2025-01", 12)
    # GRR: Σ min(end, start) / Σ start → now (100 + 0 + 50) / 350, before (100 + 200 + 0) / 380
    assert changes["grr_ttm"].difference == pytest.approx(150 / 350 - 300 / 380)
    lower, upper = reference_interval([100, 0, 50, 0], [100, 200, 50, 0], [100, 200, 0, 0], [100, 200, 0, 80])
    assert (changes["grr_ttm"].lower, changes["grr_ttm"].upper) == pytest.approx((lower, upper), rel=1e-12)
    # upsell: end > start → now only C (1 of 3), before none (0 of 3)
    assert changes["upsell_rate_ttm"].difference == pytest.approx(1 / 3)


def test_logo_churn_parts_count_the_accounts_active_the_month_before(con):
    change = compare_kpis(con, CARDS, "2025-01", 12)["logo_churn_rate_month"]
    # Union A, B, C, D, E. now: active in 2024-12 A, C, E, none churned in 2025-01 → 0/3;
    # before: active in 2023-12 A, B, D, D churned in 2024-01 → 1/3.
    assert change.difference == pytest.approx(0 - 1 / 3)
    lower, upper = reference_interval([0, 0, 0, 0, 0], [1, 0, 1, 0, 1], [0, 0, 0, 1, 0], [1, 1, 0, 1, 0])
    assert (change.lower, change.upper) == pytest.approx((lower, upper), rel=1e-12)


def test_a_filter_narrows_both_periods(con):
    changes = compare_kpis(con, CARDS, "2025-01", 12, Filters(product=("addon",)))
    # addon only: now A = active at 2024-01 with addon = {} → NRR undefined; before likewise
    assert changes["nrr_ttm"].accounts_now == 0 and changes["nrr_ttm"].difference is None
    assert changes["nrr_ttm"].verdict == "too_few"


def test_the_comparison_lag_moves_the_earlier_period(con):
    change = compare_kpis(con, CARDS, "2025-01", 1)["nrr_ttm"]
    # before = 2024-12: A = active at 2023-12 = {A, B, D}; MRR at 2024-12: A 100, B 0, D 0 → 100/380
    assert change.accounts_before == 3
    assert change.difference == pytest.approx(200 / 350 - 100 / 380)
