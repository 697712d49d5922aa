"""§12 statistics: the stratified difference of proportions and the group bootstrap of NRR.

Hand-computed cases first (the arithmetic beside each number), then independent references:
statsmodels' StratifiedTable for the Cochran–Mantel–Haenszel test, the textbook Wald variance
(which Sato's variance equals for one stratum), and a literal draw-by-draw reimplementation of
the documented bootstrap.
"""

from __future__ import annotations

import numpy as np
import pytest
from statsmodels.stats.contingency_tables import StratifiedTable

from cs_lib.stats.group_bootstrap import ratio_difference
from cs_lib.stats.stratified import Stratum, cochran_mantel_haenszel_p, mantel_haenszel_difference

# Segment A: treated 8/10 retained, untreated 5/10; segment B: treated 3/5, untreated 6/15.
TWO_SEGMENTS = [Stratum(8, 10, 5, 10), Stratum(3, 5, 6, 15)]


def test_mantel_haenszel_difference_worked_by_hand():
    result = mantel_haenszel_difference(TWO_SEGMENTS)
    # A: N=20, w = 10·10/20 = 5,    (x1·n0 − x0·n1)/N = (80 − 50)/20 = 1.5
    # B: N=20, w = 5·15/20 = 3.75,  (45 − 30)/20 = 0.75
    # RD = (1.5 + 0.75) / (5 + 3.75) = 2.25 / 8.75
    assert result.difference == pytest.approx(2.25 / 8.75)
    # P_A = (100·5 − 100·8 + 100·0/2)/400 = −0.75;   Q_A = (8·5 + 5·2)/40 = 1.25
    # P_B = (25·6 − 225·3 + 75·10/2)/400 = −0.375;   Q_B = (3·9 + 6·2)/40 = 0.975
    # Var = (RD·(−1.125) + 2.225) / 8.75²
    variance = ((2.25 / 8.75) * -1.125 + 2.225) / 8.75**2
    half_width = 1.959963984540054 * variance**0.5
    assert result.lower == pytest.approx(2.25 / 8.75 - half_width)
    assert result.upper == pytest.approx(2.25 / 8.75 + half_width)
    assert (result.strata_used, result.strata_left_out) == (2, 0)


def test_cmh_test_worked_by_hand_and_against_statsmodels():
    # A: m1 = 13, E = 10·13/20 = 6.5, V = 10·10·13·7/(400·19) = 9100/7600
    # B: m1 = 9,  E = 5·9/20 = 2.25,  V = 5·15·9·11/(400·19) = 7425/7600
    # χ² = (1.5 + 0.75)² / ((9100 + 7425)/7600) = 5.0625 / 2.174342… = 2.328…
    chi_square = 2.25**2 / ((9100 + 7425) / 7600)
    from scipy import stats

    assert cochran_mantel_haenszel_p(TWO_SEGMENTS) == pytest.approx(stats.chi2.sf(chi_square, 1))
    tables = [np.array([[s.treated_successes, s.treated_n - s.treated_successes],
                        [s.untreated_successes, s.untreated_n - s.untreated_successes]]) for s in TWO_SEGMENTS]
    reference = StratifiedTable(tables).test_null_odds(correction=False)
    assert reference.statistic == pytest.approx(chi_square)
    assert cochran_mantel_haenszel_p(TWO_SEGMENTS) == pytest.approx(reference.pvalue)


def test_sato_variance_of_one_stratum_is_the_wald_variance():
    result = mantel_haenszel_difference([Stratum(8, 10, 5, 10)])
    # one stratum: RD = 0.8 − 0.5; Wald variance 0.8·0.2/10 + 0.5·0.5/10 = 0.041
    assert result.difference == pytest.approx(0.3)
    assert (result.upper - result.difference) == pytest.approx(1.959963984540054 * 0.041**0.5)


def test_a_segment_lacking_a_group_is_left_out_and_counted():
    result = mantel_haenszel_difference([*TWO_SEGMENTS, Stratum(4, 4, 0, 0), Stratum(0, 0, 3, 7)])
    assert result.difference == pytest.approx(2.25 / 8.75)
    assert (result.strata_used, result.strata_left_out) == (2, 2)
    nothing = mantel_haenszel_difference([Stratum(4, 4, 0, 0)])
    assert nothing.difference is None and nothing.p_value is None and nothing.strata_left_out == 1


