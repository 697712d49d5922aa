"""Renewals by month of expiry (§7), the price-tier staircase, and KPIs by segment with their intervals
(§4, §13), pinned on hand-built warehouses with the arithmetic in the comments."""

from __future__ import annotations

import duckdb
import numpy as np
import pytest

from cs_lib.filters import Filters
from cs_lib.metrics.kpis import kpis_at
from cs_lib.metrics.renewals import expiring_lines, renewals_by_month
from cs_lib.metrics.segments import kpi_by_dimension, kpi_by_two_dimensions
from cs_lib.metrics.tiers import assign_tiers, products_added_when_climbing, tier_transitions
from cs_lib.settings import DEFAULTS
from cs_lib.stats import ratio_interval
from tests.test_metrics_renewals import ACCOUNTS as RENEWAL_ACCOUNTS
from tests.test_metrics_renewals import LINES as RENEWAL_LINES
from tests.warehouse_fixtures import build_warehouse


@pytest.fixture(scope="module")
def renewals_con(tmp_path_factory):
    path = build_warehouse(tmp_path_factory.mktemp("renewals") / "w.duckdb", RENEWAL_ACCOUNTS, RENEWAL_LINES)
    with duckdb.connect(str(path), read_only=True) as connection:
        yield connection


def test_renewals_by_month_of_expiry(renewals_con):
    # The lines of tests/test_metrics_renewals.py read at as-of 2025-06 (grace 30 days):
    #   2024-09: e0 free, known 2024-10-30 -> a pilot, not converted
    #   2024-10: c0 free -> converted; 2024-11: d0 free -> converted (a paid line of another product)
    #   2024-12: a1 R, b1 -, g1 -, h1 -, h2 R -> 5 expiring, 2 renewed; first lines a1, b1, g1, h1 -> 4, 1 renewed
    #   2025-06: f1 ends 2025-06-15, known 2025-07-15 > 2025-06-30 -> pending, not counted
    #   i1 ends 2025-08: after the as-of month, absent.
    frame = renewals_by_month(renewals_con, "2025-06").set_index("month")
    assert list(frame.index) == ["2024-09", "2024-10", "2024-11", "2024-12", "2025-06"]
    december = frame.loc["2024-12"]
    assert (december["expiring"], december["renewed"], december["first_expiring"], december["first_renewed"]) == (
        5, 2, 4, 1)
    assert december["renewal_rate"] == pytest.approx(2 / 5)
    assert december["first_renewal_rate"] == pytest.approx(1 / 4)
    assert list(frame["pilots"]) == [1, 1, 1, 0, 0]
    assert list(frame["pilots_converted"]) == [0, 1, 1, 0, 0]
    assert list(frame["pending"]) == [0, 0, 0, 0, 1]
    assert np.isnan(frame.loc["2025-06", "renewal_rate"])  # nothing counted: undefined, not 0
    # The months' counts add up to the TTM KPIs of the same as-of month.
    kpis = kpis_at(renewals_con, "2025-06")
    assert frame["renewed"].sum() / frame["expiring"].sum() == pytest.approx(kpis["renewal_rate_ttm"])
    assert frame["pending"].sum() == kpis["renewals_pending"]
    # A month later f1's grace has passed: counted and renewed by f2.
    later = renewals_by_month(renewals_con, "2025-07").set_index("month")
    assert (later.loc["2025-06", "expiring"], later.loc["2025-06", "renewed"], later.loc["2025-06", "pending"]) == (
        1, 1, 0)


def test_expiring_lines_with_their_outcome(renewals_con):
    lines = expiring_lines(renewals_con, "2025-06").set_index("subscription_id")
    assert lines.loc["f1", "outcome"] == "pending"
    assert lines.loc["a1", "outcome"] == "renewed" and lines.loc["b1", "outcome"] == "not_renewed"
    assert lines.loc["c0", "kind"] == "free" and lines.loc["c0", "outcome"] == "converted"
    assert lines.loc["e0", "outcome"] == "not_converted"
    assert "i1" not in lines.index  # ends after the as-of month


