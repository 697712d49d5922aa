"""Maturity & culture charts (METRICS.md §11) as plain Vega-Lite dicts: the unit × department
heatmap, maturity against retention with its fitted line, band and the benchmark, the culture
items, and the workshop's live distribution. Every mark has a tooltip; undefined values are
left out, never drawn as 0."""

from __future__ import annotations

import numpy as np
import pandas as pd

from cs_lib.present.charts.style import SCHEMA_URL, Y_TITLE_ON_TOP, chart_config, chart_title, theme_palette
from cs_lib.present.formatting import UNDEFINED, count, is_undefined, money_in_units, percent, ratio
from cs_lib.present.i18n import t
from cs_lib.schema import DEPARTMENTS
from cs_lib.stats import WEAK_EVIDENCE_ACCOUNTS

# Four steps of one blue, light to dark, readable on both themes (the cells carry their own fill).
# A cell takes the step of its level rounded (thresholds 1.5, 2.5, 3.5), so its label can be dark on
# the two light steps and white on the two dark ones, each at 4.5:1 or more (tested).
LEVEL_COLOURS = ["#deebf7", "#9ecae1", "#2c6aa6", "#0b4f8a"]
LEVEL_THRESHOLDS = [1.5, 2.5, 3.5]
CELL_TEXT = {"light": "#1f2328", "dark": "#ffffff"}
HEATMAP_ROW_PX = 34
# Streamlit fits the whole chart (title, axes, legend) into the height it is given, so a chart of
# rows asks for its rows plus what surrounds them.
HEATMAP_FRAME_PX = 240  # title, unit labels on top, legend below
BARS_FRAME_PX = 80  # title and x axis
LEGEND_PX = 50
LABEL_LIMIT_PX = 150


def _base(title: str, palette: dict[str, str], height: int) -> dict:
    return {
        "$schema": SCHEMA_URL,
        "title": chart_title(title, palette["text"]),
        "width": "container",
        "height": height,
        "background": "transparent",
        "config": chart_config(palette),
    }


def _level(value: object) -> str:
    return UNDEFINED if is_undefined(value) else f"{float(value):.1f}"


def maturity_heatmap_spec(levels: pd.DataFrame, lang: str, theme: str = "light") -> dict:
    """Departments (rows) × business units (columns), coloured by level; ◆ marks high spread."""
    palette = theme_palette(theme)
    departments = [t(f"department.{name}", lang) for name in DEPARTMENTS]
    rows = [
        {
            "unit": row.business_unit,
            "department": t(f"department.{row.department}", lang),
            "level": float(row.level),
            "cell": _level(row.level) + (" ◆" if row.high_spread else ""),
            "dark": float(row.level) >= 2.5,
            "spread": _level(row.spread) if is_undefined(row.spread) else f"{float(row.spread):.2f}",
            "respondents": int(row.respondents),
            "assessed_on": str(row.assessed_on),
            "change": UNDEFINED if is_undefined(row.level_change) else f"{float(row.level_change):+.1f}",
        }
        for row in levels.itertuples()
    ]
    tooltip = [
        {"field": "unit", "title": t("column.business_unit", lang)},
        {"field": "department", "title": t("column.department", lang)},
        {"field": "cell", "title": t("column.level", lang)},
        {"field": "spread", "title": t("column.spread", lang)},
        {"field": "respondents", "title": t("column.respondents", lang)},
        {"field": "assessed_on", "title": t("column.assessed_on", lang)},
        {"field": "change", "title": t("column.level_change", lang)},
    ]
    # Unit names stand upright on a phone (five columns of ~45 px cannot hold slanted names side by side).
    x = {"field": "unit", "type": "nominal", "title": None,
         "axis": {"orient": "top", "labelAngle": {"expr": "width < 500 ? -90 : -35"}, "labelLimit": LABEL_LIMIT_PX,
                  "labelAlign": "left", "labelOverlap": False}}
    y = {"field": "department", "type": "nominal", "title": None, "sort": departments,
         "axis": {"labelLimit": 120}}
    spec = _base(t("maturity.heatmap_header", lang), palette,
                 HEATMAP_ROW_PX * len(departments) + HEATMAP_FRAME_PX)
    spec["data"] = {"values": rows}
    spec["layer"] = [
        {
            "mark": {"type": "rect", "stroke": palette["muted"], "strokeWidth": 0.5},
            "encoding": {
                "x": x, "y": y, "tooltip": tooltip,
                "color": {"field": "level", "type": "quantitative", "title": t("column.level", lang),
                          "scale": {"type": "threshold", "domain": LEVEL_THRESHOLDS, "range": LEVEL_COLOURS},
                          "legend": {"orient": "bottom", "direction": "horizontal", "format": ".1f"}},
            },
        },
        {
            "mark": {"type": "text", "fontSize": 13, "fontWeight": "bold"},
            "encoding": {
                "x": x, "y": y, "text": {"field": "cell"}, "tooltip": tooltip,
                "color": {"condition": {"test": "datum.dark", "value": CELL_TEXT["dark"]},
                          "value": CELL_TEXT["light"]},
            },
        },
    ]  # fmt: skip
    return spec


