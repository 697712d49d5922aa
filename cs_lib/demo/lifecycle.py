"""Subscription lifecycle of the demo accounts, simulated month by month.

Why a simulation rather than independent random lines: the pages must find
true stories in the data. Churn is decided at each renewal (or monthly, for
monthly contracts) with a probability that falls with the business unit's CS
maturity, the account's latent health and the CS programmes it joined, and
is highest at the first renewal; healthy accounts climb the price-tier
staircase, add seats and buy add-ons. Every account with the same event in
the same month is handled in one vectorised step, so the cost grows with
months, not with accounts.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from cs_lib.demo.accounts import BUSINESS_UNIT_MATURITY, INDUSTRY_CHURN, Accounts
from cs_lib.demo.book import (
    ACTIVE,
    ADDON_SLOTS,
    ANALYTICS,
    AUTOMATION,
    CHURNED,
    EXTRA,
    MAIN,
    NOT_STARTED,
    ContractBook,
)
from cs_lib.demo.calendar import (
    DATA_MONTHS,
    END_DAY,
    MONTH_START,
    NEVER,
    SIM_MONTHS,
    month_end,
    month_of,
    stream,
)

BASE_CHURN = np.array([0.12, 0.14, 0.16])  # annual churn probability by segment, before adjustments
MODEL_CHURN = np.array([0.9, 1.0, 1.1])  # high, low, tech touch
MATURITY_EFFECT = 0.04  # fewer churns per year, per maturity level of the business unit
PROGRAM_EFFECT = 0.82  # churn multiplier for each CS programme the account has joined
FIRST_RENEWAL_RISK = 1.3
COMEBACK_SHARE = 0.12  # churned accounts that return within 3–14 months
ANALYTICS_AT_START = np.array([0.30, 0.15, 0.05])  # by segment


@dataclass(frozen=True)
class Lifecycle:
    """What happened to every account, as arrays of account indexes and day numbers."""

    lines: dict[str, np.ndarray]  # subscription lines that started by END_DAY
    spells: dict[str, np.ndarray]  # service spells: account, start, end (NEVER = no churn simulated)
    terms: dict[str, np.ndarray]  # fixed-term contract periods: account, start, end
    seats_by_month: np.ndarray  # (accounts × months) seats in service at the start of each month
    program_day: np.ndarray  # (2 × accounts) start of each programme, NEVER if never joined


def simulate(accounts: Accounts, seed: int) -> Lifecycle:
    book = ContractBook(accounts)
    rng = stream(seed, "lifecycle")
    _start_pilots(book)
    paid_month = np.where(accounts.paid_day < NEVER, month_of(accounts.paid_day), -1)
    for month in range(SIM_MONTHS):
        book.record_seats(month)
        _arrivals(book, month, paid_month, rng)
        if month < DATA_MONTHS:
            _mid_term_changes(book, month, rng)
        _term_ends(book, month, rng)
        _monthly_contracts(book, month, rng)
    active = np.flatnonzero(book.status == ACTIVE)
    book.close_slots(active, book.term_end[active])  # NEVER (open-ended) for monthly contracts
    book.end_spell(active, np.full(len(active), NEVER))
    return Lifecycle(
        lines=_emitted_lines(book),
        spells=_started_by_end(book.spells, ("account", "start", "end")),
        terms=_started_by_end(book.terms, ("account", "start", "end")),
        seats_by_month=book.seats_by_month,
        program_day=book.program_day,
    )


def _start_pilots(book: ContractBook) -> None:
    accounts = book.accounts
    idx = np.flatnonzero(accounts.pilot_end < NEVER)
    book.log_trial(idx, accounts.arrival_day[idx], accounts.pilot_end[idx])
    book.spell_start[idx] = accounts.arrival_day[idx]
    lost = idx[accounts.paid_day[idx] == NEVER]
    book.end_spell(lost, accounts.pilot_end[lost])


def _arrivals(book: ContractBook, month: int, paid_month: np.ndarray, rng: np.random.Generator) -> None:
    new = np.flatnonzero((book.status == NOT_STARTED) & (paid_month == month))
    _start_service(book, new, book.accounts.paid_day[new], rng)
    back = np.flatnonzero((book.status == CHURNED) & (book.comeback_month == month))
    count = len(back)
    # A returning customer starts smaller and more cautiously: lower tier, fewer seats, shorter term.
    book.tier[back] = np.maximum(0, book.tier[back] - (rng.random(count) < 0.5))
    book.seats[back] = np.maximum(1, np.round(book.seats[back] * rng.uniform(0.5, 1.0, count)))
    book.term[back] = np.where(rng.random(count) < 0.4, 0, 12)
    book.renewals[back] = 0
    _start_service(book, back, np.full(count, MONTH_START[month]), rng)


def _start_service(book: ContractBook, idx: np.ndarray, start: np.ndarray, rng: np.random.Generator) -> None:
    book.status[idx] = ACTIVE
    book.spell_start[idx] = np.minimum(book.spell_start[idx], start)  # a pilot's spell began earlier
    book.open_term(idx, start)
    takes_analytics = rng.random(len(idx)) < ANALYTICS_AT_START[book.accounts.segment[idx]]
    chosen = idx[takes_analytics]
    book.open_slot(ANALYTICS, chosen, start[takes_analytics], book.seats[chosen])


def _annual_churn(book: ContractBook, idx: np.ndarray, on_day: np.ndarray | int) -> np.ndarray:
    """Probability that the account leaves within a year, as judged on `on_day`."""
    accounts = book.accounts
    risk = (
        BASE_CHURN[accounts.segment[idx]] * INDUSTRY_CHURN[accounts.industry[idx]]
        * MODEL_CHURN[accounts.cs_model[idx]]
        * np.exp(-0.55 * accounts.health[idx] + accounts.csm_effect[idx])
        * np.where(book.renewals[idx] == 0, FIRST_RENEWAL_RISK, 1.0)
    )
    risk = risk - MATURITY_EFFECT * (BUSINESS_UNIT_MATURITY[accounts.business_unit[idx]] - 2.5)
    programs_joined = (book.program_day[:, idx] <= on_day).sum(axis=0)
    return np.clip(risk, 0.01, 0.9) * PROGRAM_EFFECT**programs_joined


def _term_ends(book: ContractBook, month: int, rng: np.random.Generator) -> None:
    idx = np.flatnonzero((book.status == ACTIVE) & (book.term > 0) & (book.end_month == month))
    end = book.term_end[idx]
    leave = _annual_churn(book, idx, end)
    leave = np.where(book.term[idx] == 24, 1 - (1 - leave) ** 1.6, leave)
    leaves = rng.random(len(idx)) < leave
    _churn(book, idx[leaves], end[leaves], month, rng)
    _renew(book, idx[~leaves], rng)


def _churn(book: ContractBook, idx: np.ndarray, end: np.ndarray, month: int, rng: np.random.Generator) -> None:
    book.close_slots(idx, end)
    book.status[idx] = CHURNED
    book.end_spell(idx, end)
    planned = book.program_day[:, idx]
    book.program_day[:, idx] = np.where(planned > end, NEVER, planned)  # a programme not begun never will
    count = len(idx)
    comeback = month + rng.integers(3, 15, count)
    returns = (rng.random(count) < COMEBACK_SHARE) & (comeback < DATA_MONTHS)
    book.comeback_month[idx] = np.where(returns, comeback, -1)


def _expansion_drive(book: ContractBook, idx: np.ndarray) -> np.ndarray:
    """How strongly an account grows: healthy accounts in mature units expand most."""
    maturity = BUSINESS_UNIT_MATURITY[book.accounts.business_unit[idx]]
    return book.accounts.health[idx] + 0.3 * (maturity - 2.5)


def _renew(book: ContractBook, idx: np.ndarray, rng: np.random.Generator) -> None:
    """Renewal: a new line from the next day, often at a new tier or seat count, add-ons re-decided."""
    count, health = len(idx), _expansion_drive(book, idx)
    seats = book.total_seats(idx)
    had_addon = book.slot_open[list(ADDON_SLOTS)][:, idx]
    book.close_slots(idx, book.term_end[idx])
    up = (book.tier[idx] < 2) & (rng.random(count) < 0.15 * np.exp(0.7 * health))
    down = ~up & (book.tier[idx] > 0) & (rng.random(count) < 0.05 * np.exp(-0.7 * health))
    book.tier[idx] += up.astype(np.int64) - down
    resized = rng.random(count) < 0.35  # most renewals keep the seat count
    growth = np.where(resized, rng.normal(0.05 + 0.08 * health, 0.15), 0.0)
    book.seats[idx] = np.maximum(1, np.round(seats * np.exp(growth)))
    term, draw = book.term[idx], rng.random(count)
    longer = (term == 12) & (draw < 0.10 * np.exp(0.4 * health))
    book.term[idx] = np.where(longer, 24, np.where((term == 24) & (draw < 0.15), 12, term))
    book.renewals[idx] += 1
    keep = had_addon & (rng.random((2, count)) > 0.08 * np.exp(-0.6 * health))
    add = ~had_addon & (rng.random((2, count)) < 0.10 * np.exp(0.6 * health))
    _restart_term(book, idx, book.term_end[idx] + 1, keep | add)


def _restart_term(book: ContractBook, idx: np.ndarray, start: np.ndarray, addons: np.ndarray) -> None:
    """Open a new contract period with its main line and the chosen add-ons (a 2 × n mask)."""
    book.open_term(idx, start)
    for row, slot in enumerate(ADDON_SLOTS):
        chosen = idx[addons[row]]
        book.open_slot(slot, chosen, start[addons[row]], book.seats[chosen])


def _mid_term_changes(book: ContractBook, month: int, rng: np.random.Generator) -> None:
    """Within a fixed term, healthy accounts add seats and buy add-ons."""
    idx = np.flatnonzero(
        (book.status == ACTIVE) & (book.term > 0) & (book.start_month < month) & (book.end_month > month)
    )
    count, health = len(idx), _expansion_drive(book, idx)
    on = MONTH_START[month] + rng.integers(0, 28, count)
    grows = rng.random(count) < 0.012 * np.exp(0.6 * health)
    _add_seats(book, idx[grows], on[grows], rng)
    buys = rng.random(count) < 0.006 * np.exp(0.6 * health)
    _cross_sell(book, idx[buys], on[buys], rng)


def _add_seats(book: ContractBook, idx: np.ndarray, on: np.ndarray, rng: np.random.Generator) -> None:
    """Extra seats either as a separate line to the term's end, or by replacing the main line."""
    count = len(idx)
    added = np.ceil(book.total_seats(idx) * rng.uniform(0.15, 0.5, count)).astype(np.int64)
    as_line = ~book.slot_open[EXTRA, idx] & (rng.random(count) < 0.5)
    book.open_slot(EXTRA, idx[as_line], on[as_line], added[as_line])
    swap = idx[~as_line]
    book.close_slots(swap, on[~as_line] - 1, (MAIN,))
    book.seats[swap] += added[~as_line]
    book.open_slot(MAIN, swap, on[~as_line], book.seats[swap])


