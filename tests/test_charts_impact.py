"""The Impact & ROI charts: valid Vega-Lite in both languages and themes, tooltips on every mark, the
numbers in the rows only (a filter or treatment change swaps rows, the spec stays), the board pack's
print form of a spec."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from cs_lib.boardpack.render import FONT_FAMILY, for_print
from cs_lib.present.charts.impact import did_rows, did_spec, difference_rows, difference_spec
from tests.test_charts import _validate

OUTCOMES = [
    {"outcome_label": "NRR", "weak": False, "difference": 0.05, "lower": -0.01, "upper": 0.11,
     "stratified_difference": 0.04, "stratified_lower": -0.02, "stratified_upper": 0.1,
     "difference_label": "+5.0 pt", "interval_label": "-1.0 pt … +11.0 pt", "p_label": "0.120",
     "stratified_label": "+4.0 pt", "stratified_interval_label": "-2.0 pt … +10.0 pt",
     "stratified_p_label": "0.200", "accounts_label": "40 vs 200 accounts"},
    {"outcome_label": "Renewal rate", "weak": True, "difference": 0.1, "lower": 0.0, "upper": 0.2,
     "stratified_difference": None, "stratified_lower": None, "stratified_upper": None,
     "difference_label": "+10.0 pt", "interval_label": "0.0 pt … +20.0 pt", "p_label": "0.050",
     "stratified_label": "–", "stratified_interval_label": "–", "stratified_p_label": "–",
     "accounts_label": "12 vs 200 accounts ⚠"},
]


def _frame(rows):
    return pd.DataFrame(rows)


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("theme", ["light", "dark"])
def test_difference_spec_is_valid_and_in_points(lang, theme):
    rows = difference_rows(_frame(OUTCOMES), lang)
    spec = difference_spec(rows, lang, theme)
    _validate(spec)
    json.dumps(spec, allow_nan=False)
    # NRR overall and stratified; the renewal rate overall only (no stratified estimate), marked weak
    assert [(row["outcome"], row["difference"]) for row in rows] == [
        ("NRR", pytest.approx(5.0)), ("NRR", pytest.approx(4.0)), ("Renewal rate ⚠", pytest.approx(10.0))]
    assert all(layer["encoding"].get("tooltip") for layer in spec["layer"][:2])


def test_a_new_treatment_changes_only_the_rows():
    first = difference_spec(difference_rows(_frame(OUTCOMES), "en"), "en")
    other = [dict(OUTCOMES[0], difference=-0.2, lower=-0.3, upper=-0.1)]
    second = difference_spec(difference_rows(_frame(other), "en"), "en")
    assert first["data"] != second["data"]
    assert {**first, "data": None} == {**second, "data": None}


def test_did_spec_is_valid():
    frame = _frame([{"role_label": "Treated", "before": 1.0, "after": 1.2, "accounts": 40},
                    {"role_label": "Control", "before": 1.0, "after": 0.9, "accounts": 300}])
    spec = did_spec(did_rows(frame, "en"), "en")
    _validate(spec)
    assert [row["nrr_label"] for row in spec["data"]["values"]] == ["100.0%", "120.0%", "100.0%", "90.0%"]


def test_print_form_fixes_width_background_and_font():
    spec = for_print(difference_spec(difference_rows(_frame(OUTCOMES), "ja"), "ja"), 800)
    _validate(spec)
    assert (spec["width"], spec["background"], spec["config"]["font"]) == (800, "white", FONT_FAMILY)
