"""Health & alerts / ヘルス・アラート: the health score (METRICS.md §8) and whether it deserves trust,
the renewal risk list, the alerts and the renewal forecast (§9). One section at a time is computed."""

import streamlit as st

from cs_lib.app import widgets
from cs_lib.app.account_links import account_table
from cs_lib.app.queries import query, query_many
from cs_lib.app.view import current_view
from cs_lib.metrics import backtest, forecast, health, health_views, risk
from cs_lib.present import health_tables as tables
from cs_lib.present.charts import health as charts
from cs_lib.present.formatting import count, describe_filters, money, percent
from cs_lib.present.i18n import t
from cs_lib.stats import WEAK_EVIDENCE_ACCOUNTS

SECTIONS = ("scores", "risk", "alerts", "backtest", "forecast")

view = current_view()
lang, as_of, filters, settings = view.lang, view.as_of, view.filters, view.settings
currency = settings.currency
theme = st.context.theme.type or "light"

st.title(t("page.health", lang))
if not filters.is_empty():
    st.caption(t("overview.filtered_caption", lang).format(filters=describe_filters(filters, lang)))
section = st.segmented_control(
    t("health.section", lang), SECTIONS, format_func=lambda name: t(f"health.section.{name}", lang),
    default="scores", key="health_section", required=True,
) or "scores"


def render_scores() -> None:
    scores = query(health_views.health_view, as_of, filters, settings)
    total = len(scores.accounts)
    columns = st.columns(4)
    columns[0].metric(t("health.accounts_scored", lang), count(total), help=t("definition.health", lang))
    for column, band in zip(columns[1:], health.BANDS, strict=True):
        accounts = int(scores.bands.set_index("band").loc[band, "accounts"])
        column.metric(t(f"band.{band}", lang), count(accounts), help=t("definition.bands", lang).format(
            healthy=settings.health_band_healthy, watch=settings.health_band_watch))
    weights = ", ".join(f"{t(f'health.component.{name}', lang)} {percent(value, 0)}"
                        for name, value in health.weights_of(settings).items())
    st.markdown(f":small[{t('health.weights', lang)}: {weights} · "
                f"{t('health.low_confidence_count', lang).format(count=count(scores.low_confidence))}]")
    if 0 < total < WEAK_EVIDENCE_ACCOUNTS:
        st.warning(t("health.weak", lang).format(count=total, minimum=WEAK_EVIDENCE_ACCOUNTS))
    left, right = st.columns(2)
    widgets.vega_chart(charts.band_counts_spec(scores.bands, lang, theme), left)
    widgets.vega_chart(charts.band_trend_spec(scores.trend, lang, theme), right)
    with left:
        widgets.chart_data(tables.labelled(scores.bands, lang), tables.BAND_TABLE, lang, currency,
                           f"health_bands_{as_of}.csv", key="bands_data")
    with right:
        widgets.chart_data(tables.labelled(scores.trend, lang), tables.BAND_TREND_TABLE, lang, currency,
                           f"health_trend_{as_of}.csv", key="trend_data")
    st.subheader(t("health.accounts_header", lang), help=t("definition.health", lang))
    st.markdown(f":small[{t('health.open_account', lang)}]")
    account_table(tables.labelled(scores.accounts, lang), tables.HEALTH_ACCOUNTS_TABLE, lang, currency,
                  key="health_accounts")
    widgets.download_csv(scores.accounts, f"health_{as_of}.csv", lang, key="health_accounts_csv")
    render_score_change(list(scores.accounts["account_id"]))


def render_score_change(account_ids: list[str]) -> None:
    """Per account, why the score moved: each component's weight share × its change since last month."""
    st.subheader(t("account.why_moved", lang), help=t("definition.why_moved", lang))
    chosen = st.selectbox(t("account.choose", lang), account_ids, index=0 if account_ids else None,
                          key="health_why_account", width=320)
    if chosen is None:
        return
    history = query(health_views.account_history, chosen, as_of, settings)
    change = health_views.score_change(history, settings)
    widgets.data_table(tables.labelled(change, lang), tables.SCORE_CHANGE_TABLE, lang, currency)


