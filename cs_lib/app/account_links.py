"""Tables that list accounts: selecting a row opens the account view with `?account=ID` in the URL,
keeping the language, as-of month and filters of the current view."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from cs_lib.present.tables import ColumnSpec, display_table, truncation_note

ACCOUNT_PAGE = "app_pages/account/account.py"
ACCOUNT_KEY = "account"


def account_table(frame: pd.DataFrame, spec: ColumnSpec, lang: str, currency: str, key: str) -> None:
    """The formatted table; a selected row switches to the account view of its `account_id`."""
    event = st.dataframe(
        display_table(frame.reset_index(drop=True), spec, lang, currency), hide_index=True, key=key,
        on_select="rerun", selection_mode="single-row",
    )
    note = truncation_note(frame, lang)
    if note:
        st.caption(note)
    selected = event.selection.rows if event is not None else []
    if selected:
        open_account(str(frame.reset_index(drop=True).iloc[selected[0]]["account_id"]))


def open_account(account_id: str) -> None:
    params = {name: st.query_params.get_all(name) for name in st.query_params if name != ACCOUNT_KEY}
    st.switch_page(ACCOUNT_PAGE, query_params={**params, ACCOUNT_KEY: account_id})
