"""Chart specs built from the engine's DataFrames (no Streamlit here).

Each builder takes the DataFrame a `cs_lib.metrics.kpis` function returns, a
language and the Streamlit theme ("light" or "dark"), and returns a Vega-Lite v6
spec as a plain dict whose titles, axes, labels and tooltips are translated and
formatted, so the app and the board pack draw the same thing. The dicts are
written out directly: building them costs about a millisecond, where Altair
costs ~20 ms per layered chart on every filter change. tests/test_charts.py
validates every spec against the Vega-Lite schema.

The specs are drawn with `st.vega_lite_chart(spec, width="stretch")`: they use
the container's width, a transparent background, and colours chosen for the
theme they are drawn on; labels that do not fit a narrow screen are left out or
shortened, never overlapped.
"""

from __future__ import annotations

import json

import pandas as pd

from cs_lib.present.formatting import (
    UNDEFINED,
    currency_symbol,
    is_undefined,
    money,
    money_in_units,
    money_in_units_expr,
    percent,
    signed_money_in_units,
)
from cs_lib.present.i18n import t

SCHEMA_URL = "https://vega.github.io/schema/vega-lite/v6.json"
MOVEMENTS = ("new", "reactivation", "expansion", "contraction", "churn")  # METRICS.md §2
KINDS = ("total", "increase", "decrease")

# Colours per Streamlit theme, against its backgrounds (#ffffff light; #0e1117 or #171614 dark):
# text at least 4.5:1, bars and lines at least 3:1 (tests/test_charts.py checks).
PALETTES = {
    "light": {
        "text": "#1f2328",
        "muted": "#4b5058",
        "grid": "#e3e5e8",
        "total": "#7d838c",
        "increase": "#2e7d32",
        "decrease": "#c62828",
        "grr": "#1f5f9e",
        "nrr": "#7a3e9d",
        "reference": "#555a61",
    },
    "dark": {
        "text": "#f0f2f6",
        "muted": "#b8bcc6",
        "grid": "#31353f",
        "total": "#9aa0aa",
        "increase": "#4cb35a",
        "decrease": "#f0625f",
        "grr": "#6aa7f0",
        "nrr": "#c08ce6",
        "reference": "#a8adb7",
    },
}
LABEL_FONT_SIZE = 12  # axis and bar labels
TITLE_FONT_SIZE = 15
WATERFALL_HEIGHT = 340
TREND_HEIGHT = 280
LABEL_GAP = 5  # px kept free between two neighbouring bar labels
NARROW_SLOT = 60  # px per bar below which the waterfall's labels are set smaller
NARROW_FONT_SIZE = 11
# The y axis title stands level above the axis labels, not rotated beside them:
# it then takes no width from the plot, which a phone needs.
Y_TITLE_ON_TOP = {"titleAngle": 0, "titleAlign": "right", "titleBaseline": "bottom", "titleX": 0, "titleY": -12}
WEAK_EVIDENCE_ACCOUNTS = 30  # a retention rate resting on fewer accounts is noted in its tooltip

# Legacy Altair colours (mrr_waterfall / retention_trend_charts below, to be removed).
MOVEMENT_COLORS = {"total": "#8a8f98", "increase": "#2e7d32", "decrease": "#c62828"}
RETENTION_COLORS = {"grr": "#1f5f9e", "nrr": "#7a3e9d"}
REFERENCE_COLOR = "#555555"
FONT_SIZE = 13


# --- MRR waterfall ---------------------------------------------------------------


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
    palette = _palette(theme)
    symbol = currency_symbol(currency).strip()
    records = _waterfall_records(movements, month, lang, currency)
    rows = [_waterfall_row(step, lang, currency) for step in records]
    count = len(rows)

    lowest = min(0.0, *(row["bar_end"] for row in rows), *(row["bar_start"] for row in rows))
    highest = max(0.0, *(row["bar_end"] for row in rows), *(row["bar_start"] for row in rows))
    # Headroom for the label above the highest bar; `nice` then rounds the top up.
    domain = [lowest, highest * 1.1 if highest > 0 else 1.0]

    # Narrow screens: Vega-Lite's `width` signal is the plot's width, so each bar's slot is width / count.
    slot = f"width / {count}"
    font = f"({slot} < {NARROW_SLOT} ? {NARROW_FONT_SIZE} : {LABEL_FONT_SIZE})"
    # Either every bar label in full, or (where one would not fit) every one without its
    # currency sign, each left out if even that does not fit: never a mix of the two forms.
    all_fit = f"{_widest_em([row['amount_label'] for row in rows])} * {font} <= {slot} - {LABEL_GAP}"
    fits_short = f"!({all_fit}) && datum.short_em * {font} <= {slot} - {LABEL_GAP}"
    # Step names: one line where they fit, wrapped where that fits, else slanted.
    narrow_names = {row["step"]: t(f"chart.waterfall.narrow.{row['movement']}", lang).split("\n") for row in rows}
    widest_line = _widest_em([line for lines in narrow_names.values() for line in lines])
    one_line = f"{slot} >= {_widest_em([row['step'] for row in rows])} * {font} + {LABEL_GAP}"
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
        "title": _title(t("chart.waterfall.title", lang).format(month=month), palette["text"]),
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
                    + _lookup_expr("datum.value", narrow_names),
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
                        "scale": {"domain": domain, "zero": True, "nice": True},
                        "axis": {
                            # Like the bar labels, without the currency sign where space is short.
                            "labelExpr": f"!({all_fit}) ? {money_in_units_expr(lang, currency, with_symbol=False)}"
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
        ],
        "config": _config(palette),
    }


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
        "label_em": _text_em(label),
        "short_em": _text_em(short),
        "amount_exact": step["amount_exact"],
        "amount_exact_signed": exact,
        "running_total_label": f"{money_in_units(bar_end, lang, currency)} ({step['running_total_exact']})",
        "running_total_exact": step["running_total_exact"],
    }


