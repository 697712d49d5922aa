"""The heavy batch layer (staging, MRR per account-product-month, movements, retention pairs, the usage
aggregate), written once in `sql/`, run on DuckDB (the default) or on Spark, written as Parquet.

`build` runs it; `load.import_batch` swaps the result into the app's warehouse. The engine
differences live in `transpile` only.
"""

from __future__ import annotations

from pathlib import Path

ENGINES = ("duckdb", "spark")


class BuildError(Exception):
    """The contract files did not pass the checks (DuckDB engine) or the input is missing."""


def build(engine: str, input_dir: str | Path, out_dir: str | Path, progress=None) -> list[str]:
    """Run the batch layer over the contract files in `input_dir`; write each table to `out_dir/<table>/`.
    Returns the tables written. Spark is imported only here (an optional dependency)."""
    input_dir, out_dir = Path(input_dir), Path(out_dir)
    if not input_dir.is_dir():
        raise BuildError(f"input folder not found: {input_dir}")
    if engine == "duckdb":
        from cs_lib.batch.duckdb_engine import build_with_duckdb

        tables, report = build_with_duckdb(input_dir, out_dir, progress)
        if not report.ok:
            problems = "; ".join(str(problem) for problem in report.errors[:3])
            raise BuildError(f"the contract files have {len(report.errors)} problem(s): {problems}")
        return tables
    if engine == "spark":
        try:
            import pyspark  # noqa: F401

            from cs_lib.batch.spark_engine import build_with_spark, local_session
        except ImportError as error:  # pragma: no cover - depends on the machine
            raise BuildError(f"pyspark is not installed ({error}): pip install -r requirements-spark.txt") from None
        return build_with_spark(local_session(), input_dir, out_dir)
    raise BuildError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
