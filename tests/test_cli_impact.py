"""The impact command: the issue's exact JSON, the cost option and setting, and exit codes."""

from __future__ import annotations

import json

import pytest

from tests.impact_fixtures import IMPACT_ACCOUNTS, IMPACT_PROGRAMS, IMPACT_SUBSCRIPTIONS, build_with_programs
from tests.test_cli import run_cli

OUTCOME_KEYS = ["treated", "untreated", "difference", "lower", "upper", "p", "stratified"]


@pytest.fixture(scope="module")
def impact_db(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("cli_impact") / "w.duckdb"
    return str(build_with_programs(path, IMPACT_ACCOUNTS, IMPACT_SUBSCRIPTIONS, IMPACT_PROGRAMS, "2025-01-31"))


def test_program_json_with_cost(impact_db):
    result = run_cli("impact", "--db", impact_db, "--program", "P", "--as-of", "2025-01", "--cost", "1000",
                     "--format", "json")
    assert result.returncode == 0, result.stderr
    body = json.loads(result.stdout)
    assert list(body) == ["treated", "untreated", "left_out", "logo_retention", "renewal_rate", "nrr", "did", "roi"]
    assert all(list(body[name]) == OUTCOME_KEYS for name in ("logo_retention", "renewal_rate", "nrr"))
    assert (body["treated"], body["untreated"], body["left_out"]) == (3, 5, 1)
    # tests/test_metrics_impact.py: logo 2/3 - 3/5, stratified 1/7; NRR stratified 0.45; ROI mid 1.16
    assert body["logo_retention"]["difference"] == pytest.approx(1 / 15)
    assert body["logo_retention"]["stratified"]["difference"] == pytest.approx(1 / 7)
    assert body["nrr"]["stratified"]["difference"] == pytest.approx(0.45)
    assert body["roi"]["mid"] == pytest.approx(1.16)
    assert body["roi"]["low"] <= body["roi"]["mid"] <= body["roi"]["high"]


def test_cost_comes_from_the_setting_and_cs_model_has_no_did(impact_db, tmp_path):
    assert run_cli("settings", "--db", impact_db, "cs_cost_per_year=2000").returncode == 0
    try:
        body = json.loads(run_cli("impact", "--db", impact_db, "--cs-model", "high_touch",
                                  "--as-of", "2025-01").stdout)
    finally:
        run_cli("settings", "--db", impact_db, "cs_cost_per_year=")
    assert body["did"] is None and body["roi"] is not None
    assert (body["treated"], body["untreated"], body["left_out"]) == (2, 7, 0)


@pytest.mark.parametrize(("arguments", "message"), [
    (["--program", "Q"], "no program named 'Q'; valid values: P"),
    (["--cs-model", "hyper_touch"], "no cs model named 'hyper_touch'"),
    (["--program", "P", "--cost", "-5"], "expected an amount of 0 or more"),
    (["--program", "P", "--as-of", "2031-01"], "after the last recorded month"),
    (["--program", "P", "--where", "segment=Z"], "no account has segment 'Z'"),
])
def test_bad_input_is_exit_2_in_one_line(impact_db, arguments, message):
    result = run_cli("impact", "--db", impact_db, *arguments)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith("cs_lib: error: ") and message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_treatment_is_required_and_exclusive(impact_db):
    assert run_cli("impact", "--db", impact_db).returncode == 2
    assert run_cli("impact", "--db", impact_db, "--program", "P", "--cs-model", "x").returncode == 2
