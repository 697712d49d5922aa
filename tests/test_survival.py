"""METRICS.md §7 customer lifetime: Kaplan–Meier, its log-log band, medians and the k-group log-rank test,
by hand on small examples and against statsmodels (an independent implementation) on larger ones.

lifelines, named in the issue as the reference, pins pandas < 3 and cannot be installed beside this
project's pandas 3.1.1; statsmodels' `SurvfuncRight` and `survdiff` (which agree with lifelines'
`multivariate_logrank_test` to 1e-12 on the issue author's check) serve instead.
"""

from __future__ import annotations

import duckdb
import numpy as np
import pytest
from statsmodels.duration.survfunc import SurvfuncRight, survdiff

from cs_lib.metrics.survival import survival, survival_json
from cs_lib.stats.survival import kaplan_meier, logrank_test, median_lifetime
from tests.warehouse_fixtures import build_warehouse

Z = 1.959963984540054


def test_kaplan_meier_and_its_log_log_band_by_hand():
    # Lifetimes 1, 2, 2, 3+, 4+, 5 (+ = censored). Distinct times 1, 2, 3, 4, 5.
    # At risk 6, 5, 3, 2, 1; events 1, 2, 0, 0, 1.
    # S(1) = 5/6; S(2) = 5/6 · 3/5 = 1/2; S(3) = S(4) = 1/2; S(5) = 1/2 · 0/1 = 0.
    curve = kaplan_meier(np.array([1, 2, 2, 3, 4, 5]), np.array([1, 1, 1, 0, 0, 1], dtype=bool))
    assert list(curve.t) == [1, 2, 3, 4, 5]
    assert list(curve.at_risk) == [6, 5, 3, 2, 1]
    assert list(curve.events) == [1, 2, 0, 0, 1]
    assert curve.survival == pytest.approx([5 / 6, 1 / 2, 1 / 2, 1 / 2, 0])
    # Greenwood: var(log S) = Σ d / (n(n − d)): at 1, 1/(6·5) = 1/30; at 2, 1/30 + 2/(5·3) = 1/6.
    # Log-log band: se = √var / |log S|; bounds S^exp(±z·se).
    # t = 1: se = √(1/30) / log(6/5) = 0.18257 / 0.18232 = 1.001386 -> (5/6)^exp(1.962680) = (5/6)^7.11736
    #        = 0.273123 (lower) and (5/6)^exp(−1.962680) = (5/6)^0.140502 = 0.974712 (upper).
    # t = 2: se = √(1/6) / log 2 = 0.408248 / 0.693147 = 0.588978 -> 0.5^exp(1.154375) = 0.5^3.17205 = 0.110948,
    #        0.5^exp(−1.154375) = 0.5^0.315253 = 0.803709.
    assert curve.lower[:4] == pytest.approx([0.273123, 0.110948, 0.110948, 0.110948], abs=1e-6)
    assert curve.upper[:4] == pytest.approx([0.974712, 0.803709, 0.803709, 0.803709], abs=1e-6)
    # S(5) = 0: log(−log 0) is undefined, so is the band.
    assert np.isnan(curve.lower[4]) and np.isnan(curve.upper[4])
    # The smallest t with S(t) <= 0.5.
    assert median_lifetime(curve) == 2


def test_median_not_reached_and_band_before_the_first_event():
    # 0+, 1, 4+, 4+: S(0) = 1 (no event yet: band undefined), S(1) = 2/3, then 2/3: never <= 0.5.
    curve = kaplan_meier(np.array([0, 1, 4, 4]), np.array([0, 1, 0, 0], dtype=bool))
    assert curve.survival == pytest.approx([1, 2 / 3, 2 / 3])
    assert np.isnan(curve.lower[0]) and not np.isnan(curve.lower[1])
    assert median_lifetime(curve) is None
    # No event at all: S = 1 everywhere, the band undefined, the median not reached.
    flat = kaplan_meier(np.array([2, 3]), np.array([False, False]))
    assert list(flat.survival) == [1, 1] and np.isnan(flat.upper).all() and median_lifetime(flat) is None


