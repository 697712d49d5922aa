"""Altair charts built from the engine's DataFrames (no Streamlit here).

Each builder takes the DataFrame a `cs_lib.metrics.kpis` function returns and a
language, and returns a chart whose titles, axes and tooltips are
translated and formatted, so the app and the board pack draw the same thing.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from cs_lib.present.formatting import currency_symbol, money, money_compact, percent
from cs_lib.present.i18n import t

MOVEMENTS = ("new", "reactivation", "expansion", "contraction", "churn")  # METRICS.md §2
MOVEMENT_COLORS = {"total": "#8a8f98", "increase": "#2e7d32", "decrease": "#c62828"}
RETENTION_COLORS = {"grr": "#1f5f9e", "nrr": "#7a3e9d"}
REFERENCE_COLOR = "#555555"
FONT_SIZE = 13


def waterfall_steps(movements: pd.DataFrame, month: str, lang: str, currency: str = "JPY") -> pd.DataFrame:
    """The bars of one month's MRR waterfall: start MRR, the five movements, end MRR.

    `movements` is `kpis.mrr_movements(...)`. Start MRR is end MRR minus the
    movements (the identity of METRICS.md §2), so it is right in the first
    month of the range too, where the start is 0.
    """
    rows = movements.loc[movements["month"] == month]
    if rows.empty:
        raise ValueError(f"no MRR movements for month {month!r}")
    row = rows.iloc[0]
    end = float(row["mrr"])
    amounts = {name: float(row[name]) for name in MOVEMENTS}
    start = end - sum(amounts.values())

    steps = [("start", "total", start, 0.0, start)]
    level = start
    for name in MOVEMENTS:
        amount = amounts[name]
        kind = "increase" if amount > 0 else "decrease" if amount < 0 else "total"
        steps.append((name, kind, amount, level, level + amount))
        level += amount
    steps.append(("end", "total", end, 0.0, end))

    return pd.DataFrame(
        [
            {
                "order": position,
                "movement": name,
                "step": t(f"movement.{name}", lang),
                "kind": kind,
                "kind_label": t(f"movement.kind.{kind}", lang),
                "amount": amount,
                "bar_start": bar_start,
                "bar_end": bar_end,
                "amount_label": _signed_money(amount, name, lang, currency),
                "amount_exact": money(amount, currency),
                "running_total_exact": money(bar_end, currency),
            }
            for position, (name, kind, amount, bar_start, bar_end) in enumerate(steps)
        ]
    )


def mrr_waterfall(
    movements: pd.DataFrame, month: str, lang: str, currency: str = "JPY", height: int = 360
) -> alt.LayerChart:
    """MRR movement waterfall for one month: increases green, decreases red, totals grey.

    The y axis is zoomed onto the part where the movements happen (movements are
    a few percent of MRR and would be invisible from zero); every bar carries
    its amount as a label, so the zoom cannot mislead.
    """
    steps = waterfall_steps(movements, month, lang, currency)
    low, high = _waterfall_domain(steps)
    divisor, unit = _axis_unit(max(abs(low), abs(high)), lang, currency)
    steps["label_y"] = steps[["bar_start", "bar_end"]].max(axis=1)

    step_order = list(steps["step"])
    kinds = ["total", "increase", "decrease"]
    x = alt.X("step:N", sort=step_order, title=None, axis=alt.Axis(labelAngle=0, labelFontSize=FONT_SIZE))
    base = alt.Chart(steps).encode(x=x)
    tooltip = [
        alt.Tooltip("step:N", title=t("chart.waterfall.step", lang)),
        alt.Tooltip("amount_exact:N", title=t("chart.waterfall.amount", lang)),
        alt.Tooltip("running_total_exact:N", title=t("chart.waterfall.running_total", lang)),
    ]
    bars = base.mark_bar(clip=True, cornerRadius=2).encode(
        y=alt.Y(
            "bar_start:Q",
            title=t("chart.waterfall.axis_y", lang).format(unit=unit),
            scale=alt.Scale(domain=[low, high], zero=False, nice=False),
            axis=alt.Axis(
                labelExpr=f"format(datum.value / {divisor}, ',.4~r')",
                labelFontSize=FONT_SIZE,
                titleFontSize=FONT_SIZE,
                tickCount=6,
            ),
        ),
        y2="bar_end:Q",
        color=alt.Color(
            "kind:N",
            scale=alt.Scale(domain=kinds, range=[MOVEMENT_COLORS[k] for k in kinds]),
            legend=None,
        ),
        tooltip=tooltip,
    )
    labels = base.mark_text(baseline="bottom", dy=-4, fontSize=FONT_SIZE, fontWeight="bold").encode(
        y=alt.Y("label_y:Q"), text="amount_label:N", tooltip=tooltip
    )
    title = alt.Title(
        t("chart.waterfall.title", lang).format(month=month),
        subtitle=t("chart.waterfall.zoom_note", lang).format(start=money_compact(low, lang, currency))
        if low > 0
        else alt.Undefined,
        fontSize=FONT_SIZE + 2,
        subtitleFontSize=FONT_SIZE - 1,
        subtitleColor=REFERENCE_COLOR,
        anchor="start",
    )
    return alt.layer(bars, labels).properties(title=title, height=height)


def retention_trend_charts(
    trend: pd.DataFrame, lang: str, height: int = 300
) -> tuple[alt.LayerChart, alt.LayerChart]:
    """GRR and NRR (trailing window) over time, as two charts to show side by side.

    Both share one y scale with the 100 % line, so the gap between them —
    expansion hiding churn — reads directly. Months where the figure is
    undefined (the first year of data) are left out, not drawn as 0.
    """
    defined = [trend[metric].dropna() for metric in ("grr", "nrr")]
    values = pd.concat(defined + [pd.Series([1.0])])
    spread = max(values.max() - values.min(), 0.02)
    domain = [values.min() - spread * 0.15, values.max() + spread * 0.15]
    grr = _retention_line(trend, "grr", t("chart.trend.grr_title", lang), domain, lang, height)
    nrr = _retention_line(trend, "nrr", t("chart.trend.nrr_title", lang), domain, lang, height)
    return grr, nrr


def has_retention_points(trend: pd.DataFrame) -> bool:
    """Whether any month of the trend has a defined GRR or NRR (the first year never does)."""
    return bool(trend[["grr", "nrr"]].notna().any().any())


def trend_points(trend: pd.DataFrame, metric: str) -> pd.DataFrame:
    """The defined points of one retention series, with a date for the time axis and a label."""
    points = trend.loc[trend[metric].notna(), ["month", metric]].rename(columns={metric: "value"})
    points["month_start"] = pd.to_datetime(points["month"] + "-01")
    points["value_label"] = points["value"].map(percent)
    return points.reset_index(drop=True)


def _retention_line(
    trend: pd.DataFrame, metric: str, title: str, domain: list[float], lang: str, height: int
) -> alt.LayerChart:
    points = trend_points(trend, metric)
    color = RETENTION_COLORS[metric]
    x = alt.X(
        "month_start:T",
        title=t("chart.trend.month", lang),
        axis=alt.Axis(format="%Y-%m", labelAngle=0, labelFontSize=FONT_SIZE, titleFontSize=FONT_SIZE,
                      tickCount={"interval": "month", "step": 3}),
    )
    y = alt.Y(
        "value:Q",
        title=t("chart.trend.value", lang),
        scale=alt.Scale(domain=domain, zero=False, nice=False),
        axis=alt.Axis(format=".0%", labelFontSize=FONT_SIZE, titleFontSize=FONT_SIZE, tickCount=6),
    )
    tooltip = [
        alt.Tooltip("month:N", title=t("chart.trend.month", lang)),
        alt.Tooltip("value_label:N", title=title),
    ]
    base = alt.Chart(points).encode(x=x, y=y, tooltip=tooltip)
    line = base.mark_line(color=color, strokeWidth=2.5)
    dots = base.mark_point(color=color, filled=True, size=40)
    reference = (
        alt.Chart(pd.DataFrame({"value": [1.0], "label": [t("chart.trend.reference", lang)]}))
        .mark_rule(color=REFERENCE_COLOR, strokeDash=[5, 4], strokeWidth=1.5)
        .encode(y=alt.Y("value:Q"), tooltip=[alt.Tooltip("label:N", title=title)])
    )
    return alt.layer(reference, line, dots).properties(
        title=alt.Title(title, fontSize=FONT_SIZE + 2, color=color), height=height
    )


def _waterfall_domain(steps: pd.DataFrame) -> tuple[float, float]:
    """Y range of the waterfall: from a little below the lowest level reached to above the highest.

    Zero stays in view when the movements are large against MRR (a young or
    small book), where zooming would not help.
    """
    levels = pd.concat([steps["bar_end"], steps.loc[steps["kind"] != "total", "bar_start"]])
    lowest, highest = float(levels.min()), float(levels.max())
    padding = max((highest - lowest) * 0.25, abs(highest) * 0.005, 1.0)
    low = lowest - padding
    if low < highest * 0.5:
        low = min(0.0, lowest)
    return low, highest + padding


def _axis_unit(largest: float, lang: str, currency: str) -> tuple[float, str]:
    """Divisor and unit name for money axis labels: e.g. (1e6, "百万円") or (1e6, "¥M")."""
    if currency.upper() == "JPY" and lang == "ja":
        units = ((1e6, "百万円"), (1e4, "万円"))
        fallback = "円"
    else:
        symbol = currency_symbol(currency).strip()
        units = ((1e9, f"{symbol}B"), (1e6, f"{symbol}M"), (1e3, f"{symbol}K"))
        fallback = symbol
    for divisor, unit in units:
        if largest >= divisor * 10:
            return divisor, unit
    return 1.0, fallback


def _signed_money(amount: float, movement: str, lang: str, currency: str) -> str:
    text = money_compact(amount, lang, currency)
    if movement in ("start", "end") or text.startswith("-") or amount == 0:
        return text
    return "+" + text
