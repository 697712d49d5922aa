"""The survival, renewals, segments and tiers commands: exact output formats and exit codes."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tests.test_cli import run_cli
from tests.test_metrics_growth_segments import TIER_ACCOUNTS, TIER_LINES
from tests.test_metrics_renewals import ACCOUNTS as RENEWAL_ACCOUNTS
from tests.test_metrics_renewals import LINES as RENEWAL_LINES
from tests.test_survival import LIFETIME_ACCOUNTS, LIFETIME_LINES
from tests.warehouse_fixtures import build_warehouse


@pytest.fixture(scope="module")
def lifetimes_db(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("cli_survival") / "w.duckdb"
    return str(build_warehouse(path, LIFETIME_ACCOUNTS, LIFETIME_LINES, recorded_through="2024-12-15"))


@pytest.fixture(scope="module")
def tiers_db(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("cli_tiers") / "w.duckdb"
    return str(build_warehouse(path, TIER_ACCOUNTS, TIER_LINES, recorded_through="2025-01-15"))


def test_survival_json_by_segment(lifetimes_db):
    result = run_cli("survival", "--db", lifetimes_db, "--as-of", "2024-12", "--by", "segment")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert list(document) == ["as_of", "by", "curves", "median", "logrank"]
    assert document["as_of"] == "2024-12" and document["by"] == "segment"
    assert list(document["curves"][0]) == ["group", "t", "at_risk", "events", "survival", "lower", "upper"]
    # Enterprise 3, 11+; SMB 1, 3, 10+ (tests/test_survival.py): one row per group and distinct lifetime.
    assert [(row["group"], row["t"]) for row in document["curves"]] == [
        ("Enterprise", 3), ("Enterprise", 11), ("SMB", 1), ("SMB", 3), ("SMB", 10)]
    assert document["median"] == {"Enterprise": 3, "SMB": 3}
    assert set(document["logrank"]) == {"statistic", "df", "p"} and document["logrank"]["df"] == 1


def test_survival_without_by_is_one_group_and_no_test(lifetimes_db):
    document = json.loads(run_cli("survival", "--db", lifetimes_db, "--as-of", "2024-12").stdout)
    assert document["by"] is None and document["logrank"] is None
    assert {row["group"] for row in document["curves"]} == {"all"} and document["median"] == {"all": 3}
    rows = list(csv.DictReader(io.StringIO(run_cli("survival", "--db", lifetimes_db, "--format", "csv",
                                                    "--where", "segment=SMB").stdout)))
    assert [(row["group"], row["t"], row["at_risk"], row["events"]) for row in rows] == [
        ("all", "1", "3", "1"), ("all", "3", "2", "1"), ("all", "10", "1", "0")]


def test_renewals_csv(tmp_path):
    db = str(build_warehouse(tmp_path / "w.duckdb", RENEWAL_ACCOUNTS, RENEWAL_LINES))
    result = run_cli("renewals", "--db", db, "--as-of", "2025-06")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == ["month", "expiring", "renewed", "renewal_rate", "first_expiring", "first_renewed",
                             "first_renewal_rate", "pilots", "pilots_converted", "pending"]
    december = next(row for row in rows if row["month"] == "2024-12")
    assert (december["expiring"], december["renewed"], float(december["renewal_rate"])) == ("5", "2", 0.4)
    assert json.loads(run_cli("renewals", "--db", db, "--as-of", "2025-06", "--format", "json").stdout)[-1] == {
        "month": "2025-06", "expiring": 0, "renewed": 0, "renewal_rate": None, "first_expiring": 0,
        "first_renewed": 0, "first_renewal_rate": None, "pilots": 0, "pilots_converted": 0, "pending": 1}


def test_segments_csv_and_json(tiers_db):
    rows = list(csv.DictReader(io.StringIO(run_cli(
        "segments", "--db", tiers_db, "--kpi", "logo_retention_ttm", "--by", "segment", "--as-of", "2025-01").stdout)))
    assert [list(row) for row in rows][0] == ["value", "accounts", "kpi", "lower", "upper", "weak"]
    smb = next(row for row in rows if row["value"] == "SMB")
    assert (smb["accounts"], smb["weak"]) == ("3", "True") and float(smb["kpi"]) == pytest.approx(2 / 3)
    document = json.loads(run_cli("segments", "--db", tiers_db, "--kpi", "nrr_ttm", "--by", "tier",
                                  "--as-of", "2025-01", "--format", "json").stdout)
    assert [row["value"] for row in document] == ["T1", "T2", "T3"]


def test_tiers_long_form(tiers_db):
    rows = list(csv.DictReader(io.StringIO(run_cli("tiers", "--db", tiers_db, "--as-of", "2025-01").stdout)))
    assert list(rows[0]) == ["from_tier", "to_tier", "accounts", "share"]
    assert {(row["from_tier"], row["to_tier"]): row["accounts"] for row in rows}[("T1", "T3")] == "1"


@pytest.mark.parametrize("arguments, words", [
    (("survival", "--by", "colour"), "invalid choice: 'colour'"),
    (("survival", "--where", "segment=Nope"), "no account has segment 'Nope'"),
    (("segments", "--kpi", "arr", "--by", "segment"), "invalid choice: 'arr'"),
    (("segments", "--kpi", "nrr_ttm", "--by", "planet"), "invalid choice: 'planet'"),
    (("renewals", "--as-of", "2031-01"), "after the last recorded month"),
    (("tiers", "--as-of", "2024-13"), "2024-13"),
])
def test_bad_input_is_one_line_and_exit_2(tiers_db, arguments, words):
    result = run_cli(arguments[0], "--db", tiers_db, *arguments[1:])
    assert result.returncode == 2
    assert result.stderr.startswith("cs_lib: error: ") and words in result.stderr
    assert result.stderr.count("\n") == 1 and result.stdout == ""


def test_tier_breaks_setting_is_checked_and_changes_the_tiers(tmp_path):
    db = str(build_warehouse(tmp_path / "w.duckdb", TIER_ACCOUNTS, TIER_LINES, recorded_through="2025-01-15"))
    bad = run_cli("settings", "--db", db, "tier_breaks=300000,50000")
    assert bad.returncode == 2 and "ascending order" in bad.stderr and bad.stderr.count("\n") == 1
    assert json.loads(run_cli("settings", "--db", db).stdout)["tier_breaks"] == "50000,300000"  # unchanged
    assert run_cli("settings", "--db", db, "tier_breaks=20000").returncode == 0
    rows = list(csv.DictReader(io.StringIO(run_cli("tiers", "--db", db, "--as-of", "2025-01").stdout)))
    # Two tiers (tests/test_metrics_growth_segments.py::test_tier_breaks_are_a_setting).
    assert {row["from_tier"] for row in rows} == {"T1", "T2", "new"}
    assert {(row["from_tier"], row["to_tier"]): row["accounts"] for row in rows}[("T1", "T2")] == "2"
