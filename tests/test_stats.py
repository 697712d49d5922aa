"""cs_lib.stats: Wilson, Newcombe, z/Fisher tests and the paired bootstrap of METRICS.md §12–§13.

Expected numbers are worked out by hand in the comments (z = 1.959964, z² = 3.841459 at 95 %),
then cross-checked against independent implementations (statsmodels, scipy, a slow loop).
"""

import numpy as np
import pytest
from scipy.stats import fisher_exact
from statsmodels.stats.proportion import confint_proportions_2indep, proportion_confint, proportions_ztest

from cs_lib.stats import (
    DECLINE,
    IMPROVEMENT,
    TOO_FEW,
    UNDEFINED,
    WEAK_EVIDENCE_ACCOUNTS,
    WITHIN_NOISE,
    RatioChange,
    compare_proportions,
    paired_ratio_change,
    paired_ratio_changes,
    percentile_interval,
    ratio_interval,
    resampled_sums,
    wilson_interval,
)
from cs_lib.stats.proportions import pooled_z_test_p, smallest_expected_count

HAND = 1e-6

# --- Wilson -------------------------------------------------------------------------------------


def test_wilson_interval_for_8_of_10_matches_the_hand_formula():
    # centre = (8 + z²/2) / (10 + z²) = 9.920729 / 13.841459 = 0.716740
    # half   = z / (10 + z²) · √(8·2/10 + z²/4) = 0.141601 · √(1.6 + 0.960365) = 0.141601 · 1.600114 = 0.226578
    # → 0.716740 ∓ 0.226578
    assert wilson_interval(8, 10) == pytest.approx((0.490162, 0.943318), abs=HAND)


def test_wilson_interval_for_zero_successes_starts_exactly_at_zero():
    # centre = half = z²/2 / (10 + z²) = 1.920729 / 13.841459 = 0.138766, so lower = 0 exactly
    # (the subtraction leaves -2.8e-17, which is clipped) and upper = z² / (10 + z²) = 0.277533.
    lower, upper = wilson_interval(0, 10)
    assert lower == 0.0
    assert upper == pytest.approx(0.277533, abs=HAND)


def test_wilson_interval_for_all_successes_ends_exactly_at_one():
    # Mirror of 0/10: lower = 10 / (10 + z²) = 10 / 13.841459 = 0.722467, upper = 1.
    lower, upper = wilson_interval(10, 10)
    assert lower == pytest.approx(0.722467, abs=HAND)
    assert upper == 1.0


def test_wilson_interval_is_none_without_observations():
    assert wilson_interval(0, 0) is None


@pytest.mark.parametrize("successes, n", [(-1, 10), (11, 10), (0, -1)])
def test_wilson_interval_rejects_impossible_counts(successes, n):
    with pytest.raises(ValueError, match="successes <= n"):
        wilson_interval(successes, n)


@pytest.mark.parametrize("successes, n", [(8, 10), (0, 10), (10, 10), (1, 3), (37, 250), (0, 1), (499, 500)])
@pytest.mark.parametrize("confidence", [0.95, 0.90])
def test_wilson_interval_agrees_with_statsmodels(successes, n, confidence):
    expected = proportion_confint(successes, n, alpha=1 - confidence, method="wilson")
    assert wilson_interval(successes, n, confidence) == pytest.approx(expected, abs=1e-12)


# --- Two independent proportions ---------------------------------------------------------------


def test_newcombe_interval_for_8_of_10_against_3_of_12_matches_the_hand_formula():
    # Wilson 8/10 = (0.490162, 0.943318), Wilson 3/12 = (0.088942, 0.532305); d = 0.8 − 0.25 = 0.55
    # lower = 0.55 − √((0.8 − 0.490162)² + (0.532305 − 0.25)²) = 0.55 − √(0.095999 + 0.079696) = 0.55 − 0.419161
    # upper = 0.55 + √((0.943318 − 0.8)² + (0.25 − 0.088942)²) = 0.55 + √(0.020540 + 0.025940) = 0.55 + 0.215592
    result = compare_proportions(8, 10, 3, 12)
    assert result.difference == pytest.approx(0.55, abs=HAND)
    assert (result.lower, result.upper) == pytest.approx((0.130839, 0.765592), abs=HAND)


def test_pooled_z_test_for_45_of_100_against_30_of_100_matches_the_hand_formula():
    # pooled = 75/200 = 0.375; variance = 0.375 · 0.625 · (1/100 + 1/100) = 0.0046875; se = 0.068465
    # z = (0.45 − 0.30) / 0.068465 = 2.190890; p = 2 · (1 − Φ(2.190890)) = 2 · 0.014230 = 0.028460
    result = compare_proportions(45, 100, 30, 100)
    assert result.test == "z"
    assert result.p_value == pytest.approx(0.028460, abs=HAND)


