"""GRR and NRR over time (METRICS.md §4) as two Vega-Lite line charts on one y scale, with the
100 % line; each point's tooltip says how many accounts it rests on, and weak ones are hollow."""

from __future__ import annotations

import pandas as pd

from cs_lib.present.charts.style import (
    SCHEMA_URL,
    Y_TITLE_ON_TOP,
    chart_config,
    chart_title,
    theme_palette,
)
from cs_lib.present.formatting import (
    UNDEFINED,
    is_undefined,
    percent,
)
from cs_lib.present.i18n import t
from cs_lib.stats import WEAK_EVIDENCE_ACCOUNTS

TREND_HEIGHT = 280


def retention_trend_specs(trend: pd.DataFrame, lang: str, theme: str = "light") -> tuple[dict, dict]:
    """GRR and NRR (trailing window) over time, as two Vega-Lite specs to show side by side.

    Both share one y scale with a dashed 100 % line, so the gap between them —
    expansion hiding churn — reads directly. Months where the figure is
    undefined (the first year of data) are left out, not drawn as 0. When the
    trend has `accounts_start`, each point's tooltip says how many accounts the
    rate rests on, with a note under 30 accounts, whose points are drawn hollow.
    """
    palette = theme_palette(theme)
    domain = _retention_domain(trend)
    return tuple(  # type: ignore[return-value]
        _retention_spec(trend, metric, t(f"chart.trend.{metric}_title", lang), domain, lang, palette)
        for metric in ("grr", "nrr")
    )


def has_retention_points(trend: pd.DataFrame) -> bool:
    """Whether any month of the trend has a defined GRR or NRR (the first year never does)."""
    return bool(trend["grr"].notna().to_numpy().any() or trend["nrr"].notna().to_numpy().any())


def trend_points(trend: pd.DataFrame, metric: str) -> pd.DataFrame:
    """The defined points of one retention series, with a date for the time axis and a label."""
    points = trend.loc[trend[metric].notna(), ["month", metric]].rename(columns={metric: "value"})
    points["month_start"] = pd.to_datetime(points["month"] + "-01")
    points["value_label"] = points["value"].map(percent)
    return points.reset_index(drop=True)


def _retention_domain(trend: pd.DataFrame) -> list[float]:
    """One y range for both series: every defined value and 100 %, with a margin."""
    defined = [
        float(value) for metric in ("grr", "nrr") for value in trend[metric].tolist()
        if value is not pd.NA and not is_undefined(value)
    ]
    values = [*defined, 1.0]
    spread = max(max(values) - min(values), 0.02)
    return [min(values) - spread * 0.15, max(values) + spread * 0.15]


def _retention_spec(
    trend: pd.DataFrame, metric: str, title: str, domain: list[float], lang: str, palette: dict[str, str]
) -> dict:
    color = palette[metric]
    # Only the rows depend on the data (the shared y range rides on every row), so a filter change
    # swaps the rows into the drawn chart instead of drawing it anew.
    rows = [
        {**row, "axis_low": domain[0], "axis_high": domain[1]} for row in _retention_rows(trend, metric, lang)
    ]
    tooltip = [
        {"field": "month", "type": "nominal", "title": t("chart.trend.month", lang)},
        {"field": "value_label", "type": "nominal", "title": title},
    ]
    if "accounts_start" in trend.columns:
        tooltip.append({"field": "accounts_label", "type": "nominal", "title": t("chart.trend.accounts", lang)})
    x = {
        "field": "month_start",
        "type": "temporal",
        "title": None,
        "scale": {"type": "utc"},
        "axis": {
            "labelExpr": "utcFormat(datum.value, '%Y-%m')",
            "labelAngle": 0,
            "tickCount": {"expr": "max(2, min(8, floor(width / 90)))"},
            "labelOverlap": "greedy",
            "labelSeparation": 8,
            "labelFlush": True,
            "grid": False,
        },
    }
    y = {
        "field": "value",
        "type": "quantitative",
        "title": t("chart.trend.value", lang),
        "scale": {"zero": False, "nice": False},
        "axis": {"format": ".0%", "tickCount": 5, **Y_TITLE_ON_TOP},
    }
    return {
        "$schema": SCHEMA_URL,
        "title": chart_title(title, color),
        "width": "container",
        "height": TREND_HEIGHT,
        "background": "transparent",
        "data": {"values": rows},
        "layer": [
            {
                "data": {"values": [{"value": 1.0, "label": t("chart.trend.reference", lang)}]},
                "mark": {"type": "rule", "color": palette["reference"], "strokeDash": [5, 4], "strokeWidth": 1.5},
                "encoding": {
                    "y": {"field": "value", "type": "quantitative"},
                    "tooltip": [{"field": "label", "type": "nominal", "title": title}],
                },
            },
            {
                "mark": {"type": "line", "color": color, "strokeWidth": 2.5},
                "encoding": {"x": x, "y": y, "tooltip": tooltip},
            },
            {
                "mark": {"type": "point", "filled": True, "size": 45, "color": color, "stroke": color},
                "encoding": {
                    "x": x,
                    "y": y,
                    "tooltip": tooltip,
                    # Hollow where the rate rests on few accounts (its tooltip says so).
                    "fill": {"condition": {"test": "datum.weak", "value": "transparent"}, "value": color},
                },
            },
            {
                # Invisible: spans the y range both charts share (every value, 100 %, a margin).
                "mark": {"type": "rule", "opacity": 0},
                "encoding": {
                    "y": {"field": "axis_low", "type": "quantitative"},
                    "y2": {"field": "axis_high"},
                    "tooltip": None,
                },
            },
        ],
        "config": chart_config(palette),
    }


def _retention_rows(trend: pd.DataFrame, metric: str, lang: str) -> list[dict]:
    """The defined months of one series as plain records (undefined months are left out)."""
    months = trend["month"].tolist()
    values = trend[metric].tolist()
    accounts_column = trend["accounts_start"].tolist() if "accounts_start" in trend.columns else None
    rows = []
    for position, (month, value) in enumerate(zip(months, values, strict=True)):
        if value is pd.NA or is_undefined(value):
            continue
        row = {
            "month": str(month),
            "month_start": f"{month}-01",
            "value": float(value),
            "value_label": percent(value),
            "weak": False,
        }
        if accounts_column is not None:
            accounts = accounts_column[position]
            accounts = None if accounts is pd.NA or is_undefined(accounts) else int(accounts)
            row["accounts"] = accounts
            row["weak"] = accounts is not None and accounts < WEAK_EVIDENCE_ACCOUNTS
            if accounts is None:
                row["accounts_label"] = UNDEFINED
            elif row["weak"]:
                row["accounts_label"] = t("chart.trend.weak_evidence", lang).format(
                    count=f"{accounts:,}", minimum=WEAK_EVIDENCE_ACCOUNTS
                )
            else:
                row["accounts_label"] = f"{accounts:,}"
        rows.append(row)
    return rows

