"""Treated against untreated accounts, stratified by segment (METRICS.md §12).

A difference in retention between accounts with and without a CS programme can be nothing but a
difference in their mix of segments (enterprise accounts both stay longer and get more programmes).
Comparing within each segment and pooling removes that part:

- proportions (logo retention, renewal rate): the Mantel–Haenszel risk difference, with Sato's
  variance (consistent both for a few large strata and for many small ones) for its interval, and
  the Cochran–Mantel–Haenszel χ² test (1 degree of freedom, no continuity correction) for p;
- a stratum lacking one of the two groups says nothing about the difference: it is left out and
  counted.

Pure functions on counts; no pandas, DuckDB or Streamlit.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from scipy import stats as _scipy_stats

from cs_lib.stats.proportions import z_for


@dataclass(frozen=True)
class Stratum:
    """One segment's 2×2 table: successes out of accounts (or lines), treated and untreated."""

    treated_successes: int
    treated_n: int
    untreated_successes: int
    untreated_n: int

    @property
    def has_both_groups(self) -> bool:
        return self.treated_n > 0 and self.untreated_n > 0


@dataclass(frozen=True)
class StratifiedDifference:
    """Pooled treated − untreated difference over the strata that have both groups."""

    difference: float | None
    lower: float | None
    upper: float | None
    p_value: float | None
    strata_used: int
    strata_left_out: int


def mantel_haenszel_difference(strata: Sequence[Stratum], confidence: float = 0.95) -> StratifiedDifference:
    """Mantel–Haenszel risk difference (treated − untreated), Sato's variance, and the CMH test.

    With, per stratum k, treated x1/n1, untreated x0/n0, N = n1 + n0 and w = n1·n0/N:
        RD = Σ (x1·n0 − x0·n1)/N / Σ w
        Var(RD) = (RD·Σ P + Σ Q) / (Σ w)², where
        P = (n1²·x0 − n0²·x1 + n1·n0·(n0 − n1)/2) / N²  and  Q = (x1·(n0 − x0) + x0·(n1 − x1)) / (2N)
    (Sato 1989; the same estimator as Greenland and Robins 1985 for the risk difference). The
    interval is RD ± z·√Var. Undefined (all None) when no stratum has both groups.
    """
    used = [stratum for stratum in strata if stratum.has_both_groups]
    left_out = len(strata) - len(used)
    if not used:
        return StratifiedDifference(None, None, None, None, 0, left_out)
    weight_sum = numerator = p_sum = q_sum = 0.0
    for stratum in used:
        x1, n1, x0, n0 = stratum.treated_successes, stratum.treated_n, stratum.untreated_successes, stratum.untreated_n
        total = n1 + n0
        weight_sum += n1 * n0 / total
        numerator += (x1 * n0 - x0 * n1) / total
        p_sum += (n1 * n1 * x0 - n0 * n0 * x1 + n1 * n0 * (n0 - n1) / 2) / (total * total)
        q_sum += (x1 * (n0 - x0) + x0 * (n1 - x1)) / (2 * total)
    difference = numerator / weight_sum
    variance = max((difference * p_sum + q_sum) / (weight_sum * weight_sum), 0.0)
    half_width = z_for(confidence) * math.sqrt(variance)
    return StratifiedDifference(
        difference, difference - half_width, difference + half_width, cochran_mantel_haenszel_p(used), len(used),
        left_out,
    )


def cochran_mantel_haenszel_p(strata: Sequence[Stratum]) -> float | None:
    """Two-sided p of the Cochran–Mantel–Haenszel test of no association, without continuity correction.

    χ² = (Σ (x1 − E))² / Σ V with E = n1·m1/N and V = n1·n0·m1·m0 / (N²·(N − 1)), m1 = x1 + x0 and
    m0 = N − m1 (strata of one account carry no information and add nothing). p from χ² with 1 df.
    None when the variance is 0 (every account succeeded, or none did): nothing can be tested.
    """
    deviation = variance = 0.0
    for stratum in strata:
        if not stratum.has_both_groups:
            continue
        x1, n1, x0, n0 = stratum.treated_successes, stratum.treated_n, stratum.untreated_successes, stratum.untreated_n
        total = n1 + n0
        if total < 2:
            continue
        successes = x1 + x0
        deviation += x1 - n1 * successes / total
        variance += n1 * n0 * successes * (total - successes) / (total * total * (total - 1))
    if variance <= 0.0:
        return None
    return float(_scipy_stats.chi2.sf(deviation * deviation / variance, df=1))
