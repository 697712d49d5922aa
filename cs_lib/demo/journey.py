"""Customer-journey events and CS programme enrolments of the demo accounts.

Stages follow schema.DEFAULT_JOURNEY_STAGES: onboarding when service
starts, adoption one to three months later for accounts that take to the
product, renewal three months before each term ends (the point where, in the
published case, sharing the account's condition with sales lifted first
renewals), and value realisation for healthy accounts after a year or more.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from cs_lib.demo.accounts import PROGRAMS, Accounts, account_ids
from cs_lib.demo.calendar import END_DAY, sigmoid, stream, to_dates
from cs_lib.demo.lifecycle import Lifecycle
from cs_lib.demo.signals import visible_health
from cs_lib.schema import DEFAULT_JOURNEY_STAGES

STAGES = tuple(stage[0] for stage in DEFAULT_JOURNEY_STAGES)
ONBOARDING, ADOPTION, RENEWAL, VALUE_REALIZATION = (STAGES.index(name) for name in (
    "onboarding", "adoption", "renewal", "value_realization"))
RENEWAL_LEAD_DAYS = 90


def journey_events_frame(accounts: Accounts, lifecycle: Lifecycle, seed: int) -> pd.DataFrame:
    rng = stream(seed, "journey")
    spells, terms = lifecycle.spells, lifecycle.terms
    account, start, end = spells["account"], spells["start"], spells["end"]
    count = len(account)
    adoption_day = start + rng.integers(30, 91, count) + 30 * (accounts.segment[account] == 0)
    adopts = rng.random(count) < sigmoid(1.0 + 1.5 * visible_health(accounts.health[account], end, adoption_day))
    value_day = start + rng.integers(365, 541, count)
    realises = (visible_health(accounts.health[account], end, value_day) > 0.2) & (rng.random(count) < 0.8)
    renewal_day = terms["end"] - RENEWAL_LEAD_DAYS
    events = [
        (account, start, ONBOARDING, np.ones(count, dtype=bool)),
        (account[adopts], adoption_day[adopts], ADOPTION, adoption_day[adopts] <= end[adopts]),
        (terms["account"], renewal_day, RENEWAL, renewal_day >= terms["start"]),
        (account[realises], value_day[realises], VALUE_REALIZATION, value_day[realises] <= end[realises]),
    ]
    who = np.concatenate([event[0][event[3]] for event in events])
    when = np.concatenate([event[1][event[3]] for event in events])
    stage = np.concatenate([np.full(event[3].sum(), event[2]) for event in events])
    inside = when <= END_DAY
    key = (who[inside] * 40_000 + when[inside]) * 4 + stage[inside]
    _, first = np.unique(key, return_index=True)  # sorted by account, day, stage; duplicates dropped
    who, when, stage = who[inside][first], when[inside][first], stage[inside][first]
    return pd.DataFrame({
        "account_id": account_ids(accounts.count).take(who).reset_index(drop=True),
        "stage": pd.Categorical.from_codes(stage, STAGES),
        "entered_on": to_dates(when),
    })


def programs_frame(accounts: Accounts, lifecycle: Lifecycle) -> pd.DataFrame:
    """Programme enrolments that began while the account was a customer, by the end of the data."""
    program, account = np.nonzero(lifecycle.program_day <= END_DAY)
    started = lifecycle.program_day[program, account]
    order = np.lexsort((program, account))
    return pd.DataFrame({
        "account_id": account_ids(accounts.count).take(account[order]).reset_index(drop=True),
        "program": pd.Categorical.from_codes(program[order], PROGRAMS),
        "started_on": to_dates(started[order]),
    })
