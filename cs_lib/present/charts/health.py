"""Charts of the Health & alerts page, the Journey page and the account view (METRICS.md §8–10), as
Vega-Lite dicts: band counts and mix, back-test AUC, renewal forecast range, journey funnel, time in
stage, and one account's MRR and health. Every mark has a tooltip; labels come translated."""

from __future__ import annotations

import pandas as pd

from cs_lib.present.charts.style import SCHEMA_URL, Y_TITLE_ON_TOP, chart_config, chart_title, theme_palette
from cs_lib.present.formatting import (
    UNDEFINED,
    count,
    is_undefined,
    money,
    money_in_units,
    money_in_units_expr,
    percent,
)
from cs_lib.present.i18n import t
from cs_lib.stats import WEAK_EVIDENCE_ACCOUNTS

# Band colours per theme: at least 3:1 against the theme's background (tests/test_health_charts.py).
BAND_COLOURS = {
    "light": {"healthy": "#2e7d32", "watch": "#a15c00", "at_risk": "#c62828", "unscored": "#6b7078"},
    "dark": {"healthy": "#4cb35a", "watch": "#e0a030", "at_risk": "#f0625f", "unscored": "#9aa0aa"},
}
HEIGHT = 260
MONTH_AXIS = {
    "labelAngle": 0, "labelOverlap": "greedy", "labelSeparation": 8, "labelFlush": True, "grid": False,
    "labelExpr": "utcFormat(datum.value, '%Y-%m')", "tickCount": {"expr": "max(2, min(8, floor(width / 90)))"},
}


def _base(title: str, rows: list[dict], palette: dict, height: int = HEIGHT) -> dict:
    return {"$schema": SCHEMA_URL, "title": chart_title(title, palette["text"]), "width": "container",
            "height": height, "background": "transparent", "data": {"values": rows},
            "config": chart_config(palette)}


def _band_scale(lang: str, theme: str, bands: list[str]) -> dict:
    colours = BAND_COLOURS["dark" if theme == "dark" else "light"]
    return {"domain": [t(f"band.{band}", lang) for band in bands], "range": [colours[band] for band in bands]}


def band_counts_spec(bands: pd.DataFrame, lang: str, theme: str = "light") -> dict:
    """Accounts per band as horizontal bars, healthy on top."""
    palette = theme_palette(theme)
    rows = [{"band": t(f"band.{r.band}", lang), "accounts": int(r.accounts), "accounts_label": count(r.accounts),
             "share_label": percent(r.share)} for r in bands.itertuples()]
    order = [row["band"] for row in rows]
    tooltip = [{"field": "band", "title": t("health.band", lang)},
               {"field": "accounts_label", "title": t("health.accounts", lang)},
               {"field": "share_label", "title": t("health.share", lang)}]
    spec = _base(t("health.chart.bands", lang), rows, palette, height=170)
    spec["layer"] = [
        {"mark": {"type": "bar", "cornerRadiusEnd": 3},
         "encoding": {"y": {"field": "band", "type": "nominal", "sort": order, "title": None},
                      # Room right of the longest bar for its share label, also on a phone.
                      "x": {"field": "accounts", "type": "quantitative", "title": t("health.accounts", lang),
                            "scale": {"domain": [0, max(1, int(bands["accounts"].max()) * 1.25)], "nice": False}},
                      "color": {"field": "band", "type": "nominal", "legend": None,
                                "scale": _band_scale(lang, theme, list(bands["band"]))},
                      "tooltip": tooltip}},
        {"mark": {"type": "text", "align": "left", "dx": 4, "color": palette["text"]},
         "encoding": {"y": {"field": "band", "type": "nominal", "sort": order},
                      "x": {"field": "accounts", "type": "quantitative"},
                      "text": {"field": "share_label"}, "tooltip": tooltip}},
    ]
    return spec


def band_trend_spec(trend: pd.DataFrame, lang: str, theme: str = "light") -> dict:
    """The band mix of each month-end as 100 % stacked bars."""
    palette = theme_palette(theme)
    bands = [band for band in ("healthy", "watch", "at_risk", "unscored") if band in set(trend["band"])]
    rows = [{"month": r.month, "month_start": f"{r.month}-01", "band": t(f"band.{r.band}", lang),
             "order": bands.index(r.band), "share": 0.0 if is_undefined(r.share) else float(r.share),
             "share_label": percent(r.share), "accounts_label": count(r.accounts)} for r in trend.itertuples()]
    tooltip = [{"field": "month", "title": t("health.month", lang)},
               {"field": "band", "title": t("health.band", lang)},
               {"field": "share_label", "title": t("health.share", lang)},
               {"field": "accounts_label", "title": t("health.accounts", lang)}]
    spec = _base(t("health.chart.trend", lang), rows, palette)
    spec["mark"] = {"type": "bar"}
    spec["encoding"] = {
        "x": {"field": "month_start", "type": "temporal", "timeUnit": "utcyearmonth", "title": None,
              "axis": MONTH_AXIS},
        "y": {"field": "share", "type": "quantitative", "stack": "normalize", "title": t("health.share", lang),
              "axis": {"format": ".0%", **Y_TITLE_ON_TOP}},
        "color": {"field": "band", "type": "nominal", "title": None, "scale": _band_scale(lang, theme, bands),
                  "legend": {"orient": "bottom", "labelColor": palette["text"]}},
        "order": {"field": "order", "type": "quantitative"},
        "tooltip": tooltip,
    }
    return spec


