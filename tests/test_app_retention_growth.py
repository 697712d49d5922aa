"""The Retention, Growth and Segments pages under AppTest on the small demo: they run in both languages, draw
their charts, and show the engine's numbers (the pages do no arithmetic of their own)."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from cs_lib.filters import Filters
from cs_lib.metrics import bridge, growth, kpis, renewals, retention_views, segments, survival, tiers
from cs_lib.present.i18n import t
from cs_lib.present.retention_growth import logrank_sentence
from cs_lib.settings import load_settings
from tests.test_app import app as app  # noqa: F401 - the shared fixtures
from tests.test_app import assert_ran_cleanly
from tests.test_app import engine as engine  # noqa: F401

RETENTION = "app_pages/retention/retention.py"
GROWTH = "app_pages/growth/growth.py"
SEGMENTS = "app_pages/segments/segments.py"


def open_page(app: AppTest, page: str, lang: str = "ja", **parameters: str) -> AppTest:
    app.query_params["lang"] = lang
    for key, value in parameters.items():
        app.query_params[key] = value
    app.run()
    app.switch_page(page).run()
    assert_ran_cleanly(app)
    return app


def table(app: AppTest, header: str):
    """The first data table with this column header."""
    return next(frame.value for frame in app.dataframe if header in list(frame.value.columns))


def texts(app: AppTest) -> str:
    return "\n".join(markdown.value for markdown in app.markdown)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_retention_page_draws_its_charts_in_both_languages(app, lang):
    open_page(app, RETENTION, lang)
    assert app.title[0].value == t("page.retention", lang)
    assert len(app.get("vega_lite_chart")) == 5  # cohorts, survival, renewals, windows, NRR bridge
    assert [header.value for header in app.subheader][:2] == [t("retention.cohorts_header", lang),
                                                              t("retention.survival_header", lang)]


def test_retention_page_shows_the_engines_medians_pending_and_ledger(app, engine):
    open_page(app, RETENTION, "en")
    assert not any(t("retention.variant", "en") in frame.value.columns for frame in app.dataframe)  # closed
    app.session_state["ledger_table"] = True  # the reader opens the ledger
    app.run()
    as_of = kpis.kpis_at(engine)["as_of"]
    result = survival.survival(engine, as_of)
    medians = table(app, t("retention.median", "en"))
    expected = result.median["all"]
    assert medians[t("retention.median", "en")].tolist() == [
        t("retention.not_reached", "en") if expected is None else t("retention.months", "en").format(months=expected)]
    pending = int(renewals.renewals_by_month(engine, as_of, settings=load_settings(engine))["pending"].sum())
    assert f"{pending:,} lines are still inside it" in texts(app)
    ledger = table(app, t("retention.variant", "en"))
    engine_ledger = retention_views.retention_ledger(engine, as_of, settings=load_settings(engine))
    assert ledger[t("retention.grr", "en")].tolist() == pytest.approx(engine_ledger["grr"].tolist())
    assert ledger[t("retention.nrr", "en")].tolist() == pytest.approx(engine_ledger["nrr"].tolist())


def test_survival_split_by_segment_states_the_log_rank_test(app, engine):
    open_page(app, RETENTION, "en")
    app.selectbox(key="survival_by").set_value("segment").run()
    assert_ran_cleanly(app)
    result = survival.survival(engine, kpis.kpis_at(engine)["as_of"], by="segment")
    assert logrank_sentence(result, "en") in texts(app)
    groups = table(app, t("retention.median", "en"))[t("retention.group", "en")].tolist()
    assert groups == sorted(result.median)


def test_retention_page_follows_the_segment_filter(app, engine):
    open_page(app, RETENTION, "en", segment="SMB")
    app.session_state["ledger_table"] = True
    app.run()
    as_of = kpis.kpis_at(engine)["as_of"]
    engine_ledger = retention_views.retention_ledger(engine, as_of, Filters(segment=("SMB",)), load_settings(engine))
    ledger = table(app, t("retention.variant", "en"))
    assert ledger[t("retention.grr", "en")].tolist() == pytest.approx(engine_ledger["grr"].tolist())


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_growth_page_shows_the_engines_segment_rates_and_tiers(app, engine, lang):
    open_page(app, GROWTH, lang)
    assert app.title[0].value == t("page.growth", lang)
    assert len(app.get("vega_lite_chart")) == 3  # rates, MRR bridge, tier matrix
    as_of = kpis.kpis_at(engine)["as_of"]
    by_segment = growth.growth_by_dimension(engine, "segment", as_of, settings=load_settings(engine))
    shown = table(app, t("kpi.upsell_rate_ttm", lang))
    assert shown[t("kpi.upsell_rate_ttm", lang)].tolist() == pytest.approx(by_segment["upsell_rate_ttm"].tolist())
    assert shown[t("table.accounts", lang)].tolist() == by_segment["accounts"].tolist()
    assert "T1: " in texts(app) and "T3: " in texts(app)


def test_growth_bridge_period_can_be_changed(app):
    open_page(app, GROWTH, "en")
    app.segmented_control(key="bridge_period").set_value("year").run()
    assert_ran_cleanly(app)
    assert len(app.get("vega_lite_chart")) == 3


def test_growth_page_compares_the_bridge_year_on_year_and_lists_climbers_on_demand(app, engine):
    open_page(app, GROWTH, "en")
    as_of = kpis.kpis_at(engine)["as_of"]
    expected = bridge.bridge_year_on_year(kpis.mrr_movements(engine, as_of), "quarter")
    shown = table(app, t("growth.year_earlier", "en"))
    assert shown[t("growth.this_period", "en")].tolist() == pytest.approx(expected["this_period"].tolist())
    assert shown[t("growth.year_earlier", "en")].tolist() == pytest.approx(expected["year_earlier"].tolist())
    assert not any(t("growth.climbers", "en") in frame.value.columns for frame in app.dataframe)  # closed
    app.session_state["added_table"] = True
    app.run()
    assert_ran_cleanly(app)
    added = tiers.products_added_when_climbing(engine, as_of, settings=load_settings(engine))
    if added.empty:
        assert t("growth.no_climbers", "en") in [info.value for info in app.info]
    else:
        climbers = table(app, t("growth.climbers", "en"))
        assert climbers[t("growth.accounts_added", "en")].tolist() == added["accounts_added"].tolist()


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_segments_page_shows_the_engines_values_and_intervals(app, engine, lang):
    open_page(app, SEGMENTS, lang)
    assert app.title[0].value == t("page.segments", lang)
    assert len(app.get("vega_lite_chart")) == 2  # intervals, and the heatmap by tier
    as_of = kpis.kpis_at(engine)["as_of"]
    expected = segments.kpi_by_dimension(engine, "grr_ttm", "segment", as_of, settings=load_settings(engine))
    shown = table(app, t("segments.kpi", lang))
    assert shown[t("segments.kpi", lang)].tolist() == pytest.approx(expected["kpi"].tolist())
    assert shown[t("retention.lower", lang)].tolist() == pytest.approx(expected["lower"].tolist())
    assert shown[t("table.accounts", lang)].tolist() == expected["accounts"].tolist()


def test_segments_page_marks_values_on_few_accounts(app, engine):
    open_page(app, SEGMENTS, "en")
    app.selectbox(key="segment_kpi").set_value("logo_retention_ttm")
    app.selectbox(key="segment_by").set_value("csm").run()
    assert_ran_cleanly(app)
    as_of = kpis.kpis_at(engine)["as_of"]
    expected = segments.kpi_by_dimension(engine, "logo_retention_ttm", "csm", as_of, settings=load_settings(engine))
    assert expected["weak"].any()  # the small demo's CSMs each hold fewer than 30 accounts
    shown = table(app, t("segments.kpi", "en"))
    marks = shown[t("segments.weak", "en")].tolist()
    assert marks == [t("segments.weak_yes", "en") if weak else "" for weak in expected["weak"]]


def test_retention_choices_redraw_from_the_engine(app, engine):
    open_page(app, RETENTION, "en")
    app.segmented_control(key="cohort_kind").set_value("revenue")
    app.segmented_control(key="cohort_period").set_value("month")
    app.segmented_control(key="retention_window").set_value(3).run()
    assert_ran_cleanly(app)
    assert len(app.get("vega_lite_chart")) == 5
    as_of = kpis.kpis_at(engine)["as_of"]
    app.session_state["cohort_data"] = True
    app.session_state["window_data"] = True
    app.run()
    grid = retention_views.cohort_grid(engine, "revenue", "month", as_of)
    shown = table(app, t("retention.cohort", "en"))
    assert len(shown) == len(grid)
    assert shown[t("retention.value", "en")].tolist() == pytest.approx(grid["value"].tolist())
    trend = kpis.retention_trend(engine, as_of, window_months=3)
    window = table(app, t("table.accounts_start", "en"))
    assert window[t("retention.grr", "en")].dropna().tolist() == pytest.approx(trend["grr"].dropna().tolist()[::-1])


def test_survival_by_csm_draws_the_largest_groups_and_lists_all(app, engine):
    open_page(app, RETENTION, "en")
    app.selectbox(key="survival_by").set_value("csm").run()
    assert_ran_cleanly(app)
    result = survival.survival(engine, kpis.kpis_at(engine)["as_of"], by="csm")
    groups = table(app, t("retention.median", "en"))[t("retention.group", "en")].tolist()
    assert groups == sorted(result.median)
    assert len(groups) > 8  # the small demo has more CSMs than the chart draws
    assert f"{len(groups) - 8} smaller ones" in texts(app)