def test_fisher_exact_for_3_of_5_against_0_of_6_matches_the_hypergeometric_sum():
    # Expected successes in group b = 6 · 3 / 11 = 1.64 < 5 → Fisher. With 3 successes among 11 and
    # 5 in group a: P(k in a) = C(5,k)·C(6,3−k)/C(11,3) = 20, 75, 60, 10 (/165) for k = 0..3.
    # Observed k = 3 (10/165); only tables as or less likely count: p = 10/165 = 0.060606.
    result = compare_proportions(3, 5, 0, 6)
    assert result.test == "fisher"
    assert result.p_value == pytest.approx(0.060606, abs=HAND)


def test_expected_count_of_exactly_five_keeps_the_z_test():
    # 8/10 vs 3/12: smallest expected cell = 10 · 11 / 22 = 5, which is not below 5.
    assert smallest_expected_count(8, 10, 3, 12) == 5.0
    assert compare_proportions(8, 10, 3, 12).test == "z"


def test_pooled_z_test_without_variance_gives_p_one():
    # pooled = 0/20 (and 20/20): every account identical, no evidence of a difference.
    assert pooled_z_test_p(0, 10, 0, 10) == 1.0
    assert pooled_z_test_p(10, 10, 10, 10) == 1.0


@pytest.mark.parametrize("counts", [(0, 0, 3, 12), (8, 10, 0, 0), (0, 0, 0, 0)])
def test_comparison_with_an_empty_group_is_undefined(counts):
    result = compare_proportions(*counts)
    assert (result.difference, result.lower, result.upper, result.p_value, result.test) == (None,) * 5


COMPARISON_CASES = [
    # (x_a, n_a, x_b, n_b, expected test)
    (8, 10, 3, 12, "z"),  # smallest expected cell exactly 5
    (45, 100, 30, 100, "z"),
    (0, 100, 10, 100, "z"),  # zero successes, expected 5
    (50, 50, 40, 50, "z"),  # all successes, expected failures 5
    (312, 1200, 280, 1150, "z"),
    (3, 5, 0, 6, "fisher"),
    (0, 50, 5, 50, "fisher"),  # expected successes 2.5
    (0, 20, 0, 25, "fisher"),  # zero successes everywhere
    (20, 20, 25, 25, "fisher"),  # all successes everywhere
    (1, 2, 2, 3, "fisher"),
]


@pytest.mark.parametrize("x_a, n_a, x_b, n_b, test", COMPARISON_CASES)
def test_newcombe_interval_agrees_with_statsmodels(x_a, n_a, x_b, n_b, test):
    expected = confint_proportions_2indep(x_a, n_a, x_b, n_b, method="newcomb", compare="diff", alpha=0.05)
    result = compare_proportions(x_a, n_a, x_b, n_b)
    assert result.difference == pytest.approx(x_a / n_a - x_b / n_b, abs=1e-12)
    assert (result.lower, result.upper) == pytest.approx(expected, abs=1e-12)


@pytest.mark.parametrize("x_a, n_a, x_b, n_b, test", COMPARISON_CASES)
def test_p_value_agrees_with_statsmodels_z_test_or_scipy_fisher(x_a, n_a, x_b, n_b, test):
    result = compare_proportions(x_a, n_a, x_b, n_b)
    assert result.test == test
    if test == "z":
        expected = proportions_ztest([x_a, x_b], [n_a, n_b])[1]  # pooled variance, no correction
    else:
        expected = fisher_exact([[x_a, n_a - x_a], [x_b, n_b - x_b]], alternative="two-sided").pvalue
    assert result.p_value == pytest.approx(expected, abs=1e-12)


# --- Bootstrap: the drawing scheme, by hand -----------------------------------------------------

# Three accounts (sorted by account_id). numpy's default_rng(0) draws, with rng.integers(0, 3, 3):
# draw 1 = [2, 1, 1], draw 2 = [0, 0, 0], draw 3 = [0, 0, 0].
MRR_END_NOW = [120, 90, 0]
MRR_START_NOW = [100, 100, 50]
MRR_END_BEFORE = [100, 80, 60]
MRR_START_BEFORE = [100, 100, 50]


def test_default_rng_zero_draws_the_indices_used_by_the_hand_computations():
    rng = np.random.default_rng(0)
    assert [rng.integers(0, 3, 3).tolist() for _ in range(3)] == [[2, 1, 1], [0, 0, 0], [0, 0, 0]]


def test_resampled_sums_add_up_the_drawn_accounts():
    # draw 1 [2, 1, 1]: (3 + 2 + 2, 30 + 20 + 20) = (7, 70); draw 2 [0, 0, 0]: (1 + 1 + 1, 10 + 10 + 10)
    sums = resampled_sums(np.array([[1, 10], [2, 20], [3, 30]]), draws=2, seed=0)
    assert sums.tolist() == [[7, 70], [3, 30]]


