"""METRICS.md §4-7 pinned on hand-computed fixtures (arithmetic in the comments)."""

from __future__ import annotations

import duckdb
import pytest

from cs_lib.filters import Filters
from cs_lib.metrics.cohorts import cohort_retention
from cs_lib.metrics.kpis import kpis_at, retention_trend
from cs_lib.settings import Settings
from tests.test_metrics_mrr_and_movements import (
    BASICS_ACCOUNTS,
    BASICS_LINES,
    REACTIVATION_ACCOUNTS,
    REACTIVATION_LINES,
)
from tests.warehouse_fixtures import build_warehouse

# Fixture "twelve months": m0 = 2024-01, m1 = 2025-01.
#   E: core 2024-01-01 .. open 100; analytics 2024-06-01 .. open 20       m0 100, m1 120 (upsell, cross-sell)
#   F: core 2024-01-01 .. 2024-12-31 200; core 2025-01-01 .. open 150     m0 200, m1 150 (renewed lower)
#   G: core 2024-01-01 .. 2024-06-30 100                                  m0 100, m1   0 (churned)
#   H: core 2024-01-01 .. 2024-03-31 50; core 2024-10-01 .. open 80       m0  50, m1  80 (reactivated higher)
#   I: core 2024-05-01 .. open 500                                        not in A (not active in m0)
# A = {E, F, G, H}, sum MRR(m0) = 100 + 200 + 100 + 50 = 450.
TWELVE_ACCOUNTS = [("E", "SMB"), ("F", "Enterprise"), ("G", "SMB"), ("H", "SMB"), ("I", "Enterprise")]
TWELVE_LINES = [
    ("e1", "E", "core", "2024-01-01", None, 100),
    ("e2", "E", "analytics", "2024-06-01", None, 20),
    ("f1", "F", "core", "2024-01-01", "2024-12-31", 200),
    ("f2", "F", "core", "2025-01-01", None, 150),
    ("g1", "G", "core", "2024-01-01", "2024-06-30", 100),
    ("h1", "H", "core", "2024-01-01", "2024-03-31", 50),
    ("h2", "H", "core", "2024-10-01", None, 80),
    ("i1", "I", "core", "2024-05-01", None, 500),
]

# Fixture "renewals": as-of 2025-06, so the period is 2024-07-01 .. 2025-06-30; grace 30 days.
#   J: j1 core ..2024-12-31; j2 core 2025-01-01..2025-12-31   j1 renewed; j2 expires after as-of: not counted
#   K: k1 core ..2025-02-28; k2 core 2025-03-30..open         2025-02-28 + 30 days = 2025-03-30: renewed (inclusive)
#   L: l1 core ..2025-01-31; l2 core 2025-03-03..open         2025-01-31 + 30 days = 2025-03-02: one day late
#   M: m1 addon ..2025-05-31; m2 core 2025-06-01..open        another product: not a renewal
#   N: n1 core 2023-01-01..2023-12-31; n2 core ..2024-12-31; n3 core 2025-01-01..open
#      n1 expired before the period; n2 renewed by n3
# Expiring in the period: j1 R, k1 R, l1 -, m1 -, n2 R  -> renewal rate 3/5 = 0.6
# First expiring line per account: j1 R, k1 R, l1 -, m1 -, (N's is n1, outside the period) -> 2/4 = 0.5
RENEWAL_ACCOUNTS = [("J", "SMB"), ("K", "SMB"), ("L", "SMB"), ("M", "SMB"), ("N", "SMB")]
RENEWAL_LINES = [
    ("j1", "J", "core", "2024-01-01", "2024-12-31", 100),
    ("j2", "J", "core", "2025-01-01", "2025-12-31", 100),
    ("k1", "K", "core", "2024-03-01", "2025-02-28", 100),
    ("k2", "K", "core", "2025-03-30", None, 100),
    ("l1", "L", "core", "2024-02-01", "2025-01-31", 100),
    ("l2", "L", "core", "2025-03-03", None, 100),
    ("m1", "M", "addon", "2024-06-01", "2025-05-31", 100),
    ("m2", "M", "core", "2025-06-01", None, 100),
    ("n1", "N", "core", "2023-01-01", "2023-12-31", 100),
    ("n2", "N", "core", "2024-01-01", "2024-12-31", 100),
    ("n3", "N", "core", "2025-01-01", None, 100),
]


