"""The Journey page's stage editor: the stored definitions in an editable table, saved all or nothing.

Saving writes a copy of the session's warehouse and swaps it in (cs_lib.warehouse_swap), so every
reader sees the old stages or all the new ones; the swapped file's modification time gives every
cached answer a new key.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from cs_lib.app.warehouse_choice import current_warehouse
from cs_lib.metrics.journey_stages import EDITABLE_COLUMNS, save_stages
from cs_lib.present.i18n import t

EDITOR_KEY = "journey_stage_editor"
_SAVED_KEY = "_journey_stages_saved"


def stage_editor(stages: pd.DataFrame, lang: str) -> None:
    """An expander with the definitions as an editable table (rows may be added or removed) and Save."""
    with st.expander(t("journey.edit_stages", lang), key="journey_edit_expander", on_change="rerun") as box:
        if st.session_state.pop(_SAVED_KEY, False):
            st.success(t("journey.stages_saved", lang))
        if not box.open:
            return
        edited = st.data_editor(
            stages[list(EDITABLE_COLUMNS)].astype(object), key=EDITOR_KEY, num_rows="dynamic", hide_index=True,
            column_config={column: t(f"journey.column.{column}", lang) for column in EDITABLE_COLUMNS},
        )
        if st.button(t("journey.save_stages", lang), key="journey_save_stages", icon=":material/save:"):
            problems = save_stages(current_warehouse(), pd.DataFrame(edited))
            for problem in problems:
                st.error(problem)
            if not problems:  # draw the page again from the new definitions
                st.session_state[_SAVED_KEY] = True
                st.session_state.pop(EDITOR_KEY, None)
                st.rerun()
