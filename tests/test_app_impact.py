"""The Impact & ROI page under AppTest on the small demo: both languages, the observational statement, and
the engine's numbers (the page does no arithmetic of its own); the ROI range follows the cost typed in."""

from __future__ import annotations

import pytest

from cs_lib.filters import Filters
from cs_lib.metrics import impact
from cs_lib.present.formatting import percent, points
from cs_lib.present.i18n import t
from cs_lib.settings import load_settings
from tests.test_app import app as app  # noqa: F401 - the shared fixtures
from tests.test_app import engine as engine  # noqa: F401
from tests.test_app_retention_growth import open_page, table

IMPACT = "app_pages/impact/impact.py"


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_impact_page_states_it_is_observational(app, lang):
    open_page(app, IMPACT, lang)
    assert app.title[0].value == t("page.impact", lang)
    assert app.warning[0].value == t("impact.observational", lang)
    assert len(app.get("vega_lite_chart")) >= 1


def test_impact_page_shows_the_engines_differences(app, engine):
    open_page(app, IMPACT, "en")
    programme = impact.treatment_options(engine, "program")[0]
    result = impact.measure_impact(engine, impact.Treatment("program", programme), settings=load_settings(engine))
    shown = table(app, t("impact.outcome", "en"))
    for position, name in enumerate(impact.OUTCOMES):
        outcome = result.outcomes[name]
        row = shown.iloc[position]
        assert row[t("impact.difference", "en")] == points(outcome.difference)
        assert row[t("impact.stratified_difference", "en")] == points(outcome.stratified.difference)
    assert f"{result.treated:,} treated and {result.untreated:,} untreated" in app.markdown[0].value


def test_a_segment_filter_and_another_treatment_redraw_from_the_engine(app, engine):
    open_page(app, IMPACT, "en", segment="SMB")
    app.radio(key="impact_kind").set_value("cs_model").run()
    model = impact.treatment_options(engine, "cs_model")[0]
    result = impact.measure_impact(engine, impact.Treatment("cs_model", model), filters=Filters(segment=("SMB",)),
                                   settings=load_settings(engine))
    assert f"{result.treated:,} treated and {result.untreated:,} untreated" in app.markdown[0].value
    assert t("impact.did_programme_only", "en") in [markdown.value for markdown in app.markdown]


def test_roi_range_follows_the_cost_typed_in(app, engine):
    open_page(app, IMPACT, "en")
    app.number_input(key="impact_cost").set_value(50_000_000.0).run()
    programme = impact.treatment_options(engine, "program")[0]
    result = impact.measure_impact(engine, impact.Treatment("program", programme), settings=load_settings(engine),
                                   cost=50_000_000.0)
    shown = {metric.label: metric.value for metric in app.metric}
    assert shown[t("impact.roi_low", "en")] == percent(result.roi.low, 0)
    assert shown[t("impact.roi_high", "en")] == percent(result.roi.high, 0)


def test_the_verdict_reads_the_stratified_interval_and_the_accounts():
    from cs_lib.metrics.impact import OutcomeComparison
    from cs_lib.present.impact import verdict
    from cs_lib.stats import StratifiedDifference

    def outcome(lower, upper, treated_accounts=40):
        return OutcomeComparison("nrr", 1.0, 0.9, 0.1, -0.5, 0.5, 0.5, "bootstrap",
                                 StratifiedDifference(0.1, lower, upper, 0.01, 2, 0), treated_accounts, 400,
                                 treated_accounts, 400)

    assert verdict(outcome(0.01, 0.2)) == "higher"  # the overall interval (-0.5, 0.5) does not decide
    assert verdict(outcome(-0.2, -0.01)) == "lower"
    assert verdict(outcome(-0.01, 0.2)) == "within_noise"
    assert verdict(outcome(0.01, 0.2, treated_accounts=29)) == "too_few"
    assert verdict(outcome(None, None)) == "undefined"


def test_journey_stages_read_by_their_labels(app, engine):
    open_page(app, IMPACT, "ja")
    app.radio(key="impact_kind").set_value("journey_stage").run()
    labels = impact.option_labels(engine, "journey_stage", "ja")
    assert app.selectbox(key="impact_value_journey_stage").options == list(labels.values())
    assert "導入" in app.selectbox(key="impact_value_journey_stage").options
