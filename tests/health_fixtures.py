"""A small warehouse with every table the health score reads, written out by hand (METRICS.md §8).

As-of month 2024-06: D = 2024-06-30, the 90-day window [D−89, D] = [2024-04-02, 2024-06-30].
Each account's expected components are worked out in tests/test_metrics_health.py.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from cs_lib import warehouse

ACCOUNTS = [
    # account_id, segment, csm
    ("A1", "SMB", "Sato"), ("A2", "SMB", "Sato"), ("A3", "SMB", None), ("A4", "SMB", "Ito"),
    ("A5", "SMB", "Ito"), ("A6", "SMB", "Ito"), ("A7", "Enterprise", "Kato"), ("A9", "SMB", "Kato"),
    ("A10", None, "Kato"),
]
SUBSCRIPTIONS = [
    # subscription_id, account_id, product, start_date, end_date, mrr, seats
    ("S1", "A1", "core", "2024-01-01", None, 100, 10),
    ("S1b", "A1", "addon", "2024-05-01", None, 50, None),
    ("S2", "A2", "core", "2024-01-01", None, 100, 10),
    ("S3", "A3", "core", "2024-01-01", "2024-04-30", 200, 8),
    ("S3b", "A3", "core", "2024-05-01", None, 100, 10),
    ("S4", "A4", "core", "2024-01-01", "2024-05-31", 100, 10),
    ("S4b", "A4", "core", "2024-06-01", None, 400, 10),
    ("S5", "A5", "core", "2024-05-01", None, 100, None),
    ("S6", "A6", "core", "2024-01-01", None, 100, 10),
    ("S7", "A7", "core", "2024-01-01", None, 100, 5),
    ("S9", "A9", "core", "2024-01-01", "2024-05-31", 100, 10),
    ("S10", "A10", "core", "2024-01-01", None, 100, 10),
]
USAGE = [
    # account_id, date, metric, value
    ("A1", "2024-04-01", "active_users", 999),  # the day before the window: left out
    ("A1", "2024-04-02", "active_users", 50),
    ("A1", "2024-06-30", "active_users", 50),
    ("A1", "2024-06-30", "logins", 7000),  # another metric: not summed
    ("A2", "2024-05-15", "active_users", 200),
    ("A3", "2024-06-01", "active_users", 100),
    ("A4", "2024-01-10", "active_users", 500),  # before the window only: adoption from a sum of 0
    ("A5", "2024-05-20", "active_users", 30),
    ("A6", "2024-07-05", "active_users", 1000),  # after D only: adoption absent
    ("A7", "2024-06-10", "logins", 80),  # a usage row, but not of the adoption metric
    ("A10", "2024-06-10", "active_users", 40),
]
TOUCHPOINTS = [
    ("A1", "2024-06-30", "qbr"),
    ("A2", "2024-03-02", "call"),
    ("A3", "2024-01-01", "kickoff"),
    ("A3", "2024-07-01", "call"),  # after D: ignored
]
TICKETS = [
    # ticket_id, account_id, opened_on, closed_on, severity, csat
    ("T1", "A1", "2024-05-01", None, "high", None),
    ("T2", "A1", "2024-06-01", "2024-07-02", "high", None),  # closed after D: open at D
    ("T3", "A1", "2024-04-10", "2024-04-20", "low", 4),
    ("T4", "A1", "2024-06-20", "2024-06-30", "medium", 2),
    *[(f"T2{i}", "A2", "2024-05-01", None, "high", None) for i in range(6)],
    ("T31", "A3", "2024-02-01", "2024-03-01", "low", 5),  # closed before the window: its CSAT is not used
    ("T41", "A4", "2024-07-10", None, "high", None),  # opened after D: ignored
]
NPS = [
    ("A1", "2024-01-01", 0),
    ("A1", "2024-05-05", 7),
    ("A1", "2024-05-05", 8),  # two responses on the latest date: their mean
    ("A2", "2024-07-01", 10),  # after D: sentiment absent
    ("A3", "2023-01-01", 10),
]


def _frame(rows: list[tuple], columns: list[str], dates: tuple[str, ...] = ()) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=columns)
    for column in dates:
        frame[column] = pd.to_datetime(frame[column]).dt.date
    return frame


def build_health_warehouse(path: Path, tables: dict[str, pd.DataFrame] | None = None) -> Path:
    """The fixture above (or `tables` instead, by table name) as a warehouse; returns its path."""
    tables = tables or {
        "accounts": _frame(ACCOUNTS, ["account_id", "segment", "csm"]),
        "subscriptions": _frame(SUBSCRIPTIONS, ["subscription_id", "account_id", "product", "start_date",
                                                "end_date", "mrr", "seats"], ("start_date", "end_date")),
        "usage": _frame(USAGE, ["account_id", "date", "metric", "value"], ("date",)),
        "touchpoints": _frame(TOUCHPOINTS, ["account_id", "date", "type"], ("date",)),
        "tickets": _frame(TICKETS, ["ticket_id", "account_id", "opened_on", "closed_on", "severity", "csat"],
                          ("opened_on", "closed_on")),
        "nps": _frame(NPS, ["account_id", "date", "score"], ("date",)),
    }
    con = warehouse.connect_writer(path)
    try:
        for name, frame in tables.items():
            warehouse.replace_raw_rows(con, name, frame)
        warehouse.apply_sql_definitions(con)
    finally:
        con.close()
    return path


def frame(rows: list[tuple], columns: list[str], dates: tuple[str, ...] = ()) -> pd.DataFrame:
    """Rows as a DataFrame with the named columns parsed as dates (for tests building their own tables)."""
    return _frame(rows, columns, dates)
