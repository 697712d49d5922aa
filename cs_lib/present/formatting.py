"""How numbers read on screen: money, percentages, points, and "–" for undefined.

An undefined value (None or NaN) is always shown as "–", never as 0
(METRICS.md §3). KPI values are formatted by machine name (METRICS.md §14)
so that the app, its tests and the board pack print the same strings.
"""

from __future__ import annotations

import math
from dataclasses import fields

from cs_lib.filters import Filters
from cs_lib.metrics.catalogue import KPIS
from cs_lib.present.i18n import t

UNDEFINED = "–"  # en dash

CURRENCY_SYMBOLS = {"JPY": "¥", "USD": "$", "EUR": "€", "GBP": "£"}

# Japanese reads large amounts in 万 (10^4), 億 (10^8) and 兆 (10^12);
# English in K, M and B. Largest unit first; (divisor, suffix, decimals).
_COMPACT_UNITS = {
    "ja": ((1e12, "兆", 2), (1e8, "億", 2), (1e4, "万", 0)),
    "en": ((1e9, "B", 2), (1e6, "M", 1)),
}

# What kind of number each KPI is (decides its format and the unit of its change), and which
# KPIs are good news when they fall: both read from the KPI catalogue.
KPI_KINDS = {kpi.name: kpi.kind for kpi in KPIS}
LOWER_IS_BETTER = frozenset(kpi.name for kpi in KPIS if kpi.lower_is_better)
_COMPACT_MONEY_KPIS = frozenset(kpi.name for kpi in KPIS if kpi.compact)


def is_undefined(value: object) -> bool:
    """None and NaN mean "undefined" (a rate whose denominator is 0)."""
    if value is None:
        return True
    try:
        return math.isnan(value)  # type: ignore[arg-type]
    except TypeError:
        return False


def currency_symbol(currency: str) -> str:
    return CURRENCY_SYMBOLS.get(currency.upper(), currency.upper() + " ")


def money(value: float | None, currency: str = "JPY") -> str:
    """The exact amount in whole units: 12345678 → "¥12,345,678"."""
    if is_undefined(value):
        return UNDEFINED
    sign = "-" if round(value) < 0 else ""
    return f"{sign}{currency_symbol(currency)}{abs(value):,.0f}"


def money_compact(value: float | None, lang: str, currency: str = "JPY") -> str:
    """A large amount as people say it: "¥1.23億" / "¥4,567万" (ja), "¥12.3M" (en).

    Amounts below the smallest unit are shown exactly.
    """
    if is_undefined(value):
        return UNDEFINED
    units = _COMPACT_UNITS[lang][::-1]  # smallest first
    magnitude = abs(value)
    reached = [i for i, (divisor, _, _) in enumerate(units) if magnitude >= divisor]
    if reached:
        i = reached[-1]
        # Rounding may carry into the next unit: 9,999.6万 is shown as 1.00億, not 10,000万.
        while i + 1 < len(units) and _rounds_up_to_next_unit(magnitude, units[i], units[i + 1]):
            i += 1
        divisor, suffix, decimals = units[i]
        sign = "-" if value < 0 else ""
        return f"{sign}{currency_symbol(currency)}{magnitude / divisor:,.{decimals}f}{suffix}"
    return money(value, currency)


def _rounds_up_to_next_unit(magnitude: float, unit: tuple, next_unit: tuple) -> bool:
    divisor, _, decimals = unit
    return round(magnitude / divisor, decimals) >= next_unit[0] / divisor


def percent(value: float | None, digits: int = 1) -> str:
    """A fraction as a percentage: 0.973 → "97.3%"."""
    if is_undefined(value):
        return UNDEFINED
    return f"{value * 100:.{digits}f}%"


def signed_percent(value: float | None, digits: int = 1) -> str:
    """A relative change with its sign: 0.045 → "+4.5%"."""
    if is_undefined(value):
        return UNDEFINED
    return f"{_signed(value * 100, digits)}%"


def points(value: float | None, digits: int = 1) -> str:
    """A difference of two fractions in percentage points: 0.012 → "+1.2 pt"; 0.0001 → "0.0 pt"."""
    if is_undefined(value):
        return UNDEFINED
    return f"{_signed(value * 100, digits)} pt"


def _signed(value: float, digits: int) -> str:
    """With a sign, except for a value that rounds to zero (never "-0.0")."""
    if round(value, digits) == 0:
        return f"{0:.{digits}f}"
    return f"{value:+,.{digits}f}"


def count(value: float | None) -> str:
    if is_undefined(value):
        return UNDEFINED
    return f"{value:,.0f}"


def ratio(value: float | None, digits: int = 2) -> str:
    if is_undefined(value):
        return UNDEFINED
    return f"{value:,.{digits}f}"


def format_kpi(name: str, value: object, lang: str, currency: str = "JPY") -> str:
    """A KPI value as its card shows it."""
    kind = KPI_KINDS[name]
    if is_undefined(value):
        return UNDEFINED
    if kind == "money":
        return money_compact(value, lang, currency) if name in _COMPACT_MONEY_KPIS else money(value, currency)
    if kind == "rate":
        return percent(value)
    if kind == "count":
        return count(value)
    if kind == "ratio":
        return ratio(value)
    return str(value)


