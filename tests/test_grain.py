"""Each materialised table's grain is unique (dbt's grain tests), on the small demo warehouse.

A new materialised table must declare its grain here: the last test fails otherwise.
"""

import duckdb
import pytest

GRAIN = {
    "data_range": (),
    "all_products": (),
    "months": ("month",),
    "account_product_month_mrr": ("account_id", "product", "month"),
    "account_month_mrr": ("account_id", "month"),
    "account_mrr_movements": ("account_id", "month"),
    "account_product_mrr_movements": ("account_id", "product", "month"),
    "account_retention_pairs_12m": ("account_id", "end_month"),
    "account_product_retention_pairs_12m": ("account_id", "product", "end_month"),
    "subscription_lines": ("subscription_id",),
    # --- issue 9: usage aggregated once, at import ---
    "account_day_usage": ("account_id", "usage_date", "metric"),
}
# Tables that are not derived from the data: the contract's raw tables and the app's own state.
NOT_MATERIALISED_PREFIXES = ("raw_",)
NOT_MATERIALISED = {"settings", "journey_stages", "warehouse_info"}


@pytest.fixture(scope="module")
def con(small_demo_db):
    connection = duckdb.connect(str(small_demo_db), read_only=True)
    yield connection
    connection.close()


@pytest.mark.parametrize(("table", "key"), GRAIN.items())
def test_grain_is_unique(con, table, key):
    rows = con.execute(f"select count(*) from {table}").fetchone()[0]
    assert rows > 0, f"{table} is empty on the demo"
    if not key:
        assert rows == 1
        return
    distinct = con.execute(f"select count(*) from (select distinct {', '.join(key)} from {table})").fetchone()[0]
    assert distinct == rows, f"{table}: {rows - distinct} rows repeat the grain {key}"


def test_every_materialised_table_declares_its_grain(con):
    tables = {row[0] for row in con.execute("select table_name from duckdb_tables()").fetchall()}
    materialised = {
        name for name in tables if not name.startswith(NOT_MATERIALISED_PREFIXES) and name not in NOT_MATERIALISED
    }
    assert materialised == set(GRAIN)
