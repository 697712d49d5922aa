"""The Altair charts: expected data, tooltips and labels in the spec."""

import json

import pandas as pd
import pytest

from cs_lib.present import charts

MOVEMENTS = pd.DataFrame(
    {
        "month": ["2025-05", "2025-06"],
        "mrr": [45_000_000.0, 46_000_000.0],
        "new": [1_000_000.0, 1_200_000.0],
        "reactivation": [0.0, 100_000.0],
        "expansion": [500_000.0, 600_000.0],
        "contraction": [-100_000.0, -200_000.0],
        "churn": [-400_000.0, -700_000.0],
    }
)

TREND = pd.DataFrame(
    {
        "month": ["2025-01", "2025-02", "2025-03", "2025-04"],
        "grr": [float("nan"), 0.90, 0.92, 0.91],
        "nrr": [float("nan"), 1.04, 1.06, 1.05],
    }
)


def _all_data(spec: dict) -> list[dict]:
    return [row for rows in spec.get("datasets", {}).values() for row in rows]


def _tooltips(spec: dict) -> list:
    return [layer["encoding"]["tooltip"] for layer in spec["layer"] if "tooltip" in layer.get("encoding", {})]


def test_waterfall_steps_run_from_start_to_end_mrr():
    steps = charts.waterfall_steps(MOVEMENTS, "2025-06", "en")
    # start = 46,000,000 - (1,200,000 + 100,000 + 600,000 - 200,000 - 700,000) = 45,000,000
    assert list(steps["step"]) == [
        "Start MRR", "New", "Reactivation", "Expansion", "Contraction", "Churn", "End MRR"
    ]
    assert steps["amount"].tolist() == [
        45_000_000, 1_200_000, 100_000, 600_000, -200_000, -700_000, 46_000_000
    ]
    # each bar ends where the running total stands after it
    assert steps["bar_end"].tolist() == [
        45_000_000, 46_200_000, 46_300_000, 46_900_000, 46_700_000, 46_000_000, 46_000_000
    ]
    assert steps["kind"].tolist() == [
        "total", "increase", "increase", "increase", "decrease", "decrease", "total"
    ]


def test_waterfall_of_the_first_month_starts_at_zero():
    first = MOVEMENTS.iloc[[0]].assign(
        new=45_000_000.0, reactivation=0.0, expansion=0.0, contraction=0.0, churn=0.0
    )
    steps = charts.waterfall_steps(first, "2025-05", "en")
    assert steps["amount"].iloc[0] == 0


def test_waterfall_for_an_unknown_month_is_an_error():
    with pytest.raises(ValueError, match="2030-01"):
        charts.waterfall_steps(MOVEMENTS, "2030-01", "en")


def test_waterfall_spec_has_data_colours_and_tooltips():
    spec = charts.mrr_waterfall(MOVEMENTS, "2025-06", "en").to_dict()
    rows = _all_data(spec)
    assert [row["amount"] for row in rows] == [45_000_000, 1_200_000, 100_000, 600_000, -200_000, -700_000,
                                               46_000_000]
    assert [row["amount_label"] for row in rows][:3] == ["¥45.0M", "+¥1.2M", "+¥100,000"]
    assert rows[-1]["running_total_exact"] == "¥46,000,000"
    tooltip_fields = [[item["field"] for item in tooltip] for tooltip in _tooltips(spec)]
    assert ["step", "amount_exact", "running_total_exact"] in tooltip_fields
    color = spec["layer"][0]["encoding"]["color"]["scale"]
    assert color["domain"] == ["total", "increase", "decrease"]
    assert color["range"] == ["#8a8f98", "#2e7d32", "#c62828"]  # grey totals, green up, red down
    assert spec["title"]["text"] == "MRR movements, 2025-06"
    assert spec["layer"][0]["encoding"]["y"]["title"] == "MRR (¥M)"


def test_waterfall_in_japanese_has_japanese_labels_and_units():
    spec = charts.mrr_waterfall(MOVEMENTS, "2025-06", "ja").to_dict()
    assert [row["step"] for row in _all_data(spec)] == [
        "期首MRR", "新規", "再開", "拡大", "縮小", "解約", "期末MRR"
    ]
    assert spec["layer"][0]["encoding"]["y"]["title"] == "MRR（百万円）"
    assert spec["title"]["text"] == "MRR推移（2025-06）"


def test_waterfall_zooms_onto_the_movements_but_keeps_every_bar_in_view():
    spec = charts.mrr_waterfall(MOVEMENTS, "2025-06", "en").to_dict()
    low, high = spec["layer"][0]["encoding"]["y"]["scale"]["domain"]
    assert 0 < low < 45_000_000 and high > 46_900_000
    # ... and says so, so that the cut-off totals do not mislead
    assert spec["title"]["subtitle"].startswith("The axis starts at ¥")


def test_waterfall_of_a_young_book_starts_at_zero_without_a_note():
    young = MOVEMENTS.assign(new=[1_000_000.0, 30_000_000.0])
    spec = charts.mrr_waterfall(young, "2025-06", "en").to_dict()
    assert spec["layer"][0]["encoding"]["y"]["scale"]["domain"][0] == 0
    assert "subtitle" not in spec["title"]


def test_retention_charts_leave_undefined_months_out():
    grr, nrr = charts.retention_trend_charts(TREND, "en")
    grr_rows = [row for row in _all_data(grr.to_dict()) if "month" in row]
    assert [(row["month"], row["value"], row["value_label"]) for row in grr_rows] == [
        ("2025-02", 0.90, "90.0%"),
        ("2025-03", 0.92, "92.0%"),
        ("2025-04", 0.91, "91.0%"),
    ]
    nrr_rows = [row for row in _all_data(nrr.to_dict()) if "month" in row]
    assert [row["value"] for row in nrr_rows] == [1.04, 1.06, 1.05]
    assert "NaN" not in json.dumps(grr.to_dict())


def test_retention_charts_have_tooltips_percent_axis_and_a_100_percent_rule():
    grr, nrr = charts.retention_trend_charts(TREND, "ja")
    for chart, title in ((grr, "売上総継続率 GRR（12か月）"), (nrr, "売上純継続率 NRR（12か月）")):
        spec = chart.to_dict()
        assert spec["title"]["text"] == title
        rule, line, _dots = spec["layer"]
        assert rule["mark"]["type"] == "rule"
        assert {"value": 1.0, "label": "100 %"} in _all_data(spec)
        assert line["encoding"]["y"]["axis"]["format"] == ".0%"
        assert [item["field"] for item in line["encoding"]["tooltip"]] == ["month", "value_label"]


def test_retention_charts_share_one_y_range_that_includes_100_percent():
    grr, nrr = charts.retention_trend_charts(TREND, "en")
    grr_domain = grr.to_dict()["layer"][1]["encoding"]["y"]["scale"]["domain"]
    nrr_domain = nrr.to_dict()["layer"][1]["encoding"]["y"]["scale"]["domain"]
    assert grr_domain == nrr_domain
    assert grr_domain[0] < 0.90 and grr_domain[1] > 1.06


def test_a_trend_without_any_defined_month_has_no_points():
    assert charts.has_retention_points(TREND)
    assert not charts.has_retention_points(TREND.iloc[[0]])