def test_paired_change_with_one_draw_is_that_draws_difference():
    # Full sample: now 210/250 = 0.84, before 240/250 = 0.96, difference −0.12.
    # Draw 1 [2, 1, 1]: now (0 + 90 + 90)/(50 + 100 + 100) = 0.72, before (60 + 80 + 80)/250 = 0.88 → −0.16.
    result = paired_ratio_change(MRR_END_NOW, MRR_START_NOW, MRR_END_BEFORE, MRR_START_BEFORE, draws=1)
    assert (result.value_now, result.value_before, result.difference) == pytest.approx((0.84, 0.96, -0.12))
    assert (result.lower, result.upper) == pytest.approx((-0.16, -0.16), abs=HAND)
    assert result.draws_kept == 1


def test_paired_change_with_two_draws_interpolates_the_percentiles_linearly():
    # Draw 2 [0, 0, 0]: now 360/300 = 1.2, before 300/300 = 1.0 → +0.2. Sorted: [−0.16, 0.2], span 0.36.
    # Linear percentiles at positions 0.025 and 0.975: −0.16 + 0.025 · 0.36 = −0.151, −0.16 + 0.975 · 0.36 = 0.191.
    result = paired_ratio_change(MRR_END_NOW, MRR_START_NOW, MRR_END_BEFORE, MRR_START_BEFORE, draws=2)
    assert (result.lower, result.upper) == pytest.approx((-0.151, 0.191), abs=HAND)


def test_draws_with_an_undefined_period_are_dropped():
    # Accounts 0 and 1 are absent now (0 in both sums), so draws 2 and 3 ([0, 0, 0]) have a zero
    # denominator now and are dropped. Draw 1 [2, 1, 1]: now 40/50 = 0.8, before 220/250 = 0.88 → −0.08.
    result = paired_ratio_change([0, 0, 40], [0, 0, 50], MRR_END_BEFORE, MRR_START_BEFORE, draws=3)
    assert result.draws_kept == 1
    assert (result.lower, result.upper) == pytest.approx((-0.08, -0.08), abs=HAND)


def test_paired_change_without_any_kept_draw_has_no_interval():
    result = paired_ratio_change([0, 0, 0], [0, 0, 0], MRR_END_BEFORE, MRR_START_BEFORE, draws=5)
    assert (result.value_now, result.difference, result.lower, result.upper, result.draws_kept) == (
        None,
        None,
        None,
        None,
        0,
    )


def test_ratio_interval_with_two_draws_matches_the_hand_computation():
    # Draw 1 [2, 1, 1]: 180/250 = 0.72; draw 2 [0, 0, 0]: 360/300 = 1.2; span 0.48.
    # 0.72 + 0.025 · 0.48 = 0.732, 0.72 + 0.975 · 0.48 = 1.188.
    assert ratio_interval(MRR_END_NOW, MRR_START_NOW, draws=2) == pytest.approx((0.732, 1.188), abs=HAND)


def test_ratio_interval_is_none_when_every_denominator_is_zero():
    assert ratio_interval([1, 2, 3], [0, 0, 0]) is None


def test_percentile_interval_uses_exactly_2_5_and_97_5_at_95_percent():
    # 0, 1, …, 100: the linear percentile q sits at position q, so 2.5 and 97.5 come back unchanged;
    # at 90 %: 5 and 95.
    samples = np.arange(101.0)
    assert percentile_interval(samples) == (2.5, 97.5)
    assert percentile_interval(samples, confidence=0.90) == pytest.approx((5.0, 95.0), abs=1e-12)


# --- Bootstrap: against a slow reference, and the shared pass ------------------------------------


def _slow_paired_interval(num_now, den_now, num_before, den_before, draws=2000, seed=0):
    """METRICS.md §13 written as plainly as possible: one account list per draw, sums in Python order."""
    rng = np.random.default_rng(seed)
    n = len(num_now)
    differences = []
    for _ in range(draws):
        idx = rng.integers(0, n, n)
        if den_now[idx].sum() == 0 or den_before[idx].sum() == 0:
            continue
        differences.append(num_now[idx].sum() / den_now[idx].sum() - num_before[idx].sum() / den_before[idx].sum())
    return len(differences), np.percentile(differences, [2.5, 97.5])


def _random_periods(n, seed):
    """MRR of n accounts in two periods; about one in five accounts is absent from each period."""
    rng = np.random.default_rng(seed)
    start_before = rng.gamma(2.0, 500.0, n) * (rng.random(n) > 0.2)
    start_now = rng.gamma(2.0, 500.0, n) * (rng.random(n) > 0.2)
    end_before = start_before * rng.uniform(0.6, 1.4, n)
    end_now = start_now * rng.uniform(0.7, 1.5, n)
    return end_now, start_now, end_before, start_before