def _cross_sell(book: ContractBook, idx: np.ndarray, on: np.ndarray, rng: np.random.Generator) -> None:
    missing = ~book.slot_open[list(ADDON_SLOTS)][:, idx]
    prefers_analytics = rng.random(len(idx)) < 0.6
    wants_analytics = missing[0] & (prefers_analytics | ~missing[1])
    wants_automation = missing[1] & ~wants_analytics
    for slot, wants in ((ANALYTICS, wants_analytics), (AUTOMATION, wants_automation)):
        chosen = idx[wants]
        book.open_slot(slot, chosen, on[wants], book.total_seats(chosen))


def _monthly_contracts(book: ContractBook, month: int, rng: np.random.Generator) -> None:
    """Monthly contracts may end any month (last day of service = month end)."""
    idx = np.flatnonzero((book.status == ACTIVE) & (book.term == 0) & (book.start_month < month))
    yearly = np.minimum(_annual_churn(book, idx, MONTH_START[month]) * 1.3, 0.95)
    leaves = rng.random(len(idx)) < 1 - (1 - yearly) ** (1 / 12)
    _churn(book, idx[leaves], np.full(leaves.sum(), month_end(month)), month, rng)
    if month < DATA_MONTHS - 1:  # changes start next month, which must still be inside the data
        _monthly_changes(book, idx[~leaves], month, rng)


