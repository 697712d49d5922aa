"""METRICS.md §11 pinned on the hand-built warehouse of tests/maturity_fixtures.py (as-of 2025-06).

Latest rounds (L = the department's latest date on or before 2025-06-30; round = L - 14 .. L):
  Alpha/cs:    L = 06-20, round 06-06..06-20 = {3 (06-20), 4 (06-10)}; 06-05 is 15 days out; 07-01 is after
               the as-of month. level = 3.5; spread = sqrt(((3-3.5)² + (4-3.5)²) / 1) = 0.70711; n = 2.
               Previous round: P = 06-05 (latest before 06-06), P - 14 = 05-22: {2, 1} (05-21 is out)
               → 1.5; change = 3.5 - 1.5 = 2.0.
  Alpha/sales: 06-01 {1, 2, 4}: level 7/3 = 2.33333; deviations -4/3, -1/3, 5/3 → squares 16/9 + 1/9 + 25/9
               = 42/9; / (3 - 1) = 7/3; spread = sqrt(7/3) = 1.52753 (high: ≥ 0.8); no previous round.
  Beta/cs:     03-01 {2}: level 2, spread undefined (one answer).
Units: Alpha = (3.5 + 7/3) / 2 = 35/12 = 2.91667, change = 2.0 (only cs has a previous round); Beta = 2.
ARR at 2025-06: Alpha 12 × (100 + 150) = 3,000; Beta 12 × 200 = 2,400; Gamma 12 × 400 = 4,800 (not assessed).
Company = (35/12 × 3,000 + 2 × 2,400) / (3,000 + 2,400) = (8,750 + 4,800) / 5,400 = 2.50926;
covered share = 5,400 / 10,200 = 0.52941.
"""

from __future__ import annotations

import duckdb
import pytest
from scipy import stats as scipy_stats

from cs_lib.filters import Filters
from cs_lib.metrics import maturity
from cs_lib.settings import Settings
from tests.maturity_fixtures import AS_OF, build_maturity_warehouse


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    path = build_maturity_warehouse(tmp_path_factory.mktemp("maturity") / "w.duckdb")
    with duckdb.connect(str(path), read_only=True) as connection:
        yield connection


def _row(frame, **where):
    selected = frame
    for column, value in where.items():
        selected = selected[selected[column] == value]
    assert len(selected) == 1, where
    return selected.iloc[0]


def test_department_level_is_the_mean_of_the_latest_round_of_fifteen_days(con):
    levels = maturity.department_levels(con, AS_OF)
    cs = _row(levels, business_unit="Alpha", department="cs")
    assert cs["level"] == pytest.approx(3.5)
    assert cs["spread"] == pytest.approx(0.5**0.5)
    assert cs["respondents"] == 2
    assert str(cs["assessed_on"]) == "2025-06-20"
    assert cs["previous_level"] == pytest.approx(1.5)
    assert cs["level_change"] == pytest.approx(2.0)
    assert not cs["high_spread"]


def test_spread_is_the_sample_standard_deviation_and_marks_disagreement(con):
    levels = maturity.department_levels(con, AS_OF)
    sales = _row(levels, business_unit="Alpha", department="sales")
    assert sales["level"] == pytest.approx(7 / 3)
    assert sales["spread"] == pytest.approx((7 / 3) ** 0.5)
    assert sales["high_spread"]
    assert sales["level_change"] != sales["level_change"]  # NaN: no previous round
    beta = _row(levels, business_unit="Beta", department="cs")
    assert beta["spread"] != beta["spread"] and beta["respondents"] == 1 and not beta["high_spread"]
    # The threshold is a setting: at 1.6 levels the sales room no longer counts as disagreeing.
    relaxed = maturity.department_levels(con, AS_OF, settings=Settings(maturity_high_spread=1.6))
    assert not _row(relaxed, business_unit="Alpha", department="sales")["high_spread"]


def test_assessments_after_the_as_of_month_do_not_count(con):
    levels = maturity.department_levels(con, "2025-05")
    # At 2025-05 Alpha/cs's latest date is 05-22: round 05-08..05-22 = {1 (05-22), 4 (05-21)}.
    cs = _row(levels, business_unit="Alpha", department="cs")
    assert cs["level"] == pytest.approx(2.5) and cs["respondents"] == 2


