"""The Data page's settings editor: every setting in one form, checked, stored in the warehouse.

The list of keys comes from `cs_lib.settings.editable_settings`, so a setting
another part of the product adds appears here without touching this module.
A save checks every edited value first (one bad value changes nothing) and
writes through the copy-and-swap, so every page and every session uses the new
values on its next run.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from cs_lib.months import MonthError
from cs_lib.present.i18n import t
from cs_lib.settings import SettingError, Settings, changed_assignments, editable_settings, store_settings
from cs_lib.warehouse import WarehouseError

SAVED_KEY = "_settings_saved"


def settings_form(settings: Settings, target: Path, lang: str) -> None:
    """A form with one text field per setting and a box for new `KEY=VALUE` lines (targets)."""
    current = editable_settings(settings)
    if st.session_state.pop(SAVED_KEY, None):
        st.success(t("data.settings_saved", lang), icon=":material/check_circle:")
    with st.form("settings_form"):
        edited = {}
        columns = st.columns(2)
        for index, (key, value) in enumerate(current.items()):
            edited[key] = columns[index % 2].text_input(
                key, "" if value is None else str(value), key=f"setting_{key}",
                help=t("data.settings_field_help", lang),
            )
        extra = st.text_area(t("data.settings_more", lang), key="settings_more",
                             placeholder="target.nrr_ttm=105%\ntarget.grr_ttm.Enterprise=0.95")
        submitted = st.form_submit_button(t("data.settings_save", lang), type="primary")
    if not submitted:
        return
    assignments = changed_assignments(current, edited)
    assignments += [line.strip() for line in extra.splitlines() if line.strip()]
    if not assignments:
        st.info(t("data.settings_nothing", lang))
        return
    try:
        store_settings(target, assignments)
    except (SettingError, MonthError, WarehouseError) as error:
        st.error(t("data.settings_refused", lang).format(error=error), icon=":material/block:")
        return
    st.session_state[SAVED_KEY] = True
    for key in [k for k in st.session_state if str(k).startswith("setting_") or k == "settings_more"]:
        del st.session_state[key]  # the fields show the stored values (e.g. 80% as 0.8) after the save
    st.rerun()
