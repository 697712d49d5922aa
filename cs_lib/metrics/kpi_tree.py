"""The KPI tree: the KGI (NRR) and the KPIs that drive it, each with its value, target, trend and whether
its change since the comparison month is real (METRICS.md §4, §3, §7, §13).

    NRR (12 months)
    ├── GRR (12 months)
    │   ├── logo churn rate (month)
    │   └── contraction rate (12 months; MRR lost by accounts still active, the Growth page's definition)
    ├── expansion rate (12 months)
    │   ├── upsell rate
    │   └── cross-sell rate
    └── renewal rate (12 months)
        └── healthy share (§8: scored accounts in the healthy band; once the health engine is installed)

Values, trends and targets come from the same engine calls as the Overview's cards (`kpi_series`,
`compare_kpis`, the `target.<kpi>` settings), so the tree and the cards agree. The contraction rate and
the healthy share are not §14 KPIs: their series come from the Growth and health engines and their
changes get the same paired bootstrap over accounts (§13). The healthy-share node appears only when the
health engine (`cs_lib.metrics.health`) is installed: see `OPTIONAL_NODES`.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass

import duckdb
import numpy as np
import pandas as pd

from cs_lib.filters import Filters
from cs_lib.metrics import growth, segments
from cs_lib.metrics.comparison import KpiChange, compare_kpis
from cs_lib.metrics.kpis import TTM_MONTHS, kpi_series, month_range, resolve_as_of
from cs_lib.months import add_months, format_month, parse_month
from cs_lib.settings import DEFAULTS, Settings
from cs_lib.stats import paired_ratio_change

CONTRACTION = "contraction_rate_ttm"
#: (node, parent) in drawing order; the root has no parent.
TREE: tuple[tuple[str, str | None], ...] = (
    ("nrr_ttm", None),
    ("grr_ttm", "nrr_ttm"),
    ("logo_churn_rate_month", "grr_ttm"),
    (CONTRACTION, "grr_ttm"),
    ("expansion_rate_ttm", "nrr_ttm"),
    ("upsell_rate_ttm", "expansion_rate_ttm"),
    ("cross_sell_rate_ttm", "expansion_rate_ttm"),
    ("renewal_rate_ttm", "nrr_ttm"),
)
#: Nodes whose engine may not be installed: (module, node, parent).
HEALTHY_SHARE = "healthy_share"
OPTIONAL_NODES: tuple[tuple[str, str, str], ...] = (("cs_lib.metrics.health", HEALTHY_SHARE, "renewal_rate_ttm"),)
#: Rates outside §14, lower is better (their cards colour a real fall green).
LOWER_IS_BETTER = frozenset({CONTRACTION})
TREND_MONTHS = 12


@dataclass(frozen=True)
class TreeNode:
    name: str
    parent: str | None
    depth: int
    value: float | None
    previous: float | None  # at the comparison month (None before the data starts)
    target: float | None
    change: KpiChange | None
    trend: pd.DataFrame  # month, value: the trailing twelve as-of months


def tree_nodes() -> tuple[tuple[str, str | None], ...]:
    """The tree's (node, parent) pairs, with the optional nodes whose engine is installed."""
    installed = tuple((node, parent) for module, node, parent in OPTIONAL_NODES
                      if importlib.util.find_spec(module) is not None)
    return TREE + installed


def kpi_tree(
    con: duckdb.DuckDBPyConnection,
    as_of: str,
    lag_months: int,
    filters: Filters = Filters(),
    settings: Settings = DEFAULTS,
) -> list[TreeNode]:
    """Every node of the tree at the as-of month, against `lag_months` earlier."""
    as_of_month = resolve_as_of(con, as_of, settings)
    earlier = add_months(as_of_month, -max(lag_months, TREND_MONTHS - 1))
    series = pd.DataFrame(kpi_series(con, format_month(earlier), format_month(as_of_month), filters, settings))
    series = series.set_index("as_of")
    contraction = growth.growth_rates(con, format_month(as_of_month), filters).set_index("month")["contraction_rate"]
    series[CONTRACTION] = contraction.reindex(series.index)
    names = tuple(name for name, _ in tree_nodes())
    changes = compare_kpis(con, names, format_month(as_of_month), lag_months, filters)
    comparable = add_months(as_of_month, -lag_months) >= parse_month(month_range(con).first_month)
    if comparable:  # a comparison month inside the data
        changes[CONTRACTION] = contraction_change(con, format_month(as_of_month), lag_months, filters)
        changes["renewal_rate_ttm"] = renewal_change(con, format_month(as_of_month), lag_months, filters, settings)
    if HEALTHY_SHARE in names:
        series[HEALTHY_SHARE], change = healthy_share(con, series.index, as_of_month, lag_months, filters, settings)
        if comparable:
            changes[HEALTHY_SHARE] = change
    now, before = format_month(as_of_month), format_month(add_months(as_of_month, -lag_months))
    depth = {None: -1}
    nodes = []
    for name, parent in tree_nodes():
        depth[name] = depth[parent] + 1
        trend = series[name].iloc[-TREND_MONTHS:].rename("value").rename_axis("month").reset_index()
        nodes.append(TreeNode(
            name, parent, depth[name], _plain(series[name].get(now)), _plain(series[name].get(before)),
            settings.target_for(name, filters.segment), changes.get(name), trend,
        ))
    return nodes