def test_unit_maturity_is_the_unweighted_mean_of_its_departments(con):
    units = maturity.business_unit_maturity(con, AS_OF)
    alpha = _row(units, business_unit="Alpha")
    assert alpha["maturity"] == pytest.approx(35 / 12)
    assert alpha["maturity_change"] == pytest.approx(2.0)
    assert alpha["departments"] == 2 and alpha["arr"] == pytest.approx(3000)
    gamma = _row(units, business_unit="Gamma")
    assert gamma["maturity"] != gamma["maturity"] and gamma["arr"] == pytest.approx(4800)


def test_company_maturity_is_weighted_by_arr_with_the_share_covered(con):
    company = maturity.company_maturity(con, AS_OF)
    assert company.maturity == pytest.approx(13550 / 5400)
    assert company.covered_share == pytest.approx(5400 / 10200)
    assert company.assessed_units == 2 and company.total_arr == pytest.approx(10200)


def test_company_maturity_follows_the_filters_and_is_undefined_without_weight(con):
    beta = maturity.company_maturity(con, AS_OF, Filters(business_unit=("Beta",)))
    assert beta.maturity == pytest.approx(2.0) and beta.covered_share == pytest.approx(1.0)
    gamma = maturity.company_maturity(con, AS_OF, Filters(business_unit=("Gamma",)))
    assert gamma.maturity is None and gamma.covered_share == pytest.approx(0.0)


def test_culture_scores_per_item_weakest_first(con):
    # Window 2024-07-01..2025-06-30 (c4 on 2024-06-30 is out). X: 5, 4, 1 → 10/3, favourable 2/3.
    # Y: 2, 3, 4 → 3.0, favourable 1/3. Y is the weaker item.
    items = maturity.culture_scores(con, "item", AS_OF)
    assert list(items["item"]) == ["Y", "X"]
    assert list(items["mean_score"]) == pytest.approx([3.0, 10 / 3])
    assert list(items["favourable"]) == pytest.approx([1 / 3, 2 / 3])
    assert list(items["answers"]) == [3, 3]


def test_culture_scores_per_unit_and_blank_department_reads_unspecified(con):
    # Alpha: 5, 2, 4, 3 → 3.5, favourable 2/4; Beta: 1, 4 → 2.5, favourable 1/2.
    units = maturity.culture_scores(con, "unit", AS_OF)
    assert list(units["business_unit"]) == ["Beta", "Alpha"]
    assert list(units["mean_score"]) == pytest.approx([2.5, 3.5])
    assert list(units["favourable"]) == pytest.approx([0.5, 0.5])
    departments = maturity.culture_scores(con, "unit_department", AS_OF)
    assert _row(departments, business_unit="Beta")["department"] == "unspecified"
    with pytest.raises(ValueError):
        maturity.culture_scores(con, "colour", AS_OF)


def test_evidence_signals_per_business_unit(con):
    # D = 2025-06-30. Alpha: A1 has a journey event and a touchpoint on D - 89 (in), A2 neither (its
    # touchpoint on D - 90 is out); A1 is tech-touch → 1/2 each. Beta: B1 none, tech-touch → 0, 0, 1.
    # GRR/NRR TTM (2024-06 → 2025-06): Alpha (100 + 150) / (100 + 300) = 0.625 on 2 accounts; Beta 1.0.
    evidence = maturity.business_unit_evidence(con, AS_OF)
    alpha, beta = _row(evidence, business_unit="Alpha"), _row(evidence, business_unit="Beta")
    assert (alpha["journey_coverage"], alpha["touchpoint_coverage"], alpha["tech_touch_share"]) == (0.5, 0.5, 0.5)
    assert (beta["journey_coverage"], beta["touchpoint_coverage"], beta["tech_touch_share"]) == (0.0, 0.0, 1.0)
    assert alpha["grr_ttm"] == pytest.approx(0.625) and alpha["nrr_ttm"] == pytest.approx(0.625)
    assert alpha["retention_accounts"] == 2 and alpha["maturity"] == pytest.approx(35 / 12)


