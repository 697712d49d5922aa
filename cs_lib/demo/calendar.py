"""Calendar and random streams shared by the demo-data generators.

The generators work on integer day numbers (days since 1970-01-01) and month
indexes (0 = 2022-11) so that date arithmetic stays vectorised in numpy; the
frames get real dates only when they are assembled. Every random draw comes
from a named stream seeded by (seed, name, index), so a part of the data can
be generated on its own — usage month by month, for instance — and still come
out identical.
"""

from __future__ import annotations

import zlib

import numpy as np

FIRST_MONTH = np.datetime64("2022-11", "M")
DATA_MONTHS = 48  # 2022-11 … 2026-10: the months the data covers
# Churn decisions are simulated six months past the data so that the health
# signals of the last months foreshadow churn that has not happened yet.
SIM_MONTHS = DATA_MONTHS + 6
_MONTHS = np.arange(FIRST_MONTH, FIRST_MONTH + SIM_MONTHS + 30)  # room for a 24-month term after the end
MONTH_START = _MONTHS.astype("datetime64[D]").astype(np.int64)
END_DAY = int(MONTH_START[DATA_MONTHS] - 1)  # 2026-10-31, the last day of the data
NEVER = 10**7  # an open end (year ~29000): compares greater than every real day


def day(text: str) -> int:
    """Day number of an ISO date, for readable constants."""
    return int(np.datetime64(text, "D").astype(np.int64))


def month_end(month: np.ndarray | int) -> np.ndarray:
    return MONTH_START[np.asarray(month) + 1] - 1


def month_of(days: np.ndarray) -> np.ndarray:
    """Month index of each day number."""
    return np.searchsorted(MONTH_START, days, side="right") - 1


def last_day_of_term(start_day: np.ndarray, months: np.ndarray) -> np.ndarray:
    """Last day (inclusive) of a term of `months` months starting on `start_day`.

    A 12-month term from 2024-04-01 ends 2025-03-31; from 2024-04-15 it ends
    2025-04-14. Start days are never after the 28th, so the same day exists in
    every month.
    """
    start_month = month_of(start_day)
    day_of_month = start_day - MONTH_START[start_month]
    return MONTH_START[start_month + months] + day_of_month - 1


def to_dates(days: np.ndarray) -> np.ndarray:
    """Day numbers to datetime64[D]; NEVER becomes NaT (an empty date)."""
    days = np.asarray(days, dtype=np.int64)
    dates = days.astype("datetime64[D]")
    dates[days >= NEVER] = np.datetime64("NaT")
    return dates


def mondays_in_data() -> np.ndarray:
    """Day numbers of the Mondays from the first month to END_DAY: one usage week each."""
    first = int(MONTH_START[0])
    first_monday = first + (4 - first) % 7  # day 0 (1970-01-01) was a Thursday, so day 4 was a Monday
    return np.arange(first_monday, END_DAY + 1, 7, dtype=np.int64)


def stream(seed: int, name: str, index: int = 0) -> np.random.Generator:
    """An independent, reproducible random generator for one part of the data."""
    return np.random.default_rng([seed, zlib.crc32(name.encode()), index])


def sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))
