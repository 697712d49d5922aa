"""METRICS.md §12 on hand-built warehouses (tests/impact_fixtures.py), arithmetic in the comments.

Readings pinned here (docs/metrics.md, Choice 10):
- treated = active in m0 with the earliest start on or before the last day of m0; a start inside
  (m0, m1] is left out; a later start is untreated;
- the renewal rate of a group = §7 over its accounts' paid lines ending in the 12 months ending at
  m1 (outcome known at m1), the same period as renewal_rate_ttm;
- the segment is the stratum; a segment lacking a group is left out and counted;
- ROI mid = the ROI at the stratified NRR difference; low/high = percentiles of the ROI draws.
"""

from __future__ import annotations

import duckdb
import numpy as np
import pytest
from scipy import stats as scipy_stats
from statsmodels.stats.contingency_tables import StratifiedTable
from statsmodels.stats.proportion import confint_proportions_2indep

from cs_lib.filters import Filters
from cs_lib.metrics.impact import ImpactError, Treatment, did_rows, impact_json, measure_impact
from cs_lib.months import parse_month
from tests.impact_fixtures import (
    DID_ACCOUNTS,
    DID_PROGRAMS,
    DID_SUBSCRIPTIONS,
    IMPACT_ACCOUNTS,
    IMPACT_PROGRAMS,
    IMPACT_SUBSCRIPTIONS,
    build_with_programs,
)


@pytest.fixture(scope="module")
def impact_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("impact") / "impact.duckdb"
    return build_with_programs(path, IMPACT_ACCOUNTS, IMPACT_SUBSCRIPTIONS, IMPACT_PROGRAMS, "2025-01-31")


@pytest.fixture(scope="module")
def programme(impact_db):
    with duckdb.connect(str(impact_db), read_only=True) as con:
        return measure_impact(con, Treatment("program", "p"), "2025-01", cost=1000.0)


def test_groups_follow_the_treatment_timing(impact_db):
    with duckdb.connect(str(impact_db), read_only=True) as con:
        rows = con.execute(
            "select account_id, treatment_group from scoped_impact_groups(date '2025-01-01', 'program', 'P', $scope)"
            " order by 1", Filters().sql_parameters(),
        ).fetchall()
    assert dict(rows) == {
        "t1": "treated", "t2": "treated", "t3": "treated",  # t3 started on the last day of m0
        "u1": "untreated", "u2": "untreated", "u3": "untreated", "u4": "untreated",
        "u5": "untreated",  # started after m1
        "l1": "left_out",  # started inside the window
    }


