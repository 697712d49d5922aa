"""The effect of customer success: treated against untreated accounts (METRICS.md §12).

Reads the groups and their per-account facts from `scoped_impact_groups` and the stacked
before/after rows from `scoped_did_rows` (sql/30_metrics/9x_*.sql), then hands the numbers to
`cs_lib.stats`: Newcombe/z/Fisher and Mantel–Haenszel for logo retention and renewal rate, the group
bootstrap for NRR (plain, and standardised to the treated segment mix), the stacked difference in
differences, and the ROI range from the stratified NRR draws. This is an observational comparison,
never a controlled experiment: the page and the board pack say so.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import duckdb
import numpy as np
import pandas as pd

from cs_lib.filters import Filters
from cs_lib.metrics.kpis import TTM_MONTHS, resolve_as_of
from cs_lib.months import add_months, format_month
from cs_lib.settings import DEFAULTS, Settings
from cs_lib.stats import (
    StratifiedDifference,
    Stratum,
    compare_proportions,
    mantel_haenszel_difference,
    percentile_interval,
    ratio_difference,
)
from cs_lib.stats.did import DiDRow, DifferenceInDifferences, difference_in_differences

TREATMENT_KINDS = ("program", "cs_model", "journey_stage")
OUTCOMES = ("logo_retention", "renewal_rate", "nrr")
TREATED, UNTREATED, LEFT_OUT = "treated", "untreated", "left_out"


class ImpactError(ValueError):
    """A treatment that does not exist (the message lists the valid ones)."""


@dataclass(frozen=True)
class Treatment:
    kind: str  # one of TREATMENT_KINDS
    value: str  # the programme, CS model or journey stage


@dataclass(frozen=True)
class OutcomeComparison:
    """One outcome, treated against untreated: overall and stratified by segment.

    `treated_accounts` / `untreated_accounts` are the accounts the rates rest on (for the renewal
    rate, the distinct accounts of the counted lines: weak evidence is judged by accounts).
    """

    name: str
    treated: float | None
    untreated: float | None
    difference: float | None
    lower: float | None
    upper: float | None
    p_value: float | None
    test: str | None  # "z", "fisher" or "bootstrap"
    stratified: StratifiedDifference
    treated_accounts: int
    untreated_accounts: int
    treated_units: int  # accounts, or lines for the renewal rate
    untreated_units: int


@dataclass(frozen=True)
class RoiRange:
    low: float
    mid: float
    high: float
    attributable_arr: float  # at the stratified NRR difference
    cost: float


@dataclass(frozen=True)
class ImpactResult:
    treatment: Treatment
    start_month: str  # m0
    end_month: str  # m1 (the as-of month)
    treated: int
    untreated: int
    left_out: int
    outcomes: dict[str, OutcomeComparison]
    segment_mix: pd.DataFrame  # segment, treated, untreated (accounts), treated_share, untreated_share
    treated_base_mrr: float
    did: DifferenceInDifferences | None
    roi: RoiRange | None
    #: the kept stratified NRR draws (the ROI range for another cost reuses them)
    nrr_draws: np.ndarray = field(default_factory=lambda: np.empty(0), repr=False, compare=False)


def treatment_options(con: duckdb.DuckDBPyConnection, kind: str) -> list[str]:
    """The values a treatment of this kind can take, in display order."""
    queries = {
        "program": "select distinct program from stg_programs where program is not null order by 1",
        "cs_model": "select distinct cs_model from stg_accounts where cs_model is not null order by 1",
        "journey_stage": "select stage from journey_stages order by position",
    }
    if kind not in queries:
        raise ImpactError(f"unknown treatment kind {kind!r}; use one of {', '.join(TREATMENT_KINDS)}")
    return [row[0] for row in con.execute(queries[kind]).fetchall()]


def option_labels(con: duckdb.DuckDBPyConnection, kind: str, lang: str) -> dict[str, str]:
    """How each option reads: a journey stage by its label in the warehouse, anything else as stored."""
    if kind != "journey_stage":
        return {option: option for option in treatment_options(con, kind)}
    column = "label_ja" if lang == "ja" else "label_en"
    rows = con.execute(f"select stage, coalesce({column}, stage) from journey_stages order by position").fetchall()
    return dict(rows)


def check_treatment(con: duckdb.DuckDBPyConnection, treatment: Treatment) -> Treatment:
    """The treatment with its value spelled as stored; ImpactError listing the valid values if unknown."""
    options = treatment_options(con, treatment.kind)
    matches = [option for option in options if option.lower() == treatment.value.strip().lower()]
    if not matches:
        valid = ", ".join(options) or "none in this warehouse"
        raise ImpactError(f"no {treatment.kind.replace('_', ' ')} named {treatment.value!r}; valid values: {valid}")
    return Treatment(treatment.kind, matches[0])


def treatment_groups(
    con: duckdb.DuckDBPyConnection, treatment: Treatment, as_of_month, filters: Filters
) -> pd.DataFrame:
    """One row per account of A: account_id, segment, treatment_group, started_on, mrr_start, mrr_end."""
    return con.execute(
        "select * from scoped_impact_groups($as_of_month, $kind, $value, $scope) order by account_id",
        filters.sql_parameters() | {"as_of_month": as_of_month, "kind": treatment.kind, "value": treatment.value},
    ).fetchdf()


def renewal_lines(
    con: duckdb.DuckDBPyConnection, treatment: Treatment, as_of_month, filters: Filters, settings: Settings
) -> pd.DataFrame:
    """Counted paid expiring lines (§7, the 12 months ending at m1, outcome known) of the groups'
    accounts: account_id, segment, treatment_group, renewed."""
    return con.execute(
        """
        select lines.account_id, groups.segment, groups.treatment_group, lines.renewed
        from scoped_expiring_lines($period_start, last_day($as_of_month), $grace_days, $scope) as lines
        inner join scoped_impact_groups($as_of_month, $kind, $value, $scope) as groups
            on groups.account_id = lines.account_id
        where lines.is_paid and lines.outcome_known_on <= last_day($as_of_month)
            and groups.treatment_group <> 'left_out'
        order by lines.subscription_id
        """,
        filters.sql_parameters() | {
            "as_of_month": as_of_month, "period_start": add_months(as_of_month, 1 - TTM_MONTHS),
            "grace_days": settings.renewal_grace_days, "kind": treatment.kind, "value": treatment.value,
        },
    ).fetchdf()


def did_rows(con: duckdb.DuckDBPyConnection, programme: str, as_of_month, filters: Filters) -> list[DiDRow]:
    frame = con.execute(
        "select * from scoped_did_rows($as_of_month, $program, $scope) order by stack_month, account_id",
        filters.sql_parameters() | {"as_of_month": as_of_month, "program": programme},
    ).fetchdf()
    return [
        DiDRow(row.account_id, format_month(row.stack_month), row.role, float(row.mrr_before),
               float(row.mrr_stack), float(row.mrr_after))
        for row in frame.itertuples(index=False)
    ]


def measure_impact(
    con: duckdb.DuckDBPyConnection,
    treatment: Treatment,
    as_of: str | None = None,
    filters: Filters = Filters(),
    settings: Settings = DEFAULTS,
    cost: float | None = None,
) -> ImpactResult:
    """§12 for one treatment at the as-of month (m1), over m0 = m1 − 12; `cost` overrides the setting."""
    treatment = check_treatment(con, treatment)
    as_of_month = resolve_as_of(con, as_of, settings)
    groups = treatment_groups(con, treatment, as_of_month, filters)
    compared = groups[groups["treatment_group"] != LEFT_OUT]
    treated, untreated = (compared[compared["treatment_group"] == group] for group in (TREATED, UNTREATED))
    lines = renewal_lines(con, treatment, as_of_month, filters, settings)
    nrr = _nrr_comparison(treated, untreated)
    yearly_cost = settings.cs_cost_per_year if cost is None else cost
    base_mrr = float(treated["mrr_start"].sum())
    did = None
    if treatment.kind == "program":
        did = difference_in_differences(did_rows(con, treatment.value, as_of_month, filters))
    return ImpactResult(
        treatment, format_month(add_months(as_of_month, -TTM_MONTHS)), format_month(as_of_month),
        len(treated), len(untreated), int((groups["treatment_group"] == LEFT_OUT).sum()),
        {
            "logo_retention": _proportion_comparison("logo_retention", compared.assign(
                success=compared["mrr_end"] > 0)),
            "renewal_rate": _proportion_comparison("renewal_rate", lines.assign(success=lines["renewed"])),
            "nrr": nrr[0],
        },
        _segment_mix(compared), base_mrr, did,
        roi_range(nrr[1], nrr[0].stratified.difference, base_mrr, yearly_cost), nrr[1],
    )


def with_cost(result: ImpactResult, cost: float) -> ImpactResult:
    """The same comparison with the ROI range for another yearly cost (no new bootstrap)."""
    roi = roi_range(result.nrr_draws, result.outcomes["nrr"].stratified.difference, result.treated_base_mrr, cost)
    return replace(result, roi=roi)


def _proportion_comparison(name: str, units: pd.DataFrame) -> OutcomeComparison:
    """`units`: one row per account (or line) with segment, treatment_group, success."""
    counts = units.groupby(["segment", "treatment_group"])["success"].agg(["sum", "count"])
    count = {
        group: units[units["treatment_group"] == group] for group in (TREATED, UNTREATED)
    }
    x_t, n_t = int(count[TREATED]["success"].sum()), len(count[TREATED])
    x_u, n_u = int(count[UNTREATED]["success"].sum()), len(count[UNTREATED])
    plain = compare_proportions(x_t, n_t, x_u, n_u)
    strata = []
    for segment in sorted(units["segment"].unique()):
        def cell(group: str, column: str, segment: str = segment) -> int:
            return int(counts[column].get((segment, group), 0))
        strata.append(Stratum(cell(TREATED, "sum"), cell(TREATED, "count"), cell(UNTREATED, "sum"),
                              cell(UNTREATED, "count")))
    return OutcomeComparison(
        name, x_t / n_t if n_t else None, x_u / n_u if n_u else None, plain.difference, plain.lower, plain.upper,
        plain.p_value, plain.test, mantel_haenszel_difference(strata),
        count[TREATED]["account_id"].nunique(), count[UNTREATED]["account_id"].nunique(), n_t, n_u,
    )


def _nrr_comparison(treated: pd.DataFrame, untreated: pd.DataFrame) -> tuple[OutcomeComparison, np.ndarray]:
    """The NRR difference, plain and standardised to the treated segment mix; and the stratified draws."""
    arrays = (treated["mrr_end"], treated["mrr_start"], untreated["mrr_end"], untreated["mrr_start"])
    plain = ratio_difference(*arrays)
    stratified = ratio_difference(*arrays, treated["segment"].to_numpy(), untreated["segment"].to_numpy())
    return OutcomeComparison(
        "nrr", plain.treated, plain.untreated, plain.difference, plain.lower, plain.upper, plain.p_value,
        "bootstrap",
        StratifiedDifference(stratified.difference, stratified.lower, stratified.upper, stratified.p_value,
                             stratified.strata_used, stratified.strata_left_out),
        len(treated), len(untreated), len(treated), len(untreated),
    ), stratified.samples


def roi_range(samples: np.ndarray, difference: float | None, base_mrr: float, cost: float) -> RoiRange | None:
    """ROI = (12 × treated base MRR × NRR difference − cost) / cost: the point value and the 2.5th and
    97.5th percentiles over the stratified NRR draws. None without a cost or a difference."""
    if not cost or cost <= 0 or difference is None or not len(samples):
        return None
    roi_draws = (12.0 * base_mrr * np.asarray(samples) - cost) / cost
    low, high = percentile_interval(roi_draws)
    attributable = 12.0 * base_mrr * difference
    return RoiRange(low, (attributable - cost) / cost, high, attributable, cost)


def _segment_mix(compared: pd.DataFrame) -> pd.DataFrame:
    mix = compared.pivot_table(index="segment", columns="treatment_group", values="account_id", aggfunc="count",
                               fill_value=0).reindex(columns=[TREATED, UNTREATED], fill_value=0)
    mix = mix.reset_index()
    for group in (TREATED, UNTREATED):
        total = mix[group].sum()
        mix[f"{group}_share"] = mix[group] / total if total else np.nan
    return mix[["segment", TREATED, UNTREATED, f"{TREATED}_share", f"{UNTREATED}_share"]]


def impact_json(result: ImpactResult) -> dict[str, object]:
    """The `impact --format json` object (the issue's exact shape; rates as fractions, undefined null)."""
    body: dict[str, object] = {"treated": result.treated, "untreated": result.untreated, "left_out": result.left_out}
    for name in OUTCOMES:
        outcome = result.outcomes[name]
        body[name] = {
            "treated": outcome.treated, "untreated": outcome.untreated, "difference": outcome.difference,
            "lower": outcome.lower, "upper": outcome.upper, "p": outcome.p_value,
            "stratified": {
                "difference": outcome.stratified.difference, "lower": outcome.stratified.lower,
                "upper": outcome.stratified.upper, "p": outcome.stratified.p_value,
            },
        }
    did = result.did
    body["did"] = None if did is None or did.difference is None else {
        "difference": did.difference, "lower": did.lower, "upper": did.upper}
    roi = result.roi
    body["roi"] = None if roi is None else {"low": roi.low, "mid": roi.mid, "high": roi.high}
    return body