def retention_fit_spec(result, measure: str, lang: str, theme: str = "light", currency: str = "JPY") -> dict:
    """One retention measure (GRR or NRR, points) against maturity: units sized by ARR, the least-squares
    line with its 95 % band (3 units or more), and the benchmark of +6 points per level, dashed."""
    palette = theme_palette(theme)
    fitted = result.grr if measure == "grr_ttm" else result.nrr
    colour = palette["grr" if measure == "grr_ttm" else "nrr"]
    label = t(f"kpi.{measure}", lang)
    grid = np.linspace(1, 4, 31)
    x = {"field": "maturity", "type": "quantitative", "title": t("column.maturity", lang),
         "scale": {"domain": [1, 4], "nice": False}, "axis": {"values": [1, 2, 3, 4], "format": "d"}}
    y = {"field": "value", "type": "quantitative", "title": "pt", "scale": {"zero": False},
         "axis": {"tickCount": 5, **Y_TITLE_ON_TOP}}
    layers = []
    if fitted.fit.has_intervals:
        layers.append(_band_layer(grid, *fitted.fit.band(grid), x, colour, t("maturity.band", lang), label))
    if fitted.fit.has_line:
        layers.append(_line_layer(grid, fitted.fit.predict(grid), x, y, colour, [], t("maturity.fitted", lang), label))
    reference = fitted.reference_line(grid)
    if reference is not None:
        layers.append(_line_layer(grid, reference, x, y, palette["reference"], [6, 4], t("maturity.reference", lang),
                                  label))
    layers.append(_units_layer(result.units, measure, x, y, colour, palette, lang, currency))
    spec = _base(label, palette, 300)
    spec["layer"] = layers
    return spec


def _units_layer(units: pd.DataFrame, measure: str, x: dict, y: dict, colour: str, palette: dict, lang: str,
                 currency: str) -> dict:
    """The business units as circles sized by ARR; the tooltip marks a unit resting on under 30 accounts."""
    column, label = ("grr_points" if measure == "grr_ttm" else "nrr_points"), t(f"kpi.{measure}", lang)
    points = [
        {"unit": row.business_unit, "maturity": float(row.maturity), "value": float(getattr(row, column)),
         "arr": float(row.arr), "maturity_label": _level(row.maturity), "value_label": f"{getattr(row, column):.1f}",
         "arr_label": money_in_units(row.arr, lang, currency),
         "accounts_label": count(row.retention_accounts) + (
             f" ⚠ <{WEAK_EVIDENCE_ACCOUNTS}" if row.retention_accounts < WEAK_EVIDENCE_ACCOUNTS else "")}
        for row in units.itertuples()
    ]  # fmt: skip
    tooltip = [
        {"field": "unit", "title": t("column.business_unit", lang)},
        {"field": "maturity_label", "title": t("column.maturity", lang)},
        {"field": "value_label", "title": f"{label} (pt)"},
        {"field": "arr_label", "title": t("column.arr", lang)},
        {"field": "accounts_label", "title": t("column.retention_accounts", lang)},
    ]
    return {
        "data": {"values": points},
        "mark": {"type": "circle", "color": colour, "opacity": 0.85, "stroke": palette["text"], "strokeWidth": 0.5},
        "encoding": {"x": x, "y": y, "tooltip": tooltip,
                     "size": {"field": "arr", "type": "quantitative", "legend": None, "scale": {"range": [60, 900]}}},
    }  # fmt: skip


def _band_layer(grid, low, high, x: dict, colour: str, name: str, measure: str) -> dict:
    band = [{"maturity": float(g), "low": float(lo), "high": float(hi), "label": name}
            for g, lo, hi in zip(grid, low, high, strict=True)]
    return {
        "data": {"values": band},
        "mark": {"type": "area", "color": colour, "opacity": 0.15},
        "encoding": {"x": x, "y": {"field": "low", "type": "quantitative"}, "y2": {"field": "high"},
                     "tooltip": [{"field": "label", "title": measure}]},
    }  # fmt: skip


