"""METRICS.md §7 and §14 renewals, pinned on a hand-built warehouse (arithmetic in the comments).

Readings pinned here (stated in the header comments of sql/30_metrics/70_scoped_expiring_lines.sql
and 80_scoped_kpi_series.sql):
- the period of the TTM KPIs at as-of month t is end_date in [first day of t-11, last day of t];
- a line is counted once end_date + grace <= last day of t; a paid line of the period still inside
  its grace is pending (renewals_pending), never "not renewed"; a free line still inside its grace
  is simply not counted yet;
- each account's first paid expiring line is its paid line with the earliest end_date over all its
  paid lines (in scope), ties by subscription_id; it counts in the first-renewal rate only when it
  is itself a counted expiring line of the period;
- with a product filter, every line (expiring, renewing, pilot, converting) is of the chosen products.
"""

from __future__ import annotations

import duckdb
import pytest

from cs_lib.bench import pandas_reference
from cs_lib.filters import Filters
from cs_lib.metrics.kpis import kpis_at
from tests.warehouse_fixtures import build_warehouse

RENEWAL_NAMES = ("renewal_rate_ttm", "first_renewal_rate_ttm", "pilot_conversion_rate_ttm", "renewals_pending")

# Grace 30 days (the default). At as-of 2025-06 the period is 2024-07-01 .. 2025-06-30.
#   A (SMB):        a1 core ..2024-12-31 paid; a2 core 2025-01-30..open paid
#                   2024-12-31 + 30 days = 2025-01-30: a2 is active on the last day of grace -> a1 renewed
#   B (Enterprise): b1 core ..2024-12-31 paid; b2 core 2025-01-31..open paid
#                   b2 starts one day after the grace ends -> b1 not renewed
#   C (SMB):        c0 core 2024-09-01..2024-10-31 free pilot; c1 core 2024-11-01..open paid
#                   c0 is not an expiring line; it converts (2024-11-01 is in (2024-10-31, 2024-11-30])
#   D (Enterprise): d0 analytics 2024-10-01..2024-11-30 free pilot; d1 core 2024-12-15..open paid
#                   a paid line of another product within grace (2024-12-30) -> d0 converts
#   E (SMB):        e0 core 2024-08-01..2024-09-30 free pilot, nothing after -> not converted
#   F (SMB):        f1 core 2024-07-01..2025-06-15 paid; f2 core 2025-06-16..open paid
#                   2025-06-15 + 30 = 2025-07-15: pending at 2025-06 (though f2 has started),
#                   counted and renewed at 2025-07 (2025-07-15 <= 2025-07-31)
#   G (Enterprise): g1 core ..2024-12-31 paid; g2 core 2025-01-01..open FREE -> g1 not renewed
#   H (Enterprise): h1 core ..2024-12-31 paid, not renewed; h2 addon ..2024-12-31 paid, renewed by h3 addon
#                   tie on end_date: H's first paid expiring line is h1 (h1 < h2)
#   I (SMB):        i1 core 2024-09-01..2025-08-31 paid: expires after both as-of months, never counted
ACCOUNTS = [
    ("A", "SMB"), ("B", "Enterprise"), ("C", "SMB"), ("D", "Enterprise"), ("E", "SMB"),
    ("F", "SMB"), ("G", "Enterprise"), ("H", "Enterprise"), ("I", "SMB"),
]
LINES = [
    ("a1", "A", "core", "2024-01-01", "2024-12-31", 100),
    ("a2", "A", "core", "2025-01-30", None, 100),
    ("b1", "B", "core", "2024-01-01", "2024-12-31", 100),
    ("b2", "B", "core", "2025-01-31", None, 100),
    ("c0", "C", "core", "2024-09-01", "2024-10-31", 0),
    ("c1", "C", "core", "2024-11-01", None, 100),
    ("d0", "D", "analytics", "2024-10-01", "2024-11-30", 0),
    ("d1", "D", "core", "2024-12-15", None, 100),
    ("e0", "E", "core", "2024-08-01", "2024-09-30", 0),
    ("f1", "F", "core", "2024-07-01", "2025-06-15", 100),
    ("f2", "F", "core", "2025-06-16", None, 100),
    ("g1", "G", "core", "2024-01-01", "2024-12-31", 100),
    ("g2", "G", "core", "2025-01-01", None, 0),
    ("h1", "H", "core", "2024-01-01", "2024-12-31", 100),
    ("h2", "H", "addon", "2024-01-01", "2024-12-31", 100),
    ("h3", "H", "addon", "2025-01-01", None, 100),
    ("i1", "I", "core", "2024-09-01", "2025-08-31", 100),
]


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    path = build_warehouse(tmp_path_factory.mktemp("renewals") / "w.duckdb", ACCOUNTS, LINES)
    with duckdb.connect(str(path), read_only=True) as connection:
        yield connection


