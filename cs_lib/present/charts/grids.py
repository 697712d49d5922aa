"""Heatmaps (cohorts, tier transitions, a KPI over two dimensions) and per-value intervals (Segments) as
plain Vega-Lite dicts. Every cell or point carries its counts in the tooltip; values resting on fewer than
30 accounts are marked (⚠ in the label and the tooltip, hollow points)."""

from __future__ import annotations

import math

import pandas as pd

from cs_lib.present.charts.lines import FIT_WIDTH
from cs_lib.present.charts.style import SCHEMA_URL, Y_TITLE_ON_TOP, chart_config, chart_title, theme_palette
from cs_lib.present.formatting import UNDEFINED, is_undefined, percent
from cs_lib.present.i18n import t
from cs_lib.stats import WEAK_EVIDENCE_ACCOUNTS

WEAK_MARK = "⚠"
# Sequential colours that keep their order readable on each theme's background.
HEAT_SCHEMES = {"light": "blues", "dark": "viridis"}
ROW_HEIGHT = 26  # px per category row (a finger's width on a phone)


def weak_label(accounts: int, lang: str) -> str:
    """"1,234" or "12 ⚠ weak evidence (under 30 accounts)" for tooltips and tables."""
    if accounts < WEAK_EVIDENCE_ACCOUNTS:
        return t("chart.trend.weak_evidence", lang).format(count=f"{accounts:,}", minimum=WEAK_EVIDENCE_ACCOUNTS)
    return f"{accounts:,}"


def heatmap_spec(
    cells: list[dict],
    *,
    x_title: str,
    y_title: str,
    color_title: str,
    title: str,
    tooltip: list[dict],
    theme: str = "light",
    text: bool = False,
    domain_max: float = 1.0,
    domain_min: float = 0.0,
    sort_labels: bool = False,
) -> dict:
    """Cells with `x`, `y` (labels, in the order given), `value` (a fraction) and the tooltip's fields.

    With `text`, each cell also prints its `value_label` (for small grids such as the tier matrix)."""
    palette = theme_palette(theme)
    x_order = list(dict.fromkeys(cell["x"] for cell in cells))
    y_order = list(dict.fromkeys(cell["y"] for cell in cells))
    if sort_labels:  # two dimensions: each axis in its own order, whatever pairs exist
        x_order, y_order = sorted(x_order), sorted(y_order)
    low, high = min(domain_min, 0.9), max(domain_max, 1.0)
    text_switch = round(low + (high - low) / 2, 4)  # where the scheme turns from light to dark
    encoding = {
        "x": {"field": "x", "type": "ordinal", "sort": x_order, "title": x_title,
              "axis": {"labelAngle": 0, "labelOverlap": "greedy", "labelSeparation": 4}},
        "y": {"field": "y", "type": "ordinal", "sort": y_order, "title": y_title, "axis": {**Y_TITLE_ON_TOP}},
    }
    layers = [{
        "mark": {"type": "rect", "stroke": palette["grid"], "strokeWidth": 0.5},
        "encoding": {
            **encoding,
            "color": {"field": "value", "type": "quantitative", "title": color_title,
                      "scale": {"scheme": HEAT_SCHEMES["dark" if theme == "dark" else "light"],
                                "domain": [low, high]},
                      "legend": {"format": ".0%", "orient": "bottom", "direction": "horizontal",
                                 "gradientLength": 160, "labelColor": palette["muted"],
                                 "titleColor": palette["text"]}},
            "tooltip": tooltip,
        },
    }]
    if text:
        layers.append({
            "mark": {"type": "text", "fontSize": 12, "fontWeight": "bold"},
            "encoding": {
                **encoding,
                "text": {"field": "value_label", "type": "nominal"},
                # Light text on the dark end of the scheme, dark text on the light end (blues darken
                # upwards, viridis lightens upwards).
                "color": {"condition": {"test": f"datum.value {'<' if theme == 'dark' else '>'} {text_switch}",
                                        "value": "#ffffff"}, "value": "#1f2328"},
                "tooltip": tooltip,
            },
        })
    return {
        "$schema": SCHEMA_URL,
        "title": chart_title(title, palette["text"]),
        "width": "container",
        "height": max(120, ROW_HEIGHT * len(y_order) if text else 14 * len(y_order)),
        "background": "transparent", "autosize": FIT_WIDTH,
        "data": {"values": cells},
        "layer": layers,
        "config": chart_config(palette),
    }


