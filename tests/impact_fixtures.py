"""The hand-built warehouses of the §12 tests (Impact & ROI, and the board pack's impact figures)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from cs_lib import warehouse
from tests.warehouse_fixtures import build_warehouse

# As-of 2025-01, so m0 = 2024-01. Programme "P". Segment in the second column.
#   t1 A  P 2023-06-01 (treated)   100 2023-01-01..2024-03-31, renewed by 100 2024-04-01..open -> 100 at m1
#   t2 A  P 2023-06-01 (treated)   100 2023-01-01..2024-06-30                                  -> churned
#   t3 B  P 2024-01-31 (treated: the last day of m0)  200 open, + 100 from 2024-06-01           -> 300
#   u1 A  no programme             100 2023-01-01..2024-04-30, renewed by 100 2024-05-01..open -> 100
#   u2 A                           100 2023-01-01..2024-03-31                                  -> churned
#   u3 B                           200 open                                                    -> 200
#   u4 B                           200 2023-01-01..2024-09-30                                  -> churned
#   u5 B  P 2025-02-01 (after m1: untreated)  100 open                                         -> 100
#   l1 A  P 2024-05-01 (during the window: left out)  100 open
IMPACT_ACCOUNTS = [
    ("t1", "A", None, None, None, "high_touch"), ("t2", "A", None, None, None, "high_touch"),
    ("t3", "B", None, None, None, "low_touch"), ("u1", "A"), ("u2", "A"), ("u3", "B"), ("u4", "B"), ("u5", "B"),
    ("l1", "A"),
]
IMPACT_SUBSCRIPTIONS = [
    ("t1a", "t1", "core", "2023-01-01", "2024-03-31", 100), ("t1b", "t1", "core", "2024-04-01", None, 100),
    ("t2a", "t2", "core", "2023-01-01", "2024-06-30", 100),
    ("t3a", "t3", "core", "2023-01-01", None, 200), ("t3b", "t3", "core", "2024-06-01", None, 100),
    ("u1a", "u1", "core", "2023-01-01", "2024-04-30", 100), ("u1b", "u1", "core", "2024-05-01", None, 100),
    ("u2a", "u2", "core", "2023-01-01", "2024-03-31", 100),
    ("u3a", "u3", "core", "2023-01-01", None, 200),
    ("u4a", "u4", "core", "2023-01-01", "2024-09-30", 200),
    ("u5a", "u5", "core", "2023-01-01", None, 100),
    ("l1a", "l1", "core", "2023-01-01", None, 100),
]
IMPACT_PROGRAMS = [
    ("t1", "P", "2023-06-01"), ("t2", "P", "2023-06-01"), ("t2", "P", "2024-03-01"),  # earliest start counts
    ("t3", "P", "2024-01-31"), ("u5", "P", "2025-02-01"), ("l1", "P", "2024-05-01"),
]

# Difference in differences: programme "P" started by d1 in 2023-01 (the one stack, s = 2023-01,
# s - 12 = 2022-01, s + 12 = 2024-01 = the as-of month).
#   d1 treated  100 2022-01-01..open, + 50 from 2023-07-01      MRR 100 -> 100 -> 150
#   d2 control  100 2022-01-01..2023-06-30                       MRR 100 -> 100 -> 0
#   d3 control  200 2022-01-01..open, P from 2024-02-01 (after s + 12)   200 -> 200 -> 200
#   d4 neither  100 open, P from 2023-06-01 (inside s..s + 12: not a control; its own stack ends after as-of)
#   d5 neither  100 from 2022-06-01 (not active at s - 12)
DID_ACCOUNTS = [("d1", "A"), ("d2", "A"), ("d3", "B"), ("d4", "B"), ("d5", "A")]
DID_SUBSCRIPTIONS = [
    ("d1a", "d1", "core", "2022-01-01", None, 100), ("d1b", "d1", "core", "2023-07-01", None, 50),
    ("d2a", "d2", "core", "2022-01-01", "2023-06-30", 100),
    ("d3a", "d3", "core", "2022-01-01", None, 200),
    ("d4a", "d4", "core", "2022-01-01", None, 100),
    ("d5a", "d5", "core", "2022-06-01", None, 100),
]
DID_PROGRAMS = [("d1", "P", "2023-01-15"), ("d3", "P", "2024-02-01"), ("d4", "P", "2023-06-01")]


def build_with_programs(path: Path, accounts, subscriptions, programs, recorded_through: str) -> Path:
    build_warehouse(path, accounts, subscriptions, recorded_through=recorded_through)
    frame = pd.DataFrame(programs, columns=["account_id", "program", "started_on"])
    frame["started_on"] = pd.to_datetime(frame["started_on"]).dt.date
    con = warehouse.connect_writer(path)
    try:
        warehouse.replace_raw_rows(con, "programs", frame)
        warehouse.apply_sql_definitions(con)
    finally:
        con.close()
    return path
