"""The importer (cs_lib.ingest) against DATA_CONTRACT.md's import rules.

Each test writes tiny files into its own temp directory and imports them into
a fresh warehouse, so every behaviour can be read off the test itself.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import textwrap
from decimal import Decimal
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from cs_lib import ingest, warehouse
from cs_lib.ingest import Problem, import_paths
from cs_lib.ingest import checks as ingest_checks

ACCOUNTS = """\
account_id,account_name,cs_model,Owner Email
A1,Acme,high_touch,ceo@acme.example
A2,Beta,tech_touch,
"""

SUBSCRIPTIONS = """\
subscription_id,account_id,product,start_date,end_date,mrr,seats
S1,A1,Core,2024-04-01,2025-03-31,1000,5
S2,A2,Core,2024-05-01,,250.5,
"""


def write(directory: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = directory / name
    path.write_bytes(text.encode(encoding))
    return path


def query(db: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()


def checksums(db: Path) -> dict[str, tuple[int, str]]:
    """Row count and a checksum of every raw table's content, in any row order."""
    with duckdb.connect(str(db), read_only=True) as con:
        return {
            t: con.execute(
                "select count(*), md5(coalesce(string_agg(cast(r as varchar), '|' "
                f"order by cast(r as varchar)), '')) from raw_{t} r"
            ).fetchone()
            for t in warehouse.table_row_counts(con)
        }


@pytest.fixture
def files(tmp_path: Path) -> Path:
    """A directory holding a clean accounts.csv and subscriptions.csv."""
    directory = tmp_path / "files"
    directory.mkdir()
    write(directory, "accounts.csv", ACCOUNTS)
    write(directory, "subscriptions.csv", SUBSCRIPTIONS)
    return directory


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "warehouse.duckdb"


@pytest.fixture
def stored(db: Path, files: Path) -> Path:
    """A warehouse that already holds the clean accounts and subscriptions."""
    assert import_paths(db, [files]).ok
    return db


def only_problems(report: ingest.ImportReport) -> list[tuple]:
    return [(p.file, p.row, p.column, p.value) for p in report.errors]


# --- a clean import ---------------------------------------------------------


def test_clean_import_lands_rows_values_and_extra_columns(db: Path, files: Path) -> None:
    messages: list[str] = []
    report = import_paths(db, [files], progress=messages.append)

    assert report.ok, report.errors
    assert report.rows_by_table == {"accounts": 2, "subscriptions": 2}
    assert query(db, "select subscription_id, account_id, start_date, end_date, mrr, seats "
                     "from raw_subscriptions order by 1") == [
        ("S1", "A1", dt.date(2024, 4, 1), dt.date(2025, 3, 31), Decimal("1000.00"), 5),
        ("S2", "A2", dt.date(2024, 5, 1), None, Decimal("250.50"), None),
    ]
    extras = dict(query(db, "select account_id, extra_columns from raw_accounts"))
    assert json.loads(extras["A1"]) == {"Owner Email": "ceo@acme.example"}
    assert json.loads(extras["A2"]) == {"Owner Email": None}  # empty cell = NULL
    assert len(report.warnings) == 1 and "'Owner Email'" in report.warnings[0]
    assert messages and messages[-1] == "import done"


def test_column_names_match_ignoring_case_and_spaces(db: Path, tmp_path: Path) -> None:
    write(tmp_path, "Accounts.CSV", " Account_ID , CS_Model\nA1,low_touch\n")
    write(tmp_path, "subscriptions.csv", SUBSCRIPTIONS.replace("S2,A2", "S2,A1"))

    report = import_paths(db, [tmp_path / "Accounts.CSV", tmp_path / "subscriptions.csv"])

    assert report.ok, report.errors
    assert report.warnings == []
    assert query(db, "select account_id, cs_model from raw_accounts") == [("A1", "low_touch")]


def test_reimport_is_idempotent(stored: Path, files: Path) -> None:
    before = checksums(stored)

    report = import_paths(stored, [files])

    assert report.ok
    assert checksums(stored) == before


