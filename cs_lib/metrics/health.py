"""The health score (METRICS.md §8): components, weights, bands, for every account and month-end.

The components of every account active at every month-end come from one SQL macro
(`sql/30_metrics/90_health_components.sql`, reading the usage aggregate), computed once
per warehouse and adoption metric and kept in memory: percentile ranks are warehouse-wide,
so a filter only chooses rows (`select_rows`) and never recomputes a score. Weights and
bands are settings, applied here in a few vectorised steps.
"""

from __future__ import annotations

import os
import threading
from datetime import date

import duckdb
import numpy as np
import pandas as pd

from cs_lib.filters import FILTER_DIMENSIONS, Filters
from cs_lib.settings import DEFAULTS, Settings

COMPONENTS = ("adoption", "engagement", "support", "sentiment", "growth")
BANDS = ("healthy", "watch", "at_risk")
TOLERANCE = 1e-9  # METRICS.md §8: band thresholds and the 20-point drop compare with this tolerance
ACCOUNT_DIMENSIONS = tuple(d for d in FILTER_DIMENSIONS if d != "product")

_memo: dict[tuple, pd.DataFrame] = {}
_memo_lock = threading.Lock()
_MEMO_ENTRIES = 4  # two adoption metrics or scorings of one warehouse, each with its components


def health_components(con: duckdb.DuckDBPyConnection, adoption_metric: str) -> pd.DataFrame:
    """One row per account active at each month-end: the five components (NaN = absent), the
    account's filter attributes and the products it pays for that month (for the product filter)."""
    frame = con.execute(
        f"""
        select components.*, {', '.join('accounts.' + d for d in ACCOUNT_DIMENSIONS)},
            accounts.account_name, products.products
        from health_components($metric) as components
        inner join stg_accounts as accounts on accounts.account_id = components.account_id
        left join (
            select account_id, month, list(product order by product) as products
            from account_product_month_mrr group by account_id, month
        ) as products on products.account_id = components.account_id and products.month = components.month
        order by components.month, components.account_id
        """,
        {"metric": adoption_metric},
    ).fetchdf()
    frame["month"] = pd.to_datetime(frame["month"]).dt.date
    for name in COMPONENTS:
        frame[name] = frame[name].astype("float64")
    return frame


def weights_of(settings: Settings) -> dict[str, float]:
    return {name: float(getattr(settings, f"health_weight_{name}")) for name in COMPONENTS}


def score(components: pd.DataFrame, settings: Settings = DEFAULTS) -> pd.DataFrame:
    """Add `health`, `band`, `low_confidence` and `components_used` to a components frame.

    health = Σ w·c / Σ w over the components present with a weight above 0; undefined (NaN) when
    there is none. Fewer than two such components (none included) is low-confidence.
    """
    weights = weights_of(settings)
    values = components[list(COMPONENTS)].to_numpy(dtype="float64")
    weight_row = np.array([weights[name] for name in COMPONENTS])
    used = ~np.isnan(values) & (weight_row > 0)
    weight_sum = (used * weight_row).sum(axis=1)
    weighted = np.where(used, np.nan_to_num(values) * weight_row, 0.0).sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        health = np.where(weight_sum > 0, weighted / weight_sum, np.nan)
    scored = components.copy()
    scored["health"] = np.clip(health, 0.0, 100.0)
    scored["components_used"] = used.sum(axis=1)
    scored["low_confidence"] = scored["components_used"] < 2
    scored["band"] = bands_of(scored["health"].to_numpy(), settings)
    return scored


def bands_of(health: np.ndarray, settings: Settings = DEFAULTS) -> np.ndarray:
    """healthy when health ≥ the healthy threshold, watch when ≥ the watch threshold, else at_risk;
    None where health is undefined (thresholds compared with a 1e-9 tolerance)."""
    health = np.asarray(health, dtype="float64")
    band = np.where(
        health >= settings.health_band_healthy - TOLERANCE,
        "healthy",
        np.where(health >= settings.health_band_watch - TOLERANCE, "watch", "at_risk"),
    ).astype(object)
    band[np.isnan(health)] = None
    return band


def scored_history(con: duckdb.DuckDBPyConnection, settings: Settings = DEFAULTS) -> pd.DataFrame:
    """Every account scored at every month-end, for the whole warehouse. Memoised per warehouse file
    version and scoring settings (adoption metric, weights, bands): a filter change re-reads it."""
    version = _warehouse_version(con)
    metric = settings.health_adoption_metric
    if version is None:
        return score(health_components(con, metric), settings)
    scoring = (metric, tuple(weights_of(settings).values()), settings.health_band_healthy, settings.health_band_watch)
    components = _memoised((*version, "components", metric), lambda: health_components(con, metric))
    return _memoised((*version, "scored", scoring), lambda: score(components, settings))


def _memoised(key: tuple, compute) -> pd.DataFrame:
    """The frame for `key`, computed once; the oldest entries are forgotten beyond _MEMO_ENTRIES.
    Callers must not change the frame they get (every caller here selects or copies)."""
    with _memo_lock:
        cached = _memo.get(key)
    if cached is None:
        cached = compute()
        with _memo_lock:
            while len(_memo) >= _MEMO_ENTRIES:
                _memo.pop(next(iter(_memo)))
            _memo[key] = cached
    return cached


def _warehouse_version(con: duckdb.DuckDBPyConnection) -> tuple | None:
    """Which warehouse file version `con` reads; None in memory (nothing to memoise by).

    A path that exists is keyed with its modification time (a rebuild changes it; a file open
    read-only cannot change under us). The app opens each version through a one-off link that is
    removed once open (cs_lib.warehouse_swap.connect_snapshot): that unique name is the version."""
    row = con.execute("select path from duckdb_databases() where database_name = current_database()").fetchone()
    if not row or not row[0] or row[0] == ":memory:":
        return None
    modified = os.stat(row[0]).st_mtime_ns if os.path.exists(row[0]) else "snapshot"
    definitions = con.execute("select value from warehouse_info where key = 'definitions'").fetchone()
    return row[0], modified, definitions[0] if definitions else ""


def select_rows(frame: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """The rows of accounts in scope: account attributes by value, products by any overlap with
    the account's paid products that month (a list column `products`)."""
    keep = np.ones(len(frame), dtype=bool)
    for dimension in ACCOUNT_DIMENSIONS:
        chosen = getattr(filters, dimension)
        if chosen:
            keep &= frame[dimension].isin(chosen).to_numpy()
    if filters.product:
        held = frame["products"].explode()  # one row per (row, product), the row's index repeated
        keep &= held.isin(filters.product).groupby(level=0).any().reindex(frame.index, fill_value=False).to_numpy()
    return frame[keep]


def month_rows(history: pd.DataFrame, month: date, filters: Filters = Filters()) -> pd.DataFrame:
    """The scored rows of one month-end, in scope, by account_id."""
    return select_rows(history[history["month"] == month], filters).reset_index(drop=True)
