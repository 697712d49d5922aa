"""Settings backed by the warehouse's `settings` table, with defaults.

Constants that a company may change (gross margin, grace days, the as-of
month) live here, never as literals in queries.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace

import duckdb


@dataclass(frozen=True)
class Settings:
    as_of_month: str = ""  # YYYY-MM; empty = the month of the latest date in the data
    gross_margin: float = 0.80  # METRICS.md §5
    renewal_grace_days: int = 30  # METRICS.md §7
    currency: str = "JPY"
    comparison_lag_months: int = 3  # KPI cards compare with this many months earlier


DEFAULTS = Settings()


def load_settings(con: duckdb.DuckDBPyConnection) -> Settings:
    """Defaults overridden by the warehouse's stored values (unknown keys are ignored)."""
    try:
        stored = dict(con.execute("select key, value from settings").fetchall())
    except duckdb.CatalogException:
        return DEFAULTS
    values = {}
    for field in fields(Settings):
        if field.name in stored:
            values[field.name] = type(getattr(DEFAULTS, field.name))(stored[field.name])
    return replace(DEFAULTS, **values)


def save_setting(con: duckdb.DuckDBPyConnection, key: str, value: object) -> None:
    if key not in {f.name for f in fields(Settings)}:
        raise KeyError(f"unknown setting {key!r}")
    con.execute(
        "insert into settings values (?, ?) on conflict (key) do update set value = excluded.value",
        [key, str(value)],
    )
