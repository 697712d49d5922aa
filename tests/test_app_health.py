"""The Health & alerts, Journey and account pages under AppTest on the small demo: the numbers shown
are the engine's, a settings change reaches every view, and a selected row opens the account view."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from cs_lib.metrics import forecast, health, health_views, journey, risk
from cs_lib.present.formatting import count, money
from cs_lib.settings import load_settings, save_settings

APP = "../app.py"
TIMEOUT = 180


def open_page(db: Path, monkeypatch, page: str, **params: str) -> AppTest:
    monkeypatch.setenv("CS_COCKPIT_DB", str(db))
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params["lang"] = "en"
    for name, value in params.items():
        at.query_params[name] = value
    at.switch_page(page)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    return at


def metrics(at: AppTest) -> dict[str, str]:
    return {metric.label: metric.value for metric in at.metric}


def engine_bands(db: Path) -> dict[str, int]:
    with duckdb.connect(str(db), read_only=True) as con:
        view = health_views.health_view(con, settings=load_settings(con))
    return dict(zip(view.bands["band"], view.bands["accounts"], strict=True))


def test_health_page_shows_the_engines_band_counts(small_demo_db, monkeypatch):
    at = open_page(small_demo_db, monkeypatch, "app_pages/health/health.py")
    bands = engine_bands(small_demo_db)
    shown = metrics(at)
    assert shown["Healthy"] == count(bands["healthy"]) and shown["At risk"] == count(bands["at_risk"])
    assert shown["Active accounts"] == count(sum(bands.values()))
    assert len(at.get("vega_lite_chart")) == 2


def test_a_band_threshold_setting_changes_the_page(small_demo_db, tmp_path, monkeypatch):
    db = tmp_path / "settings.duckdb"
    shutil.copy(small_demo_db, db)
    before = engine_bands(db)
    with duckdb.connect(str(db)) as con:
        save_settings(con, ["health_band_healthy=80", "health_weight_growth=0"])
    after = engine_bands(db)
    assert after["healthy"] < before["healthy"]  # a stricter threshold: fewer healthy accounts
    at = open_page(db, monkeypatch, "app_pages/health/health.py")
    assert metrics(at)["Healthy"] == count(after["healthy"])
    assert any("Growth 0%" in block.value for block in at.markdown)


def test_risk_and_alerts_sections(small_demo_db, monkeypatch):
    at = open_page(small_demo_db, monkeypatch, "app_pages/health/health.py")
    with duckdb.connect(str(small_demo_db), read_only=True) as con:
        settings = load_settings(con)
        table = risk.risk_list(con, settings=settings)
        alerts = risk.alerts(con, settings=settings)
    at.segmented_control(key="health_section").set_value("risk").run()
    assert metrics(at)["Expiring lines"] == count(len(table))
    assert metrics(at)["ARR at risk"] == money(table["arr_at_risk"].sum())
    assert [button.label for button in at.get("download_button")] == ["Download CSV", "Download Excel (for the SFA)"]
    at.segmented_control(key="health_section").set_value("alerts").run()
    assert not at.exception
    assert any(f"{len(alerts):,} alerts" in block.value for block in at.markdown)


def test_backtest_and_forecast_sections_run(small_demo_db, monkeypatch):
    at = open_page(small_demo_db, monkeypatch, "app_pages/health/health.py")
    at.segmented_control(key="health_section").set_value("backtest").run()
    assert not at.exception and float(metrics(at)["AUC with the current weights"]) > 0.7
    at.segmented_control(key="health_section").set_value("forecast").run()
    assert not at.exception and len(at.get("vega_lite_chart")) == 1
    at.segmented_control(key="forecast_quarters").set_value(2)
    at.session_state["forecast_data"] = True  # open the chart's data table
    at.run()
    with duckdb.connect(str(small_demo_db), read_only=True) as con:
        expected = forecast.forecast(con, settings=load_settings(con), quarters=2)
    shown = at.dataframe[0].value if at.dataframe else None
    assert shown is not None and list(shown["Quarter"]) == list(expected["quarter"])
    assert len(expected) == 2


def test_a_selected_row_opens_the_account_view(small_demo_db, monkeypatch):
    at = open_page(small_demo_db, monkeypatch, "app_pages/journey/journey.py")
    with duckdb.connect(str(small_demo_db), read_only=True) as con:
        stuck = journey.stuck_list(con, settings=load_settings(con))
    at.session_state["stuck_table"] = {"selection": {"rows": [0], "columns": [], "cells": []}}
    at.run()
    assert not at.exception
    assert at.query_params["account"] == stuck["account_id"].iloc[0]
    assert at.title[0].value == "Account view"
    assert at.query_params["lang"] == "en"  # the view's language travels along


def test_account_view_from_the_url(small_demo_db, monkeypatch):
    with duckdb.connect(str(small_demo_db), read_only=True) as con:
        rows = health.month_rows(health.scored_history(con), health_views.month_of(
            health_views.health_view(con).month))
    account_id, score = rows["account_id"].iloc[0], rows["health"].iloc[0]
    at = open_page(small_demo_db, monkeypatch, "app_pages/account/account.py", account=account_id)
    assert metrics(at)["Health score"] == f"{score:.1f}"
    assert any(account_id in block.value for block in at.subheader)


def test_account_view_names_an_unknown_account(small_demo_db, monkeypatch):
    at = open_page(small_demo_db, monkeypatch, "app_pages/account/account.py", account="NOPE-1")
    assert any("NOPE-1" in warning.value for warning in at.warning)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_journey_page_in_both_languages(small_demo_db, monkeypatch, lang):
    at = open_page(small_demo_db, monkeypatch, "app_pages/journey/journey.py", lang=lang)
    assert at.title[0].value == {"ja": "カスタマージャーニー", "en": "Journey"}[lang]
    assert len(at.get("vega_lite_chart")) == 2


def test_stage_edits_are_saved_and_every_view_follows(small_demo_db, tmp_path, monkeypatch):
    db = tmp_path / "stages.duckdb"
    shutil.copy(small_demo_db, db)
    at = open_page(db, monkeypatch, "app_pages/journey/journey.py")
    at.session_state["journey_edit_expander"] = True
    at.run()
    # A bad edit (adoption given onboarding's order) is named and changes nothing.
    at.session_state["journey_stage_editor"] = {"edited_rows": {1: {"position": 1}}, "added_rows": [],
                                                "deleted_rows": []}
    at.button(key="journey_save_stages").click().run()
    assert [error.value for error in at.error] == ["two stages share an order"]
    with duckdb.connect(str(db), read_only=True) as con:
        assert list(journey.stages(con)["position"]) == [1, 2, 3, 4]
    # Onboarding's target from 90 to 10 days: more accounts are stuck, on the page and in the engine.
    at.session_state["journey_stage_editor"] = {"edited_rows": {0: {"target_days": 10}}, "added_rows": [],
                                                "deleted_rows": []}
    at.button(key="journey_save_stages").click().run()
    assert not at.exception and not at.error
    assert [s.value for s in at.success] == ["Saved. Every view now uses the new stages."]
    with duckdb.connect(str(db), read_only=True) as con:
        stuck = journey.stuck_list(con, settings=load_settings(con))
        assert journey.stages(con).set_index("stage").loc["onboarding", "target_days"] == 10
    assert any(f"({len(stuck):,})" in header.value for header in at.subheader)


def test_health_page_says_why_an_accounts_score_moved(small_demo_db, monkeypatch):
    at = open_page(small_demo_db, monkeypatch, "app_pages/health/health.py")
    with duckdb.connect(str(small_demo_db), read_only=True) as con:
        settings = load_settings(con)
        lowest = health_views.health_view(con, settings=settings).accounts["account_id"].iloc[0]
        change = health_views.score_change(health_views.account_history(con, lowest, settings=settings), settings)
    assert at.selectbox(key="health_why_account").value == lowest  # the lowest score first
    shown = at.dataframe[-1].value
    assert list(shown.iloc[:, 0]) == ["Adoption", "Engagement", "Support", "Sentiment", "Growth"]
    effect = shown["Effect on the score (points)"].astype("float64").to_numpy()
    assert effect == pytest.approx(change["contribution"].to_numpy(dtype="float64"), nan_ok=True)


def test_a_row_of_the_retention_pages_expiring_lines_opens_the_account(small_demo_db, monkeypatch):
    at = open_page(small_demo_db, monkeypatch, "app_pages/retention/retention.py")
    at.session_state["lines_table"] = True  # open the expiring lines
    at.run()
    at.session_state["lines_accounts"] = {"selection": {"rows": [0], "columns": [], "cells": []}}
    at.run()
    assert not at.exception
    assert at.title[0].value == "Account view" and at.query_params["account"]
