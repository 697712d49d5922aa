"""Overview / 経営サマリー: honest KPI cards, a summary, the MRR waterfall, GRR and NRR side by side."""

import functools

import streamlit as st

from cs_lib.app import widgets
from cs_lib.app.board_pack import MIME_TYPES, board_pack_bytes  # issue 11
from cs_lib.app.queries import query_many
from cs_lib.app.view import current_view
from cs_lib.app.warehouse_choice import current_warehouse  # issue 11: the session's warehouse
from cs_lib.metrics import kpis
from cs_lib.metrics.comparison import compare_kpis
from cs_lib.present import charts
from cs_lib.present.cards import kpi_card
from cs_lib.present.i18n import t
from cs_lib.present.summary import plain_summary
from cs_lib.present.tables import MOVEMENT_TABLE, RETENTION_TABLE

CARD_KPIS = ("arr", "nrr_ttm", "grr_ttm", "logo_churn_rate_month", "upsell_rate_ttm", "arpa", "ltv")

view = current_view()
lang, as_of, filters, settings = view.lang, view.as_of, view.filters, view.settings
currency, lag = settings.currency, view.comparison_lag_months
theme = st.context.theme.type or "light"

st.title(t("page.overview", lang))
widgets.filter_caption(filters, lang)

# --- the engine's answers, fetched side by side -----------------------------------
(current, previous), changes, movements, trend = query_many(
    (kpis.kpis_with_comparison, as_of, lag, filters, settings),
    (compare_kpis, CARD_KPIS, as_of, lag, filters),
    (kpis.mrr_movements, as_of, filters),
    (kpis.retention_trend, as_of, filters),  # trailing twelve months, as labelled
)

# --- KPI cards ------------------------------------------------------------------
widgets.kpi_cards([
    kpi_card(name, current, previous, lang, currency, changes.get(name), settings.target_for(name, filters.segment))
    for name in CARD_KPIS
])

# --- summary --------------------------------------------------------------------
st.subheader(t("overview.summary_header", lang))
st.markdown(plain_summary(current, previous, lang, currency, changes))

# --- MRR waterfall --------------------------------------------------------------
st.subheader(t("overview.waterfall_header", lang), help=t("definition.mrr_movements", lang))
months = list(movements["month"])[::-1]
month = st.selectbox(t("overview.waterfall_month", lang), months, index=0, width=200)
widgets.vega_chart(charts.mrr_waterfall_spec(movements, month, lang, currency, theme))
widgets.chart_data(movements, MOVEMENT_TABLE, lang, currency, f"mrr_movements_{as_of}.csv", key="movements_data")

# --- GRR and NRR side by side ---------------------------------------------------
st.subheader(
    t("overview.trend_header", lang),
    help=f"{t('definition.grr_ttm', lang)}\n\n{t('definition.nrr_ttm', lang)}",
)
if charts.has_retention_points(trend):
    st.markdown(f":small[{t('overview.trend_caption', lang)}]")
    grr_spec, nrr_spec = charts.retention_trend_specs(trend, lang, theme)
    left, right = st.columns(2)
    widgets.vega_chart(grr_spec, left)
    widgets.vega_chart(nrr_spec, right)
else:
    st.info(t("overview.trend_empty", lang))
widgets.chart_data(trend, RETENTION_TABLE, lang, currency, f"retention_trend_{as_of}.csv", key="trend_data")

# --- Board pack (issue 11): the current view as a PDF or PowerPoint deck ---------------------
st.subheader(t("board.title", lang), help=t("board.download_help", lang))
pdf_column, pptx_column = st.columns(2)
for column, file_format in ((pdf_column, "pdf"), (pptx_column, "pptx")):
    column.download_button(
        t(f"board.download_{file_format}", lang),
        data=functools.partial(board_pack_bytes, current_warehouse(), file_format, lang, as_of, filters, lag),
        file_name=f"board_pack_{as_of}_{lang}.{file_format}", mime=MIME_TYPES[file_format],
        key=f"board_pack_{file_format}", on_click="ignore", icon=":material/download:",
    )
