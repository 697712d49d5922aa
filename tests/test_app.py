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
from cs_lib.metrics.comparison import compare_kpis
from cs_lib.months import months_before
from cs_lib.present.cards import kpi_card
from cs_lib.present.i18n import t
from cs_lib.settings import load_settings, save_settings

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


def shown_cards(at: AppTest) -> dict[str, tuple[str, str, str]]:
    return {metric.label: (metric.value, metric.proto.delta, metric.proto.delta_description) for metric in at.metric}


def shown_verdicts(at: AppTest) -> list[str]:
    return [caption.split("**")[1] for caption in captions(at) if caption.startswith("**")]


def expected_cards(con, lang: str, as_of: str | None = None, filters: Filters = Filters()):
    """The cards as the engine and cs_lib.present.cards make them: label, value, change and verdict."""
    settings = load_settings(con)
    as_of = as_of or engine_kpis(con)["as_of"]
    lag = settings.comparison_lag_months
    current, previous = kpis.kpis_with_comparison(con, as_of, lag, filters, settings)
    changes = compare_kpis(con, CARD_KPIS, as_of, lag, filters)
    cards = [kpi_card(name, current, previous, lang, settings.currency, changes.get(name)) for name in CARD_KPIS]
    return {card.label: (card.value, card.delta, card.delta_description) for card in cards}


def expected_verdicts(con, lang: str, filters: Filters = Filters()) -> list[str]:
    as_of = engine_kpis(con)["as_of"]
    changes = compare_kpis(con, CARD_KPIS, as_of, load_settings(con).comparison_lag_months, filters)
    return [t(f"card.verdict.{changes[name].verdict}", lang) for name in CARD_KPIS if name in changes]


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
    assert shown_verdicts(app) == expected_verdicts(engine, "ja")


def test_cards_carry_their_definition_as_help(app: AppTest):
    app.run()
    helps = {metric.label: metric.help for metric in app.metric}
    assert helps[t("kpi.nrr_ttm", "ja")].startswith(t("definition.nrr_ttm", "ja"))
    assert "ブートストラップ" in helps[t("kpi.nrr_ttm", "ja")]  # the test behind the verdict
    assert t("card.help_amount", "ja") in helps[t("kpi.arr", "ja")]  # amounts are not tested


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
    assert any("ARR is" in block.value for block in app.markdown)


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
    app.query_params["lang"] = "en"
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


def csv_downloads(app: AppTest) -> list:
    """The charts' CSV downloads (the board pack's buttons, issue 11, are always there)."""
    return [button for button in app.get("download_button") if not button.key.startswith("board_pack")]


def test_every_chart_has_its_data_and_a_download_one_click_away(app: AppTest):
    app.run()
    assert len(app.expander) == 2
    assert not csv_downloads(app) and not app.dataframe  # closed: nothing formatted for nobody
    app.session_state["movements_data"] = True
    app.session_state["trend_data"] = True
    app.run()
    assert_ran_cleanly(app)
    assert len(csv_downloads(app)) == 2
    assert len(app.dataframe) == 2
    assert list(app.dataframe[0].value.columns)[:2] == ["月", "月末MRR"]  # translated headers


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


# --- honest cards (METRICS.md §13) -------------------------------------------------


def captions(at: AppTest) -> list[str]:
    """The cards' small print: verdict and basis lines (":small[…]" markdown), unwrapped."""
    small = [block.value for block in at.markdown if block.value.startswith(":small[")]
    return [value.removeprefix(":small[").removesuffix("]") for value in small]


def test_every_rate_card_says_how_many_accounts_it_rests_on(app: AppTest, engine):
    app.run()
    assert_ran_cleanly(app)
    as_of = engine_kpis(engine)["as_of"]
    changes = compare_kpis(engine, CARD_KPIS, as_of, 12)
    expected = t("card.basis", "ja").format(accounts=f"{changes['nrr_ttm'].accounts_now:,}")
    basis_lines = captions(app)
    assert any(line.startswith(expected) for line in basis_lines)
    # ARR rests on the active accounts
    active = t("card.basis", "ja").format(accounts=f"{engine_kpis(engine)['active_accounts']:,}")
    assert any(line.startswith(active) for line in basis_lines)


