"""The Workshop page's words and table (no Streamlit)."""

from __future__ import annotations

import pandas as pd

from cs_lib.present.i18n import t
from cs_lib.present.tables import ColumnSpec
from cs_lib.workshop.store import Workshop

RESULTS_TABLE: ColumnSpec = {
    "department_label": ("workshop.column.department", "text"),
    "answers": ("workshop.column.answers", "count"),
    "mean": ("workshop.column.mean", "level"),
    "spread": ("workshop.column.spread", "level"),
    "verdict_label": ("workshop.column.verdict", "text"),
    "gap": ("workshop.column.gap", "level"),
}


def workshop_option(workshop: Workshop, lang: str) -> str:
    return f"{workshop.title} · {workshop.business_unit} · {workshop.code} · {status(workshop, lang)}"


def status(workshop: Workshop, lang: str) -> str:
    if workshop.is_open:
        return t("workshop.open", lang)
    return t("workshop.closed_on", lang).format(day=workshop.closed_on)


def results_table(results: pd.DataFrame, lang: str) -> pd.DataFrame:
    return results.assign(
        department_label=[t(f"department.{name}", lang) for name in results["department"]],
        verdict_label=[t(f"workshop.verdict.{verdict}", lang) for verdict in results["verdict"]],
    )


def quoted(text: str) -> str:
    """A participant's comment as plain text in Markdown (nothing they type is rendered as markup)."""
    escaped = "".join(f"\\{char}" if char in "\\`*_{}[]()#+-.!|<>~$:" else char for char in text)
    return " ".join(escaped.split())


def level_option(level: int, lang: str) -> str:
    """A level as the form offers it: its name and its one-line description."""
    return f"{t(f'maturity.level.{level}', lang)} — {t(f'maturity.level_desc.{level}', lang)}"
