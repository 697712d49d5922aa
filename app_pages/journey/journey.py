"""Journey / カスタマージャーニー: the stages (METRICS.md §10), the funnel, time in stage and the
accounts stuck past their stage's target days."""

import streamlit as st

from cs_lib.app import widgets
from cs_lib.app.account_links import account_table
from cs_lib.app.queries import query_many
from cs_lib.app.stage_editor import stage_editor
from cs_lib.app.view import current_view
from cs_lib.metrics import journey
from cs_lib.present import health_tables as tables
from cs_lib.present.charts import health as charts
from cs_lib.present.formatting import count, describe_filters
from cs_lib.present.i18n import t

view = current_view()
lang, as_of, filters, settings = view.lang, view.as_of, view.filters, view.settings
currency = settings.currency
theme = st.context.theme.type or "light"

st.title(t("page.journey", lang))
if not filters.is_empty():
    st.caption(t("overview.filtered_caption", lang).format(filters=describe_filters(filters, lang)))

stages, summary, stuck = query_many(
    (journey.stages, ),
    (journey.journey_summary, as_of, filters, settings),
    (journey.stuck_list, as_of, filters, settings),
)
stage_labels = dict(zip(stages["stage"], stages[f"label_{lang}"].fillna(stages["stage"]), strict=True))

# --- the stages -------------------------------------------------------------------
st.subheader(t("journey.stages_header", lang), help=t("definition.journey_stages", lang))
shown = stages.assign(stage_label=stages["stage"].map(stage_labels))
st.dataframe(
    shown[["position", "stage_label", "goal", "kpi", "next_action", "owner_department", "target_days"]].rename(
        columns={column: t(f"journey.column.{column}", lang) for column in
                 ("position", "stage_label", "goal", "kpi", "next_action", "owner_department", "target_days")}),
    hide_index=True,
)
stage_editor(stages, lang)

# --- funnel and time in stage --------------------------------------------------------
left, right = st.columns(2)
with left:
    st.markdown(f"**{t('journey.funnel_header', lang)}**", help=t("definition.journey_funnel", lang))
    widgets.vega_chart(charts.funnel_spec(summary, stage_labels, lang, theme))
with right:
    st.markdown(f"**{t('journey.time_header', lang)}**", help=t("definition.journey_time", lang))
    widgets.vega_chart(charts.time_in_stage_spec(summary, stage_labels, lang, theme))
    not_left = summary["reached"] - summary["left"]
    st.markdown(f":small[{t('journey.not_left', lang).format(count=count(int(not_left.iloc[:-1].sum())))}]")
widgets.chart_data(tables.labelled(summary, lang, stage_labels), tables.JOURNEY_TABLE, lang, currency,
                   f"journey_{as_of}.csv", key="journey_data")

# --- stuck accounts -------------------------------------------------------------------
st.subheader(t("journey.stuck_header", lang).format(count=count(len(stuck))), help=t("definition.journey_stuck", lang))
if stuck.empty:
    st.info(t("journey.none_stuck", lang))
else:
    st.markdown(f":small[{t('health.open_account', lang)}]")
    account_table(tables.labelled(stuck, lang, stage_labels), tables.STUCK_TABLE, lang, currency, key="stuck_table")
    widgets.download_csv(stuck, f"journey_stuck_{as_of}.csv", lang, key="stuck_csv")