def test_logo_retention_by_hand_with_fisher_and_mantel_haenszel(programme):
    logo = programme.outcomes["logo_retention"]
    assert (programme.treated, programme.untreated, programme.left_out) == (3, 5, 1)
    # treated retained t1, t3 = 2/3; untreated u1, u3, u5 = 3/5; difference 2/3 - 3/5 = 1/15
    assert (logo.treated, logo.untreated, logo.difference) == (pytest.approx(2 / 3), pytest.approx(3 / 5),
                                                                pytest.approx(1 / 15))
    # expected cells of [[2, 1], [3, 2]] are below 5 -> Fisher; the observed table is the likeliest: p = 1
    assert logo.test == "fisher" and logo.p_value == pytest.approx(1.0)
    assert logo.p_value == pytest.approx(scipy_stats.fisher_exact([[2, 1], [3, 2]]).pvalue)
    # Newcombe by hand, z = 1.959964, z² = 3.841459:
    #   Wilson 2/3: centre (2 + 1.920729) / 6.841459 = 0.573082, half 0.286484 × √(2·1/3 + 0.960365) = 0.365427
    #     -> (0.207655, 0.938509); Wilson 3/5: centre 4.920729 / 8.841459 = 0.556551,
    #     half 0.221679 × √(3·2/5 + 0.960365) = 0.325827 -> (0.230724, 0.882378)
    #   lower = 1/15 − √((0.666667 − 0.207655)² + (0.882378 − 0.6)²) = 0.066667 − 0.538915 = −0.472248
    #   upper = 1/15 + √((0.938509 − 0.666667)² + (0.6 − 0.230724)²) = 0.066667 + 0.458544 = 0.525211
    assert (logo.lower, logo.upper) == (pytest.approx(-0.472248, abs=1e-5), pytest.approx(0.525211, abs=1e-5))
    newcombe = confint_proportions_2indep(2, 3, 3, 5, method="newcomb", compare="diff")
    assert (logo.lower, logo.upper) == (pytest.approx(newcombe[0]), pytest.approx(newcombe[1]))
    # A: treated 1/2, untreated 1/2 -> (1*2 - 1*2)/4 = 0, w = 2*2/4 = 1
    # B: treated 1/1, untreated 2/3 -> (1*3 - 2*1)/4 = 1/4, w = 1*3/4 = 3/4;  RD = (0 + 1/4) / (1 + 3/4) = 1/7
    assert logo.stratified.difference == pytest.approx(1 / 7)
    cmh = StratifiedTable([np.array([[1, 1], [1, 1]]), np.array([[1, 0], [2, 1]])]).test_null_odds(correction=False)
    assert logo.stratified.p_value == pytest.approx(cmh.pvalue)
    assert (logo.stratified.strata_used, logo.stratified.strata_left_out) == (2, 0)


def test_renewal_rate_of_each_groups_lines(programme):
    renewal = programme.outcomes["renewal_rate"]
    # lines ending 2024-02..2025-01 with the outcome known: t1a renewed, t2a not (treated 1/2);
    # u1a renewed, u2a not, u4a not (untreated 1/3); difference 1/2 - 1/3 = 1/6
    assert (renewal.treated, renewal.untreated, renewal.difference) == (
        pytest.approx(1 / 2), pytest.approx(1 / 3), pytest.approx(1 / 6))
    assert (renewal.treated_units, renewal.untreated_units) == (2, 3)
    assert (renewal.treated_accounts, renewal.untreated_accounts) == (2, 3)
    # only segment A has lines in both groups (1/2 against 1/2): MH difference 0, B left out and counted
    assert renewal.stratified.difference == pytest.approx(0.0)
    assert (renewal.stratified.strata_used, renewal.stratified.strata_left_out) == (1, 1)


def test_nrr_plain_and_standardised_to_the_treated_mix(programme):
    nrr = programme.outcomes["nrr"]
    # treated: (100 + 0 + 300) / (100 + 100 + 200) = 1; untreated: (100+0+200+0+100)/(100+100+200+200+100) = 4/7
    assert (nrr.treated, nrr.untreated, nrr.difference) == (pytest.approx(1.0), pytest.approx(4 / 7),
                                                            pytest.approx(3 / 7))
    # treated base mix A 200 : B 200 -> weights 1/2, 1/2; untreated NRR A = 100/200, B = 300/500
    # standardised untreated = 0.5*0.5 + 0.5*0.6 = 0.55; difference 1 - 0.55 = 0.45
    assert nrr.stratified.difference == pytest.approx(0.45)
    assert nrr.lower <= nrr.difference <= nrr.upper


def test_roi_range_from_the_stratified_draws(programme):
    roi, nrr = programme.roi, programme.outcomes["nrr"]
    # attributable ARR = 12 x treated base MRR 400 x 0.45 = 2160; ROI = (2160 - 1000) / 1000 = 1.16
    assert programme.treated_base_mrr == 400
    assert (roi.attributable_arr, roi.mid) == (pytest.approx(2160.0), pytest.approx(1.16))
    # ROI is increasing and linear in the difference, so its percentiles are those of the difference
    assert roi.low == pytest.approx((4800 * nrr.stratified.lower - 1000) / 1000)
    assert roi.high == pytest.approx((4800 * nrr.stratified.upper - 1000) / 1000)
    assert roi.low <= roi.mid <= roi.high


