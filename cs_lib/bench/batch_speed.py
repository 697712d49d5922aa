"""The batch layer's build time on DuckDB and on Spark (issue 12), over one demo warehouse's data.

The demo warehouse's contract tables are written out as Parquet contract files, then
`python -m cs_lib build --engine …` runs in a child process for each engine (wall time
and peak RSS, Spark's JVM start-up included: the point is that Spark runs the same
definitions and scales out, not that it wins on one machine).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from cs_lib import schema
from cs_lib.bench.report import ChildRun, seconds_text
from cs_lib.warehouse import connect_read_only

ENGINES = ("duckdb", "spark")


def export_contract_files(db_path: Path, folder: Path) -> None:
    """Every non-empty contract table of the warehouse as `<table>.parquet` (the contract's columns)."""
    con = connect_read_only(db_path)
    try:
        for table in schema.TABLES:
            if con.execute(f"select count(*) from {table.raw_name}").fetchone()[0] == 0:
                continue
            columns = ", ".join(column.name for column in table.columns)
            target = str(folder / f"{table.name}.parquet").replace("'", "''")
            con.execute(f"copy (select {columns} from {table.raw_name}) to '{target}' (format parquet)")
    finally:
        con.close()


def measure_batch_builds(db_path: Path, engines: tuple[str, ...] = ENGINES) -> dict[str, ChildRun]:
    from cs_lib.bench.timings import run_python

    runs = {}
    with tempfile.TemporaryDirectory(prefix="cs_bench_batch_") as scratch:
        contract = Path(scratch) / "contract"
        contract.mkdir()
        export_contract_files(db_path, contract)
        for engine in engines:
            out = Path(scratch) / f"out_{engine}"
            runs[engine] = run_python("-m", "cs_lib", "build", "--engine", engine, "--input", str(contract),
                                      "--out", str(out))
    return runs


def batch_rows(size: str, runs: dict[str, ChildRun]) -> list[tuple[str, ...]]:
    """One row per engine: the build's wall time (the child's RSS is left out: Spark's JVM is not counted in it)."""
    return [
        (size, f"batch build, {engine} (child: cs_lib build)", seconds_text(run.seconds), "", "", "", "", "")
        for engine, run in runs.items()
    ]
