"""The MRR movement waterfall of one month (METRICS.md §2) as a Vega-Lite spec: start MRR, the
five movements and end MRR, on a scale that starts at zero, with every bar labelled in the
language's unit system and labels left out, not overlapped, where a narrow screen has no room."""

from __future__ import annotations

import pandas as pd

from cs_lib.present.charts.style import (
    LABEL_FONT_SIZE,
    SCHEMA_URL,
    Y_TITLE_ON_TOP,
    chart_config,
    chart_title,
    lookup_expr,
    text_em,
    theme_palette,
    widest_em,
)
from cs_lib.present.formatting import (
    currency_symbol,
    money,
    money_in_units,
    money_in_units_expr,
    signed_money_in_units,
)
from cs_lib.present.i18n import t

MOVEMENTS = ("new", "reactivation", "expansion", "contraction", "churn")  # METRICS.md §2
KINDS = ("total", "increase", "decrease")
WATERFALL_HEIGHT = 340
LABEL_GAP = 5  # px kept free between two neighbouring bar labels
NARROW_SLOT = 60  # px per bar below which the waterfall's labels are set smaller
NARROW_FONT_SIZE = 11

def waterfall_steps(movements: pd.DataFrame, month: str, lang: str, currency: str = "JPY") -> pd.DataFrame:
    """The bars of one month's MRR waterfall: start MRR, the five movements, end MRR.

    `movements` is `kpis.mrr_movements(...)`. Start MRR is end MRR minus the
    movements (the identity of METRICS.md §2), so it is right in the first
    month of the range too, where the start is 0. Amount labels are in the
    chart's unit system (`formatting.money_in_units`): "+¥120万", "+¥1.2M".
    """
    return pd.DataFrame(_waterfall_records(movements, month, lang, currency))


def _waterfall_records(movements: pd.DataFrame, month: str, lang: str, currency: str) -> list[dict]:
    """`waterfall_steps` as plain records (no DataFrame: the chart spec needs plain values anyway)."""
    months = movements["month"].tolist()
    if month not in months:
        raise ValueError(f"no MRR movements for month {month!r}")
    position = months.index(month)
    end = float(movements["mrr"].iat[position])
    amounts = {name: float(movements[name].iat[position]) for name in MOVEMENTS}
    start = end - sum(amounts.values())

    steps = [("start", "total", start, 0.0, start)]
    level = start
    for name in MOVEMENTS:
        amount = amounts[name]
        kind = "increase" if amount > 0 else "decrease" if amount < 0 else "total"
        steps.append((name, kind, amount, level, level + amount))
        level += amount
    steps.append(("end", "total", end, 0.0, end))

    return [
        {
            "order": position,
            "movement": name,
            "step": t(f"movement.{name}", lang),
            "kind": kind,
            "kind_label": t(f"movement.kind.{kind}", lang),
            "amount": amount,
            "bar_start": bar_start,
            "bar_end": bar_end,
            "amount_label": _amount_label(amount, name, lang, currency),
            "amount_exact": money(amount, currency),
            "running_total_exact": money(bar_end, currency),
        }
        for position, (name, kind, amount, bar_start, bar_end) in enumerate(steps)
    ]


