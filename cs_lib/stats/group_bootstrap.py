"""The difference of a revenue ratio (NRR) between two independent groups of accounts (METRICS.md §12).

NRR = Σ MRR at the end / Σ MRR at the start over a group's accounts. Treated and untreated accounts
are different accounts, so each group is resampled on its own (within segment × group when
stratified) and the difference recomputed from each draw.

Stratified by segment, each group's NRR is standardised to the treated group's segment mix,
weighted by base MRR: with w_s = the treated base MRR of segment s / the treated base MRR of all
segments kept, standardised NRR = Σ_s w_s · NRR_s. For the treated group that is simply its NRR
over the kept segments; for the untreated group it is what its NRR would be with the treated mix.
A segment lacking one of the groups is left out (and counted by the caller).

The drawing scheme, fixed so that an independent implementation reproduces the numbers: a fresh
`numpy.random.default_rng(seed)` (seed 0); for each of the 2,000 draws, for each stratum in sorted
order of its label (one stratum when unstratified), first the treated accounts, then the untreated:
`rng.integers(0, n, n)` over that stratum-and-group's n accounts. The weights are recomputed from
each draw's resampled treated accounts (the whole statistic is recomputed). Draws where a
denominator sums to 0 are dropped. Interval: percentiles 2.5 and 97.5 of the kept differences;
p = min(1, 2 × the smaller of the shares of kept differences ≤ 0 and ≥ 0).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from cs_lib.stats.bootstrap import DRAWS, SEED, percentile_interval

UNSTRATIFIED = ""


@dataclass(frozen=True)
class RatioDifference:
    """Treated and untreated ratio, their difference, its bootstrap interval and p."""

    treated: float | None
    untreated: float | None
    difference: float | None
    lower: float | None
    upper: float | None
    p_value: float | None
    strata_used: int
    strata_left_out: int
    #: the kept draws of the difference, in draw order (the ROI range reuses them)
    samples: np.ndarray = field(repr=False, compare=False)


def ratio_difference(
    numerator_treated,
    denominator_treated,
    numerator_untreated,
    denominator_untreated,
    strata_treated=None,
    strata_untreated=None,
    *,
    draws: int = DRAWS,
    seed: int = SEED,
    confidence: float = 0.95,
) -> RatioDifference:
    """Σ num / Σ den of the treated minus that of the untreated, with its group bootstrap.

    Without strata, the plain difference of the two ratios; with strata (one label per account,
    e.g. its segment), the difference of the two groups' ratios standardised to the treated mix.
    """
    groups = _grouped(
        numerator_treated, denominator_treated, strata_treated,
        numerator_untreated, denominator_untreated, strata_untreated,
    )
    kept = {label: parts for label, parts in groups.items() if len(parts[0][0]) and len(parts[1][0])}
    left_out = len(groups) - len(kept)
    if not kept:
        return RatioDifference(None, None, None, None, None, None, 0, left_out, np.empty(0))
    labels = sorted(kept)
    sums = np.array([[[values.sum() for values in group] for group in kept[label]] for label in labels])
    treated, untreated = _standardised(sums)
    difference = None if treated is None or untreated is None else treated - untreated

    rng = np.random.default_rng(seed)
    samples = np.empty(draws)
    for draw in range(draws):
        drawn = np.empty_like(sums)
        for position, label in enumerate(labels):
            for group_index, (numerator, denominator) in enumerate(kept[label]):
                picked = rng.integers(0, len(numerator), len(numerator))
                drawn[position, group_index] = numerator[picked].sum(), denominator[picked].sum()
        draw_treated, draw_untreated = _standardised(drawn)
        samples[draw] = np.nan if draw_treated is None or draw_untreated is None else draw_treated - draw_untreated
    samples = samples[~np.isnan(samples)]
    interval = percentile_interval(samples, confidence) or (None, None)
    p_value = None
    if samples.size:
        p_value = float(min(1.0, 2.0 * min(np.mean(samples <= 0), np.mean(samples >= 0))))
    return RatioDifference(treated, untreated, difference, *interval, p_value, len(kept), left_out, samples)


def _grouped(num_t, den_t, strata_t, num_u, den_u, strata_u) -> dict[str, list[list[np.ndarray]]]:
    """{stratum label: [[treated numerators, denominators], [untreated numerators, denominators]]}."""
    groups: dict[str, list[list[np.ndarray]]] = {}
    both = ((num_t, den_t, strata_t), (num_u, den_u, strata_u))
    for group_index, (numerator, denominator, strata) in enumerate(both):
        numerator = np.asarray(numerator, dtype=float)
        denominator = np.asarray(denominator, dtype=float)
        if numerator.shape != denominator.shape or numerator.ndim != 1:
            raise ValueError("numerators and denominators must be 1-D arrays of the same length")
        labels = np.full(len(numerator), UNSTRATIFIED, dtype=object) if strata is None else np.asarray(strata, object)
        if len(labels) != len(numerator):
            raise ValueError("need one stratum label per account")
        for label in sorted(set(labels.tolist()) | set(groups)):
            chosen = labels == label
            parts = groups.setdefault(str(label), [[np.empty(0), np.empty(0)], [np.empty(0), np.empty(0)]])
            parts[group_index] = [numerator[chosen], denominator[chosen]]
    return groups


def _standardised(sums: np.ndarray) -> tuple[float | None, float | None]:
    """Treated ratio and untreated ratio standardised to the treated base mix.

    `sums[s, g] = (Σ numerator, Σ denominator)` of stratum s and group g (0 treated, 1 untreated).
    """
    treated_base = sums[:, 0, 1]
    if treated_base.sum() == 0 or np.any(sums[:, 1, 1] == 0):
        return None, None
    weights = treated_base / treated_base.sum()
    treated = float(sums[:, 0, 0].sum() / treated_base.sum())
    untreated = float(np.sum(weights * sums[:, 1, 0] / sums[:, 1, 1]))
    return treated, untreated
