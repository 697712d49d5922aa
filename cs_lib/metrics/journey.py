"""The customer journey (METRICS.md §10): stage definitions, funnel, time in stage, stuck accounts.

Events come from `sql/30_metrics/94_scoped_journey_events.sql` (dated on or before D, in scope);
the arithmetic on them is small (one row per event) and done here.
"""

from __future__ import annotations

from datetime import date

import duckdb
import numpy as np
import pandas as pd

from cs_lib.filters import Filters
from cs_lib.metrics.kpis import resolve_as_of
from cs_lib.metrics.risk import last_day
from cs_lib.settings import DEFAULTS, Settings

STAGE_COLUMNS = ("stage", "position", "label_en", "label_ja", "goal", "kpi", "next_action", "owner_department",
                 "target_days")
JOURNEY_COLUMNS = ("stage", "reached", "conversion", "median_days", "p80_days", "stuck")


def stages(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The stage definitions stored in the warehouse, in order."""
    return con.execute(f"select {', '.join(STAGE_COLUMNS)} from journey_stages order by position").fetchdf()


def journey_events(con: duckdb.DuckDBPyConnection, as_of_month: date, filters: Filters) -> pd.DataFrame:
    frame = con.execute(
        "select * from scoped_journey_events($as_of_month, $scope)",
        filters.sql_parameters() | {"as_of_month": as_of_month},
    ).fetchdf()
    frame["entered_on"] = pd.to_datetime(frame["entered_on"])  # datetime64: fast group minima
    return frame


def current_stages(events: pd.DataFrame, as_of_day: date) -> pd.DataFrame:
    """Per account: its current stage (the latest event; on one day, the later stage), the day it
    entered it (re-entering restarts the clock) and its days in the stage to D."""
    latest = events.sort_values(["account_id", "entered_on", "position"]).groupby("account_id").tail(1)
    latest = latest.assign(days_in_stage=(pd.Timestamp(as_of_day) - latest["entered_on"]).dt.days)
    return latest.reset_index(drop=True)


def time_in_stage(events: pd.DataFrame, position: int) -> np.ndarray:
    """Days from each account's first entry into the stage to its first entry into a later stage on or
    after that day; accounts that have not left the stage are left out."""
    first_entry = events[events["position"] == position].groupby("account_id")["entered_on"].min()
    later = events[events["position"] > position].merge(first_entry.rename("first_entry"), on="account_id")
    later = later[later["entered_on"] >= later["first_entry"]]
    exits = later.groupby("account_id").agg(first_entry=("first_entry", "first"), left_on=("entered_on", "min"))
    return (exits["left_on"] - exits["first_entry"]).dt.days.to_numpy(dtype="float64")


def journey_summary(
    con: duckdb.DuckDBPyConnection, as_of: str | None = None, filters: Filters = Filters(),
    settings: Settings = DEFAULTS,
) -> pd.DataFrame:
    """One row per stage: reached (furthest stage k or later), conversion from the stage before,
    median and 80th percentile of days in stage (linear interpolation; undefined for the last stage),
    accounts that left the stage (`left`), and stuck accounts."""
    as_of_month = resolve_as_of(con, as_of, settings)
    definitions = stages(con)
    events = journey_events(con, as_of_month, filters)
    furthest = events.groupby("account_id")["position"].max()
    stuck = stuck_accounts(events, definitions, last_day(as_of_month))
    rows, previous_reached = [], None
    last_position = definitions["position"].max()
    for stage in definitions.itertuples():
        reached = int((furthest >= stage.position).sum())
        days = time_in_stage(events, stage.position) if stage.position < last_position else np.array([])
        rows.append({
            "stage": stage.stage,
            "reached": reached,
            "conversion": reached / previous_reached if previous_reached else None,
            "median_days": float(np.percentile(days, 50)) if len(days) else None,
            "p80_days": float(np.percentile(days, 80)) if len(days) else None,
            "left": len(days),
            "stuck": int((stuck["stage"] == stage.stage).sum()),
        })
        previous_reached = reached
    return pd.DataFrame(rows, columns=[*JOURNEY_COLUMNS[:5], "left", "stuck"])


def stuck_accounts(events: pd.DataFrame, definitions: pd.DataFrame, as_of_day: date) -> pd.DataFrame:
    """Active accounts whose days in their current stage exceed its target days, strictly (a stage
    without target days holds nobody stuck), longest first."""
    current = current_stages(events, as_of_day)
    targets = current["target_days"].astype("float64")
    stuck = current[current["is_active"] & targets.notna() & (current["days_in_stage"] > targets)]
    return stuck.sort_values(["days_in_stage", "account_id"], ascending=[False, True])[
        ["account_id", "account_name", "stage", "entered_on", "days_in_stage", "target_days", "owner_department", "csm"]
    ].reset_index(drop=True).assign(entered_on=lambda frame: frame["entered_on"].dt.date)


def stuck_list(
    con: duckdb.DuckDBPyConnection, as_of: str | None = None, filters: Filters = Filters(),
    settings: Settings = DEFAULTS,
) -> pd.DataFrame:
    as_of_month = resolve_as_of(con, as_of, settings)
    return stuck_accounts(journey_events(con, as_of_month, filters), stages(con), last_day(as_of_month))
