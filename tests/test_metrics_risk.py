"""The renewal risk list and the alert rules of METRICS.md §9, on a hand-computed fixture.

As-of 2024-06: D = 2024-06-30; risk window (D, D + 90] = [2024-07-01, 2024-09-28]; grace 30 days.
No usage, tickets or NPS: with the default weights health = (.15·engagement + .15·growth) / .30.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import duckdb
import pandas as pd
import pytest

from cs_lib.metrics import risk
from cs_lib.settings import DEFAULTS
from tests.health_fixtures import build_health_warehouse, frame

SUBSCRIPTION_COLUMNS = ["subscription_id", "account_id", "product", "start_date", "end_date", "mrr", "seats"]
LINES = [
    ("L1", "R1", "core", "2024-01-01", "2024-07-01", 100, None),  # D + 1: in the window
    ("L1r", "R1", "core", "2024-07-02", None, 100, None),  # its renewal, already booked
    ("L2", "R2", "core", "2024-01-01", "2024-09-28", 200, None),  # D + 90: in
    ("L2x", "R2", "addon", "2024-01-01", "2024-09-29", 10, None),  # D + 91: out
    ("L2f", "R2", "pilot", "2024-01-01", "2024-08-01", 0, None),  # free: never on the list
    ("L3", "R3", "core", "2024-01-01", "2024-06-30", 300, None),  # ends on D: out
    ("L3b", "R3", "addon", "2024-01-01", "2024-08-15", 50, None),
    ("L3c", "R3", "extra", "2024-01-01", "2024-07-20", 12.54, None),
    ("L4", "R4", "core", "2024-01-01", None, 100, None),
    ("L5", "R5", "core", "2024-07-15", "2024-08-31", 100, None),  # not active at D: unscored
    # Growth-only series for the health alerts (MRR in Feb, Mar, May, Jun):
    ("L6", "R6", "core", "2024-01-01", "2024-04-30", 100, None),  # Feb 100, Mar 100
    ("L6b", "R6", "core", "2024-05-01", "2024-05-31", 140, None),  # May 140 → growth 70
    ("L6c", "R6", "core", "2024-06-01", None, 100, None),  # Jun 100 vs Mar 100 → 50: drop 20
    ("L7", "R7", "core", "2024-01-01", "2024-04-30", 100, None),
    ("L7b", "R7", "core", "2024-05-01", "2024-05-31", 139.8, None),  # May 69.9 → Jun 50: drop 19.9
    ("L7c", "R7", "core", "2024-06-01", None, 100, None),
    ("L8", "R8", "core", "2024-01-01", "2024-05-31", 100, None),  # May 50
    ("L8b", "R8", "core", "2024-06-01", None, 50, None),  # Jun 25: at risk, drop 25
    ("L9", "R9", "core", "2024-03-01", "2024-05-31", 100, None),  # May: MRR(Feb) = 0, unscored
    ("L9b", "R9", "core", "2024-06-01", None, 40, None),  # Jun 20 vs Mar 100: at risk
]
TOUCHES = [("R1", "2024-06-30", "qbr"), ("R3", "2024-04-02", "call"), ("R4", "2024-04-01", "call")]
CSMS = {"R2": None, "R3": "Ito"}


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    accounts = [(f"R{i}", "SMB", CSMS.get(f"R{i}", "Sato")) for i in range(1, 10)]
    path = build_health_warehouse(tmp_path_factory.mktemp("risk") / "risk.duckdb", {
        "accounts": frame(accounts, ["account_id", "segment", "csm"]),
        "subscriptions": frame(LINES, SUBSCRIPTION_COLUMNS, ("start_date", "end_date")),
        "touchpoints": frame(TOUCHES, ["account_id", "date", "type"], ("date",)),
    })
    connection = duckdb.connect(str(path), read_only=True)
    yield connection
    connection.close()


GROWTH_ONLY = replace(DEFAULTS, health_weight_adoption=0.0, health_weight_engagement=0.0,
                      health_weight_support=0.0, health_weight_sentiment=0.0)


def test_risk_list_window_edges_health_loss_and_order(con):
    table = risk.risk_list(con, "2024-06")
    # L1: ARR 1,200, health (.15·100 + .15·50)/.3 = 75 → loss 1,200·.25 = 300, renewal booked.
    # L2: ARR 2,400, health (0 + 50)/2 = 25 → loss 1,800.
    # L3b: ARR 600; R3 last touched 89 days before D: engagement 100·(1 − 89/180) = 50.556,
    #      health 50.278 → loss 600·(1 − .50278) = 298.33. L3c: ARR 150.48 → loss 74.82.
    # L5: R5 is not active at D: unscored, loss undefined → last.
    assert list(table["subscription_id"]) == ["L2", "L1", "L3b", "L3c", "L5"]
    rows = table.set_index("subscription_id")
    assert rows.loc["L2", "expected_loss"] == pytest.approx(1800.0)
    assert rows.loc["L1", "expected_loss"] == pytest.approx(300.0)
    assert rows.loc["L3b", "expected_loss"] == pytest.approx(600 * (1 - (100 * (1 - 89 / 180) + 50) / 200))
    assert rows.loc["L3c", "arr_at_risk"] == pytest.approx(150.48)
    assert pd.isna(rows.loc["L5", "expected_loss"]) and pd.isna(rows.loc["L5", "health"])
    assert bool(rows.loc["L1", "renewal_booked"]) is True and bool(rows.loc["L2", "renewal_booked"]) is False
    assert rows.loc["L1", "band"] == "healthy" and rows.loc["L2", "band"] == "at_risk"
    assert rows.loc["L1", "last_touchpoint"] == date(2024, 6, 30)
    assert pd.isna(rows.loc["L2", "last_touchpoint"]) and pd.isna(rows.loc["L2", "csm"])


def test_risk_window_is_a_setting(con):
    shorter = risk.risk_list(con, "2024-06", settings=replace(DEFAULTS, risk_window_days=1))
    assert list(shorter["subscription_id"]) == ["L1"]
    assert list(risk.risk_list(con, "2024-06", window_days=91)["subscription_id"]).count("L2x") == 1


def test_health_alerts_at_their_boundaries(con):
    table = risk.alerts(con, "2024-06", settings=GROWTH_ONLY)
    health_alerts = table[table["rule"].isin(["health_at_risk", "health_drop"])]
    assert health_alerts.values.tolist() == [
        # R6: 70.0 → 50.0, a drop of exactly 20 → fires; still watch → no at-risk alert.
        ["R6", "health_drop", "health 70.0 → 50.0 (−20.0)", "Sato"],
        # R7: 69.9 → 50.0, a drop of 19.9 → nothing.
        # R8: 50 (watch) → 25 (at risk): both rules.
        ["R8", "health_at_risk", "health 50.0 → 25.0", "Sato"],
        ["R8", "health_drop", "health 50.0 → 25.0 (−25.0)", "Sato"],
        # R9: unscored in May (MRR three months earlier was 0) → at risk in June: no drop without a score.
        ["R9", "health_at_risk", "health – → 20.0", "Sato"],
    ]


def test_no_touchpoint_alert_window_edge(con):
    table = risk.alerts(con, "2024-06", settings=GROWTH_ONLY)
    evidence = dict(table[table["rule"] == "no_touchpoint"][["account_id", "evidence"]].values.tolist())
    # R3 last touched 2024-04-02 = D − 89: inside the window. R4 on 2024-04-01 = D − 90: fires.
    # Never touched accounts fire with "never"; R5 is not active.
    assert evidence == {"R2": "last touchpoint never", "R4": "last touchpoint 2024-04-01",
                        "R6": "last touchpoint never", "R7": "last touchpoint never",
                        "R8": "last touchpoint never", "R9": "last touchpoint never"}


def test_renewal_not_healthy_alert(con):
    table = risk.alerts(con, "2024-06")
    renewal = table[table["rule"] == "renewal_not_healthy"].values.tolist()
    # R1 is healthy (75): nothing. R2 at risk (25): L2 only (L2x ends after the window, the pilot is free),
    # owner empty (no CSM). R3 watch: L3b and L3c, ARR 600 + 150.48 = 750.48 → 750, latest end 2024-08-15.
    assert renewal == [
        ["R2", "renewal_not_healthy", "1 line(s) ending by 2024-09-28, ARR 2,400, band at risk", ""],
        ["R3", "renewal_not_healthy", "2 line(s) ending by 2024-08-15, ARR 750, band watch", "Ito"],
    ]


def test_rules_switch_off(con):
    quiet = replace(GROWTH_ONLY, alert_no_touchpoint="off", alert_health_drop="off")
    rules = set(risk.alerts(con, "2024-06", settings=quiet)["rule"])
    assert rules == {"health_at_risk", "renewal_not_healthy"}


def test_no_touchpoint_needs_a_touchpoints_table(tmp_path):
    path = build_health_warehouse(tmp_path / "untouched.duckdb", {
        "accounts": frame([("U1", "SMB", "Sato", "2024-06-30")], ["account_id", "segment", "csm", "created_on"],
                          ("created_on",)),
        "subscriptions": frame([("S", "U1", "core", "2024-01-01", None, 100, None)], SUBSCRIPTION_COLUMNS,
                               ("start_date", "end_date")),
    })
    with duckdb.connect(str(path), read_only=True) as bare:
        assert risk.alerts(bare, "2024-06").empty


def test_risk_list_excel_for_the_sfa(con):
    import io

    from openpyxl import load_workbook

    from cs_lib.present.health_tables import SFA_COLUMNS, risk_excel_bytes

    table = risk.risk_list(con, "2024-06")
    sheet = load_workbook(io.BytesIO(risk_excel_bytes(table)))["renewal_risk"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == SFA_COLUMNS
    first = dict(zip(rows[0], rows[1], strict=True))
    # The first row is L2 (expected loss 1,800): numbers stay numbers, dates stay dates.
    assert first["subscription_id"] == "L2" and first["arr_at_risk"] == 2400 and first["expected_loss"] == 1800
    assert first["end_date"].date() == date(2024, 9, 28)
    assert len(rows) == 1 + len(table)
