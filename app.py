"""CS Cockpit: the Streamlit entry point (`streamlit run app.py`).

Sets up the page, draws the shared sidebar (language, as-of month, comparison,
filters — all kept in the URL) and hands over to the selected page.
"""

import streamlit as st

from cs_lib.app.access import is_participant, require_access, run_participant_form
from cs_lib.app.view import render_sidebar
from cs_lib.present.i18n import t

st.set_page_config(layout="wide", page_title="CS Cockpit", page_icon=":material/monitoring:")

# --- Access control (issue 10): a participant sees only the workshop form; on a network, the passcode ---
if is_participant():
    run_participant_form()
    st.stop()
require_access()

view = render_sidebar()

navigation = st.navigation(
    [
        st.Page(
            "pages/overview/overview.py",
            title=t("page.overview", view.lang),
            icon=":material/dashboard:",
            url_path="overview",
            default=True,
        ),
        # --- Retention, Growth and Segments (issue 7) ---
        st.Page("pages/retention/retention.py", title=t("page.retention", view.lang), icon=":material/autorenew:",
                url_path="retention"),
        st.Page("pages/growth/growth.py", title=t("page.growth", view.lang), icon=":material/trending_up:",
                url_path="growth"),
        st.Page("pages/segments/segments.py", title=t("page.segments", view.lang), icon=":material/segment:",
                url_path="segments"),
        # --- Health & alerts, Journey, Account view (issue 9) ---
        st.Page("pages/health/health.py", title=t("page.health", view.lang), icon=":material/monitor_heart:",
                url_path="health"),
        st.Page("pages/journey/journey.py", title=t("page.journey", view.lang), icon=":material/route:",
                url_path="journey"),
        st.Page("pages/account/account.py", title=t("page.account", view.lang), icon=":material/person_search:",
                url_path="account"),
        # --- Impact & ROI, KPI tree (issue 11) ---
        st.Page("pages/impact/impact.py", title=t("page.impact", lang=view.lang), icon=":material/science:",
                url_path="impact"),
        st.Page("pages/kpi_tree/kpi_tree.py", title=t("page.kpi_tree", lang=view.lang),
                icon=":material/account_tree:", url_path="kpi-tree"),
        # --- Data page (issue 8) ---
        st.Page("pages/data/data.py", title=t("page.data", view.lang), icon=":material/database:", url_path="data"),
        # --- Maturity & culture and Workshop (issue 10) ---
        st.Page(
            "pages/maturity/maturity.py",
            title=t("page.maturity", view.lang),
            icon=":material/stairs:",
            url_path="maturity",
        ),
        st.Page(
            "pages/workshop/workshop.py",
            title=t("page.workshop", view.lang),
            icon=":material/groups:",
            url_path="workshop",
        ),
        # The participant's form: reached by its link only (with ?code=, the entry point shows nothing else).
        st.Page("pages/workshop/join.py", title=t("join.title", view.lang), url_path="join", visibility="hidden"),
    ]
)
navigation.run()
