"""The renewal risk list and the alerts (METRICS.md §9).

Both read the health scores of `cs_lib.metrics.health` (computed once for the whole warehouse)
and the lines of `sql/30_metrics/92_scoped_renewal_risk_lines.sql`. D = the last day of the
as-of month.
"""

from __future__ import annotations

import calendar
import math
from datetime import date

import duckdb
import pandas as pd

from cs_lib.filters import Filters
from cs_lib.metrics import health
from cs_lib.metrics.kpis import resolve_as_of
from cs_lib.months import add_months
from cs_lib.settings import DEFAULTS, Settings

RISK_COLUMNS = ("subscription_id", "account_id", "product", "end_date", "arr_at_risk", "health", "band",
                "expected_loss", "renewal_booked", "csm", "last_touchpoint")
ALERT_COLUMNS = ("account_id", "rule", "evidence", "owner")
ALERT_RULES = ("health_at_risk", "health_drop", "no_touchpoint", "renewal_not_healthy")
DROP_POINTS = 20.0
NO_TOUCH_DAYS = 90  # [D−89, D]
BAND_WORDS = {"healthy": "healthy", "watch": "watch", "at_risk": "at risk", None: "–"}


def last_day(month: date) -> date:
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


def risk_list(
    con: duckdb.DuckDBPyConnection, as_of: str | None = None, filters: Filters = Filters(),
    settings: Settings = DEFAULTS, window_days: int | None = None,
) -> pd.DataFrame:
    """Paid lines ending in (D, D + window]: ARR at risk, health and band of the account at D, expected
    loss = ARR × (1 − health/100) (NaN when unscored), sorted by expected loss (undefined last), then
    end_date, then subscription_id."""
    as_of_month = resolve_as_of(con, as_of, settings)
    window = settings.risk_window_days if window_days is None else window_days
    lines = con.execute(
        "select * from scoped_renewal_risk_lines($as_of_day, $window_days, $grace_days, $scope)",
        filters.sql_parameters() | {"as_of_day": last_day(as_of_month), "window_days": window,
                                    "grace_days": settings.renewal_grace_days},
    ).fetchdf()
    scores = health.month_rows(health.scored_history(con, settings), as_of_month)[["account_id", "health", "band"]]
    frame = lines.merge(scores, on="account_id", how="left")
    frame["arr_at_risk"] = frame["arr_at_risk"].astype("float64")
    frame["expected_loss"] = frame["arr_at_risk"] * (1 - frame["health"] / 100)
    for column in ("end_date", "last_touchpoint"):
        frame[column] = pd.to_datetime(frame[column]).dt.date
    frame["renewal_booked"] = frame["renewal_booked"].astype(bool)
    frame = frame.sort_values(["expected_loss", "end_date", "subscription_id"], ascending=[False, True, True],
                              na_position="last", kind="mergesort")
    return frame[[*RISK_COLUMNS, "account_name"]].reset_index(drop=True)


def alerts(
    con: duckdb.DuckDBPyConnection, as_of: str | None = None, filters: Filters = Filters(),
    settings: Settings = DEFAULTS,
) -> pd.DataFrame:
    """Alerts of the switched-on rules for the accounts active in the as-of month, by account then rule
    (in the order of ALERT_RULES)."""
    as_of_month = resolve_as_of(con, as_of, settings)
    history = health.scored_history(con, settings)
    now = health.month_rows(history, as_of_month, filters)
    before = health.month_rows(history, add_months(as_of_month, -1))
    previous_health = dict(zip(before["account_id"], before["health"], strict=True))
    previous_bands = dict(zip(before["account_id"], before["band"], strict=True))
    has_touchpoints = con.execute(
        "select count(*) > 0 from stg_touchpoints where touch_date <= ?", [last_day(as_of_month)]
    ).fetchone()[0]
    risk = risk_list(con, format_as_of(as_of_month), filters, settings)
    renewals = {account: (len(lines), max(lines["end_date"]), lines["arr_at_risk"].sum())
                for account, lines in risk.groupby("account_id")}
    rows = []
    for record in now.to_dict("records"):
        previous = previous_health.get(record["account_id"], math.nan)
        previous_band = previous_bands.get(record["account_id"])
        for rule in ALERT_RULES:
            if getattr(settings, f"alert_{rule}") != "on":
                continue
            evidence = _evidence(rule, record, previous, previous_band, has_touchpoints, as_of_month,
                                 renewals.get(record["account_id"]))
            if evidence is not None:
                rows.append((record["account_id"], rule, evidence, "" if pd.isna(record["csm"]) else record["csm"]))
    return pd.DataFrame(rows, columns=list(ALERT_COLUMNS))


def format_as_of(month: date) -> str:
    return f"{month.year:04d}-{month.month:02d}"


def _evidence(rule: str, record: dict, previous: float, previous_band: str | None, has_touchpoints: bool,
              as_of_month: date, renewal: tuple[int, date, float] | None) -> str | None:
    """The evidence text when `rule` fires for this account, else None (METRICS.md §9 templates)."""
    now = record["health"]
    if rule == "health_at_risk":
        fires = record["band"] == "at_risk" and previous_band != "at_risk"
        return f"health {_one_decimal(previous)} → {_one_decimal(now)}" if fires else None
    if rule == "health_drop":
        drop = previous - now
        fires = not (math.isnan(previous) or math.isnan(now)) and drop >= DROP_POINTS - health.TOLERANCE
        return f"health {_one_decimal(previous)} → {_one_decimal(now)} (−{drop:.1f})" if fires else None
    if rule == "no_touchpoint":
        last_touch = None if pd.isna(record["last_touch"]) else pd.Timestamp(record["last_touch"]).date()
        window_start = date.fromordinal(last_day(as_of_month).toordinal() - (NO_TOUCH_DAYS - 1))
        if not has_touchpoints or (last_touch is not None and last_touch >= window_start):
            return None
        return f"last touchpoint {last_touch.isoformat() if last_touch else 'never'}"
    if rule == "renewal_not_healthy":
        if renewal is None or record["band"] == "healthy":
            return None
        count, latest_end, arr = renewal
        band = BAND_WORDS[None if pd.isna(record["band"]) else record["band"]]
        return f"{count} line(s) ending by {latest_end.isoformat()}, ARR {_whole(arr):,}, band {band}"
    raise ValueError(rule)


def _one_decimal(value: float) -> str:
    return "–" if value is None or math.isnan(value) else f"{value:.1f}"


def _whole(value: float) -> int:
    """ARR as an integer, halves rounded up (ARR is a sum of 12 × decimal MRR)."""
    return int(math.floor(value + 0.5))
