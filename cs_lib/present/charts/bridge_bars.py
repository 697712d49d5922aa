"""The MRR bridge by period (Growth page): the five movements as bars above and below zero per period, with
end MRR in the tooltip. Amounts read in one unit system per language (万 / 億, K / M)."""

from __future__ import annotations

import pandas as pd

from cs_lib.present.charts.lines import FIT_WIDTH
from cs_lib.present.charts.style import SCHEMA_URL, Y_TITLE_ON_TOP, chart_config, chart_title, theme_palette
from cs_lib.present.formatting import (
    currency_symbol,
    money_in_units,
    money_in_units_expr,
    signed_money_in_units,
)
from cs_lib.present.i18n import t

MOVEMENT_ORDER = ("new", "reactivation", "expansion", "contraction", "churn")
BRIDGE_HEIGHT = 320


def movement_colours(theme: str) -> list[str]:
    """Growth in greens, losses in reds; each pair told apart by lightness."""
    if theme == "dark":
        return ["#4cb35a", "#9ad39f", "#2f8f3e", "#f5a35c", "#f0625f"]
    return ["#2e7d32", "#66a86a", "#1b5e20", "#b85c00", "#c62828"]


def bridge_bars_spec(bridge: pd.DataFrame, lang: str, currency: str = "JPY", theme: str = "light") -> dict:
    palette = theme_palette(theme)
    labels = [t(f"movement.{movement}", lang) for movement in MOVEMENT_ORDER]
    rows = []
    for record in bridge.to_dict("records"):
        for movement, label in zip(MOVEMENT_ORDER, labels, strict=True):
            rows.append({
                "period": record["period"], "movement": label, "amount": float(record[movement]),
                "amount_label": signed_money_in_units(record[movement], lang, currency),
                "start_label": money_in_units(record["start"], lang, currency),
                "end_label": money_in_units(record["end"], lang, currency),
            })
    tooltip = [
        {"field": "period", "type": "nominal", "title": t("growth.period", lang)},
        {"field": "movement", "type": "nominal", "title": t("chart.waterfall.step", lang)},
        {"field": "amount_label", "type": "nominal", "title": t("chart.waterfall.amount", lang)},
        {"field": "start_label", "type": "nominal", "title": t("growth.start_mrr", lang)},
        {"field": "end_label", "type": "nominal", "title": t("growth.end_mrr", lang)},
    ]
    return {
        "$schema": SCHEMA_URL,
        "title": chart_title(t("growth.bridge_title", lang), palette["text"]),
        "width": "container", "height": BRIDGE_HEIGHT, "background": "transparent", "autosize": FIT_WIDTH,
        "data": {"values": rows},
        "mark": {"type": "bar"},
        "encoding": {
            "x": {"field": "period", "type": "ordinal", "title": None,
                  "axis": {"labelAngle": 0, "labelOverlap": "greedy", "labelSeparation": 6}},
            "y": {"field": "amount", "type": "quantitative", "stack": "zero",
                  "title": t("chart.waterfall.axis_y", lang).format(unit=currency_symbol(currency).strip()),
                  "axis": {"labelExpr": money_in_units_expr(lang, currency, with_symbol=False), "tickCount": 6,
                           **Y_TITLE_ON_TOP}},
            "color": {"field": "movement", "type": "nominal", "sort": labels, "title": None,
                      "scale": {"domain": labels, "range": movement_colours(theme)},
                      "legend": {"orient": "bottom", "direction": "horizontal", "labelColor": palette["text"],
                                 "columns": {"expr": "max(1, floor(width / 120))"}}},
            "tooltip": tooltip,
        },
        "config": chart_config(palette),
    }
