"""The CLI commands of the health, risk, journey and forecast engine (METRICS.md §8–10).

Kept beside `cs_lib/cli.py` (which registers them) so that file stays a short list of commands.
"""

from __future__ import annotations

import argparse

import pandas as pd

from cs_lib import warehouse
from cs_lib.settings import load_settings

EXIT_OK = 0
HEALTH_OUTPUT = ("account_id", "health", "band", "low_confidence", "adoption", "engagement", "support",
                 "sentiment", "growth")


def add_parsers(commands: argparse._SubParsersAction) -> None:
    """`health`, `backtest`, `risk`, `alerts`, `journey`, `forecast`."""
    for name, help_text, with_where in (
        ("health", "health score per active account (METRICS.md §8)", True),
        ("backtest", "health score back-test per month-end: AUC, churn per band", True),
        ("risk", "renewal risk list, by expected loss (METRICS.md §9)", True),
        ("alerts", "alerts of the switched-on rules (METRICS.md §9)", True),
        ("journey", "journey funnel, time in stage, stuck accounts (METRICS.md §10)", True),
        ("forecast", "renewal forecast for the next quarters: P10/P50/P90 renewed ARR", True),
    ):
        parser = commands.add_parser(name, help=help_text)
        parser.add_argument("--db", required=True)
        parser.add_argument("--as-of", metavar="YYYY-MM")
        if with_where:
            parser.add_argument("--where", action="append", default=[], metavar="DIM=VALUE")
        parser.add_argument("--format", choices=("json", "csv"), default="json")
        if name == "risk":
            parser.add_argument("--days", type=int, default=None, help="risk window in days (default: setting, 90)")
        if name == "forecast":
            parser.add_argument("--quarters", type=int, default=4, choices=(1, 2, 3, 4))


def _frame_for(arguments: argparse.Namespace) -> pd.DataFrame:
    from cs_lib.cli import UsageError, _checked_scope
    from cs_lib.metrics import backtest, health, journey, risk
    from cs_lib.metrics.kpis import resolve_as_of

    with warehouse.connect_read_only(arguments.db) as con:
        filters = _checked_scope(con, arguments)
        settings = load_settings(con)
        if arguments.command == "health":
            month = resolve_as_of(con, arguments.as_of, settings)
            return health.month_rows(health.scored_history(con, settings), month, filters)[list(HEALTH_OUTPUT)]
        if arguments.command == "backtest":
            return backtest.backtest(con, arguments.as_of, filters, settings)[list(backtest.BACKTEST_COLUMNS)]
        if arguments.command == "risk":
            if arguments.days is not None and not 1 <= arguments.days <= 730:
                raise UsageError(f"--days must be from 1 to 730, got {arguments.days}")
            return risk.risk_list(con, arguments.as_of, filters, settings, arguments.days)[list(risk.RISK_COLUMNS)]
        if arguments.command == "alerts":
            return risk.alerts(con, arguments.as_of, filters, settings)
        if arguments.command == "journey":
            return journey.journey_summary(con, arguments.as_of, filters, settings)[list(journey.JOURNEY_COLUMNS)]
        from cs_lib.metrics import forecast

        return forecast.forecast(con, arguments.as_of, filters, settings, arguments.quarters)


def run_engine_command(arguments: argparse.Namespace) -> int:
    from cs_lib.cli import _print_frame

    frame = _frame_for(arguments)
    for column in frame.columns:  # dates as YYYY-MM-DD text in JSON and CSV alike
        if frame[column].map(lambda value: hasattr(value, "isoformat")).any():
            frame[column] = frame[column].map(lambda value: value.isoformat() if hasattr(value, "isoformat") else None)
    _print_frame(frame, arguments.format)
    return EXIT_OK


ENGINE_COMMANDS = ("health", "backtest", "risk", "alerts", "journey", "forecast")
