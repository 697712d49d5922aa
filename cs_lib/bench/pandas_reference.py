"""The §1–7 KPIs (bar customer lifetime) in plain pandas, written from METRICS.md alone.

Why this exists: it is what a team without our SQL engine would write — load
the raw tables, expand subscription lines to months, pivot — so the benchmark
has an honest baseline, and the tests have an independent cross-check of the
SQL macros (it never reads a view or macro of `sql/`).

Money is handled in integer cents so that "MRR went up" compares exact
amounts, as the warehouse's DECIMAL columns do.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import numpy as np
import pandas as pd

from cs_lib.filters import Filters
from cs_lib.months import format_month, parse_month
from cs_lib.settings import DEFAULTS, Settings

ACCOUNT_DIMENSIONS = ("segment", "industry", "region", "business_unit", "cs_model", "csm")
MOVEMENTS = ("new", "reactivation", "expansion", "contraction", "churn")
NO_FILTERS = Filters()


@dataclass(frozen=True)
class RawTables:
    """The two raw tables the KPIs need, as a pandas team would load them."""

    accounts: pd.DataFrame
    subscriptions: pd.DataFrame


def load_raw_tables(con: duckdb.DuckDBPyConnection) -> RawTables:
    """Read raw_accounts and raw_subscriptions whole, cleaned as the data contract describes."""
    accounts = con.execute(f"select account_id, {', '.join(ACCOUNT_DIMENSIONS)} from raw_accounts").fetchdf()
    for column in ("account_id", *ACCOUNT_DIMENSIONS):
        accounts[column] = accounts[column].str.strip().replace("", None)
    accounts["cs_model"] = accounts["cs_model"].str.lower()
    lines = con.execute(
        "select subscription_id, account_id, product, start_date, end_date, mrr from raw_subscriptions"
    ).fetchdf()
    for column in ("subscription_id", "account_id", "product"):
        lines[column] = lines[column].str.strip()
    lines["start_date"] = pd.to_datetime(lines["start_date"])
    lines["end_date"] = pd.to_datetime(lines["end_date"])
    lines["mrr_cents"] = (lines["mrr"].astype("float64") * 100).round().astype("int64")
    return RawTables(accounts, lines)


def _month_index(dates: pd.Series) -> pd.Series:
    """Months as integers (year * 12 + month - 1) so that month arithmetic is plain addition."""
    return dates.dt.year * 12 + dates.dt.month - 1


def _index_of(month: str) -> int:
    start = parse_month(month)
    return start.year * 12 + start.month - 1


def _month_text(index: int) -> str:
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def _lines_in_scope(raw: RawTables, filters: Filters) -> pd.DataFrame:
    """Lines of accounts matching every account filter, restricted to the selected products."""
    accounts = raw.accounts
    for dimension in ACCOUNT_DIMENSIONS:
        selected = getattr(filters, dimension)
        if selected:
            accounts = accounts[accounts[dimension].isin(selected)]
    lines = raw.subscriptions[raw.subscriptions["account_id"].isin(accounts["account_id"])]
    if filters.product:
        lines = lines[lines["product"].isin(filters.product)]
    return lines


@dataclass(frozen=True)
class MonthlyMrr:
    """MRR(a, m) in cents as an account × month matrix (0 = inactive), first month .. as-of."""

    by_account: pd.DataFrame  # index account_id, columns month index
    by_product: pd.DataFrame  # long: account_id, product, month, mrr_cents (> 0 only)


def monthly_mrr(raw: RawTables, as_of: str, filters: Filters) -> MonthlyMrr:
    """§1: a line counts in month m when active on m's last day (end_date inclusive, open = running)."""
    first_month = int(_month_index(raw.subscriptions["start_date"]).min())
    last_month = _index_of(as_of)
    lines = _lines_in_scope(raw, filters)
    lines = lines[lines["mrr_cents"] > 0]
    first = _month_index(lines["start_date"])
    # Active on the last day of m  <=>  end_date >= last day of m  <=>  m < month of (end_date + 1 day).
    last = _month_index(lines["end_date"] + pd.Timedelta(days=1)) - 1
    last = last.fillna(last_month).clip(upper=last_month)
    month_count = (last - first + 1).clip(lower=0).astype("int64").to_numpy()
    expanded = pd.DataFrame(
        {
            "account_id": np.repeat(lines["account_id"].to_numpy(), month_count),
            "product": np.repeat(lines["product"].to_numpy(), month_count),
            "mrr_cents": np.repeat(lines["mrr_cents"].to_numpy(), month_count),
            "month": np.repeat(first.to_numpy(), month_count),
        }
    )
    expanded["month"] += _offsets(month_count)
    by_product = expanded.groupby(["account_id", "product", "month"], as_index=False)["mrr_cents"].sum()
    by_account = (
        by_product.groupby(["account_id", "month"])["mrr_cents"].sum()
        .unstack(fill_value=0)
        .reindex(columns=range(first_month, last_month + 1), fill_value=0)
    )
    return MonthlyMrr(by_account, by_product)


