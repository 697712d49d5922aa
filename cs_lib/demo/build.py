"""The built-in demo data set: a Japanese SaaS vendor's customers over four years.

Why it exists: a leader should be able to explore every page before loading
their own data, and every page should have something true to show — churn
that falls with CS maturity and with the CS programme, health that warns of
churn, accounts climbing the price-tier staircase. The data is generated
from (size, seed) alone, never from today's date, so two builds are
identical. The story lives in this package's modules:

- accounts: who the customers are (and their hidden health)
- lifecycle / book: contracts, renewals, churn and expansion, month by month
- usage, activity, journey: the signals that follow from that story
- org: maturity assessments and culture survey of the vendor's business units
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import duckdb
import pandas as pd

from cs_lib import warehouse
from cs_lib.demo.accounts import (
    ACCOUNT_ID_PREFIX,
    ACCOUNT_ID_WIDTH,
    Accounts,
    account_ids,
    accounts_frame,
    make_accounts,
)
from cs_lib.demo.activity import nps_frame, tickets_frame, touchpoints_frame
from cs_lib.demo.book import subscriptions_frame
from cs_lib.demo.journey import journey_events_frame, programs_frame
from cs_lib.demo.lifecycle import Lifecycle, simulate
from cs_lib.demo.org import culture_survey_frame, maturity_assessments_frame
from cs_lib.demo.usage import usage_chunks, usage_frame, usage_insert_sql

# Number of accounts per size. `large` (≥ 20 million usage rows) is for the benchmark.
SIZES = {"small": 300, "default": 3_000, "large": 100_000}

Progress = Callable[[str], None]


def generate_tables(size: str = "default", seed: int = 42, with_usage: bool = True) -> dict[str, pd.DataFrame]:
    """Every table of the data contract as a DataFrame, columns named as in schema.TABLES.

    Pure: no files, no warehouse. Leave out usage (with_usage=False) to skip by
    far the largest table when only the rest is needed.
    """
    accounts, lifecycle = _story(size, seed)
    tables = dict(_tables_without_usage(accounts, lifecycle, seed, _quiet))
    if with_usage:
        chunks = [usage_frame(chunk, account_ids(accounts.count)) for chunk in usage_chunks(accounts, lifecycle, seed)]
        tables["usage"] = pd.concat(chunks, ignore_index=True)
    return tables


def build_demo_warehouse(
    path: str | Path, size: str = "default", seed: int = 42, progress: Progress | None = None
) -> dict[str, int]:
    """Build the demo warehouse in a new file next to `path`, then swap it into place.

    Readers of the old file keep their view until they reopen; a failed build
    leaves `path` untouched. Returns the row count of every raw table.
    """
    say = progress or _quiet
    accounts, lifecycle = _story(size, seed)
    say(f"simulated {accounts.count:,} accounts over 4 years")
    path = Path(path)
    building = path.with_name(path.name + ".tmp")
    _remove_database(building)
    con = warehouse.connect_writer(building)
    try:
        con.begin()
        for name, frame in _tables_without_usage(accounts, lifecycle, seed, say):
            warehouse.replace_raw_rows(con, name, frame)
        _insert_usage(con, accounts, lifecycle, seed, say)
        say("views and derived tables")
        warehouse.apply_sql_definitions(con)
        con.commit()
        counts = warehouse.table_row_counts(con)
        con.execute("checkpoint")
    except BaseException:
        con.close()
        _remove_database(building)
        raise
    con.close()
    _remove_file(Path(str(path) + ".wal"))  # a stale log of the old file must not replay onto the new one
    os.replace(building, path)
    say(f"done: {path}")
    return counts


def _story(size: str, seed: int) -> tuple[Accounts, Lifecycle]:
    if size not in SIZES:
        raise ValueError(f"unknown demo size {size!r}: choose one of {', '.join(SIZES)}")
    accounts = make_accounts(SIZES[size], seed)
    return accounts, simulate(accounts, seed)


def _tables_without_usage(
    accounts: Accounts, lifecycle: Lifecycle, seed: int, say: Progress
) -> Iterator[tuple[str, pd.DataFrame]]:
    """(table name, frame) pairs, made one at a time so that only one is in memory, each announced."""
    makers = (
        ("accounts", lambda: accounts_frame(accounts)),
        ("subscriptions", lambda: subscriptions_frame(lifecycle.lines, accounts.count)),
        ("touchpoints", lambda: touchpoints_frame(accounts, lifecycle, seed)),
        ("tickets", lambda: tickets_frame(accounts, lifecycle, seed)),
        ("nps", lambda: nps_frame(accounts, lifecycle, seed)),
        ("journey_events", lambda: journey_events_frame(accounts, lifecycle, seed)),
        ("maturity_assessments", lambda: maturity_assessments_frame(seed)),
        ("culture_survey", lambda: culture_survey_frame(seed)),
        ("programs", lambda: programs_frame(accounts, lifecycle)),
    )
    for name, make in makers:
        frame = make()
        say(f"{name} {len(frame):,}")
        yield name, frame


def _insert_usage(
    con: duckdb.DuckDBPyConnection, accounts: Accounts, lifecycle: Lifecycle, seed: int, say: Progress
) -> None:
    """Usage goes in month by month straight from numeric chunks: bounded memory at any size.

    The physical order of usage rows means nothing, and letting DuckDB insert
    them unordered makes this step more than twice as fast.
    """
    con.execute("delete from raw_usage")
    con.execute("set preserve_insertion_order = false")
    total = 0
    try:
        for month, chunk in enumerate(usage_chunks(accounts, lifecycle, seed)):
            con.register("demo_usage_chunk", chunk)
            con.execute(usage_insert_sql("demo_usage_chunk", ACCOUNT_ID_PREFIX, ACCOUNT_ID_WIDTH))
            con.unregister("demo_usage_chunk")
            total += len(chunk)
            if month % 12 == 11:
                say(f"usage {total / 1e6:.1f}M rows" if total >= 100_000 else f"usage {total:,} rows")
    finally:
        con.execute("reset preserve_insertion_order")


def _remove_database(path: Path) -> None:
    _remove_file(path)
    _remove_file(Path(str(path) + ".wal"))


def _remove_file(path: Path) -> None:
    try:
        path.unlink()
    except FileNotFoundError:
        pass


def _quiet(message: str) -> None:
    pass
