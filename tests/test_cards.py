"""KPI cards (cs_lib.present.cards): the change is coloured only when it is real, every rate says
how many accounts it rests on, under 30 it is marked, and a target reads on or off track."""

from cs_lib.metrics.comparison import KpiChange
from cs_lib.present.cards import kpi_card
from cs_lib.present.formatting import UNDEFINED

NOW = {"as_of": "2025-06", "logo_churn_rate_month": 0.01, "nrr_ttm": 1.02, "arr": 120_000_000, "active_accounts": 812}
THEN = {"as_of": "2024-06", "logo_churn_rate_month": 0.02, "nrr_ttm": 0.98, "arr": 100_000_000, "active_accounts": 790}


def change(name: str, verdict: str, accounts_now: int = 800, accounts_before: int = 760) -> KpiChange:
    return KpiChange(name, accounts_now, accounts_before, -0.01, -0.015, -0.004, verdict)


def test_a_real_fall_in_churn_is_coloured_as_good_news():
    card = kpi_card("logo_churn_rate_month", NOW, THEN, "en", change=change("logo_churn_rate_month", "improvement"))
    assert card.value == "1.0%"
    assert card.delta == "-1.0 pt"
    assert card.delta_color == "inverse"  # st.metric: a fall shown green
    assert (card.delta_description, card.verdict) == ("vs 2024-06", "a real improvement")
    assert card.label == "Logo churn (month)"
    assert "churned" in card.help and "paired bootstrap" in card.help


def test_a_change_within_noise_is_grey_but_keeps_its_arrow():
    card = kpi_card("nrr_ttm", NOW, THEN, "en", change=change("nrr_ttm", "within_noise"))
    assert card.delta == "+4.0 pt"
    assert (card.delta_color, card.delta_arrow) == ("off", "auto")
    assert card.verdict == "within noise"


def test_fewer_than_30_accounts_is_weak_evidence_and_never_coloured():
    weak = change("nrr_ttm", "too_few", accounts_now=29, accounts_before=40)
    card = kpi_card("nrr_ttm", NOW, THEN, "ja", change=weak)
    assert card.weak_evidence
    assert card.label == "売上純継続率（12か月） ⚠"
    assert card.delta_color == "off"
    assert card.basis == "対象 29社 · ⚠ 根拠が弱い（30社未満）"
    assert card.verdict == "顧客数が少なく判断できません"


def test_thirty_accounts_is_not_weak():
    card = kpi_card("nrr_ttm", NOW, THEN, "en", change=change("nrr_ttm", "within_noise", accounts_now=30))
    assert not card.weak_evidence
    assert card.basis == "on 30 accounts"


def test_an_amount_is_untested_rests_on_the_active_accounts_and_is_coloured_by_its_sign():
    card = kpi_card("arr", NOW, THEN, "en")
    assert (card.delta_description, card.verdict) == ("vs 2024-06", "")  # no verdict words for amounts
    assert card.delta_color == "normal"
    assert card.basis == "on 812 accounts"
    assert not card.weak_evidence  # weak evidence marks rates only


def test_target_on_and_off_track_respect_lower_is_better():
    on = kpi_card("logo_churn_rate_month", NOW, THEN, "en", target=0.015)  # 1.0 % <= 1.5 %
    off = kpi_card("nrr_ttm", NOW, THEN, "en", target=1.05)  # 102 % < 105 %
    assert (on.on_track, on.target) == (True, "target 1.5% · on track")
    assert (off.on_track, off.target) == (False, "target 105.0% · off track")
    assert kpi_card("nrr_ttm", NOW, THEN, "en").target == ""


def test_without_a_comparison_month_the_card_says_so():
    card = kpi_card("nrr_ttm", NOW, None, "ja")
    assert card.value == "102.0%"
    assert card.delta == UNDEFINED
    assert (card.delta_color, card.delta_arrow) == ("off", "off")
    assert card.delta_description == "比較する月のデータがありません"


def test_a_change_that_rounds_to_zero_has_no_arrow():
    for current in (0.90001, 0.89999):
        card = kpi_card("grr_ttm", {"grr_ttm": current}, {"as_of": "x", "grr_ttm": 0.9}, "en")
        assert card.delta == "0.0 pt"  # never "-0.0 pt"
        assert (card.delta_arrow, card.delta_color) == ("off", "off")
