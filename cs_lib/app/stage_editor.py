"""The Journey page's stage editor: the stored definitions in an editable table, saved all or nothing.

The app reads through one cached read-only connection; DuckDB will not open the same file for
writing beside it in one process, so saving first releases that connection. The warehouse file's
modification time changes with the write, which gives every cached answer a new key.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from cs_lib.app import queries
from cs_lib.metrics.journey_stages import EDITABLE_COLUMNS, save_stages
from cs_lib.present.i18n import t
from cs_lib.warehouse import warehouse_path

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
            queries._connection.clear()  # release the read-only connection before writing
            problems = save_stages(warehouse_path(), pd.DataFrame(edited))
            queries.clear_cache()
            for problem in problems:
                st.error(problem)
            if not problems:  # draw the page again from the new definitions
                st.session_state[_SAVED_KEY] = True
                st.session_state.pop(EDITOR_KEY, None)
                st.rerun()
