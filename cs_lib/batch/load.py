"""Loading a batch result (Parquet directories) into the app's warehouse, swapped in whole.

The warehouse gets the batch tables exactly as the engine wrote them and the light
contract tables (accounts, tickets, ...) beside them; every other definition of `sql/`
(staging views, the metric macros) is applied as usual, so the app runs on DuckDB as
always. Usage events themselves are not loaded (only their aggregate): `raw_usage` is
left empty. The whole change happens on a private copy swapped in by one rename
(`cs_lib.warehouse_swap`), so the app, open meanwhile, sees the old tables or the new ones.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from cs_lib import schema, warehouse
from cs_lib.batch.transpile import LIGHT_TABLES, batch_statements
from cs_lib.warehouse_swap import writable_copy


def import_batch(db_path: str | Path, batch_dir: str | Path, progress=None) -> dict[str, int]:
    """Load every batch table of `batch_dir` into the warehouse at `db_path` (created if needed).
    Returns the rows of each batch table. Raises WarehouseError when a table is missing."""
    say = progress or (lambda message: None)
    batch_dir = Path(batch_dir)
    table_files = {statement.source: statement.name for statement in batch_statements() if statement.kind == "table"}
    tables = list(table_files.values())
    expected = tables + [table.raw_name for table in LIGHT_TABLES]
    missing = [name for name in expected if not any((batch_dir / name).glob("*.parquet"))]
    if missing:
        raise warehouse.WarehouseError(
            f"{batch_dir} is not a complete batch result: no Parquet files for {', '.join(missing)} "
            "(build it with `python -m cs_lib build --input DIR --out DIR`)"
        )
    with writable_copy(db_path) as copy:
        con = copy.connect()
        con.begin()
        try:
            _replace_contract_tables(con, batch_dir, say)
            _apply_definitions_reading_batch(con, batch_dir, table_files, say)
            con.commit()
        except BaseException:
            con.rollback()
            raise
        rows = {name: con.execute(f"select count(*) from {name}").fetchone()[0] for name in tables}
        say("swapping the new warehouse in")
        copy.publish()
    return rows


def _parquet(batch_dir: Path, name: str) -> str:
    return str(batch_dir / name / "*.parquet").replace("'", "''")


def _replace_contract_tables(con: duckdb.DuckDBPyConnection, batch_dir: Path, say) -> None:
    for table in schema.TABLES:
        con.execute(f"delete from {table.raw_name}")
        if table in LIGHT_TABLES:
            say(f"loading {table.raw_name}")
            columns = ", ".join(column.name for column in table.columns)
            con.execute(
                f"insert into {table.raw_name} ({columns}) "
                f"select {columns} from read_parquet('{_parquet(batch_dir, table.raw_name)}')"
            )


def _apply_definitions_reading_batch(
    con: duckdb.DuckDBPyConnection, batch_dir: Path, table_files: dict[Path, str], say
) -> None:
    """`sql/` in file order, except that each batch table (one per file) is read from its Parquet."""
    for path in warehouse.sql_definition_files():
        name = table_files.get(path)
        if name is not None:
            say(f"loading {name}")
            con.execute(f"create or replace table {name} as select * from read_parquet('{_parquet(batch_dir, name)}')")
        else:
            con.execute(path.read_text(encoding="utf-8"))
    con.execute("create table if not exists warehouse_info (key varchar primary key, value varchar not null)")
    con.execute(
        "insert into warehouse_info values ('definitions', ?) on conflict (key) do update set value = excluded.value",
        [warehouse.definitions_fingerprint()],
    )