def test_paired_interval_agrees_with_a_slow_reference_loop():
    periods = _random_periods(50, seed=7)
    kept, (lower, upper) = _slow_paired_interval(*periods)
    result = paired_ratio_change(*periods)
    assert result.draws_kept == kept
    assert (result.lower, result.upper) == pytest.approx((lower, upper), rel=1e-12)


def test_batched_draws_equal_one_generator_call_per_draw_for_odd_and_large_n():
    # resampled_sums draws a batch at once; §13 prescribes one rng.integers(0, n, n) per draw.
    for n, draws in ((1001, 300), (4097, 40)):
        values = np.random.default_rng(5).integers(0, 100, (n, 2)).astype(float)
        rng = np.random.default_rng(0)
        expected = np.array([values[rng.integers(0, n, n)].sum(axis=0) for _ in range(draws)])
        assert np.array_equal(resampled_sums(values, draws=draws, seed=0), expected)


def test_shared_pass_over_several_kpis_equals_separate_runs():
    # Whole-number values keep every sum exact, so "equal" can mean bit-for-bit.
    rng = np.random.default_rng(3)
    arrays = [rng.integers(0, 5, (200, 3)).astype(float) for _ in range(4)]
    shared = paired_ratio_changes(*arrays)
    separate = [paired_ratio_change(*(a[:, j] for a in arrays)) for j in range(3)]
    assert shared == separate


# --- Account counts and verdicts -----------------------------------------------------------------


def test_accounts_default_to_nonzero_denominators_and_can_be_given():
    # Now: accounts 0 and 1 absent (denominator 0) → 1 account; before: all 3.
    default = paired_ratio_change([0, 0, 40], [0, 0, 50], MRR_END_BEFORE, MRR_START_BEFORE, draws=3)
    assert (default.accounts_now, default.accounts_before) == (1, 3)
    given = paired_ratio_change(
        [0, 0, 40], [0, 0, 50], MRR_END_BEFORE, MRR_START_BEFORE, draws=3, accounts_now=7, accounts_before=9
    )
    assert (given.accounts_now, given.accounts_before) == (7, 9)


def _change(lower, upper, accounts_now=500, accounts_before=500):
    return RatioChange(0.5, 0.4, 0.1, lower, upper, 2000, accounts_now, accounts_before)


def test_verdict_is_too_few_below_30_accounts_in_the_smaller_period_whatever_the_interval():
    assert WEAK_EVIDENCE_ACCOUNTS == 30
    assert _change(0.2, 0.4, accounts_now=29).verdict(lower_is_better=False) == TOO_FEW
    assert _change(0.2, 0.4, accounts_before=29).verdict(lower_is_better=False) == TOO_FEW
    assert _change(0.2, 0.4, accounts_now=30, accounts_before=30).verdict(lower_is_better=False) == IMPROVEMENT


def test_verdict_rise_is_an_improvement_unless_lower_is_better():
    assert _change(0.01, 0.2).verdict(lower_is_better=False) == IMPROVEMENT
    assert _change(0.01, 0.2).verdict(lower_is_better=True) == DECLINE


def test_verdict_fall_is_a_decline_unless_lower_is_better():
    assert _change(-0.2, -0.01).verdict(lower_is_better=False) == DECLINE
    assert _change(-0.2, -0.01).verdict(lower_is_better=True) == IMPROVEMENT


def test_verdict_interval_touching_zero_is_within_noise():
    assert _change(0.0, 0.2).verdict(lower_is_better=False) == WITHIN_NOISE
    assert _change(-0.2, 0.0).verdict(lower_is_better=False) == WITHIN_NOISE
    assert _change(-0.1, 0.1).verdict(lower_is_better=True) == WITHIN_NOISE


def test_verdict_without_interval_is_undefined_when_there_are_enough_accounts():
    assert _change(None, None).verdict(lower_is_better=False) == UNDEFINED
    assert _change(None, None, accounts_now=3).verdict(lower_is_better=False) == TOO_FEW


def test_logo_churn_doubling_on_400_accounts_is_a_real_decline():
    # 400 accounts active before each period; churn 40/400 = 10 % before, 80/400 = 20 % now (other
    # accounts). Independent-sample standard error ≈ √(.1·.9/400 + .2·.8/400) = 0.025, so the
    # interval sits around 0.10 ± 0.05, far from 0; churn is lower-is-better.
    churned_before = np.zeros(400)
    churned_before[:40] = 1
    churned_now = np.zeros(400)
    churned_now[200:280] = 1
    active = np.ones(400)
    result = paired_ratio_change(churned_now, active, churned_before, active)
    assert result.difference == pytest.approx(0.10)
    assert 0.0 < result.lower < 0.10 < result.upper
    assert result.verdict(lower_is_better=True) == DECLINE
