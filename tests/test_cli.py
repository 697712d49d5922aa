"""The command line as a scheduled job sees it: real processes, output formats, exit codes."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_metrics_mrr_and_movements import BASICS_ACCOUNTS, BASICS_LINES
from tests.warehouse_fixtures import build_warehouse

REPO_ROOT = Path(__file__).resolve().parent.parent
KPI_KEYS = [
    "as_of", "mrr", "arr", "active_accounts", "arpa",
    "logo_churn_rate_month", "gross_mrr_churn_rate_month", "grr_month", "nrr_month", "quick_ratio_month",
    "grr_ttm", "nrr_ttm", "logo_retention_ttm", "upsell_rate_ttm", "expansion_rate_ttm", "cross_sell_rate_ttm",
    "ltv", "renewal_rate_ttm", "first_renewal_rate_ttm", "pilot_conversion_rate_ttm", "renewals_pending",
]


def run_cli(*arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "cs_lib", *arguments], cwd=REPO_ROOT, capture_output=True, text=True, timeout=120
    )


@pytest.fixture(scope="module")
def basics_db(tmp_path_factory) -> str:
    # Recorded through 2024-04 (a touchpoint), so the as-of months the tests ask for are in the data.
    path = tmp_path_factory.mktemp("cli") / "w.duckdb"
    return str(build_warehouse(path, BASICS_ACCOUNTS, BASICS_LINES, recorded_through="2024-04-30"))


def test_kpis_json_is_one_object_with_the_machine_names(basics_db):
    result = run_cli("kpis", "--db", basics_db, "--as-of", "2024-03")
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert list(values) == KPI_KEYS
    assert values["as_of"] == "2024-03" and values["mrr"] == 300 and values["arr"] == 3600
    assert values["quick_ratio_month"] == 0


def test_kpis_undefined_values_are_json_null(basics_db):
    # 2024-01 is the first month: monthly rates and TTM retention are undefined.
    values = json.loads(run_cli("kpis", "--db", basics_db, "--as-of", "2024-01").stdout)
    assert values["grr_month"] is None and values["grr_ttm"] is None and values["ltv"] is None


def test_kpis_csv_has_a_header_and_one_row(basics_db):
    result = run_cli("kpis", "--db", basics_db, "--as-of", "2024-03", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert result.returncode == 0 and len(rows) == 1
    assert list(rows[0]) == KPI_KEYS and rows[0]["mrr"] == "300.0"


def test_kpis_where_filters_by_dimension(basics_db):
    result = run_cli("kpis", "--db", basics_db, "--as-of", "2024-03", "--where", "segment=Enterprise")
    assert json.loads(result.stdout)["mrr"] == 200  # only C


def test_kpis_default_as_of_is_the_latest_recorded_month(basics_db):
    # Latest recorded date in the fixture: the touchpoint of 2024-04-30 -> 2024-04.
    assert json.loads(run_cli("kpis", "--db", basics_db).stdout)["as_of"] == "2024-04"


def test_movements_csv_columns_and_rows(basics_db):
    result = run_cli("movements", "--db", basics_db, "--as-of", "2024-04")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert result.returncode == 0
    assert list(rows[0]) == ["month", "mrr", "new", "reactivation", "expansion", "contraction", "churn"]
    assert [row["month"] for row in rows] == ["2024-01", "2024-02", "2024-03", "2024-04"]
    assert rows[1]["expansion"] == "30.0" and rows[1]["churn"] == "-50.0"


def test_movements_json_is_a_list_of_month_objects(basics_db):
    rows = json.loads(run_cli("movements", "--db", basics_db, "--as-of", "2024-04", "--format", "json").stdout)
    assert rows[3] == {
        "month": "2024-04", "mrr": 200.0, "new": 0.0, "reactivation": 0.0,
        "expansion": 0.0, "contraction": 0.0, "churn": -100.0,
    }


def test_cohorts_long_form(basics_db):
    result = run_cli("cohorts", "--db", basics_db, "--kind", "logo", "--as-of", "2024-04")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == ["cohort", "age", "value", "size"]
    assert [(row["cohort"], row["age"], row["size"]) for row in rows] == [
        ("2024-01", "0", "3"), ("2024-01", "1", "3"), ("2024-01", "2", "3"), ("2024-01", "3", "3"),
    ]
    revenue = json.loads(
        run_cli("cohorts", "--db", basics_db, "--kind", "revenue", "--as-of", "2024-04", "--format", "json").stdout
    )
    assert revenue[3]["value"] == pytest.approx(200 / 350)


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (("kpis",), "required: --db"),
        (("kpis", "--db", "{db}", "--as-of", "2024-13"), "expected a month as YYYY-MM"),
        (("kpis", "--db", "{db}", "--as-of", "2031-01"), "after the last recorded month 2024-04"),
        (("kpis", "--db", "{db}", "--as-of", "2024-05"), "after the last recorded month 2024-04"),
        (("kpis", "--db", "{db}", "--as-of", "2023-12"), "outside the data"),
        (("kpis", "--db", "{db}", "--where", "segment=Megacorp"), "no account has segment 'Megacorp'"),
        (("movements", "--db", "{db}", "--where", "segment=Megacorp"), "valid values: Enterprise, SMB"),
        (("cohorts", "--db", "{db}", "--kind", "logo", "--as-of", "2025-01"), "after the last recorded month"),
        (("settings", "--db", "{db}", "gross_margin=1.5"), "gross_margin must be above 0"),
        (("settings", "--db", "{db}", "target.happiness=1"), "no KPI named 'happiness'"),
        (("settings", "--db", "{db}", "colour=red"), "unknown setting 'colour'"),
        (("settings", "--db", "{db}", "as_of_month=2024-07"), "after the last recorded month 2024-04"),
        (("kpis", "--db", "{db}", "--where", "colour=red"), "unknown filter dimension 'colour'"),
        (("kpis", "--db", "{db}", "--where", "segment"), "DIM=VALUE"),
        (("kpis", "--db", "{db}", "--format", "xml"), "invalid choice"),
        (("cohorts", "--db", "{db}", "--kind", "seats"), "invalid choice"),
        (("kpis", "--db", "/nonexistent/w.duckdb"), "warehouse not found"),
        (("frobnicate",), "invalid choice"),
        ((), "required: command"),
    ],
)
def test_bad_usage_exits_2_with_one_line_on_stderr(basics_db, arguments, message):
    result = run_cli(*(argument.format(db=basics_db) for argument in arguments))
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("cs_lib: error: ") and message in lines[0]


ACCOUNTS_CSV = "account_id,account_name,segment\nA1,株式会社テスト,SMB\nA2,Example KK,Enterprise\n"
SUBSCRIPTIONS_CSV = (
    "subscription_id,account_id,product,start_date,end_date,mrr\n"
    "S1,A1,core,2024/01/01,2024/12/31,1000\n"
    "S2,A2,core,2024-02-01,,5000\n"
)


def warehouse_snapshot(db: str) -> list:
    import duckdb

    with duckdb.connect(db, read_only=True) as con:
        return [
            con.execute(f"select * from {table} order by all").fetchall()
            for table in ("raw_accounts", "raw_subscriptions", "account_month_mrr")
        ]


def test_import_then_kpis(tmp_path):
    (tmp_path / "accounts.csv").write_text(ACCOUNTS_CSV, encoding="utf-8")
    (tmp_path / "subscriptions.csv").write_text(SUBSCRIPTIONS_CSV, encoding="utf-8")
    db = str(tmp_path / "new" / "w.duckdb")
    result = run_cli("import", "--db", db, str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["rows"] == {"accounts": 2, "subscriptions": 2}
    # 2024-02: S1 1000 + S2 5000
    assert json.loads(run_cli("kpis", "--db", db, "--as-of", "2024-02").stdout)["mrr"] == 6000


def test_import_with_errors_exits_2_lists_every_problem_and_changes_nothing(tmp_path):
    good, bad = tmp_path / "good", tmp_path / "bad"
    good.mkdir()
    bad.mkdir()
    (good / "accounts.csv").write_text(ACCOUNTS_CSV, encoding="utf-8")
    (good / "subscriptions.csv").write_text(SUBSCRIPTIONS_CSV, encoding="utf-8")
    db = str(tmp_path / "w.duckdb")
    assert run_cli("import", "--db", db, str(good)).returncode == 0
    before = warehouse_snapshot(db)

    (bad / "subscriptions.csv").write_text(
        "subscription_id,account_id,product,start_date,end_date,mrr\n"
        "S1,A1,core,2024/01/01,2024/12/31,2000\n"  # a valid change that must not land either
        "S3,NOPE,core,2024-03-01,,100\n"  # row 3: unknown account
        "S4,A1,core,2024-05-01,2024-04-30,-5\n",  # row 4: end before start, negative MRR
        encoding="utf-8",
    )
    result = run_cli("import", "--db", db, str(bad))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    summary = next(line for line in lines if line.startswith("cs_lib: error: "))
    assert "3 problems" in summary and "unchanged" in summary
    problems = lines[lines.index(summary) + 1 :]
    assert len(problems) == 3
    assert any("row 3" in line and "account_id" in line and "NOPE" in line for line in problems)
    assert any("row 4" in line and "end_date" in line for line in problems)
    assert any("row 4" in line and "mrr" in line and "-5" in line for line in problems)
    assert warehouse_snapshot(db) == before


def test_failed_first_import_leaves_no_warehouse_behind(tmp_path):
    (tmp_path / "accounts.csv").write_text("account_id,cs_model\nA1,white_glove\n", encoding="utf-8")
    db = tmp_path / "w.duckdb"
    result = run_cli("import", "--db", str(db), str(tmp_path / "accounts.csv"))
    assert result.returncode == 2 and "cs_model" in result.stderr
    assert not db.exists()


def test_refresh_reapplies_stale_definitions_once(basics_db):
    import duckdb

    with duckdb.connect(basics_db) as con:  # as if built by an older version of sql/
        con.execute("update warehouse_info set value = 'older' where key = 'definitions'")
    first = run_cli("refresh", "--db", basics_db)
    second = run_cli("refresh", "--db", basics_db)
    assert first.returncode == 0 and "re-applied" in first.stderr
    assert second.returncode == 0 and "already current" in second.stderr
    assert json.loads(run_cli("kpis", "--db", basics_db, "--as-of", "2024-03").stdout)["mrr"] == 300


def test_settings_lists_defaults_and_sets_targets_all_or_nothing(tmp_path):
    db = str(build_warehouse(tmp_path / "s.duckdb", BASICS_ACCOUNTS, BASICS_LINES, recorded_through="2024-04-30"))
    listed = json.loads(run_cli("settings", "--db", db).stdout)
    assert listed["comparison_lag_months"] == 12 and listed["gross_margin"] == 0.8  # METRICS.md §13, §5
    result = run_cli("settings", "--db", db, "target.nrr_ttm=105%", "target.nrr_ttm.Enterprise=1.1", "gross_margin=0.7")
    assert result.returncode == 0, result.stderr
    stored = json.loads(result.stdout)
    assert stored["target.nrr_ttm"] == 1.05 and stored["target.nrr_ttm.Enterprise"] == 1.1
    assert stored["gross_margin"] == 0.7
    refused = run_cli("settings", "--db", db, "gross_margin=0.6", "comparison_lag_months=6")
    assert refused.returncode == 2 and "comparison_lag_months must be one of 1, 3, 12" in refused.stderr
    assert json.loads(run_cli("settings", "--db", db).stdout)["gross_margin"] == 0.7  # nothing changed
    reset = json.loads(run_cli("settings", "--db", db, "target.nrr_ttm=").stdout)
    assert "target.nrr_ttm" not in reset and reset["target.nrr_ttm.Enterprise"] == 1.1
