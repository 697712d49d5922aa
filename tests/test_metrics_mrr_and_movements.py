"""METRICS.md §1-3 pinned on hand-computed fixtures.

The expected numbers are worked out by hand in the comments; the engine is
never used to compute its own expectation.
"""

from __future__ import annotations

import duckdb
import pytest

from cs_lib.metrics.kpis import kpis_at, monthly_rates, mrr_movements
from tests.warehouse_fixtures import build_warehouse

# Fixture "basics" (2024 is a leap year):
#   A: a1 core 2024-01-15 .. 2024-03-31, 100  (mid-month start; inclusive end on the last day of March)
#   B: b1 core 2024-01-01 .. 2024-02-14,  50  (mid-month end: not active on 2024-02-29)
#   C: c1 core 2024-01-01 .. open,       200  (open-ended)
#      c2 addon 2024-02-01 .. 2024-02-29, 30  (overlaps c1; ends on the last day of February)
#   D: d1 core 2024-01-01 .. open,         0  (zero-MRR line: never an active account)
# MRR on the last day of each month:
#   Jan: A 100 + B 50 + C 200      = 350, active A B C (3)
#   Feb: A 100 + C (200 + 30)      = 330, active A C   (2)
#   Mar: A 100 + C 200             = 300, active A C   (2)
#   Apr: C 200                     = 200, active C     (1)
BASICS_ACCOUNTS = [("A", "SMB"), ("B", "SMB"), ("C", "Enterprise"), ("D", "SMB")]
BASICS_LINES = [
    ("a1", "A", "core", "2024-01-15", "2024-03-31", 100),
    ("b1", "B", "core", "2024-01-01", "2024-02-14", 50),
    ("c1", "C", "core", "2024-01-01", None, 200),
    ("c2", "C", "addon", "2024-02-01", "2024-02-29", 30),
    ("d1", "D", "core", "2024-01-01", None, 0),
]

# Fixture "reactivation":
#   R: r1 core 2024-01-01 .. 2024-01-31, 100; r2 core 2024-04-01 .. open, 120 (back after a gap)
#   S: s1 core 2024-03-10 .. open, 60 (mid-month start, arrives while MRR(m-1) = 0)
# MRR: Jan 100, Feb 0, Mar 60, Apr 180.
REACTIVATION_ACCOUNTS = [("R", "SMB"), ("S", "SMB")]
REACTIVATION_LINES = [
    ("r1", "R", "core", "2024-01-01", "2024-01-31", 100),
    ("r2", "R", "core", "2024-04-01", None, 120),
    ("s1", "S", "core", "2024-03-10", None, 60),
]


@pytest.fixture(scope="module")
def basics(tmp_path_factory):
    path = build_warehouse(tmp_path_factory.mktemp("basics") / "w.duckdb", BASICS_ACCOUNTS, BASICS_LINES)
    with duckdb.connect(str(path), read_only=True) as con:
        yield con


@pytest.fixture(scope="module")
def reactivation(tmp_path_factory):
    path = build_warehouse(
        tmp_path_factory.mktemp("reactivation") / "w.duckdb", REACTIVATION_ACCOUNTS, REACTIVATION_LINES
    )
    with duckdb.connect(str(path), read_only=True) as con:
        yield con


def movements_by_month(con, as_of, **filters):
    from cs_lib.filters import Filters

    frame = mrr_movements(con, as_of, Filters(**filters))
    return {row.month: tuple(row[1:]) for row in frame.itertuples(index=False)}


def test_mrr_counts_lines_active_on_the_last_day_of_each_month(basics):
    frame = mrr_movements(basics, "2024-04")
    assert frame["month"].tolist() == ["2024-01", "2024-02", "2024-03", "2024-04"]
    assert frame["mrr"].tolist() == [350, 330, 300, 200]


def test_active_accounts_exclude_zero_mrr_lines(basics):
    rates = monthly_rates(basics, "2024-04")
    assert rates["active_accounts"].tolist() == [3, 2, 2, 1]  # D (0 MRR) is never active


def test_movements_classify_each_change(basics):
    # (mrr, new, reactivation, expansion, contraction, churn)
    assert movements_by_month(basics, "2024-04") == {
        "2024-01": (350, 350, 0, 0, 0, 0),  # first month of the range: everyone active is new
        "2024-02": (330, 0, 0, 30, 0, -50),  # C 200 -> 230 expansion; B 50 -> 0 churn
        "2024-03": (300, 0, 0, 0, -30, 0),  # C 230 -> 200 contraction
        "2024-04": (200, 0, 0, 0, 0, -100),  # A's line ended 2024-03-31: churn in April
    }


def test_reactivation_is_an_arrival_after_an_earlier_active_month(reactivation):
    assert movements_by_month(reactivation, "2024-04") == {
        "2024-01": (100, 100, 0, 0, 0, 0),
        "2024-02": (0, 0, 0, 0, 0, -100),
        "2024-03": (60, 60, 0, 0, 0, 0),  # S: first ever active month -> new
        "2024-04": (180, 0, 120, 0, 0, 0),  # R back after Feb-Mar at 0 -> reactivation of its MRR
    }


