"""Shared widgets: KPI cards, data tables and CSV downloads, drawn the same way on every page."""

from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd
import pyarrow as pa
import streamlit as st

from cs_lib.filters import Filters
from cs_lib.present.cards import KpiCard
from cs_lib.present.formatting import describe_filters
from cs_lib.present.i18n import t
from cs_lib.present.tables import ColumnSpec, csv_bytes, display_table, truncation_note

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


def filter_caption(filters: Filters, lang: str) -> None:
    """The line under a page title saying what the page shows: the filters, or all accounts.

    Always drawn, filtered or not, so the elements below keep their places and a filter change
    swaps the rows of the drawn charts instead of building them anew in the browser.
    """
    if filters.is_empty():
        st.caption(t("overview.unfiltered_caption", lang))
    else:
        st.caption(t("overview.filtered_caption", lang).format(filters=describe_filters(filters, lang)))


def vega_chart(spec: dict, container=st) -> None:
    """Draw a Vega-Lite dict from `cs_lib.present.charts` at the container's width.

    Streamlit turns inline `data.values` into a DataFrame and then into Arrow on every run
    (~5 ms a chart); a named dataset that is already Arrow bytes it passes through as it is.
    So the rows go over as Arrow, built straight from the row dicts (undefined numbers as
    null, as the DataFrame path would send them). Nested layers keep their inline data.
    """
    data = spec.get("data")
    if isinstance(data, dict) and isinstance(data.get("values"), list) and data["values"]:
        spec = {**spec, "data": {"name": "rows"}, "datasets": {"rows": _arrow_bytes(data["values"])}}
    container.vega_lite_chart(spec, width="stretch")


def _arrow_bytes(rows: list[dict]) -> bytes:
    clean = [
        {key: None if isinstance(value, float) and math.isnan(value) else value for key, value in row.items()}
        for row in rows
    ]
    table = pa.Table.from_pylist(clean)
    sink = pa.BufferOutputStream()
    with pa.RecordBatchStreamWriter(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.getvalue().to_pybytes()


def data_table(frame: pd.DataFrame, spec: ColumnSpec, lang: str, currency: str = "JPY") -> None:
    st.dataframe(display_table(frame, spec, lang, currency), hide_index=True)
    note = truncation_note(frame, lang)
    if note:
        st.caption(note)


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
    """A download button for a chart's data (see `present.tables.csv_bytes`).

    The file is written when the button is clicked, not on every run: a list of 70,000 accounts
    takes over a second to write, and most runs never download it.
    """
    st.download_button(
        t("overview.download_csv", lang),
        lambda: csv_bytes(frame),
        file_name=file_name,
        mime="text/csv",
        key=key,
        on_click="ignore",
        icon=":material/download:",
    )