def _line_layer(grid, values, x: dict, y: dict, colour: str, dash: list[int], name: str, measure: str) -> dict:
    return {
        "data": {"values": [{"maturity": float(g), "value": float(v), "label": name, "value_label": f"{v:.1f}"}
                            for g, v in zip(grid, values, strict=True)]},
        "mark": {"type": "line", "color": colour, "strokeWidth": 2, "strokeDash": dash},
        "encoding": {"x": x, "y": y, "tooltip": [{"field": "label", "title": measure},
                                                 {"field": "value_label", "title": "pt"}]},
    }  # fmt: skip


def culture_items_spec(items: pd.DataFrame, lang: str, theme: str = "light") -> dict:
    """Mean score per item (1–5), weakest at the top; the tooltip adds the share favourable."""
    palette = theme_palette(theme)
    rows = [
        {"item": row.item, "mean": float(row.mean_score), "mean_label": ratio(row.mean_score),
         "favourable": percent(row.favourable), "answers": int(row.answers)}
        for row in items.itertuples()
    ]  # fmt: skip
    tooltip = [
        {"field": "item", "title": t("column.item", lang)},
        {"field": "mean_label", "title": t("column.mean_score", lang)},
        {"field": "favourable", "title": t("column.favourable", lang)},
        {"field": "answers", "title": t("column.answers", lang)},
    ]
    y = {"field": "item", "type": "nominal", "title": None, "sort": [row["item"] for row in rows],
         "axis": {"labelLimit": LABEL_LIMIT_PX}}
    x = {"field": "mean", "type": "quantitative", "title": t("column.mean_score", lang),
         "scale": {"domain": [1, 5], "nice": False}, "axis": {"values": [1, 2, 3, 4, 5], "format": "d"}}
    spec = _base(t("maturity.culture_header", lang), palette, 30 * len(rows) + BARS_FRAME_PX)
    spec["data"] = {"values": rows}
    spec["layer"] = [
        # Bars start at 1, the scale's floor, not at 0 (no answer can be below 1).
        {"mark": {"type": "bar", "color": palette["grr"], "height": {"band": 0.7}},
         "encoding": {"x": x, "x2": {"datum": 1}, "y": y, "tooltip": tooltip}},
        {"mark": {"type": "text", "align": "left", "dx": 4, "color": palette["text"]},
         "encoding": {"x": x, "y": y, "text": {"field": "mean_label"}, "tooltip": tooltip}},
    ]  # fmt: skip
    return spec


def workshop_distribution_spec(results: pd.DataFrame, lang: str, theme: str = "light") -> dict:
    """Answers per department, stacked by level (1 light … 4 dark), with the mean in the tooltip."""
    palette = theme_palette(theme)
    departments = [t(f"department.{name}", lang) for name in results["department"]]
    rows = [
        {"department": t(f"department.{row.department}", lang), "level": t(f"maturity.level.{level}", lang),
         "level_number": level, "answers": int(getattr(row, f"level_{level}")), "mean": _level(row.mean)}
        for row in results.itertuples() for level in (1, 2, 3, 4) if getattr(row, f"level_{level}") > 0
    ]  # fmt: skip
    tooltip = [
        {"field": "department", "title": t("column.department", lang)},
        {"field": "level", "title": t("column.level", lang)},
        {"field": "answers", "title": t("workshop.chart_axis_answers", lang)},
        {"field": "mean", "title": t("workshop.column.mean", lang)},
    ]
    spec = _base(t("workshop.chart_title", lang), palette,
                 36 * len(departments) + BARS_FRAME_PX + LEGEND_PX)
    spec["data"] = {"values": rows}
    spec["mark"] = {"type": "bar", "stroke": palette["muted"], "strokeWidth": 0.5}
    spec["encoding"] = {
        "y": {"field": "department", "type": "nominal", "title": None, "sort": departments},
        "x": {"field": "answers", "type": "quantitative", "title": t("workshop.chart_axis_answers", lang),
              "axis": {"tickMinStep": 1, "format": "d"}},
        "color": {"field": "level", "type": "nominal", "title": t("column.level", lang),
                  "sort": [t(f"maturity.level.{level}", lang) for level in (1, 2, 3, 4)],
                  "scale": {"domain": [t(f"maturity.level.{level}", lang) for level in (1, 2, 3, 4)],
                            "range": LEVEL_COLOURS},
                  "legend": {"orient": "bottom", "direction": "horizontal", "columns": 2}},
        "order": {"field": "level_number"},
        "tooltip": tooltip,
    }  # fmt: skip
    return spec
