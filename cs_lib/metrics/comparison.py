"""Is a KPI's change since the comparison period real? (METRICS.md §13)

Every rate on a card is a ratio of per-account sums (NRR = Σ MRR now ÷ Σ MRR
then over the accounts active a year before, logo churn = Σ churned ÷ Σ
active last month, …). This module reads those per-account parts for the
as-of month and the comparison month from the same SQL macros the KPIs come
from, aligns them over the union of the two periods' accounts (sorted by
account_id) and hands them to the paired bootstrap of `cs_lib.stats`.
Amounts (ARR, ARPA, LTV, …) get no test: their change is shown as it is.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import duckdb
import numpy as np

from cs_lib.filters import Filters
from cs_lib.metrics.catalogue import kpi
from cs_lib.metrics.kpis import TTM_MONTHS, resolve_as_of
from cs_lib.months import add_months
from cs_lib.stats import paired_ratio_changes

# Per-account numerator and denominator of each testable KPI, as SQL over the parts below.
# TTM parts: one row per account of A (active at m0) with mrr_start, mrr_end, cross_sold (§4).
_TTM_PARTS = {
    "grr_ttm": ("least(mrr_end, mrr_start)", "mrr_start"),
    "nrr_ttm": ("mrr_end", "mrr_start"),
    "logo_retention_ttm": ("(mrr_end > 0)::int", "1"),
    "upsell_rate_ttm": ("(mrr_end > mrr_start)::int", "1"),
    "expansion_rate_ttm": ("greatest(mrr_end - mrr_start, 0)", "mrr_start"),
    "cross_sell_rate_ttm": ("cross_sold::int", "1"),
}
# Monthly parts: one row per account active in m-1 with mrr_before (m-1) and mrr_now (m) (§3).
_MONTH_PARTS = {
    "logo_churn_rate_month": ("(mrr_now = 0)::int", "1"),
    "gross_mrr_churn_rate_month": ("greatest(mrr_before - mrr_now, 0)", "mrr_before"),
    "grr_month": ("least(mrr_now, mrr_before)", "mrr_before"),
    "nrr_month": ("mrr_now", "mrr_before"),
}


@dataclass(frozen=True)
class KpiChange:
    """A KPI at the as-of month against the comparison month, with the verdict of §13."""

    name: str
    accounts_now: int  # accounts the value rests on
    accounts_before: int
    difference: float | None
    lower: float | None  # 95 % paired-bootstrap interval of the difference (None: untested)
    upper: float | None
    verdict: str  # "improvement", "decline", "within_noise", "too_few", "undefined" or "untested"


def compare_kpis(
    con: duckdb.DuckDBPyConnection,
    names: tuple[str, ...],
    as_of: str,
    lag_months: int,
    filters: Filters = Filters(),
) -> dict[str, KpiChange]:
    """The paired-bootstrap verdict for each testable KPI in `names` (others are left out).

    The TTM rates and the monthly rates rest on different accounts, so they are two bootstraps;
    they run side by side (DuckDB and numpy's generator release the GIL), each on its own cursor.
    """
    now = resolve_as_of(con, as_of)
    before = add_months(now, -lag_months)
    families = [
        (family, chosen)
        for family in (_TTM_PARTS, _MONTH_PARTS)
        if (chosen := [name for name in names if name in family])
    ]

    def compare_family(family: dict, chosen: list[str]) -> dict[str, KpiChange]:
        cursor = con.cursor()
        try:
            return _changes(chosen, _account_parts(cursor, family, chosen, now, before, filters))
        finally:
            cursor.close()

    with ThreadPoolExecutor(max_workers=max(len(families), 1)) as pool:
        results = list(pool.map(lambda job: compare_family(*job), families))
    return {name: change for result in results for name, change in result.items()}


def _account_parts(con, family: dict, names: list[str], now, before, filters: Filters) -> dict[str, np.ndarray]:
    """Each KPI's numerator and denominator per account, in both periods, aligned in SQL.

    One row per account of the union of both periods, sorted by account_id (§13); an account
    absent from a period has 0 parts there and `in_<period>` false. Returned as numpy columns:
    `account_id`, `in_now`, `in_before`, and `<part>_<period>_<kpi>` for part in numerator /
    denominator and period in now / before.
    """
    parts = ", ".join(
        f"cast({numerator} as double) as numerator_{name}, cast({denominator} as double) as denominator_{name}"
        for name in names
        for numerator, denominator in [family[name]]
    )
    aligned = ", ".join(
        f"coalesce(sum({part}_{name}) filter (where period = '{period}'), 0) as {part}_{period}_{name}"
        for name in names
        for period in ("now", "before")
        for part in ("numerator", "denominator")
    )
    parameters = filters.sql_parameters() | {"now": now, "before": before}
    if family is _TTM_PARTS:
        per_period = f"""
            select account_id, case when end_month = $now then 'now' else 'before' end as period, {parts}
            from scoped_retention_pairs($now, $before, $window, $scope)
            where end_month in ($now, $before)
        """
        parameters["window"] = TTM_MONTHS
    else:
        per_period = f"""
            with account_months as (
                select account_id, month, mrr from scoped_account_month_mrr($now, $scope)
                where month in ($now, $before, add_months($now, -1), add_months($before, -1))
            ),
            parts as (
                select
                    earlier.account_id,
                    case when earlier.month = add_months($now, -1) then 'now' else 'before' end as period,
                    earlier.mrr as mrr_before,
                    coalesce(later.mrr, 0) as mrr_now
                from account_months as earlier
                left join account_months as later
                    on later.account_id = earlier.account_id and later.month = add_months(earlier.month, 1)
                where earlier.month in (add_months($now, -1), add_months($before, -1))
            )
            select account_id, period, {parts} from parts
        """
    sql = f"""
        with per_period as ({per_period})
        select
            account_id,
            bool_or(period = 'now') as in_now,
            bool_or(period = 'before') as in_before,
            {aligned}
        from per_period
        group by account_id
        order by account_id
    """
    return con.execute(sql, parameters).fetchnumpy()


def _changes(names: list[str], parts: dict[str, np.ndarray]) -> dict[str, KpiChange]:
    counts = {period: int(np.asarray(parts[f"in_{period}"], dtype=bool).sum()) for period in ("now", "before")}

    def matrix(part: str, period: str) -> np.ndarray:
        columns = [np.asarray(parts[f"{part}_{period}_{name}"], dtype=float) for name in names]
        return np.column_stack(columns) if columns[0].size else np.zeros((0, len(names)))

    results = paired_ratio_changes(
        matrix("numerator", "now"), matrix("denominator", "now"),
        matrix("numerator", "before"), matrix("denominator", "before"),
        accounts_now=[counts["now"]] * len(names), accounts_before=[counts["before"]] * len(names),
    )
    return {
        name: KpiChange(
            name=name,
            accounts_now=counts["now"],
            accounts_before=counts["before"],
            difference=result.difference,
            lower=result.lower,
            upper=result.upper,
            verdict=result.verdict(lower_is_better=kpi(name).lower_is_better),
        )
        for name, result in zip(names, results, strict=True)
    }
