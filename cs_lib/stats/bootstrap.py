"""Bootstrap over accounts for ratio KPIs (METRICS.md §13).

Every KPI here is a ratio of per-account sums: KPI = Σ numerator_a / Σ denominator_a over the
accounts of a period (NRR = Σ MRR_end / Σ MRR_start, logo churn = Σ churned / Σ active_before,
upsell = Σ [end > start] / Σ 1). Resampling accounts with replacement and recomputing the sums
respects that accounts, not rows, are the independent units.

Two periods share most of their accounts, so they are not independent samples: the comparison
resamples the union of accounts once per draw and recomputes *both* periods' KPI from the same
resampled accounts (a paired bootstrap). An account absent from a period contributes 0 to both
sums of that period.

The drawing scheme is fixed so that an independent implementation reproduces the numbers:
a fresh `numpy.random.default_rng(seed)` (seed 0) per KPI, then for each of the 2,000 draws, in
order, `rng.integers(0, n, n)` as the resampled account positions. The sums are computed fast
(counts per account × values, one BLAS product per batch of draws) but equal the naive
`values[idx].sum()` up to floating-point summation order.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
from threadpoolctl import ThreadpoolController

DRAWS = 2000
SEED = 0
#: Below this many accounts in the smaller period the verdict is "too few accounts to tell".
WEAK_EVIDENCE_ACCOUNTS = 30

WITHIN_NOISE = "within_noise"
IMPROVEMENT = "improvement"
DECLINE = "decline"
TOO_FEW = "too_few"
#: Enough accounts but no interval (a period's KPI undefined, or every draw dropped).
UNDEFINED = "undefined"

# A batch's index and count matrices are batch × n int64 each; small batches stay in the CPU cache
# (measured on 2 cores: 16–64 draws a batch beat 256 by a quarter).
_BATCH_BYTES = 2**20
_MIN_BATCH, _MAX_BATCH = 8, 64


@dataclass(frozen=True)
class RatioChange:
    """One KPI in two periods, its change (now − before) and the bootstrap interval of the change.

    `value_now`/`value_before` are None when that period's denominator sums to 0; `difference` is
    None when either is. `lower`/`upper` are None when no draw was kept. `accounts_now`/
    `accounts_before` are the accounts each period rests on (the weak-evidence count).
    """

    value_now: float | None
    value_before: float | None
    difference: float | None
    lower: float | None
    upper: float | None
    draws_kept: int
    accounts_now: int
    accounts_before: int

    def verdict(self, lower_is_better: bool) -> str:
        """The §13 verdict code: "too_few", "undefined", "improvement", "decline" or "within_noise".

        "too_few" wins whatever the interval says when the smaller period rests on fewer than
        WEAK_EVIDENCE_ACCOUNTS accounts. With enough accounts but no interval the answer is
        "undefined" (not "within_noise": nothing was measured, so nothing is claimed). The change
        is real only when the interval excludes 0 strictly; an interval touching 0 is noise.
        A rise is an improvement unless `lower_is_better` (churn rates), and vice versa.
        """
        if min(self.accounts_now, self.accounts_before) < WEAK_EVIDENCE_ACCOUNTS:
            return TOO_FEW
        if self.lower is None or self.upper is None:
            return UNDEFINED
        if self.lower > 0:
            return DECLINE if lower_is_better else IMPROVEMENT
        if self.upper < 0:
            return IMPROVEMENT if lower_is_better else DECLINE
        return WITHIN_NOISE


def resampled_sums(values: np.ndarray, *, draws: int = DRAWS, seed: int = SEED) -> np.ndarray:
    """Column sums of `values` (n × m) over the resampled rows of each draw, shape (draws, m).

    Draw d uses the d-th `rng.integers(0, n, n)` of a fresh `default_rng(seed)`. A batch of draws is
    generated in one call, `rng.integers(0, n, (batch, n))`, which yields the same indices in the
    same order as `batch` successive calls (the generator's 32-bit stream simply continues;
    tests/test_stats.py checks it against a per-draw loop). Each draw's sums are
    bincount(indices) @ values: how often each account was drawn times its values, computed for
    the whole batch with one offset bincount and one matrix product.
    """
    values = np.asarray(values, dtype=float)
    n, m = values.shape
    if n == 0:
        return np.zeros((draws, m))
    rng = np.random.default_rng(seed)
    batch = int(min(_MAX_BATCH, max(_MIN_BATCH, _BATCH_BYTES // (8 * n)), max(draws, 1)))
    offsets = (np.arange(batch) * n)[:, None]
    sums = np.empty((draws, m))
    # One BLAS thread: the products are small, and the app runs two bootstraps side by side.
    with _blas_controller().limit(limits=1, user_api="blas"):
        for start in range(0, draws, batch):
            size = min(batch, draws - start)
            indices = rng.integers(0, n, (size, n))
            indices += offsets[:size]
            counts = np.bincount(indices.ravel(), minlength=size * n).reshape(size, n)
            sums[start : start + size] = counts @ values
    return sums


@functools.cache
def _blas_controller() -> ThreadpoolController:
    """Finding the loaded BLAS libraries takes milliseconds: do it once."""
    return ThreadpoolController()


def percentile_interval(samples: np.ndarray, confidence: float = 0.95) -> tuple[float, float] | None:
    """Percentile interval of bootstrap samples; None when there are none.

    Percentiles (1 − confidence)/2 and (1 + confidence)/2, i.e. 2.5 and 97.5 at 95 %, with
    numpy's default method ("linear": interpolate between the two nearest order statistics,
    position (k − 1)·q/100), which any reimplementation can match exactly.
    """
    if not 0.0 < confidence < 1.0:
        raise ValueError(f"confidence must lie strictly between 0 and 1, got {confidence!r}")
    samples = np.asarray(samples, dtype=float)
    if samples.size == 0:
        return None
    tail = round(50.0 * (1.0 - confidence), 10)  # exactly 2.5 at 95 %, not 2.5000000000000022
    lower, upper = np.percentile(samples, [tail, 100.0 - tail])
    return float(lower), float(upper)


def _as_columns(array, name: str) -> np.ndarray:
    array = np.asarray(array, dtype=float)
    if array.ndim == 1:
        array = array[:, None]
    if array.ndim != 2:
        raise ValueError(f"{name} must be 1-D (one KPI) or 2-D (accounts × KPIs), got shape {array.shape}")
    return array


def _ratio(numerator: float, denominator: float) -> float | None:
    return None if denominator == 0 else float(numerator / denominator)


def _account_counts(explicit, denominators: np.ndarray) -> list[int]:
    if explicit is None:
        return [int(c) for c in np.count_nonzero(denominators, axis=0)]
    counts = [int(c) for c in np.atleast_1d(explicit)]
    if len(counts) != denominators.shape[1]:
        raise ValueError(f"need one account count per KPI ({denominators.shape[1]}), got {len(counts)}")
    return counts


def paired_ratio_changes(
    numerators_now,
    denominators_now,
    numerators_before,
    denominators_before,
    *,
    accounts_now=None,
    accounts_before=None,
    draws: int = DRAWS,
    seed: int = SEED,
    confidence: float = 0.95,
) -> list[RatioChange]:
    """Paired bootstrap of the change of k ratio KPIs between two periods, in one pass.

    The four arrays are (n × k), or 1-D for a single KPI: row i is the i-th account of the union
    of both periods' accounts, *the caller aligns and sorts the union by account_id* (0 where an
    account is absent from a period); column j is KPI j. Each draw resamples the union and
    recomputes both periods' KPI; draws where either period's denominator sum is 0 are dropped
    (per KPI); the interval is the percentile interval of the kept differences (now − before).

    §13 asks for a fresh default_rng(0) per KPI. All KPIs of one union share n, so their draws are
    identical and one shared pass gives the same result as k separate runs (up to floating-point
    summation order). `accounts_now`/`accounts_before` (one count per KPI) are the accounts each
    period rests on; by default the accounts with a nonzero denominator in that period.
    """
    columns = [
        _as_columns(a, name)
        for a, name in zip(
            (numerators_now, denominators_now, numerators_before, denominators_before),
            ("numerators_now", "denominators_now", "numerators_before", "denominators_before"),
            strict=True,
        )
    ]
    if len({c.shape for c in columns}) != 1:
        raise ValueError(f"the four arrays must have the same shape, got {[c.shape for c in columns]}")
    num_now, den_now, num_before, den_before = columns
    k = num_now.shape[1]
    counts_now = _account_counts(accounts_now, den_now)
    counts_before = _account_counts(accounts_before, den_before)
    sums = resampled_sums(np.hstack(columns), draws=draws, seed=seed)
    s_num_now, s_den_now, s_num_before, s_den_before = np.split(sums, 4, axis=1)
    changes = []
    for j in range(k):
        kept = (s_den_now[:, j] != 0) & (s_den_before[:, j] != 0)
        differences = s_num_now[kept, j] / s_den_now[kept, j] - s_num_before[kept, j] / s_den_before[kept, j]
        interval = percentile_interval(differences, confidence) or (None, None)
        now = _ratio(num_now[:, j].sum(), den_now[:, j].sum())
        before = _ratio(num_before[:, j].sum(), den_before[:, j].sum())
        difference = None if now is None or before is None else now - before
        changes.append(
            RatioChange(now, before, difference, *interval, int(kept.sum()), counts_now[j], counts_before[j])
        )
    return changes


def paired_ratio_change(
    numerator_now,
    denominator_now,
    numerator_before,
    denominator_before,
    *,
    accounts_now: int | None = None,
    accounts_before: int | None = None,
    draws: int = DRAWS,
    seed: int = SEED,
    confidence: float = 0.95,
) -> RatioChange:
    """Paired bootstrap of one ratio KPI between two periods (see `paired_ratio_changes`).

    The four 1-D arrays are aligned over the union of both periods' accounts, sorted by
    account_id by the caller. Example, NRR: numerator = MRR at the end, denominator = MRR at the
    start, with accounts_now = accounts active at the start of the current period.
    """
    return paired_ratio_changes(
        np.asarray(numerator_now, dtype=float)[:, None],
        np.asarray(denominator_now, dtype=float)[:, None],
        np.asarray(numerator_before, dtype=float)[:, None],
        np.asarray(denominator_before, dtype=float)[:, None],
        accounts_now=None if accounts_now is None else [accounts_now],
        accounts_before=None if accounts_before is None else [accounts_before],
        draws=draws,
        seed=seed,
        confidence=confidence,
    )[0]


def ratio_interval(
    numerator, denominator, *, draws: int = DRAWS, seed: int = SEED, confidence: float = 0.95
) -> tuple[float, float] | None:
    """Bootstrap percentile interval of Σ numerator / Σ denominator over accounts (one period).

    Same drawing scheme as the paired comparison (fresh default_rng(seed), rng.integers(0, n, n)
    per draw); draws whose denominator sums to 0 are dropped; None when no draw is kept.
    """
    values = np.column_stack([np.asarray(numerator, dtype=float), np.asarray(denominator, dtype=float)])
    sums = resampled_sums(values, draws=draws, seed=seed)
    kept = sums[:, 1] != 0
    return percentile_interval(sums[kept, 0] / sums[kept, 1], confidence)