def contraction_change(con: duckdb.DuckDBPyConnection, as_of: str, lag_months: int, filters: Filters) -> KpiChange:
    """§13's paired bootstrap for the contraction rate: numerator = MRR lost by an account still active at
    m1 (max(start − end, 0) when end > 0), denominator = MRR at m0."""
    parts = {}
    for period, month in _periods(con, as_of, lag_months).items():
        pairs = segments.account_pairs(con, TTM_MONTHS, format_month(month), filters)
        start, end = pairs["mrr_start"].to_numpy(float), pairs["mrr_end"].to_numpy(float)
        lost = np.where(end > 0, np.maximum(start - end, 0), 0)
        parts[period] = pd.DataFrame({"numerator": lost, "denominator": start}, index=pairs["account_id"])
    return _paired_change(CONTRACTION, parts, lower_is_better=True)


def renewal_change(
    con: duckdb.DuckDBPyConnection, as_of: str, lag_months: int, filters: Filters, settings: Settings
) -> KpiChange:
    """§13's paired bootstrap for the renewal rate (§7): per account, renewed over counted paid expiring
    lines of the 12 months ending at each period's month; the accounts are the resampled units."""
    parts = {}
    for period, month in _periods(con, as_of, lag_months).items():
        frame = con.execute(
            """
            select account_id, sum(renewed::int)::double as numerator, count(*)::double as denominator
            from scoped_expiring_lines($start, last_day($month), $grace, $scope)
            where is_paid and outcome_known_on <= last_day($month)
            group by account_id
            """,
            filters.sql_parameters() | {"month": month, "start": add_months(month, 1 - TTM_MONTHS),
                                        "grace": settings.renewal_grace_days},
        ).fetchdf()
        parts[period] = frame.set_index("account_id")[["numerator", "denominator"]]
    return _paired_change("renewal_rate_ttm", parts, lower_is_better=False)


def healthy_share(con: duckdb.DuckDBPyConnection, months, as_of_month, lag_months: int, filters: Filters,
                  settings: Settings) -> tuple[pd.Series, KpiChange]:
    """The healthy share at each month of `months` (YYYY-MM): accounts in the healthy band over the scored
    accounts in scope at the month-end (§8; unscored accounts are left out of both), and §13's paired
    bootstrap of its change (per account: healthy over scored)."""
    from cs_lib.metrics import health

    history = health.scored_history(con, settings)
    wanted = {parse_month(month) for month in months} | {add_months(as_of_month, -lag_months)}
    rows = health.select_rows(history[history["month"].isin(wanted)], filters)
    scored = rows[rows["band"].notna()]
    healthy = (scored["band"] == "healthy").groupby(scored["month"]).mean()
    shares = pd.Series([healthy.get(parse_month(month)) for month in months], index=months, dtype=float)
    parts = {}
    for period, month in (("now", as_of_month), ("before", add_months(as_of_month, -lag_months))):
        at_month = scored[scored["month"] == month]
        parts[period] = pd.DataFrame({"numerator": (at_month["band"] == "healthy").astype(float).to_numpy(),
                                      "denominator": 1.0}, index=at_month["account_id"].to_numpy())
    return shares, _paired_change(HEALTHY_SHARE, parts, lower_is_better=False)


def _periods(con: duckdb.DuckDBPyConnection, as_of: str, lag_months: int) -> dict:
    now = resolve_as_of(con, as_of)
    return {"now": now, "before": add_months(now, -lag_months)}


def _paired_change(name: str, parts: dict[str, pd.DataFrame], lower_is_better: bool) -> KpiChange:
    """Align both periods' per-account parts over the union of accounts (sorted by id, 0 where absent)."""
    union = parts["now"].index.union(parts["before"].index).sort_values()
    aligned = {period: frame.reindex(union, fill_value=0.0) for period, frame in parts.items()}
    accounts_now, accounts_before = len(parts["now"]), len(parts["before"])
    result = paired_ratio_change(
        aligned["now"]["numerator"], aligned["now"]["denominator"],
        aligned["before"]["numerator"], aligned["before"]["denominator"],
        accounts_now=accounts_now, accounts_before=accounts_before,
    )
    return KpiChange(name, accounts_now, accounts_before, result.difference, result.lower, result.upper,
                     result.verdict(lower_is_better=lower_is_better))


def _plain(value: object) -> float | None:
    return None if value is None or pd.isna(value) else float(value)
