"""Maturity and culture (METRICS.md §11): departments, business units, the company, culture,
maturity against retention, and the evidence beside the self-assessment.

Every figure comes from the macros of `sql/30_metrics/9x_*.sql`; this module binds the
as-of month and the filters, adds the settings' "high spread" mark and fits the line of
maturity against retention (`cs_lib.stats.regression`). `con` may be a connection or a cursor.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import duckdb
import numpy as np
import pandas as pd

from cs_lib.filters import Filters
from cs_lib.metrics.kpis import resolve_as_of
from cs_lib.schema import DEPARTMENTS
from cs_lib.settings import DEFAULTS, Settings
from cs_lib.stats import WEAK_EVIDENCE_ACCOUNTS
from cs_lib.stats.regression import LineFit, least_squares_line

LEVELS = (1, 2, 3, 4)
LEVEL_NAMES = {1: "reactive", 2: "informed", 3: "proactive", 4: "predictive"}
# The published benchmark: about +18 retention points from level 1 to level 4.
REFERENCE_POINTS_PER_LEVEL = 6.0
MIN_UNITS_FOR_EVIDENCE = 5
CULTURE_GRAINS = ("item", "item_unit", "item_unit_department", "unit", "unit_department")
CLI_COLUMNS = ("business_unit", "department", "level", "spread", "respondents", "assessed_on")


def assessment_scope(filters: Filters) -> Filters:
    """The part of the filters that selects assessments and survey answers: the business unit only
    (they describe units, not accounts). Pages pass this to the functions that read only them, so a
    change of any other filter reuses their cached answers."""
    return Filters(business_unit=filters.business_unit)


def _frame(con: duckdb.DuckDBPyConnection, sql: str, as_of_month: date, filters: Filters) -> pd.DataFrame:
    """The macro's rows; its date columns as ISO text (`YYYY-MM-DD`, what tables and the CLI show)."""
    frame = con.execute(sql, filters.sql_parameters() | {"as_of_month": as_of_month}).fetchdf()
    for column in frame.columns:
        if column.endswith("assessed_on"):
            frame[column] = pd.to_datetime(frame[column]).dt.strftime("%Y-%m-%d")
    return frame


def department_levels(
    con: duckdb.DuckDBPyConnection, as_of: str | None = None, filters: Filters = Filters(),
    settings: Settings = DEFAULTS,
) -> pd.DataFrame:
    """One row per business unit and department: level, spread, respondents, assessed_on (the latest
    round), the previous round's level and the change, and `high_spread` (spread ≥ the setting)."""
    as_of_month = resolve_as_of(con, as_of, settings)
    frame = _frame(
        con,
        "select * from maturity_department_rounds($as_of_month, $scope) order by business_unit, department",
        as_of_month, filters,
    )
    frame["high_spread"] = frame["spread"].ge(settings.maturity_high_spread).fillna(False).astype(bool)
    return frame


def business_unit_maturity(
    con: duckdb.DuckDBPyConnection, as_of: str | None = None, filters: Filters = Filters(),
    settings: Settings = DEFAULTS,
) -> pd.DataFrame:
    """One row per business unit with an assessment or ARR in scope: maturity (NaN when not assessed),
    departments assessed, the change since the previous round, ARR and active accounts."""
    as_of_month = resolve_as_of(con, as_of, settings)
    return _frame(
        con,
        "select * from maturity_business_units($as_of_month, $scope) order by maturity desc nulls last, "
        "business_unit",
        as_of_month, filters,
    )


@dataclass(frozen=True)
class CompanyMaturity:
    maturity: float | None  # ARR-weighted; None when no assessed unit has ARR
    covered_arr: float
    total_arr: float
    covered_share: float | None  # covered / total ARR; None without ARR
    assessed_units: int


def company_maturity(
    con: duckdb.DuckDBPyConnection, as_of: str | None = None, filters: Filters = Filters(),
    settings: Settings = DEFAULTS,
) -> CompanyMaturity:
    as_of_month = resolve_as_of(con, as_of, settings)
    row = _frame(con, "select * from maturity_company($as_of_month, $scope)", as_of_month, filters).iloc[0]
    return CompanyMaturity(
        maturity=_number(row["maturity"]), covered_arr=float(row["covered_arr"]), total_arr=float(row["total_arr"]),
        covered_share=_number(row["covered_share"]), assessed_units=int(row["assessed_units"]),
    )


def culture_scores(
    con: duckdb.DuckDBPyConnection, grain: str, as_of: str | None = None, filters: Filters = Filters(),
    settings: Settings = DEFAULTS,
) -> pd.DataFrame:
    """Mean score and share favourable at one grain (CULTURE_GRAINS), the weakest first."""
    if grain not in CULTURE_GRAINS:
        raise ValueError(f"unknown culture grain {grain!r}; use one of {', '.join(CULTURE_GRAINS)}")
    as_of_month = resolve_as_of(con, as_of, settings)
    frame = con.execute(
        "select item, business_unit, department, mean_score, favourable, answers, respondents "
        "from culture_scores($as_of_month, $scope) where grain = $grain "
        "order by mean_score, favourable, item, business_unit, department",
        filters.sql_parameters() | {"as_of_month": as_of_month, "grain": grain},
    ).fetchdf()
    keep = {"item": ["item"], "unit": ["business_unit"], "unit_department": ["business_unit", "department"]}.get(
        grain, ["item", "business_unit"] + (["department"] if grain == "item_unit_department" else [])
    )
    return frame[[*keep, "mean_score", "favourable", "answers", "respondents"]].reset_index(drop=True)


