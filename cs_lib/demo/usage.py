"""Weekly product usage of the demo accounts, generated one month at a time.

Usage is by far the largest table (tens of millions of rows at the `large`
size), so it is produced in monthly chunks of plain numeric columns that the
warehouse build inserts one by one: memory stays bounded and nothing loops
per row. Each month draws from its own random stream, so a chunk is the same
whether it is generated alone or as part of the whole table.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pandas as pd

from cs_lib.demo.accounts import Accounts
from cs_lib.demo.calendar import DATA_MONTHS, day, mondays_in_data, month_of, sigmoid, stream
from cs_lib.demo.lifecycle import Lifecycle
from cs_lib.demo.signals import spells_in_month, visible_health

METRICS = ("active_users", "logins", "reports_run")
MONDAYS = mondays_in_data()
MONDAY_MONTH = month_of(MONDAYS)
# New Year, Golden Week and Obon: weeks that contain one of these days see less use.
HOLIDAYS = np.concatenate([
    np.arange(day(f"{year}-{start}"), day(f"{year}-{end}") + 1)
    for year in range(2022, 2027)
    for start, end in (("01-01", "01-03"), ("04-29", "05-05"), ("08-13", "08-16"), ("12-29", "12-31"))
])
HOLIDAY_FACTOR = np.where(np.isin(MONDAYS[:, None] + np.arange(7), HOLIDAYS).any(axis=1), 0.6, 1.0)
ONBOARDING_RAMP_DAYS = 90


def usage_chunks(accounts: Accounts, lifecycle: Lifecycle, seed: int) -> Iterator[pd.DataFrame]:
    """Usage month by month, as columns account (index), day (day number), metric (index), value."""
    for month in range(DATA_MONTHS):
        yield usage_for_month(accounts, lifecycle, seed, month)


def usage_for_month(accounts: Accounts, lifecycle: Lifecycle, seed: int, month: int) -> pd.DataFrame:
    rng = stream(seed, "usage", month)
    weeks = np.flatnonzero(MONDAY_MONTH == month)
    spells = lifecycle.spells
    idx = spells_in_month(spells, month)
    spell = np.repeat(idx, len(weeks))
    week = np.tile(weeks, len(idx))
    on_day = MONDAYS[week]
    served = (on_day >= spells["start"][spell]) & (on_day <= spells["end"][spell])
    spell, week, on_day = spell[served], week[served], on_day[served]
    account = spells["account"][spell]
    health = visible_health(accounts.health[account], spells["end"][spell], on_day)
    ramp = np.clip(0.3 + 0.7 * (on_day - spells["start"][spell]) / ONBOARDING_RAMP_DAYS, 0.3, 1.0)
    seats = lifecycle.seats_by_month[account, month]
    seats = np.where(seats > 0, seats, accounts.seats[account])  # first month of service: starting seats
    values = _weekly_values(rng, health, ramp * HOLIDAY_FACTOR[week], seats)
    count = len(account)
    return pd.DataFrame({
        "account": np.tile(account, 3).astype(np.int32),
        "day": np.tile(on_day, 3).astype(np.int32),
        "metric": np.repeat(np.arange(3, dtype=np.int8), count),
        "value": np.concatenate(values),
    })


def _weekly_values(
    rng: np.random.Generator, health: np.ndarray, factor: np.ndarray, seats: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Active users scale with seats and health; logins and reports scale with active users."""
    count = len(health)
    adoption = sigmoid(0.9 + 0.9 * health) * factor * rng.lognormal(0.0, 0.1, count)
    active_users = np.round(np.minimum(seats, seats * adoption))
    logins = np.round(active_users * (2.0 + 1.5 * sigmoid(health)) * rng.lognormal(0.0, 0.15, count))
    reports = np.round(active_users * 0.5 * np.exp(0.3 * health) * rng.lognormal(0.0, 0.25, count))
    return active_users, logins, reports


def usage_frame(chunk: pd.DataFrame, ids: pd.Series) -> pd.DataFrame:
    """A numeric chunk as rows of the contract's `usage` table."""
    return pd.DataFrame({
        "account_id": ids.take(chunk["account"].to_numpy()).reset_index(drop=True),
        "date": chunk["day"].to_numpy().astype("datetime64[D]"),
        "metric": pd.Categorical.from_codes(chunk["metric"].to_numpy(), METRICS),
        "value": chunk["value"].to_numpy(),
    })


def usage_insert_sql(chunk_name: str, id_prefix: str, id_width: int) -> str:
    """SQL that inserts a registered numeric chunk into raw_usage, formatting IDs as usage_frame does."""
    metrics = ", ".join(f"'{metric}'" for metric in METRICS)
    return (
        "insert into raw_usage (account_id, date, metric, value) "
        f"select printf('{id_prefix}%0{id_width}d', account + 1), "
        f"cast(date '1970-01-01' + day as date), [{metrics}][metric + 1], value from {chunk_name}"
    )