def test_rate_cards_state_the_verdict_of_the_paired_bootstrap(app: AppTest, engine):
    app.context["locale"] = "en-US"
    app.run()
    as_of = engine_kpis(engine)["as_of"]
    changes = compare_kpis(engine, CARD_KPIS, as_of, 12)
    verdict = t(f"card.verdict.{changes['grr_ttm'].verdict}", "en")
    assert any(caption.startswith(f"**{verdict}**") for caption in captions(app))
    descriptions = {metric.label: metric.proto.delta_description for metric in app.metric}
    assert descriptions[t("kpi.arr", "en")] == t("card.vs", "en").format(month="2025-10")


def test_a_small_scope_is_marked_as_weak_evidence_and_its_change_is_not_coloured(app: AppTest, engine):
    app.run()
    csm = engine.execute("select csm from stg_accounts group by csm order by count(*), csm limit 1").fetchone()[0]
    app.multiselect(key="csm").set_value([csm]).run()
    assert_ran_cleanly(app)
    nrr = next(metric for metric in app.metric if metric.label.startswith(t("kpi.nrr_ttm", "ja")))
    assert nrr.label == t("kpi.nrr_ttm", "ja") + " ⚠"
    assert any(caption.startswith("**" + t("card.verdict.too_few", "ja")) for caption in captions(app))
    assert nrr.proto.color == nrr.proto.MetricColor.GRAY  # never red or green for noise
    assert any(t("card.weak_evidence", "ja") in caption for caption in captions(app))
    summary = " ".join(block.value for block in app.markdown if not block.value.startswith(":small["))
    assert "結論は出せません" in summary  # the summary draws no conclusion from it


def test_a_target_setting_shows_on_its_card_with_on_or_off_track(small_demo_db: Path, tmp_path: Path, monkeypatch):
    import shutil

    path = tmp_path / "with_targets.duckdb"
    shutil.copy(small_demo_db, path)
    with duckdb.connect(str(path)) as con:
        save_settings(con, ["target.nrr_ttm=99", "target.grr_ttm=0.5"])  # 99 (not 99 %): unreachable NRR
    monkeypatch.setenv("CS_COCKPIT_DB", str(path))
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.context["locale"] = "en-US"
    at.run()
    assert_ran_cleanly(at)
    shown = captions(at)
    assert any("target 9900.0% · off track" in caption for caption in shown)
    assert any("target 50.0% · on track" in caption for caption in shown)


# --- links with values that do not exist ------------------------------------------


@pytest.mark.parametrize(
    ("parameter", "value", "words"),
    [
        ("segment", "Megacorp", "Megacorp"),
        ("as_of", "2099-13", "2099-13"),
        ("as_of", "2099-12", "outside the data"),
        ("lang", "fr", "“fr”"),
        ("compare", "7", "“7”"),
    ],
)
def test_an_unknown_value_in_the_link_is_named_in_a_warning(app: AppTest, parameter, value, words):
    app.context["locale"] = "en-US"
    app.query_params[parameter] = value
    app.run()
    assert not app.exception
    warnings = [warning.value for warning in app.warning]
    assert any(words in warning for warning in warnings), warnings
    assert len(app.metric) == len(CARD_KPIS)  # the page still renders, for the valid view


def test_an_unknown_segment_warning_lists_the_valid_ones(app: AppTest, engine):
    app.context["locale"] = "en-US"
    app.query_params["segment"] = "Megacorp"
    app.run()
    for segment in kpis.dimension_values(engine, "segment"):
        assert segment in app.warning[0].value


def test_a_valid_link_has_no_warning(app: AppTest, engine):
    app.query_params["segment"] = kpis.dimension_values(engine, "segment")[0]
    app.query_params["lang"] = "ja"
    app.query_params["compare"] = "3"
    app.run()
    assert_ran_cleanly(app)
    assert not app.warning
    assert app.segmented_control(key="compare").value == 3


def test_the_comparison_period_can_be_chosen(app: AppTest, engine):
    app.context["locale"] = "en-US"
    app.run()
    app.segmented_control(key="compare").set_value(1).run()
    assert_ran_cleanly(app)
    previous_month = engine.execute("select strftime(last_month - interval 1 month, '%Y-%m') from data_range")
    month = previous_month.fetchone()[0]
    arr = next(metric for metric in app.metric if metric.label == "ARR")
    assert arr.proto.delta_description == t("card.vs", "en").format(month=month)
