"""The price-tier staircase: tiers are ranges of account MRR (the `tier_breaks` setting); how accounts
moved between tiers from m0 = as-of − 12 to m1 = the as-of month, and which products the accounts
that climbed added.

An account active in neither month is not in the matrix; one active only in m1 comes from "new",
one active only in m0 goes to "churned". Tiers are "T1" (lowest) to "Tn"; a tier holds MRR from its
lower break (inclusive) to the next break (exclusive).
"""

from __future__ import annotations

import duckdb
import numpy as np
import pandas as pd

from cs_lib.filters import Filters
from cs_lib.metrics.kpis import TTM_MONTHS, resolve_as_of
from cs_lib.months import add_months
from cs_lib.settings import DEFAULTS, Settings

NEW, CHURNED = "new", "churned"
TRANSITION_COLUMNS = ("from_tier", "to_tier", "accounts", "share")


def tier_breaks(settings: Settings = DEFAULTS) -> tuple[float, ...]:
    """The lower bounds of tiers 2..n, ascending (the setting is checked when it is saved)."""
    return tuple(float(text) for text in settings.tier_breaks.split(",") if text.strip())


def assign_tiers(mrr: np.ndarray, breaks: tuple[float, ...]) -> np.ndarray:
    """Tier number (1..n) of each MRR > 0, 0 for no MRR: MRR equal to a break is in the upper tier."""
    mrr = np.asarray(mrr, dtype=float)
    return np.where(mrr > 0, np.searchsorted(np.asarray(breaks), mrr, side="right") + 1, 0)


def tier_names(numbers: np.ndarray, absent: str = "–") -> list[str]:
    return [f"T{number}" if number > 0 else absent for number in numbers]


def tier_ranges(settings: Settings = DEFAULTS) -> list[tuple[str, float, float | None]]:
    """(name, lower MRR inclusive, upper MRR exclusive or None for the top tier) per tier."""
    bounds = (0.0, *tier_breaks(settings))
    return [(f"T{index + 1}", lower, bounds[index + 1] if index + 1 < len(bounds) else None)
            for index, lower in enumerate(bounds)]


def tier_pairs(
    con: duckdb.DuckDBPyConnection,
    as_of: str | None = None,
    filters: Filters = Filters(),
    settings: Settings = DEFAULTS,
    window_months: int = TTM_MONTHS,
) -> pd.DataFrame:
    """One row per account active in m0 or m1: account_id, mrr_start, mrr_end, from_tier, to_tier."""
    frame = con.execute(
        "select * from scoped_tier_pairs($as_of_month, $window_months, $scope)",
        filters.sql_parameters() | {"as_of_month": resolve_as_of(con, as_of, settings), "window_months": window_months},
    ).fetchdf()
    breaks = tier_breaks(settings)
    frame["from_tier"] = tier_names(assign_tiers(frame["mrr_start"], breaks), absent=NEW)
    frame["to_tier"] = tier_names(assign_tiers(frame["mrr_end"], breaks), absent=CHURNED)
    return frame


def tier_transitions(
    con: duckdb.DuckDBPyConnection,
    as_of: str | None = None,
    filters: Filters = Filters(),
    settings: Settings = DEFAULTS,
) -> pd.DataFrame:
    """The transition matrix in long form: from_tier, to_tier, accounts, share of the from_tier's accounts.

    Every pair of the tiers (plus "new" → tier and tier → "churned") has a row, zero counts included,
    so the matrix is whole; a from_tier with no account has share NaN.
    """
    pairs = tier_pairs(con, as_of, filters, settings)
    tiers = [name for name, _, _ in tier_ranges(settings)]
    grid = [(source, target) for source in tiers for target in (*tiers, CHURNED)]
    grid += [(NEW, target) for target in tiers]
    counts = pairs.groupby(["from_tier", "to_tier"]).size()
    frame = pd.DataFrame(grid, columns=["from_tier", "to_tier"])
    frame["accounts"] = [int(counts.get(key, 0)) for key in grid]
    totals = frame.groupby("from_tier")["accounts"].transform("sum")
    frame["share"] = frame["accounts"] / totals.where(totals > 0)
    return frame[list(TRANSITION_COLUMNS)]


def products_added_when_climbing(
    con: duckdb.DuckDBPyConnection,
    as_of: str | None = None,
    filters: Filters = Filters(),
    settings: Settings = DEFAULTS,
) -> pd.DataFrame:
    """Per product: how many of the accounts that moved to a higher tier (m0 → m1, both active) hold it at m1
    and did not at m0 (`accounts_added`), of `climbers` accounts."""
    pairs = tier_pairs(con, as_of, filters, settings)
    climbed = pairs[(pairs["from_tier"] != NEW) & (pairs["to_tier"] != CHURNED)]
    climbed = climbed[climbed["to_tier"].str[1:].astype(int) > climbed["from_tier"].str[1:].astype(int)]
    as_of_month = resolve_as_of(con, as_of, settings)
    held = con.execute(
        """
        select account_id, product, month = $as_of_month as at_end
        from account_product_month_mrr
        where month in ($start_month, $as_of_month) and mrr > 0
            and account_id in (select account_id from scoped_accounts($scope))
            and ($products is null or list_contains($products, product))
        """,
        filters.sql_parameters() | {
            "as_of_month": as_of_month, "start_month": add_months(as_of_month, -TTM_MONTHS),
            "products": list(filters.product) or None,
        },
    ).fetchdf()
    held = held[held["account_id"].isin(climbed["account_id"])]
    at_start = held[~held["at_end"]][["account_id", "product"]].assign(held_at_start=True)
    at_end = held[held["at_end"]].merge(at_start, on=["account_id", "product"], how="left")
    added = at_end[at_end["held_at_start"].isna()]
    counts = added.groupby("product")["account_id"].nunique()
    frame = counts.rename("accounts_added").reset_index().sort_values(["accounts_added", "product"],
                                                                      ascending=[False, True])
    frame["climbers"] = len(climbed)
    return frame.reset_index(drop=True)
