"""Touchpoints, support tickets and NPS answers of the demo accounts.

Each is drawn month by month for the accounts in service, from the account's
visible health (signals): as churn approaches, touchpoints thin out,
high-severity tickets and poor CSAT become more common and NPS falls. CS
model shapes the touchpoints: high-touch accounts get kickoffs, training and
quarterly business reviews from people; tech-touch accounts get webinars,
tutorials and automated e-mail.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from cs_lib.demo.accounts import PARTNER, Accounts, account_ids, numbered_ids, pick
from cs_lib.demo.calendar import DATA_MONTHS, END_DAY, NEVER, month_of, sigmoid, stream, to_dates
from cs_lib.demo.lifecycle import Lifecycle
from cs_lib.demo.signals import random_days, service_days, spells_in_month, visible_health

TOUCH_TYPES = ("kickoff", "training", "qbr", "webinar", "tutorial", "email", "call")
KICKOFF, TRAINING, QBR, WEBINAR, TUTORIAL, EMAIL, CALL = range(7)
TOUCH_DEPARTMENTS = ("cs", "sales", "support", "product", "marketing", "services", "partners", "it")
# Unscheduled touchpoints per month and their mix of types, by CS model (high, low, tech touch).
TOUCH_RATE = np.array([2.0, 0.9, 0.7])
TOUCH_MIX = np.array([
    [0, 0.12, 0, 0.10, 0.03, 0.40, 0.35],
    [0, 0.05, 0, 0.25, 0.10, 0.45, 0.15],
    [0, 0, 0, 0.35, 0.30, 0.35, 0],
])
# Which department runs each type of touchpoint (columns as TOUCH_DEPARTMENTS).
TOUCH_OWNER = np.array([
    [0.8, 0.2, 0, 0, 0, 0, 0, 0],
    [0.4, 0, 0, 0, 0, 0.4, 0, 0.2],  # training: admins are often trained by IT
    [0.7, 0.3, 0, 0, 0, 0, 0, 0],
    [0.3, 0, 0, 0.2, 0.5, 0, 0, 0],
    [0.6, 0, 0, 0.4, 0, 0, 0, 0],
    [0.6, 0.2, 0, 0, 0.2, 0, 0, 0],
    [0.6, 0.2, 0.2, 0, 0, 0, 0, 0],
])
SEVERITIES = ("low", "medium", "high")
DAYS_TO_CLOSE = np.array([1.5, 3.0, 6.0])  # median, by severity
HIGH_TOUCH, TECH_TOUCH = 0, 2


def touchpoints_frame(accounts: Accounts, lifecycle: Lifecycle, seed: int) -> pd.DataFrame:
    parts = [_touchpoints_in_month(accounts, lifecycle, seed, month) for month in range(DATA_MONTHS)]
    account, on_day, kind = (np.concatenate([part[i] for part in parts]) for i in range(3))
    key = (account * 40_000 + on_day) * 8 + kind  # natural key (account, date, type): keep one of each
    _, first = np.unique(key, return_index=True)
    account, on_day, kind = account[first], on_day[first], kind[first]
    rng = stream(seed, "touch_owner")
    department = pick(rng, TOUCH_OWNER[kind])
    to_partner = (accounts.business_unit[account] == PARTNER) & (department == 0) & (rng.random(len(kind)) < 0.5)
    department = np.where(to_partner, TOUCH_DEPARTMENTS.index("partners"), department)
    automated = (accounts.cs_model[account] == TECH_TOUCH) | np.isin(kind, (WEBINAR, TUTORIAL))
    return pd.DataFrame({
        "account_id": account_ids(accounts.count).take(account).reset_index(drop=True),
        "date": to_dates(on_day),
        "type": pd.Categorical.from_codes(kind, TOUCH_TYPES),
        "channel": pd.Categorical.from_codes(automated.astype(np.int8), ("high_touch", "tech_touch")),
        "department": pd.Categorical.from_codes(department, TOUCH_DEPARTMENTS),
    })


def _touchpoints_in_month(accounts: Accounts, lifecycle: Lifecycle, seed: int, month: int) -> tuple:
    """(account, day, type) of the month's touchpoints: unscheduled ones, then the planned ones."""
    rng = stream(seed, "touchpoints", month)
    spells = lifecycle.spells
    idx = spells_in_month(spells, month)
    first, last = service_days(spells, idx, month)
    account = spells["account"][idx]
    model = accounts.cs_model[account]
    health = visible_health(accounts.health[account], spells["end"][idx], (first + last) // 2)
    count = rng.poisson(TOUCH_RATE[model] * np.exp(0.35 * health) * (last - first + 1) / 30.0)
    row = np.repeat(np.arange(len(idx)), count)
    parts = [(row, random_days(rng, first[row], last[row]), pick(rng, TOUCH_MIX[model[row]]))]
    parts += _planned_touchpoints(rng, spells["start"][idx], first, last, model, health, month)
    row, on_day, kind = (np.concatenate([part[i] for part in parts]) for i in range(3))
    inside = on_day <= np.minimum(spells["end"][idx][row], END_DAY)
    return account[row][inside], on_day[inside], kind[inside].astype(np.int64)


def _planned_touchpoints(
    rng: np.random.Generator, spell_start: np.ndarray, first: np.ndarray, last: np.ndarray,
    model: np.ndarray, health: np.ndarray, month: int,
) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """A kickoff (or, for tech touch, a tutorial) in the first week, training for high-touch accounts
    within a month, and a quarterly business review that unhealthy accounts tend to skip."""
    starting = np.flatnonzero(spell_start >= first)  # the spell begins this month
    welcome = np.where(model[starting] == TECH_TOUCH, TUTORIAL, KICKOFF)
    trained = starting[model[starting] == HIGH_TOUCH]
    age = month - month_of(spell_start)
    holds_review = rng.random(len(model)) < sigmoid(1.5 + 1.5 * health)
    reviewed = np.flatnonzero((model == HIGH_TOUCH) & (age > 0) & (age % 3 == 0) & holds_review)
    return [
        (starting, spell_start[starting] + rng.integers(0, 7, len(starting)), welcome),
        (trained, spell_start[trained] + rng.integers(7, 31, len(trained)), np.full(len(trained), TRAINING)),
        (reviewed, random_days(rng, first[reviewed], last[reviewed]), np.full(len(reviewed), QBR)),
    ]


def tickets_frame(accounts: Accounts, lifecycle: Lifecycle, seed: int) -> pd.DataFrame:
    parts = [_tickets_in_month(accounts, lifecycle, seed, month) for month in range(DATA_MONTHS)]
    columns = {name: np.concatenate([part[name] for part in parts]) for name in parts[0]}
    order = np.lexsort((columns["account"], columns["opened"]))
    columns = {name: values[order] for name, values in columns.items()}
    count = len(order)
    closed = columns["closed"]
    return pd.DataFrame({
        "ticket_id": numbered_ids("TKT-", count, 7),
        "account_id": account_ids(accounts.count).take(columns["account"]).reset_index(drop=True),
        "opened_on": to_dates(columns["opened"]),
        "closed_on": to_dates(np.where(closed > END_DAY, NEVER, closed)),  # not closed yet: open
        "severity": pd.Categorical.from_codes(columns["severity"], SEVERITIES),
        "csat": pd.Series(columns["csat"], dtype="Int64").mask(columns["csat"] == 0),
    })


def _tickets_in_month(accounts: Accounts, lifecycle: Lifecycle, seed: int, month: int) -> dict[str, np.ndarray]:
    """Tickets grow with seats and with trouble; high severity and slow fixes mean poor CSAT."""
    rng = stream(seed, "tickets", month)
    spells = lifecycle.spells
    idx = spells_in_month(spells, month)
    first, last = service_days(spells, idx, month)
    account = spells["account"][idx]
    seats = np.maximum(lifecycle.seats_by_month[account, month], accounts.seats[account])
    health = visible_health(accounts.health[account], spells["end"][idx], (first + last) // 2)
    rate = 0.06 * (1 + np.log1p(seats) / 2) * np.exp(-0.4 * health) * (last - first + 1) / 30.0
    row = np.repeat(np.arange(len(idx)), rng.poisson(rate))
    health, count = health[row], len(row)
    p_high = sigmoid(-2.6 - 0.9 * health)
    severity = pick(rng, np.column_stack([0.65 * (1 - p_high), 0.35 * (1 - p_high), p_high]))
    opened = random_days(rng, first[row], last[row])
    days_to_close = np.round(DAYS_TO_CLOSE[severity] * rng.lognormal(0.0, 0.8, count)).astype(np.int64)
    score = np.round(4.0 + 0.5 * health - 0.6 * (severity == 2) - 0.05 * days_to_close + rng.normal(0, 0.8, count))
    answered = rng.random(count) < 0.6
    closed = opened + days_to_close
    csat = np.where(answered & (closed <= END_DAY), np.clip(score, 1, 5), 0).astype(np.int64)
    return {"account": account[row], "opened": opened, "closed": closed, "severity": severity, "csat": csat}


def nps_frame(accounts: Accounts, lifecycle: Lifecycle, seed: int) -> pd.DataFrame:
    """NPS surveys: every 6 months for high-touch accounts, else yearly 3 months before the anniversary."""
    accounts_part, days, scores = [], [], []
    spells = lifecycle.spells
    for month in range(DATA_MONTHS):
        rng = stream(seed, "nps", month)
        idx = spells_in_month(spells, month)
        account = spells["account"][idx]
        model = accounts.cs_model[account]
        age = month - month_of(spells["start"][idx])
        due = np.where(model == HIGH_TOUCH, age % 6 == 3, age % 12 == 9)
        answers = due & (rng.random(len(idx)) < np.where(model == HIGH_TOUCH, 0.7, 0.5))
        first, last = service_days(spells, idx[answers], month)
        on_day = random_days(rng, first, last)
        health = visible_health(accounts.health[account[answers]], spells["end"][idx[answers]], on_day)
        scores.append(np.clip(np.round(7.0 + 1.5 * health + rng.normal(0, 1.3, len(on_day))), 0, 10))
        accounts_part.append(account[answers])
        days.append(on_day)
    account, on_day = np.concatenate(accounts_part), np.concatenate(days)
    order = np.lexsort((on_day, account))
    return pd.DataFrame({
        "account_id": account_ids(accounts.count).take(account[order]).reset_index(drop=True),
        "date": to_dates(on_day[order]),
        "score": np.concatenate(scores)[order].astype(np.int64),
    })