def test_two_group_logrank_by_hand():
    # A: 1, 3 (events); B: 2 (event), 4+.
    # t=1: n_A=2, n=4, d=1 (A): E_A = 1/2, V = 1·3/3 · 1/2 · 1/2 = 1/4
    # t=2: n_A=1, n=3, d=1 (B): E_A = 1/3, V = 1·2/2 · 1/3 · 2/3 = 2/9
    # t=3: n_A=1, n=2, d=1 (A): E_A = 1/2, V = 1·1/1 · 1/2 · 1/2 = 1/4
    # O_A − E_A = 2 − 4/3 = 2/3; V = 13/18; statistic = (4/9) / (13/18) = 8/13; p = P(χ²₁ > 8/13) = 0.432768.
    test = logrank_test(np.array([1, 3, 2, 4]), np.array([1, 1, 1, 0], dtype=bool), np.array(["A", "A", "B", "B"]))
    assert test.statistic == pytest.approx(8 / 13)
    assert test.df == 1
    assert test.p == pytest.approx(0.43276758, abs=1e-8)


@pytest.fixture(scope="module")
def random_lifetimes():
    rng = np.random.default_rng(11)
    groups = rng.choice(np.array(["a", "b", "c", "d"]), size=600)
    scale = {"a": 20.0, "b": 26.0, "c": 30.0, "d": 22.0}
    event_times = np.ceil(rng.exponential([scale[g] for g in groups]))
    censor_times = rng.integers(1, 48, size=600)
    durations = np.minimum(event_times, censor_times).astype(float)
    observed = event_times <= censor_times
    return durations, observed, groups


def test_kaplan_meier_and_band_agree_with_statsmodels(random_lifetimes):
    durations, observed, _ = random_lifetimes
    curve = kaplan_meier(durations, observed)
    reference = SurvfuncRight(durations, observed.astype(int))
    at_events = np.isin(curve.t, reference.surv_times)
    assert curve.survival[at_events] == pytest.approx(reference.surv_prob, abs=1e-9)
    assert curve.at_risk[at_events] == pytest.approx(reference.n_risk, abs=0)
    # The log-log band from statsmodels' Greenwood standard error of S: se(log(−log S)) = se(S) / (S |log S|).
    s, se = reference.surv_prob, reference.surv_prob_se
    defined = (s > 0) & (s < 1)
    spread = np.exp(Z * se[defined] / (s[defined] * np.abs(np.log(s[defined]))))
    assert curve.lower[at_events][defined] == pytest.approx(s[defined] ** spread, abs=1e-9)
    assert curve.upper[at_events][defined] == pytest.approx(s[defined] ** (1 / spread), abs=1e-9)


@pytest.mark.parametrize("group_count", [2, 3, 4])
def test_k_group_logrank_agrees_with_statsmodels(random_lifetimes, group_count):
    durations, observed, groups = random_lifetimes
    keep = np.isin(groups, ["a", "b", "c", "d"][:group_count])
    test = logrank_test(durations[keep], observed[keep], groups[keep])
    statistic, p = survdiff(durations[keep], observed[keep].astype(int), groups[keep])
    assert test.statistic == pytest.approx(statistic, rel=1e-9)
    assert test.p == pytest.approx(p, rel=1e-9)
    assert test.df == group_count - 1