def _open(tmp_path_factory, name, accounts, lines):
    path = build_warehouse(tmp_path_factory.mktemp(name) / "w.duckdb", accounts, lines)
    return duckdb.connect(str(path), read_only=True)


@pytest.fixture(scope="module")
def twelve(tmp_path_factory):
    with _open(tmp_path_factory, "twelve", TWELVE_ACCOUNTS, TWELVE_LINES) as con:
        yield con


@pytest.fixture(scope="module")
def renewals(tmp_path_factory):
    with _open(tmp_path_factory, "renewals", RENEWAL_ACCOUNTS, RENEWAL_LINES) as con:
        yield con


@pytest.fixture(scope="module")
def basics(tmp_path_factory):
    with _open(tmp_path_factory, "basics", BASICS_ACCOUNTS, BASICS_LINES) as con:
        yield con


@pytest.fixture(scope="module")
def reactivation(tmp_path_factory):
    with _open(tmp_path_factory, "reactivation", REACTIVATION_ACCOUNTS, REACTIVATION_LINES) as con:
        yield con


def test_twelve_month_retention_by_hand(twelve):
    values = kpis_at(twelve, "2025-01")
    # sum MRR(m1) over A = 120 + 150 + 0 + 80 = 350
    assert values["nrr_ttm"] == pytest.approx(350 / 450)
    # sum min(MRR(m1), MRR(m0)) = 100 + 150 + 0 + 50 = 300
    assert values["grr_ttm"] == pytest.approx(300 / 450)
    assert values["logo_retention_ttm"] == pytest.approx(3 / 4)  # E, F, H still active
    assert values["upsell_rate_ttm"] == pytest.approx(2 / 4)  # E 120 > 100, H 80 > 50
    assert values["expansion_rate_ttm"] == pytest.approx((20 + 30) / 450)
    assert values["cross_sell_rate_ttm"] == pytest.approx(1 / 4)  # E gained analytics


def test_grr_never_exceeds_one_and_nrr_shows_expansion(twelve):
    trend = retention_trend(twelve, "2025-01").dropna(subset=["grr"])
    assert (trend["grr"] <= 1).all()
    assert (trend["nrr"] >= trend["grr"]).all()


def test_retention_before_a_full_window_is_undefined(twelve):
    # m0 = 2023-12 lies before the data: A is empty.
    values = kpis_at(twelve, "2024-12")
    assert values["grr_ttm"] is None and values["nrr_ttm"] is None and values["logo_retention_ttm"] is None
    trend = retention_trend(twelve, "2025-01")
    assert trend.loc[trend["month"] < "2025-01", "grr"].isna().all()


def test_retention_over_a_shorter_window(twelve):
    # 6-month window at 2024-07: m0 = 2024-01, A = {E, F, G, H}; MRR(2024-07): E 120, F 200, G 0, H 0.
    trend = retention_trend(twelve, "2024-07", window_months=6).set_index("month")
    assert trend.loc["2024-07", "nrr"] == pytest.approx((120 + 200) / 450)
    assert trend.loc["2024-07", "grr"] == pytest.approx((100 + 200) / 450)
    assert trend.loc["2024-07", "logo_retention"] == pytest.approx(2 / 4)
    # The *_ttm names stay twelve months whatever else is asked: 2024-07 has no m0 in the data.
    assert kpis_at(twelve, "2024-07")["nrr_ttm"] is None


def test_retention_respects_the_filters(twelve):
    # SMB: A = {E, G, H}, sum MRR(m0) = 250; m1: E 120, G 0, H 80.
    values = kpis_at(twelve, "2025-01", Filters(segment=("SMB",)))
    assert values["nrr_ttm"] == pytest.approx(200 / 250)
    assert values["grr_ttm"] == pytest.approx((100 + 0 + 50) / 250)
    assert values["cross_sell_rate_ttm"] == pytest.approx(1 / 3)


def test_arpa_and_ltv_by_hand(basics):
    values = kpis_at(basics, "2024-04")
    assert values["arpa"] == 200  # MRR 200 / 1 active account
    # Gross MRR churn rates of the months up to 2024-04: Jan undefined, Feb 50/350 = 1/7,
    # Mar 30/330 = 1/11, Apr 100/300 = 1/3; mean = (1/7 + 1/11 + 1/3) / 3 = 131/693.
    # LTV = 200 x 0.80 / (131/693) = 110880/131 = 846.4122...
    assert values["ltv"] == pytest.approx(110880 / 131)
    values_at_half_margin = kpis_at(basics, "2024-04", settings=Settings(gross_margin=0.5))
    assert values_at_half_margin["ltv"] == pytest.approx(100 * 693 / 131)