def format_kpi_change(name: str, current: object, previous: object, lang: str, currency: str = "JPY") -> str:
    """The change of a KPI since the comparison period: rates in points, money in its currency."""
    kind = KPI_KINDS[name]
    if kind == "month" or is_undefined(current) or is_undefined(previous):
        return UNDEFINED
    change = current - previous
    if kind == "rate":
        return points(change)
    if kind == "money":
        compact = name in _COMPACT_MONEY_KPIS
        text = money_compact(change, lang, currency) if compact else money(change, currency)
        return text if text.startswith("-") or round(change) == 0 else "+" + text
    if kind == "count":
        return _signed(change, 0)
    return _signed(change, 2)


# --- chart amounts --------------------------------------------------------------
# Charts label amounts in one unit system per language, on axes, bars and tooltips
# alike: Japanese 万 / 億 / 兆, English K / M / B. Unlike `money_compact` (KPI cards),
# English has K for thousands, and Japanese keeps one decimal below 10万 ("¥1.2万",
# not "¥1万") so that small movements keep two significant figures; both drop the
# decimal where it would make a fourth figure ("¥236K", not "¥236.3K").
# Smallest first; (from, divisor, suffix, decimals): a row applies from `from` on,
# less the half-unit by which the row before rounds up into it (9,999.6万 → ¥1.00億).
_CHART_UNITS = {
    "ja": ((1.0, 1.0, "", 0), (1e4, 1e4, "万", 1), (1e5, 1e4, "万", 0), (1e8, 1e8, "億", 2), (1e12, 1e12, "兆", 2)),
    "en": ((1.0, 1.0, "", 0), (1e3, 1e3, "K", 1), (1e5, 1e3, "K", 0), (1e6, 1e6, "M", 1), (1e9, 1e9, "B", 2)),
}


def _chart_unit_thresholds(lang: str) -> list[tuple[float, float, str, int]]:
    """(threshold, divisor, suffix, decimals) per unit, largest first."""
    units = _CHART_UNITS[lang]
    rows = [(0.0, *units[0][1:])]
    for previous, unit in zip(units, units[1:], strict=False):
        _, divisor, _, decimals = previous
        rows.append((unit[0] - 0.5 * divisor * 10.0**-decimals, *unit[1:]))
    return rows[::-1]


def money_in_units(value: float | None, lang: str, currency: str = "JPY") -> str:
    """An amount in the chart's unit system: "¥1.23億", "¥4,567万", "¥1.2万" (ja); "¥13.4M", "¥71.2K" (en).

    Amounts below the smallest unit are exact ("¥950"); a negative amount has a
    leading "-". `money_in_units_expr` formats the same way inside Vega-Lite.
    """
    if is_undefined(value):
        return UNDEFINED
    magnitude = abs(value)
    sign = "-" if value < 0 and round(magnitude) > 0 else ""
    for threshold, divisor, suffix, decimals in _chart_unit_thresholds(lang):
        if magnitude >= threshold:
            return f"{sign}{currency_symbol(currency)}{magnitude / divisor:,.{decimals}f}{suffix}"
    raise AssertionError("unreachable: the last threshold is 0")


def signed_money_in_units(value: float | None, lang: str, currency: str = "JPY") -> str:
    """A change in the chart's unit system, with "+" for increases: "+¥1.2万", "-¥3,400万", "¥0"."""
    text = money_in_units(value, lang, currency)
    if text == UNDEFINED or text.startswith("-") or round(abs(value)) == 0:
        return text
    return "+" + text


def money_in_units_expr(
    lang: str, currency: str = "JPY", value: str = "datum.value", *, with_symbol: bool = True
) -> str:
    """A Vega expression that formats the number `value` as `money_in_units` does (for an axis labelExpr).

    Without the currency symbol ("4,000万") where the axis title names the currency and space is short.
    """
    symbol = currency_symbol(currency).replace("\\", "\\\\").replace("'", "\\'") if with_symbol else ""
    magnitude = f"abs({value})"
    body = ""
    for threshold, divisor, suffix, decimals in _chart_unit_thresholds(lang)[:-1]:
        scaled = f"format({magnitude} / {divisor:.10g}, ',.{decimals}f')"
        body += f"{magnitude} >= {threshold:.10g} ? {scaled} + '{suffix}' : "
    body += f"format({magnitude}, ',.0f')"
    return f"(round({magnitude}) > 0 && {value} < 0 ? '-' : '') + '{symbol}' + ({body})"


def describe_filters(filters: Filters, lang: str) -> str:
    """The active filters in words: "セグメント: Enterprise, SMB / 地域: Kanto"."""
    parts = [
        f"{t(f'dimension.{field.name}', lang)}: {', '.join(getattr(filters, field.name))}"
        for field in fields(filters)
        if getattr(filters, field.name)
    ]
    return " / ".join(parts)