def test_cmh_has_no_p_when_every_account_retained():
    assert cochran_mantel_haenszel_p([Stratum(10, 10, 5, 5)]) is None


# --- NRR: group bootstrap -------------------------------------------------------------

# Treated: A [110/100, 90/100], B [60/50]; untreated: A [80/100, 100/100], B [45/50, 55/50].
TREATED = {"numerator": [110.0, 90.0, 60.0], "denominator": [100.0, 100.0, 50.0], "segment": ["A", "A", "B"]}
UNTREATED = {
    "numerator": [80.0, 100.0, 45.0, 55.0], "denominator": [100.0, 100.0, 50.0, 50.0], "segment": ["A", "A", "B", "B"]
}


def _nrr(stratified: bool, **options):
    return ratio_difference(
        TREATED["numerator"], TREATED["denominator"], UNTREATED["numerator"], UNTREATED["denominator"],
        TREATED["segment"] if stratified else None, UNTREATED["segment"] if stratified else None, **options,
    )


def test_nrr_difference_worked_by_hand():
    plain = _nrr(False)
    # treated (110 + 90 + 60)/(100 + 100 + 50) = 1.04; untreated (80 + 100 + 45 + 55)/300 = 0.9333…
    assert plain.treated == pytest.approx(1.04)
    assert plain.untreated == pytest.approx(280 / 300)
    assert plain.difference == pytest.approx(1.04 - 280 / 300)
    standardised = _nrr(True)
    # treated mix by base MRR: A 200/250 = 0.8, B 50/250 = 0.2
    # untreated standardised = 0.8·(180/200) + 0.2·(100/100) = 0.92; treated = 1.04
    assert standardised.treated == pytest.approx(1.04)
    assert standardised.untreated == pytest.approx(0.92)
    assert standardised.difference == pytest.approx(0.12)
    assert (standardised.strata_used, standardised.strata_left_out) == (2, 0)


def _literal_bootstrap(stratified: bool, draws: int):
    """The documented scheme, one account at a time: fresh default_rng(0); per draw, per stratum in
    sorted order, treated then untreated, rng.integers(0, n, n)."""
    rng = np.random.default_rng(0)
    labels = ["A", "B"] if stratified else [""]

    def members(group, label):
        return [i for i, segment in enumerate(group["segment"]) if not stratified or segment == label]

    differences = []
    for _ in range(draws):
        sums = {}
        for label in labels:
            for name, group in (("t", TREATED), ("u", UNTREATED)):
                chosen = members(group, label)
                picked = [chosen[i] for i in rng.integers(0, len(chosen), len(chosen))]
                sums[(label, name)] = (
                    sum(group["numerator"][i] for i in picked), sum(group["denominator"][i] for i in picked)
                )
        base = sum(sums[(label, "t")][1] for label in labels)
        treated = sum(sums[(label, "t")][0] for label in labels) / base
        untreated = sum(
            sums[(label, "t")][1] / base * sums[(label, "u")][0] / sums[(label, "u")][1] for label in labels
        )
        differences.append(treated - untreated)
    differences = np.array(differences)
    lower, upper = np.percentile(differences, [2.5, 97.5])
    p = min(1.0, 2 * min(np.mean(differences <= 0), np.mean(differences >= 0)))
    return lower, upper, p


@pytest.mark.parametrize("stratified", [False, True])
def test_nrr_bootstrap_matches_a_literal_reimplementation(stratified):
    result = _nrr(stratified, draws=300)
    lower, upper, p = _literal_bootstrap(stratified, 300)
    expected = (pytest.approx(lower), pytest.approx(upper), pytest.approx(p))
    assert (result.lower, result.upper, result.p_value) == expected
    assert len(result.samples) == 300 and result.lower <= result.difference <= result.upper


def test_nrr_bootstrap_is_seeded():
    assert _nrr(True, draws=200).samples.tolist() == _nrr(True, draws=200).samples.tolist()
    assert _nrr(True, draws=200, seed=1).samples.tolist() != _nrr(True, draws=200).samples.tolist()


def test_a_segment_without_treated_accounts_is_left_out_of_the_nrr():
    result = ratio_difference(
        [110.0], [100.0], [80.0, 45.0], [100.0, 50.0], ["A"], ["A", "C"], draws=50,
    )
    # only A has both groups: treated 1.10, untreated 0.80
    assert result.difference == pytest.approx(0.30)
    assert (result.strata_used, result.strata_left_out) == (1, 1)
