"""Tiny warehouses built inside the tests, from rows written out by hand."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from cs_lib import warehouse

ACCOUNT_COLUMNS = ("account_id", "segment", "industry", "region", "business_unit", "cs_model", "csm")
SUBSCRIPTION_COLUMNS = ("subscription_id", "account_id", "product", "start_date", "end_date", "mrr")


def build_warehouse(
    path: Path, accounts: list[tuple], subscriptions: list[tuple], recorded_through: str | None = None
) -> Path:
    """Write the rows as raw tables and apply sql/; returns the path (closed, ready to read).

    accounts: (account_id, segment[, industry, region, business_unit, cs_model, csm])
    subscriptions: (subscription_id, account_id, product, start_date, end_date or None, mrr)
    recorded_through: a date (YYYY-MM-DD) of one touchpoint of the first account, so that the
    data is recorded through that month (the latest month a user may choose as the as-of).
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
        if recorded_through:
            touchpoint = pd.DataFrame({"account_id": [accounts[0][0]], "date": [pd.Timestamp(recorded_through).date()]})
            warehouse.replace_raw_rows(con, "touchpoints", touchpoint)
        warehouse.apply_sql_definitions(con)
    finally:
        con.close()
    return path