def test_upsert_replaces_a_changed_row_and_keeps_the_others(stored: Path, tmp_path: Path) -> None:
    write(tmp_path, "subscriptions.csv",
          "subscription_id,account_id,product,start_date,mrr\nS2,A2,Core Plus,2024/05/01,300\n")

    report = import_paths(stored, [tmp_path / "subscriptions.csv"])

    assert report.ok, report.errors
    assert query(stored, "select subscription_id, product, mrr from raw_subscriptions order by 1") == [
        ("S1", "Core", Decimal("1000.00")),  # not in the file: kept
        ("S2", "Core Plus", Decimal("300.00")),  # same key: replaced
    ]


# --- encodings and formats ---------------------------------------------------


def test_cp932_file_with_slash_dates_imports_japanese_text(db: Path, tmp_path: Path) -> None:
    write(tmp_path, "accounts.csv", "account_id,account_name,region,created_on\n"
                                    "A1,株式会社テスト,関東,2024/4/1\n", encoding="cp932")
    write(tmp_path, "subscriptions.csv", "subscription_id,account_id,product,start_date,mrr\n"
                                         "S1,A1,基本プラン,2024/04/01,\"12,000\"\n", encoding="cp932")

    report = import_paths(db, [tmp_path])

    assert report.ok, report.errors
    assert query(db, "select account_name, region, created_on from raw_accounts") == [
        ("株式会社テスト", "関東", dt.date(2024, 4, 1))
    ]
    assert query(db, "select product, start_date, mrr from raw_subscriptions") == [
        ("基本プラン", dt.date(2024, 4, 1), Decimal("12000.00"))  # "12,000": thousands separator
    ]


def test_utf8_bom_does_not_corrupt_the_first_column_name(db: Path, tmp_path: Path) -> None:
    write(tmp_path, "accounts.csv", "\ufeffaccount_id,account_name\nA1,日本語の会社\n")
    write(tmp_path, "subscriptions.csv", "\ufeff" + SUBSCRIPTIONS.replace("S2,A2", "S2,A1"))

    report = import_paths(db, [tmp_path])

    assert report.ok, report.errors
    assert report.warnings == []
    assert query(db, "select account_id, account_name from raw_accounts") == [("A1", "日本語の会社")]


def test_undecodable_file_is_an_error(db: Path, files: Path) -> None:
    (files / "accounts.csv").write_bytes(b"account_id,account_name\nA1,\x81\x20\n")  # 0x81 0x20: not CP932

    report = import_paths(db, [files])

    assert only_problems(report) == [("accounts.csv", 2, None, None)]
    assert "UTF-8 or CP932" in report.errors[0].expected


def test_parquet_input_imports(db: Path, files: Path) -> None:
    (files / "subscriptions.csv").unlink()
    pd.DataFrame({
        "subscription_id": ["S1", "S2"],
        "account_id": ["A1", "A2"],
        "product": ["Core", "Core"],
        "start_date": [dt.date(2024, 4, 1), dt.date(2024, 5, 1)],
        "end_date": [dt.date(2025, 3, 31), None],
        "mrr": [1000.0, 250.5],
        "seats": [5.0, None],  # pandas stores an integer column with a gap as floats
    }).to_parquet(files / "subscriptions.parquet")

    report = import_paths(db, [files])

    assert report.ok, report.errors
    stored = "select subscription_id, start_date, end_date, mrr, seats from raw_subscriptions order by 1"
    assert query(db, stored) == [
        ("S1", dt.date(2024, 4, 1), dt.date(2025, 3, 31), Decimal("1000.00"), 5),
        ("S2", dt.date(2024, 5, 1), None, Decimal("250.50"), None),
    ]


def test_xlsx_workbook_sheets_import_as_tables(db: Path, tmp_path: Path) -> None:
    accounts = pd.DataFrame({"account_id": ["A1"], "account_name": ["Acme"]})
    subscriptions = pd.DataFrame({
        "subscription_id": ["S1"], "account_id": ["A1"], "product": ["Core"],
        "start_date": [pd.Timestamp("2024-04-01")], "mrr": [1200], "seats": [3],
    })
    with pd.ExcelWriter(tmp_path / "company.xlsx") as book:
        accounts.to_excel(book, sheet_name="Accounts", index=False)
        subscriptions.to_excel(book, sheet_name="subscriptions", index=False)
        pd.DataFrame({"note": ["hello"]}).to_excel(book, sheet_name="Notes", index=False)

    report = import_paths(db, [tmp_path / "company.xlsx"])

    assert report.ok, report.errors
    assert report.rows_by_table == {"accounts": 1, "subscriptions": 1}
    assert query(db, "select start_date, mrr, seats from raw_subscriptions") == [
        (dt.date(2024, 4, 1), Decimal("1200.00"), 3)  # the Excel datetime keeps its date
    ]
    assert report.warnings == [w for w in report.warnings if "Notes" in w] and len(report.warnings) == 1