def auc_spec(table: pd.DataFrame, lang: str, theme: str = "light") -> dict:
    """The back-test AUC per month-end with the 0.5 line (a coin toss); hollow under 30 accounts."""
    palette = theme_palette(theme)
    rows = [{"month": r.month, "month_start": f"{r.month}-01", "auc": float(r.auc), "auc_label": f"{r.auc:.3f}",
             "accounts_label": count(r.accounts), "weak": int(r.accounts) < WEAK_EVIDENCE_ACCOUNTS}
            for r in table.itertuples() if not is_undefined(r.auc)]
    tooltip = [{"field": "month", "title": t("health.month", lang)}, {"field": "auc_label", "title": "AUC"},
               {"field": "accounts_label", "title": t("health.accounts", lang)}]
    x = {"field": "month_start", "type": "temporal", "title": None, "axis": MONTH_AXIS}
    y = {"field": "auc", "type": "quantitative", "title": "AUC", "scale": {"domain": [0.4, 1.0]},
         "axis": {"tickCount": 6, **Y_TITLE_ON_TOP}}
    spec = _base(t("health.chart.auc", lang), rows, palette)
    spec["layer"] = [
        {"data": {"values": [{"auc": 0.5, "label": t("health.coin_toss", lang)}]},
         "mark": {"type": "rule", "color": palette["reference"], "strokeDash": [5, 4]},
         "encoding": {"y": {"field": "auc", "type": "quantitative"}, "tooltip": [{"field": "label", "title": "AUC"}]}},
        {"mark": {"type": "line", "color": palette["grr"], "strokeWidth": 2.5},
         "encoding": {"x": x, "y": y, "tooltip": tooltip}},
        {"mark": {"type": "point", "filled": True, "size": 40, "color": palette["grr"]},
         "encoding": {"x": x, "y": y, "tooltip": tooltip,
                      "fill": {"condition": {"test": "datum.weak", "value": "transparent"}, "value": palette["grr"]}}},
    ]
    return spec


def forecast_spec(table: pd.DataFrame, lang: str, currency: str, theme: str = "light") -> dict:
    """Per quarter: the expiring ARR (pale bar), the P10–P90 range of renewed ARR (thick rule) and P50 (dot)."""
    palette = theme_palette(theme)
    rows = [{"quarter": r.quarter, "expiring": float(r.expiring_arr), "p10": float(r.p10), "p50": float(r.p50),
             "p90": float(r.p90), "expiring_label": money(r.expiring_arr, currency),
             "expected_label": money(r.expected_arr, currency),
             "range_label": f"{money_in_units(r.p10, lang, currency)} – {money_in_units(r.p90, lang, currency)}",
             "p50_label": money(r.p50, currency)} for r in table.itertuples()]
    tooltip = [{"field": "quarter", "title": t("forecast.quarter", lang)},
               {"field": "expiring_label", "title": t("forecast.expiring_arr", lang)},
               {"field": "expected_label", "title": t("forecast.expected_arr", lang)},
               {"field": "range_label", "title": t("forecast.range", lang)},
               {"field": "p50_label", "title": "P50"}]
    x = {"field": "quarter", "type": "ordinal", "title": None, "axis": {"labelAngle": 0}}
    axis = {"labelExpr": _units_expr(lang, currency), **Y_TITLE_ON_TOP}
    spec = _base(t("forecast.chart", lang), rows, palette)
    spec["layer"] = [
        {"mark": {"type": "bar", "color": palette["grid"], "width": {"band": 0.7}},
         "encoding": {"x": x, "y": {"field": "expiring", "type": "quantitative", "title": t("forecast.arr", lang),
                                    "axis": axis}, "tooltip": tooltip}},
        {"mark": {"type": "rule", "color": palette["grr"], "strokeWidth": 6},
         "encoding": {"x": x, "y": {"field": "p10", "type": "quantitative"}, "y2": {"field": "p90"},
                      "tooltip": tooltip}},
        {"mark": {"type": "point", "filled": True, "size": 90, "color": palette["text"]},
         "encoding": {"x": x, "y": {"field": "p50", "type": "quantitative"}, "tooltip": tooltip}},
    ]
    return spec


