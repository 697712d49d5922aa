"""Account view / 顧客詳細: one account on one screen (`?account=ID`): MRR with movements, journey,
touchpoints, tickets, NPS, health with its components and why it moved, alerts and renewals."""

import streamlit as st

from cs_lib.app import widgets
from cs_lib.app.account_links import ACCOUNT_KEY
from cs_lib.app.queries import query
from cs_lib.app.view import current_view
from cs_lib.metrics import account
from cs_lib.present import health_tables as tables
from cs_lib.present.charts import health as charts
from cs_lib.present.formatting import money
from cs_lib.present.i18n import t

view = current_view()
lang, as_of, settings = view.lang, view.as_of, view.settings
currency = settings.currency
theme = st.context.theme.type or "light"

st.title(t("page.account", lang))
ids = query(account.account_ids)
wanted = st.query_params.get(ACCOUNT_KEY)
if wanted is not None and wanted not in ids:
    st.warning(t("account.unknown", lang).format(account=wanted))
    wanted = None
chosen = st.selectbox(t("account.choose", lang), ids, index=ids.index(wanted) if wanted else None,
                      placeholder=t("account.placeholder", lang), width=320)
if chosen is None:
    st.info(t("account.pick", lang))
    st.stop()
if chosen != wanted:
    st.query_params[ACCOUNT_KEY] = chosen

detail = query(account.account_view, chosen, as_of, settings)
facts = detail.facts
st.subheader(f"{facts.get('account_name') or chosen} ({chosen})")
st.markdown(" · ".join(f"{t(f'dimension.{name}', lang)}: {facts.get(name) or '–'}"
                       for name in ("segment", "industry", "region", "business_unit", "cs_model", "csm")))

health_now = detail.health.iloc[-1] if len(detail.health) else None
columns = st.columns(3)
columns[0].metric(t("account.mrr_now", lang), money(detail.mrr["mrr"].iloc[-1] if len(detail.mrr) else 0, currency))
columns[1].metric(t("health.score", lang), "–" if health_now is None or health_now["health"] != health_now["health"]
                  else f"{health_now['health']:.1f}", help=t("definition.health", lang))
columns[2].metric(t("health.band", lang), "–" if health_now is None else
                  tables.labelled(detail.health.tail(1), lang)["band_label"].iloc[0])

left, right = st.columns(2)
with left:
    widgets.vega_chart(charts.account_lines_spec(detail.mrr, "mrr", t("account.mrr", lang), lang, theme, currency))
    widgets.chart_data(detail.movements, {"month": ("health.month", "month"), "movement": ("account.movement", "text"),
                                          "amount": ("account.amount", "money")},
                       lang, currency, f"account_{chosen}_movements.csv", key="account_movements")
with right:
    widgets.vega_chart(charts.account_lines_spec(detail.health, "health", t("health.score", lang), lang, theme))
    widgets.chart_data(tables.labelled(detail.health, lang),
                       {"month": ("health.month", "month"), "health": ("health.score", "score"),
                        "band_label": ("health.band", "text"), **tables.COMPONENT_COLUMNS},
                       lang, currency, f"account_{chosen}_health.csv", key="account_health")

st.markdown(f"**{t('account.why_moved', lang)}**", help=t("definition.why_moved", lang))
widgets.data_table(tables.labelled(detail.score_change, lang), tables.SCORE_CHANGE_TABLE, lang, currency)

st.markdown(f"**{t('alerts.header', lang)}**")
if detail.alerts.empty:
    st.markdown(f":small[{t('alerts.none', lang)}]")
else:
    widgets.data_table(tables.labelled(detail.alerts, lang), tables.ALERT_TABLE, lang, currency)
st.markdown(f"**{t('account.renewals', lang)}**", help=t("definition.risk", lang))
if detail.renewals.empty:
    st.markdown(f":small[{t('account.no_renewals', lang)}]")
else:
    widgets.data_table(tables.labelled(detail.renewals, lang), tables.RISK_TABLE, lang, currency)

for name in ("journey", "touchpoints", "tickets", "nps"):
    frame = getattr(detail, name)
    st.markdown(f"**{t(f'account.{name}', lang)}** ({len(frame):,})")
    shown = frame.drop(columns=[c for c in ("label_en", "label_ja") if c in frame]).rename(
        columns=lambda column: t(f"account.column.{column}", lang))
    st.dataframe(shown, hide_index=True, height=min(36 * (len(frame) + 1) + 2, 260))
