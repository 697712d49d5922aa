"""`python -m cs_lib build` and `import --batch` (issue 12): the batch layer on DuckDB or Spark.

Kept beside `cs_lib/cli.py`, which registers them.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable

from cs_lib.batch import ENGINES

EXIT_OK = 0


def add_parsers(commands: argparse._SubParsersAction) -> None:
    build = commands.add_parser("build", help="run the batch layer over contract files, write Parquet tables")
    build.add_argument("--engine", choices=ENGINES, default="duckdb")
    build.add_argument("--input", required=True, metavar="DIR", help="folder of contract files (.csv, .parquet)")
    build.add_argument("--out", required=True, metavar="DIR", help="folder for the tables (one Parquet folder each)")


def add_import_option(load: argparse.ArgumentParser) -> None:
    load.add_argument("--batch", metavar="DIR", help="load the tables written by `build` instead of contract files")


def add_bench_option(bench: argparse.ArgumentParser) -> None:
    bench.add_argument("--batch-size", default="default", metavar="SIZE",
                       help="time the batch build on DuckDB and Spark over this demo size ('' = skip)")


def with_batch_timing(run_bench: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """`bench` also times `build --engine duckdb` and `--engine spark` on one demo size."""

    def run(arguments: argparse.Namespace) -> int:
        status = run_bench(arguments)
        if arguments.batch_size:
            from cs_lib.bench.batch_speed import batch_rows, measure_batch_builds
            from cs_lib.bench.report import render_table
            from cs_lib.bench.timings import ensure_warehouse

            _progress(f"[bench] {arguments.batch_size}: batch build on DuckDB and on Spark …")
            path, _, _ = ensure_warehouse(arguments.batch_size)
            print(render_table(batch_rows(arguments.batch_size, measure_batch_builds(path))), flush=True)
        return status

    return run


def run_build(arguments: argparse.Namespace) -> int:
    from cs_lib.batch import BuildError, build
    from cs_lib.cli import UsageError

    _require_sqlglot()
    try:
        tables = build(arguments.engine, arguments.input, arguments.out, progress=_progress)
    except BuildError as error:
        raise UsageError(str(error)) from None
    print(json.dumps({"engine": arguments.engine, "out": arguments.out, "tables": tables}))
    return EXIT_OK


def import_or_batch(run_import: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """`import --batch DIR` loads a batch result; without it, the contract files are imported as before."""

    def run(arguments: argparse.Namespace) -> int:
        from cs_lib.cli import UsageError

        if arguments.batch is None:
            if not arguments.paths:
                raise UsageError("give the files or folders to import, or --batch DIR")
            return run_import(arguments)
        if arguments.paths:
            raise UsageError("--batch loads a built batch folder; give no other files with it")
        _require_sqlglot()
        from cs_lib.batch.load import import_batch

        rows = import_batch(arguments.db, arguments.batch, progress=_progress)
        print(json.dumps({"db": arguments.db, "batch": arguments.batch, "rows": rows}))
        return EXIT_OK

    return run


def _require_sqlglot() -> None:
    """The batch commands read `sql/` with sqlglot, an optional dependency (`requirements-spark.txt`)."""
    from cs_lib.cli import UsageError

    try:
        import sqlglot  # noqa: F401
    except ImportError:
        raise UsageError("the batch commands need sqlglot: pip install -r requirements-spark.txt") from None


def _progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)