def test_json_has_the_exact_shape(programme):
    body = impact_json(programme)
    assert list(body) == ["treated", "untreated", "left_out", "logo_retention", "renewal_rate", "nrr", "did", "roi"]
    assert list(body["nrr"]) == ["treated", "untreated", "difference", "lower", "upper", "p", "stratified"]
    assert list(body["nrr"]["stratified"]) == ["difference", "lower", "upper", "p"]
    assert list(body["roi"]) == ["low", "mid", "high"]
    # one stack, s = 2024-01 (t3 started 2024-01-31; 2023-01 and 2025-01 are inside the data):
    # t3 before 200/200 = 1, after 300/200 = 1.5; controls u1..u5 (not started by 2025-01-31):
    # before 700/700 = 1, after (100+0+200+0+100)/700 = 4/7; DiD = 0.5 - (4/7 - 1) = 13/14
    assert body["did"]["difference"] == pytest.approx(13 / 14)


def test_cs_model_is_the_current_value_against_the_rest(impact_db):
    with duckdb.connect(str(impact_db), read_only=True) as con:
        result = measure_impact(con, Treatment("cs_model", "HIGH_TOUCH"), "2025-01")
    # t1, t2 high touch; nobody left out; logo retention 1/2 against 5/7 (t3 u1 u3 u5 retained, l1 too)
    assert (result.treated, result.untreated, result.left_out) == (2, 7, 0)
    assert result.outcomes["logo_retention"].difference == pytest.approx(1 / 2 - 5 / 7)
    assert result.did is None and result.roi is None  # no cost set


def test_unknown_treatment_lists_the_valid_ones(impact_db):
    with duckdb.connect(str(impact_db), read_only=True) as con, pytest.raises(ImpactError, match="valid values: P"):
        measure_impact(con, Treatment("program", "Q"), "2025-01")


def test_filters_apply(impact_db):
    with duckdb.connect(str(impact_db), read_only=True) as con:
        result = measure_impact(con, Treatment("program", "P"), "2025-01", Filters(segment=("A",)))
    # A only: treated t1 t2 (1/2 retained), untreated u1 u2 (1/2), left out l1
    assert (result.treated, result.untreated, result.left_out) == (2, 2, 1)
    assert result.outcomes["logo_retention"].difference == pytest.approx(0.0)


@pytest.fixture(scope="module")
def did_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("did") / "did.duckdb"
    return build_with_programs(path, DID_ACCOUNTS, DID_SUBSCRIPTIONS, DID_PROGRAMS, "2024-01-31")


def test_did_rows_and_estimate_by_hand(did_db):
    with duckdb.connect(str(did_db), read_only=True) as con:
        rows = did_rows(con, "P", parse_month("2024-01"), Filters())
        result = measure_impact(con, Treatment("program", "P"), "2024-01")
    stack = {(row.account_id, row.role) for row in rows if row.stack_month == "2023-01"}
    assert stack == {("d1", "treated"), ("d2", "control"), ("d3", "control")}
    did = result.did
    # treated: before 100/100 = 1, after 150/100 = 1.5; control: before 300/300 = 1, after 200/300 = 2/3
    # DiD = (1.5 - 1) - (2/3 - 1) = 5/6
    assert (did.before_treated, did.after_treated) == (pytest.approx(1.0), pytest.approx(1.5))
    assert (did.before_control, did.after_control) == (pytest.approx(1.0), pytest.approx(2 / 3))
    assert did.difference == pytest.approx(5 / 6)
    assert (did.stacks_used, did.stacks_left_out, did.treated_accounts, did.control_accounts) == (1, 0, 1, 2)
    assert impact_json(result)["did"]["difference"] == pytest.approx(5 / 6)
