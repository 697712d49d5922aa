"""One account on one screen (the account view): its facts, MRR history with movements, journey,
touchpoints, tickets, NPS, health, alerts and upcoming renewals, all as of D."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd

from cs_lib.metrics import health_views, risk
from cs_lib.metrics.kpis import resolve_as_of
from cs_lib.months import format_month
from cs_lib.settings import DEFAULTS, Settings

# Fixed statements with the account id and D bound as parameters.
_QUERIES = {
    "mrr": """select strftime(month, '%Y-%m') as month, mrr from account_month_mrr
              where account_id = $account and month <= $month order by month""",
    "movements": """select strftime(month, '%Y-%m') as month, movement, amount from account_mrr_movements
                    where account_id = $account and month <= $month and movement is not null order by month""",
    "journey": """select events.stage, stages.label_en, stages.label_ja, events.entered_on
                  from stg_journey_events as events left join journey_stages as stages using (stage)
                  where events.account_id = $account and events.entered_on <= $day order by events.entered_on""",
    "touchpoints": """select touch_date, touch_type, channel, department from stg_touchpoints
                      where account_id = $account and touch_date <= $day order by touch_date desc""",
    "tickets": """select ticket_id, opened_on, case when closed_on <= $day then closed_on end as closed_on,
                      severity, case when closed_on <= $day then csat end as csat
                  from stg_tickets where account_id = $account and opened_on <= $day order by opened_on desc""",
    "nps": """select response_date, score from stg_nps where account_id = $account and response_date <= $day
              order by response_date desc""",
}


class UnknownAccount(ValueError):
    pass


@dataclass(frozen=True)
class AccountView:
    facts: dict
    mrr: pd.DataFrame
    movements: pd.DataFrame
    journey: pd.DataFrame
    touchpoints: pd.DataFrame
    tickets: pd.DataFrame
    nps: pd.DataFrame
    health: pd.DataFrame
    score_change: pd.DataFrame
    alerts: pd.DataFrame
    renewals: pd.DataFrame


def account_ids(con: duckdb.DuckDBPyConnection) -> list[str]:
    return [row[0] for row in con.execute("select account_id from stg_accounts order by account_id").fetchall()]


def account_view(
    con: duckdb.DuckDBPyConnection, account_id: str, as_of: str | None = None, settings: Settings = DEFAULTS
) -> AccountView:
    facts = con.execute("select * exclude (created_on) from stg_accounts where account_id = ?", [account_id]).fetchdf()
    if facts.empty:
        raise UnknownAccount(f"no account with id {account_id!r}")
    month = resolve_as_of(con, as_of, settings)
    parameters = {"account": account_id, "month": month, "day": risk.last_day(month)}
    frames = {name: _dates_as_dates(con.execute(sql, {k: v for k, v in parameters.items() if f"${k}" in sql}).fetchdf())
              for name, sql in _QUERIES.items()}
    history = health_views.account_history(con, account_id, format_month(month), settings)
    alerts = risk.alerts(con, format_month(month), settings=settings)
    renewals = risk.risk_list(con, format_month(month), settings=settings, window_days=365)
    return AccountView(
        facts=facts.iloc[0].to_dict(), **frames, health=history,
        score_change=health_views.score_change(history, settings),
        alerts=alerts[alerts["account_id"] == account_id].reset_index(drop=True),
        renewals=renewals[renewals["account_id"] == account_id].reset_index(drop=True),
    )


def _dates_as_dates(frame: pd.DataFrame) -> pd.DataFrame:
    """Date columns as plain dates (DuckDB hands them over as timestamps)."""
    for column in frame.columns:
        if pd.api.types.is_datetime64_any_dtype(frame[column]):
            frame[column] = frame[column].dt.date
    return frame