def test_xlsx_named_after_a_table_reads_its_first_sheet(db: Path, files: Path) -> None:
    pd.DataFrame({"account_id": ["A1"], "date": [pd.Timestamp("2024-04-01")], "metric": ["logins"],
                  "value": [12.5]}).to_excel(files / "Usage.xlsx", sheet_name="Sheet1", index=False)

    report = import_paths(db, [files])

    assert report.ok, report.errors
    assert query(db, "select account_id, date, metric, value from raw_usage") == [
        ("A1", dt.date(2024, 4, 1), "logins", Decimal("12.50"))
    ]


def test_xlsx_problems_name_the_sheet_and_its_row(db: Path, tmp_path: Path) -> None:
    with pd.ExcelWriter(tmp_path / "company.xlsx") as book:
        pd.DataFrame({"account_id": ["A1", "A2"], "cs_model": ["high_touch", "white_glove"]}).to_excel(
            book, sheet_name="accounts", index=False)

    report = import_paths(db, [tmp_path / "company.xlsx"])

    assert ("company.xlsx (sheet accounts)", 3, "cs_model", "white_glove") in only_problems(report)


# --- all problems at once, and nothing changed --------------------------------


def test_every_problem_is_reported_at_once_and_the_warehouse_is_unchanged(
    stored: Path, tmp_path: Path
) -> None:
    before = checksums(stored)
    write(tmp_path, "subscriptions.csv", textwrap.dedent("""\
        subscription_id,account_id,product,start_date,end_date,mrr,seats
        S3,A1,Core,2024-04-01,2024-03-31,-5,3
        S3,A9,,2024/13/01,,abc,1.5
        S4,A1,Core,2024-04-01,,"1,5",x
        S5,A1,Core,2024-04-01,,10,2
        """))

    report = import_paths(stored, [tmp_path / "subscriptions.csv"])

    assert not report.ok
    assert [(p.row, p.column, p.value) for p in report.errors] == [
        (2, "end_date", "2024-03-31"),  # before start_date
        (2, "mrr", "-5"),  # below 0
        (3, "subscription_id", "S3"),  # also on row 2
        (3, "account_id", "A9"),  # no such account
        (3, "product", ""),  # required
        (3, "start_date", "2024/13/01"),  # no month 13
        (3, "mrr", "abc"),
        (3, "seats", "1.5"),
        (4, "mrr", "1,5"),  # a comma that is not a thousands separator
        (4, "seats", "x"),
    ]
    assert {p.file for p in report.errors} == {"subscriptions.csv"}
    assert checksums(stored) == before


def test_subscription_referencing_an_unknown_account(stored: Path, tmp_path: Path) -> None:
    write(tmp_path, "subscriptions.csv", SUBSCRIPTIONS.replace("S2,A2", "S2,A404"))

    report = import_paths(stored, [tmp_path / "subscriptions.csv"])

    assert report.errors == [
        Problem("subscriptions.csv", 3, "account_id", "A404", "an account_id that exists in accounts")
    ]


def test_account_of_the_same_import_or_already_stored_may_be_referenced(stored: Path, tmp_path: Path) -> None:
    write(tmp_path, "accounts.csv", "account_id\nA3\n")
    write(tmp_path, "subscriptions.csv", SUBSCRIPTIONS + "S3,A3,Core,2024-06-01,,10,\n")  # A1, A2 stored

    assert import_paths(stored, [tmp_path]).ok


def test_end_date_before_start_date(db: Path, files: Path) -> None:
    write(files, "subscriptions.csv", SUBSCRIPTIONS.replace("2025-03-31", "2024-03-31"))

    report = import_paths(db, [files])

    assert report.errors == [
        Problem("subscriptions.csv", 2, "end_date", "2024-03-31", "a date not before start_date (2024-04-01)")
    ]


def test_duplicate_subscription_id(db: Path, files: Path) -> None:
    write(files, "subscriptions.csv", SUBSCRIPTIONS.replace("S2,A2", "S1,A2"))

    report = import_paths(db, [files])

    assert report.errors == [
        Problem("subscriptions.csv", 3, "subscription_id", "S1", "a unique subscription_id (also on row 2)")
    ]


