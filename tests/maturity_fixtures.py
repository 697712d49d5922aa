"""A tiny warehouse for METRICS.md §11, written out by hand (the arithmetic is in tests/test_metrics_maturity.py)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from cs_lib import warehouse

AS_OF = "2025-06"
ACCOUNTS = [
    # account_id, business_unit, cs_model
    ("A1", "Alpha", "tech_touch"),
    ("A2", "Alpha", "high_touch"),
    ("B1", "Beta", "tech_touch"),
    ("G1", "Gamma", "high_touch"),
]
SUBSCRIPTIONS = [
    ("a1", "A1", "core", "2024-01-01", None, 100),
    ("a2", "A2", "core", "2024-01-01", "2025-02-28", 300),
    ("a3", "A2", "core", "2025-03-01", None, 150),
    ("b1", "B1", "core", "2024-01-01", None, 200),
    ("g1", "G1", "core", "2024-01-01", None, 400),
]
ASSESSMENTS = [
    # assessment_id, assessed_on, business_unit, department, respondent, level
    ("m1", "2025-06-20", "Alpha", "cs", "r1", 3),
    ("m2", "2025-06-10", "Alpha", "cs", "r2", 4),
    ("m3", "2025-06-05", "Alpha", "cs", "r3", 2),  # 15 days before L: the previous round
    ("m4", "2025-05-22", "Alpha", "cs", None, 1),  # P - 14: in the previous round
    ("m5", "2025-05-21", "Alpha", "cs", "r5", 4),  # P - 15: in neither
    ("m6", "2025-07-01", "Alpha", "cs", "r6", 1),  # after the as-of month: not counted
    ("m7", "2025-06-01", "Alpha", "sales", "r1", 1),
    ("m8", "2025-06-01", "Alpha", "sales", "r2", 2),
    ("m9", "2025-06-01", "Alpha", "sales", "r3", 4),
    ("m10", "2025-03-01", "Beta", "cs", "r7", 2),
]
CULTURE = [
    # response_id, answered_on, business_unit, department, item, score
    ("c1", "2025-01-10", "Alpha", "cs", "X", 5),
    ("c1", "2025-01-10", "Alpha", "cs", "Y", 2),
    ("c2", "2025-01-10", "Alpha", "sales", "X", 4),
    ("c2", "2025-01-10", "Alpha", "sales", "Y", 3),
    ("c3", "2025-02-01", "Beta", "", "X", 1),
    ("c3", "2025-02-01", "Beta", "", "Y", 4),
    ("c4", "2024-06-30", "Alpha", "cs", "X", 5),  # before the 12-month window
]
TOUCHPOINTS = [("A1", "2025-04-02", "call"), ("A2", "2025-04-01", "call"), ("G1", "2025-06-30", "call")]
# A1: D - 89, in the 90 days; A2: D - 90, out; G1 records the data through June.
JOURNEY = [("A1", "onboarding", "2025-05-01")]


def _dates(frame: pd.DataFrame, *columns: str) -> pd.DataFrame:
    for column in columns:
        frame[column] = pd.to_datetime(frame[column]).dt.date
    return frame


def build_maturity_warehouse(path: Path) -> Path:
    tables = {
        "accounts": pd.DataFrame(ACCOUNTS, columns=["account_id", "business_unit", "cs_model"]),
        "subscriptions": _dates(pd.DataFrame(SUBSCRIPTIONS, columns=[
            "subscription_id", "account_id", "product", "start_date", "end_date", "mrr"]), "start_date", "end_date"),
        "maturity_assessments": _dates(pd.DataFrame(ASSESSMENTS, columns=[
            "assessment_id", "assessed_on", "business_unit", "department", "respondent", "level"]), "assessed_on"),
        "culture_survey": _dates(pd.DataFrame(CULTURE, columns=[
            "response_id", "answered_on", "business_unit", "department", "item", "score"]), "answered_on"),
        "touchpoints": _dates(pd.DataFrame(TOUCHPOINTS, columns=["account_id", "date", "type"]), "date"),
        "journey_events": _dates(pd.DataFrame(JOURNEY, columns=["account_id", "stage", "entered_on"]), "entered_on"),
    }  # fmt: skip
    con = warehouse.connect_writer(path)
    try:
        for name, frame in tables.items():
            warehouse.replace_raw_rows(con, name, frame)
        warehouse.apply_sql_definitions(con)
    finally:
        con.close()
    return path
