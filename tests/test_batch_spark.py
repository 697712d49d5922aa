"""The batch layer on Spark equals the batch layer on DuckDB (issue 12), on the real engine.

One fixture with the awkward cases: a reactivation, overlapping lines of one product, an
open-ended line, a free (mrr 0) line, several products, a cross-sell, usage of several
metrics and days. Every materialised table built by Spark equals DuckDB's, and a
warehouse loaded from Spark's Parquet answers the KPIs, movements and cohorts exactly as a
normal import does. One local SparkSession serves the whole module.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import duckdb
import pandas as pd
import pytest

from cs_lib import batch
from cs_lib.batch.load import import_batch
from cs_lib.batch.spark_engine import build_with_spark, local_session
from cs_lib.batch.transpile import batch_statements, materialised_tables
from cs_lib.ingest import import_paths
from cs_lib.metrics.cohorts import cohort_retention
from cs_lib.metrics.kpis import kpis_at, mrr_movements
from cs_lib.settings import load_settings

ACCOUNTS = """account_id,account_name,segment,industry,region,cs_model,csm,business_unit,created_on
A1,Alpha,Enterprise,Retail,JP,high_touch,Sato,East,2023-01-05
A2,Beta,SMB,Finance,US,tech_touch,Kim,West,2023-02-10
A3,Gamma,SMB,Retail,JP,low_touch,Sato,East,2023-03-01
A4,Delta,Enterprise,Finance,US,high_touch,Kim,West,2023-01-20
"""
# A1: two overlapping Core lines in 2023-02..03 (100 + 50), an open-ended Core line, cross-sold Add-on.
# A2: Core, a gap (2023-07..09), reactivated 2023-10 (a reactivation), then churn after 2024-03.
# A3: a free pilot (mrr 0) before paying; A4: contraction on renewal, open-ended.
SUBSCRIPTIONS = """subscription_id,account_id,product,start_date,end_date,mrr,seats
S1,A1,Core,2023-01-01,2023-12-31,100,10
S2,A1,Core,2023-02-01,2023-03-31,50,5
S3,A1,Core,2024-01-01,,120,12
S4,A1,Add-on,2023-06-01,,30,3
S5,A2,Core,2023-01-01,2023-06-30,80,8
S6,A2,Core,2023-10-01,2024-03-31,90,9
S7,A3,Core,2023-03-01,2023-05-31,0,2
S8,A3,Core,2023-06-01,2024-05-31,40,4
S9,A4,Core,2023-01-01,2023-12-31,200,20
S10,A4,Core,2024-01-01,,150,15
"""
USAGE = """account_id,date,metric,value
A1,2024-06-03,logins,3
A1,2024-06-04,logins,4
A1,2024-06-03,reports,1
A2,2024-01-15,logins,1
A3,2024-06-10,reports,2.5
"""
TOUCHPOINTS = """account_id,date,type,channel,department
A1,2024-06-20,meeting,high_touch,cs
"""


def write_contract_files(folder):
    """The fixture as contract CSV files in `folder` (also used by tests/test_cli_batch.py)."""
    for name, text in (("accounts", ACCOUNTS), ("subscriptions", SUBSCRIPTIONS), ("usage", USAGE),
                       ("touchpoints", TOUCHPOINTS)):
        (folder / f"{name}.csv").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def contract_dir(tmp_path_factory):
    return write_contract_files(tmp_path_factory.mktemp("contract"))


@pytest.fixture(scope="module")
def spark():
    session = local_session("cs_cockpit_tests")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def built(contract_dir, spark, tmp_path_factory):
    """(DuckDB's batch folder, Spark's batch folder)."""
    duckdb_out, spark_out = tmp_path_factory.mktemp("duckdb_out"), tmp_path_factory.mktemp("spark_out")
    batch.build("duckdb", contract_dir, duckdb_out)
    build_with_spark(spark, contract_dir, spark_out)
    return duckdb_out, spark_out


@pytest.fixture(scope="module")
def warehouses(contract_dir, built, tmp_path_factory):
    """(a warehouse from a normal import, a warehouse loaded from Spark's Parquet)."""
    folder = tmp_path_factory.mktemp("warehouses")
    imported, from_spark = folder / "imported.duckdb", folder / "from_spark.duckdb"
    assert import_paths(imported, [contract_dir]).ok
    import_batch(from_spark, built[1])
    return imported, from_spark


def _table(folder, name) -> pd.DataFrame:
    """A batch table's rows, sorted, with decimals as floats (Spark's and DuckDB's decimal widths
    differ: sum(decimal(18,2)) is (28,2) on Spark, (38,2) on DuckDB) and lists as tuples."""
    relation = duckdb.sql(f"select * from read_parquet('{folder / name}/*.parquet')")
    rows = sorted((tuple(_plain(value) for value in row) for row in relation.fetchall()), key=repr)
    return pd.DataFrame(rows, columns=relation.columns)


def _plain(value):
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, list):
        return tuple(value)
    return value


