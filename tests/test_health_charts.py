"""The health, journey and account chart specs: valid Vega-Lite, tooltips everywhere, readable band
colours in both themes, undefined values left out rather than drawn as 0."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from altair.utils.schemapi import validate_jsonschema
from altair.vegalite.v6.schema.core import load_schema

from cs_lib.present.charts import health as charts
from cs_lib.present.i18n import t

SCHEMA = load_schema()
BACKGROUNDS = {"light": ("#ffffff",), "dark": ("#0e1117", "#171614")}

BANDS = pd.DataFrame({"band": ["healthy", "watch", "at_risk", "unscored"], "accounts": [50, 30, 20, 0],
                      "share": [0.5, 0.3, 0.2, 0.0]})
TREND = pd.concat([BANDS.assign(month=m) for m in ("2026-08", "2026-09")], ignore_index=True)
BACKTEST = pd.DataFrame({"month": ["2026-01", "2026-02", "2026-03"], "accounts": [10, 20, 50],
                         "auc": [np.nan, 0.74, 0.81]})
FORECAST = pd.DataFrame({"quarter": ["2027-Q1", "2027-Q2"], "expiring_arr": [9e8, 1.2e9],
                         "expected_arr": [7.5e8, 9.8e8], "p10": [7e8, 9.3e8], "p50": [7.5e8, 9.8e8],
                         "p90": [7.9e8, 1.03e9]})
JOURNEY = pd.DataFrame({"stage": ["onboarding", "adoption", "renewal"], "reached": [100, 80, 40],
                        "conversion": [np.nan, 0.8, 0.5], "median_days": [30.0, 120.0, np.nan],
                        "p80_days": [45.0, 200.0, np.nan], "left": [80, 40, 0], "stuck": [3, 1, 0]})
ACCOUNT = pd.DataFrame({"month": ["2026-08", "2026-09", "2026-10"], "mrr": [100.0, 120.0, 120.0],
                        "health": [60.0, np.nan, 55.5]})


def _specs(lang: str, theme: str) -> list[dict]:
    labels = {"onboarding": "Onboarding", "adoption": "Adoption", "renewal": "Renewal"}
    return [
        charts.band_counts_spec(BANDS, lang, theme),
        charts.band_trend_spec(TREND, lang, theme),
        charts.auc_spec(BACKTEST, lang, theme),
        charts.forecast_spec(FORECAST, lang, "JPY", theme),
        charts.funnel_spec(JOURNEY, labels, lang, theme),
        charts.time_in_stage_spec(JOURNEY, labels, lang, theme),
        charts.account_lines_spec(ACCOUNT, "mrr", "MRR", lang, theme, "JPY"),
        charts.account_lines_spec(ACCOUNT, "health", "Health", lang, theme),
    ]


def _layers(spec: dict) -> list[dict]:
    return spec.get("layer", [spec])


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("theme", ["light", "dark"])
def test_specs_are_valid_vega_lite_with_tooltips(lang, theme):
    for spec in _specs(lang, theme):
        assert validate_jsonschema(spec, SCHEMA, raise_error=False) is None, spec["title"]
        json.dumps(spec, allow_nan=False)  # plain JSON: no NaN reaches the browser
        assert spec["width"] == "container" and spec["background"] == "transparent"
        assert all("tooltip" in layer["encoding"] for layer in _layers(spec))


def _contrast(one: str, other: str) -> float:
    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(one), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_band_colours_stand_out_from_the_background(theme):
    for colour in charts.BAND_COLOURS[theme].values():
        assert all(_contrast(colour, background) >= 3 for background in BACKGROUNDS[theme]), colour


def test_band_bars_are_labelled_in_the_language_and_keep_their_order():
    spec = charts.band_counts_spec(BANDS, "ja", "light")
    assert [row["band"] for row in spec["data"]["values"]] == ["良好", "注意", "危険", "スコアなし"]
    assert spec["layer"][0]["encoding"]["color"]["scale"]["range"][0] == charts.BAND_COLOURS["light"]["healthy"]
    # Room for the share label right of the longest bar: the axis runs to 1.25 × the largest count.
    assert spec["layer"][0]["encoding"]["x"]["scale"]["domain"] == [0, 62.5]


def test_undefined_values_are_left_out_not_drawn_as_zero():
    auc_rows = charts.auc_spec(BACKTEST, "en")["data"]["values"]
    assert [row["month"] for row in auc_rows] == ["2026-02", "2026-03"]
    assert [row["weak"] for row in auc_rows] == [True, False]  # 20 accounts: weak evidence, drawn hollow
    time_rows = charts.time_in_stage_spec(JOURNEY, {}, "en")["data"]["values"]
    assert [row["stage"] for row in time_rows] == ["onboarding", "adoption"]
    health_rows = charts.account_lines_spec(ACCOUNT, "health", "Health", "en")["data"]["values"]
    assert [row["month"] for row in health_rows] == ["2026-08", "2026-10"]


def test_forecast_tooltip_gives_the_range_in_chart_units():
    rows = charts.forecast_spec(FORECAST, "ja", "JPY")["data"]["values"]
    assert rows[0]["range_label"] == "¥7.00億 – ¥7.90億"
    assert rows[0]["expiring_label"] == "¥900,000,000"
    assert charts.forecast_spec(FORECAST, "en", "JPY")["title"]["text"] == t("forecast.chart", "en")
