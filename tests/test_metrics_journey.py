"""The journey of METRICS.md §10 on a hand-computed fixture, and the import of journey events.

As-of 2024-06: D = 2024-06-30. Stages and target days: onboarding 90, adoption 180, renewal 90,
value_realization none.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from cs_lib import schema
from cs_lib.ingest import import_paths
from cs_lib.metrics import journey
from tests.health_fixtures import build_health_warehouse, frame

EVENTS = [
    ("J1", "onboarding", "2024-01-01"), ("J1", "adoption", "2024-02-15"), ("J1", "renewal", "2024-05-01"),
    ("J2", "Onboarding", "2024-01-01"), ("J2", "ADOPTION", "2024-01-31"),  # matched case-insensitively
    ("J3", "onboarding", "2024-01-01"),
    ("J4", "onboarding", "2023-10-01"), ("J4", "adoption", "2023-11-01"), ("J4", "renewal", "2024-01-01"),
    ("J4", "value_realization", "2024-02-01"), ("J4", "renewal", "2024-03-01"),  # re-entered: clock restarts
    ("J5", "onboarding", "2023-06-01"), ("J5", "adoption", "2023-07-01"), ("J5", "renewal", "2023-12-01"),
    ("J6", "onboarding", "2024-06-10"), ("J6", "adoption", "2024-06-10"),  # same day: the later stage
    ("J6", "renewal", "2024-07-05"),  # after D: ignored
    ("J8", "onboarding", "2024-04-01"),  # exactly 90 days at D: not stuck
]
ACCOUNTS = ["J1", "J2", "J3", "J4", "J5", "J6", "J8"]


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    lines = [(f"S{a}", a, "core", "2024-01-01", None, 100, None) for a in ACCOUNTS if a != "J5"]
    lines.append(("SJ5", "J5", "core", "2023-06-01", "2024-03-31", 100, None))  # churned before D
    path = build_health_warehouse(tmp_path_factory.mktemp("journey") / "journey.duckdb", {
        "accounts": frame([(a, "SMB", "Sato", "2024-06-30") for a in ACCOUNTS],
                          ["account_id", "segment", "csm", "created_on"], ("created_on",)),
        "subscriptions": frame(lines, ["subscription_id", "account_id", "product", "start_date", "end_date", "mrr",
                                       "seats"], ("start_date", "end_date")),
        "journey_events": frame(EVENTS, ["account_id", "stage", "entered_on"], ("entered_on",)),
    })
    connection = duckdb.connect(str(path), read_only=True)
    yield connection
    connection.close()


def test_default_stages_and_target_days():
    assert [(s[0], s[-1]) for s in schema.DEFAULT_JOURNEY_STAGES] == [
        ("onboarding", 90), ("adoption", 180), ("renewal", 90), ("value_realization", None)]


def test_funnel_reached_and_conversion(con):
    table = journey.journey_summary(con, "2024-06").set_index("stage")
    # Furthest stage: J1 renewal, J2 adoption, J3 onboarding, J4 value, J5 renewal (churned, counted),
    # J6 adoption, J8 onboarding → reached 7, 5, 3, 1.
    assert list(table["reached"]) == [7, 5, 3, 1]
    assert table["conversion"].iloc[0] is None or table["conversion"].isna().iloc[0]
    assert list(table["conversion"].iloc[1:]) == pytest.approx([5 / 7, 3 / 5, 1 / 3])


def test_time_in_stage(con):
    table = journey.journey_summary(con, "2024-06").set_index("stage")
    # Onboarding → a later stage: J1 45, J2 30, J4 31, J5 30, J6 0 (same day); J3, J8 have not left.
    # Sorted 0, 30, 30, 31, 45: median 30; P80 at rank 0.8·4 = 3.2 → 31 + 0.2·(45 − 31) = 33.8.
    assert table.loc["onboarding", "median_days"] == pytest.approx(30.0)
    assert table.loc["onboarding", "p80_days"] == pytest.approx(33.8)
    assert table.loc["onboarding", "left"] == 5
    # Adoption: J1 2024-02-15 → 05-01 = 76, J4 11-01 → 01-01 = 61, J5 07-01 → 12-01 = 153.
    # Median 76; P80 at 1.6 → 76 + 0.6·(153 − 76) = 122.2.
    assert table.loc["adoption", "median_days"] == pytest.approx(76.0)
    assert table.loc["adoption", "p80_days"] == pytest.approx(122.2)
    # Renewal: J4's first entry 2024-01-01 → value 2024-02-01 = 31 (J1, J5 still in renewal).
    assert table.loc["renewal", "median_days"] == pytest.approx(31.0)
    assert table["median_days"].isna().iloc[-1]  # undefined for the last stage


def test_stuck_accounts_strictly_past_target(con):
    stuck = journey.stuck_list(con, "2024-06")
    # J3 onboarding since 2024-01-01: 181 > 90. J4 renewal since its re-entry 2024-03-01: 121 > 90.
    # J8: exactly 90 → not stuck. J2 adoption 151 ≤ 180. J5 is not active.
    assert stuck[["account_id", "stage", "days_in_stage"]].values.tolist() == [
        ["J3", "onboarding", 181], ["J4", "renewal", 121]]
    assert list(stuck["owner_department"]) == ["cs", "sales"] and list(stuck["csm"]) == ["Sato", "Sato"]
    table = journey.journey_summary(con, "2024-06").set_index("stage")
    assert list(table["stuck"]) == [1, 0, 1, 0]


def test_import_matches_stage_names_case_insensitively(tmp_path: Path):
    files = tmp_path / "files"
    files.mkdir()
    (files / "accounts.csv").write_text("account_id\nA1\n", encoding="utf-8")
    (files / "subscriptions.csv").write_text(
        "subscription_id,account_id,product,start_date,end_date,mrr\nS1,A1,core,2024-01-01,,100\n", encoding="utf-8")
    (files / "journey_events.csv").write_text(
        "account_id,stage,entered_on\nA1,ONBOARDING,2024-01-01\nA1,活用定着,2024-02-01\nA1,Renewal,2024-03-01\n"
        "A1,party,2024-04-01\n", encoding="utf-8")
    report = import_paths(tmp_path / "w.duckdb", [files])
    assert [(p.file, p.row, p.column, p.value) for p in report.errors] == [("journey_events.csv", 5, "stage", "party")]

    (files / "journey_events.csv").write_text(
        "account_id,stage,entered_on\nA1,ONBOARDING,2024-01-01\nA1,活用定着,2024-02-01\nA1,Renewal,2024-03-01\n",
        encoding="utf-8")
    assert import_paths(tmp_path / "w.duckdb", [files]).ok
    with duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True) as con:
        stages = con.execute("select stage from stg_journey_events order by entered_on").fetchall()
    assert stages == [("onboarding",), ("adoption",), ("renewal",)]


@pytest.mark.parametrize(("name", "text", "expected"), [
    ("usage.csv", "account_id,date,metric,value\nA1,2024-01-01,active_users,3\nA1,2024-01-02,active_users,-1\n",
     ("usage.csv", 3, "value", "-1")),
    ("touchpoints.csv", "account_id,date,type,channel\nA1,2024-01-01,call,high_touch\nA1,2024-01-02,call,phone\n",
     ("touchpoints.csv", 3, "channel", "phone")),
    ("tickets.csv", "ticket_id,account_id,opened_on,closed_on,severity,csat\nT1,A1,2024-01-05,2024-01-01,low,3\n",
     ("tickets.csv", 2, "closed_on", "2024-01-01")),
    ("nps.csv", "account_id,date,score\nA1,2024-01-01,11\n", ("nps.csv", 2, "score", "11")),
    ("journey_events.csv", "account_id,stage,entered_on\nZ9,onboarding,2024-01-01\n",
     ("journey_events.csv", 2, "account_id", "Z9")),
])
def test_bad_rows_of_the_activity_tables_are_refused(tmp_path: Path, name: str, text: str, expected: tuple):
    files = tmp_path / "files"
    files.mkdir()
    (files / "accounts.csv").write_text("account_id\nA1\n", encoding="utf-8")
    (files / "subscriptions.csv").write_text(
        "subscription_id,account_id,product,start_date,end_date,mrr\nS1,A1,core,2024-01-01,,100\n", encoding="utf-8")
    (files / name).write_text(text, encoding="utf-8")
    report = import_paths(tmp_path / "w.duckdb", [files])
    assert [(p.file, p.row, p.column, p.value) for p in report.errors] == [expected]
    assert not report.ok
