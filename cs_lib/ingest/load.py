"""Importing a company's files into the warehouse: check everything, then write all or nothing.

DATA_CONTRACT.md's import rules, in order: read every file as text
(`read`, `excel`), match headers and gather each table's rows
(`shape`), report every problem at once (`checks`), and only
when there is none, upsert each table by its natural key and rebuild the
`sql/` definitions in one transaction, so a failed import changes nothing
and a repeated one changes nothing more.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

import duckdb
import pandas as pd

from cs_lib import schema, warehouse
from cs_lib.ingest.checks import check_table, prepare_lookups
from cs_lib.ingest.excel import read_workbook_sources
from cs_lib.ingest.mapping import ColumnMapping, merged, save_mapping, stored_mapping
from cs_lib.ingest.read import (
    ReadSource,
    drop_source,
    find_files,
    read_csv_source,
    read_parquet_source,
    table_named,
    unknown_table_warning,
)
from cs_lib.ingest.report import ImportReport, Problem, plural, with_article
from cs_lib.ingest.shape import ImportedTable, gather_table, typed
from cs_lib.warehouse_swap import connect_snapshot, writable_copy

__all__ = ["ImportReport", "Problem", "import_paths", "load_frames"]

Progress = Callable[[str], None]
# DuckDB's buffer cap for an import: beyond it, it spills to disk. The process adds ~0.5 GiB of its own
# (Python, pandas, DuckDB's code), so this keeps a 10-million-row import under 2 GiB resident.
IMPORT_MEMORY_LIMIT = "1GB"


def import_paths(
    db_path: str | Path, paths: Sequence[str | Path], progress: Progress | None = None, *,
    dry_run: bool = False, mapping: ColumnMapping | None = None,
) -> ImportReport:
    """Import files and directories (every .csv/.parquet/.xlsx in them) into the warehouse.

    Creates the warehouse if needed. Returns a report; the warehouse is changed only when
    `report.ok` and not `dry_run`. Works while the app (or anyone) reads the warehouse:
    the import writes a copy and swaps it in atomically (`cs_lib.warehouse_swap`).
    `mapping` ({table: {header: column}}) renames an export's own headers; it is added to
    the mappings saved in the warehouse, which every import applies.
    Raises warehouse.WarehouseError when another writer holds the warehouse too long.
    """
    say = progress or (lambda message: None)
    if isinstance(paths, str | Path):  # one path given bare, not a sequence of characters
        paths = [paths]
    report = ImportReport(dry_run=dry_run)
    if dry_run:
        con = checking_connection(db_path)
        try:
            check_files(con, paths, report, say, mapping)
        finally:
            con.close()
        say("dry run: every file passed the checks; nothing was written" if report.ok
            else f"dry run: {plural(len(report.errors), 'problem')}; nothing was written")
        return report
    with writable_copy(db_path) as copy:
        con = copy.connect()
        imported = check_files(con, paths, report, say, mapping)
        if not report.ok:
            say(f"import stopped: {plural(len(report.errors), 'problem')}, nothing was changed")
            return report
        write_import(con, imported, say, mapping or {})
        say("swapping the new warehouse in")
        copy.publish()
        say("import done")
    return report


def check_files(
    con: duckdb.DuckDBPyConnection, paths: Sequence[str | Path], report: ImportReport, say: Progress,
    mapping: ColumnMapping | None,
) -> list[ImportedTable]:
    """Read and check every file on `con` (temp tables only), recording the outcome in `report`."""
    con.execute("set enable_progress_bar = false")  # progress goes through `progress`, not stdout
    con.execute(f"set memory_limit = '{IMPORT_MEMORY_LIMIT}'")
    renames = merged(stored_mapping(con), mapping or {})
    with tempfile.TemporaryDirectory(prefix="cs_import_") as workdir:  # UTF-8 copies of CP932 files
        return read_and_check(con, [Path(p) for p in paths], Path(workdir), report, say, renames)


def checking_connection(db_path: str | Path) -> duckdb.DuckDBPyConnection:
    """Where a dry run checks: the warehouse as it is now, read-only (the checks write temp tables
    only, so no copy is needed), or an empty in-memory warehouse when there is none yet."""
    if Path(db_path).exists():
        con = connect_snapshot(db_path)
    else:
        con = duckdb.connect()
        warehouse.create_base_tables(con)
    return con


def load_frames(
    db_path: str | Path, frames: dict[str, pd.DataFrame], progress: Progress | None = None
) -> ImportReport:
    """Load DataFrames (table name -> rows, columns named as in the contract) all or nothing.

    The public way for other parts of the product (the workshop) to record rows: the frames
    go through exactly the checks and the atomic swap of a file import, so this works while
    the app is open and a bad row changes nothing (see `report.errors`).
    """
    unknown = sorted(set(frames) - set(schema.TABLES_BY_NAME))
    if unknown:
        raise ValueError(f"no contract table named {', '.join(unknown)}")
    with tempfile.TemporaryDirectory(prefix="cs_frames_") as directory:
        paths = []
        for table_name, frame in frames.items():
            path = Path(directory) / f"{table_name}.csv"
            frame.to_csv(path, index=False, date_format="%Y-%m-%d")
            paths.append(path)
        return import_paths(db_path, paths, progress)


def read_file(
    con: duckdb.DuckDBPyConnection, path: Path, relation: str, workdir: Path
) -> tuple[list[ReadSource], list[Problem], list[str]]:
    """Read one file into text relations: its sources, the problems that stop it, warnings."""
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return read_workbook_sources(con, path, relation)
    table = table_named(path.stem)
    if table is None:
        return [], [], [unknown_table_warning(path.name, path.stem)]
    try:
        if suffix == ".parquet":
            return [read_parquet_source(con, path, table, relation)], [], []
        source, problems = read_csv_source(con, path, table, relation, workdir)
    except duckdb.Error as error:  # a file DuckDB cannot parse at all; its message says why
        kind = "Parquet" if suffix == ".parquet" else "CSV"
        reason = " ".join(line.strip() for line in str(error).splitlines()[:4] if line.strip())
        return [], [Problem(path.name, None, None, None, f"a readable {kind} file ({reason})")], []
    return ([source] if source else []), problems, []


def read_sources(
    con: duckdb.DuckDBPyConnection, files: list[Path], workdir: Path, report: ImportReport, say: Progress
) -> tuple[dict[str, list[ReadSource]], set[str]]:
    """Read every file: the sources of each table, in file order, and the tables of unreadable files."""
    sources_by_table: dict[str, list[ReadSource]] = {}
    unreadable: set[str] = set()
    for index, path in enumerate(files):
        say(f"reading {path.name}")
        sources, problems, warnings = read_file(con, path, f"_read_{index}", workdir)
        report.errors += problems
        report.warnings += warnings
        if problems and table_named(path.stem):
            unreadable.add(table_named(path.stem))
        for source in sources:
            sources_by_table.setdefault(source.table, []).append(source)
    return sources_by_table, unreadable


def read_and_check(
    con: duckdb.DuckDBPyConnection, paths: list[Path], workdir: Path, report: ImportReport, say: Progress,
    renames: ColumnMapping | None = None,
) -> list[ImportedTable]:
    """Read and gather every table of the import, recording every problem in `report`."""
    files, problems = find_files(paths)
    report.errors += problems
    if not files:
        report.warnings.append("no .csv, .parquet or .xlsx files to import")
    sources_by_table, unreadable = read_sources(con, files, workdir, report, say)
    imported = gather_tables(con, sources_by_table, report, say, renames or {})
    accounts = next((t for t in imported if t.table.name == "accounts"), None)
    accounts_readable = "accounts" not in unreadable and all(
        "account_id" in columns for columns in (accounts.present if accounts else ())
    )
    root_causes = missing_required_tables(con, set(sources_by_table) | unreadable)
    accounts_missing = any(problem.file == "accounts.csv" for problem in root_causes)
    lookups = prepare_lookups(con, accounts, accounts_readable, accounts_missing)
    for gathered in imported:
        say(f"checking {gathered.rows:,} {gathered.table.name} rows")
        report.errors += check_table(con, gathered, lookups)
    # A missing required file comes first: it is the root cause of the problems that follow from it.
    report.errors = root_causes + in_file_order(report.errors, files)
    return imported


def gather_tables(
    con: duckdb.DuckDBPyConnection, sources_by_table: dict[str, list[ReadSource]], report: ImportReport,
    say: Progress, renames: ColumnMapping,
) -> list[ImportedTable]:
    """Gather each table's sources (in contract order), freeing the sources as they are copied."""
    imported: list[ImportedTable] = []
    for table in schema.TABLES:
        if table.name not in sources_by_table:
            continue
        gathered, problems, warnings = gather_table(
            con, table, sources_by_table[table.name], renames.get(table.name)
        )
        for source in sources_by_table[table.name]:
            drop_source(con, source)
        report.errors += problems
        report.warnings += warnings
        report.rows_by_table[table.name] = gathered.rows
        report.sources += gathered.previews
        imported.append(gathered)
        for source in gathered.previews:
            say(f"read {source.rows:,} rows from {source.file}")
    return imported


