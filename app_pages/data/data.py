"""Data / データ: bring the company's files in, see what they hold, choose the warehouse, edit settings."""

import streamlit as st

from cs_lib.app import widgets
from cs_lib.app.data_import import checked_report, commit, mapping_editor, saved_uploads
from cs_lib.app.queries import query
from cs_lib.app.settings_editor import settings_form
from cs_lib.app.view import current_view
from cs_lib.app.warehouse_choice import (
    NotAWarehouse,
    available_warehouses,
    choose_warehouse,
    current_warehouse,
    new_warehouse_path,
)
from cs_lib.present.data_tables import (
    dark_page_notes,
    missing_frame,
    preview_frame,
    problems_frame,
    quality_frame,
)
from cs_lib.present.i18n import t
from cs_lib.quality import missing_values, quality_report

view = current_view()
lang = view.lang
warehouse = current_warehouse()

st.title(t("page.data", lang))
quality = query(quality_report)
rows = dict(zip(quality["table"], quality["rows"], strict=True))
st.caption(t("data.intro", lang).format(name=warehouse.name))
st.markdown(t("data.holds", lang).format(accounts=rows["accounts"], subscriptions=rows["subscriptions"],
                                         usage=rows["usage"]))
import_tab, quality_tab, warehouse_tab, settings_tab = st.tabs(
    [t("data.tab_import", lang), t("data.tab_quality", lang), t("data.tab_warehouse", lang),
     t("data.tab_settings", lang)]
)

# --- import: upload, preview, report, mapping, commit ------------------------------------
with import_tab:
    uploads = st.file_uploader(
        t("data.upload", lang), type=["csv", "xlsx", "parquet"], accept_multiple_files=True,
        key="data_upload", help=t("data.upload_help", lang),
    )
    into_new = st.toggle(t("data.into_new", lang), key="data_into_new")
    target = warehouse
    if into_new:
        name = st.text_input(t("data.new_name", lang), key="data_new_name", placeholder="company")
        try:
            target = new_warehouse_path(name) if name else None
        except NotAWarehouse:
            st.error(t("data.new_name_invalid", lang))
            target = None
    if uploads and target is not None:
        paths = saved_uploads(uploads)
        with st.spinner(t("data.checking", lang)):
            report = checked_report(paths, target)
        st.subheader(t("data.preview_header", lang))
        st.dataframe(preview_frame(report.sources, lang), hide_index=True)
        mapping_editor(report.sources, lang)
        for warning in report.warnings:
            st.warning(warning, icon=":material/info:")
        if report.ok:
            st.success(t("data.report_clean", lang).format(rows=sum(report.rows_by_table.values())),
                       icon=":material/task_alt:")
        else:
            count = len(report.errors)
            message = t("data.report_problem", lang) if count == 1 else t("data.report_problems", lang)
            st.error(message.format(count=count), icon=":material/error:")
            st.dataframe(problems_frame(report.errors, lang), hide_index=True)
        if st.button(t("data.commit", lang), type="primary", disabled=not report.ok, key="data_commit"):
            result = commit(paths, target, lang)
            if result.ok:
                choose_warehouse(target)
                st.success(t("data.committed", lang).format(target=target.name), icon=":material/check_circle:")
            else:
                st.dataframe(problems_frame(result.errors, lang), hide_index=True)

# --- quality report ----------------------------------------------------------------------
with quality_tab:
    st.subheader(t("data.quality_header", lang), help=t("data.quality_help", lang))
    st.dataframe(quality_frame(quality, lang), hide_index=True)
    widgets.download_csv(quality, f"quality_{warehouse.stem}.csv", lang, key="quality_download")
    for note in dark_page_notes(quality, lang):
        st.info(note, icon=":material/lightbulb:")
    st.subheader(t("data.missing_header", lang))
    st.dataframe(missing_frame(query(missing_values), lang), hide_index=True)

# --- warehouse switch --------------------------------------------------------------------
with warehouse_tab:
    options = [str(path) for path in available_warehouses()]
    chosen = st.selectbox(t("data.warehouse_choose", lang), options, index=options.index(str(warehouse))
                          if str(warehouse) in options else 0, key="data_warehouse")
    typed_path = st.text_input(t("data.warehouse_path", lang), key="data_warehouse_path",
                               placeholder="/path/to/company.duckdb")
    if st.button(t("data.warehouse_switch", lang), key="data_warehouse_switch"):
        try:
            choose_warehouse(typed_path or chosen)
            st.rerun()
        except NotAWarehouse as error:
            st.error(t("data.warehouse_invalid", lang).format(path=error))

# --- settings ----------------------------------------------------------------------------
with settings_tab:
    st.caption(t("data.settings_intro", lang))
    settings_form(view.settings, warehouse, lang)
