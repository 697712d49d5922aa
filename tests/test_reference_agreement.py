"""The SQL engine agrees with the plain-pandas reference on the small demo warehouse.

The reference (cs_lib/bench/pandas_reference.py) is written from METRICS.md alone,
so agreement on a realistic warehouse — every KPI, at several as-of months,
with and without filters — is evidence that both implement the definitions.
Undefined values must be undefined on both sides (None, or NaN in tables).
"""

from __future__ import annotations

import math

import duckdb
import pandas as pd
import pytest

from cs_lib.bench import pandas_reference as reference
from cs_lib.filters import Filters
from cs_lib.metrics.cohorts import cohort_retention
from cs_lib.metrics.kpis import KPI_NAMES, dimension_values, kpis_at, month_range, monthly_rates, mrr_movements
from cs_lib.metrics.kpis import retention_trend as engine_retention_trend
from cs_lib.months import add_months, format_month, parse_month

TOLERANCE = 1e-9


@pytest.fixture(scope="module")
def demo(small_demo_db) -> duckdb.DuckDBPyConnection:
    with duckdb.connect(str(small_demo_db), read_only=True) as con:
        yield con


@pytest.fixture(scope="module")
def raw_tables(demo) -> reference.RawTables:
    return reference.load_raw_tables(demo)


def as_of_months(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """The as-of months checked: early, about 12 months in (first TTM), mid-range and the latest."""
    months = month_range(con)
    first, last = parse_month(months.first_month), parse_month(months.last_month)
    return {
        "second_month": format_month(add_months(first, 1)),
        "twelve_months_in": format_month(add_months(first, 12)),
        "six_months_before_latest": format_month(add_months(last, -6)),
        "latest": months.last_month,
    }


def scope(con: duckdb.DuckDBPyConnection, name: str) -> Filters:
    if name == "segment":
        return Filters(segment=(dimension_values(con, "segment")[0],))
    if name == "product":
        return Filters(product=(dimension_values(con, "product")[0],))
    return Filters()


def disagreements(engine: dict, pandas: dict) -> list[str]:
    """Names whose values differ beyond TOLERANCE, or are undefined on one side only."""
    differing = []
    for name in KPI_NAMES:
        ours, theirs = engine[name], pandas[name]
        if ours is None or theirs is None or isinstance(ours, str):
            same = ours == theirs
        else:
            same = ours == pytest.approx(theirs, rel=TOLERANCE)
        if not same:
            differing.append(f"{name}: engine {ours!r} vs pandas {theirs!r}")
    return differing


def assert_frames_agree(engine: pd.DataFrame, pandas: pd.DataFrame, key: str) -> None:
    """Same keys in the same order; numbers equal within TOLERANCE; NaN/None where the other is too."""
    assert engine[key].tolist() == pandas[key].tolist()
    for column in pandas.columns.drop(key):
        ours = pd.to_numeric(engine[column], errors="coerce").astype("float64").tolist()
        theirs = pd.to_numeric(pandas[column], errors="coerce").astype("float64").tolist()
        for row, (a, b) in enumerate(zip(ours, theirs, strict=True)):
            assert math.isnan(a) == math.isnan(b), f"{column} at {engine[key].iloc[row]}: {a} vs {b}"
            if not math.isnan(a):
                assert a == pytest.approx(b, rel=TOLERANCE), f"{column} at {engine[key].iloc[row]}"


def test_the_demo_has_a_twelve_month_history(demo):
    # Otherwise the TTM KPIs below would be compared only as "both undefined".
    months = month_range(demo)
    assert parse_month(months.last_month) >= add_months(parse_month(months.first_month), 13)


@pytest.mark.parametrize("scope_name", ["all", "segment", "product"])
@pytest.mark.parametrize("when", ["second_month", "twelve_months_in", "six_months_before_latest", "latest"])
def test_kpis_match_the_pandas_reference(demo, raw_tables, when, scope_name):
    as_of, filters = as_of_months(demo)[when], scope(demo, scope_name)
    engine = kpis_at(demo, as_of, filters)
    pandas = reference.kpis_from_tables(raw_tables, as_of, filters)
    assert disagreements(engine, pandas) == []


def test_reference_kpis_reads_the_raw_tables_itself(demo):
    latest = month_range(demo).last_month
    assert disagreements(kpis_at(demo, latest), reference.reference_kpis(demo, latest)) == []


@pytest.mark.parametrize("scope_name", ["all", "segment", "product"])
def test_movements_match_for_every_month(demo, scope_name):
    latest, filters = month_range(demo).last_month, scope(demo, scope_name)
    engine = mrr_movements(demo, latest, filters)
    pandas = reference.reference_movements(demo, latest, filters)
    assert len(engine) > 12
    assert_frames_agree(engine, pandas, "month")


@pytest.mark.parametrize("scope_name", ["all", "segment", "product"])
def test_monthly_rates_match_for_every_month(demo, raw_tables, scope_name):
    latest, filters = month_range(demo).last_month, scope(demo, scope_name)
    pandas = reference.rates_table(reference.monthly_mrr(raw_tables, latest, filters).by_account)
    assert_frames_agree(monthly_rates(demo, latest, filters), pandas, "month")


@pytest.mark.parametrize("scope_name", ["all", "product"])
def test_retention_trend_matches_for_every_end_month(demo, raw_tables, scope_name):
    latest, filters = month_range(demo).last_month, scope(demo, scope_name)
    pandas = reference.retention_trend_table(reference.monthly_mrr(raw_tables, latest, filters))
    assert_frames_agree(engine_retention_trend(demo, latest, filters), pandas, "month")


@pytest.mark.parametrize("scope_name", ["all", "segment"])
def test_cohort_logo_retention_matches(demo, raw_tables, scope_name):
    latest, filters = month_range(demo).last_month, scope(demo, scope_name)
    pandas = reference.cohort_logo_table(reference.monthly_mrr(raw_tables, latest, filters).by_account)
    engine = cohort_retention(demo, "logo", latest, filters)
    engine["key"] = engine["cohort"] + "+" + engine["age"].astype(str)
    pandas.insert(0, "key", pandas["cohort"] + "+" + pandas["age"].astype(str))
    assert_frames_agree(engine, pandas.drop(columns="cohort"), "key")
