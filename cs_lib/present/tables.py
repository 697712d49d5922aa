"""Data tables as people read them, and CSV files that are safe to open in a spreadsheet.

A table under a chart shows translated headers, formatted money and
percentages, "–" for undefined values and the newest month first; the
numbers underneath stay numbers, so the table still sorts correctly. The CSV
download keeps the machine names and raw numbers (it is data), but any text
cell that a spreadsheet would run as a formula is escaped.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
from pandas.io.formats.style import Styler

from cs_lib.present.formatting import UNDEFINED, count, is_undefined, money, percent, ratio
from cs_lib.present.i18n import t

# Column kind → how a value reads. Kinds: "month", "money", "rate", "count", "score", "ratio", and the
# marks and levels of EXTRA_KINDS.
ColumnSpec = dict[str, tuple[str, str]]  # column → (translation key of its header, kind)

MOVEMENT_TABLE: ColumnSpec = {
    "month": ("table.month", "month"),
    "mrr": ("table.mrr_end", "money"),
    "new": ("movement.new", "money"),
    "reactivation": ("movement.reactivation", "money"),
    "expansion": ("movement.expansion", "money"),
    "contraction": ("movement.contraction", "money"),
    "churn": ("movement.churn", "money"),
}
RETENTION_TABLE: ColumnSpec = {
    "month": ("table.month", "month"),
    "accounts_start": ("table.accounts_start", "count"),
    "grr": ("kpi.grr_ttm", "rate"),
    "nrr": ("kpi.nrr_ttm", "rate"),
    "logo_retention": ("kpi.logo_retention_ttm", "rate"),
    "upsell_rate": ("kpi.upsell_rate_ttm", "rate"),
    "expansion_rate": ("kpi.expansion_rate_ttm", "rate"),
    "cross_sell_rate": ("kpi.cross_sell_rate_ttm", "rate"),
}
# --- Maturity & culture and workshop tables (issue 10) ---
# A maturity level or a spread (mean of levels 1–4): two decimals; a flag: ◆ when true.
EXTRA_KINDS: dict[str, Callable[[object], str]] = {
    "level": lambda value: ratio(value, 2),
    "flag": lambda value: "✓" if value is True or value == 1 else "",  # yes (a booked renewal, …)
    "warning": lambda value: "⚠" if value is True or value == 1 else "",  # a caution (low confidence)
    "disagreement": lambda value: "◆" if value is True or value == 1 else "",  # the room disagrees
    "weak": lambda value: "⚠ <30" if value is True or value == 1 else "",
}
# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


#: A table on screen shows at most this many rows (a browser cannot usefully show 70,000 accounts, and
#: pandas' Styler refuses more than 262,144 cells); the CSV download always has every row.
MAX_TABLE_ROWS = 2000


def display_table(frame: pd.DataFrame, spec: ColumnSpec, lang: str, currency: str = "JPY") -> Styler:
    """The frame's `spec` columns, newest month first, with translated headers and formatted cells;
    the first MAX_TABLE_ROWS rows (`truncation_note` says so when there are more)."""
    shown = frame[list(spec)]
    if "month" in spec:
        shown = shown.sort_values("month", ascending=False)
    shown = shown.head(MAX_TABLE_ROWS)
    headers = {column: t(key, lang) for column, (key, _) in spec.items()}
    shown = shown.rename(columns=headers).reset_index(drop=True)
    formatters = {headers[column]: _formatter(kind, currency) for column, (_, kind) in spec.items()}
    return shown.style.format(formatters, na_rep=UNDEFINED)


def truncation_note(frame: pd.DataFrame, lang: str) -> str | None:
    """"Showing the first 2,000 of 70,123 rows …" when `display_table` leaves rows out, else None."""
    if len(frame) <= MAX_TABLE_ROWS:
        return None
    return t("table.truncated", lang).format(shown=f"{MAX_TABLE_ROWS:,}", total=f"{len(frame):,}")


def _formatter(kind: str, currency: str) -> Callable[[object], str]:
    if kind == "money":
        return lambda value: money(value, currency)
    if kind == "rate":
        return percent
    if kind == "count":
        return count
    # --- health, risk and journey tables (issue 9) ---
    if kind == "score":  # a 0–100 health score or component
        return lambda value: UNDEFINED if is_undefined(value) else f"{value:.1f}"
    if kind == "ratio":  # e.g. an AUC
        return lambda value: UNDEFINED if is_undefined(value) else f"{value:.3f}"
    if kind in EXTRA_KINDS:  # yes/no marks and the Maturity page's kinds
        return EXTRA_KINDS[kind]
    return lambda value: UNDEFINED if value is None else str(value)


def escape_formula(value: object) -> object:
    """Text that a spreadsheet would evaluate gets a leading apostrophe; anything else is unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 with a BOM (so Excel reads Japanese correctly), formula-looking text escaped."""
    safe = frame.copy()
    for column in safe.columns:
        if not pd.api.types.is_numeric_dtype(safe[column]):
            safe[column] = safe[column].map(escape_formula)
    safe.columns = [escape_formula(str(column)) for column in safe.columns]
    return safe.to_csv(index=False).encode("utf-8-sig")