def cohort_heatmap_spec(grid: pd.DataFrame, kind: str, lang: str, theme: str = "light") -> dict:
    """Cohort (rows, with their size; ⚠ under 30 accounts) by age in months (columns); absent ages stay empty."""
    cells = []
    for row in grid.itertuples():
        if is_undefined(row.value):
            continue
        label = f"{row.cohort} · {row.size:,}" + (f" {WEAK_MARK}" if row.weak else "")
        cells.append({
            "x": str(row.age), "y": label, "value": float(row.value), "value_label": percent(row.value),
            "cohort": row.cohort, "age": int(row.age), "size_label": weak_label(int(row.size), lang),
            "counts": _cohort_counts(row, kind, lang),
        })
    tooltip = [
        {"field": "cohort", "type": "nominal", "title": t("retention.cohort", lang)},
        {"field": "age", "type": "quantitative", "title": t("retention.age", lang)},
        {"field": "value_label", "type": "nominal", "title": t(f"retention.cohort_kind.{kind}", lang)},
        {"field": "counts", "type": "nominal", "title": t("retention.counts", lang)},
        {"field": "size_label", "type": "nominal", "title": t("retention.cohort_size", lang)},
    ]
    values = [cell["value"] for cell in cells]
    return heatmap_spec(
        cells, x_title=t("retention.age", lang), y_title=t("retention.cohort_axis", lang),
        color_title=t(f"retention.cohort_kind.{kind}", lang), title=t(f"retention.cohort_title.{kind}", lang),
        tooltip=tooltip, theme=theme, domain_max=min(max(values, default=1.0), 2.0),
        domain_min=_floor_tenth(min(values, default=0.0)),
    )


def _floor_tenth(value: float) -> float:
    """The colour scale starts at the lowest value rounded down to 10 %, so that differences between cohorts
    (mostly above 50 %) show; the legend states the range."""
    return max(0.0, math.floor(value * 10) / 10)


def _cohort_counts(row, kind: str, lang: str) -> str:
    if kind == "logo":
        return t("retention.counts_logo", lang).format(retained=f"{int(row.retained):,}", size=f"{int(row.base):,}")
    return t("retention.counts_revenue", lang).format(retained=f"{row.retained:,.0f}", base=f"{row.base:,.0f}")


def tier_matrix_spec(transitions: pd.DataFrame, lang: str, theme: str = "light") -> dict:
    """From-tier rows by to-tier columns; each cell prints its share and its tooltip the accounts."""
    cells = []
    for row in transitions.itertuples():
        share = None if is_undefined(row.share) else float(row.share)
        cells.append({
            "x": _tier_label(row.to_tier, lang), "y": _tier_label(row.from_tier, lang),
            "value": share if share is not None else 0.0,
            "value_label": UNDEFINED if share is None else f"{percent(share, 0)} · {int(row.accounts):,}",
            "share_label": UNDEFINED if share is None else percent(share),
            "accounts": int(row.accounts),
        })
    tooltip = [
        {"field": "y", "type": "nominal", "title": t("growth.from_tier", lang)},
        {"field": "x", "type": "nominal", "title": t("growth.to_tier", lang)},
        {"field": "accounts", "type": "quantitative", "title": t("table.accounts", lang), "format": ","},
        {"field": "share_label", "type": "nominal", "title": t("growth.share", lang)},
    ]
    return heatmap_spec(cells, x_title=t("growth.to_tier", lang), y_title=t("growth.from_tier", lang),
                        color_title=t("growth.share", lang), title=t("growth.matrix_title", lang),
                        tooltip=tooltip, theme=theme, text=True)


def _tier_label(tier: str, lang: str) -> str:
    return t(f"growth.tier_{tier}", lang) if tier in ("new", "churned") else tier


