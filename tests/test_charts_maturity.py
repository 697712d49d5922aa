"""The Maturity and Workshop chart specs: valid Vega-Lite, tooltips on every mark, undefined values
left out, the benchmark line through the mean point, readable cell labels."""

from __future__ import annotations

import json

import duckdb
import pandas as pd
import pytest
from altair.utils.schemapi import validate_jsonschema
from altair.vegalite.v6.schema.core import load_schema

from cs_lib.metrics import maturity
from cs_lib.present.charts import maturity as charts
from cs_lib.workshop.results import department_results
from cs_lib.workshop.store import Workshop
from tests.maturity_fixtures import AS_OF, build_maturity_warehouse
from tests.test_charts import _contrast

SCHEMA = load_schema()


def _valid(spec: dict) -> dict:
    error = validate_jsonschema(spec, SCHEMA, raise_error=False)
    assert error is None, error
    json.dumps(spec)  # plain JSON
    return spec


def _marks(spec: dict) -> list[dict]:
    return spec.get("layer", [spec])


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    path = build_maturity_warehouse(tmp_path_factory.mktemp("maturity_charts") / "w.duckdb")
    with duckdb.connect(str(path), read_only=True) as connection:
        yield connection


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("theme", ["light", "dark"])
def test_heatmap_is_valid_and_marks_high_spread(con, lang, theme):
    spec = _valid(charts.maturity_heatmap_spec(maturity.department_levels(con, AS_OF), lang, theme))
    cells = {(row["unit"], row["cell"]) for row in spec["data"]["values"]}
    assert ("Alpha", "2.3 ◆") in cells and ("Alpha", "3.5") in cells  # sales disagrees (spread 1.53)
    assert all("tooltip" in layer["encoding"] for layer in _marks(spec))


def test_heatmap_cell_labels_are_readable_on_every_fill():
    for position, fill in enumerate(charts.LEVEL_COLOURS):
        level = position + 1  # a cell of level ≥ 2.5 is labelled in white, below in dark text
        text = charts.CELL_TEXT["dark"] if level >= 2.5 else charts.CELL_TEXT["light"]
        assert _contrast(text, fill) >= 4.5, (fill, text)


@pytest.mark.parametrize("measure", ["grr_ttm", "nrr_ttm"])
def test_regression_spec_draws_line_and_benchmark_but_no_band_with_two_units(con, measure):
    result = maturity.maturity_vs_retention(con, AS_OF)
    spec = _valid(charts.retention_fit_spec(result, measure, "en"))
    kinds = [layer["mark"]["type"] for layer in spec["layer"]]
    assert kinds == ["line", "line", "circle"]  # fitted, benchmark, units (no band under 3 units)
    benchmark = spec["layer"][1]["data"]["values"]
    rise = benchmark[-1]["value"] - benchmark[0]["value"]
    assert rise == pytest.approx(18.0)  # +6 points per level from level 1 to level 4
    assert all("tooltip" in layer["encoding"] for layer in spec["layer"])


def test_regression_spec_with_three_units_has_a_band():
    from cs_lib.metrics.maturity import MaturityVsRetention, RetentionFit
    from cs_lib.stats.regression import least_squares_line

    units = pd.DataFrame({"business_unit": ["A", "B", "C"], "maturity": [1.5, 2.5, 3.5], "arr": [1e6, 2e6, 3e6],
                          "retention_accounts": [40, 50, 20], "grr_points": [80.0, 86.0, 90.0],
                          "nrr_points": [95.0, 101.0, 108.0]})
    fit = RetentionFit("grr_ttm", least_squares_line(units["maturity"], units["grr_points"]))
    result = MaturityVsRetention(units, fit, fit, True, ("C",))
    spec = _valid(charts.retention_fit_spec(result, "grr_ttm", "ja", "dark"))
    assert [layer["mark"]["type"] for layer in spec["layer"]][0] == "area"
    weak = [point["accounts_label"] for point in spec["layer"][-1]["data"]["values"]]
    assert weak == ["40", "50", "20 ⚠ <30"]


def test_culture_spec_lists_the_weakest_item_first(con):
    spec = _valid(charts.culture_items_spec(maturity.culture_scores(con, "item", AS_OF), "en"))
    assert spec["layer"][0]["encoding"]["y"]["sort"] == ["Y", "X"]
    assert spec["layer"][0]["encoding"]["x2"] == {"datum": 1}  # bars stand on the scale's floor, 1


def test_workshop_distribution_leaves_empty_levels_out():
    workshop = Workshop("ABCDEF", "T", "U", ("cs", "sales"), 3, None, None, None)
    answers = pd.DataFrame({"department": ["cs", "cs", "sales"], "level": [1, 4, 2]})
    spec = _valid(charts.workshop_distribution_spec(department_results(answers, workshop, 0.8), "en"))
    assert [(row["department"], row["level_number"], row["answers"]) for row in spec["data"]["values"]] == [
        ("Customer success", 1, 1), ("Customer success", 4, 1), ("Sales", 2, 1)]
