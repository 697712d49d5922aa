"""How well a score separates two classes, and a logistic regression to suggest weights (METRICS.md §8).

Pure numpy/scipy on arrays; the tests check both against independent libraries (scipy's
Mann-Whitney U, statsmodels' Logit).
"""

from __future__ import annotations

import numpy as np
from scipy.stats import rankdata


def auc(scores: np.ndarray, positive: np.ndarray) -> float | None:
    """U / (n1·n2): the chance a random positive scores above a random negative, ties counting ½.

    None when either class is empty.
    """
    scores = np.asarray(scores, dtype="float64")
    positive = np.asarray(positive, dtype=bool)
    n_positive, n_negative = int(positive.sum()), int((~positive).sum())
    if n_positive == 0 or n_negative == 0:
        return None
    ranks = rankdata(scores)  # average ranks: a tie counts ½ to each side
    u_statistic = ranks[positive].sum() - n_positive * (n_positive + 1) / 2
    return float(u_statistic / (n_positive * n_negative))


def logistic_fit(features: np.ndarray, outcome: np.ndarray, iterations: int = 50) -> np.ndarray:
    """Maximum-likelihood logistic regression by Newton's method (IRLS): coefficients, the intercept
    first. A tiny ridge (1e-8) keeps the step defined when a feature is constant."""
    design = np.column_stack([np.ones(len(features)), np.asarray(features, dtype="float64")])
    outcome = np.asarray(outcome, dtype="float64")
    coefficients = np.zeros(design.shape[1])
    for _ in range(iterations):
        probability = 1.0 / (1.0 + np.exp(-(design @ coefficients)))
        gradient = design.T @ (outcome - probability)
        hessian = (design * (probability * (1 - probability))[:, None]).T @ design
        step = np.linalg.solve(hessian + 1e-8 * np.eye(len(coefficients)), gradient)
        coefficients += step
        if np.max(np.abs(step)) < 1e-10:
            break
    return coefficients