def test_every_materialised_table_of_sql_is_built_from_the_same_files():
    # The batch tables are read from sql/20_materialised, not listed by hand.
    assert materialised_tables() == [
        "data_range", "months", "account_product_month_mrr", "all_products", "account_month_mrr",
        "account_mrr_movements", "account_product_mrr_movements", "account_retention_pairs_12m",
        "account_product_retention_pairs_12m", "subscription_lines", "account_day_usage",
    ]


def test_no_duckdb_macro_is_left_in_the_spark_sql():
    spark_sql = " ".join(statement.spark_select.lower() for statement in batch_statements())
    for macro in ("month_of(", "list_contains(", "_for_products(", "account_retention_pairs(", "range("):
        assert macro not in spark_sql


@pytest.mark.parametrize("table", materialised_tables())
def test_spark_builds_every_batch_table_exactly_as_duckdb(built, table):
    duckdb_rows, spark_rows = _table(built[0], table), _table(built[1], table)
    assert len(duckdb_rows) > 0
    pd.testing.assert_frame_equal(spark_rows, duckdb_rows, check_dtype=False)


def test_the_awkward_cases_are_in_the_spark_result(built):
    movements = _table(built[1], "account_mrr_movements")
    kinds = set(zip(movements.account_id, movements.movement, strict=True))
    # A2 leaves after 2023-06 (churn in 2023-07) and returns in 2023-10: a reactivation of 90.
    assert ("A2", "reactivation") in kinds and ("A2", "churn") in kinds
    a1 = _table(built[1], "account_month_mrr").query("account_id == 'A1'").set_index("month")["mrr"]
    # Overlapping Core lines: 100 + 50 = 150 in 2023-02; open-ended Core 120 + Add-on 30 = 150 in 2024-06.
    assert a1[date(2023, 2, 1)] == 150 and a1[date(2024, 6, 1)] == 150
    usage = _table(built[1], "account_day_usage").query("account_id == 'A1'")
    assert list(zip(usage.usage_date.astype(str), usage.metric, usage.value, strict=True)) == [
        ("2024-06-03", "logins", 3.0), ("2024-06-03", "reports", 1.0), ("2024-06-04", "logins", 4.0)]
    products = _table(built[1], "account_product_month_mrr")
    assert "A3" not in set(products[products.month < date(2023, 6, 1)].account_id)  # the free pilot is no MRR


@pytest.mark.parametrize("as_of", ["2023-12", "2024-06"])
def test_kpis_movements_and_cohorts_from_spark_equal_a_normal_import(warehouses, as_of):
    from cs_lib.filters import Filters

    answers = []
    for path in warehouses:
        with duckdb.connect(str(path), read_only=True) as con:
            settings = load_settings(con)
            answers.append((
                kpis_at(con, as_of, Filters(), settings),
                mrr_movements(con, as_of, Filters()),
                cohort_retention(con, "logo", as_of, Filters()),
                cohort_retention(con, "revenue", as_of, Filters()),
                kpis_at(con, as_of, Filters.from_pairs(["product=Core"]), settings),
            ))
    imported, from_spark = answers
    assert from_spark[0] == imported[0] and from_spark[4] == imported[4]
    for mine, theirs in zip(from_spark[1:4], imported[1:4], strict=True):
        pd.testing.assert_frame_equal(mine, theirs, check_dtype=False)
    assert imported[0]["mrr"] > 0


def test_the_app_shows_the_same_overview_on_a_warehouse_loaded_from_spark(warehouses, monkeypatch):
    from streamlit.testing.v1 import AppTest

    cards = []
    for path in warehouses:
        monkeypatch.setenv("CS_COCKPIT_DB", str(path))
        at = AppTest.from_file("../app.py", default_timeout=120).run()
        assert not at.exception
        cards.append([(metric.label, metric.value) for metric in at.metric])
    imported, from_spark = cards
    assert len(imported) >= 4 and from_spark == imported
