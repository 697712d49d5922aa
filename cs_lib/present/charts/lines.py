"""Line charts of the Retention and Growth pages as plain Vega-Lite dicts: survival curves with their 95 %
bands (steps), and several rates over months on one percent axis. Tooltips carry the counts behind each point;
points on fewer than 30 accounts are hollow."""

from __future__ import annotations

import pandas as pd

from cs_lib.present.charts.style import SCHEMA_URL, Y_TITLE_ON_TOP, chart_config, chart_title, theme_palette
from cs_lib.present.formatting import UNDEFINED, is_undefined, percent
from cs_lib.present.i18n import t

# The height is the plot's: legends and axes add to it (Streamlit's default "fit" would squeeze a grid
# of many rows into whatever the legend leaves).
FIT_WIDTH = {"type": "fit-x", "contains": "padding"}

LINE_HEIGHT = 300
# Series colours per theme: distinguishable, at least 3:1 against the theme's background.
SERIES_COLOURS = {
    "light": ["#1f5f9e", "#b85c00", "#2e7d32", "#7a3e9d", "#c62828", "#00838f", "#5d4037", "#ad1457"],
    "dark": ["#6aa7f0", "#f5a35c", "#4cb35a", "#c08ce6", "#f0625f", "#4dd0e1", "#bcaaa4", "#f48fb1"],
}


def series_colours(theme: str, count: int) -> list[str]:
    colours = SERIES_COLOURS["dark" if theme == "dark" else "light"]
    return [colours[index % len(colours)] for index in range(count)]


def _month_axis() -> dict:
    return {"field": "month_start", "type": "temporal", "title": None, "scale": {"type": "utc"},
            "axis": {"labelExpr": "utcFormat(datum.value, '%Y-%m')", "labelAngle": 0, "grid": False,
                     "tickCount": {"expr": "max(2, min(8, floor(width / 90)))"}, "labelOverlap": "greedy",
                     "labelSeparation": 8, "labelFlush": True}}


def _legend(palette: dict[str, str]) -> dict:
    return {"orient": "bottom", "direction": "horizontal", "title": None, "labelColor": palette["text"],
            "labelFontSize": 12, "columns": {"expr": "max(1, floor(width / 170))"}, "labelLimit": 240}


def survival_spec(curves: pd.DataFrame, lang: str, theme: str = "light") -> dict:
    """Kaplan–Meier steps per group with the 95 % band behind them; x in months, y survival from 0 to 100 %."""
    palette = theme_palette(theme)
    groups = list(dict.fromkeys(curves["group"]))
    rows = []
    for row in curves.itertuples():
        rows.append({
            "group": str(row.group), "t": int(row.t), "survival": float(row.survival),
            "lower": None if is_undefined(row.lower) else float(row.lower),
            "upper": None if is_undefined(row.upper) else float(row.upper),
            "survival_label": percent(row.survival),
            "band_label": UNDEFINED if is_undefined(row.lower) else f"{percent(row.lower)} – {percent(row.upper)}",
            "at_risk": int(row.at_risk), "events": int(row.events),
        })
    color = {"field": "group", "type": "nominal", "sort": groups, "title": None,
             "scale": {"domain": groups, "range": series_colours(theme, len(groups))}, "legend": _legend(palette)}
    x = {"field": "t", "type": "quantitative", "title": t("retention.lifetime_months", lang),
         "axis": {"tickCount": {"expr": "max(3, floor(width / 70))"}}}
    y = {"field": "survival", "type": "quantitative", "title": t("retention.survival", lang),
         "scale": {"domain": [0, 1]}, "axis": {"format": ".0%", **Y_TITLE_ON_TOP}}
    tooltip = [
        {"field": "group", "type": "nominal", "title": t("retention.group", lang)},
        {"field": "t", "type": "quantitative", "title": t("retention.lifetime_months", lang)},
        {"field": "survival_label", "type": "nominal", "title": t("retention.survival", lang)},
        {"field": "band_label", "type": "nominal", "title": t("retention.band", lang)},
        {"field": "at_risk", "type": "quantitative", "title": t("retention.at_risk", lang), "format": ","},
        {"field": "events", "type": "quantitative", "title": t("retention.events", lang), "format": ","},
    ]
    return {
        "$schema": SCHEMA_URL,
        "title": chart_title(t("retention.survival_title", lang), palette["text"]),
        "width": "container", "height": LINE_HEIGHT, "background": "transparent", "autosize": FIT_WIDTH,
        "data": {"values": rows},
        "layer": [
            {"mark": {"type": "area", "interpolate": "step-after", "opacity": 0.18},
             "encoding": {"x": x, "y": {"field": "lower", "type": "quantitative"}, "y2": {"field": "upper"},
                          "color": color}},
            {"mark": {"type": "line", "interpolate": "step-after", "strokeWidth": 2.5},
             "encoding": {"x": x, "y": y, "color": color}},
            {"mark": {"type": "point", "filled": True, "size": 30, "opacity": 0.01},
             "encoding": {"x": x, "y": y, "color": color, "tooltip": tooltip}},
        ],
        "config": chart_config(palette),
    }


def rate_lines_spec(
    rows: list[dict], series_order: list[str], title: str, lang: str, theme: str = "light",
    reference: float | None = None,
) -> dict:
    """Several rates over months on one percent axis. `rows`: month, series (a label), value, detail (the counts
    behind it, for the tooltip), weak. Undefined values are left out, never drawn as 0."""
    palette = theme_palette(theme)
    values = [row | {"month_start": f"{row['month']}-01", "value_label": percent(row["value"])}
              for row in rows if not is_undefined(row["value"])]
    color = {"field": "series", "type": "nominal", "sort": series_order, "title": None,
             "scale": {"domain": series_order, "range": series_colours(theme, len(series_order))},
             "legend": _legend(palette)}
    y = {"field": "value", "type": "quantitative", "title": None, "scale": {"zero": False},
         "axis": {"format": ".0%", "tickCount": 5}}
    tooltip = [
        {"field": "month", "type": "nominal", "title": t("chart.trend.month", lang)},
        {"field": "series", "type": "nominal", "title": t("retention.series", lang)},
        {"field": "value_label", "type": "nominal", "title": t("retention.value", lang)},
        {"field": "detail", "type": "nominal", "title": t("chart.trend.accounts", lang)},
    ]
    layers = []
    if reference is not None:
        layers.append({"data": {"values": [{"value": reference}]},
                       "mark": {"type": "rule", "color": palette["reference"], "strokeDash": [5, 4]},
                       "encoding": {"y": {"field": "value", "type": "quantitative"}}})
    layers += [
        {"mark": {"type": "line", "strokeWidth": 2.5}, "encoding": {"x": _month_axis(), "y": y, "color": color}},
        {"mark": {"type": "point", "filled": True, "size": 40},
         "encoding": {"x": _month_axis(), "y": y, "color": color, "tooltip": tooltip,
                      "fillOpacity": {"condition": {"test": "datum.weak", "value": 0}, "value": 1}}},
    ]
    return {
        "$schema": SCHEMA_URL, "title": chart_title(title, palette["text"]),
        "width": "container", "height": LINE_HEIGHT, "background": "transparent", "autosize": FIT_WIDTH,
        "data": {"values": values}, "layer": layers, "config": chart_config(palette),
    }
