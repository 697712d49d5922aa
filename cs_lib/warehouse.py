"""Opening, creating and refreshing the DuckDB warehouse.

The app reads through one read-only connection (a cursor per query); writers
(the importer, the demo build) open their own connection. Derived tables and
views are defined by the numbered files in `sql/` and re-applied, in order,
after every change to the raw tables.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import duckdb
import pandas as pd

from cs_lib import schema

REPO_ROOT = Path(__file__).resolve().parent.parent
SQL_DIR = REPO_ROOT / "sql"
DEFAULT_DB_PATH = REPO_ROOT / "data" / "demo.duckdb"
DB_ENV_VAR = "CS_COCKPIT_DB"
# Writers (import, demo build) rebuild the derived tables with large joins; DuckDB would
# otherwise take up to 80 % of RAM. With a cap it spills to disk instead: users run this
# on laptops.
WRITER_MEMORY_LIMIT = "2GB"


class WarehouseError(Exception):
    """A problem the user can act on (missing file, file in use, empty warehouse)."""


def warehouse_path() -> Path:
    """The warehouse the app opens: $CS_COCKPIT_DB, else the built-in demo."""
    return Path(os.environ.get(DB_ENV_VAR) or DEFAULT_DB_PATH)


def connect_read_only(path: str | Path) -> duckdb.DuckDBPyConnection:
    path = Path(path)
    if not path.exists():
        raise WarehouseError(f"warehouse not found: {path} (build it with `python -m cs_lib demo --db {path}`)")
    try:
        return duckdb.connect(str(path), read_only=True)
    except duckdb.IOException as error:
        raise WarehouseError(f"cannot open {path}: {error}") from error


def connect_writer(path: str | Path) -> duckdb.DuckDBPyConnection:
    """Open (creating if needed) a warehouse for writing, with its base tables in place."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        con = duckdb.connect(str(path), config={"memory_limit": WRITER_MEMORY_LIMIT})
    except duckdb.IOException as error:
        raise WarehouseError(
            f"cannot open {path} for writing: {error} (is the app or another import using it?)"
        ) from error
    create_base_tables(con)
    return con


def create_base_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Raw tables of the data contract, settings and journey stages (idempotent)."""
    for table in schema.TABLES:
        con.execute(schema.raw_table_ddl(table))
    con.execute("create table if not exists settings (key varchar primary key, value varchar not null)")
    con.execute(
        """
        create table if not exists journey_stages (
            stage varchar primary key, position integer not null,
            label_en varchar, label_ja varchar, goal varchar, kpi varchar,
            next_action varchar, owner_department varchar, target_days integer
        )
        """
    )
    if con.execute("select count(*) from journey_stages").fetchone()[0] == 0:
        con.executemany(
            "insert into journey_stages values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [list(stage) for stage in schema.DEFAULT_JOURNEY_STAGES],
        )


def sql_definition_files() -> list[Path]:
    """Every file of `sql/`, in the order it applies: folder by folder (helpers, staging,
    materialised, metrics), each numbered in order."""
    return sorted(SQL_DIR.rglob("*.sql"), key=lambda path: path.relative_to(SQL_DIR).as_posix())


def definitions_fingerprint() -> str:
    """A hash of every file in `sql/`: changes whenever a definition does."""
    digest = hashlib.sha256()
    for path in sql_definition_files():
        digest.update(path.relative_to(SQL_DIR).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def apply_sql_definitions(con: duckdb.DuckDBPyConnection) -> None:
    """Re-create every view, macro and derived table of `sql/`, in file order.

    Call inside the writer's transaction so that a failure leaves the
    warehouse as it was. Records which definitions were applied, so a reader
    can tell a warehouse built by an older version of the code.
    """
    for path in sql_definition_files():
        con.execute(path.read_text(encoding="utf-8"))
    con.execute("create table if not exists warehouse_info (key varchar primary key, value varchar not null)")
    con.execute(
        "insert into warehouse_info values ('definitions', ?) on conflict (key) do update set value = excluded.value",
        [definitions_fingerprint()],
    )


def definitions_are_current(con: duckdb.DuckDBPyConnection) -> bool:
    try:
        row = con.execute("select value from warehouse_info where key = 'definitions'").fetchone()
    except duckdb.CatalogException:
        return False
    return row is not None and row[0] == definitions_fingerprint()


def refresh_definitions(path: str | Path) -> bool:
    """Re-apply `sql/` to an existing warehouse when its definitions are stale; True if it did."""
    if not Path(path).exists():
        raise WarehouseError(f"warehouse not found: {path}")
    con = connect_writer(path)
    try:
        if definitions_are_current(con):
            return False
        con.begin()
        apply_sql_definitions(con)
        con.commit()
        return True
    finally:
        con.close()


def replace_raw_rows(con: duckdb.DuckDBPyConnection, table_name: str, frame: pd.DataFrame) -> None:
    """Replace the whole raw table with `frame` (columns named as in the contract).

    Missing optional columns become NULL; `extra_columns` may be given as JSON text.
    """
    table = schema.TABLES_BY_NAME[table_name]
    columns = [c.name for c in table.columns] + ["extra_columns"]
    aligned = frame.reindex(columns=columns)
    con.execute(f"delete from {table.raw_name}")
    con.register("incoming_rows", aligned)
    try:
        con.execute(f"insert into {table.raw_name} select {', '.join(columns)} from incoming_rows")
    finally:
        con.unregister("incoming_rows")


def table_row_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    return {
        t.name: con.execute(f"select count(*) from {t.raw_name}").fetchone()[0] for t in schema.TABLES
    }