def segment_heatmap_spec(grid: pd.DataFrame, kpi: str, rows_title: str, columns_title: str, lang: str,
                         theme: str = "light") -> dict:
    """A KPI over two dimensions; cells on fewer than 30 accounts carry ⚠ in their label."""
    cells = [{
        "x": str(row.column), "y": str(row.row), "value": float(row.kpi),
        "value_label": percent(row.kpi, 0) + (WEAK_MARK if row.weak else ""),
        "kpi_label": percent(row.kpi), "accounts_label": weak_label(int(row.accounts), lang),
        "interval": _interval_label(row.lower, row.upper),
    } for row in grid.itertuples() if not is_undefined(row.kpi)]
    tooltip = [
        {"field": "y", "type": "nominal", "title": rows_title},
        {"field": "x", "type": "nominal", "title": columns_title},
        {"field": "kpi_label", "type": "nominal", "title": t(f"kpi.{kpi}", lang)},
        {"field": "interval", "type": "nominal", "title": t("segments.interval", lang)},
        {"field": "accounts_label", "type": "nominal", "title": t("chart.trend.accounts", lang)},
    ]
    values = [cell["value"] for cell in cells]
    return heatmap_spec(cells, x_title=columns_title, y_title=rows_title, color_title=t(f"kpi.{kpi}", lang),
                        title=t(f"kpi.{kpi}", lang), tooltip=tooltip, theme=theme, text=True,
                        domain_max=min(max(values, default=1.0), 2.0),
                        domain_min=_floor_tenth(min(values, default=0.0)), sort_labels=True)


def _interval_label(lower: float, upper: float) -> str:
    return UNDEFINED if is_undefined(lower) else f"{percent(lower)} – {percent(upper)}"


def segment_intervals_spec(frame: pd.DataFrame, kpi: str, dimension_title: str, lang: str,
                           theme: str = "light") -> dict:
    """One row per value: the KPI as a point on its 95 % interval; hollow and ⚠ on fewer than 30 accounts."""
    palette = theme_palette(theme)
    color = palette["grr"]
    rows = [{
        "value": str(row.value) + (f" {WEAK_MARK}" if row.weak else ""), "kpi": float(row.kpi),
        "lower": None if is_undefined(row.lower) else float(row.lower),
        "upper": None if is_undefined(row.upper) else float(row.upper),
        "kpi_label": percent(row.kpi), "interval": _interval_label(row.lower, row.upper),
        "accounts_label": weak_label(int(row.accounts), lang), "weak": bool(row.weak),
    } for row in frame.itertuples() if not is_undefined(row.kpi)]
    order = [row["value"] for row in rows]
    y = {"field": "value", "type": "nominal", "sort": order, "title": dimension_title,
         "axis": {"labelLimit": 160, **Y_TITLE_ON_TOP}}
    tooltip = [
        {"field": "value", "type": "nominal", "title": dimension_title},
        {"field": "kpi_label", "type": "nominal", "title": t(f"kpi.{kpi}", lang)},
        {"field": "interval", "type": "nominal", "title": t("segments.interval", lang)},
        {"field": "accounts_label", "type": "nominal", "title": t("chart.trend.accounts", lang)},
    ]
    x = {"field": "kpi", "type": "quantitative", "title": t(f"kpi.{kpi}", lang),
         "scale": {"zero": False}, "axis": {"format": ".0%", "tickCount": {"expr": "max(3, floor(width / 80))"}}}
    return {
        "$schema": SCHEMA_URL,
        "title": chart_title(t("segments.chart_title", lang).format(kpi=t(f"kpi.{kpi}", lang)), palette["text"]),
        "width": "container",
        "height": max(100, ROW_HEIGHT * len(rows)),
        "background": "transparent", "autosize": FIT_WIDTH,
        "data": {"values": rows},
        "layer": [
            {"mark": {"type": "rule", "color": color, "strokeWidth": 2},
             "encoding": {"y": y, "x": {"field": "lower", "type": "quantitative"}, "x2": {"field": "upper"},
                          "tooltip": tooltip}},
            {"mark": {"type": "point", "filled": True, "size": 80, "color": color, "stroke": color, "strokeWidth": 2},
             "encoding": {"y": y, "x": x, "tooltip": tooltip,
                          "fill": {"condition": {"test": "datum.weak", "value": "transparent"}, "value": color}}},
        ],
        "config": chart_config(palette),
    }