def test_movement_identity_holds_on_the_fixtures(basics, reactivation):
    for con in (basics, reactivation):
        frame = mrr_movements(con, "2024-04")
        previous = frame["mrr"].shift(1, fill_value=0)
        change = frame[["new", "reactivation", "expansion", "contraction", "churn"]].sum(axis=1)
        assert (frame["mrr"] == previous + change).all()


def test_monthly_rates_by_hand(basics):
    rates = monthly_rates(basics, "2024-04").set_index("month")
    # Feb: S = 350, N = 3; churned B (50); expansion 30.
    assert rates.loc["2024-02", "logo_churn_rate"] == pytest.approx(1 / 3)
    assert rates.loc["2024-02", "gross_mrr_churn_rate"] == pytest.approx(50 / 350)
    assert rates.loc["2024-02", "grr"] == pytest.approx(1 - 50 / 350)
    assert rates.loc["2024-02", "nrr"] == pytest.approx((350 + 30 - 50) / 350)  # = 330/350
    assert rates.loc["2024-02", "quick_ratio"] == pytest.approx(30 / 50)
    # Mar: S = 330, N = 2; contraction 30, no churned account.
    assert rates.loc["2024-03", "logo_churn_rate"] == 0
    assert rates.loc["2024-03", "gross_mrr_churn_rate"] == pytest.approx(30 / 330)
    assert rates.loc["2024-03", "nrr"] == pytest.approx(300 / 330)
    assert rates.loc["2024-03", "quick_ratio"] == 0  # 0 gained / 30 lost
    # Apr: S = 300, N = 2; A (100) churned.
    assert rates.loc["2024-04", "logo_churn_rate"] == pytest.approx(1 / 2)
    assert rates.loc["2024-04", "gross_mrr_churn_rate"] == pytest.approx(100 / 300)
    assert rates.loc["2024-04", "grr"] == pytest.approx(200 / 300)


def test_rates_with_a_zero_denominator_are_undefined_not_zero(basics, reactivation):
    # First month of the range: no m-1, S = 0.
    january = monthly_rates(basics, "2024-04").set_index("month").loc["2024-01"]
    assert january[["logo_churn_rate", "gross_mrr_churn_rate", "grr", "nrr", "quick_ratio"]].isna().all()
    # Reactivation fixture, March: MRR(Feb) = 0 although S arrives (new 60).
    march = monthly_rates(reactivation, "2024-04").set_index("month").loc["2024-03"]
    assert march[["logo_churn_rate", "gross_mrr_churn_rate", "grr", "nrr", "quick_ratio"]].isna().all()
    # April: S = 60, nothing lost -> quick ratio = 120 / 0 is undefined, GRR = NRR = 1.
    april = kpis_at(reactivation, "2024-04")
    assert april["quick_ratio_month"] is None
    assert april["grr_month"] == 1 and april["nrr_month"] == 1


def test_kpis_at_the_as_of_month_by_hand(basics):
    values = kpis_at(basics, "2024-03")
    assert values["as_of"] == "2024-03"
    assert values["mrr"] == 300
    assert values["arr"] == 3600  # 12 x 300
    assert values["active_accounts"] == 2
    assert values["arpa"] == 150  # 300 / 2
    assert values["logo_churn_rate_month"] == 0
    assert values["gross_mrr_churn_rate_month"] == pytest.approx(30 / 330)
    assert values["grr_month"] == pytest.approx(300 / 330)
    assert values["nrr_month"] == pytest.approx(300 / 330)
    assert values["quick_ratio_month"] == 0


def test_filters_restrict_accounts_and_products(basics):
    # segment SMB = A, B (D has no MRR): Jan 150, Feb 100 (B churned), Mar 100, Apr 0 (A churned).
    smb = movements_by_month(basics, "2024-04", segment=("SMB",))
    assert [value[0] for value in smb.values()] == [150, 100, 100, 0]
    assert smb["2024-04"] == (0, 0, 0, 0, 0, -100)
    # product addon only: C's c2 in Feb -> new in Feb, churn in Mar.
    addon = movements_by_month(basics, "2024-04", product=("addon",))
    assert addon["2024-02"] == (30, 30, 0, 0, 0, 0)
    assert addon["2024-03"] == (0, 0, 0, 0, 0, -30)
    # Two values of one dimension are OR-ed: SMB or Enterprise = everyone.
    both = movements_by_month(basics, "2024-04", segment=("SMB", "Enterprise"))
    assert both == movements_by_month(basics, "2024-04")


def test_a_filter_matching_nothing_gives_zero_mrr_and_undefined_rates(basics):
    from cs_lib.filters import Filters

    values = kpis_at(basics, "2024-03", Filters(segment=("Mid-market",)))
    assert values["mrr"] == 0 and values["active_accounts"] == 0
    assert values["arpa"] is None and values["grr_month"] is None and values["grr_ttm"] is None
    assert values["renewal_rate_ttm"] is None and values["ltv"] is None


def test_a_filter_value_is_data_not_sql(basics):
    from cs_lib.filters import Filters

    hostile = Filters(segment=("SMB' or 1=1 --",))
    assert kpis_at(basics, "2024-03", hostile)["mrr"] == 0