# The staircase, tiers at the default breaks 50,000 and 300,000 (T1 < 50,000 <= T2 < 300,000 <= T3),
# m0 = 2024-01, m1 = 2025-01:
#   A SMB: core 10,000 from 2023; addon 50,000 from 2024-06 -> T1 (10,000) -> T2 (60,000), added addon
#   B SMB: core 50,000 throughout                             -> T2 -> T2 (a break belongs to the upper tier)
#   C SMB: core 49,999 until 2024-06-30                        -> T1 -> churned
#   D Ent: core 400,000 from 2024-12-01                        -> new -> T3
#   E Ent: core 400,000 until 2024-03-31, then core 100,000    -> T3 -> T2
#   F Ent: core 10,000 until 2024-05-31, then core 350,000     -> T1 -> T3 (climbed, no product added)
TIER_ACCOUNTS = [("A", "SMB"), ("B", "SMB"), ("C", "SMB"), ("D", "Enterprise"), ("E", "Enterprise"),
                 ("F", "Enterprise")]
TIER_LINES = [
    ("a1", "A", "core", "2023-01-01", None, 10_000),
    ("a2", "A", "addon", "2024-06-01", None, 50_000),
    ("b1", "B", "core", "2023-06-01", None, 50_000),
    ("c1", "C", "core", "2023-06-01", "2024-06-30", 49_999),
    ("d1", "D", "core", "2024-12-01", None, 400_000),
    ("e1", "E", "core", "2023-01-01", "2024-03-31", 400_000),
    ("e2", "E", "core", "2024-04-01", None, 100_000),
    ("f1", "F", "core", "2023-01-01", "2024-05-31", 10_000),
    ("f2", "F", "core", "2024-06-01", None, 350_000),
]


@pytest.fixture(scope="module")
def tiers_con(tmp_path_factory):
    path = build_warehouse(tmp_path_factory.mktemp("tiers") / "w.duckdb", TIER_ACCOUNTS, TIER_LINES,
                           recorded_through="2025-01-15")
    with duckdb.connect(str(path), read_only=True) as connection:
        yield connection


def test_tier_boundaries():
    assert list(assign_tiers(np.array([0, 1, 49_999, 50_000, 299_999, 300_000]), (50_000, 300_000))) == [
        0, 1, 1, 2, 2, 3]


def test_tier_transition_matrix(tiers_con):
    frame = tier_transitions(tiers_con, "2025-01")
    matrix = {(row.from_tier, row.to_tier): (row.accounts, row.share) for row in frame.itertuples()}
    # T1 at m0: A, C, F -> T2 1, T3 1, churned 1 (each 1/3), T1 0.
    assert matrix[("T1", "T1")] == (0, 0.0)
    assert matrix[("T1", "T2")] == (1, pytest.approx(1 / 3))
    assert matrix[("T1", "T3")] == (1, pytest.approx(1 / 3))
    assert matrix[("T1", "churned")] == (1, pytest.approx(1 / 3))
    assert matrix[("T2", "T2")] == (1, 1.0)  # B
    assert matrix[("T3", "T2")] == (1, 1.0)  # E stepped down
    assert matrix[("new", "T3")] == (1, 1.0)  # D
    assert len(frame) == 3 * 4 + 3  # every tier to every tier or churned, and new to every tier
    assert frame["accounts"].sum() == 6


def test_products_added_by_the_accounts_that_climbed(tiers_con):
    # Climbed: A (T1 -> T2, added addon) and F (T1 -> T3, same product at a higher price).
    frame = products_added_when_climbing(tiers_con, "2025-01")
    assert frame.to_dict("records") == [{"product": "addon", "accounts_added": 1, "climbers": 2}]


def test_tier_breaks_are_a_setting(tiers_con):
    # One break at 20,000: T1 < 20,000 <= T2. m0: A, F (10,000) T1; B, C, E T2.
    # A -> T2, F -> T2, C -> churned, B -> T2, E -> T2; D new -> T2.
    settings = DEFAULTS.__class__(tier_breaks="20000")
    frame = tier_transitions(tiers_con, "2025-01", settings=settings)
    matrix = {(row.from_tier, row.to_tier): row.accounts for row in frame.itertuples()}
    assert matrix == {("T1", "T1"): 0, ("T1", "T2"): 2, ("T1", "churned"): 0, ("T2", "T1"): 0, ("T2", "T2"): 2,
                      ("T2", "churned"): 1, ("new", "T1"): 0, ("new", "T2"): 1}


