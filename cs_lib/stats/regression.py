"""Ordinary least squares of y on one x (METRICS.md §11, maturity against retention).

The textbook formulas, written out so that every number the page shows (slope, its
confidence interval, r, p and the confidence band of the mean line) comes from one
small function checked against scipy's `linregress` in the tests:

    slope = Sxy / Sxx, intercept = ȳ − slope · x̄, r = Sxy / √(Sxx · Syy)
    s² = Σ residual² / (n − 2), se(slope) = s / √Sxx, t = slope / se(slope), df = n − 2
    band at x0: ŷ(x0) ± t(0.975, df) · s · √(1/n + (x0 − x̄)² / Sxx)

A line needs 2 points with different x; p, the slope interval and the band need 3.
Undefined values are None, never 0.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import stats

MIN_POINTS_FOR_LINE = 2
MIN_POINTS_FOR_INTERVALS = 3


@dataclass(frozen=True)
class LineFit:
    """A least-squares line and its uncertainty; None where undefined."""

    n: int
    slope: float | None = None
    intercept: float | None = None
    r: float | None = None
    p: float | None = None
    slope_low: float | None = None
    slope_high: float | None = None
    x_mean: float | None = None
    y_mean: float | None = None
    residual_se: float | None = None  # s
    sxx: float | None = None
    confidence: float = 0.95

    @property
    def has_line(self) -> bool:
        return self.slope is not None

    @property
    def has_intervals(self) -> bool:
        return self.slope_low is not None

    def predict(self, x: Sequence[float] | np.ndarray) -> np.ndarray:
        if not self.has_line:
            raise ValueError("no line: fewer than 2 points with different x")
        return self.intercept + self.slope * np.asarray(x, dtype=float)

    def band(self, x: Sequence[float] | np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The confidence band of the mean line at `x`: (low, high)."""
        if not self.has_intervals:
            raise ValueError("no band: fewer than 3 points")
        x = np.asarray(x, dtype=float)
        t_critical = stats.t.ppf(0.5 + self.confidence / 2, self.n - 2)
        half_width = t_critical * self.residual_se * np.sqrt(1 / self.n + (x - self.x_mean) ** 2 / self.sxx)
        centre = self.predict(x)
        return centre - half_width, centre + half_width


def least_squares_line(x: Sequence[float], y: Sequence[float], confidence: float = 0.95) -> LineFit:
    """OLS of `y` on `x` (unweighted)."""
    x_values, y_values = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if x_values.shape != y_values.shape:
        raise ValueError("x and y must have the same length")
    n = len(x_values)
    if n < MIN_POINTS_FOR_LINE:
        return LineFit(n=n, confidence=confidence)
    x_mean, y_mean = float(x_values.mean()), float(y_values.mean())
    sxx = float(((x_values - x_mean) ** 2).sum())
    if sxx == 0:  # every point at one x: no slope
        return LineFit(n=n, x_mean=x_mean, y_mean=y_mean, confidence=confidence)
    syy = float(((y_values - y_mean) ** 2).sum())
    sxy = float(((x_values - x_mean) * (y_values - y_mean)).sum())
    slope = sxy / sxx
    intercept = y_mean - slope * x_mean
    r = sxy / math.sqrt(sxx * syy) if syy > 0 else None
    fit = LineFit(n=n, slope=slope, intercept=intercept, r=r, x_mean=x_mean, y_mean=y_mean, sxx=sxx,
                  confidence=confidence)
    if n < MIN_POINTS_FOR_INTERVALS:
        return fit
    return _with_intervals(fit, x_values, y_values)


def _with_intervals(fit: LineFit, x: np.ndarray, y: np.ndarray) -> LineFit:
    degrees = fit.n - 2
    residuals = y - (fit.intercept + fit.slope * x)
    residual_se = math.sqrt(float((residuals**2).sum()) / degrees)
    slope_se = residual_se / math.sqrt(fit.sxx)
    t_critical = float(stats.t.ppf(0.5 + fit.confidence / 2, degrees))
    if slope_se == 0:  # the points lie exactly on the line
        p = 0.0
    else:
        p = float(2 * stats.t.sf(abs(fit.slope / slope_se), degrees))
    return LineFit(
        n=fit.n, slope=fit.slope, intercept=fit.intercept, r=fit.r, p=p,
        slope_low=fit.slope - t_critical * slope_se, slope_high=fit.slope + t_critical * slope_se,
        x_mean=fit.x_mean, y_mean=fit.y_mean, residual_se=residual_se, sxx=fit.sxx, confidence=fit.confidence,
    )  # fmt: skip
