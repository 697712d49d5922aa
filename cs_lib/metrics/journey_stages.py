"""Editing the journey stage definitions stored in the warehouse (METRICS.md §10).

The Journey page edits them in a table; `check_stages` says what is wrong in plain words (nothing is
written then), and `save_stages` replaces the definitions all or nothing. A stage that journey
events refer to cannot be removed (its events would silently drop out of the funnel).
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import pandas as pd

from cs_lib.schema import DEPARTMENTS

STAGE_ID = re.compile(r"^[a-z][a-z0-9_]*$")
EDITABLE_COLUMNS = ("stage", "position", "label_en", "label_ja", "goal", "kpi", "next_action", "owner_department",
                    "target_days")


def _blank(value: object) -> bool:
    if value is None or value is pd.NA:
        return True
    return (isinstance(value, float) and math.isnan(value)) or str(value).strip() == ""


def _whole(value: object, minimum: int) -> int | None:
    try:
        number = float(str(value).strip())
    except ValueError:
        return None
    return int(number) if number.is_integer() and number >= minimum else None


def check_stages(stages: pd.DataFrame, stages_in_use: set[str]) -> list[str]:
    """Every problem of the edited definitions (empty when they can be saved)."""
    problems = []
    ids = [str(value).strip() for value in stages["stage"] if not _blank(value)]
    if len(ids) < len(stages):
        problems.append("every stage needs an id")
    problems += [f"stage id {stage!r}: use lowercase letters, digits and _ (e.g. value_realization)"
                 for stage in ids if not STAGE_ID.match(stage)]
    problems += [f"stage id {stage!r} appears twice" for stage in sorted({s for s in ids if ids.count(s) > 1})]
    positions = [_whole(value, 1) for value in stages["position"]]
    if None in positions:
        problems.append("every order must be a whole number from 1")
    elif len(set(positions)) < len(positions):
        problems.append("two stages share an order")
    for stage, days in zip(stages["stage"], stages["target_days"], strict=True):
        if not _blank(days) and _whole(days, 0) is None:
            problems.append(f"{stage}: target days must be empty (no target) or a whole number of days")
    for stage, department in zip(stages["stage"], stages["owner_department"], strict=True):
        if not _blank(department) and str(department).strip() not in DEPARTMENTS:
            problems.append(f"{stage}: owner department must be one of {', '.join(DEPARTMENTS)}")
    removed = sorted(stages_in_use - set(ids))
    if removed:
        problems.append(f"journey events refer to {', '.join(removed)}: these stages cannot be removed")
    if stages.empty:
        problems.append("keep at least one stage")
    return problems


def stages_in_use(con) -> set[str]:
    return {row[0] for row in con.execute("select distinct stage from stg_journey_events").fetchall()}


def save_stages(path: str | Path, stages: pd.DataFrame) -> list[str]:
    """Check the definitions against the warehouse and, when there is no problem, replace them all or
    nothing, through a copy swapped in (cs_lib.warehouse_swap), so the app may be reading meanwhile.
    Returns the problems (the warehouse unchanged when there is one)."""
    from cs_lib.warehouse_swap import writable_copy

    with writable_copy(path) as copy:
        con = copy.connect()
        problems = check_stages(stages, stages_in_use(con))
        if problems:
            return problems  # the copy is thrown away
        rows = [[_cell(row[column], column) for column in EDITABLE_COLUMNS] for row in stages.to_dict("records")]
        con.execute("delete from journey_stages")
        con.executemany("insert into journey_stages values (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        copy.publish()
    return []


def _cell(value: object, column: str) -> object:
    if _blank(value):
        return None
    if column in ("position", "target_days"):
        return _whole(value, 0)
    return str(value).strip()
