"""Helpers of the import tests: what a warehouse holds, to tell 'unchanged' from 'changed'."""

from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb


def table_checksums(db: Path, prefix: str = "") -> dict[str, tuple]:
    """Row count and a content hash of every table (whose name starts with `prefix`), in any row order."""
    with duckdb.connect(str(db), read_only=True) as con:
        tables = [name for (name,) in con.execute(
            "select table_name from duckdb_tables() where not temporary order by 1").fetchall()]
        return {
            name: con.execute(
                "select count(*), md5(coalesce(string_agg(cast(r as varchar), '|' "
                f"order by cast(r as varchar)), '')) from {name} r"
            ).fetchone()
            for name in tables if name.startswith(prefix)
        }


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
