"""The plain-language summary, from hand-made KPI dicts."""

from cs_lib.present.summary import plain_summary

NOW = {
    "as_of": "2025-06",
    "arr": 1_320_000_000,
    "grr_ttm": 0.88,
    "nrr_ttm": 1.06,
    "logo_churn_rate_month": 0.012,
}
BEFORE = {
    "as_of": "2025-03",
    "arr": 1_200_000_000,
    "grr_ttm": 0.9,
    "nrr_ttm": 1.04,
    "logo_churn_rate_month": 0.008,
}


def test_arr_level_and_change_in_english():
    text = plain_summary(NOW, BEFORE, "en")
    # 1,320,000,000 / 1,200,000,000 - 1 = 0.10 → "up 10.0%"
    assert "ARR is ¥1.32B in 2025-06, up 10.0% from ¥1.20B in 2025-03." in text


def test_arr_level_and_change_in_japanese():
    text = plain_summary(NOW, BEFORE, "ja")
    assert "2025-06のARRは¥13.20億で、2025-03の¥12.00億から10.0%増えました。" in text


def test_large_gap_between_nrr_and_grr_reads_as_expansion_hiding_churn():
    # NRR 106% - GRR 88% = 18 points ≥ 5 points
    text = plain_summary(NOW, BEFORE, "en")
    assert "expansion is hiding churn" in text
    assert "18.0 points" in text
    assert "覆い隠して" in plain_summary(NOW, BEFORE, "ja")


def test_small_gap_reads_as_retention_by_keeping_customers():
    now = NOW | {"grr_ttm": 0.97, "nrr_ttm": 1.01}
    text = plain_summary(now, BEFORE, "en")
    assert "hiding churn" not in text
    assert "keeping customers" in text


def test_nrr_below_100_percent_says_existing_customers_shrink():
    now = NOW | {"grr_ttm": 0.9, "nrr_ttm": 0.93}
    assert "less revenue than a year ago" in plain_summary(now, BEFORE, "en")


def test_logo_churn_with_comparison():
    text = plain_summary(NOW, BEFORE, "en")
    assert "Logo churn was 1.2% this month (0.8% in 2025-03)." in text


def test_undefined_figures_are_named_not_shown_as_zero():
    now = NOW | {"grr_ttm": None, "nrr_ttm": None, "logo_churn_rate_month": None}
    text = plain_summary(now, None, "en")
    assert "ARR is ¥1.32B in 2025-06." in text
    assert "not available yet" in text
    assert "undefined this month" in text
    assert "0.0%" not in text


def test_missing_previous_churn_gives_the_current_figure_only():
    text = plain_summary(NOW, BEFORE | {"logo_churn_rate_month": None}, "ja")
    assert "当月の顧客解約率は1.2%でした。" in text


def test_no_revenue_in_scope():
    text = plain_summary({"as_of": "2025-06", "arr": 0}, None, "en")
    assert text == "There is no revenue in the selected scope at 2025-06."


def test_flat_arr():
    text = plain_summary(NOW, BEFORE | {"arr": NOW["arr"]}, "en")
    assert "unchanged from" in text
