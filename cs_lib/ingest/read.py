"""Reading import files into DuckDB as text, one relation per file or sheet.

Every source becomes a temp view with `_row` (the row number a spreadsheet
shows, header = 1) and columns `c0, c1, …` holding the text of each header
column, so the checks can point at exact cells and nothing is converted
before it is checked. CSVs are read by DuckDB (fast enough for tens of
millions of rows); CP932 files are first copied to UTF-8, because DuckDB
reads only UTF-8.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

import duckdb

from cs_lib import schema
from cs_lib.ingest.csv_scan import (
    CHUNK_BYTES,
    DELIMITER_NAMES,
    ByteScan,
    detect_delimiter,
    first_records,
    header_fields,
    scan_csv_bytes,
)
from cs_lib.ingest.report import Problem

SUFFIXES = (".csv", ".parquet", ".xlsx")


@dataclass(frozen=True)
class ReadSource:
    """One file or sheet read into `relation`; column c<i> holds `headers[i]`."""

    label: str  # how problems name it: "accounts.csv", "book.xlsx (sheet usage)"
    table: str  # the contract table it feeds
    relation: str  # temp view: _row bigint, c0 … varchar
    headers: tuple[str, ...]
    encoding: str = ""  # what the preview shows: "UTF-8", "UTF-8 (BOM)", "CP932"; "" for Parquet/Excel
    delimiter: str = ""  # "comma", "semicolon", "tab"; "" for Parquet/Excel


def sql_text(value: str) -> str:
    """A SQL string literal (file names and header names come from users)."""
    return "'" + value.replace("'", "''") + "'"


def find_files(paths: list[Path]) -> tuple[list[Path], list[Problem]]:
    """Expand directories to their .csv/.parquet/.xlsx files; each file once, in a stable order."""
    files: list[Path] = []
    problems: list[Problem] = []
    for path in paths:
        if path.is_dir():
            files += sorted(
                f for f in path.iterdir()
                if f.is_file() and f.suffix.lower() in SUFFIXES and not f.name.startswith(("~$", "."))
            )
        elif path.is_file() and path.suffix.lower() in SUFFIXES:
            files.append(path)
        elif path.is_file():
            problems.append(Problem(path.name, None, None, None, "a .csv, .parquet or .xlsx file"))
        else:
            problems.append(Problem(str(path), None, None, None, "an existing file or directory"))
    unique = list({f.resolve(): f for f in files}.values())
    return unique, problems


def table_named(name: str) -> str | None:
    """The contract table a file stem or sheet name refers to (case and spaces ignored)."""
    name = name.strip().lower()
    return name if name in schema.TABLES_BY_NAME else None


def unknown_table_warning(label: str, name: str) -> str:
    known = ", ".join(t.name for t in schema.TABLES)
    return f"{label}: no table named {name!r} in the data contract ({known}) — skipped"


# --- CSV -------------------------------------------------------------------


class Undecodable(Exception):
    """The file is neither UTF-8 nor CP932; `line` is where decoding first failed."""

    def __init__(self, line: int) -> None:
        super().__init__(line)
        self.line = line


def utf8_copy_of_cp932(path: Path, target: Path) -> None:
    """Copy a CP932 (Shift_JIS) file to UTF-8, chunk by chunk; raise Undecodable if it is not CP932."""
    decoder = codecs.getincrementaldecoder("cp932")("strict")
    lines_before = 0
    with path.open("rb") as source, target.open("w", encoding="utf-8", newline="") as out:
        while chunk := source.read(CHUNK_BYTES):
            try:
                out.write(decoder.decode(chunk))
            except UnicodeDecodeError as error:
                raise Undecodable(lines_before + chunk[: error.start].count(b"\n") + 1) from error
            lines_before += chunk.count(b"\n")
        try:
            out.write(decoder.decode(b"", final=True))
        except UnicodeDecodeError as error:
            raise Undecodable(lines_before + 1) from error


def read_csv_source(
    con: duckdb.DuckDBPyConnection, path: Path, table: str, relation: str, workdir: Path
) -> tuple[ReadSource | None, list[Problem]]:
    """Read a CSV (UTF-8 with or without BOM, or CP932; comma, semicolon or tab) into `relation`,
    all text; every record is either read or reported."""
    label = path.name
    if uses_cr_line_breaks(path):  # old Mac exports: every line break is a lone CR
        path = lf_copy(path, workdir / f"{relation}_lf.csv")
    scan = scan_csv_bytes(path)
    utf8_path, encoding = path, "UTF-8"
    if scan.bad_utf8_line is not None:
        utf8_path, encoding = workdir / f"{relation}.csv", "CP932"
        try:
            utf8_copy_of_cp932(path, utf8_path)
        except Undecodable:
            expected = "text in UTF-8 or CP932 (Shift_JIS): save the file as CSV UTF-8"
            return None, [Problem(label, scan.bad_utf8_line, None, None, expected)]
    elif starts_with_bom(path):
        encoding = "UTF-8 (BOM)"
    lines = first_records(utf8_path)
    delimiter = detect_delimiter(lines)
    headers = header_fields(lines, delimiter)
    if not headers or headers == [""]:
        return None, [Problem(label, 1, None, None, "a header row with the column names")]
    rejected = load_csv_text(con, utf8_path, relation, len(headers), delimiter)
    number_rows(con, relation, sorted(scan.empty_lines | {line for line, *_ in rejected}))
    # A line of spaces only is an empty line, as an empty one is (its row number still counts).
    problems = [rejected_problem(label, len(headers), delimiter, *record) for record in rejected
                if record[1].strip()]
    problems += unread_records(con, label, relation, scan, len(rejected))
    source = ReadSource(label, table, relation, tuple(headers), encoding, DELIMITER_NAMES[delimiter])
    return source, problems


def uses_cr_line_breaks(path: Path) -> bool:
    """True when the file's line breaks are lone CRs (no LF in its first megabyte, but a CR)."""
    with path.open("rb") as file:
        start = file.read(CHUNK_BYTES // 16)
    return b"\r" in start and b"\n" not in start


def lf_copy(path: Path, target: Path) -> Path:
    """A copy with every CR turned into LF (in a CR-only file every CR is a line break)."""
    with path.open("rb") as source, target.open("wb") as out:
        while chunk := source.read(CHUNK_BYTES):
            out.write(chunk.replace(b"\r", b"\n"))
    return target


def starts_with_bom(path: Path) -> bool:
    with path.open("rb") as file:
        return file.read(3) == codecs.BOM_UTF8


def rejected_problem(label: str, width: int, delimiter: str, line: int, text: str, kind: str, message: str) -> Problem:
    """A record DuckDB could not read: too many or too few values, or a malformed one."""
    separated = f"{DELIMITER_NAMES[delimiter]}-separated values"
    if kind in ("TOO MANY COLUMNS", "MISSING COLUMNS"):
        found = message.rsplit("Found:", 1)[-1].strip() if "Found:" in message else "?"
        return Problem(label, line, None, text, f"a row of {width} {separated} (found {found})")
    return Problem(label, line, None, text, f"a well-formed CSV row ({message})")


def unread_records(
    con: duckdb.DuckDBPyConnection, label: str, relation: str, scan: ByteScan, rejected: int
) -> list[Problem]:
    """The whole-file check: records counted in the bytes = records read + records reported."""
    if scan.open_quote_line is not None:
        expected = "a closing quote (\") for the quoted value that starts on this row: the rows after it cannot be read"
        return [Problem(label, scan.open_quote_line, None, None, expected)]
    read = con.execute(f"select count(*) from {relation}_data").fetchone()[0]
    if read + rejected == scan.records - 1:
        return []
    expected = f"every row read ({scan.records - 1:,} rows in the file, {read + rejected:,} read or reported)"
    return [Problem(label, None, None, None, expected)]


def load_csv_text(
    con: duckdb.DuckDBPyConnection, path: Path, relation: str, width: int, delimiter: str = ","
) -> list[tuple[int, str, str, str]]:
    """Load every record as text; return (line, text, error type, message) of the records DuckDB
    could not parse (too many values, a stray quote), which it leaves out."""
    columns = "{" + ", ".join(f"'c{i}': 'VARCHAR'" for i in range(width)) + "}"
    con.execute(
        f"""
        create or replace temp table {relation}_data as
        select * from read_csv({sql_text(str(path))}, header = true, auto_detect = false,
            delim = {sql_text(delimiter)}, quote = '"', escape = '"', columns = {columns},
            null_padding = false,  -- a short row is a problem, never padded with empty values
            parallel = false,
            store_rejects = true, rejects_table = '{relation}_rejects', rejects_scan = '{relation}_scans')
        """
    )
    rejected = con.execute(
        f"select line, arg_min(csv_line, error_type), min(error_type), arg_min(error_message, error_type) "
        f"from {relation}_rejects group by line order by line"
    ).fetchall()
    con.execute(f"drop table {relation}_rejects")
    con.execute(f"drop table {relation}_scans")
    # The reported text may start with the line breaks of empty lines before the record.
    return [
        (int(line), str(text).strip("\r\n"), str(kind), str(message).splitlines()[0])
        for line, text, kind, message in rejected
    ]


def number_rows(con: duckdb.DuckDBPyConnection, relation: str, skipped_lines: list[int]) -> None:
    """Define `relation` over the loaded text, each record with its spreadsheet row.

    A record's row is its position (rowid, file order) + 2, plus the lines DuckDB skipped
    before it (empty or rejected): the i-th skipped line (0-based) at line s shifts every
    record from position s - 2 - i onwards by one.
    """
    if not skipped_lines:
        con.execute(
            f"create or replace temp view {relation} as select rowid + 2 as _row, * from {relation}_data"
        )
        return
    shifts: dict[int, int] = {}  # consecutive skipped lines share a position: keep the largest shift
    for i, line in enumerate(skipped_lines):
        shifts[line - 2 - i] = i + 1
    con.execute(f"create or replace temp table {relation}_skips (position bigint, shift bigint)")
    con.executemany(f"insert into {relation}_skips values (?, ?)", [list(item) for item in shifts.items()])
    con.execute(
        f"""
        create or replace temp view {relation} as
        select t.rowid + 2 + coalesce(s.shift, 0) as _row, t.* exclude (rowid)
        from (select rowid, * from {relation}_data) t
        asof left join {relation}_skips s on t.rowid >= s.position
        """
    )


def drop_source(con: duckdb.DuckDBPyConnection, source: ReadSource) -> None:
    """Free what reading a source left behind, once its rows are copied on."""
    con.execute(f"drop view if exists {source.relation}")
    con.execute(f"drop table if exists {source.relation}_data")
    con.execute(f"drop table if exists {source.relation}_skips")


# --- Parquet ---------------------------------------------------------------


def parquet_text(name: str, kind: str) -> str:
    """A Parquet column as text; dates and timestamps as YYYY-MM-DD, like a CSV would hold them."""
    quoted = '"' + name.replace('"', '""') + '"'
    if kind == "DATE" or kind.startswith("TIMESTAMP"):
        return f"strftime({quoted}, '%Y-%m-%d')"
    return f"cast({quoted} as varchar)"


def read_parquet_source(con: duckdb.DuckDBPyConnection, path: Path, table: str, relation: str) -> ReadSource:
    """Define `relation` over a Parquet file, all text; row 2 is the file's first row."""
    described = con.execute(f"describe select * from read_parquet({sql_text(str(path))})").fetchall()
    columns = [(name, kind) for name, kind, *_ in described if not name.startswith("__index_level_")]
    texts = ", ".join(f"{parquet_text(name, kind)} as c{i}" for i, (name, kind) in enumerate(columns))
    con.execute(
        f"create or replace temp view {relation} as select file_row_number + 2 as _row, {texts} "
        f"from read_parquet({sql_text(str(path))}, file_row_number = true)"
    )
    return ReadSource(path.name, table, relation, tuple(name for name, _ in columns))
