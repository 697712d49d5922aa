"""Difference in differences of NRR for a programme, with its account bootstrap (METRICS.md §12).

Each programme start month s is a stack: the accounts that started in s (treated) against the
accounts active then that had not started by s + 12 (control), all active at s − 12 and at s.
before = NRR over s − 12 → s, after = NRR over s → s + 12. The stacks are pooled by summing MRR
across start months, per role:

    NRR_before(role) = Σ MRR(s) / Σ MRR(s − 12),   NRR_after(role) = Σ MRR(s + 12) / Σ MRR(s)
    DiD = (NRR_after(treated) − NRR_before(treated)) − (NRR_after(control) − NRR_before(control))

An account can be a control of an early stack and treated in a later one: it is resampled as one
unit, keeping all its roles. Accounts treated in some stack and control-only accounts are
resampled separately (two independent groups).

The drawing scheme, fixed so that an independent implementation reproduces the numbers: a fresh
`numpy.random.default_rng(seed)` (seed 0); for each of the 2,000 draws, first
`rng.integers(0, n_t, n_t)` over the accounts treated in some stack (sorted by account id), then
`rng.integers(0, n_c, n_c)` over the control-only accounts (sorted by account id). Each drawn
account adds all its rows. Draws where a denominator sums to 0 are dropped. Interval:
percentiles 2.5 and 97.5 of the kept differences.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from cs_lib.stats.bootstrap import DRAWS, SEED, percentile_interval

TREATED, CONTROL = "treated", "control"
# The eight per-account sums: treated (before num, before den, after num, after den), then control.
_COLUMNS = 8


@dataclass(frozen=True)
class DiDRow:
    """One account in one stack: its role and MRR at s − 12, s and s + 12."""

    account_id: str
    stack_month: str
    role: str
    mrr_before: float
    mrr_stack: float
    mrr_after: float


@dataclass(frozen=True)
class DifferenceInDifferences:
    before_treated: float | None
    after_treated: float | None
    before_control: float | None
    after_control: float | None
    difference: float | None
    lower: float | None
    upper: float | None
    stacks_used: int
    stacks_left_out: int
    treated_accounts: int
    control_accounts: int


def usable_rows(rows: Sequence[DiDRow]) -> tuple[list[DiDRow], int, int]:
    """The rows of the stacks that have both treated and control accounts; (rows, used, left out)."""
    roles_by_stack: dict[str, set[str]] = {}
    for row in rows:
        roles_by_stack.setdefault(row.stack_month, set()).add(row.role)
    used = {stack for stack, roles in roles_by_stack.items() if roles == {TREATED, CONTROL}}
    # a stack with controls only is no stack at all (no programme start that month): not "left out"
    left_out = sum(1 for roles in roles_by_stack.values() if TREATED in roles and CONTROL not in roles)
    return [row for row in rows if row.stack_month in used], len(used), left_out


def difference_in_differences(
    rows: Sequence[DiDRow], *, draws: int = DRAWS, seed: int = SEED, confidence: float = 0.95
) -> DifferenceInDifferences:
    """Pooled stacked difference in differences of NRR and its percentile bootstrap interval."""
    kept, stacks_used, stacks_left_out = usable_rows(rows)
    treated_ids = sorted({row.account_id for row in kept if row.role == TREATED})
    control_ids = sorted({row.account_id for row in kept} - set(treated_ids))
    sums = _per_account_sums(kept, treated_ids + control_ids)
    totals = sums.sum(axis=0) if len(sums) else np.zeros(_COLUMNS)
    point = _did(totals)
    treated_sums, control_sums = sums[: len(treated_ids)], sums[len(treated_ids):]
    samples = []
    if point[0] is not None:
        rng = np.random.default_rng(seed)
        for _ in range(draws):
            drawn_treated = treated_sums[rng.integers(0, len(treated_ids), len(treated_ids))].sum(axis=0)
            drawn_control = control_sums[rng.integers(0, len(control_ids), len(control_ids))].sum(axis=0)
            value = _did(drawn_treated + drawn_control)[0]
            if value is not None:
                samples.append(value)
    interval = percentile_interval(np.asarray(samples), confidence) if samples else None
    lower, upper = interval or (None, None)
    return DifferenceInDifferences(
        *point[1:], point[0], lower, upper, stacks_used, stacks_left_out, len(treated_ids), len(control_ids)
    )


def _per_account_sums(rows: Sequence[DiDRow], account_ids: list[str]) -> np.ndarray:
    """One row per account (in `account_ids` order) of its eight role sums."""
    position = {account_id: index for index, account_id in enumerate(account_ids)}
    sums = np.zeros((len(account_ids), _COLUMNS))
    for row in rows:
        offset = 0 if row.role == TREATED else 4
        sums[position[row.account_id], offset: offset + 4] += (
            row.mrr_stack, row.mrr_before, row.mrr_after, row.mrr_stack,
        )
    return sums


def _did(totals: np.ndarray) -> tuple[float | None, float | None, float | None, float | None, float | None]:
    """(DiD, before treated, after treated, before control, after control) from the eight sums."""
    if np.any(totals[[1, 3, 5, 7]] == 0):
        return None, None, None, None, None
    before_t, after_t = totals[0] / totals[1], totals[2] / totals[3]
    before_c, after_c = totals[4] / totals[5], totals[6] / totals[7]
    values = (after_t - before_t) - (after_c - before_c), before_t, after_t, before_c, after_c
    return tuple(float(value) for value in values)
