"""Overview / 経営サマリー: KPI cards, the MRR waterfall, GRR and NRR side by side, a summary."""

import streamlit as st

from cs_lib import app_state
from cs_lib.present import charts
from cs_lib.present.formatting import kpi_card
from cs_lib.present.i18n import t
from cs_lib.present.summary import plain_summary

CARD_KPIS = ("arr", "nrr_ttm", "grr_ttm", "logo_churn_rate_month", "upsell_rate_ttm", "arpa", "ltv")

view = app_state.current_view()
lang, as_of, filters, currency = view.lang, view.as_of, view.filters, view.settings.currency

st.title(t("page.overview", lang))
if not filters.is_empty():
    st.caption(t("overview.filtered_caption", lang).format(filters=app_state.describe_filters(filters, lang)))

current, previous = app_state.kpis_with_comparison(as_of, filters, view.settings.comparison_lag_months)

# --- KPI cards (two rows, so that large amounts are never cut off) -----------------
CARDS_PER_ROW = 4
for row_start in range(0, len(CARD_KPIS), CARDS_PER_ROW):
    names = CARD_KPIS[row_start : row_start + CARDS_PER_ROW]
    for column, name in zip(st.columns(CARDS_PER_ROW), names, strict=False):
        card = kpi_card(name, current, previous, lang, currency)
        column.metric(
            card.label,
            card.value,
            card.delta,
            delta_color=card.delta_color,
            delta_arrow=card.delta_arrow,
            delta_description=card.delta_description,
            help=card.help,
            border=True,
        )

# --- summary --------------------------------------------------------------------
st.subheader(t("overview.summary_header", lang))
st.markdown(plain_summary(current, previous, lang, currency))

# --- MRR waterfall --------------------------------------------------------------
movements = app_state.mrr_movements(as_of, filters)
st.subheader(t("overview.waterfall_header", lang), help=t("definition.mrr_movements", lang))
months = list(movements["month"])[::-1]
month = st.selectbox(t("overview.waterfall_month", lang), months, index=0, width=200)
st.vega_lite_chart(app_state.waterfall_spec(movements, month, lang, currency), width="stretch")
with st.expander(t("overview.data_expander", lang)):
    st.dataframe(movements, hide_index=True)
    app_state.download_csv(movements, f"mrr_movements_{as_of}.csv", lang, key="download_movements")

# --- GRR and NRR side by side ---------------------------------------------------
trend = app_state.retention_trend(as_of, filters)  # trailing twelve months, as labelled
st.subheader(
    t("overview.trend_header", lang),
    help=f"{t('definition.grr_ttm', lang)}\n\n{t('definition.nrr_ttm', lang)}",
)
if charts.has_retention_points(trend):
    st.caption(t("overview.trend_caption", lang))
    grr_spec, nrr_spec = app_state.retention_trend_specs(trend, lang)
    left, right = st.columns(2)
    left.vega_lite_chart(grr_spec, width="stretch")
    right.vega_lite_chart(nrr_spec, width="stretch")
else:
    st.info(t("overview.trend_empty", lang))
with st.expander(t("overview.data_expander", lang)):
    st.dataframe(trend, hide_index=True)
    app_state.download_csv(trend, f"retention_trend_{as_of}.csv", lang, key="download_trend")
