"""Reading .xlsx workbooks: each sheet named after a table is one source of text.

Cells are turned into the text a CSV export would hold (a datetime keeps its
date), so that the checks treat Excel and CSV alike.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

import duckdb
import openpyxl
import pyarrow as pa

from cs_lib.ingest.read import ReadSource, table_named, unknown_table_warning
from cs_lib.ingest.report import Problem


def cell_text(value: object) -> str | None:
    """A cell as the text a CSV export would hold; a datetime keeps its date only."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


def sheet_tables(path: Path, sheet_names: list[str]) -> dict[str, str]:
    """Which sheet feeds which table: sheets named after tables; else the first sheet, if the
    workbook itself is named after a table (`usage.xlsx`)."""
    named = {sheet: table_named(sheet) for sheet in sheet_names}
    tables = {sheet: table for sheet, table in named.items() if table}
    if not tables and sheet_names and table_named(path.stem):
        tables = {sheet_names[0]: table_named(path.stem)}
    return tables


def read_workbook_sources(
    con: duckdb.DuckDBPyConnection, path: Path, relation_prefix: str
) -> tuple[list[ReadSource], list[Problem], list[str]]:
    """Read every sheet of an .xlsx workbook that names a table; warn about the other sheets."""
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        return [], [Problem(path.name, None, None, None, f"a readable .xlsx workbook ({error})")], []
    try:
        tables = sheet_tables(path, workbook.sheetnames)
        warnings = [
            unknown_table_warning(f"{path.name} (sheet {sheet})", sheet)
            for sheet in workbook.sheetnames if sheet not in tables
        ]
        sources, problems = [], []
        for i, (sheet, table) in enumerate(tables.items()):
            label = f"{path.name} (sheet {sheet})"
            worksheet = workbook[sheet]
            worksheet.reset_dimensions()  # do not trust the stored used range
            rows = worksheet.iter_rows(values_only=True)
            source = load_sheet(con, rows, label, table, f"{relation_prefix}_{i}")
            if source is None:
                problems.append(Problem(label, 1, None, None, "a header row with the column names"))
            else:
                sources.append(source)
        return sources, problems, warnings
    finally:
        workbook.close()


def load_sheet(
    con: duckdb.DuckDBPyConnection, rows: Iterable[tuple], label: str, table: str, relation: str
) -> ReadSource | None:
    """Load a sheet's rows (the first non-empty row is the header) into `relation` as text."""
    headers: list[str] | None = None
    numbers: list[int] = []
    columns: list[list[str | None]] = []
    for number, row in enumerate(rows, start=1):
        if headers is None:
            if any(cell is not None for cell in row):
                headers = [cell_text(cell) or "" for cell in row]
                columns = [[] for _ in headers]
            continue
        numbers.append(number)
        for i, column in enumerate(columns):
            column.append(cell_text(row[i]) if i < len(row) else None)
    if headers is None:
        return None
    arrays = {"_row": pa.array(numbers, pa.int64())}
    arrays |= {f"c{i}": pa.array(column, pa.string()) for i, column in enumerate(columns)}
    con.register(f"{relation}_arrow", pa.table(arrays))
    try:
        con.execute(f"create or replace temp table {relation}_data as select * from {relation}_arrow")
    finally:
        con.unregister(f"{relation}_arrow")
    con.execute(f"create or replace temp view {relation} as select * from {relation}_data")
    return ReadSource(label, table, relation, tuple(headers))
