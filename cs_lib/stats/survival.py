"""Survival of customer lifetimes (METRICS.md §7): Kaplan–Meier with a 95 % log-log band, the median
lifetime, and the k-group log-rank test. Pure functions on numpy arrays.

The estimate and its band come from scipy (`stats.ecdf` on `CensoredData`, band `method="log-log"`,
which is the log-log transform of Greenwood's variance that §7 asks for): a maintained implementation
beats re-deriving it. scipy's `logrank` compares two groups only, so the k-group test is written here
(the usual chi-square on k−1 degrees of freedom) and checked against statsmodels' `survdiff` in
tests/test_survival.py.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
from scipy import stats

CONFIDENCE = 0.95


@dataclass(frozen=True)
class SurvivalCurve:
    """One row per distinct lifetime (event or censoring), ascending."""

    t: np.ndarray  # lifetimes
    at_risk: np.ndarray  # subjects with lifetime >= t
    events: np.ndarray  # events at t
    survival: np.ndarray  # S(t), right-continuous (after the events at t)
    lower: np.ndarray  # 95 % band (NaN where undefined: before the first event, or S(t) = 0)
    upper: np.ndarray


@dataclass(frozen=True)
class LogRank:
    statistic: float
    df: int
    p: float


def kaplan_meier(durations: np.ndarray, observed: np.ndarray, confidence: float = CONFIDENCE) -> SurvivalCurve:
    """Kaplan–Meier survival of `durations` (`observed` True for an event, False for censoring)."""
    durations = np.asarray(durations, dtype=float)
    observed = np.asarray(observed, dtype=bool)
    if durations.size == 0:
        raise ValueError("no lifetimes to estimate survival from")
    times = np.unique(durations)
    at_risk = np.array([(durations >= time).sum() for time in times])
    events = np.array([(observed & (durations == time)).sum() for time in times])
    if not observed.any():  # no event: S = 1 throughout, the band is undefined
        ones, missing = np.ones(times.size), np.full(times.size, np.nan)
        return SurvivalCurve(times, at_risk, events, ones, missing, missing)
    result = stats.ecdf(stats.CensoredData(uncensored=durations[observed], right=durations[~observed]))
    with warnings.catch_warnings():  # scipy warns where the band is undefined; those are NaN, as documented
        warnings.simplefilter("ignore", RuntimeWarning)
        band = result.sf.confidence_interval(confidence, method="log-log")
        lower, upper = band.low.evaluate(times), band.high.evaluate(times)
    survival = result.sf.evaluate(times)
    undefined = (np.cumsum(events) == 0) | (survival <= 0)
    lower, upper = np.where(undefined, np.nan, lower), np.where(undefined, np.nan, upper)
    return SurvivalCurve(times, at_risk, events, survival, lower, upper)


def median_lifetime(curve: SurvivalCurve) -> float | None:
    """The smallest t with S(t) <= 0.5; None ("not reached") when there is none."""
    reached = curve.t[curve.survival <= 0.5]
    return float(reached[0]) if reached.size else None


def logrank_test(durations: np.ndarray, observed: np.ndarray, groups: np.ndarray) -> LogRank:
    """The log-rank test of equal survival across k >= 2 groups: chi-square with k−1 degrees of freedom.

    At each distinct event time, group j's expected events are d·n_j/n, and the hypergeometric
    covariance of the observed events is d·(n−d)/(n−1)·n_j/n·(δ_jl − n_l/n); the statistic is
    (O−E)ᵀV⁻¹(O−E) over the first k−1 groups (the k-th is determined by the others).
    """
    durations = np.asarray(durations, dtype=float)
    observed = np.asarray(observed, dtype=bool)
    labels, group_index = np.unique(np.asarray(groups), return_inverse=True)
    k = labels.size
    if k < 2:
        raise ValueError("the log-rank test needs at least two groups")
    observed_minus_expected = np.zeros(k)
    covariance = np.zeros((k, k))
    for time in np.unique(durations[observed]):
        at_risk = np.bincount(group_index[durations >= time], minlength=k).astype(float)
        deaths = np.bincount(group_index[observed & (durations == time)], minlength=k).astype(float)
        n, d = at_risk.sum(), deaths.sum()
        share = at_risk / n
        observed_minus_expected += deaths - d * share
        if n > 1:
            covariance += d * (n - d) / (n - 1) * (np.diag(share) - np.outer(share, share))
    head = slice(0, k - 1)
    statistic = float(observed_minus_expected[head] @ np.linalg.pinv(covariance[head, head])
                      @ observed_minus_expected[head])
    return LogRank(statistic, k - 1, float(stats.chi2.sf(statistic, k - 1)))
