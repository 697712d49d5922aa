"""Imports while others read, and imports killed at any moment (the copy-and-swap of cs_lib.warehouse_swap)."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from ingest_helpers import file_hash, table_checksums

from cs_lib.bench.import_speed import ImportRun, import_table, measure_import, write_usage_files
from cs_lib.ingest import import_paths
from cs_lib.warehouse import REPO_ROOT

# Fractions of a whole import's wall time, measured just before; the machine's load moves the real
# moments, so which kills land before the swap and which after is not fixed, only that each leaves
# one of the two states.
KILL_AT = (0.05, 0.25, 0.5, 0.7, 0.85, 0.95, 1.0, 1.1)


def cli_import(db: Path, files: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "cs_lib", "import", "--db", str(db), str(files)],
        cwd=REPO_ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )


@pytest.fixture(scope="module")
def states(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """A warehouse before an import of 100,000 usage rows, the same after it, the files, and how
    long the import takes from the command line on this machine now."""
    root = tmp_path_factory.mktemp("swap")
    base_files, files = root / "base_files", root / "files"
    base_files.mkdir()
    files.mkdir()
    write_usage_files(base_files, rows=10)
    write_usage_files(files, rows=100_000)
    before = root / "before.duckdb"
    assert import_paths(before, [base_files]).ok
    after = root / "after.duckdb"
    shutil.copyfile(before, after)
    started = time.perf_counter()
    assert cli_import(after, files).wait() == 0
    return {"before": before, "after": after, "files": files, "seconds": time.perf_counter() - started,
            "before_tables": table_checksums(before), "after_tables": table_checksums(after)}


def test_an_import_killed_at_any_moment_leaves_the_old_or_the_new_warehouse(states: dict, tmp_path: Path) -> None:
    for fraction in KILL_AT:
        directory = tmp_path / f"at_{fraction}"
        directory.mkdir()
        db = directory / "warehouse.duckdb"
        shutil.copyfile(states["before"], db)
        before_bytes = file_hash(db)
        child = cli_import(db, states["files"])
        time.sleep(states["seconds"] * fraction)
        child.send_signal(signal.SIGKILL)
        child.wait()

        tables = table_checksums(db)
        if tables == states["before_tables"]:
            assert file_hash(db) == before_bytes  # untouched, byte for byte
        else:
            assert tables == states["after_tables"]  # the whole import, nothing less
        # The next import cleans up after the killed one and completes.
        assert import_paths(db, [states["files"]]).ok
        assert table_checksums(db) == states["after_tables"]
        assert sorted(p.name for p in directory.iterdir()) == ["warehouse.duckdb", "warehouse.duckdb.lock"]


def test_the_import_benchmark_measures_rows_per_second_and_peak_memory() -> None:
    run = measure_import(20_000)
    assert run.ok and run.rows == 20_000
    assert run.seconds > 0 and run.peak_rss_bytes > 50 * 2**20  # a Python with DuckDB loaded
    assert import_table(run).startswith("import of 20,000 usage rows: ")
    assert ImportRun(1000, 2.0, 0, True).rows_per_second == 500


def test_an_app_process_reads_the_swapped_in_file_through_a_new_snapshot(tmp_path: Path) -> None:
    # In one process DuckDB hands back the database it already has open under a path; the app's
    # snapshot connections must not, or it would show the old data after an import.
    from cs_lib.warehouse_swap import connect_snapshot

    files = tmp_path / "files"
    files.mkdir()
    write_usage_files(files, rows=10)
    db = tmp_path / "warehouse.duckdb"
    assert import_paths(db, [files / "accounts.csv", files / "subscriptions.csv"]).ok
    old = connect_snapshot(db)
    assert import_paths(db, [files / "usage.csv"]).ok
    new = connect_snapshot(db)
    assert old.execute("select count(*) from raw_usage").fetchone() == (0,)  # its own consistent version
    assert new.execute("select count(*) from raw_usage").fetchone() == (10,)
    assert new.cursor().execute("select count(*) from raw_usage").fetchone() == (10,)
    old.close()
    new.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["files", "warehouse.duckdb", "warehouse.duckdb.lock"]


@pytest.mark.parametrize(("moment", "expected"), [("before_rename", "before_tables"), ("after_rename", "after_tables")])
def test_a_kill_right_before_or_right_after_the_swap(states: dict, tmp_path: Path, moment: str, expected: str) -> None:
    # The two edges of the swap, hit exactly: the import kills itself with SIGKILL just before or
    # just after its rename.
    db = tmp_path / "warehouse.duckdb"
    shutil.copyfile(states["before"], db)
    code = f"""
import os, signal
from cs_lib import warehouse_swap
from cs_lib.ingest import import_paths
real_replace = os.replace
def replace_and_die(source, target):
    if {moment!r} == "after_rename":
        real_replace(source, target)
    os.kill(os.getpid(), signal.SIGKILL)
warehouse_swap.os.replace = replace_and_die
import_paths({str(db)!r}, [{str(states["files"])!r}])
"""
    child = subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True)
    assert child.returncode == -signal.SIGKILL
    assert table_checksums(db) == states[expected]