def _amount_label(amount: float, movement: str, lang: str, currency: str) -> str:
    if movement in ("start", "end"):
        return money_in_units(amount, lang, currency)
    return signed_money_in_units(amount, lang, currency)


# --- GRR and NRR trend -------------------------------------------------------------


def retention_trend_specs(trend: pd.DataFrame, lang: str, theme: str = "light") -> tuple[dict, dict]:
    """GRR and NRR (trailing window) over time, as two Vega-Lite specs to show side by side.

    Both share one y scale with a dashed 100 % line, so the gap between them —
    expansion hiding churn — reads directly. Months where the figure is
    undefined (the first year of data) are left out, not drawn as 0. When the
    trend has `accounts_start`, each point's tooltip says how many accounts the
    rate rests on, with a note under 30 accounts, whose points are drawn hollow.
    """
    palette = _palette(theme)
    domain = _retention_domain(trend)
    return tuple(  # type: ignore[return-value]
        _retention_spec(trend, metric, t(f"chart.trend.{metric}_title", lang), domain, lang, palette)
        for metric in ("grr", "nrr")
    )


def has_retention_points(trend: pd.DataFrame) -> bool:
    """Whether any month of the trend has a defined GRR or NRR (the first year never does)."""
    return bool(trend[["grr", "nrr"]].notna().any().any())


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
    rows = _retention_rows(trend, metric, lang)
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
        "scale": {"domain": domain, "zero": False, "nice": False},
        "axis": {"format": ".0%", "tickCount": 5, **Y_TITLE_ON_TOP},
    }
    return {
        "$schema": SCHEMA_URL,
        "title": _title(title, color),
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
        ],
        "config": _config(palette),
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


# --- shared ------------------------------------------------------------------------


def _palette(theme: str | None) -> dict[str, str]:
    """Colours for Streamlit's theme type; anything but "dark" (e.g. None) is light."""
    return PALETTES["dark" if theme == "dark" else "light"]


def _title(text: str, color: str) -> dict:
    return {"text": text, "anchor": "start", "fontSize": TITLE_FONT_SIZE, "color": color, "offset": 12}


def _config(palette: dict[str, str]) -> dict:
    return {
        "view": {"stroke": None},
        "axis": {
            "labelColor": palette["muted"],
            "titleColor": palette["text"],
            "gridColor": palette["grid"],
            "domainColor": palette["grid"],
            "tickColor": palette["grid"],
            "labelFontSize": LABEL_FONT_SIZE,
            "titleFontSize": LABEL_FONT_SIZE,
            "titleFontWeight": "normal",
            "labelPadding": 4,
            "titlePadding": 8,
        },
        "title": {"color": palette["text"]},
    }


# Widths of bold Source Sans (Streamlit's chart font) in em, measured in Chromium;
# digits, "¥", "+" and most letters are about 0.53 em, CJK characters 1 em.
_CHAR_EM = {"-": 0.33, ",": 0.3, ".": 0.3, " ": 0.25, "M": 0.76, "K": 0.61, "i": 0.28, "l": 0.28, "t": 0.38}


def _text_em(text: str) -> float:
    """Estimated width of a bold label in em, to decide in the spec whether it fits its slot."""
    width = 0.0
    for char in text:
        if ord(char) >= 0x2E80:  # CJK, kana and full-width forms
            width += 1.0
        else:
            width += _CHAR_EM.get(char, 0.62 if char.isupper() else 0.53)
    return round(width, 2)


def _widest_em(texts: list[str]) -> float:
    return max(_text_em(text) for text in texts)


def _lookup_expr(key: str, mapping: dict[str, list[str]]) -> str:
    """A Vega expression mapping `key` to a (multi-line) label: `k == "a" ? ["x", "y"] : ... : k`."""
    expr = key
    for name, lines in reversed(mapping.items()):
        label = json.dumps(lines[0] if len(lines) == 1 else lines, ensure_ascii=False)
        expr = f"{key} === {json.dumps(name, ensure_ascii=False)} ? {label} : {expr}"
    return expr