def test_maturity_against_retention_with_two_units_has_a_line_but_no_intervals(con):
    # Points (35/12, 62.5) and (2, 100): slope = (62.5 - 100) / (35/12 - 2) = -37.5 / (11/12) = -40.909.
    result = maturity.maturity_vs_retention(con, AS_OF)
    assert list(result.units["business_unit"]) == ["Alpha", "Beta"]
    assert result.grr.fit.slope == pytest.approx(-37.5 * 12 / 11)
    assert result.grr.fit.r == pytest.approx(-1.0)
    assert result.grr.fit.p is None and result.grr.fit.slope_low is None
    assert result.thin_evidence and result.weak_units == ("Alpha", "Beta")
    # The reference: 6 points per level through the mean point (x̄ = 59/24, ȳ = 81.25).
    assert result.grr.reference_line([59 / 24 + 1])[0] == pytest.approx(81.25 + 6)


def test_cli_table_has_the_documented_columns(con):
    table = maturity.maturity_table(con, AS_OF)
    assert tuple(table.columns) == maturity.CLI_COLUMNS
    assert _row(table, business_unit="Alpha", department="cs")["assessed_on"] == "2025-06-20"


def test_least_squares_line_checked_by_hand_and_against_scipy():
    from cs_lib.stats.regression import least_squares_line

    # x = 1, 2, 3; y = 1, 3, 2: x̄ = ȳ = 2, Sxx = 2, Sxy = 1, Syy = 2 → slope 0.5, intercept 1, r = 0.5.
    # Residuals -0.5, 1, -0.5 → s² = 1.5 / 1; se = √1.5 / √2 = 0.86603; t = 0.57735 on 1 df (Cauchy):
    # p = 2 × (1/2 - atan(0.57735)/π) = 2 × (1/2 - 1/6) = 2/3. CI = 0.5 ± 12.7062 × 0.86603.
    fit = least_squares_line([1, 2, 3], [1, 3, 2])
    assert (fit.slope, fit.intercept, fit.r) == pytest.approx((0.5, 1.0, 0.5))
    assert fit.p == pytest.approx(2 / 3)
    half_width = 12.7062 * 0.86603
    assert (fit.slope_low, fit.slope_high) == pytest.approx((0.5 - half_width, 0.5 + half_width), rel=1e-4)
    x, y = [1.2, 2.0, 2.5, 3.1, 3.8, 1.7], [78.0, 85.5, 84.0, 91.2, 96.4, 80.1]
    reference, fit = scipy_stats.linregress(x, y), least_squares_line(x, y)
    assert (fit.slope, fit.intercept, fit.r, fit.p) == pytest.approx(
        (reference.slope, reference.intercept, reference.rvalue, reference.pvalue)
    )
    t_critical = scipy_stats.t.ppf(0.975, len(x) - 2)
    assert fit.slope_low == pytest.approx(reference.slope - t_critical * reference.stderr)
    # The band at x̄ is ȳ ± t × s / √n; at x̄ it equals the interval of the intercept shifted to x̄.
    low, high = fit.band([sum(x) / len(x)])
    residual_se = reference.stderr * ((sum((v - sum(x) / len(x)) ** 2 for v in x)) ** 0.5)
    assert high[0] - low[0] == pytest.approx(2 * t_critical * residual_se / len(x) ** 0.5)


def test_least_squares_line_is_undefined_without_two_distinct_levels():
    from cs_lib.stats.regression import least_squares_line

    assert least_squares_line([2.0], [90.0]).slope is None
    assert least_squares_line([2.0, 2.0, 2.0], [90.0, 80.0, 85.0]).slope is None


def test_assessments_follow_only_the_business_unit_filter(con):
    # A segment filter (no account of the fixture has one) leaves the departments' levels as they are;
    # the page passes assessment_scope(filters) so that their cached answers are reused.
    scoped = maturity.assessment_scope(Filters(segment=("SMB",), business_unit=("Alpha",)))
    assert scoped == Filters(business_unit=("Alpha",))
    unfiltered = maturity.department_levels(con, AS_OF)
    assert maturity.department_levels(con, AS_OF, Filters(segment=("SMB",))).equals(unfiltered)


def test_evidence_marks_units_resting_on_fewer_than_thirty_accounts(con):
    evidence = maturity.business_unit_evidence(con, AS_OF)
    assert evidence["weak_evidence"].all()  # 2, 1 and 1 accounts
