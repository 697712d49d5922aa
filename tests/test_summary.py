"""The plain-language summary, from hand-made KPI dicts and verdicts: each rule fires when it
should and stays silent when it must (METRICS.md §13: no conclusion from weak evidence)."""

from cs_lib.metrics.comparison import KpiChange
from cs_lib.present.summary import plain_summary

NOW = {
    "as_of": "2025-06",
    "arr": 1_320_000_000,
    "grr_ttm": 0.88,
    "nrr_ttm": 1.06,
    "logo_churn_rate_month": 0.012,
}
BEFORE = {
    "as_of": "2024-06",
    "arr": 1_200_000_000,
    "grr_ttm": 0.9,
    "nrr_ttm": 1.04,
    "logo_churn_rate_month": 0.008,
}


def change(name: str, verdict: str = "within_noise", accounts_now: int = 400, accounts_before: int = 380):
    return KpiChange(name, accounts_now, accounts_before, 0.02, -0.01, 0.05, verdict)


MANY = {"nrr_ttm": change("nrr_ttm"), "logo_churn_rate_month": change("logo_churn_rate_month")}


def test_arr_level_and_change_in_english():
    text = plain_summary(NOW, BEFORE, "en", changes=MANY)
    # 1,320,000,000 / 1,200,000,000 - 1 = 0.10 → "up 10.0%"
    assert "ARR is ¥1.32B in 2025-06, up 10.0% from ¥1.20B in 2024-06." in text


def test_arr_level_and_change_in_japanese():
    text = plain_summary(NOW, BEFORE, "ja", changes=MANY)
    assert "2025-06のARRは¥13.20億で、2024-06の¥12.00億から10.0%増えました。" in text


# --- retention: which sentence, and when ---------------------------------------------


def test_expansion_offsets_churn_when_there_is_churn_and_nrr_is_at_least_100():
    # GRR 88 % < 100 %: churn or contraction exists; NRR 106 % >= 100 %; gap 106 - 88 = 18 points
    text = plain_summary(NOW, BEFORE, "en", changes=MANY)
    assert "expansion offsets the revenue lost to churn and contraction (18.0 points" in text
    assert "補っています" in plain_summary(NOW, BEFORE, "ja", changes=MANY)


def test_no_churn_never_reads_as_expansion_hiding_churn():
    # The Enterprise + 北海道 case: GRR 100 % (no churn, no contraction), NRR 110.1 %.
    now = NOW | {"grr_ttm": 1.0, "nrr_ttm": 1.101}
    text = plain_summary(now, BEFORE, "en", changes=MANY)
    assert "offsets" not in text and "hiding" not in text
    assert "lost no revenue to churn or contraction (GRR 100.0%); NRR is 110.1%." in text


def test_nrr_below_100_percent_says_net_revenue_is_shrinking_not_that_expansion_hides_churn():
    # The SMB + tech_touch case: NRR 96.1 % with a GRR below it.
    now = NOW | {"grr_ttm": 0.85, "nrr_ttm": 0.961}
    text = plain_summary(now, BEFORE, "en", changes=MANY)
    assert "Net revenue from existing customers is shrinking: over the last 12 months NRR is 96.1% (GRR 85.0%)." in text
    assert "offsets" not in text
    assert "純減" in plain_summary(now, BEFORE, "ja", changes=MANY)


def test_nrr_of_exactly_100_percent_is_not_shrinking():
    now = NOW | {"grr_ttm": 0.95, "nrr_ttm": 1.0}
    text = plain_summary(now, BEFORE, "en", changes=MANY)
    assert "shrinking" not in text
    assert "offsets" in text


def test_retention_on_fewer_than_30_accounts_draws_no_conclusion():
    weak = MANY | {"nrr_ttm": change("nrr_ttm", "too_few", accounts_now=18, accounts_before=11)}
    now = NOW | {"grr_ttm": 1.0, "nrr_ttm": 1.101}
    text = plain_summary(now, BEFORE, "en", changes=weak)
    assert "rests on only 18 accounts (NRR 110.1%, GRR 100.0%): too few to draw a conclusion." in text
    for conclusion in ("offsets", "shrinking", "lost no revenue", "a real"):
        assert conclusion not in text


def test_retention_on_exactly_30_accounts_is_not_weak():
    enough = MANY | {"nrr_ttm": change("nrr_ttm", accounts_now=30, accounts_before=30)}
    assert "too few to draw" not in plain_summary(NOW, BEFORE, "en", changes=enough)


# --- changes, stated as on the cards ---------------------------------------------------


def test_a_change_within_noise_is_called_within_noise():
    text = plain_summary(NOW, BEFORE, "en", changes=MANY)
    # NRR 106 % - 104 % = +2.0 pt
    assert "Against 2024-06, NRR (TTM) moved +2.0 pt: within noise." in text
    assert "a real" not in text


def test_a_real_change_is_called_real_only_when_the_test_says_so():
    real = MANY | {"nrr_ttm": change("nrr_ttm", "improvement")}
    assert "moved +2.0 pt: a real improvement." in plain_summary(NOW, BEFORE, "en", changes=real)


def test_logo_churn_with_its_verdict():
    text = plain_summary(NOW, BEFORE, "en", changes=MANY)
    assert "Logo churn was 1.2% this month (0.8% in 2024-06; within noise)." in text


def test_logo_churn_on_few_accounts_is_too_few_to_tell():
    weak = MANY | {"logo_churn_rate_month": change("logo_churn_rate_month", "too_few", accounts_now=12)}
    text = plain_summary(NOW, BEFORE, "en", changes=weak)
    assert "Logo churn was 1.2% this month, on only 12 accounts: too few to tell." in text


# --- undefined and empty -----------------------------------------------------------------


def test_undefined_figures_are_named_not_shown_as_zero():
    now = NOW | {"grr_ttm": None, "nrr_ttm": None, "logo_churn_rate_month": None}
    text = plain_summary(now, None, "en")
    assert "ARR is ¥1.32B in 2025-06." in text
    assert "not available yet" in text
    assert "undefined this month" in text
    assert "0.0%" not in text


def test_without_a_comparison_month_no_change_is_claimed():
    text = plain_summary(NOW, None, "ja", changes=MANY)
    assert "当月の顧客解約率は1.2%でした。" in text
    assert "比べて" not in text


def test_no_revenue_in_scope():
    text = plain_summary({"as_of": "2025-06", "arr": 0}, None, "en")
    assert text == "There is no revenue in the selected scope at 2025-06."


def test_flat_arr():
    text = plain_summary(NOW, BEFORE | {"arr": NOW["arr"]}, "en", changes=MANY)
    assert "unchanged from" in text
