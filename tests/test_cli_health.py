"""The health, back-test, risk, alerts, journey and forecast commands: formats, columns, exit codes."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tests.health_fixtures import build_health_warehouse
from tests.test_cli import run_cli


@pytest.fixture(scope="module")
def health_db(tmp_path_factory) -> str:
    return str(build_health_warehouse(tmp_path_factory.mktemp("cli_health") / "h.duckdb"))


def test_health_json_rows_with_components(health_db):
    result = run_cli("health", "--db", health_db, "--as-of", "2024-06")
    assert result.returncode == 0, result.stderr
    rows = {row["account_id"]: row for row in json.loads(result.stdout)}
    assert list(rows["A1"]) == ["account_id", "health", "band", "low_confidence", "adoption", "engagement",
                                "support", "sentiment", "growth"]
    # Hand-computed in tests/test_metrics_health.py: 67.25, watch; A2 has no sentiment (null).
    assert rows["A1"]["health"] == pytest.approx(67.25) and rows["A1"]["band"] == "watch"
    assert rows["A2"]["sentiment"] is None and rows["A1"]["low_confidence"] is False


def test_health_csv_with_a_filter(health_db):
    result = run_cli("health", "--db", health_db, "--as-of", "2024-06", "--where", "csm=Sato", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert result.returncode == 0 and [row["account_id"] for row in rows] == ["A1", "A2"]


def test_bad_filter_value_exits_2(health_db):
    result = run_cli("health", "--db", health_db, "--where", "csm=Nobody")
    assert result.returncode == 2 and result.stderr.startswith("cs_lib: error: no account has csm 'Nobody'")


def test_risk_bad_days_exits_2(health_db):
    result = run_cli("risk", "--db", health_db, "--days", "0")
    assert result.returncode == 2 and "--days must be from 1 to 730" in result.stderr


@pytest.mark.parametrize(("command", "columns"), [
    ("backtest", ["month", "accounts", "auc", "churn_3m_healthy", "churn_3m_watch", "churn_3m_at_risk"]),
    ("risk", ["subscription_id", "account_id", "product", "end_date", "arr_at_risk", "health", "band",
              "expected_loss", "renewal_booked", "csm", "last_touchpoint"]),
    ("alerts", ["account_id", "rule", "evidence", "owner"]),
    ("journey", ["stage", "reached", "conversion", "median_days", "p80_days", "stuck"]),
    ("forecast", ["quarter", "expiring_arr", "expected_arr", "p10", "p50", "p90"]),
])
def test_columns_on_the_demo(small_demo_db, command, columns):
    result = run_cli(command, "--db", str(small_demo_db), "--format", "csv")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows and list(rows[0]) == columns


def test_risk_json_dates_and_order(small_demo_db):
    rows = json.loads(run_cli("risk", "--db", str(small_demo_db), "--days", "60").stdout)
    assert rows and all(len(row["end_date"]) == 10 for row in rows)
    losses = [row["expected_loss"] for row in rows if row["expected_loss"] is not None]
    assert losses == sorted(losses, reverse=True)


def test_forecast_quarters(small_demo_db):
    rows = json.loads(run_cli("forecast", "--db", str(small_demo_db), "--quarters", "2").stdout)
    assert len(rows) == 2 and rows[0]["quarter"][4:6] == "-Q"


def test_health_settings_are_set_by_the_settings_command(tmp_path):
    db = str(build_health_warehouse(tmp_path / "s.duckdb"))
    result = run_cli("settings", "--db", db, "health_weight_sentiment=0", "health_band_healthy=150")
    assert result.returncode == 2 and "health_band_healthy must be a health score from 0 to 100" in result.stderr
    result = run_cli("settings", "--db", db, "health_weight_sentiment=0", "alert_no_touchpoint=off")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["health_weight_sentiment"] == 0.0
    rows = {row["account_id"]: row for row in json.loads(run_cli("health", "--db", db, "--as-of", "2024-06").stdout)}
    # A1 without sentiment: (.3·50 + .15·100 + .2·55 + .15·75) / .8 = 52.25 / .8 = 65.3125.
    assert rows["A1"]["health"] == pytest.approx(52.25 / 0.8)
    alerts = json.loads(run_cli("alerts", "--db", db, "--as-of", "2024-06").stdout)
    assert all(alert["rule"] != "no_touchpoint" for alert in alerts)
