"""The contract book the lifecycle simulation writes into: open lines, and the log of closed ones.

Every account has four slots that can hold an open subscription line: the
main platform line, an extra-seats platform line added mid-term, and one line
per add-on. Opening a slot remembers its start, price and seats; closing it
writes a finished line to the log. Service spells (from first day of service
to churn) and contract terms are logged alongside, for the activity
generators. All operations take arrays of account indexes: one call handles
every account that has the same event in the same month.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from cs_lib.demo.accounts import Accounts, account_ids, numbered_ids
from cs_lib.demo.calendar import NEVER, SIM_MONTHS, last_day_of_term, month_of, to_dates

PRODUCTS = ("platform", "analytics", "automation")
PLANS = ("starter", "standard", "premium")
MAIN, EXTRA, ANALYTICS, AUTOMATION = range(4)
SLOT_PRODUCT = (0, 0, 1, 2)
ADDON_SLOTS = (ANALYTICS, AUTOMATION)
# List prices in yen per month: a base fee plus a price per seat, by plan (platform) or add-on.
PLATFORM_BASE_FEE = np.array([10_000, 30_000, 80_000])
PLATFORM_SEAT_PRICE = np.array([800, 1_500, 2_500])
ADDON_BASE_FEE = {ANALYTICS: 8_000, AUTOMATION: 15_000}
ADDON_SEAT_PRICE = {ANALYTICS: 400, AUTOMATION: 250}
LINE_FIELDS = ("account", "product", "start", "end", "mrr", "seats", "plan", "trial", "monthly")
NOT_STARTED, ACTIVE, CHURNED = 0, 1, 2


class ContractBook:
    """State of every account's contract, and the log of what happened."""

    def __init__(self, accounts: Accounts) -> None:
        count = accounts.count
        self.accounts = accounts
        self.status = np.full(count, NOT_STARTED, dtype=np.int8)
        self.term = accounts.term.copy()
        self.tier = accounts.tier.copy()
        self.seats = accounts.seats.copy()  # seats of the main line
        self.term_start = np.full(count, NEVER, dtype=np.int64)
        self.term_end = np.full(count, NEVER, dtype=np.int64)
        self.start_month = np.full(count, -1, dtype=np.int64)
        self.end_month = np.full(count, -1, dtype=np.int64)
        self.renewals = np.zeros(count, dtype=np.int64)
        self.comeback_month = np.full(count, -1, dtype=np.int64)
        self.spell_start = np.full(count, NEVER, dtype=np.int64)
        self.program_day = accounts.program_day.copy()
        self.slot_open = np.zeros((4, count), dtype=bool)
        self.slot_start = np.zeros((4, count), dtype=np.int64)
        self.slot_mrr = np.zeros((4, count))
        self.slot_seats = np.zeros((4, count), dtype=np.int64)
        self.slot_plan = np.full((4, count), -1, dtype=np.int64)
        self.seats_by_month = np.zeros((count, SIM_MONTHS), dtype=np.int32)
        self.lines: list[tuple[np.ndarray, ...]] = []
        self.spells: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
        self.terms: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []

    def total_seats(self, idx: np.ndarray) -> np.ndarray:
        return self.seats[idx] + np.where(self.slot_open[EXTRA, idx], self.slot_seats[EXTRA, idx], 0)

    def price(self, slot: int, idx: np.ndarray, seats: np.ndarray) -> np.ndarray:
        """Monthly price of a line, after the account's negotiated factor, rounded to 100 yen."""
        tier = self.tier[idx]
        if slot == MAIN:
            list_price = PLATFORM_BASE_FEE[tier] + PLATFORM_SEAT_PRICE[tier] * seats
        elif slot == EXTRA:
            list_price = PLATFORM_SEAT_PRICE[tier] * seats
        else:
            list_price = ADDON_BASE_FEE[slot] + ADDON_SEAT_PRICE[slot] * seats
        return np.round(list_price * self.accounts.price_factor[idx], -2)

    def open_slot(self, slot: int, idx: np.ndarray, start: np.ndarray, seats: np.ndarray) -> None:
        self.slot_open[slot, idx] = True
        self.slot_start[slot, idx] = start
        self.slot_seats[slot, idx] = seats
        self.slot_mrr[slot, idx] = self.price(slot, idx, seats)
        self.slot_plan[slot, idx] = self.tier[idx] if slot in (MAIN, EXTRA) else -1

    def close_slots(self, idx: np.ndarray, end: np.ndarray, slots: tuple[int, ...] = (0, 1, 2, 3)) -> None:
        """Close the open lines of these slots with last day `end` (one per account) and log them."""
        end = np.broadcast_to(np.asarray(end, dtype=np.int64), idx.shape)
        for slot in slots:
            is_open = self.slot_open[slot, idx]
            if not is_open.any():
                continue
            sel, sel_end = idx[is_open], end[is_open]
            self.lines.append((
                sel, np.full(len(sel), SLOT_PRODUCT[slot]), self.slot_start[slot, sel], sel_end,
                self.slot_mrr[slot, sel], self.slot_seats[slot, sel], self.slot_plan[slot, sel],
                np.zeros(len(sel), dtype=bool), self.term[sel] == 0,
            ))
            self.slot_open[slot, sel] = False

    def open_term(self, idx: np.ndarray, start: np.ndarray) -> None:
        """Start a contract period: a fixed term (logged for the renewal stage) or a monthly contract."""
        term = self.term[idx]
        fixed = term > 0
        end = np.where(fixed, last_day_of_term(start, np.maximum(term, 1)), NEVER)
        self.term_start[idx] = start
        self.term_end[idx] = end
        self.start_month[idx] = month_of(start)
        self.end_month[idx] = np.where(fixed, month_of(end), -1)
        self.terms.append((idx[fixed], start[fixed], end[fixed]))
        self.open_slot(MAIN, idx, start, self.seats[idx])

    def log_trial(self, idx: np.ndarray, start: np.ndarray, end: np.ndarray) -> None:
        """A free pilot: a platform line with mrr 0 before the paid contract."""
        self.lines.append((
            idx, np.zeros(len(idx), dtype=np.int64), start, end, np.zeros(len(idx)), self.seats[idx],
            self.tier[idx], np.ones(len(idx), dtype=bool), np.zeros(len(idx), dtype=bool),
        ))

    def end_spell(self, idx: np.ndarray, end: np.ndarray) -> None:
        self.spells.append((idx, self.spell_start[idx], np.broadcast_to(end, idx.shape).copy()))
        self.spell_start[idx] = NEVER

    def record_seats(self, month: int) -> None:
        active = np.flatnonzero(self.status == ACTIVE)
        self.seats_by_month[active, month] = self.total_seats(active)

    def line_arrays(self) -> dict[str, np.ndarray]:
        return {name: np.concatenate([line[i] for line in self.lines]) for i, name in enumerate(LINE_FIELDS)}


def subscriptions_frame(lines: dict[str, np.ndarray], account_count: int) -> pd.DataFrame:
    """The contract's `subscriptions` table; the plan of a platform line goes to extra_columns as JSON."""
    count = len(lines["account"])
    # Plain text, not categorical: the warehouse parses text into its JSON column, but would quote an enum.
    plan_json = np.array(
        [f'{{"plan": "{plan}"}}' for plan in PLANS] + [f'{{"plan": "{plan}", "trial": true}}' for plan in PLANS]
        + [None], dtype=object,
    )
    plan_code = np.where(lines["plan"] < 0, -1, lines["plan"] + 3 * lines["trial"])
    return pd.DataFrame({
        "subscription_id": numbered_ids("SUB-", count, 7),
        "account_id": account_ids(account_count).take(lines["account"]).reset_index(drop=True),
        "product": pd.Categorical.from_codes(lines["product"], PRODUCTS),
        "start_date": to_dates(lines["start"]),
        "end_date": to_dates(lines["end"]),
        "mrr": lines["mrr"].astype(np.float64),
        "seats": lines["seats"].astype(np.int64),
        "extra_columns": pd.Series(plan_json[plan_code], dtype="str"),
    })
