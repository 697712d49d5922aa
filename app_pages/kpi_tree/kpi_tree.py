"""KPI tree / KPIツリー: the KGI (NRR) and the KPIs that drive it, each with value, target, on/off track,
trend and whether its change is real — the same numbers and targets as the Overview's cards."""

import streamlit as st

from cs_lib.app import widgets
from cs_lib.app.queries import query
from cs_lib.app.tree_widgets import kpi_tree
from cs_lib.app.view import current_view
from cs_lib.metrics import kpi_tree as tree_engine
from cs_lib.months import months_before
from cs_lib.present import kpi_tree as present
from cs_lib.present.i18n import t

view = current_view()
lang, as_of, filters, settings = view.lang, view.as_of, view.filters, view.settings
lag = view.comparison_lag_months

st.title(t("page.kpi_tree", lang))
widgets.filter_caption(filters, lang)
st.markdown(f":small[{t('kpi_tree.caption', lang)}]")

nodes = query(tree_engine.kpi_tree, as_of, lag, filters, settings)
previous_month = months_before(as_of, lag)
cards = present.tree_cards(nodes, as_of, previous_month if nodes[0].previous is not None else None, lang,
                           settings.currency)
kpi_tree(cards)
st.markdown(f":small[{t('kpi_tree.targets_note', lang)}]")
widgets.chart_data(present.trend_table(nodes, lang), present.TREND_TABLE, lang, settings.currency,
                   f"kpi_tree_trends_{as_of}.csv", key="kpi_tree_data")
