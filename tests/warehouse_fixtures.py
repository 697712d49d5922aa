"""Tiny warehouses built inside the tests, from rows written out by hand."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from cs_lib import warehouse

ACCOUNT_COLUMNS = ("account_id", "segment", "industry", "region", "business_unit", "cs_model", "csm")
SUBSCRIPTION_COLUMNS = ("subscription_id", "account_id", "product", "start_date", "end_date", "mrr")


def build_warehouse(path: Path, accounts: list[tuple], subscriptions: list[tuple]) -> Path:
    """Write the rows as raw tables and apply sql/; returns the path (closed, ready to read).

    accounts: (account_id, segment[, industry, region, business_unit, cs_model, csm])
    subscriptions: (subscription_id, account_id, product, start_date, end_date or None, mrr)
    """
    account_frame = pd.DataFrame(
        [row + (None,) * (len(ACCOUNT_COLUMNS) - len(row)) for row in accounts], columns=list(ACCOUNT_COLUMNS)
    )
    subscription_frame = pd.DataFrame(subscriptions, columns=list(SUBSCRIPTION_COLUMNS))
    for column in ("start_date", "end_date"):
        subscription_frame[column] = pd.to_datetime(subscription_frame[column]).dt.date
    con = warehouse.connect_writer(path)
    try:
        warehouse.replace_raw_rows(con, "accounts", account_frame)
        warehouse.replace_raw_rows(con, "subscriptions", subscription_frame)
        warehouse.apply_sql_definitions(con)
    finally:
        con.close()
    return path
