"""Retention / 継続・解約: cohorts, survival, renewals, retention windows, the NRR bridge, the definition ledger."""

import streamlit as st

from cs_lib.app import widgets
from cs_lib.app.account_links import account_table
from cs_lib.app.queries import query, query_many
from cs_lib.app.view import current_view
from cs_lib.metrics import kpis, renewals, retention_views, survival
from cs_lib.present import retention_growth as present
from cs_lib.present.charts.grids import cohort_heatmap_spec
from cs_lib.present.charts.lines import rate_lines_spec, survival_spec
from cs_lib.present.i18n import t

RENEWAL_MONTHS_SHOWN = 24

view = current_view()
lang, as_of, filters, settings = view.lang, view.as_of, view.filters, view.settings
currency = settings.currency
theme = st.context.theme.type or "light"

# --- the engine's answers, fetched side by side (the choices below are read from their widgets' state) ---
kind = st.session_state.get("cohort_kind", "logo")
period = st.session_state.get("cohort_period", "quarter")
by = st.session_state.get("survival_by")
window = st.session_state.get("retention_window", 12)
# The 12-month trend is asked for exactly as the Overview asks, so the two pages share its answer;
# the NRR bridge is read from it. Tables behind closed expanders are fetched only when opened.
grid, result, by_month, trend_12m, concentration = query_many(
    (retention_views.cohort_grid, kind, period, as_of, filters),
    (survival.survival, as_of, filters, by),
    (renewals.renewals_by_month, as_of, filters, settings),
    (kpis.retention_trend, as_of, filters),
    (retention_views.expansion_concentration, as_of, filters),
)
trend = trend_12m if window == 12 else query(kpis.retention_trend, as_of, filters, window)
bridge = retention_views.bridge_from_trend(trend_12m)

st.title(t("page.retention", lang))
widgets.filter_caption(filters, lang)

# --- cohorts ----------------------------------------------------------------------
st.subheader(t("retention.cohorts_header", lang), help=t("retention.cohorts_help", lang))
left, right = st.columns(2)
kind = left.segmented_control(t("retention.cohort_kind_label", lang), ["logo", "revenue"], default="logo",
                              required=True, key="cohort_kind",
                              format_func=lambda option: t(f"retention.cohort_kind.{option}", lang))
period = right.segmented_control(t("retention.cohort_period_label", lang), ["quarter", "month"], default="quarter",
                                 required=True, key="cohort_period",
                                 format_func=lambda option: t(f"retention.period.{option}", lang))
if grid.empty:
    st.info(t("retention.empty", lang))
else:
    widgets.vega_chart(cohort_heatmap_spec(grid, kind, lang, theme))
widgets.chart_data(grid, present.COHORT_TABLE, lang, currency, f"cohorts_{kind}_{period}_{as_of}.csv",
                   key="cohort_data")

# --- survival ---------------------------------------------------------------------
st.subheader(t("retention.survival_header", lang), help=t("retention.survival_help", lang))
by = st.selectbox(t("retention.survival_by", lang), [None, *survival.SURVIVAL_DIMENSIONS], key="survival_by",
                  format_func=lambda option: present.dimension_label(option, lang), width=260)
if result.curves.empty:
    st.info(t("retention.empty", lang))
else:
    curves, left_out = present.drawn_curves(result)
    widgets.vega_chart(survival_spec(curves, lang, theme))
    if left_out:
        st.markdown(t("retention.curves_left_out", lang).format(count=left_out, limit=present.MAX_CURVES))
    st.dataframe(present.median_table(result, lang), hide_index=True)
    sentence = present.logrank_sentence(result, lang)
    if sentence:
        st.markdown(sentence)
widgets.chart_data(result.curves, present.SURVIVAL_TABLE, lang, currency, f"survival_{as_of}.csv",
                   key="survival_data")

# --- renewals by month of expiry ------------------------------------------------------
st.subheader(t("retention.renewals_header", lang),
             help=f"{t('definition.renewal_rate_ttm', lang)}\n\n{t('definition.pilot_conversion_rate_ttm', lang)}")
shown = by_month.tail(RENEWAL_MONTHS_SHOWN)
st.markdown(t("retention.renewals_caption", lang).format(
    grace=settings.renewal_grace_days, pending=f"{int(by_month['pending'].sum()):,}"))
widgets.vega_chart(rate_lines_spec(present.renewal_rows(shown, lang),
                                   [t(f"retention.series.{rate}", lang) for rate in
                                    ("renewal_rate", "first_renewal_rate", "pilot_conversion_rate")],
                                   t("retention.renewals_title", lang), lang, theme))
widgets.chart_data(by_month, present.RENEWAL_TABLE, lang, currency, f"renewals_{as_of}.csv", key="renewal_data")
with st.expander(t("retention.lines_expander", lang), key="lines_table", on_change="rerun") as box:
    if box.open:
        lines = query(renewals.expiring_lines, as_of, filters, settings)
        account_table(lines, present.LINES_TABLE, lang, currency, key="lines_accounts")  # a row opens the account
        widgets.download_csv(lines, f"expiring_lines_{as_of}.csv", lang, key="lines_download")

# --- retention over a 3, 6 or 12-month window --------------------------------------------
st.subheader(t("retention.windows_header", lang), help=t("retention.windows_help", lang))
window = st.segmented_control(t("retention.window_label", lang), [3, 6, 12], default=12, required=True,
                              key="retention_window", format_func=lambda months: t("retention.window", lang).format(
                                  months=months))
series = {column: t(f"retention.{column}", lang) for column in ("grr", "nrr", "logo_retention")}
widgets.vega_chart(rate_lines_spec(present.series_rows(trend, series, "accounts_start", lang), list(series.values()),
                                   t("retention.windows_title", lang).format(months=window), lang, theme,
                                   reference=1.0))
widgets.chart_data(trend, present.WINDOW_TABLE, lang, currency, f"retention_{window}m_{as_of}.csv",
                   key="window_data")

# --- the NRR bridge ---------------------------------------------------------------
st.subheader(t("retention.nrr_bridge_header", lang), help=t("retention.nrr_bridge_help", lang))
if retention_views.expansion_hides_churn(bridge):
    st.warning(t("retention.hidden_churn_warning", lang), icon=":material/warning:")
bridge_series = {"grr": t("kpi.grr_ttm", lang), "nrr": t("kpi.nrr_ttm", lang),
                 "expansion": t("kpi.expansion_rate_ttm", lang)}
widgets.vega_chart(rate_lines_spec(present.series_rows(bridge, bridge_series, "accounts_start", lang),
                                   list(bridge_series.values()), t("retention.nrr_bridge_title", lang), lang, theme))
st.markdown(present.concentration_sentence(concentration, lang))
widgets.chart_data(bridge, present.NRR_BRIDGE_TABLE, lang, currency, f"nrr_bridge_{as_of}.csv", key="bridge_data")

# --- the definition ledger -----------------------------------------------------------
st.subheader(t("retention.ledger_header", lang), help=t("retention.ledger_help", lang))
st.markdown(t("retention.ledger_why", lang))
with st.expander(t("retention.ledger_expander", lang), key="ledger_table", on_change="rerun") as box:
    if box.open:
        ledger = present.ledger_frame(query(retention_views.retention_ledger, as_of, filters, settings), lang)
        widgets.data_table(ledger, present.LEDGER_TABLE, lang, currency)
        widgets.download_csv(ledger.drop(columns=["variant_label", "basis_label"]), f"retention_ledger_{as_of}.csv",
                             lang, key="ledger_download")