def department_overview(
    con: duckdb.DuckDBPyConnection, as_of: str | None = None, filters: Filters = Filters(),
    settings: Settings = DEFAULTS,
) -> pd.DataFrame:
    """The cross-functional view: per department (contract order), the unweighted mean of its level over
    the business units that assessed it, how many units, and the latest assessment date."""
    levels = department_levels(con, as_of, filters, settings)
    overview = levels.groupby("department").agg(
        level=("level", "mean"), units=("business_unit", "nunique"), assessed_on=("assessed_on", "max")
    )
    return overview.reindex(list(DEPARTMENTS)).rename_axis("department").reset_index()


def maturity_table(con: duckdb.DuckDBPyConnection, as_of: str | None = None) -> pd.DataFrame:
    """What `python -m cs_lib maturity` prints: one row per unit and department (§11's latest round)."""
    return department_levels(con, as_of)[list(CLI_COLUMNS)]


def _number(value: object) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


# --- maturity against retention, and the evidence beside the self-assessment ---------------


@dataclass(frozen=True)
class RetentionFit:
    """One retention measure (GRR or NRR, in points) regressed on business-unit maturity."""

    measure: str  # "grr_ttm" or "nrr_ttm"
    fit: LineFit

    def reference_line(self, levels: np.ndarray) -> np.ndarray | None:
        """The published +6 points per level, drawn through the mean point of the units."""
        if self.fit.x_mean is None:
            return None
        return self.fit.y_mean + REFERENCE_POINTS_PER_LEVEL * (np.asarray(levels, dtype=float) - self.fit.x_mean)


@dataclass(frozen=True)
class MaturityVsRetention:
    units: pd.DataFrame  # business_unit, maturity, arr, retention_accounts, grr_points, nrr_points
    grr: RetentionFit
    nrr: RetentionFit
    thin_evidence: bool  # fewer than 5 units, or any unit on fewer than 30 accounts
    weak_units: tuple[str, ...]  # units resting on fewer than 30 accounts


def business_unit_evidence(
    con: duckdb.DuckDBPyConnection, as_of: str | None = None, filters: Filters = Filters(),
    settings: Settings = DEFAULTS,
) -> pd.DataFrame:
    """Per business unit with active accounts: the self-assessed maturity beside GRR/NRR (TTM) and the
    data signals (journey coverage, touchpoint coverage in 90 days, tech-touch share)."""
    as_of_month = resolve_as_of(con, as_of, settings)
    frame = _frame(
        con,
        "select * from business_unit_evidence($as_of_month, $scope) order by maturity desc nulls last, business_unit",
        as_of_month, filters,
    )
    # Weak evidence (under 30 accounts) for either the signals (active accounts) or the TTM retention (A).
    frame["weak_evidence"] = (frame[["active_accounts", "retention_accounts"]].min(axis=1)
                              < WEAK_EVIDENCE_ACCOUNTS).astype(bool)
    return frame


def maturity_vs_retention(
    con: duckdb.DuckDBPyConnection, as_of: str | None = None, filters: Filters = Filters(),
    settings: Settings = DEFAULTS,
) -> MaturityVsRetention:
    """OLS of business-unit GRR and NRR (TTM, in points) on maturity, over units with both defined."""
    return fit_maturity_vs_retention(business_unit_evidence(con, as_of, filters, settings))


def fit_maturity_vs_retention(evidence: pd.DataFrame) -> MaturityVsRetention:
    """The same from `business_unit_evidence`'s frame (a page that has it already fits without a query)."""
    usable = evidence.dropna(subset=["maturity", "grr_ttm", "nrr_ttm"]).copy()
    usable["grr_points"] = usable["grr_ttm"] * 100
    usable["nrr_points"] = usable["nrr_ttm"] * 100
    units = usable[["business_unit", "maturity", "arr", "retention_accounts", "grr_points", "nrr_points"]]
    weak = tuple(units.loc[units["retention_accounts"] < WEAK_EVIDENCE_ACCOUNTS, "business_unit"])
    return MaturityVsRetention(
        units=units.reset_index(drop=True),
        grr=RetentionFit("grr_ttm", least_squares_line(units["maturity"], units["grr_points"])),
        nrr=RetentionFit("nrr_ttm", least_squares_line(units["maturity"], units["nrr_points"])),
        thin_evidence=len(units) < MIN_UNITS_FOR_EVIDENCE or bool(weak),
        weak_units=weak,
    )
