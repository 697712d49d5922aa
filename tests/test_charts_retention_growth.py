"""Chart specs of the Retention, Growth and Segments pages: valid Vega-Lite, tooltips with the counts behind
each value, weak evidence marked, undefined values left out, fixed plot heights."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from cs_lib.present.charts.bridge_bars import bridge_bars_spec
from cs_lib.present.charts.grids import (
    cohort_heatmap_spec,
    segment_heatmap_spec,
    segment_intervals_spec,
    tier_matrix_spec,
)
from cs_lib.present.charts.lines import rate_lines_spec, survival_spec
from cs_lib.present.retention_growth import renewal_rows, series_rows
from tests.test_charts import _validate

COHORTS = pd.DataFrame({
    "cohort": ["2025-Q1"] * 3 + ["2025-Q2"] * 2, "age": [0, 1, 2, 0, 1],
    "value": [1.0, 0.9, 0.8, 1.0, 0.95], "size": [40, 40, 40, 12, 12],
    "retained": [40, 36, 32, 12, 11], "base": [40, 40, 40, 12, 12], "weak": [False] * 3 + [True] * 2,
})
CURVES = pd.DataFrame({
    "group": ["SMB", "SMB", "Enterprise"], "t": [1, 3, 2], "at_risk": [5, 3, 4], "events": [1, 1, 0],
    "survival": [0.8, 0.53, 1.0], "lower": [0.3, np.nan, np.nan], "upper": [0.97, np.nan, np.nan],
})
SEGMENTS = pd.DataFrame({
    "value": ["Enterprise", "SMB"], "accounts": [226, 12], "kpi": [0.9, 0.7], "lower": [0.86, 0.4],
    "upper": [0.94, 0.9], "weak": [False, True],
})
TRANSITIONS = pd.DataFrame({
    "from_tier": ["T1", "T1", "T2", "T2", "new"], "to_tier": ["T1", "churned", "T2", "churned", "T1"],
    "accounts": [3, 1, 0, 0, 2], "share": [0.75, 0.25, np.nan, np.nan, 1.0],
})
BRIDGE = pd.DataFrame({
    "period": ["2025-Q1", "2025-Q2"], "months": [3, 3], "start": [0.0, 250.0], "new": [200.0, 200.0],
    "reactivation": [0.0, 0.0], "expansion": [50.0, 0.0], "contraction": [0.0, 0.0], "churn": [0.0, -100.0],
    "end": [250.0, 350.0], "end_yoy": [np.nan, np.nan],
})
RENEWALS = pd.DataFrame({
    "month": ["2025-05", "2025-06"], "expiring": [40, 0], "renewed": [30, 0], "renewal_rate": [0.75, np.nan],
    "first_expiring": [10, 0], "first_renewed": [5, 0], "first_renewal_rate": [0.5, np.nan], "pilots": [2, 0],
    "pilots_converted": [1, 0], "pilot_conversion_rate": [0.5, np.nan], "pending": [0, 3],
})


def all_specs(lang: str, theme: str) -> dict[str, dict]:
    grid = SEGMENTS.rename(columns={"value": "row"}).assign(column="T1")
    return {
        "cohorts": cohort_heatmap_spec(COHORTS, "logo", lang, theme),
        "survival": survival_spec(CURVES, lang, theme),
        "intervals": segment_intervals_spec(SEGMENTS, "grr_ttm", "Segment", lang, theme),
        "segment_grid": segment_heatmap_spec(grid, "grr_ttm", "Segment", "Tier", lang, theme),
        "tiers": tier_matrix_spec(TRANSITIONS, lang, theme),
        "bridge": bridge_bars_spec(BRIDGE, lang, "JPY", theme),
        "renewals": rate_lines_spec(renewal_rows(RENEWALS, lang), ["a", "b", "c"], "t", lang, theme),
    }


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("theme", ["light", "dark"])
def test_every_spec_is_valid_vega_lite_with_tooltips_and_a_fixed_plot_height(lang, theme):
    for name, spec in all_specs(lang, theme).items():
        _validate(spec)
        layers = spec.get("layer", [spec])
        assert any("tooltip" in layer["encoding"] for layer in layers), name
        assert spec["autosize"]["type"] == "fit-x", name  # legends and axes never squeeze the plot


def test_cohort_cells_carry_their_counts_and_mark_small_cohorts():
    rows = cohort_heatmap_spec(COHORTS, "logo", "en")["data"]["values"]
    assert rows[1]["counts"] == "36 of 40 accounts" and rows[1]["value_label"] == "90.0%"
    assert rows[3]["y"] == "2025-Q2 · 12 ⚠" and "weak evidence" in rows[3]["size_label"]
    assert rows[0]["y"] == "2025-Q1 · 40"
    assert len(rows) == 5  # one cell per observed age; nothing drawn past the as-of month


def test_survival_band_is_absent_where_undefined():
    rows = survival_spec(CURVES, "en")["data"]["values"]
    assert rows[0]["band_label"] == "30.0% – 97.0%" and rows[1]["lower"] is None and rows[1]["band_label"] == "–"
    assert [row["at_risk"] for row in rows] == [5, 3, 4]


def test_segment_points_are_hollow_and_marked_under_30_accounts():
    rows = segment_intervals_spec(SEGMENTS, "grr_ttm", "Segment", "en")["data"]["values"]
    assert [row["value"] for row in rows] == ["Enterprise", "SMB ⚠"]
    assert [row["weak"] for row in rows] == [False, True]
    assert rows[1]["accounts_label"].startswith("12 (weak evidence")


def test_renewal_rows_leave_undefined_months_out_and_count_lines():
    spec = rate_lines_spec(renewal_rows(RENEWALS, "en"), ["Renewal rate"], "t", "en")
    months = {row["month"] for row in spec["data"]["values"]}
    assert months == {"2025-05"}  # 2025-06 has nothing counted: undefined, not 0
    first = spec["data"]["values"][0]
    assert first["detail"] == "30 of 40 lines" and first["weak"] is False
    assert spec["data"]["values"][1]["weak"] is True  # 10 first lines


def test_series_rows_carry_accounts_and_weak_marks():
    frame = pd.DataFrame({"month": ["2025-01", "2025-02"], "accounts_start": [12, 300], "grr": [0.9, 0.91]})
    rows = series_rows(frame, {"grr": "GRR"}, "accounts_start", "en")
    assert [row["weak"] for row in rows] == [True, False] and rows[1]["detail"] == "300"


def test_tier_matrix_prints_share_and_accounts_and_leaves_empty_rows_undefined():
    rows = tier_matrix_spec(TRANSITIONS, "en")["data"]["values"]
    assert rows[0]["value_label"] == "75% · 3" and rows[0]["x"] == "T1" and rows[1]["x"] == "churned"
    assert rows[2]["share_label"] == "–"
    assert rows[4]["y"] == "new"


def test_bridge_tooltips_give_amounts_in_one_unit_system():
    rows = bridge_bars_spec(BRIDGE, "en", "JPY")["data"]["values"]
    assert len(rows) == 2 * 5
    churn = next(row for row in rows if row["period"] == "2025-Q2" and row["movement"] == "Churn")
    assert churn["amount"] == -100 and churn["end_label"] == "¥350"


def test_two_dimension_heatmap_orders_each_axis():
    grid = pd.DataFrame({"row": ["SMB", "Enterprise", "Enterprise"], "column": ["T2", "T3", "T1"],
                         "accounts": [40, 40, 5], "kpi": [0.8, 0.9, 1.0], "lower": [0.7, 0.8, 0.5],
                         "upper": [0.9, 0.95, 1.0], "weak": [False, False, True]})
    spec = segment_heatmap_spec(grid, "grr_ttm", "Segment", "Tier", "en")
    rect = spec["layer"][0]["encoding"]
    assert rect["x"]["sort"] == ["T1", "T2", "T3"] and rect["y"]["sort"] == ["Enterprise", "SMB"]
    labels = {(row["y"], row["x"]): row["value_label"] for row in spec["data"]["values"]}
    assert labels[("Enterprise", "T1")] == "100%⚠" and labels[("SMB", "T2")] == "80%"


def test_only_the_largest_groups_are_drawn():
    from cs_lib.metrics.survival import SurvivalResult
    from cs_lib.present.retention_growth import drawn_curves

    curves = pd.DataFrame({"group": ["a", "b", "c"], "t": [1, 1, 1], "at_risk": [5, 9, 9], "events": [1, 1, 1],
                           "survival": [0.8, 0.9, 0.9], "lower": [0.5] * 3, "upper": [0.9] * 3})
    result = SurvivalResult("2025-01", "csm", curves, {"a": 1, "b": 1, "c": 1}, None, {"a": 5, "b": 9, "c": 9})
    drawn, left_out = drawn_curves(result, limit=2)
    assert sorted(drawn["group"]) == ["b", "c"] and left_out == 1