def renewal_kpis(con, as_of: str, filters: Filters = Filters()) -> dict[str, object]:
    values = kpis_at(con, as_of, filters)
    return {name: values[name] for name in RENEWAL_NAMES}


def test_renewal_kpis_by_hand(con):
    values = renewal_kpis(con, "2025-06")
    # Counted paid lines: a1 R, b1 -, g1 -, h1 -, h2 R (f1 pending; i1 expires later; free lines are not
    # expiring lines) -> 2/5.
    assert values["renewal_rate_ttm"] == pytest.approx(2 / 5)
    # First paid expiring lines: a1, b1, f1, g1, h1 (tie with h2 broken by id), i1; counted: a1 R, b1 -,
    # g1 -, h1 - -> 1/4 (h2 first, i.e. the tie broken the other way, would give 2/4).
    assert values["first_renewal_rate_ttm"] == pytest.approx(1 / 4)
    # Free lines ending, outcome known: c0 converted (same product), d0 converted (another product),
    # e0 not -> 2/3.
    assert values["pilot_conversion_rate_ttm"] == pytest.approx(2 / 3)
    # f1: 2025-06-15 + 30 days = 2025-07-15 > 2025-06-30.
    assert values["renewals_pending"] == 1


def test_a_pending_line_is_counted_once_its_grace_has_passed(con):
    values = renewal_kpis(con, "2025-07")
    # Period 2024-08-01 .. 2025-07-31: the same lines (none ended in 2024-07). f1 is now counted and
    # renewed by f2: 3/6; first lines counted a1 R, b1 -, f1 R, g1 -, h1 - -> 2/5; nothing pending.
    assert values == {
        "renewal_rate_ttm": pytest.approx(3 / 6),
        "first_renewal_rate_ttm": pytest.approx(2 / 5),
        "pilot_conversion_rate_ttm": pytest.approx(2 / 3),
        "renewals_pending": 0,
    }


def test_nothing_counted_is_undefined_not_zero(con):
    values = renewal_kpis(con, "2024-10")
    # Period 2023-11-01 .. 2024-10-31: no paid line ends -> both renewal rates undefined, 0 pending.
    # e0 (2024-09-30 + 30 = 2024-10-30) is counted, not converted -> 0/1 = 0, not None.
    # c0 (2024-10-31 + 30 = 2024-11-30) is still in its grace: not counted (and free lines are never pending).
    assert values == {
        "renewal_rate_ttm": None,
        "first_renewal_rate_ttm": None,
        "pilot_conversion_rate_ttm": 0.0,
        "renewals_pending": 0,
    }


def test_segment_filter(con):
    # SMB accounts A, C, E, F, I: counted a1 R -> 1/1; first 1/1; pilots c0 yes, e0 no -> 1/2; f1 pending.
    assert renewal_kpis(con, "2025-06", Filters(segment=("SMB",))) == {
        "renewal_rate_ttm": pytest.approx(1.0),
        "first_renewal_rate_ttm": pytest.approx(1.0),
        "pilot_conversion_rate_ttm": pytest.approx(1 / 2),
        "renewals_pending": 1,
    }
    # Enterprise accounts B, D, G, H: counted b1 -, g1 -, h1 -, h2 R -> 1/4; first b1, g1, h1 -> 0/3;
    # d0 converted by d1 -> 1/1; nothing pending.
    assert renewal_kpis(con, "2025-06", Filters(segment=("Enterprise",))) == {
        "renewal_rate_ttm": pytest.approx(1 / 4),
        "first_renewal_rate_ttm": pytest.approx(0.0),
        "pilot_conversion_rate_ttm": pytest.approx(1.0),
        "renewals_pending": 0,
    }


