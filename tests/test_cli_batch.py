"""`python -m cs_lib build` and `import --batch` (issue 12) through the CLI, on the DuckDB engine
(the Spark engine is checked table by table in tests/test_batch_spark.py)."""

from __future__ import annotations

import json

import pytest

from cs_lib.batch.transpile import LIGHT_TABLES, materialised_tables
from cs_lib.cli import main
from tests.test_batch_spark import write_contract_files


@pytest.fixture(scope="module")
def contract_dir(tmp_path_factory):
    return write_contract_files(tmp_path_factory.mktemp("contract"))


def _kpis(capsys, db, as_of):
    assert main(["kpis", "--db", str(db), "--as-of", as_of]) == 0
    return json.loads(capsys.readouterr().out)


def test_build_then_import_batch_gives_the_kpis_of_a_normal_import(contract_dir, tmp_path, capsys):
    out = tmp_path / "batch"
    assert main(["build", "--engine", "duckdb", "--input", str(contract_dir), "--out", str(out)]) == 0
    assert json.loads(capsys.readouterr().out)["tables"] == materialised_tables()
    for name in materialised_tables() + [table.raw_name for table in LIGHT_TABLES]:
        assert list((out / name).glob("*.parquet")), name
    assert main(["import", "--db", str(tmp_path / "from_batch.duckdb"), "--batch", str(out)]) == 0
    rows = json.loads(capsys.readouterr().out)["rows"]
    assert rows["account_day_usage"] == 5 and rows["data_range"] == 1  # 5 usage rows
    assert main(["import", "--db", str(tmp_path / "imported.duckdb"), str(contract_dir)]) == 0
    capsys.readouterr()
    for as_of in ("2023-12", "2024-06"):
        from_batch = _kpis(capsys, tmp_path / "from_batch.duckdb", as_of)
        assert from_batch == _kpis(capsys, tmp_path / "imported.duckdb", as_of)
        assert from_batch["active_accounts"] > 0


def test_an_incomplete_batch_folder_is_refused_and_no_warehouse_is_made(tmp_path, capsys):
    (tmp_path / "batch" / "months").mkdir(parents=True)
    db = tmp_path / "w.duckdb"
    assert main(["import", "--db", str(db), "--batch", str(tmp_path / "batch")]) == 2
    error = capsys.readouterr().err.strip()
    assert error.startswith("cs_lib: error:") and "data_range" in error and len(error.splitlines()) == 1
    assert not db.exists()


def test_build_needs_an_input_folder_and_import_needs_something_to_import(tmp_path, capsys):
    assert main(["build", "--input", str(tmp_path / "nowhere"), "--out", str(tmp_path / "out")]) == 2
    assert "input folder not found" in capsys.readouterr().err
    assert main(["import", "--db", str(tmp_path / "w.duckdb")]) == 2
    assert "--batch DIR" in capsys.readouterr().err


def test_a_bad_contract_file_stops_the_duckdb_build_with_the_importers_problem(contract_dir, tmp_path, capsys):
    bad = tmp_path / "bad"
    bad.mkdir()
    for path in contract_dir.iterdir():
        (bad / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    (bad / "usage.csv").write_text("account_id,date,metric,value\nA1,not a date,logins,1\n", encoding="utf-8")
    assert main(["build", "--input", str(bad), "--out", str(tmp_path / "out")]) == 2
    assert "usage.csv row 2" in capsys.readouterr().err
    assert not (tmp_path / "out" / "months").exists()
