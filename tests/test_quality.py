"""The data-quality report (cs_lib.quality) on a tiny hand-built warehouse, and its CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from cs_lib import warehouse
from cs_lib.quality import missing_values, quality_report


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "quality.duckdb"
    con = warehouse.connect_writer(path)
    con.execute("insert into raw_accounts (account_id, csm, created_on) values "
                "('A1', 'Sato', '2024-01-10'), ('A2', null, '2024-01-20'), ('A3', null, null)")
    # Usage in January and April 2024 only (February and March empty); one row names account A9,
    # which does not exist; two rows share the key (A1, 2024-01-05, logins).
    con.execute("insert into raw_usage (account_id, date, metric, value) values "
                "('A1', '2024-01-05', 'logins', 1), ('A1', '2024-01-05', 'logins', 2), "
                "('A2', '2024-04-30', 'logins', 1), ('A9', '2024-04-01', 'logins', 1)")
    con.close()
    return path


def test_report_counts_rows_dates_orphans_duplicates_and_empty_months(db: Path) -> None:
    with duckdb.connect(str(db), read_only=True) as con:
        report = quality_report(con).set_index("table")
    usage = report.loc["usage"]
    assert (usage.rows, usage.first_date, usage.last_date) == (4, "2024-01-05", "2024-04-30")
    assert usage.orphans == 1  # A9
    assert usage.duplicates == 1  # 4 rows, 3 distinct (account_id, date, metric)
    assert (usage.months_without_data, usage.empty_months) == (2, "2024-02, 2024-03")
    accounts = report.loc["accounts"]
    assert (accounts.rows, accounts.first_date, accounts.last_date, accounts.months_without_data) == (
        3, "2024-01-10", "2024-01-20", 0)


def test_an_empty_table_names_the_pages_it_leaves_dark_and_the_file_that_lights_them(db: Path) -> None:
    with duckdb.connect(str(db), read_only=True) as con:
        report = quality_report(con).set_index("table")
    assert report.loc["journey_events", "dark_pages"] == "journey"
    assert report.loc["journey_events", "file_to_bring"] == "journey_events.csv"
    assert report.loc["usage", "dark_pages"] == "" and report.loc["usage", "file_to_bring"] == ""


def test_missing_values_per_column(db: Path) -> None:
    with duckdb.connect(str(db), read_only=True) as con:
        missing = missing_values(con).set_index(["table", "column"])
    assert missing.loc[("accounts", "csm"), "missing"] == 2  # A2 and A3
    assert missing.loc[("accounts", "csm"), "share"] == pytest.approx(2 / 3)
    assert missing.loc[("accounts", "created_on"), "missing"] == 1
    assert missing.loc[("accounts", "account_id"), "missing"] == 0
    # An empty table has no share of missing values (0 of 0 rows), not 0 %.
    assert missing.loc[("nps", "score"), "missing"] == 0 and pd.isna(missing.loc[("nps", "score"), "share"])


def cli(*arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cs_lib", *arguments], capture_output=True, text=True,
                          cwd=Path(__file__).parent.parent)


def test_quality_cli_json_and_csv(db: Path) -> None:
    result = cli("quality", "--db", str(db))
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    usage = next(line for line in report["tables"] if line["table"] == "usage")
    assert (usage["rows"], usage["orphans"], usage["empty_months"]) == (4, 1, "2024-02, 2024-03")
    assert {"table": "accounts", "column": "csm", "required": False, "missing": 2,
            "share": pytest.approx(2 / 3)} in report["missing_values"]
    csv = cli("quality", "--db", str(db), "--format", "csv").stdout.splitlines()
    assert csv[0].startswith("table,rows,first_date,last_date,orphans,duplicates")
    assert len(csv) == 11  # header and the ten contract tables


def test_quality_cli_on_a_missing_warehouse_exits_2(tmp_path: Path) -> None:
    result = cli("quality", "--db", str(tmp_path / "nowhere.duckdb"))
    assert result.returncode == 2 and result.stderr.startswith("cs_lib: error: warehouse not found")
