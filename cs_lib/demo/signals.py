"""What the activity generators share: which accounts are in service, and how healthy they look.

An account's visible health on a day is its latent health, minus a decline
that starts five months before it churns (its spell ends) and deepens up to
the last day. Usage, touchpoints, tickets and NPS all read it, so the health
score built from them really does warn of churn — including churn simulated
just past the end of the data, which is what a renewal risk list is for.
"""

from __future__ import annotations

import numpy as np

from cs_lib.demo.calendar import END_DAY, MONTH_START, NEVER, month_end

DECLINE_DAYS = 150  # how long before churn the signals start to fall
DECLINE_DEPTH = 2.0  # in standard deviations of latent health, reached on the last day


def spells_in_month(spells: dict[str, np.ndarray], month: int) -> np.ndarray:
    """Indexes of the service spells that overlap `month`."""
    return np.flatnonzero((spells["start"] <= month_end(month)) & (spells["end"] >= MONTH_START[month]))


def visible_health(latent: np.ndarray, spell_end: np.ndarray, on_day: np.ndarray) -> np.ndarray:
    """Latent health, pulled down as churn (the end of the spell) approaches."""
    days_left = np.where(spell_end < NEVER, spell_end - on_day, NEVER)
    closeness = np.clip(1.0 - days_left / DECLINE_DAYS, 0.0, 1.0)
    return latent - DECLINE_DEPTH * closeness


def service_days(spells: dict[str, np.ndarray], idx: np.ndarray, month: int) -> tuple[np.ndarray, np.ndarray]:
    """First and last day of `month` on which each spell is in service and inside the data."""
    first = np.maximum(spells["start"][idx], MONTH_START[month])
    last = np.minimum(np.minimum(spells["end"][idx], month_end(month)), END_DAY)
    return first, last


def random_days(rng: np.random.Generator, first: np.ndarray, last: np.ndarray) -> np.ndarray:
    """A uniformly random day in [first, last] for each pair."""
    return first + (rng.random(len(first)) * (last - first + 1)).astype(np.int64)
