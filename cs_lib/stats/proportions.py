"""Intervals and tests for rates that are counts out of a total (METRICS.md §12 and §13).

A single rate gets the Wilson score interval: unlike the textbook Wald interval it stays inside
[0, 1] and keeps its coverage for small n and for rates near 0 % or 100 %, which is where customer
success numbers (churn of a small segment, say) usually live.

Two independent groups get the difference p_a − p_b with Newcombe's hybrid score interval
(method 10 of Newcombe 1998, built from the two Wilson intervals) and a p-value from the pooled
two-proportion z-test without continuity correction, or from Fisher's exact test (two-sided) when
an expected cell count of the 2×2 table is below 5, where the normal approximation is poor.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from scipy import stats as _scipy_stats

#: Fisher's exact test replaces the z-test when an expected cell count is below this.
FISHER_BELOW_EXPECTED = 5

Z_TEST = "z"
FISHER_TEST = "fisher"


@dataclass(frozen=True)
class ProportionComparison:
    """Group a against group b: difference p_a − p_b, its interval, and the test's p-value.

    Every field is None when either group is empty (n == 0): there is no rate to compare.
    `test` says which test produced `p_value`: "z" (pooled z-test) or "fisher" (Fisher's exact).
    """

    difference: float | None
    lower: float | None
    upper: float | None
    p_value: float | None
    test: str | None


def z_for(confidence: float) -> float:
    """Two-sided standard-normal quantile for a confidence level (1.959964 for 95 %)."""
    if not 0.0 < confidence < 1.0:
        raise ValueError(f"confidence must lie strictly between 0 and 1, got {confidence!r}")
    return float(_scipy_stats.norm.ppf(0.5 + confidence / 2.0))


def _check_counts(successes: int, n: int) -> None:
    if n < 0 or not 0 <= successes <= n:
        raise ValueError(f"need 0 <= successes <= n, got successes={successes!r}, n={n!r}")


def wilson_interval(successes: int, n: int, confidence: float = 0.95) -> tuple[float, float] | None:
    """Wilson score interval for successes / n; None when n == 0 (no rate at all).

    centre = (x + z²/2) / (n + z²), half-width = z / (n + z²) · √(x(n − x)/n + z²/4).
    The bounds are clipped to [0, 1] only to remove floating-point dust (at x = 0 the exact
    lower bound is 0 but the subtraction can leave −1e-17).
    """
    _check_counts(successes, n)
    if n == 0:
        return None
    z = z_for(confidence)
    z2 = z * z
    centre = (successes + z2 / 2.0) / (n + z2)
    half = z / (n + z2) * math.sqrt(successes * (n - successes) / n + z2 / 4.0)
    return max(0.0, centre - half), min(1.0, centre + half)


def newcombe_interval(
    successes_a: int, n_a: int, successes_b: int, n_b: int, confidence: float = 0.95
) -> tuple[float, float] | None:
    """Newcombe's hybrid score interval for p_a − p_b (method 10 of Newcombe 1998).

    With (l_a, u_a) and (l_b, u_b) the Wilson intervals and d = p_a − p_b:
    lower = d − √((p_a − l_a)² + (u_b − p_b)²), upper = d + √((u_a − p_a)² + (p_b − l_b)²).
    None when either group is empty.
    """
    wilson_a = wilson_interval(successes_a, n_a, confidence)
    wilson_b = wilson_interval(successes_b, n_b, confidence)
    if wilson_a is None or wilson_b is None:
        return None
    p_a, p_b = successes_a / n_a, successes_b / n_b
    (l_a, u_a), (l_b, u_b) = wilson_a, wilson_b
    difference = p_a - p_b
    lower = difference - math.sqrt((p_a - l_a) ** 2 + (u_b - p_b) ** 2)
    upper = difference + math.sqrt((u_a - p_a) ** 2 + (p_b - l_b) ** 2)
    return lower, upper


def smallest_expected_count(successes_a: int, n_a: int, successes_b: int, n_b: int) -> float:
    """Smallest expected cell of the 2×2 table [[x_a, n_a − x_a], [x_b, n_b − x_b]].

    expected(row, column) = row total × column total / grand total, as in the χ² test.
    """
    total = n_a + n_b
    success_column = successes_a + successes_b
    columns = (success_column, total - success_column)
    return min(row * column / total for row in (n_a, n_b) for column in columns)


def pooled_z_test_p(successes_a: int, n_a: int, successes_b: int, n_b: int) -> float:
    """Two-sided p of the pooled two-proportion z-test, without continuity correction.

    When the pooled proportion is 0 or 1 both groups are identical (all failures or all
    successes): there is no variance and no evidence of a difference, so p = 1.0.
    """
    pooled = (successes_a + successes_b) / (n_a + n_b)
    variance = pooled * (1.0 - pooled) * (1.0 / n_a + 1.0 / n_b)
    if variance <= 0.0:
        return 1.0
    z = (successes_a / n_a - successes_b / n_b) / math.sqrt(variance)
    return float(2.0 * _scipy_stats.norm.sf(abs(z)))


def compare_proportions(
    successes_a: int, n_a: int, successes_b: int, n_b: int, confidence: float = 0.95
) -> ProportionComparison:
    """Compare two independent rates x_a/n_a and x_b/n_b (METRICS.md §13).

    Difference p_a − p_b with Newcombe's hybrid score interval; p-value from Fisher's exact test
    (two-sided, scipy) when an expected cell count is below 5, else from the pooled z-test.
    """
    _check_counts(successes_a, n_a)
    _check_counts(successes_b, n_b)
    interval = newcombe_interval(successes_a, n_a, successes_b, n_b, confidence)
    if interval is None:
        return ProportionComparison(None, None, None, None, None)
    if smallest_expected_count(successes_a, n_a, successes_b, n_b) < FISHER_BELOW_EXPECTED:
        table = [[successes_a, n_a - successes_a], [successes_b, n_b - successes_b]]
        p_value, test = float(_scipy_stats.fisher_exact(table, alternative="two-sided").pvalue), FISHER_TEST
    else:
        p_value, test = pooled_z_test_p(successes_a, n_a, successes_b, n_b), Z_TEST
    difference = successes_a / n_a - successes_b / n_b
    return ProportionComparison(difference, interval[0], interval[1], p_value, test)