def render_risk() -> None:
    table = query(risk.risk_list, as_of, filters, settings)
    st.subheader(t("risk.header", lang).format(days=settings.risk_window_days), help=t("definition.risk", lang))
    columns = st.columns(3)
    columns[0].metric(t("risk.lines", lang), count(len(table)))
    columns[1].metric(t("risk.arr_at_risk", lang), money(table["arr_at_risk"].sum(), currency))
    columns[2].metric(t("risk.expected_loss", lang), money(table["expected_loss"].sum(), currency),
                      help=t("definition.expected_loss", lang))
    st.markdown(f":small[{t('health.open_account', lang)}]")
    account_table(tables.labelled(table, lang), tables.RISK_TABLE, lang, currency, key="risk_table")
    left, right = st.columns(2)
    with left:
        widgets.download_csv(table[list(tables.SFA_COLUMNS)], f"renewal_risk_{as_of}.csv", lang, key="risk_csv")
    right.download_button(t("risk.download_excel", lang), tables.risk_excel_bytes(table),
                          file_name=f"renewal_risk_{as_of}.xlsx", key="risk_xlsx", on_click="ignore",
                          mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                          icon=":material/table_view:")


def render_alerts() -> None:
    table = query(risk.alerts, as_of, filters, settings)
    st.subheader(t("alerts.header", lang), help=t("definition.alerts", lang))
    off = [t(f"alerts.rule.{rule}", lang) for rule in risk.ALERT_RULES if getattr(settings, f"alert_{rule}") != "on"]
    if off:
        st.markdown(f":small[{t('alerts.off', lang)}: {', '.join(off)}]")
    if table.empty:
        st.info(t("alerts.none", lang))
        return
    st.markdown(f":small[{t('alerts.count', lang).format(count=count(len(table)))} · "
                f"{t('health.open_account', lang)}]")
    account_table(tables.labelled(table, lang), tables.ALERT_TABLE, lang, currency, key="alerts_table")
    widgets.download_csv(table, f"alerts_{as_of}.csv", lang, key="alerts_csv")


def render_backtest() -> None:
    table, trust = query_many((backtest.backtest, as_of, filters, settings),
                              (backtest.trust_report, as_of, filters, settings))
    st.subheader(t("backtest.header", lang), help=t("definition.backtest", lang))
    columns = st.columns(3)
    columns[0].metric(t("backtest.pooled_auc", lang), "–" if trust.current_auc is None else f"{trust.current_auc:.3f}",
                      help=t("definition.auc", lang))
    columns[1].metric(t("backtest.suggested_auc", lang),
                      "–" if trust.suggested_auc is None else f"{trust.suggested_auc:.3f}")
    columns[2].metric(t("backtest.rows", lang), count(trust.rows))
    widgets.vega_chart(charts.auc_spec(table, lang, theme))
    widgets.chart_data(table, tables.BACKTEST_TABLE, lang, currency, f"backtest_{as_of}.csv", key="backtest_data")
    left, right = st.columns(2)
    with left:
        st.markdown(f"**{t('backtest.calibration', lang)}**", help=t("definition.calibration", lang))
        widgets.data_table(trust.calibration, tables.CALIBRATION_TABLE, lang, currency)
    with right:
        st.markdown(f"**{t('backtest.weights', lang)}**", help=t("definition.suggested_weights", lang))
        widgets.data_table(tables.labelled(trust.weights, lang), tables.WEIGHTS_TABLE, lang, currency)
        st.markdown(f":small[{t('backtest.never_applied', lang)}]")


def render_forecast() -> None:
    st.subheader(t("forecast.header", lang), help=t("definition.forecast", lang))
    quarters = st.segmented_control(t("forecast.quarters", lang), (1, 2, 3, 4), default=4, required=True,
                                    key="forecast_quarters") or 4
    table, past = query_many((forecast.forecast, as_of, filters, settings, quarters),
                             (forecast.forecast_backtest, as_of, filters, settings))
    widgets.vega_chart(charts.forecast_spec(table, lang, currency, theme))
    widgets.chart_data(table, tables.FORECAST_TABLE, lang, currency, f"forecast_{as_of}.csv", key="forecast_data")
    st.markdown(f"**{t('forecast.backtest', lang)}**", help=t("definition.forecast_backtest", lang))
    if past.empty:
        st.info(t("forecast.no_backtest", lang))
        return
    st.markdown(t("forecast.coverage", lang).format(inside=int(past["inside"].sum()), quarters=len(past),
                                                    share=percent(past["inside"].mean(), 0)))
    widgets.data_table(past, tables.FORECAST_BACKTEST_TABLE, lang, currency)


{"scores": render_scores, "risk": render_risk, "alerts": render_alerts, "backtest": render_backtest,
 "forecast": render_forecast}[section]()