def in_file_order(problems: list[Problem], files: list[Path]) -> list[Problem]:
    """Problems grouped by file, files in the order they were read (each file keeps its own order:
    unreadable rows, then header problems, then rows); problems of no file read come last."""
    rank = {path.name: i for i, path in enumerate(files)}
    return sorted(problems, key=lambda problem: rank.get(problem.file.split(" (sheet ")[0], len(rank)))


def missing_required_tables(con: duckdb.DuckDBPyConnection, imported_tables: set[str]) -> list[Problem]:
    """A required table neither in this import nor stored already: the pages cannot work."""
    problems = []
    for table in schema.TABLES:
        if not table.required or table.name in imported_tables:
            continue
        if con.execute(f"select count(*) from {table.raw_name}").fetchone()[0] == 0:
            expected = (
                f"{with_article(table.name)} file (.csv, .parquet, or an .xlsx sheet named {table.name}): "
                f"the warehouse has no {table.name} yet and they are required"
            )
            problems.append(Problem(f"{table.name}.csv", None, None, None, expected))
    return problems


def write_import(
    con: duckdb.DuckDBPyConnection, imported: list[ImportedTable], say: Progress, mapping: ColumnMapping
) -> None:
    """Upsert every imported table, save the mapping used and rebuild the sql/ definitions, in one
    transaction (on the private copy: the swap publishes it)."""
    con.begin()
    try:
        for gathered in imported:
            say(f"writing {gathered.rows:,} {gathered.table.name} rows")
            upsert(con, gathered)
        save_mapping(con, mapping)
        say("rebuilding views and derived tables")
        warehouse.apply_sql_definitions(con)
        con.commit()
    except BaseException:
        con.rollback()
        raise


def upsert(con: duckdb.DuckDBPyConnection, gathered: ImportedTable) -> None:
    """Replace stored rows that share a natural key with an imported row, then add the imported rows.

    Keys are compared as typed values (2024/04/01 and 2024-04-01 are one date), and an
    absent optional key part (NULL) matches NULL, so re-importing a file is idempotent.
    """
    table, incoming = gathered.table, gathered.relation
    keys = ", ".join(f"{typed(table.column(name))} as {name}" for name in table.key)
    same_key = " and ".join(f"{table.raw_name}.{name} is not distinct from k.{name}" for name in table.key)
    con.execute(
        f"delete from {table.raw_name} using (select distinct {keys} from {incoming}) k where {same_key}"
    )
    columns = ", ".join(c.name for c in table.columns)
    values = ", ".join(typed(c) for c in table.columns)
    con.execute(
        f"insert into {table.raw_name} ({columns}, extra_columns) "
        f"select {values}, extra_columns from {incoming} order by _source, _row"
    )
