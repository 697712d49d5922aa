"""`python -m cs_lib …`: what a scheduled job needs, over the same functions the pages call.

Exit codes: 0 success; 2 bad usage or bad input, with a one-line message on
stderr (an import with errors also lists every problem after that line).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import fields
from pathlib import Path

import pandas as pd

from cs_lib import cli_batch, cli_health, warehouse
from cs_lib.filters import FilterError, Filters
from cs_lib.months import MonthError, parse_month
from cs_lib.settings import SettingError, load_settings, setting_items, store_settings

EXIT_OK, EXIT_USAGE = 0, 2


class UsageError(Exception):
    """Bad arguments or bad input: reported in one line, exit 2."""


class _OneLineArgumentParser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse would print the whole usage block
        command = " ".join(self.prog.split()[1:])  # "" for the top level, "kpis" for a subcommand
        raise UsageError(f"{message} (see `python -m cs_lib {command} --help`)".replace("  ", " "))


def build_parser() -> argparse.ArgumentParser:
    parser = _OneLineArgumentParser(prog="cs_lib", description="CS Cockpit command line")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_OneLineArgumentParser)

    demo = commands.add_parser("demo", help="build the demo warehouse")
    demo.add_argument("--db", required=True)
    demo.add_argument("--size", choices=("small", "default", "large"), default="default")
    demo.add_argument("--seed", type=int, default=42)

    load = commands.add_parser("import", help="import contract files (all or nothing)")
    load.add_argument("--db", required=True)
    load.add_argument("paths", nargs="*", metavar="DIR_OR_FILES")  # none with --batch (issue 12)
    # --- Data import options (issue 8) ---
    load.add_argument("--dry-run", action="store_true", help="check every file, write nothing")
    load.add_argument("--mapping", metavar="FILE", help='JSON {"table": {"header in file": "contract column"}}')

    kpis = commands.add_parser("kpis", help="KPIs at an as-of month (METRICS.md §14)")
    kpis.add_argument("--db", required=True)
    kpis.add_argument("--as-of", metavar="YYYY-MM")
    kpis.add_argument("--where", action="append", default=[], metavar="DIM=VALUE")
    kpis.add_argument("--format", choices=("json", "csv"), default="json")

    movements = commands.add_parser("movements", help="monthly MRR movements")
    movements.add_argument("--db", required=True)
    movements.add_argument("--as-of", metavar="YYYY-MM")
    movements.add_argument("--where", action="append", default=[], metavar="DIM=VALUE")
    movements.add_argument("--format", choices=("csv", "json"), default="csv")

    cohorts = commands.add_parser("cohorts", help="cohort retention, long form")
    cohorts.add_argument("--db", required=True)
    cohorts.add_argument("--kind", choices=("logo", "revenue"), required=True)
    cohorts.add_argument("--as-of", metavar="YYYY-MM")
    cohorts.add_argument("--where", action="append", default=[], metavar="DIM=VALUE")
    cohorts.add_argument("--format", choices=("csv", "json"), default="csv")

    settings = commands.add_parser("settings", help="list the settings, or set KEY=VALUE (targets: target.<kpi>)")
    settings.add_argument("--db", required=True)
    settings.add_argument("assignments", nargs="*", metavar="KEY=VALUE")

    # --- Data quality (issue 8) ---
    quality = commands.add_parser("quality", help="data-quality report per table (rows, dates, gaps, orphans)")
    quality.add_argument("--db", required=True)
    quality.add_argument("--format", choices=("json", "csv"), default="json")

    refresh = commands.add_parser("refresh", help="re-apply sql/ to a warehouse built by an older version")
    refresh.add_argument("--db", required=True)

    bench = commands.add_parser("bench", help="time the KPI queries against pandas (builds `large` once)")
    bench.add_argument("--sizes", default="default,large", help="comma-separated demo sizes to measure")
    # --- Data import benchmark (issue 8) ---
    bench.add_argument("--import-rows", type=int, default=10_000_000, metavar="N",
                       help="also import a generated usage file of N rows (0 = skip)")
    _add_retention_growth_commands(commands)  # issue 7
    cli_health.add_parsers(commands)  # health, backtest, risk, alerts, journey, forecast (issue 9)
    _add_maturity_commands(commands)  # issue 10
    _add_impact_commands(commands)  # issue 11
    cli_batch.add_parsers(commands)  # build (issue 12)
    cli_batch.add_import_option(load)  # import --batch (issue 12)
    cli_batch.add_bench_option(bench)  # bench --batch-size (issue 12)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    try:
        arguments = build_parser().parse_args(argv)
        return COMMANDS[arguments.command](arguments)
    except (UsageError, FilterError, MonthError, SettingError, warehouse.WarehouseError) as error:
        print(f"cs_lib: error: {error}", file=sys.stderr)
        return EXIT_USAGE


def _progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def run_demo(arguments: argparse.Namespace) -> int:
    from cs_lib.demo import build_demo_warehouse

    counts = build_demo_warehouse(arguments.db, size=arguments.size, seed=arguments.seed, progress=_progress)
    print(json.dumps({"db": arguments.db, "size": arguments.size, "rows": counts}, ensure_ascii=False))
    return EXIT_OK


def run_import(arguments: argparse.Namespace) -> int:
    from cs_lib.ingest import import_paths
    from cs_lib.ingest.mapping import MappingError, read_mapping_file
    from cs_lib.ingest.report import plural

    try:
        mapping = read_mapping_file(arguments.mapping) if arguments.mapping else None
    except MappingError as error:
        raise UsageError(str(error)) from None
    report = import_paths(arguments.db, arguments.paths, progress=_progress, dry_run=arguments.dry_run,
                          mapping=mapping)
    for warning in report.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if not report.ok:
        print(
            f"cs_lib: error: import failed with {plural(len(report.errors), 'problem')}; the warehouse is unchanged",
            file=sys.stderr,
        )
        for problem in report.errors:
            print(f"  {problem}", file=sys.stderr)
        return EXIT_USAGE
    result = {"db": arguments.db, "rows": report.rows_by_table}
    if arguments.dry_run:
        result["dry_run"] = True
    print(json.dumps(result, ensure_ascii=False))
    return EXIT_OK


def run_kpis(arguments: argparse.Namespace) -> int:
    from cs_lib.metrics.kpis import kpis_at

    with warehouse.connect_read_only(arguments.db) as con:
        filters = _checked_scope(con, arguments)
        values = kpis_at(con, arguments.as_of, filters, load_settings(con))
    if arguments.format == "json":
        print(json.dumps(values, ensure_ascii=False))
    else:
        print(pd.DataFrame([values]).to_csv(index=False), end="")
    return EXIT_OK


def run_movements(arguments: argparse.Namespace) -> int:
    from cs_lib.metrics.kpis import mrr_movements

    with warehouse.connect_read_only(arguments.db) as con:
        filters = _checked_scope(con, arguments)
        _print_frame(mrr_movements(con, arguments.as_of, filters), arguments.format)
    return EXIT_OK


def run_cohorts(arguments: argparse.Namespace) -> int:
    from cs_lib.metrics.cohorts import cohort_retention

    with warehouse.connect_read_only(arguments.db) as con:
        filters = _checked_scope(con, arguments)
        _print_frame(cohort_retention(con, arguments.kind, arguments.as_of, filters), arguments.format)
    return EXIT_OK


def _checked_scope(con, arguments: argparse.Namespace) -> Filters:
    """The --where filters, each value checked against the warehouse, and the --as-of month checked
    against the recorded data: a value no account has, or a month past the data, is exit 2."""
    from cs_lib.metrics.kpis import dimension_values, require_recorded_as_of
    from cs_lib.present.link_check import valid_values_hint

    filters = Filters.from_pairs(arguments.where)
    for field in fields(filters):
        valid = None
        for value in getattr(filters, field.name):
            valid = valid if valid is not None else dimension_values(con, field.name)
            if value not in valid:
                raise UsageError(
                    f"no account has {field.name} {value!r}; valid values: {valid_values_hint(value, valid)}"
                )
    require_recorded_as_of(con, arguments.as_of)
    return filters


def run_settings(arguments: argparse.Namespace) -> int:
    """Print every setting as JSON; with KEY=VALUE assignments, check them all and store them first
    (all or nothing: one bad assignment changes nothing)."""
    if not Path(arguments.db).exists():
        raise warehouse.WarehouseError(f"warehouse not found: {arguments.db}")
    if arguments.assignments:
        store_settings(arguments.db, arguments.assignments)  # works while the app reads the warehouse
    with warehouse.connect_read_only(arguments.db) as con:
        print(json.dumps(setting_items(load_settings(con)), ensure_ascii=False))
    return EXIT_OK


def run_quality(arguments: argparse.Namespace) -> int:
    """JSON: {"tables": [...], "missing_values": [...]}; CSV: the per-table lines."""
    from cs_lib.quality import missing_values, quality_report

    with warehouse.connect_read_only(arguments.db) as con:
        tables, missing = quality_report(con), missing_values(con)
    if arguments.format == "csv":
        print(tables.to_csv(index=False), end="")
    else:
        print(json.dumps({"tables": json.loads(tables.to_json(orient="records", force_ascii=False)),
                          "missing_values": json.loads(missing.to_json(orient="records", force_ascii=False))},
                         ensure_ascii=False))
    return EXIT_OK


def run_refresh(arguments: argparse.Namespace) -> int:
    refreshed = warehouse.refresh_definitions(arguments.db)
    _progress(f"{arguments.db}: " + ("definitions re-applied" if refreshed else "definitions already current"))
    return EXIT_OK


def run_bench(arguments: argparse.Namespace) -> int:
    from cs_lib.bench.timings import run_benchmark

    sizes = [size.strip() for size in arguments.sizes.split(",") if size.strip()]
    if sizes:
        run_benchmark(sizes=sizes)
    if arguments.import_rows > 0:
        from cs_lib.bench.import_speed import import_table, measure_import

        _progress(f"[bench] import of a generated usage file of {arguments.import_rows:,} rows …")
        print(import_table(measure_import(arguments.import_rows)), flush=True)
    return EXIT_OK


def _print_frame(frame: pd.DataFrame, output_format: str) -> None:
    if output_format == "json":
        print(frame.to_json(orient="records", force_ascii=False))
    else:
        print(frame.to_csv(index=False), end="")


COMMANDS = {
    "demo": run_demo,
    "import": run_import,
    "kpis": run_kpis,
    "movements": run_movements,
    "cohorts": run_cohorts,
    "settings": run_settings,
    "refresh": run_refresh,
    "quality": run_quality,
    "bench": run_bench,
}


# --- Retention, Growth and Segments (issue 7) ------------------------------------------
def _add_retention_growth_commands(commands) -> None:
    from cs_lib.metrics.segments import SEGMENT_DIMENSIONS, SEGMENT_KPIS
    from cs_lib.metrics.survival import SURVIVAL_DIMENSIONS

    survival = commands.add_parser("survival", help="Kaplan–Meier survival of customer lifetime (METRICS.md §7)")
    survival.add_argument("--db", required=True)
    survival.add_argument("--as-of", metavar="YYYY-MM")
    survival.add_argument("--by", choices=SURVIVAL_DIMENSIONS, metavar="DIM",
                          help=f"one curve per value of: {', '.join(SURVIVAL_DIMENSIONS)}")
    survival.add_argument("--where", action="append", default=[], metavar="DIM=VALUE")
    survival.add_argument("--format", choices=("json", "csv"), default="json")

    renewals = commands.add_parser("renewals", help="renewals by month of expiry (METRICS.md §7)")
    renewals.add_argument("--db", required=True)
    renewals.add_argument("--as-of", metavar="YYYY-MM")
    renewals.add_argument("--format", choices=("csv", "json"), default="csv")

    segments = commands.add_parser("segments", help="a KPI per value of a dimension, with 95 % intervals")
    segments.add_argument("--db", required=True)
    segments.add_argument("--kpi", required=True, choices=tuple(SEGMENT_KPIS), metavar="NAME",
                          help=f"one of: {', '.join(SEGMENT_KPIS)}")
    segments.add_argument("--by", required=True, choices=SEGMENT_DIMENSIONS, metavar="DIM",
                          help=f"one of: {', '.join(SEGMENT_DIMENSIONS)}")
    segments.add_argument("--as-of", metavar="YYYY-MM")
    segments.add_argument("--format", choices=("csv", "json"), default="csv")

    tiers = commands.add_parser("tiers", help="price-tier transition matrix from 12 months before the as-of month")
    tiers.add_argument("--db", required=True)
    tiers.add_argument("--as-of", metavar="YYYY-MM")
    tiers.add_argument("--format", choices=("csv", "json"), default="csv")


def run_survival(arguments: argparse.Namespace) -> int:
    from cs_lib.metrics.survival import CURVE_COLUMNS, survival, survival_json

    with warehouse.connect_read_only(arguments.db) as con:
        filters = _checked_scope(con, arguments)
        result = survival(con, arguments.as_of, filters, arguments.by)
    if arguments.format == "json":
        print(json.dumps(survival_json(result), ensure_ascii=False))
    else:
        print(result.curves[list(CURVE_COLUMNS)].to_csv(index=False), end="")
    return EXIT_OK


def run_renewals(arguments: argparse.Namespace) -> int:
    from cs_lib.metrics.renewals import RENEWAL_COLUMNS, renewals_by_month

    with warehouse.connect_read_only(arguments.db) as con:
        as_of = _checked_as_of(con, arguments)
        frame = renewals_by_month(con, as_of, settings=load_settings(con))
    _print_frame(frame[list(RENEWAL_COLUMNS)], arguments.format)
    return EXIT_OK


def run_segments(arguments: argparse.Namespace) -> int:
    from cs_lib.metrics.segments import kpi_by_dimension

    with warehouse.connect_read_only(arguments.db) as con:
        as_of = _checked_as_of(con, arguments)
        frame = kpi_by_dimension(con, arguments.kpi, arguments.by, as_of, settings=load_settings(con))
    _print_frame(frame, arguments.format)
    return EXIT_OK


def run_tiers(arguments: argparse.Namespace) -> int:
    from cs_lib.metrics.tiers import tier_transitions

    with warehouse.connect_read_only(arguments.db) as con:
        as_of = _checked_as_of(con, arguments)
        frame = tier_transitions(con, as_of, settings=load_settings(con))
    _print_frame(frame, arguments.format)
    return EXIT_OK


def _checked_as_of(con, arguments: argparse.Namespace) -> str | None:
    from cs_lib.metrics.kpis import require_recorded_as_of

    if arguments.as_of is not None:
        parse_month(arguments.as_of)
    require_recorded_as_of(con, arguments.as_of)
    return arguments.as_of


COMMANDS.update({
    "survival": run_survival,
    "renewals": run_renewals,
    "segments": run_segments,
    "tiers": run_tiers,
})


# --- Impact & ROI, board pack (issue 11) ------------------------------------------------
def _add_impact_commands(commands) -> None:
    impact = commands.add_parser("impact", help="treated against untreated accounts (METRICS.md §12)")
    impact.add_argument("--db", required=True)
    treatment = impact.add_mutually_exclusive_group(required=True)
    treatment.add_argument("--program", metavar="NAME")
    treatment.add_argument("--cs-model", metavar="MODEL")
    treatment.add_argument("--journey-stage", metavar="STAGE")
    impact.add_argument("--as-of", metavar="YYYY-MM")
    impact.add_argument("--cost", type=_yen, metavar="YEN", help="yearly CS cost (default: setting cs_cost_per_year)")
    impact.add_argument("--where", action="append", default=[], metavar="DIM=VALUE")
    impact.add_argument("--format", choices=("json",), default="json")

    pack = commands.add_parser("board-pack", help="the board pack as PDF or PowerPoint (by the file's extension)")
    pack.add_argument("--db", required=True)
    pack.add_argument("--out", required=True, metavar="FILE", help="FILE.pdf or FILE.pptx")
    pack.add_argument("--lang", choices=("ja", "en"), default="ja")
    pack.add_argument("--as-of", metavar="YYYY-MM")
    pack.add_argument("--where", action="append", default=[], metavar="DIM=VALUE")


def _yen(text: str) -> float:
    try:
        value = float(text.replace(",", "").replace("_", ""))
    except ValueError:
        value = -1.0
    if not value >= 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"expected an amount of 0 or more, got {text!r}")
    return value


def run_impact(arguments: argparse.Namespace) -> int:
    from cs_lib.metrics.impact import ImpactError, Treatment, impact_json, measure_impact

    kind, value = next(
        (kind, value) for kind, value in (
            ("program", arguments.program), ("cs_model", arguments.cs_model),
            ("journey_stage", arguments.journey_stage),
        ) if value is not None
    )
    with warehouse.connect_read_only(arguments.db) as con:
        filters = _checked_scope(con, arguments)
        try:
            result = measure_impact(con, Treatment(kind, value), arguments.as_of, filters, load_settings(con),
                                    arguments.cost)
        except ImpactError as error:
            raise UsageError(str(error)) from None
    print(json.dumps(impact_json(result), ensure_ascii=False))
    return EXIT_OK


def run_board_pack(arguments: argparse.Namespace) -> int:
    from cs_lib.boardpack import FORMATS, generate_board_pack

    out = Path(arguments.out)
    file_format = out.suffix.lower().lstrip(".")
    if file_format not in FORMATS:
        raise UsageError(f"--out must end in .pdf or .pptx, got {arguments.out!r}")
    if not out.parent.is_dir():
        raise UsageError(f"no such directory for --out: {str(out.parent)!r}")
    with warehouse.connect_read_only(arguments.db) as con:
        filters = _checked_scope(con, arguments)
    data, pack = generate_board_pack(arguments.db, file_format, arguments.lang, arguments.as_of, filters)
    out.write_bytes(data)
    print(json.dumps({"out": str(out), "as_of": pack.as_of, "sections": [s.key for s in pack.sections],
                      "restated": len(pack.restated)}, ensure_ascii=False))
    return EXIT_OK


COMMANDS.update({"impact": run_impact, "board-pack": run_board_pack})


# --- Health, risk, alerts, journey and forecast (issue 9) ---
COMMANDS.update({name: cli_health.run_engine_command for name in cli_health.ENGINE_COMMANDS})
# --- Maturity and workshop (issue 10) ---
def _add_maturity_commands(commands: argparse._SubParsersAction) -> None:
    maturity = commands.add_parser("maturity", help="maturity per business unit and department (latest round)")
    maturity.add_argument("--db", required=True)
    maturity.add_argument("--as-of", metavar="YYYY-MM")
    maturity.add_argument("--format", choices=("csv", "json"), default="csv")

    workshop = commands.add_parser("workshop", help="workshop results")
    actions = workshop.add_subparsers(dest="workshop_action", required=True, parser_class=_OneLineArgumentParser)
    export = actions.add_parser("export", help="a workshop's answers, one row per participant and department")
    export.add_argument("--db", required=True, help="the warehouse (its workshops are in PATH.workshop.duckdb)")
    export.add_argument("--code", required=True, help="the workshop's join code")
    export.add_argument("--format", choices=("csv", "json"), default="csv")


def run_maturity(arguments: argparse.Namespace) -> int:
    from cs_lib.metrics.kpis import require_recorded_as_of
    from cs_lib.metrics.maturity import maturity_table

    with warehouse.connect_read_only(arguments.db) as con:
        require_recorded_as_of(con, arguments.as_of)
        _print_frame(maturity_table(con, arguments.as_of), arguments.format)
    return EXIT_OK


def run_workshop(arguments: argparse.Namespace) -> int:
    from cs_lib.workshop.export import answers_table
    from cs_lib.workshop.store import WorkshopError, WorkshopStore, workshop_path

    path = workshop_path(arguments.db)
    if not path.exists():
        raise UsageError(f"no workshops recorded for {arguments.db} (expected {path})")
    try:
        store = WorkshopStore(path)
    except WorkshopError as error:
        raise UsageError(f"{error}; export from the Workshop page while the app runs") from None
    try:
        workshop = store.workshop(arguments.code)
        if workshop is None:
            known = ", ".join(w.code for w in store.workshops()) or "none"
            raise UsageError(f"no workshop has the code {arguments.code!r}; known codes: {known}")
        _print_frame(answers_table(store, workshop), arguments.format)
    finally:
        store.close()
    return EXIT_OK


COMMANDS.update({"maturity": run_maturity, "workshop": run_workshop})


# --- The batch layer on DuckDB or Spark (issue 12) ---
COMMANDS.update({
    "build": cli_batch.run_build,
    "import": cli_batch.import_or_batch(run_import),
    "bench": cli_batch.with_batch_timing(run_bench),
})