def test_ltv_uses_only_the_last_twelve_months(tmp_path):
    # P: 2023-01-01 .. 2023-01-31, 100 -> churns in 2023-02 (rate 100/200 = 0.5, 13 months before as-of).
    # Q: 2023-01-01 .. open, 100; addon 2024-01-01 .. 2024-01-31, 20 -> contraction 20/120 in 2024-02.
    # As-of 2024-02: the 12 months 2023-03 .. 2024-02 have rates 0 except 2024-02 = 1/6,
    # so the mean is (1/6)/12 = 1/72 (including 2023-02 would give (0.5 + 1/6)/13).
    # ARPA(2024-02) = 100 / 1; LTV = 100 x 0.8 x 72 = 5760.
    path = build_warehouse(
        tmp_path / "w.duckdb",
        [("P", "SMB"), ("Q", "SMB")],
        [
            ("p1", "P", "core", "2023-01-01", "2023-01-31", 100),
            ("q1", "Q", "core", "2023-01-01", None, 100),
            ("q2", "Q", "addon", "2024-01-01", "2024-01-31", 20),
        ],
    )
    with duckdb.connect(str(path), read_only=True) as con:
        assert kpis_at(con, "2024-02")["ltv"] == pytest.approx(5760)


def test_ltv_is_undefined_without_any_churn(reactivation):
    # Reactivation fixture at 2024-01: no month with a defined churn rate yet.
    assert kpis_at(reactivation, "2024-01")["ltv"] is None


def test_logo_and_revenue_cohorts_by_hand(basics):
    # Cohort 2024-01 = {A, B, C}, size 3, MRR at age 0 = 350 (D never active, so no cohort).
    logo = cohort_retention(basics, "logo", "2024-04")
    revenue = cohort_retention(basics, "revenue", "2024-04")
    assert logo["cohort"].unique().tolist() == ["2024-01"]
    assert logo["age"].tolist() == [0, 1, 2, 3]  # ages past the as-of month are absent
    assert logo["size"].tolist() == [3, 3, 3, 3]
    assert logo["value"].tolist() == pytest.approx([3 / 3, 2 / 3, 2 / 3, 1 / 3])
    assert revenue["value"].tolist() == pytest.approx([350 / 350, 330 / 350, 300 / 350, 200 / 350])


def test_cohorts_with_reactivation_and_later_cohorts(reactivation):
    frame = cohort_retention(reactivation, "revenue", "2024-04")
    by_key = {(row.cohort, row.age): (row.value, row.size) for row in frame.itertuples()}
    # R: cohort 2024-01 (100): Feb 0, Mar 0, Apr 120 -> 0, 0, 1.2 (revenue retention may pass 1)
    assert by_key[("2024-01", 1)] == (0, 1)
    assert by_key[("2024-01", 3)] == (pytest.approx(1.2), 1)
    # S: cohort 2024-03 (first month with MRR > 0, though it started mid-month): ages 0 and 1 only.
    assert by_key[("2024-03", 0)] == (1, 1) and by_key[("2024-03", 1)] == (1, 1)
    assert ("2024-03", 2) not in by_key


def test_renewal_rates_by_hand(renewals):
    values = kpis_at(renewals, "2025-06")
    assert values["renewal_rate_ttm"] == pytest.approx(3 / 5)
    assert values["first_renewal_rate_ttm"] == pytest.approx(2 / 4)


def test_renewal_grace_is_a_setting(renewals):
    # With 31 days of grace L's l2 (2025-03-03 = 2025-01-31 + 31 days) renews l1.
    # Revised §7 (only lines whose outcome is known count): m1's grace now ends 2025-05-31 + 31 days =
    # 2025-07-01, after 2025-06-30, so m1 is pending rather than counted (it was 4/5 and 3/4 when every
    # expiring line counted). Counted: j1 R, k1 R, l1 R, n2 R -> 4/4; first lines j1, k1, l1 -> 3/3.
    values = kpis_at(renewals, "2025-06", settings=Settings(renewal_grace_days=31))
    assert values["renewal_rate_ttm"] == pytest.approx(4 / 4)
    assert values["first_renewal_rate_ttm"] == pytest.approx(3 / 3)
    assert values["renewals_pending"] == 1
