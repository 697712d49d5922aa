"""Timings of the engine calls the Retention, Growth and Segments pages make on a filter change: each call
without a filter and with one segment, median of a few runs after a warm-up (a fresh scope is what a filter
change asks for; the app's cache answers repeats). `python -m cs_lib.bench.retention_growth DB` prints them.

Kept apart from `cs_lib.bench.timings` (which compares the Overview's queries with a pandas reference) since
these queries have no pandas twin; the page total is what the server spends before its first byte, minus
what `query_many` overlaps on two cores.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from cs_lib.bench.timings import median_seconds
from cs_lib.filters import Filters
from cs_lib.metrics import bridge, growth, kpis, renewals, retention_views, segments, survival, tiers
from cs_lib.months import format_month
from cs_lib.settings import load_settings
from cs_lib.warehouse import connect_read_only

PAGE_CALLS: dict[str, tuple[str, ...]] = {
    "retention": ("cohort_grid", "survival", "renewals_by_month", "expiring_lines", "retention_trend_12",
                  "nrr_bridge", "expansion_concentration", "retention_ledger"),
    "growth": ("growth_rates", "growth_by_segment", "mrr_bridge_quarter", "tier_transitions",
               "products_added_when_climbing"),
    "segments": ("kpi_by_segment", "kpi_by_segment_and_tier"),
}


def page_calls(con, as_of: str, filters: Filters) -> dict[str, Callable[[], object]]:
    settings = load_settings(con)
    return {
        "cohort_grid": lambda: retention_views.cohort_grid(con, "logo", "quarter", as_of, filters),
        "survival": lambda: survival.survival(con, as_of, filters),
        "renewals_by_month": lambda: renewals.renewals_by_month(con, as_of, filters, settings),
        "expiring_lines": lambda: renewals.expiring_lines(con, as_of, filters, settings),
        "retention_trend_12": lambda: kpis.retention_trend(con, as_of, filters, 12),
        "nrr_bridge": lambda: retention_views.nrr_bridge(con, as_of, filters),
        "expansion_concentration": lambda: retention_views.expansion_concentration(con, as_of, filters),
        "retention_ledger": lambda: retention_views.retention_ledger(con, as_of, filters, settings),
        "growth_rates": lambda: growth.growth_rates(con, as_of, filters),
        "growth_by_segment": lambda: growth.growth_by_dimension(con, "segment", as_of, filters, settings),
        "mrr_bridge_quarter": lambda: bridge.mrr_bridge(con, as_of, filters, "quarter"),
        "tier_transitions": lambda: tiers.tier_transitions(con, as_of, filters, settings),
        "products_added_when_climbing": lambda: tiers.products_added_when_climbing(con, as_of, filters, settings),
        "kpi_by_segment": lambda: segments.kpi_by_dimension(con, "grr_ttm", "segment", as_of, filters, settings),
        "kpi_by_segment_and_tier": lambda: segments.kpi_by_two_dimensions(
            con, "grr_ttm", "segment", "tier", as_of, filters, settings),
    }


def page_query_timings(path: Path, runs: int = 3) -> list[dict[str, object]]:
    """One row per page, call and scope: page, query, scope, seconds (median)."""
    rows = []
    with connect_read_only(path) as con:
        as_of = format_month(kpis.resolve_as_of(con, None))
        segment = kpis.dimension_values(con, "segment")[0]
        for scope, filters in (("no filter", Filters()), (f"segment={segment}", Filters(segment=(segment,)))):
            calls = page_calls(con, as_of, filters)
            for page, names in PAGE_CALLS.items():
                for name in names:
                    rows.append({"page": page, "query": name, "scope": scope,
                                 "seconds": median_seconds(calls[name], runs)})
    return rows


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m cs_lib.bench.retention_growth WAREHOUSE.duckdb", file=sys.stderr)
        return 2
    rows = page_query_timings(Path(argv[0]))
    for row in rows:
        print(f"{row['page']:<10} {row['query']:<30} {row['scope']:<22} {1000 * row['seconds']:8.1f} ms")
    for page in PAGE_CALLS:
        for scope in dict.fromkeys(row["scope"] for row in rows):
            total = sum(row["seconds"] for row in rows if row["page"] == page and row["scope"] == scope)
            print(f"{page:<10} {'(sum of the calls)':<30} {scope:<22} {1000 * total:8.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
