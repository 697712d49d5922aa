"""Maturity & culture / 成熟度・企業文化: where each business unit and department stands, what the
culture survey says, whether maturity goes with retention, and what the data says beside the
self-assessment (METRICS.md §11)."""

import streamlit as st

from cs_lib.app import widgets
from cs_lib.app.queries import query_many
from cs_lib.app.view import current_view
from cs_lib.app.workshop import workshop_store
from cs_lib.metrics import early_warning, maturity
from cs_lib.present import maturity as words
from cs_lib.present.charts import maturity as charts
from cs_lib.present.formatting import describe_filters
from cs_lib.present.i18n import t
from cs_lib.workshop.store import WorkshopError

view = current_view()
lang, as_of, filters, settings = view.lang, view.as_of, view.filters, view.settings
currency, theme = settings.currency, st.context.theme.type or "light"
threshold = f"{settings.maturity_high_spread:g}"

st.title(t("page.maturity", lang))
if not filters.is_empty():
    st.caption(t("overview.filtered_caption", lang).format(filters=describe_filters(filters, lang)))

units_only = maturity.assessment_scope(filters)  # assessments and surveys follow the business-unit filter only
(levels, units, company, items, items_by_unit, culture_by_department, evidence, departments,
 flagged) = query_many(
    (maturity.department_levels, as_of, units_only, settings),
    (maturity.business_unit_maturity, as_of, filters, settings),
    (maturity.company_maturity, as_of, filters, settings),
    (maturity.culture_scores, "item", as_of, units_only, settings),
    (maturity.culture_scores, "item_unit", as_of, units_only, settings),
    (maturity.culture_scores, "unit_department", as_of, units_only, settings),
    (maturity.business_unit_evidence, as_of, filters, settings),
    (maturity.department_overview, as_of, units_only, settings),
    (early_warning.churned_arr_flagged_early, as_of, filters, settings),
)
fits = maturity.fit_maturity_vs_retention(evidence)  # the least-squares lines, from the frame above
evidence = early_warning.beside_evidence(evidence, flagged)

# --- headline -------------------------------------------------------------------
cards = words.headline_cards(company, levels, lang, settings.maturity_high_spread)
for column, card in zip(st.columns(4), cards, strict=True):
    column.container(border=True).metric(card.label, card.value, help=card.help)

with st.expander(t("maturity.levels_header", lang), expanded=True):
    for column, level in zip(st.columns(4), (1, 2, 3, 4), strict=True):
        name, description = t(f"maturity.level.{level}", lang), t(f"maturity.level_desc.{level}", lang)
        column.markdown(f"**{name}**  \n:small[{description}]")

# --- unit × department ----------------------------------------------------------------
st.subheader(t("maturity.heatmap_header", lang), help=t("maturity.heatmap_help", lang).format(threshold=threshold))
if levels.empty:
    st.info(t("maturity.empty", lang))
else:
    widgets.vega_chart(charts.maturity_heatmap_spec(levels, lang, theme))
    widgets.chart_data(words.with_department_labels(levels, lang), words.DEPARTMENT_TABLE, lang, currency,
                       f"maturity_departments_{as_of}.csv", key="maturity_levels_data")
    st.subheader(t("maturity.units_header", lang), help=t("maturity.company_help", lang))
    widgets.data_table(units, words.UNIT_TABLE, lang, currency)

# --- culture ----------------------------------------------------------------------------
st.subheader(t("maturity.culture_header", lang), help=t("maturity.culture_help", lang))
if items.empty:
    st.info(t("maturity.culture_empty", lang))
else:
    widgets.vega_chart(charts.culture_items_spec(items, lang, theme))
    widgets.chart_data(items, words.CULTURE_TABLE, lang, currency, f"culture_items_{as_of}.csv", key="culture_data")
    with st.expander(t("maturity.culture_by_unit", lang)):
        widgets.data_table(items_by_unit, words.CULTURE_UNIT_TABLE, lang, currency)
    with st.expander(t("maturity.culture_by_department", lang)):
        widgets.data_table(culture_by_department, words.CULTURE_DEPARTMENT_TABLE, lang, currency)

# --- maturity against retention ---------------------------------------------------------------
st.subheader(t("maturity.regression_header", lang), help=t("maturity.regression_help", lang))
warning = words.thin_evidence_warning(fits, lang)
if warning:
    st.warning(warning)
left, right = st.columns(2)
for column, measure, fitted in ((left, "grr_ttm", fits.grr), (right, "nrr_ttm", fits.nrr)):
    widgets.vega_chart(charts.retention_fit_spec(fits, measure, lang, theme, currency), column)
    column.markdown(f":small[{words.fit_sentence(fitted, lang)}]")
widgets.chart_data(fits.units, words.FIT_TABLE, lang, currency, f"maturity_retention_{as_of}.csv", key="fit_data")

# --- evidence beside self-assessment -------------------------------------------------------------
st.subheader(t("maturity.evidence_header", lang), help=t("maturity.evidence_help", lang))
widgets.data_table(evidence, words.EVIDENCE_TABLE, lang, currency)
widgets.download_csv(evidence, f"maturity_evidence_{as_of}.csv", lang, key="evidence_download")

# --- cross-functional view ----------------------------------------------------------------------
st.subheader(t("maturity.cross_header", lang), help=t("maturity.cross_help", lang))
try:
    store = workshop_store()
except WorkshopError:  # another app process holds the file: our wording, not editable here
    store = None
cross = words.with_department_labels(departments, lang, store.department_roles() if store else {})
widgets.data_table(cross, words.CROSS_TABLE, lang, currency)
if store is None:
    st.caption(t("maturity.roles_busy", lang))
else:
    with st.expander(t("maturity.edit_roles", lang)), st.form("department_roles"):
        edited = {
            name: st.text_input(label, value=text, max_chars=300, key=f"role_{name}")
            for name, label, text in zip(cross["department"], cross["department_label"], cross["contribution"],
                                         strict=True)
        }
        if st.form_submit_button(t("maturity.save_roles", lang)):
            store.set_department_roles(words.changed_roles(edited, lang))
            st.rerun()