def test_duplicate_keys_compare_dates_as_dates(db: Path, files: Path) -> None:
    write(files, "usage.csv", "account_id,date,metric,value\nA1,2024-04-01,logins,3\nA1,2024/4/1,logins,4\n")

    report = import_paths(db, [files])

    assert only_problems(report) == [("usage.csv", 3, "account_id, date, metric", "A1, 2024/4/1, logins")]


def test_cs_model_not_allowed(db: Path, files: Path) -> None:
    write(files, "accounts.csv", ACCOUNTS.replace("tech_touch", "white_glove"))

    report = import_paths(db, [files])

    assert report.errors == [
        Problem("accounts.csv", 3, "cs_model", "white_glove", "one of high_touch, low_touch, tech_touch")
    ]


def test_negative_mrr(db: Path, files: Path) -> None:
    write(files, "subscriptions.csv", SUBSCRIPTIONS.replace("250.5", "-250.5"))

    report = import_paths(db, [files])

    assert report.errors == [Problem("subscriptions.csv", 3, "mrr", "-250.5", "a number of at least 0")]


def test_missing_required_column_is_one_problem(db: Path, files: Path) -> None:
    write(files, "subscriptions.csv", "subscription_id,account_id,start_date,mrr\nS1,A1,2024-04-01,1\n"
                                      "S2,A1,2024-04-01,1\n")

    report = import_paths(db, [files])

    assert report.errors == [
        Problem("subscriptions.csv", None, "product", None,
                "a column named product (required for subscriptions)")
    ]


def test_unknown_table_is_a_warning(db: Path, files: Path) -> None:
    write(files, "notes.csv", "x\n1\n")

    report = import_paths(db, [files])

    assert report.ok
    assert [w for w in report.warnings if w.startswith("notes.csv: no table named 'notes'")]


def test_journey_stage_not_defined(db: Path, files: Path) -> None:
    write(files, "journey_events.csv",
          "account_id,stage,entered_on\nA1,onboarding,2024-04-01\nA1,party,2024-05-01\n")

    report = import_paths(db, [files])

    assert only_problems(report) == [("journey_events.csv", 3, "stage", "party")]
    assert report.errors[0].expected.startswith("a stage defined in journey_stages (onboarding, adoption")


def test_required_table_missing_from_import_and_warehouse(db: Path, files: Path) -> None:
    (files / "subscriptions.csv").unlink()

    report = import_paths(db, [files])

    assert only_problems(report) == [("subscriptions.csv", None, None, None)]


def test_required_table_already_stored_need_not_be_imported_again(stored: Path, tmp_path: Path) -> None:
    write(tmp_path, "usage.csv", "account_id,date,metric,value\nA1,2024-04-01,logins,3\n")

    assert import_paths(stored, [tmp_path]).ok
    assert query(stored, "select count(*) from raw_subscriptions") == [(2,)]


def test_row_numbers_count_empty_and_malformed_lines(db: Path, files: Path) -> None:
    write(files, "subscriptions.csv",
          SUBSCRIPTIONS + "\nS3,A1,Core,2024-04-01,,10,2,surplus\nS4,A1,Core,x,,10,\n")

    report = import_paths(db, [files])

    assert only_problems(report) == [
        ("subscriptions.csv", 5, None, "S3,A1,Core,2024-04-01,,10,2,surplus"),  # line 4 is empty
        ("subscriptions.csv", 6, "start_date", "x"),
    ]


def test_problems_are_capped_per_file_and_column(
    db: Path, files: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ingest_checks, "PROBLEMS_LISTED", 2)
    rows = "".join(f"A1,bad,m{i},1\n" for i in range(5))
    write(files, "usage.csv", "account_id,date,metric,value\n" + rows)

    report = import_paths(db, [files])

    assert only_problems(report) == [
        ("usage.csv", 2, "date", "bad"), ("usage.csv", 3, "date", "bad"), ("usage.csv", None, "date", None)
    ]
    assert report.errors[-1].expected.endswith("(3 more rows like this are not listed)")


