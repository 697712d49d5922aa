"""The workshop store of the app's warehouse, one per process, and closing from the page.

One read-write connection to `<warehouse>.workshop.duckdb` of the server's configured warehouse is
held for the server's life (`st.cache_resource`): every session, facilitator and participants alike
(who never choose a warehouse), writes through its cursors, which is what keeps concurrent answers
safe (see `cs_lib.workshop.store`). Each workshop remembers the warehouse the facilitator had open,
and closing records into that one.
"""

from __future__ import annotations

import streamlit as st

from cs_lib.present.i18n import t
from cs_lib.warehouse import warehouse_path
from cs_lib.workshop.close import ClosedWorkshop, close_workshop
from cs_lib.workshop.store import WorkshopError, WorkshopStore, workshop_path


@st.cache_resource(on_release=lambda store: store.close())
def _store(path: str) -> WorkshopStore:
    return WorkshopStore(path)


def workshop_store() -> WorkshopStore:
    """The store of this server's warehouse. Raises WorkshopError when another process (a second app
    on the same warehouse, or `workshop export`) holds the workshop file; the next call tries again."""
    return _store(str(workshop_path(warehouse_path())))


def workshop_store_or_stop(lang: str) -> WorkshopStore:
    """The store, or the page stops with a message saying why it cannot be opened."""
    try:
        return workshop_store()
    except WorkshopError as error:
        st.error(t("workshop.store_busy", lang).format(error=error), icon=":material/lock:")
        st.stop()


def close_and_record(code: str) -> ClosedWorkshop:
    """Close the workshop and record its answers in the warehouse it was opened for (the facilitator's
    warehouse then), while the app keeps reading: the importer writes a copy and swaps it in."""
    store = workshop_store()
    workshop = store.workshop(code)
    target = workshop.warehouse if workshop is not None and workshop.warehouse else warehouse_path()
    return close_workshop(store, code, target)
