"""The importer against a corpus of files: bad ones refused exactly, good variants read identically.

`tests/data/good/` holds one clean file per contract table; `tests/data/bad/<case>/` one file
with one problem each, and `cases.json` where that problem is (file, row as a spreadsheet
shows it, column). Every bad file must be refused with exactly that one problem and leave
the warehouse byte-for-byte as it was.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest
from ingest_helpers import file_hash, table_checksums

from cs_lib import schema
from cs_lib.ingest import import_paths
from cs_lib.ingest import load as ingest_load

DATA = Path(__file__).parent / "data"
GOOD, BAD = DATA / "good", DATA / "bad"
CASES = json.loads((BAD / "cases.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def base_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("corpus") / "base.duckdb"
    report = import_paths(db, [GOOD])
    assert report.ok, [str(p) for p in report.errors]
    return db


def test_the_corpus_covers_every_table_and_the_three_defects() -> None:
    tables = {case["file"].removesuffix(".csv") for case in CASES.values()}
    assert len(CASES) >= 30
    assert tables == {t.name for t in schema.TABLES}
    assert {"accounts_unterminated_quote", "tickets_short_row", "subscriptions_extra_decimals"} <= set(CASES)
    for name in CASES:
        assert [p.name for p in (BAD / name).iterdir()] == [CASES[name]["file"]]


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_bad_file_is_refused_at_its_cell_and_changes_nothing(
    case: str, base_warehouse: Path, tmp_path: Path
) -> None:
    db = tmp_path / "warehouse.duckdb"
    shutil.copyfile(base_warehouse, db)
    before_bytes, before_tables = file_hash(db), table_checksums(db)
    expected = CASES[case]

    report = import_paths(db, [BAD / case])

    found = [(p.file, p.row, p.column) for p in report.errors]
    assert found == [(expected["file"], expected["row"], expected["column"])], [str(p) for p in report.errors]
    assert file_hash(db) == before_bytes
    assert table_checksums(db) == before_tables


def test_the_three_defects_say_what_was_expected(base_warehouse: Path, tmp_path: Path) -> None:
    db = tmp_path / "warehouse.duckdb"
    shutil.copyfile(base_warehouse, db)
    messages = {case: str(import_paths(db, [BAD / case]).errors[0]) for case in
                ("accounts_unterminated_quote", "tickets_short_row", "subscriptions_extra_decimals")}
    assert "closing quote" in messages["accounts_unterminated_quote"]
    assert messages["tickets_short_row"] == (
        "tickets.csv row 2: 'T3,A1,2024-04-03' — expected a row of 6 comma-separated values (found 3)"
    )
    assert messages["subscriptions_extra_decimals"] == (
        "subscriptions.csv row 2, column mrr: '123.456' — expected a number with at most 2 decimal places "
        "(it would be rounded)"
    )


# --- good variants: every accepted encoding, delimiter and date style gives the same rows ------------


def variant(directory: Path, transform) -> Path:
    """The good corpus with `transform(table, text) -> bytes` applied to every file."""
    directory.mkdir()
    for path in GOOD.iterdir():
        (directory / path.name).write_bytes(transform(path.stem, path.read_text(encoding="utf-8")))
    return directory


def slash_dates(text: str) -> str:
    """2024-04-01 -> 2024/4/1 (month and day without leading zeros)."""
    import re

    return re.sub(r"(\d{4})-(\d{2})-(\d{2})", lambda m: f"{m[1]}/{int(m[2])}/{int(m[3])}", text)


VARIANTS = {
    "cp932_crlf": lambda table, text: text.replace("\n", "\r\n").encode("cp932"),
    "utf8_bom": lambda table, text: text.encode("utf-8-sig"),
    "semicolon": lambda table, text: text.replace(",", ";").encode(),
    "tab": lambda table, text: text.replace(",", "\t").encode(),
    "slash_dates": lambda table, text: slash_dates(text).encode(),
    "old_mac_cr_line_breaks": lambda table, text: text.replace("\n", "\r").encode(),
    "no_final_line_break": lambda table, text: text.rstrip("\n").encode(),
    "trailing_blank_and_space_lines": lambda table, text: (text + "\n   \n\n").encode(),
    "full_width_and_yen": lambda table, text: (
        text.replace(",1200,", ",\"￥１,２００\",").replace(",250.5,", ",¥250.50,") if table == "subscriptions"
        else text
    ).encode(),
}


@pytest.fixture(scope="module")
def baseline(base_warehouse: Path) -> dict[str, tuple]:
    return raw_checksums(base_warehouse)


def raw_checksums(db: Path) -> dict[str, tuple]:
    return table_checksums(db, prefix="raw_")


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_good_variants_import_to_the_same_rows(name: str, baseline: dict, tmp_path: Path) -> None:
    files = variant(tmp_path / name, VARIANTS[name])
    db = tmp_path / "warehouse.duckdb"
    report = import_paths(db, [files])
    assert report.ok, [str(p) for p in report.errors]
    assert raw_checksums(db) == baseline


def test_excel_and_parquet_import_to_the_same_rows(baseline: dict, tmp_path: Path) -> None:
    frames = {path.stem: pd.read_csv(path, dtype=str, keep_default_na=False) for path in GOOD.iterdir()}
    with pd.ExcelWriter(tmp_path / "book.xlsx") as writer:
        for table in ("accounts", "subscriptions", "usage", "touchpoints", "tickets"):
            frames[table].to_excel(writer, sheet_name=table, index=False)
    for table in ("nps", "journey_events", "maturity_assessments", "culture_survey", "programs"):
        frames[table].to_parquet(tmp_path / f"{table}.parquet")
    db = tmp_path / "warehouse.duckdb"
    report = import_paths(db, [tmp_path])
    assert report.ok, [str(p) for p in report.errors]
    assert raw_checksums(db) == baseline


def test_reimporting_the_corpus_is_idempotent(base_warehouse: Path, baseline: dict, tmp_path: Path) -> None:
    db = tmp_path / "warehouse.duckdb"
    shutil.copyfile(base_warehouse, db)
    assert import_paths(db, [GOOD]).ok
    assert raw_checksums(db) == baseline


def test_an_import_interrupted_after_the_first_table_leaves_the_warehouse_as_it_was(
    base_warehouse: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "warehouse.duckdb"
    shutil.copyfile(base_warehouse, db)
    before = file_hash(db)
    changed = variant(tmp_path / "changed", lambda table, text: text.replace("1200", "1300").encode())
    written = []
    real_upsert = ingest_load.upsert

    def upsert_then_fail(con, gathered) -> None:
        if written:
            raise RuntimeError("simulated crash after the first table")
        real_upsert(con, gathered)
        written.append(gathered.table.name)

    monkeypatch.setattr(ingest_load, "upsert", upsert_then_fail)
    with pytest.raises(RuntimeError, match="simulated crash"):
        import_paths(db, [changed])
    assert written == ["accounts"]
    assert file_hash(db) == before
    assert not list(tmp_path.glob(".warehouse.duckdb.writing-*"))  # the private copy is gone too


def test_dry_run_checks_everything_and_writes_nothing(base_warehouse: Path, tmp_path: Path) -> None:
    db = tmp_path / "warehouse.duckdb"
    shutil.copyfile(base_warehouse, db)
    before = file_hash(db)
    changed = variant(tmp_path / "changed", lambda table, text: text.replace("1200", "1300").encode())
    report = import_paths(db, [changed], dry_run=True)
    assert report.ok and report.dry_run
    assert report.rows_by_table["subscriptions"] == 2
    assert file_hash(db) == before


def test_dry_run_into_a_new_warehouse_creates_no_file_and_reports_like_an_import(tmp_path: Path) -> None:
    db = tmp_path / "new.duckdb"
    clean = import_paths(db, [GOOD], dry_run=True)
    bad = import_paths(db, [BAD / "tickets_short_row"], dry_run=True)
    assert clean.ok and clean.rows_by_table["usage"] == 2
    assert [(p.file, p.row) for p in bad.errors][:2] == [("accounts.csv", None), ("subscriptions.csv", None)]
    assert ("tickets.csv", 2, None) in [(p.file, p.row, p.column) for p in bad.errors]
    assert list(tmp_path.iterdir()) == []