def test_problem_reads_like_a_spreadsheet_location() -> None:
    problem = Problem("subscriptions.csv", 7, "end_date", "2024/13/01", "a date (YYYY-MM-DD or YYYY/MM/DD)")
    assert str(problem) == (
        "subscriptions.csv row 7, column end_date: '2024/13/01' — expected a date (YYYY-MM-DD or YYYY/MM/DD)"
    )
    assert str(Problem("a.csv", 3, "product", "", "a value (required)")) == (
        "a.csv row 3, column product: empty — expected a value (required)"
    )


# --- writing: all or nothing -----------------------------------------------------


def test_a_failure_while_writing_rolls_everything_back(
    stored: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = checksums(stored)
    write(tmp_path, "subscriptions.csv", SUBSCRIPTIONS.replace("1000", "2000"))

    def broken_definitions(con: duckdb.DuckDBPyConnection) -> None:
        raise duckdb.Error("a broken sql/ file")

    monkeypatch.setattr(warehouse, "apply_sql_definitions", broken_definitions)
    with pytest.raises(duckdb.Error):
        import_paths(stored, [tmp_path / "subscriptions.csv"])

    assert checksums(stored) == before


def test_an_import_succeeds_while_another_process_reads_the_warehouse(stored: Path, tmp_path: Path) -> None:
    # The reader holds the file open read-only (as the app does): DuckDB would refuse a writer on it,
    # so the import writes a copy and renames it over the original.
    reader = subprocess.Popen(
        [sys.executable, "-c", f"import duckdb, sys; c = duckdb.connect({str(stored)!r}, read_only=True); "
                               "print('open', flush=True); sys.stdin.readline(); "
                               "print(c.execute('select count(*) from raw_subscriptions').fetchone()[0])"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    try:
        assert reader.stdout.readline().strip() == "open"
        write(tmp_path, "subscriptions.csv", SUBSCRIPTIONS + "S3,A1,Core,2024-06-01,,10,1\n")
        assert import_paths(stored, [tmp_path / "subscriptions.csv"]).ok
        reader.stdin.write("\n")
        reader.stdin.flush()
        assert reader.stdout.readline().strip() == "2"  # the open reader keeps its consistent snapshot
    finally:
        reader.kill()
        reader.wait()
    assert query(stored, "select count(*) from raw_subscriptions") == [(3,)]  # a new reader sees the import


def test_a_writer_holding_the_lock_makes_an_import_wait_then_give_up(
    stored: Path, files: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cs_lib import warehouse_swap

    monkeypatch.setattr(warehouse_swap, "LOCK_WAIT_SECONDS", 0.3)
    with warehouse_swap.writable_copy(stored):
        with pytest.raises(warehouse.WarehouseError, match="locked by another import"):
            import_paths(stored, [files])


# --- values spanning lines (RFC 4180 quoting, common in CRM and Excel exports) ------


def test_a_quoted_value_with_line_breaks_imports_whole(db: Path, tmp_path: Path) -> None:
    accounts = 'account_id,account_name,Notes\r\nA1,Acme,"first line\r\n\r\nthird line"\r\nA2,Beta,\r\n'
    write(tmp_path, "accounts.csv", accounts, encoding="cp932")
    write(tmp_path, "subscriptions.csv", SUBSCRIPTIONS)
    report = import_paths(db, [tmp_path])
    assert report.ok, [str(p) for p in report.errors]
    notes = query(db, "select extra_columns->>'Notes' from raw_accounts where account_id = 'A1'")
    assert notes == [("first line\r\n\r\nthird line",)]


def test_an_empty_line_inside_quotes_does_not_shift_row_numbers(db: Path, tmp_path: Path) -> None:
    # Lines 2-4 are one record (row 2) whose quoted value holds an empty line; A2 on line 5 is row 3.
    accounts = 'account_id,cs_model,Notes\nA1,high_touch,"a\n\nb"\nA2,white_glove,\n'
    write(tmp_path, "accounts.csv", accounts)
    report = import_paths(db, [tmp_path / "accounts.csv"])
    assert ("accounts.csv", 3, "cs_model", "white_glove") in only_problems(report)


# --- root causes, readable messages, delimiters (issue 8) --------------------------------------


def test_missing_accounts_is_reported_first_and_once_per_file_not_once_per_row(db: Path, tmp_path: Path) -> None:
    subscriptions = "subscription_id,account_id,product,start_date,mrr\n" + "".join(
        f"S{i},A{i},Core,2024-04-01,100\n" for i in range(312)
    )
    write(tmp_path, "subscriptions.csv", subscriptions)
    write(tmp_path, "usage.csv", "account_id,date,metric,value\nA1,2024-04-01,logins,3\n")

    report = import_paths(db, [tmp_path])

    assert [str(p) for p in report.errors] == [
        "accounts.csv — expected an accounts file (.csv, .parquet, or an .xlsx sheet named accounts): "
        "the warehouse has no accounts yet and they are required",
        "subscriptions.csv column account_id — expected an account_id that exists in accounts "
        "(accounts.csv is missing, so 312 rows of subscriptions name unknown accounts)",
        "usage.csv column account_id — expected an account_id that exists in accounts "
        "(accounts.csv is missing, so 1 row of usage name unknown accounts)",
    ]


def test_a_huge_value_is_cut_to_a_readable_length_in_the_message(db: Path, files: Path) -> None:
    write(files, "accounts.csv", ACCOUNTS + f"A3,Gamma,{'x' * 1_000_000},\nA4,Delta,{'y' * 10_000_000},\n")
    report = import_paths(db, [files])
    too_long_line, bad_value = report.errors  # rows that cannot be read are listed first
    assert (bad_value.row, bad_value.column, bad_value.value) == (4, "cs_model", "x" * 80 + "… (1,000,000 characters)")
    assert too_long_line.row == 5 and "Maximum line size" in too_long_line.expected  # DuckDB's limit: 2 MB a line
    assert all(len(str(problem)) < 300 for problem in report.errors)


def test_semicolon_file_whose_header_holds_a_comma_is_read_by_its_delimiter(db: Path, tmp_path: Path) -> None:
    write(tmp_path, "accounts.csv", "account_id;account_name;Notes, internal\nA1;Acme;x\nA2;Beta, Inc.;y\n")
    write(tmp_path, "subscriptions.csv", SUBSCRIPTIONS)
    report = import_paths(db, [tmp_path])
    assert report.ok, [str(p) for p in report.errors]
    assert query(db, "select account_name from raw_accounts order by 1") == [("Acme",), ("Beta, Inc.",)]
    (accounts,) = [s for s in report.sources if s.table == "accounts"]
    assert (accounts.delimiter, accounts.encoding, accounts.extra) == ("semicolon", "UTF-8", ("Notes, internal",))


def test_a_saved_mapping_renames_an_exports_headers_now_and_next_time(db: Path, tmp_path: Path) -> None:
    write(tmp_path, "accounts.csv", "取引先ID,Account Name\nA1,Acme\nA2,Beta\n")
    write(tmp_path, "subscriptions.csv", SUBSCRIPTIONS)
    assert not import_paths(db, [tmp_path]).ok  # 取引先ID means nothing to the contract yet

    mapping = {"accounts": {"取引先id": "account_id", "account name": "account_name"}}
    assert import_paths(db, [tmp_path], mapping=mapping).ok
    write(tmp_path, "accounts.csv", "取引先ID,Account Name\nA3,Gamma\n")
    report = import_paths(db, [tmp_path / "accounts.csv"])  # no mapping given: the saved one applies
    assert report.ok, [str(p) for p in report.errors]
    assert query(db, "select account_id, account_name from raw_accounts order by 1") == [
        ("A1", "Acme"), ("A2", "Beta"), ("A3", "Gamma")
    ]


def test_load_frames_checks_and_writes_all_or_nothing(stored: Path) -> None:
    good = pd.DataFrame({"account_id": ["A1"], "date": [dt.date(2024, 5, 1)], "score": [9]})
    bad = pd.DataFrame({"account_id": ["A1"], "date": [dt.date(2024, 6, 1)], "score": [11]})
    assert ingest.load_frames(stored, {"nps": good}).ok
    report = ingest.load_frames(stored, {"nps": bad, "usage": pd.DataFrame(
        {"account_id": ["A1"], "date": ["2024-06-01"], "metric": ["logins"], "value": [1]})})
    assert [(p.file, p.row, p.column) for p in report.errors] == [("nps.csv", 2, "score")]
    assert query(stored, "select account_id, date, score from raw_nps") == [("A1", dt.date(2024, 5, 1), 9)]
    assert query(stored, "select count(*) from raw_usage") == [(0,)]
