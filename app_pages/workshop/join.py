"""The participant's form (hidden page, reached only with a join code): the levels per department,
an optional name and comment, submit. Nothing else: no sidebar, no menu, no customer data.

The participant's identity is a random token kept in the link (`?pid=`), so a reload keeps the
same participant and a second submission replaces the first until the workshop closes.
"""

import secrets

import streamlit as st

from cs_lib.app.access import JOIN_CODE_KEY, request_language
from cs_lib.app.workshop import workshop_store_or_stop
from cs_lib.present import workshop as words
from cs_lib.present.i18n import t
from cs_lib.workshop.store import LEVELS, WorkshopError, normalise_code

PARTICIPANT_KEY = "pid"
THANKS_KEY = "_join_thanks"

lang = request_language()
store = workshop_store_or_stop(lang)
code = normalise_code(st.query_params.get(JOIN_CODE_KEY, ""))
workshop = store.workshop(code) if code else None
if workshop is None:
    st.title(t("join.title", lang))
    st.error(t("join.bad_code", lang), icon=":material/block:")
    st.stop()

st.title(workshop.title)
st.caption(t("join.unit", lang).format(unit=workshop.business_unit))
if not workshop.is_open:
    st.info(t("join.closed", lang), icon=":material/lock:")
    st.stop()

participant = st.query_params.get(PARTICIPANT_KEY, "")[:64]
if not participant:
    participant = secrets.token_urlsafe(12)
    st.query_params[PARTICIPANT_KEY] = participant
current = store.participant_answer(workshop.code, participant)
if st.session_state.pop(THANKS_KEY, False):  # set by the submission that led to this run
    st.success(t("join.thanks", lang), icon=":material/check_circle:")
elif current:
    st.info(t("join.editing", lang), icon=":material/edit:")

st.write(t("join.instructions", lang))
with st.form("join_form"):
    chosen = {}
    for department in workshop.departments:
        known = current["levels"].get(department) if current else None
        chosen[department] = st.radio(
            t(f"department.{department}", lang), LEVELS, index=LEVELS.index(known) if known in LEVELS else None,
            format_func=lambda level: words.level_option(level, lang),
            key=f"level_{department}",
        )
    name = st.text_input(t("join.name", lang), value=current["respondent"] if current else "", max_chars=80,
                         key="join_name")
    comment = st.text_area(t("join.comment", lang), value=current["comment"] if current else "",
                           max_chars=1000, key="join_comment")
    submitted = st.form_submit_button(t("join.update" if current else "join.submit", lang), type="primary")

if submitted:
    try:
        store.submit(workshop.code, participant, {d: level for d, level in chosen.items() if level is not None},
                     comment, name)
    except WorkshopError as error:
        st.error(str(error))
    else:
        st.session_state[THANKS_KEY] = True
        st.rerun()  # the form now shows the stored answer and offers to update it
