"""Frozen board-pack snapshots: the figures a pack showed (as-of month, filters, values), so that the next
pack can say what changed since the last board and list any figure a later import restated.

Stored in the warehouse table `board_pack_snapshots` (one row per figure). The app reads the warehouse
read-only and may not write it while it is open, so a pack generated from the app is kept in a sidecar
file next to the warehouse (`<warehouse>.board-snapshots.jsonl`) and folded into the table by the next
write through the command line (`board-pack`); readers see both, so nothing waits for the app to
release the file.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from cs_lib import warehouse

TABLE_DDL = """
create table if not exists board_pack_snapshots (
    snapshot_id varchar not null, generated_at timestamp not null, as_of varchar not null,
    scope varchar not null, lang varchar not null, kpi varchar not null, value double
)
"""


@dataclass(frozen=True)
class Snapshot:
    snapshot_id: str
    generated_at: str  # ISO time, UTC
    as_of: str
    scope: str  # the filters as canonical JSON
    lang: str
    values: dict[str, float | None]

    def rows(self) -> list[tuple]:
        return [(self.snapshot_id, self.generated_at, self.as_of, self.scope, self.lang, kpi, value)
                for kpi, value in self.values.items()]


def new_snapshot(as_of: str, scope: str, lang: str, values: dict[str, float | None]) -> Snapshot:
    now = datetime.now(UTC)
    return Snapshot(now.strftime("%Y%m%dT%H%M%S%fZ"), now.strftime("%Y-%m-%d %H:%M:%S.%f"), as_of, scope, lang,
                    dict(values))


def sidecar_path(db_path: str | Path) -> Path:
    return Path(f"{db_path}.board-snapshots.jsonl")


def latest_snapshot(con: duckdb.DuckDBPyConnection, db_path: str | Path, scope: str) -> Snapshot | None:
    """The most recent pack generated with these filters (warehouse table and sidecar together)."""
    candidates = [snapshot for snapshot in _stored(con) + _pending(db_path) if snapshot.scope == scope]
    return max(candidates, key=lambda snapshot: snapshot.generated_at, default=None)


def store_snapshot(db_path: str | Path, snapshot: Snapshot) -> str:
    """Write the snapshot into the warehouse, folding in the pending sidecar ones; when the warehouse is
    open elsewhere (the app), append it to the sidecar instead. Returns "warehouse" or "sidecar"."""
    try:
        con = warehouse.connect_writer(db_path)
    except (warehouse.WarehouseError, duckdb.Error):
        with sidecar_path(db_path).open("a", encoding="utf-8") as sidecar:
            sidecar.write(json.dumps(snapshot.__dict__, ensure_ascii=False) + "\n")
        return "sidecar"
    try:
        con.execute(TABLE_DDL)
        pending = _pending(db_path)
        rows = [row for item in [*pending, snapshot] for row in item.rows()]
        con.executemany("insert into board_pack_snapshots values (?, ?, ?, ?, ?, ?, ?)", rows)
    finally:
        con.close()
    sidecar_path(db_path).unlink(missing_ok=True)
    return "warehouse"


def _stored(con: duckdb.DuckDBPyConnection) -> list[Snapshot]:
    try:
        rows = con.execute(
            "select snapshot_id, strftime(generated_at, '%Y-%m-%d %H:%M:%S.%f'), as_of, scope, lang, kpi, value "
            "from board_pack_snapshots order by snapshot_id, kpi"
        ).fetchall()
    except duckdb.CatalogException:
        return []
    snapshots: dict[str, Snapshot] = {}
    for snapshot_id, generated_at, as_of, scope, lang, kpi, value in rows:
        snapshot = snapshots.setdefault(snapshot_id, Snapshot(snapshot_id, generated_at, as_of, scope, lang, {}))
        snapshot.values[kpi] = value
    return list(snapshots.values())


def _pending(db_path: str | Path) -> list[Snapshot]:
    path = sidecar_path(db_path)
    if not path.exists():
        return []
    return [Snapshot(**json.loads(line)) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