def test_product_filter(con):
    # addon only: h2 renewed by h3 -> 1/1; h2 is now H's first paid line with an end_date -> 1/1;
    # no free addon line -> undefined.
    assert renewal_kpis(con, "2025-06", Filters(product=("addon",))) == {
        "renewal_rate_ttm": pytest.approx(1.0),
        "first_renewal_rate_ttm": pytest.approx(1.0),
        "pilot_conversion_rate_ttm": None,
        "renewals_pending": 0,
    }
    # analytics only: d0 is the only line; the paid line that converted it (d1) is core, outside the
    # filter, so d0 does not convert within the scope -> 0/1; no paid analytics line -> undefined.
    assert renewal_kpis(con, "2025-06", Filters(product=("analytics",))) == {
        "renewal_rate_ttm": None,
        "first_renewal_rate_ttm": None,
        "pilot_conversion_rate_ttm": pytest.approx(0.0),
        "renewals_pending": 0,
    }
    # core only: a1 R, b1 -, g1 -, h1 - -> 1/4, first the same -> 1/4; pilots c0 yes, e0 no -> 1/2; f1 pending.
    assert renewal_kpis(con, "2025-06", Filters(product=("core",))) == {
        "renewal_rate_ttm": pytest.approx(1 / 4),
        "first_renewal_rate_ttm": pytest.approx(1 / 4),
        "pilot_conversion_rate_ttm": pytest.approx(1 / 2),
        "renewals_pending": 1,
    }


def test_a_pilot_of_an_account_already_paying_converts(tmp_path):
    # By the letter of §7, "a paid line of any product active on some day in (end_date, end_date + grace]"
    # includes a paid line that was already running when the pilot ended.
    #   P: p1 core 2024-01-01..open paid; p0 analytics 2024-10-01..2024-11-30 free -> converted (p1 runs on)
    #   Q: q0 analytics 2024-10-01..2024-11-30 free; q1 core 2024-01-01..2024-11-30 paid, ends with it -> not
    # As-of 2024-12 (the data's last month) -> 1/2.
    # q1 (2024-11-30 + 30 = 2024-12-30) is counted and not renewed -> renewal 0/1.
    path = build_warehouse(
        tmp_path / "w.duckdb",
        [("P", "SMB"), ("Q", "SMB")],
        [
            ("p1", "P", "core", "2024-01-01", None, 100),
            ("p0", "P", "analytics", "2024-10-01", "2024-11-30", 0),
            ("q1", "Q", "core", "2024-01-01", "2024-11-30", 100),
            ("q0", "Q", "analytics", "2024-10-01", "2024-11-30", 0),
        ],
    )
    with duckdb.connect(str(path), read_only=True) as connection:
        values = renewal_kpis(connection, "2024-12")
    assert values == {
        "renewal_rate_ttm": pytest.approx(0.0),
        "first_renewal_rate_ttm": pytest.approx(0.0),
        "pilot_conversion_rate_ttm": pytest.approx(1 / 2),
        "renewals_pending": 0,
    }


@pytest.mark.parametrize("as_of", ["2024-10", "2025-06", "2025-07"])
@pytest.mark.parametrize(
    "filters",
    [Filters(), Filters(segment=("Enterprise",)), Filters(product=("addon",)), Filters(product=("analytics",))],
)
def test_the_pandas_reference_agrees_on_these_edge_cases(con, as_of, filters):
    # The demo may not hit the boundaries above (last day of grace, ties, free follow-ups); this does.
    reference = pandas_reference.reference_kpis(con, as_of, filters)
    assert renewal_kpis(con, as_of, filters) == {name: pytest.approx(reference[name]) for name in RENEWAL_NAMES}
