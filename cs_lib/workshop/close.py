"""Closing a workshop: no more answers, then its answers become maturity assessments.

One assessment per participant (`WS-<code>-<participant number>`), one row per department
scored, dated on the day the workshop closes, so they form one round (METRICS.md §11). They
reach the warehouse through the importer's public path for rows (`cs_lib.ingest.load.load_frames`),
with its checks and its all-or-nothing copy-and-swap, exactly as if a company had imported the
file, and while the app keeps reading.
Recording is idempotent (the importer upserts by assessment id and department), so a
recording that failed can simply be tried again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd

from cs_lib.ingest.load import load_frames
from cs_lib.workshop.store import Workshop, WorkshopError, WorkshopStore

ASSESSMENT_COLUMNS = ("assessment_id", "assessed_on", "business_unit", "department", "respondent", "level")


@dataclass(frozen=True)
class ClosedWorkshop:
    workshop: Workshop
    assessments: int  # participants recorded
    rows: int  # assessment rows (participants × departments)


def assessment_rows(store: WorkshopStore, workshop: Workshop) -> pd.DataFrame:
    """The workshop's answers as maturity_assessments rows (the data contract's columns)."""
    if workshop.closed_on is None:
        raise WorkshopError("close the workshop before recording it")
    answers = store.latest_answers(workshop.code)
    return pd.DataFrame({
        "assessment_id": [f"WS-{workshop.code}-{number:03d}" for number in answers["participant"]],
        "assessed_on": workshop.closed_on.isoformat(),
        "business_unit": workshop.business_unit,
        "department": answers["department"],
        "respondent": answers["respondent"],
        "level": answers["level"].astype(int),
    }, columns=list(ASSESSMENT_COLUMNS))  # fmt: skip


def close_workshop(
    store: WorkshopStore, code: str, warehouse_path: str | Path, today: date | None = None
) -> ClosedWorkshop:
    """Close the workshop (if still open) and record its answers in the warehouse.

    Raises WorkshopError when the importer refuses the rows, and the importer's
    WarehouseError when the warehouse is in use; the workshop then stays closed but
    unrecorded, and calling this again records it.
    """
    workshop = store.workshop(code)
    if workshop is None:
        raise WorkshopError("no workshop has this join code")
    store.mark_closed(workshop.code, today or date.today())
    workshop = store.workshop(workshop.code)
    rows = assessment_rows(store, workshop)
    if not rows.empty:
        _import(rows, warehouse_path)
    store.mark_recorded(workshop.code)
    return ClosedWorkshop(store.workshop(workshop.code), int(rows["assessment_id"].nunique()), len(rows))


def _import(rows: pd.DataFrame, warehouse_path: str | Path) -> None:
    report = load_frames(warehouse_path, {"maturity_assessments": rows})
    if not report.ok:
        problems = "; ".join(str(problem) for problem in report.errors[:5])
        raise WorkshopError(f"the warehouse refused the workshop's assessments: {problems}")
