"""Shared widgets: KPI cards, data tables and CSV downloads, drawn the same way on every page."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

from cs_lib.present.cards import KpiCard
from cs_lib.present.i18n import t
from cs_lib.present.tables import ColumnSpec, csv_bytes, display_table

CARDS_PER_ROW = 4


def kpi_cards(cards: Sequence[KpiCard], per_row: int = CARDS_PER_ROW) -> None:
    """Cards in rows of `per_row` (so large amounts are never cut off): value, change and verdict,
    then the accounts behind it and the target."""
    for row_start in range(0, len(cards), per_row):
        row = cards[row_start : row_start + per_row]
        for column, card in zip(st.columns(per_row), row, strict=False):
            box = column.container(border=True)
            box.metric(
                card.label,
                card.value,
                card.delta,
                delta_color=card.delta_color,
                delta_arrow=card.delta_arrow,
                delta_description=card.delta_description,
                help=card.help,
            )
            # Small text at full contrast (Streamlit's captions are too faint on white for a board room).
            if card.verdict:
                box.markdown(f":small[**{card.verdict}**]")
            basis = " · ".join(part for part in (card.basis, card.target) if part)
            if basis:
                box.markdown(f":small[{basis}]")


def data_table(frame: pd.DataFrame, spec: ColumnSpec, lang: str, currency: str = "JPY") -> None:
    st.dataframe(display_table(frame, spec, lang, currency), hide_index=True)


def chart_data(frame: pd.DataFrame, spec: ColumnSpec, lang: str, currency: str, file_name: str, key: str) -> None:
    """A chart's data under it: an expander with the formatted table and its CSV download.

    Drawn only while the expander is open, so a filter change does not pay for
    formatting tables nobody is looking at.
    """
    with st.expander(t("overview.data_expander", lang), key=key, on_change="rerun") as box:
        if box.open:
            data_table(frame, spec, lang, currency)
            download_csv(frame, file_name, lang, key=f"{key}_download")


def download_csv(frame: pd.DataFrame, file_name: str, lang: str, key: str) -> None:
    """A download button for a chart's data (see `present.tables.csv_bytes`)."""
    st.download_button(
        t("overview.download_csv", lang),
        csv_bytes(frame),
        file_name=file_name,
        mime="text/csv",
        key=key,
        on_click="ignore",
        icon=":material/download:",
    )
