"""Impact & ROI charts as plain Vega-Lite dicts: the treated − untreated difference of each outcome with
its 95 % interval (overall and stratified by segment) against a zero line, and NRR before / after a
programme start for treated and control accounts. The specs depend only on the language and theme;
the numbers travel in the rows, so a filter change swaps rows only."""

from __future__ import annotations

import pandas as pd

from cs_lib.present.charts.grids import ROW_HEIGHT, WEAK_MARK
from cs_lib.present.charts.lines import FIT_WIDTH
from cs_lib.present.charts.style import SCHEMA_URL, Y_TITLE_ON_TOP, chart_config, chart_title, theme_palette
from cs_lib.present.formatting import is_undefined, percent
from cs_lib.present.i18n import t

ESTIMATES = ("overall", "stratified")


def _points(value) -> float | None:
    return None if is_undefined(value) else float(value) * 100.0


def difference_rows(outcomes: pd.DataFrame, lang: str) -> list[dict]:
    """Two rows per outcome (overall, stratified): difference and interval in percentage points."""
    rows = []
    for row in outcomes.itertuples(index=False):
        label = row.outcome_label + (f" {WEAK_MARK}" if row.weak else "")
        for estimate, prefix in (("overall", ""), ("stratified", "stratified_")):
            difference = getattr(row, f"{prefix}difference")
            if is_undefined(difference):
                continue
            rows.append({
                "outcome": label, "estimate": t(f"impact.estimate.{estimate}", lang),
                "difference": _points(difference), "lower": _points(getattr(row, f"{prefix}lower")),
                "upper": _points(getattr(row, f"{prefix}upper")),
                "difference_label": getattr(row, f"{prefix}label" if prefix else "difference_label"),
                "interval_label": getattr(row, f"{prefix}interval_label"),
                "p_label": getattr(row, f"{prefix}p_label"), "accounts_label": row.accounts_label,
            })
    return rows


def difference_spec(rows: list[dict], lang: str, theme: str = "light") -> dict:
    """Each outcome's difference (points) as a dot on its interval; overall and stratified side by side."""
    palette = theme_palette(theme)
    estimates = [t(f"impact.estimate.{estimate}", lang) for estimate in ESTIMATES]
    colour = {"field": "estimate", "type": "nominal", "title": None,
              "scale": {"domain": estimates, "range": [palette["grr"], palette["nrr"]]},
              "legend": {"orient": "bottom", "labelColor": palette["text"], "labelFontSize": 12}}
    y = {"field": "outcome", "type": "nominal", "title": None, "sort": None, "axis": {"labelLimit": 180}}
    offset = {"field": "estimate", "type": "nominal", "scale": {"domain": estimates}}
    tooltip = [
        {"field": "outcome", "type": "nominal", "title": t("impact.outcome", lang)},
        {"field": "estimate", "type": "nominal", "title": t("impact.estimate", lang)},
        {"field": "difference_label", "type": "nominal", "title": t("impact.difference", lang)},
        {"field": "interval_label", "type": "nominal", "title": t("impact.interval", lang)},
        {"field": "p_label", "type": "nominal", "title": t("impact.p", lang)},
        {"field": "accounts_label", "type": "nominal", "title": t("impact.accounts", lang)},
    ]
    x = {"field": "difference", "type": "quantitative", "title": t("impact.axis_points", lang),
         "axis": {"tickCount": {"expr": "max(3, floor(width / 90))"}, **Y_TITLE_ON_TOP, "titleAngle": 0,
                  "titleY": 30, "titleX": {"expr": "width"}, "titleAlign": "right", "titleBaseline": "top"}}
    encoding = {"y": y, "yOffset": offset, "color": colour, "tooltip": tooltip}
    return {
        "$schema": SCHEMA_URL,
        "title": chart_title(t("impact.chart_title", lang), palette["text"]),
        "width": "container", "height": 3 * 2 * ROW_HEIGHT + 20,
        "background": "transparent", "autosize": FIT_WIDTH,
        "data": {"values": rows},
        "layer": [
            {"mark": {"type": "rule", "strokeWidth": 2.5},
             "encoding": {**encoding, "x": {"field": "lower", "type": "quantitative"}, "x2": {"field": "upper"}}},
            {"mark": {"type": "point", "filled": True, "size": 90}, "encoding": {**encoding, "x": x}},
            {"mark": {"type": "rule", "color": palette["reference"], "strokeDash": [4, 3]},
             "encoding": {"x": {"datum": 0, "type": "quantitative"}}},
        ],
        "config": chart_config(palette),
    }


def did_rows(frame: pd.DataFrame, lang: str) -> list[dict]:
    """Two points per role: NRR before (s − 12 → s) and after (s → s + 12)."""
    rows = []
    for row in frame.itertuples(index=False):
        for period in ("before", "after"):
            value = getattr(row, period)
            rows.append({"role": row.role_label, "period": t(f"impact.{period}", lang), "order": period,
                         "nrr": float(value), "nrr_label": percent(value), "accounts": int(row.accounts)})
    return rows


def did_spec(rows: list[dict], lang: str, theme: str = "light") -> dict:
    palette = theme_palette(theme)
    roles = [t("impact.treated", lang), t("impact.control", lang)]
    periods = [t("impact.before", lang), t("impact.after", lang)]
    encoding = {
        "x": {"field": "period", "type": "ordinal", "sort": periods, "title": None, "axis": {"labelAngle": 0}},
        "y": {"field": "nrr", "type": "quantitative", "title": t("kpi.nrr_ttm", lang),
              "scale": {"zero": False}, "axis": {"format": ".0%", **Y_TITLE_ON_TOP}},
        "color": {"field": "role", "type": "nominal", "title": None,
                  "scale": {"domain": roles, "range": [palette["nrr"], palette["total"]]},
                  "legend": {"orient": "bottom", "labelColor": palette["text"], "labelFontSize": 12}},
        "tooltip": [
            {"field": "role", "type": "nominal", "title": t("impact.role", lang)},
            {"field": "period", "type": "nominal", "title": t("impact.period", lang)},
            {"field": "nrr_label", "type": "nominal", "title": t("kpi.nrr_ttm", lang)},
            {"field": "accounts", "type": "quantitative", "title": t("impact.accounts", lang), "format": ","},
        ],
    }
    return {
        "$schema": SCHEMA_URL,
        "title": chart_title(t("impact.did_chart_title", lang), palette["text"]),
        "width": "container", "height": 260, "background": "transparent", "autosize": FIT_WIDTH,
        "data": {"values": rows},
        "mark": {"type": "line", "point": {"filled": True, "size": 80}, "strokeWidth": 2.5},
        "encoding": encoding,
        "config": chart_config(palette),
    }
