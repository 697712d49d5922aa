"""Changing a warehouse while the app reads it: write a copy, then swap it in with one rename.

DuckDB lets no writer in while another process holds the file, even
read-only, and one process cannot hold one file read-only and read-write at
once. So a writer (an import, a settings edit) never opens the warehouse
itself: it copies it next to the original, changes the copy, checkpoints and
syncs it, and renames it over the original. A rename is atomic, so every
reader sees the old file or the new one, never a half state; readers already
open keep reading the old file (its inode lives on until they close it), and
the app, whose caches are keyed by the file's modification time, opens the
new one on its next query. A writer killed at any moment leaves only a
stray copy, which the next writer removes.

Writers take an exclusive lock (`<warehouse>.lock`) for the whole
copy-change-rename, so two imports cannot both start from the same file and
lose one's rows.

Cost: one full copy of the file per write (the `large` warehouse, ~300 MB,
needs ~300 MB of free disk and the time to copy it) and, after the swap,
every cached query runs afresh once.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import duckdb

from cs_lib import warehouse

LOCK_WAIT_SECONDS = 60.0
COPY_MARK = ".writing-"


class WarehouseCopy:
    """A private, writable copy of a warehouse; `publish()` swaps it in, else it is thrown away."""

    def __init__(self, path: Path, copy_path: Path) -> None:
        self.path = path
        self.copy_path = copy_path
        self.con: duckdb.DuckDBPyConnection | None = None
        self.published = False

    def connect(self) -> duckdb.DuckDBPyConnection:
        """The writer connection on the copy (with the base tables in place)."""
        if self.con is None:
            self.con = warehouse.connect_writer(self.copy_path)
        return self.con

    def publish(self) -> None:
        """Make the copy the warehouse: checkpoint, sync, rename over the original (atomic)."""
        con = self.connect()
        con.execute("checkpoint")
        con.close()
        self.con = None
        _fsync(self.copy_path)
        os.replace(self.copy_path, self.path)
        _fsync(self.path.parent)
        self.published = True

    def discard(self) -> None:
        if self.con is not None:
            self.con.close()
            self.con = None
        for leftover in (self.copy_path, Path(f"{self.copy_path}.wal")):
            leftover.unlink(missing_ok=True)
        shutil.rmtree(f"{self.copy_path}.tmp", ignore_errors=True)


@contextlib.contextmanager
def writable_copy(path: str | Path) -> Iterator[WarehouseCopy]:
    """Lock the warehouse for writers, copy it (or start a new one), yield the copy.

    Leaving the block without `publish()` (an error, a dry run) throws the copy away and
    leaves the warehouse exactly as it was.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with _writer_lock(path):
        _remove_stray_copies(path)
        if Path(f"{path}.wal").exists():
            raise warehouse.WarehouseError(
                f"{path} is being written by another program (its .wal file exists); close it and try again"
            )
        copy_path = path.with_name(f".{path.name}{COPY_MARK}{os.getpid()}")
        if path.exists():
            shutil.copyfile(path, copy_path)
        copy = WarehouseCopy(path, copy_path)
        try:
            yield copy
        finally:
            if not copy.published:
                copy.discard()


@contextlib.contextmanager
def _writer_lock(path: Path) -> Iterator[None]:
    lock_path = Path(f"{path}.lock")
    with lock_path.open("a") as lock:
        deadline = time.monotonic() + LOCK_WAIT_SECONDS
        while True:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise warehouse.WarehouseError(
                        f"{path} is locked by another import or settings change; try again when it is done"
                    ) from None
                time.sleep(0.1)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _remove_stray_copies(path: Path) -> None:
    """Copies left by a writer that was killed (we hold the lock, so none is in use)."""
    for stray in path.parent.glob(f".{path.name}{COPY_MARK}*"):  # the copy, its .wal, its .tmp spill folder
        if stray.is_dir():
            shutil.rmtree(stray, ignore_errors=True)
        else:
            stray.unlink(missing_ok=True)


def _fsync(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def connect_snapshot(path: str | Path) -> duckdb.DuckDBPyConnection:
    """A read-only connection to the warehouse file as it is now, for a long-running reader (the app).

    `duckdb.connect(path)` hands back the database this process already has open under that path,
    so after a swap it would keep serving the old file. Opening the file through a fresh hard link
    (a second name for the file as it is now, removed once open) gives DuckDB a path it has not
    seen. Where no link can be made (a read-only folder), nothing can swap the file either, so a
    plain connection is right.
    """
    path = Path(path)
    if not path.exists():
        raise warehouse.WarehouseError(
            f"warehouse not found: {path} (build it with `python -m cs_lib demo --db {path}`)"
        )
    link = path.with_name(f".{path.name}.reader-{os.getpid()}-{uuid.uuid4().hex}")
    try:
        os.link(path, link)
    except OSError:
        return warehouse.connect_read_only(path)
    try:
        return warehouse.connect_read_only(link)
    finally:
        link.unlink(missing_ok=True)
