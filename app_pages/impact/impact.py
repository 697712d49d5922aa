"""Impact & ROI / 効果測定: treated against untreated accounts (overall and by segment), before / after a
programme start, and the ROI range — with the plain statement that this is an observational comparison."""

import streamlit as st

from cs_lib.app import widgets
from cs_lib.app.queries import query
from cs_lib.app.view import current_view
from cs_lib.metrics import impact
from cs_lib.present import impact as present
from cs_lib.present.charts import impact as impact_charts
from cs_lib.present.formatting import percent
from cs_lib.present.i18n import t

view = current_view()
lang, as_of, filters, settings = view.lang, view.as_of, view.filters, view.settings
currency = settings.currency
theme = st.context.theme.type or "light"

st.title(t("page.impact", lang))
widgets.filter_caption(filters, lang)
st.warning(t("impact.observational", lang), icon=":material/science:")

left, right = st.columns([1, 2])
kind = left.radio(t("impact.treatment_kind", lang), impact.TREATMENT_KINDS, key="impact_kind",
                  format_func=lambda option: t(f"impact.kind.{option}", lang))
options = query(impact.treatment_options, kind)
if not options:
    st.info(t("impact.no_options", lang))
    st.stop()
labels = query(impact.option_labels, kind, lang)
value = right.selectbox(t("impact.treatment", lang), options, key=f"impact_value_{kind}",
                        format_func=lambda option: labels.get(option, option))

result = query(impact.measure_impact, impact.Treatment(kind, value), as_of, filters, settings)
st.markdown(present.groups_sentence(result, lang), help=t("impact.groups_help", lang))

# --- treated against untreated --------------------------------------------------
st.subheader(t("impact.outcomes_header", lang), help=t("impact.outcomes_help", lang))
outcomes = present.outcome_rows(result, lang)
difference_rows = impact_charts.difference_rows(outcomes, lang)
if difference_rows:
    widgets.vega_chart(impact_charts.difference_spec(difference_rows, lang, theme))
else:
    st.info(t("impact.empty", lang))
widgets.data_table(outcomes, present.OUTCOME_TABLE, lang, currency)
left_out = {row.outcome_label: row.segments_left_out for row in outcomes.itertuples() if row.segments_left_out}
if left_out:
    st.caption(t("impact.strata_left_out", lang).format(
        items=", ".join(f"{name} {number}" for name, number in left_out.items())))
widgets.download_csv(outcomes.drop(columns=[c for c in outcomes if c.endswith("_label")]),
                     f"impact_{kind}_{value}_{as_of}.csv", lang, key="impact_download")

st.subheader(t("impact.mix_header", lang), help=t("impact.mix_help", lang))
widgets.data_table(present.segment_mix(result, lang), present.MIX_TABLE, lang, currency)

# --- before / after ---------------------------------------------------------------
st.subheader(t("impact.did_header", lang), help=t("impact.did_help", lang))
st.markdown(present.did_sentence(result, lang))
did = present.did_frame(result, lang)
if did is not None:
    widgets.vega_chart(impact_charts.did_spec(impact_charts.did_rows(did, lang), lang, theme))
    widgets.chart_data(did, present.DID_TABLE, lang, currency, f"impact_did_{value}_{as_of}.csv", key="did_data")

# --- ROI ------------------------------------------------------------------------
st.subheader(t("impact.roi_header", lang), help=t("impact.roi_help", lang))
cost = st.number_input(t("impact.cost", lang), min_value=0.0, value=float(settings.cs_cost_per_year),
                       step=1_000_000.0, format="%.0f", help=t("impact.cost_help", lang), key="impact_cost")
result = impact.with_cost(result, cost)
if result.roi is not None:
    low, mid, high = st.columns(3)
    low.metric(t("impact.roi_low", lang), percent(result.roi.low, 0))
    mid.metric(t("impact.roi_mid", lang), percent(result.roi.mid, 0))
    high.metric(t("impact.roi_high", lang), percent(result.roi.high, 0))
st.markdown(present.roi_sentence(result, lang, currency))
