"""Frozen board-pack snapshots: the figures a pack showed (as-of month, filters, values), so that the next
pack can say what changed since the last board and list any figure a later import restated.

Stored in the warehouse table `board_pack_snapshots` (one row per figure), written like an import or a
settings edit: into a copy of the warehouse that is then swapped in (cs_lib.warehouse_swap), so a pack
generated while the app reads the warehouse (its download button) needs nobody to let go of the file.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from cs_lib.warehouse_swap import writable_copy

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


def latest_snapshot(con: duckdb.DuckDBPyConnection, scope: str) -> Snapshot | None:
    """The most recent pack generated with these filters."""
    candidates = [snapshot for snapshot in _stored(con) if snapshot.scope == scope]
    return max(candidates, key=lambda snapshot: snapshot.generated_at, default=None)


def store_snapshot(db_path: str | Path, snapshot: Snapshot) -> None:
    """Add the snapshot to the warehouse through its copy-and-swap (the app may be reading it)."""
    with writable_copy(db_path) as copy:
        con = copy.connect()
        con.execute(TABLE_DDL)
        con.executemany("insert into board_pack_snapshots values (?, ?, ?, ?, ?, ?, ?)", snapshot.rows())
        copy.publish()


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

