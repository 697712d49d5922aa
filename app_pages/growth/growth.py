"""Growth / 拡大: growth rates over time and by segment, the MRR bridge by period, the price-tier staircase."""

import streamlit as st

from cs_lib.app import widgets
from cs_lib.app.queries import query, query_many
from cs_lib.app.view import current_view
from cs_lib.metrics import bridge, growth, tiers
from cs_lib.present import retention_growth as present
from cs_lib.present.charts.bridge_bars import bridge_bars_spec
from cs_lib.present.charts.grids import tier_matrix_spec
from cs_lib.present.charts.lines import rate_lines_spec
from cs_lib.present.i18n import t

BRIDGE_PERIODS_SHOWN = {"month": 24, "quarter": 12, "year": 10}

view = current_view()
lang, as_of, filters, settings = view.lang, view.as_of, view.filters, view.settings
currency = settings.currency
theme = st.context.theme.type or "light"

# --- the engine's answers, fetched side by side (the period is read from its widget's state) ---
period = st.session_state.get("bridge_period", "quarter")
# The climbers' products are fetched only when their expander opens.
rates, by_segment, periods, year_on_year, transitions = query_many(
    (growth.growth_rates, as_of, filters),
    (growth.growth_by_dimension, "segment", as_of, filters, settings),
    (bridge.mrr_bridge, as_of, filters, period),
    (bridge.mrr_bridge_year_on_year, as_of, filters, period),
    (tiers.tier_transitions, as_of, filters, settings),
)

st.title(t("page.growth", lang))
widgets.filter_caption(filters, lang)

# --- growth rates over time and by segment --------------------------------------------------
st.subheader(t("growth.rates_header", lang), help=t("growth.rates_help", lang))
series = {column: t(f"growth.series.{column}", lang)
          for column in ("expansion_rate", "upsell_rate", "cross_sell_rate", "contraction_rate")}
widgets.vega_chart(rate_lines_spec(present.series_rows(rates, series, "accounts_start", lang), list(series.values()),
                                   t("growth.rates_title", lang), lang, theme))
widgets.chart_data(rates, present.GROWTH_RATES_TABLE, lang, currency, f"growth_rates_{as_of}.csv", key="rates_data")
st.markdown(f"**{t('growth.by_segment', lang)}**")
widgets.data_table(present.weak_labels(by_segment, lang), present.GROWTH_SEGMENT_TABLE, lang, currency)
st.page_link("app_pages/segments/segments.py", label=t("growth.to_segments", lang), icon=":material/arrow_forward:")

# --- the MRR bridge by period ------------------------------------------------------------
st.subheader(t("growth.bridge_header", lang), help=t("definition.mrr_movements", lang))
period = st.segmented_control(t("growth.period_label", lang), ["month", "quarter", "year"], default="quarter",
                              required=True, key="bridge_period",
                              format_func=lambda option: t(f"retention.period.{option}", lang))
widgets.vega_chart(bridge_bars_spec(periods.tail(BRIDGE_PERIODS_SHOWN[period]), lang, currency, theme))
widgets.chart_data(periods, present.BRIDGE_TABLE, lang, currency, f"mrr_bridge_{period}_{as_of}.csv",
                   key="bridge_data")
st.markdown(f"**{t('growth.yoy_header', lang).format(period=periods['period'].iloc[-1])}**")
widgets.data_table(present.year_on_year_frame(year_on_year, lang), present.YOY_TABLE, lang, currency)

# --- the price-tier staircase --------------------------------------------------------------
st.subheader(t("growth.tiers_header", lang), help=t("growth.tiers_help", lang))
st.markdown(present.tier_ranges_sentence(tiers.tier_ranges(settings), lang, currency))
widgets.vega_chart(tier_matrix_spec(transitions, lang, theme))
widgets.chart_data(transitions, present.TIER_TABLE, lang, currency, f"tier_transitions_{as_of}.csv", key="tier_data")
st.markdown(f"**{t('growth.added_header', lang)}**")
with st.expander(t("growth.added_expander", lang), key="added_table", on_change="rerun") as box:
    if box.open:
        added = query(tiers.products_added_when_climbing, as_of, filters, settings)
        if added.empty:
            st.info(t("growth.no_climbers", lang))
        else:
            widgets.data_table(added, present.ADDED_TABLE, lang, currency)