# Customer lifetimes on a warehouse, as-of 2024-12 (cohort = first month with MRR > 0; lifetime to the
# first churn month, or censored at the as-of month):
#   A Enterprise high: 2024-01-01..2024-03-31 -> cohort 2024-01, churn 2024-04: 3, event
#   B Enterprise tech: 2024-01-01..open       -> censored 2024-12 − 2024-01 = 11
#   C SMB high: 2024-03-01..2024-05-31, back 2024-08-01..open -> churn 2024-06: 3, event (reactivation
#     does not undo the first churn)
#   D SMB high: 2024-06-01..2024-06-30        -> churn 2024-07: 1, event
#   E SMB tech: 2024-02-01..open               -> censored 10
LIFETIME_ACCOUNTS = [
    ("A", "Enterprise", None, None, None, "high"), ("B", "Enterprise", None, None, None, "tech"),
    ("C", "SMB", None, None, None, "high"), ("D", "SMB", None, None, None, "high"),
    ("E", "SMB", None, None, None, "tech"),
]
LIFETIME_LINES = [
    ("a1", "A", "core", "2024-01-01", "2024-03-31", 100),
    ("b1", "B", "core", "2024-01-01", None, 100),
    ("c1", "C", "core", "2024-03-01", "2024-05-31", 100),
    ("c2", "C", "core", "2024-08-01", None, 100),
    ("d1", "D", "core", "2024-06-01", "2024-06-30", 100),
    ("e1", "E", "core", "2024-02-01", None, 100),
]


@pytest.fixture(scope="module")
def lifetimes_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("lifetimes") / "w.duckdb"
    return build_warehouse(path, LIFETIME_ACCOUNTS, LIFETIME_LINES, recorded_through="2024-12-15")


def test_survival_of_customer_lifetime_on_a_warehouse(lifetimes_db):
    with duckdb.connect(str(lifetimes_db), read_only=True) as con:
        result = survival(con, "2024-12")
        by_segment = survival(con, "2024-12", by="segment")
        by_model = survival(con, "2024-12", by="cs_model")
    # All: lifetimes 1, 3, 3, 10+, 11+: at risk 5, 4, 2, 1; S(1) = 4/5, S(3) = 4/5 · 2/4 = 2/5 -> median 3.
    curves = result.curves
    assert list(curves["group"].unique()) == ["all"]
    assert list(curves["t"]) == [1, 3, 10, 11]
    assert list(curves["at_risk"]) == [5, 4, 2, 1]
    assert list(curves["events"]) == [1, 2, 0, 0]
    assert list(curves["survival"]) == pytest.approx([0.8, 0.4, 0.4, 0.4])
    assert result.median == {"all": 3} and result.logrank is None
    # Enterprise: 3, 11+ -> S(3) = 1/2 <= 0.5: median 3. SMB: 1, 3, 10+ -> S(1) = 2/3, S(3) = 1/3: median 3.
    assert by_segment.median == {"Enterprise": 3, "SMB": 3}
    smb = by_segment.curves[by_segment.curves["group"] == "SMB"]
    assert list(smb["survival"]) == pytest.approx([2 / 3, 1 / 3, 1 / 3])
    # high: 1, 3, 3 -> S(1) = 2/3, S(3) = 0: median 3. tech: 10+, 11+ -> never <= 0.5: not reached.
    assert by_model.median == {"high": 3, "tech": None}
    # The log-rank test across segments equals statsmodels' on the same lifetimes.
    statistic, p = survdiff(np.array([3, 11, 3, 1, 10]), np.array([1, 0, 1, 1, 0]),
                            np.array(["E", "E", "S", "S", "S"]))
    assert by_segment.logrank.statistic == pytest.approx(statistic) and by_segment.logrank.df == 1
    assert by_segment.logrank.p == pytest.approx(p)
    document = survival_json(by_model)
    assert document["median"] == {"high": 3, "tech": None}
    first = document["curves"][0]
    assert {key: first[key] for key in ("group", "t", "at_risk", "events")} == {
        "group": "high", "t": 1, "at_risk": 3, "events": 1}
    assert first["survival"] == pytest.approx(2 / 3) and 0 < first["lower"] < 2 / 3 < first["upper"] < 1
    # S(3) = 0: the band is undefined there and written as null.
    assert document["curves"][1]["lower"] is None and document["curves"][1]["survival"] == 0
