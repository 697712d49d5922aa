"""How fast a large usage file imports, and with how much memory (issue 8: 10 M rows under 2 GiB).

A usage CSV of the asked size is generated in chunks (so generating it takes
little memory), with the accounts and subscriptions it refers to, and
imported by `python -m cs_lib import` in a child process, whose peak resident
memory is read from the kernel (`timings.run_python`). Part of `make bench`
(10 million rows); the tests run it on a small file.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

METRICS = ("active_users", "logins", "reports_run", "exports", "api_calls")
ACCOUNTS = 1000
CHUNK_ROWS = 1_000_000
FIRST_DAY = dt.date(2015, 1, 1)


@dataclass(frozen=True)
class ImportRun:
    rows: int
    seconds: float
    peak_rss_bytes: int
    ok: bool

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.seconds if self.seconds else 0.0


def write_usage_files(directory: Path, rows: int, accounts: int = ACCOUNTS) -> None:
    """accounts.csv, subscriptions.csv and a usage.csv of `rows` distinct (account, day, metric) rows."""
    ids = [f"A{i:05d}" for i in range(accounts)]
    pd.DataFrame({"account_id": ids, "account_name": ids}).to_csv(directory / "accounts.csv", index=False)
    pd.DataFrame({
        "subscription_id": [f"S{i:05d}" for i in range(accounts)], "account_id": ids, "product": "Core",
        "start_date": FIRST_DAY.isoformat(), "mrr": 1000,
    }).to_csv(directory / "subscriptions.csv", index=False)
    account_ids = np.array(ids)
    metric_names = np.array(METRICS)
    with (directory / "usage.csv").open("w", encoding="utf-8", newline="") as out:
        out.write("account_id,date,metric,value\n")
        for start in range(0, rows, CHUNK_ROWS):
            k = np.arange(start, min(start + CHUNK_ROWS, rows))
            rest = k // accounts
            days = np.datetime64(FIRST_DAY) + (rest // len(METRICS)).astype("timedelta64[D]")
            chunk = pd.DataFrame({
                "account_id": account_ids[k % accounts],
                "date": np.datetime_as_string(days, unit="D"),
                "metric": metric_names[rest % len(METRICS)],
                "value": k % 97,
            })
            chunk.to_csv(out, header=False, index=False)


def measure_import(rows: int) -> ImportRun:
    """Generate and import a usage file of `rows` rows into a new warehouse, in a child process."""
    from cs_lib.bench.timings import run_python

    with tempfile.TemporaryDirectory(prefix="cs_import_bench_") as scratch:
        files = Path(scratch) / "files"
        files.mkdir()
        write_usage_files(files, rows)
        db = Path(scratch) / "bench.duckdb"
        run = run_python("-m", "cs_lib", "import", "--db", str(db), str(files))
        return ImportRun(rows, run.seconds, run.peak_rss_bytes, db.exists())


def import_table(run: ImportRun) -> str:
    """The lines `make bench` prints for the import."""
    status = "" if run.ok else "  (FAILED: the import reported problems)"
    return (
        f"import of {run.rows:,} usage rows: {run.seconds:.1f} s, {run.rows_per_second:,.0f} rows/s, "
        f"peak memory {run.peak_rss_bytes / 2**30:.2f} GiB (target < 2 GiB){status}"
    )