def mrr_waterfall_spec(
    movements: pd.DataFrame, month: str, lang: str, currency: str = "JPY", theme: str = "light"
) -> dict:
    """One month's MRR movement waterfall as a Vega-Lite spec: increases green, decreases red, totals grey.

    The y axis starts at zero and the start and end bars stand on it, so bar
    heights compare honestly; the movements, a few percent of MRR, are then
    slivers, and each bar carries its amount as a label. Axis, labels and
    tooltips share one unit system (万 / 億 in Japanese, K / M / B in English).
    On a narrow screen the step names wrap (or slant), the bar labels drop
    their currency sign, and a label that still does not fit its bar's slot is
    left out (the tooltip keeps it). `theme` is Streamlit's theme type, "light" or "dark".
    """
    palette = theme_palette(theme)
    symbol = currency_symbol(currency).strip()
    records = _waterfall_records(movements, month, lang, currency)
    rows = _with_layout(records, lang, currency)
    count = len(rows)

    # Only the rows depend on the data: the spec of a month and language stays the same when a
    # filter changes, so the browser swaps the rows into the drawn chart instead of drawing anew.
    # Narrow screens: Vega-Lite's `width` signal is the plot's width, so each bar's slot is width / count.
    slot = f"width / {count}"
    narrow = f"{slot} < {NARROW_SLOT}"
    font = f"({narrow} ? {NARROW_FONT_SIZE} : {LABEL_FONT_SIZE})"
    # Either every bar label in full, or (where one would not fit) every one without its
    # currency sign, each left out if even that does not fit: never a mix of the two forms.
    # `widest_label_em` is the same on every row (the widest of the month's labels).
    all_fit = f"datum.widest_label_em * {font} <= {slot} - {LABEL_GAP}"
    fits_short = f"!({all_fit}) && datum.short_em * {font} <= {slot} - {LABEL_GAP}"
    # Step names: one line where they fit, wrapped where that fits, else slanted.
    narrow_names = {row["step"]: t(f"chart.waterfall.narrow.{row['movement']}", lang).split("\n") for row in rows}
    widest_line = widest_em([line for lines in narrow_names.values() for line in lines])
    one_line = f"{slot} >= {widest_em([row['step'] for row in rows])} * {font} + {LABEL_GAP}"
    wrapped = f"{slot} >= {widest_line} * {font} + {LABEL_GAP}"

    tooltip = [
        {"field": "step", "type": "nominal", "title": t("chart.waterfall.step", lang)},
        {"field": "amount_label", "type": "nominal", "title": t("chart.waterfall.amount", lang)},
        {"field": "amount_exact_signed", "type": "nominal", "title": t("chart.waterfall.amount_exact", lang)},
        {"field": "running_total_label", "type": "nominal", "title": t("chart.waterfall.running_total", lang)},
    ]
    label_mark = {
        "type": "text",
        "baseline": "bottom",
        "dy": -4,
        "fontSize": {"expr": font},
        "fontWeight": "bold",
        "color": palette["text"],
    }
    return {
        "$schema": SCHEMA_URL,
        "title": chart_title(t("chart.waterfall.title", lang).format(month=month), palette["text"]),
        "width": "container",
        "height": WATERFALL_HEIGHT,
        "background": "transparent",
        "data": {"values": rows},
        "encoding": {
            "x": {
                "field": "step",
                "type": "nominal",
                "sort": [row["step"] for row in rows],
                "title": None,
                "axis": {
                    "labelFontSize": {"expr": font},
                    "labelAngle": {"expr": f"{wrapped} ? 0 : -45"},
                    "labelAlign": {"expr": f"{wrapped} ? 'center' : 'right'"},
                    "labelBaseline": {"expr": f"{wrapped} ? 'top' : 'middle'"},
                    "labelLimit": {"expr": f"{wrapped} ? {slot} : 140"},
                    "labelExpr": f"{one_line} || !({wrapped}) ? datum.value : "
                    + lookup_expr("datum.value", narrow_names),
                    "labelOverlap": False,
                },
            },
            "tooltip": tooltip,
        },
        "layer": [
            {
                "mark": {"type": "bar", "cornerRadius": 2},
                "encoding": {
                    "y": {
                        "field": "bar_start",
                        "type": "quantitative",
                        "title": t("chart.waterfall.axis_y", lang).format(unit=symbol),
                        "scale": {"zero": True, "nice": True},
                        "axis": {
                            # Without the currency sign on a narrow screen (the title names it).
                            "labelExpr": f"{narrow} ? {money_in_units_expr(lang, currency, with_symbol=False)}"
                            f" : {money_in_units_expr(lang, currency)}",
                            "tickCount": 5,
                            **Y_TITLE_ON_TOP,
                        },
                    },
                    "y2": {"field": "bar_end"},
                    "color": {
                        "field": "kind",
                        "type": "nominal",
                        "scale": {"domain": list(KINDS), "range": [palette[kind] for kind in KINDS]},
                        "legend": None,
                    },
                },
            },
            {
                "mark": label_mark,
                "encoding": {
                    "y": {"field": "label_y", "type": "quantitative"},
                    "text": {"condition": {"test": all_fit, "field": "amount_label"}, "value": ""},
                },
            },
            {
                "mark": label_mark,
                "encoding": {
                    "y": {"field": "label_y", "type": "quantitative"},
                    "text": {"condition": {"test": fits_short, "field": "amount_short"}, "value": ""},
                },
            },
            {
                # Invisible: spans zero to the top of the highest bar plus room for its label, so the
                # shared y scale stands on zero and the label above the highest bar is never cut.
                "mark": {"type": "rule", "opacity": 0},
                "encoding": {
                    "y": {"field": "axis_floor", "type": "quantitative"},
                    "y2": {"field": "axis_ceiling"},
                    "tooltip": None,
                },
            },
        ],
        "config": chart_config(palette),
    }


def _with_layout(records: list[dict], lang: str, currency: str) -> list[dict]:
    """The chart's rows: each bar with its labels, and the month's layout facts on every row."""
    rows = [_waterfall_row(step, lang, currency) for step in records]
    levels = [level for row in rows for level in (row["bar_start"], row["bar_end"])]
    lowest, highest = min(0.0, *levels), max(0.0, *levels)
    widest_label = widest_em([row["amount_label"] for row in rows])
    for row in rows:
        row["axis_floor"] = lowest
        row["axis_ceiling"] = highest * 1.1 if highest > 0 else 1.0  # headroom for the top label
        row["widest_label_em"] = widest_label
    return rows


def _waterfall_row(step: dict, lang: str, currency: str) -> dict:
    """One bar as plain JSON values, with its labels and their estimated widths (in em)."""
    amount, bar_start, bar_end = step["amount"], step["bar_start"], step["bar_end"]
    label = step["amount_label"]
    short = label.replace(currency_symbol(currency), "", 1)
    exact = step["amount_exact"]
    if step["movement"] not in ("start", "end") and round(amount) > 0:
        exact = "+" + exact
    return {
        "order": step["order"],
        "movement": step["movement"],
        "step": step["step"],
        "kind": step["kind"],
        "kind_label": step["kind_label"],
        "amount": amount,
        "bar_start": bar_start,
        "bar_end": bar_end,
        "label_y": max(bar_start, bar_end),
        "amount_label": label,
        "amount_short": short,
        "label_em": text_em(label),
        "short_em": text_em(short),
        "amount_exact": step["amount_exact"],
        "amount_exact_signed": exact,
        "running_total_label": f"{money_in_units(bar_end, lang, currency)} ({step['running_total_exact']})",
        "running_total_exact": step["running_total_exact"],
    }


def _amount_label(amount: float, movement: str, lang: str, currency: str) -> str:
    if movement in ("start", "end"):
        return money_in_units(amount, lang, currency)
    return signed_money_in_units(amount, lang, currency)

