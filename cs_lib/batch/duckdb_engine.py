"""Running the batch layer on DuckDB: today's import, into a throw-away warehouse, exported as Parquet.

The contract files go through the importer's checks (`cs_lib.ingest.import_paths`), so a
bad file stops the build with the same report an import gives.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from cs_lib import warehouse
from cs_lib.batch.transpile import LIGHT_TABLES, materialised_tables
from cs_lib.ingest import ImportReport, import_paths


def build_with_duckdb(input_dir: Path, out_dir: Path, progress=None) -> tuple[list[str], ImportReport]:
    """Import `input_dir` into a temporary warehouse and write each batch table as `out_dir/<table>/`."""
    with tempfile.TemporaryDirectory(prefix="cs_batch_") as workdir:
        db_path = Path(workdir) / "batch.duckdb"
        report = import_paths(db_path, [input_dir], progress)
        if not report.ok:
            return [], report
        tables = materialised_tables()
        con = warehouse.connect_read_only(db_path)
        try:
            for name in tables + [table.raw_name for table in LIGHT_TABLES]:
                target = Path(out_dir) / name
                target.mkdir(parents=True, exist_ok=True)
                for stale in target.glob("*.parquet"):
                    stale.unlink()
                columns = "* exclude (extra_columns)" if name.startswith("raw_") else "*"
                con.execute(f"copy (select {columns} from {name}) to '{target / 'part-0.parquet'}' (format parquet)")
        finally:
            con.close()
    return tables, report
