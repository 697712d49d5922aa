"""Cohort retention tables (METRICS.md §6), long form: cohort, age, value, size."""

from __future__ import annotations

from typing import Literal

import duckdb
import pandas as pd

from cs_lib.filters import Filters
from cs_lib.metrics.kpis import resolve_as_of
from cs_lib.months import format_month

CohortKind = Literal["logo", "revenue"]
_VALUE_COLUMN = {"logo": "logo_retention", "revenue": "revenue_retention"}


def cohort_retention(
    con: duckdb.DuckDBPyConnection,
    kind: CohortKind,
    as_of: str | None = None,
    filters: Filters = Filters(),
) -> pd.DataFrame:
    """One row per cohort and age up to the as-of month (later ages are absent, not 0)."""
    if kind not in _VALUE_COLUMN:
        raise ValueError(f"cohort kind must be 'logo' or 'revenue', got {kind!r}")
    frame = con.execute(
        f"""
        select cohort, age, {_VALUE_COLUMN[kind]} as value, size
        from scoped_cohort_retention($as_of_month, $scope)
        order by cohort, age
        """,
        filters.sql_parameters() | {"as_of_month": resolve_as_of(con, as_of)},
    ).fetchdf()
    frame["cohort"] = frame["cohort"].map(format_month)
    return frame