def _units_expr(lang: str, currency: str) -> str:
    return money_in_units_expr(lang, currency)


def funnel_spec(summary: pd.DataFrame, stage_labels: dict[str, str], lang: str, theme: str = "light") -> dict:
    """Accounts that reached each stage, with the conversion from the stage before."""
    palette = theme_palette(theme)
    rows = [{"stage": stage_labels.get(r.stage, r.stage), "reached": int(r.reached),
             "reached_label": count(r.reached), "conversion_label": percent(r.conversion)}
            for r in summary.itertuples()]
    order = [row["stage"] for row in rows]
    tooltip = [{"field": "stage", "title": t("journey.stage", lang)},
               {"field": "reached_label", "title": t("journey.reached", lang)},
               {"field": "conversion_label", "title": t("journey.conversion", lang)}]
    y = {"field": "stage", "type": "nominal", "sort": order, "title": None}
    spec = _base(t("journey.chart.funnel", lang), rows, palette, height=200)
    spec["layer"] = [
        {"mark": {"type": "bar", "color": palette["grr"], "cornerRadiusEnd": 3},
         "encoding": {"y": y, "x": {"field": "reached", "type": "quantitative", "title": t("journey.reached", lang),
                                    "scale": {"domain": [0, max(1, int(summary["reached"].max()) * 1.2)],
                                              "nice": False}},
                      "tooltip": tooltip}},
        {"mark": {"type": "text", "align": "left", "dx": 4, "color": palette["text"]},
         "encoding": {"y": y, "x": {"field": "reached", "type": "quantitative"}, "text": {"field": "reached_label"},
                      "tooltip": tooltip}},
    ]
    return spec


def time_in_stage_spec(summary: pd.DataFrame, stage_labels: dict[str, str], lang: str, theme: str = "light") -> dict:
    """Median days in each stage (bar) and the 80th percentile (tick); stages without a value left out."""
    palette = theme_palette(theme)
    rows = [{"stage": stage_labels.get(r.stage, r.stage), "median": float(r.median_days), "p80": float(r.p80_days),
             "median_label": f"{r.median_days:,.0f}", "p80_label": f"{r.p80_days:,.0f}", "left_label": count(r.left)}
            for r in summary.itertuples() if not is_undefined(r.median_days)]
    order = [row["stage"] for row in rows]
    tooltip = [{"field": "stage", "title": t("journey.stage", lang)},
               {"field": "median_label", "title": t("journey.median_days", lang)},
               {"field": "p80_label", "title": t("journey.p80_days", lang)},
               {"field": "left_label", "title": t("journey.left", lang)}]
    y = {"field": "stage", "type": "nominal", "sort": order, "title": None}
    spec = _base(t("journey.chart.time", lang), rows, palette, height=170)
    spec["layer"] = [
        {"mark": {"type": "bar", "color": palette["grr"]},
         "encoding": {"y": y, "x": {"field": "median", "type": "quantitative", "title": t("journey.days", lang)},
                      "tooltip": tooltip}},
        {"mark": {"type": "tick", "color": palette["text"], "thickness": 3},
         "encoding": {"y": y, "x": {"field": "p80", "type": "quantitative"}, "tooltip": tooltip}},
    ]
    return spec


def account_lines_spec(frame: pd.DataFrame, value: str, title: str, lang: str, theme: str = "light",
                       currency: str | None = None) -> dict:
    """One account's series over the months (MRR or health), with the value in each tooltip."""
    palette = theme_palette(theme)
    rows = [{"month": month, "month_start": f"{month}-01", "value": float(v),
             "label": money(v, currency) if currency else f"{v:.1f}"}
            for month, v in zip(frame["month"], frame[value], strict=True) if not is_undefined(v)]
    tooltip = [{"field": "month", "title": t("health.month", lang)}, {"field": "label", "title": title}]
    y_axis = {"labelExpr": _units_expr(lang, currency), **Y_TITLE_ON_TOP} if currency else {**Y_TITLE_ON_TOP}
    spec = _base(title, rows or [{"month": UNDEFINED, "month_start": None, "value": None, "label": UNDEFINED}],
                 palette, height=220)
    spec["mark"] = {"type": "line", "point": True, "color": palette["grr"], "strokeWidth": 2.5}
    spec["encoding"] = {"x": {"field": "month_start", "type": "temporal", "title": None, "axis": MONTH_AXIS},
                        "y": {"field": "value", "type": "quantitative", "title": title, "axis": y_axis},
                        "tooltip": tooltip}
    return spec