def test_kpis_by_segment_with_wilson_intervals_and_weak_marks(tiers_con):
    frame = kpi_by_dimension(tiers_con, "logo_retention_ttm", "segment", "2025-01").set_index("value")
    # A = accounts active in 2024-01: A, B, C (SMB), E, F (Enterprise). SMB retained A, B: 2/3 on 3 accounts.
    # Wilson (z = 1.959964, z² = 3.841459): centre (2 + 1.920729)/(3 + 3.841459) = 0.573081,
    # half-width 1.959964/6.841459 · √(2·1/3 + 3.841459/4) = 0.286484 · 1.275552 = 0.365427
    # -> (0.207660, 0.938508).
    assert frame.loc["SMB", "accounts"] == 3
    assert frame.loc["SMB", "kpi"] == pytest.approx(2 / 3)
    assert (frame.loc["SMB", "lower"], frame.loc["SMB", "upper"]) == pytest.approx((0.207660, 0.938508), abs=1e-6)
    assert frame.loc["Enterprise", "kpi"] == 1.0 and frame.loc["Enterprise", "accounts"] == 2
    assert frame["weak"].all()  # fewer than 30 accounts each


def test_revenue_ratios_by_segment_use_the_account_bootstrap(tiers_con):
    frame = kpi_by_dimension(tiers_con, "nrr_ttm", "segment", "2025-01").set_index("value")
    # SMB: (60,000 + 50,000 + 0) / (10,000 + 50,000 + 49,999) = 110,000 / 109,999.
    # Enterprise: (100,000 + 350,000) / (400,000 + 10,000) = 450,000 / 410,000.
    assert frame.loc["SMB", "kpi"] == pytest.approx(110_000 / 109_999)
    assert frame.loc["Enterprise", "kpi"] == pytest.approx(450_000 / 410_000)
    # The interval is cs_lib.stats.ratio_interval over the segment's accounts (in account_id order).
    expected = ratio_interval(np.array([100_000, 350_000]), np.array([400_000, 10_000]))
    assert (frame.loc["Enterprise", "lower"], frame.loc["Enterprise", "upper"]) == pytest.approx(expected)


def test_kpis_by_tier_product_and_two_dimensions(tiers_con):
    by_tier = kpi_by_dimension(tiers_con, "logo_retention_ttm", "tier", "2025-01").set_index("value")
    # Tier at m0: T1 A, C, F -> 2/3; T2 B -> 1; T3 E -> 1.
    assert by_tier["kpi"].to_dict() == {"T1": pytest.approx(2 / 3), "T2": 1.0, "T3": 1.0}
    by_product = kpi_by_dimension(tiers_con, "logo_retention_ttm", "product", "2025-01").set_index("value")
    # core at m0: A, B, C, E, F -> at m1 A, B, E, F hold core: 4/5. addon: nobody held it at m0: undefined.
    assert by_product.loc["core", "kpi"] == pytest.approx(4 / 5) and by_product.loc["core", "accounts"] == 5
    assert by_product.loc["addon", "accounts"] == 0 and np.isnan(by_product.loc["addon", "kpi"])
    grid = kpi_by_two_dimensions(tiers_con, "logo_retention_ttm", "segment", "tier", "2025-01")
    cells = {(row.row, row.column): (row.accounts, row.kpi) for row in grid.itertuples()}
    # SMB: A T1 kept, B T2 kept, C T1 lost; Enterprise: E T3 kept, F T1 kept.
    assert cells == {("SMB", "T1"): (2, 0.5), ("SMB", "T2"): (1, 1.0), ("Enterprise", "T1"): (1, 1.0),
                     ("Enterprise", "T3"): (1, 1.0)}


def test_segment_values_equal_the_filtered_kpis(tiers_con):
    # Every per-segment value is the KPI the engine gives with that segment as the filter.
    for kpi in ("grr_ttm", "nrr_ttm", "upsell_rate_ttm", "expansion_rate_ttm", "logo_churn_rate_month",
                "nrr_month"):
        frame = kpi_by_dimension(tiers_con, kpi, "segment", "2025-01")
        for row in frame.itertuples():
            expected = kpis_at(tiers_con, "2025-01", Filters(segment=(row.value,)))[kpi]
            assert (row.kpi if not np.isnan(row.kpi) else None) == pytest.approx(expected), (kpi, row.value)
