"""Segments / セグメント: any KPI by any dimension, with its accounts and 95 % interval; two dimensions as a heatmap."""

import streamlit as st

from cs_lib.app import widgets
from cs_lib.app.queries import query_many
from cs_lib.app.view import current_view
from cs_lib.metrics import segments
from cs_lib.present import retention_growth as present
from cs_lib.present.charts.grids import segment_heatmap_spec, segment_intervals_spec
from cs_lib.present.i18n import t

view = current_view()
lang, as_of, filters, settings = view.lang, view.as_of, view.filters, view.settings
currency = settings.currency
theme = st.context.theme.type or "light"

st.title(t("page.segments", lang))
widgets.filter_caption(filters, lang)

left, right = st.columns(2)
kpi = left.selectbox(t("segments.kpi", lang), list(segments.SEGMENT_KPIS), key="segment_kpi",
                     format_func=lambda name: t(f"kpi.{name}", lang))
by = right.selectbox(t("segments.dimension", lang), list(segments.SEGMENT_DIMENSIONS), key="segment_by",
                     format_func=lambda dimension: present.dimension_label(dimension, lang))

st.subheader(t("segments.one_header", lang).format(kpi=t(f"kpi.{kpi}", lang),
                                                     dimension=present.dimension_label(by, lang)),
             help=f"{t(f'definition.{kpi}', lang)}\n\n{t('segments.interval_help', lang)}")
# Both answers side by side; the second dimension is read from its widget's state (drawn further down).
second = st.session_state.get("segment_second", "tier")
two_dimensions = second is not None and second != by
calls = [(segments.kpi_by_dimension, kpi, by, as_of, filters, settings)]
if two_dimensions:
    calls.append((segments.kpi_by_two_dimensions, kpi, by, second, as_of, filters, settings))
answers = query_many(*calls)
frame = present.weak_labels(answers[0], lang)
if frame["kpi"].notna().any():
    widgets.vega_chart(segment_intervals_spec(frame, kpi, present.dimension_label(by, lang), lang, theme))
else:
    st.info(t("retention.empty", lang))
widgets.data_table(frame, present.SEGMENT_TABLE, lang, currency)
widgets.download_csv(frame.drop(columns=["weak_label"]), f"{kpi}_by_{by}_{as_of}.csv", lang, key="segment_download")

st.subheader(t("segments.two_header", lang), help=t("segments.two_help", lang))
second_options = [None, *segments.SEGMENT_DIMENSIONS]
second = st.selectbox(t("segments.second_dimension", lang), second_options, index=second_options.index("tier"),
                      key="segment_second", format_func=lambda dimension: t("segments.no_second", lang)
                      if dimension is None else present.dimension_label(dimension, lang))
if not two_dimensions:
    st.info(t("segments.pick_second", lang))
else:
    grid = present.weak_labels(answers[1], lang)
    if grid.empty or not grid["kpi"].notna().any():
        st.info(t("retention.empty", lang))
    else:
        widgets.vega_chart(segment_heatmap_spec(grid, kpi, present.dimension_label(by, lang),
                                                 present.dimension_label(second, lang), lang, theme))
    widgets.chart_data(grid, present.SEGMENT_GRID_TABLE, lang, currency, f"{kpi}_by_{by}_and_{second}_{as_of}.csv",
                       key="segment_grid_data")
