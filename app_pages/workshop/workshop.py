"""Workshop / ワークショップ (facilitator): open a workshop, share its join link, watch the room's
answers arrive live, close it to record them as maturity assessments, export the result."""

from urllib.parse import urlsplit

import streamlit as st

from cs_lib.app import widgets
from cs_lib.app.view import current_view, dimension_values
from cs_lib.app.warehouse_choice import current_warehouse
from cs_lib.app.workshop import close_and_record, workshop_store_or_stop
from cs_lib.present import workshop as words
from cs_lib.present.charts.maturity import workshop_distribution_spec
from cs_lib.present.i18n import t
from cs_lib.schema import DEPARTMENTS
from cs_lib.workshop.export import answers_table, summary_markdown
from cs_lib.workshop.results import comments, department_results, participant_count
from cs_lib.workshop.store import LEVELS, WorkshopError

SELECTED_KEY = "workshop"
LIVE_SECONDS = 2

view = current_view()
lang, settings = view.lang, view.settings
threshold = settings.maturity_high_spread
store = workshop_store_or_stop(lang)

st.title(t("page.workshop", lang))
st.write(t("workshop.intro", lang))

# --- open a workshop --------------------------------------------------------------------
workshops = store.workshops()
with st.expander(t("workshop.open_header", lang), expanded=not workshops):
    with st.form("open_workshop"):
        title = st.text_input(t("workshop.title", lang), max_chars=120, key="workshop_title")
        unit = st.selectbox(t("workshop.business_unit", lang), dimension_values("business_unit"), key="workshop_unit")
        scored = st.multiselect(t("workshop.departments", lang), DEPARTMENTS, default=list(DEPARTMENTS),
                                format_func=lambda name: t(f"department.{name}", lang), key="workshop_departments")
        target = st.select_slider(t("workshop.target_level", lang), LEVELS, value=3, key="workshop_target")
        opened = st.form_submit_button(t("workshop.open_button", lang), type="primary")
    if opened:
        try:
            new = store.open_workshop(title, unit or "", scored, target, str(current_warehouse()))
        except WorkshopError as error:
            st.error(str(error))
        else:
            st.query_params[SELECTED_KEY] = new.code
            st.rerun()

if not workshops:
    st.info(t("workshop.none_yet", lang))
    st.stop()

codes = [workshop.code for workshop in workshops]
asked = st.query_params.get(SELECTED_KEY)
code = st.selectbox(t("workshop.choose", lang), codes, index=codes.index(asked) if asked in codes else 0,
                    format_func=lambda c: words.workshop_option(store.workshop(c), lang), key="workshop_choice")
st.query_params[SELECTED_KEY] = code
workshop = store.workshop(code)

# --- join link ----------------------------------------------------------------------------
base = urlsplit(st.context.url or "")
origin = f"{base.scheme}://{base.netloc}" if base.netloc else ""
left, right = st.columns([1, 3])
left.metric(t("workshop.join_code", lang), workshop.code)
right.markdown(f"**{t('workshop.join_url', lang)}**")
right.code(f"{origin}/join?code={workshop.code}&lang={lang}", language=None)
st.caption(t("workshop.join_note", lang))


# --- the room, live ------------------------------------------------------------------------
@st.fragment(run_every=LIVE_SECONDS)
def live_room() -> None:
    current = store.workshop(code)
    answers = store.latest_answers(code)
    results = department_results(answers, current, threshold)
    definition = t("workshop.definition", lang).format(threshold=f"{threshold:g}")
    st.subheader(t("workshop.live_header", lang), help=definition)
    first, second, third = st.columns(3)
    first.metric(t("workshop.participants", lang), participant_count(answers))
    second.metric(t("workshop.target", lang), t(f"maturity.level.{current.target_level}", lang))
    third.metric(t("workshop.status", lang), words.status(current, lang))
    if answers.empty:
        st.info(t("workshop.no_answers", lang))
        return
    widgets.vega_chart(workshop_distribution_spec(results, lang, st.context.theme.type or "light"))
    widgets.data_table(words.results_table(results, lang), words.RESULTS_TABLE, lang)
    remarks = comments(answers)
    if remarks:
        st.markdown(f"**{t('workshop.comments', lang)}**")
        st.markdown("\n".join(f"- {words.quoted(text)}" for text in remarks))


live_room()

# --- close, record, export ---------------------------------------------------------------------
if workshop.is_open or workshop.recorded_at is None:
    label = "workshop.close_button" if workshop.is_open else "workshop.record_button"
    if not workshop.is_open:
        st.warning(t("workshop.not_recorded", lang))
    if st.button(t(label, lang), type="primary", key="close_workshop"):
        try:
            closed = close_and_record(code)
        except Exception as error:  # noqa: BLE001 - shown to the facilitator, who can try again
            st.error(t("workshop.record_failed", lang).format(error=error))
        else:
            day = closed.workshop.closed_on
            st.success(t("workshop.closed_done", lang).format(participants=closed.assessments, day=day,
                                                              month=day.strftime("%Y-%m")))
left, right = st.columns(2)
with left:
    widgets.download_csv(answers_table(store, workshop), f"workshop_{code}.csv", lang, key="workshop_csv")
right.download_button(
    t("workshop.download_summary", lang), summary_markdown(store, workshop, threshold, lang).encode("utf-8"),
    file_name=f"workshop_{code}.md", mime="text/markdown", key="workshop_summary", on_click="ignore",
    icon=":material/description:",
)
