"""The Streamlit app, run headless with AppTest against the small demo warehouse.

The numbers on the cards must be the engine's numbers, formatted by
cs_lib.present.formatting: the page adds no arithmetic of its own.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from cs_lib.filters import Filters
from cs_lib.metrics import kpis
from cs_lib.months import months_before
from cs_lib.present.formatting import format_kpi, format_kpi_change
from cs_lib.present.i18n import t
from cs_lib.settings import load_settings

APP = "../app.py"  # relative to this file, as AppTest.from_file expects
CARD_KPIS = ("arr", "nrr_ttm", "grr_ttm", "logo_churn_rate_month", "upsell_rate_ttm", "arpa", "ltv")
TIMEOUT = 120


@pytest.fixture
def app(small_demo_db: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("CS_COCKPIT_DB", str(small_demo_db))
    return AppTest.from_file(APP, default_timeout=TIMEOUT)


@pytest.fixture(scope="module")
def engine(small_demo_db: Path):
    con = duckdb.connect(str(small_demo_db), read_only=True)
    yield con
    con.close()


def engine_kpis(con, as_of: str | None = None, filters: Filters = Filters()) -> dict[str, object]:
    return kpis.kpis_at(con, as_of, filters, load_settings(con))


def shown_cards(at: AppTest) -> dict[str, tuple[str, str]]:
    return {metric.label: (metric.value, metric.proto.delta) for metric in at.metric}


def expected_cards(con, lang: str, as_of: str | None = None, filters: Filters = Filters()):
    settings = load_settings(con)
    current = engine_kpis(con, as_of, filters)
    previous_month = months_before(current["as_of"], settings.comparison_lag_months)
    previous = engine_kpis(con, previous_month, filters)
    return {
        t(f"kpi.{name}", lang): (
            format_kpi(name, current[name], lang),
            format_kpi_change(name, current[name], previous[name], lang),
        )
        for name in CARD_KPIS
    }


def assert_ran_cleanly(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def test_overview_runs_in_japanese_by_default(app: AppTest):
    app.run()
    assert_ran_cleanly(app)
    assert app.title[0].value == "経営サマリー"
    assert len(app.metric) == len(CARD_KPIS)


def test_cards_show_the_engines_kpis(app: AppTest, engine):
    app.run()
    assert_ran_cleanly(app)
    assert shown_cards(app) == expected_cards(engine, "ja")


def test_cards_carry_their_definition_as_help(app: AppTest):
    app.run()
    helps = {metric.label: metric.help for metric in app.metric}
    assert helps[t("kpi.nrr_ttm", "ja")] == t("definition.nrr_ttm", "ja")


def test_english_browser_gets_english(app: AppTest, engine):
    app.context["locale"] = "en-US"
    app.run()
    assert_ran_cleanly(app)
    assert app.title[0].value == "Overview"
    assert shown_cards(app) == expected_cards(engine, "en")


def test_language_switch_changes_every_label(app: AppTest, engine):
    app.run()
    app.segmented_control(key="lang").set_value("en").run()
    assert_ran_cleanly(app)
    assert app.title[0].value == "Overview"
    assert shown_cards(app) == expected_cards(engine, "en")
    assert "ARR is" in app.markdown[0].value


def test_segment_filter_gives_the_engines_filtered_numbers(app: AppTest, engine):
    app.run()
    segment = kpis.dimension_values(engine, "segment")[0]
    app.multiselect(key="segment").set_value([segment]).run()
    assert_ran_cleanly(app)
    filtered = expected_cards(engine, "ja", filters=Filters(segment=(segment,)))
    assert shown_cards(app) == filtered
    assert filtered != expected_cards(engine, "ja")  # the filter really narrows the numbers


def test_filter_in_the_url_is_applied(app: AppTest, engine):
    segment = kpis.dimension_values(engine, "segment")[-1]
    app.query_params["segment"] = segment
    app.query_params["lang"] = "English"
    app.run()
    assert_ran_cleanly(app)
    assert app.multiselect(key="segment").value == [segment]
    assert shown_cards(app) == expected_cards(engine, "en", filters=Filters(segment=(segment,)))


def test_as_of_month_changes_the_numbers_consistently(app: AppTest, engine):
    app.run()
    latest = engine_kpis(engine)["as_of"]
    earlier = months_before(latest, 6)
    app.selectbox(key="as_of").set_value(earlier).run()
    assert_ran_cleanly(app)
    assert shown_cards(app) == expected_cards(engine, "ja", as_of=earlier)


def test_charts_are_drawn(app: AppTest):
    app.run()
    assert_ran_cleanly(app)
    charts = app.get("vega_lite_chart")
    assert len(charts) == 3  # waterfall, GRR trend, NRR trend


def test_every_chart_has_a_download(app: AppTest):
    app.run()
    assert len(app.get("download_button")) == 2


def test_missing_warehouse_tells_the_user_what_to_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("CS_COCKPIT_DB", str(tmp_path / "missing.duckdb"))
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.run()
    assert not at.exception
    assert "make run" in at.error[0].value
    assert "python -m cs_lib demo --db data/demo.duckdb" in at.error[0].value


def test_a_warehouse_built_by_older_code_is_refused_with_the_fix(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from tests.test_metrics_mrr_and_movements import BASICS_ACCOUNTS, BASICS_LINES
    from tests.warehouse_fixtures import build_warehouse

    path = build_warehouse(tmp_path / "old.duckdb", BASICS_ACCOUNTS, BASICS_LINES)
    with duckdb.connect(str(path)) as con:
        con.execute("update warehouse_info set value = 'older' where key = 'definitions'")
    monkeypatch.setenv("CS_COCKPIT_DB", str(path))
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.run()
    assert not at.exception
    assert f"python -m cs_lib refresh --db {path}" in at.error[0].value
    assert not at.metric  # no numbers from stale definitions