def _offsets(counts: np.ndarray) -> np.ndarray:
    """0, 1, …, n-1 for each line expanded into n months."""
    starts = np.repeat(np.cumsum(counts) - counts, counts)
    return np.arange(counts.sum()) - starts


def account_movements(mrr: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """§2 per account and month, in cents (signed). The first month compares with an all-zero month."""
    previous = mrr.shift(1, axis=1, fill_value=0)
    active, was_active = mrr > 0, previous > 0
    ever_active_before = active.cummax(axis=1).shift(1, axis=1, fill_value=False)
    arriving = active & ~was_active
    return {
        "new": mrr.where(arriving & ~ever_active_before, 0),
        "reactivation": mrr.where(arriving & ever_active_before, 0),
        "expansion": (mrr - previous).where(was_active & (mrr > previous), 0),
        "contraction": (mrr - previous).where(active & (mrr < previous), 0),
        "churn": (-previous).where(was_active & ~active, 0),
    }


def monthly_totals(mrr: pd.DataFrame) -> pd.DataFrame:
    """One row per month index, in cents: MRR, active and churned accounts, the five movements."""
    moves = account_movements(mrr)
    totals = pd.DataFrame({"mrr": mrr.sum(), "active_accounts": (mrr > 0).sum()})
    for name in MOVEMENTS:
        totals[name] = moves[name].sum()
    totals["churned_accounts"] = (moves["churn"] < 0).sum()
    return totals


def movements_table(mrr: pd.DataFrame) -> pd.DataFrame:
    """Like `kpis.mrr_movements`: one row per month, amounts in currency units."""
    totals = monthly_totals(mrr)
    table = pd.DataFrame({"month": [_month_text(m) for m in totals.index]})
    for name in ("mrr", *MOVEMENTS):
        table[name] = totals[name].to_numpy() / 100
    return table


def reference_movements(
    con: duckdb.DuckDBPyConnection, as_of: str, filters: Filters = NO_FILTERS
) -> pd.DataFrame:
    """Like `kpis.mrr_movements`: month, mrr, new, reactivation, expansion, contraction, churn."""
    return movements_table(monthly_mrr(load_raw_tables(con), as_of, filters).by_account)


def _ratio(numerator: float, denominator: float) -> float | None:
    """A rate with a zero denominator is undefined (§3), never 0."""
    return None if denominator == 0 else float(numerator) / float(denominator)


def monthly_rates(totals: pd.DataFrame, month: int) -> dict[str, float | None]:
    """§3 for one month, from S = MRR(m-1) and N = accounts active in m-1 (none before the range)."""
    now = totals.loc[month]
    start_mrr = int(totals.loc[month - 1, "mrr"]) if month - 1 in totals.index else 0
    start_accounts = int(totals.loc[month - 1, "active_accounts"]) if month - 1 in totals.index else 0
    losses = int(now["churn"] + now["contraction"])
    return {
        "logo_churn_rate_month": _ratio(now["churned_accounts"], start_accounts),
        "gross_mrr_churn_rate_month": _ratio(-losses, start_mrr),
        "grr_month": None if start_mrr == 0 else 1 + losses / start_mrr,
        "nrr_month": _ratio(start_mrr + now["expansion"] + losses, start_mrr),
        "quick_ratio_month": _ratio(now["new"] + now["reactivation"] + now["expansion"], -losses),
    }


def mean_gross_churn_rate(totals: pd.DataFrame, as_of_month: int) -> float | None:
    """§5: mean of the defined monthly gross MRR churn rates of the 12 months ending at as-of."""
    months = [m for m in range(as_of_month - 11, as_of_month + 1) if m in totals.index]
    rates = [monthly_rates(totals, m)["gross_mrr_churn_rate_month"] for m in months]
    defined = [rate for rate in rates if rate is not None]
    return sum(defined) / len(defined) if defined else None


def trailing_retention(monthly: MonthlyMrr, end_month: int, window: int) -> dict[str, float | None]:
    """§4 with m1 = end_month and m0 = m1 - window; A = accounts active in m0."""
    names = ("grr_ttm", "nrr_ttm", "logo_retention_ttm", "upsell_rate_ttm", "expansion_rate_ttm",
             "cross_sell_rate_ttm")
    mrr, start_month = monthly.by_account, end_month - window
    if start_month not in mrr.columns or not (mrr[start_month] > 0).any():
        return dict.fromkeys(names)
    cohort = mrr[mrr[start_month] > 0]
    at_start, at_end = cohort[start_month], cohort[end_month]
    products = monthly.by_product
    held_at_start = products[products["month"] == start_month][["account_id", "product"]]
    held_at_end = products[products["month"] == end_month][["account_id", "product"]]
    new_products = held_at_end.merge(held_at_start, how="left", on=["account_id", "product"], indicator=True)
    cross_sold = set(new_products.loc[new_products["_merge"] == "left_only", "account_id"])
    total_start = at_start.sum()
    return {
        "grr_ttm": np.minimum(at_end, at_start).sum() / total_start,
        "nrr_ttm": at_end.sum() / total_start,
        "logo_retention_ttm": (at_end > 0).mean(),
        "upsell_rate_ttm": (at_end > at_start).mean(),
        "expansion_rate_ttm": (at_end - at_start).clip(lower=0).sum() / total_start,
        "cross_sell_rate_ttm": cohort.index.isin(list(cross_sold)).mean(),
    }


def rates_table(mrr: pd.DataFrame) -> pd.DataFrame:
    """Like `kpis.monthly_rates`: the §3 rates for every month of the range."""
    totals = monthly_totals(mrr)
    rows = [{"month": _month_text(month), **monthly_rates(totals, month)} for month in totals.index]
    return pd.DataFrame(rows).rename(columns=lambda name: name.removesuffix("_month"))


def retention_trend_table(monthly: MonthlyMrr, window: int = 12) -> pd.DataFrame:
    """Like `kpis.retention_trend`: §4 for every end month of the range (None where A is empty)."""
    months = monthly.by_account.columns
    rows = [{"month": _month_text(m), **trailing_retention(monthly, m, window)} for m in months]
    return pd.DataFrame(rows).rename(columns=lambda name: name.removesuffix("_ttm"))


def cohort_logo_table(mrr: pd.DataFrame) -> pd.DataFrame:
    """Like `cohorts.cohort_retention(kind="logo")`: §6 per cohort and age up to the as-of month."""
    active = mrr[(mrr > 0).any(axis=1)] > 0
    counts = active.groupby(active.idxmax(axis=1)).sum()  # cohort = first month with MRR > 0
    cells = counts.stack().rename("active").rename_axis(["cohort", "month"]).reset_index()
    cells = cells[cells["month"] >= cells["cohort"]]
    sizes = cells[cells["month"] == cells["cohort"]].set_index("cohort")["active"]
    cells["size"] = cells["cohort"].map(sizes)
    return pd.DataFrame({
        "cohort": cells["cohort"].map(_month_text), "age": cells["month"] - cells["cohort"],
        "value": cells["active"] / cells["size"], "size": cells["size"],
    }).reset_index(drop=True)


def _followed_by_paid(ending: pd.DataFrame, paid: pd.DataFrame, key: list[str], grace: pd.Timedelta) -> set:
    """Ids of the ending lines for which a paid line sharing `key` is active on a day of (end, end + grace].

    Two closed day ranges overlap when each starts no later than the other ends; an open end runs forever.
    """
    following = paid[[*key, "start_date", "end_date"]].rename(
        columns={"start_date": "start_date_next", "end_date": "end_date_next"}
    )
    pairs = ending[["subscription_id", "end_date", *key]].merge(following, on=key)
    window_first = pairs["end_date"] + pd.Timedelta(days=1)
    window_last = pairs["end_date"] + grace
    open_ended = pairs["end_date_next"].isna()
    overlaps = (
        (window_first <= window_last)
        & (open_ended | (pairs["start_date_next"] <= pairs["end_date_next"]))
        & (pairs["start_date_next"] <= window_last)
        & (open_ended | (window_first <= pairs["end_date_next"]))
    )
    return set(pairs.loc[overlaps, "subscription_id"])


def renewal_rates(lines: pd.DataFrame, as_of_month: int, grace_days: int) -> dict[str, object]:
    """§7 over lines ending in the 12 months ending on the as-of month's last day.

    Paid lines (MRR > 0) are renewals, free ones (MRR = 0) pilots. A line counts only once its
    grace has passed by the as-of month's last day; paid lines still in their grace are pending.
    """
    grace = pd.Timedelta(days=grace_days)
    period_start = pd.Timestamp(parse_month(_month_text(as_of_month - 11)))
    period_end = pd.Timestamp(parse_month(_month_text(as_of_month + 1))) - pd.Timedelta(days=1)
    paid = lines[lines["mrr_cents"] > 0]
    free = lines[lines["mrr_cents"] == 0]
    ending_paid = paid[paid["end_date"].between(period_start, period_end)]
    ending_free = free[free["end_date"].between(period_start, period_end)]
    decided_paid = ending_paid[ending_paid["end_date"] + grace <= period_end]
    decided_free = ending_free[ending_free["end_date"] + grace <= period_end]
    # Renewal: a paid line of the same product; conversion: a paid line of any product (in the scope).
    renewed = _followed_by_paid(decided_paid, paid, ["account_id", "product"], grace)
    converted = _followed_by_paid(decided_free, paid, ["account_id"], grace)
    # Each account's first paid expiring line ever: earliest end_date, ties by subscription_id.
    first_lines = (
        paid[paid["end_date"].notna()].sort_values(["end_date", "subscription_id"])
        .drop_duplicates("account_id")["subscription_id"]
    )
    decided_first = decided_paid[decided_paid["subscription_id"].isin(first_lines)]
    return {
        "renewal_rate_ttm": _ratio(decided_paid["subscription_id"].isin(renewed).sum(), len(decided_paid)),
        "first_renewal_rate_ttm": _ratio(
            decided_first["subscription_id"].isin(renewed).sum(), len(decided_first)
        ),
        "pilot_conversion_rate_ttm": _ratio(decided_free["subscription_id"].isin(converted).sum(), len(decided_free)),
        "renewals_pending": len(ending_paid) - len(decided_paid),
    }


def kpis_from_tables(
    raw: RawTables, as_of: str, filters: Filters = NO_FILTERS, settings: Settings = DEFAULTS
) -> dict[str, object]:
    """All §14 KPIs at the as-of month from already-loaded raw tables."""
    monthly = monthly_mrr(raw, as_of, filters)
    totals, month = monthly_totals(monthly.by_account), _index_of(as_of)
    total_cents, active = int(totals.loc[month, "mrr"]), int(totals.loc[month, "active_accounts"])
    arpa = _ratio(total_cents / 100, active)
    mean_churn = mean_gross_churn_rate(totals, month)
    ltv = None if arpa is None or not mean_churn else arpa * settings.gross_margin / mean_churn
    values: dict[str, object] = {
        "as_of": format_month(parse_month(as_of)),
        "mrr": total_cents / 100,
        "arr": 12 * total_cents / 100,
        "active_accounts": active,
        "arpa": arpa,
        **monthly_rates(totals, month),
        **trailing_retention(monthly, month, 12),
        "ltv": ltv,
        **renewal_rates(_lines_in_scope(raw, filters), month, settings.renewal_grace_days),
    }
    return {name: None if value is None else _plain(value) for name, value in values.items()}


def _plain(value: object) -> object:
    return value.item() if hasattr(value, "item") else value


def reference_kpis(
    con: duckdb.DuckDBPyConnection, as_of: str, filters: Filters = NO_FILTERS, settings: Settings = DEFAULTS
) -> dict[str, object]:
    """The §14 KPIs, keyed like `kpis.kpis_at`, computed in pandas from the raw tables."""
    return kpis_from_tables(load_raw_tables(con), as_of, filters, settings)