def _monthly_changes(book: ContractBook, idx: np.ndarray, month: int, rng: np.random.Generator) -> None:
    """Upgrades and downgrades replace the open line; some move to a 12-month contract."""
    count, health = len(idx), _expansion_drive(book, idx)
    next_start = MONTH_START[month + 1]
    draw = rng.random(count)
    up, down = draw < 0.02 * np.exp(0.6 * health), draw > 1 - 0.005 * np.exp(-0.6 * health)
    changed = idx[up | down]
    book.close_slots(changed, next_start - 1, (MAIN,))
    tier, seats = book.tier[idx], book.seats[idx]
    book.tier[idx] = np.clip(tier + (up & (tier < 2)) - (down & (tier > 0)), 0, 2)
    seat_factor = np.where(up & (tier == 2), 1.25, np.where(down & (tier == 0), 0.8, 1.0))
    book.seats[idx] = np.maximum(1, np.round(seats * seat_factor))
    book.open_slot(MAIN, changed, np.full(len(changed), next_start), book.seats[changed])
    steady = ~(up | down)
    graduates = idx[steady & (rng.random(count) < 0.01 * np.exp(0.5 * health))]
    addons = book.slot_open[list(ADDON_SLOTS)][:, graduates]
    book.close_slots(graduates, np.full(len(graduates), next_start - 1))
    book.term[graduates] = 12
    _restart_term(book, graduates, np.full(len(graduates), next_start), addons)
    buys = steady & (book.term[idx] == 0) & (rng.random(count) < 0.006 * np.exp(0.6 * health))
    _cross_sell(book, idx[buys], np.full(buys.sum(), next_start), rng)


def _emitted_lines(book: ContractBook) -> dict[str, np.ndarray]:
    """Lines as the data shows them at END_DAY: nothing starts later, monthly lines still open."""
    lines = book.line_arrays()
    lines = {name: values[lines["start"] <= END_DAY] for name, values in lines.items()}
    lines["end"] = np.where(lines["monthly"] & (lines["end"] > END_DAY), NEVER, lines["end"])
    order = np.lexsort((lines["end"], lines["product"], lines["start"], lines["account"]))
    return {name: values[order] for name, values in lines.items()}


def _started_by_end(parts: list[tuple[np.ndarray, ...]], fields: tuple[str, ...]) -> dict[str, np.ndarray]:
    arrays = {name: np.concatenate([part[i] for part in parts]) for i, name in enumerate(fields)}
    keep = arrays["start"] <= END_DAY
    order = np.lexsort((arrays["start"][keep], arrays["account"][keep]))
    return {name: values[keep][order] for name, values in arrays.items()}
