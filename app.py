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

# The pages, in the order of the product's menu. Their scripts live in app_pages/, not pages/: Streamlit
# treats a `pages/` folder beside the entry point as an old-style multipage app until st.navigation
# first runs, so the first visitor of a fresh server who opened a link to a page got "Page not found".
PAGES = [
    # (script, title key, icon, url path)
    ("app_pages/overview/overview.py", "page.overview", ":material/dashboard:", "overview"),
    ("app_pages/retention/retention.py", "page.retention", ":material/autorenew:", "retention"),
    ("app_pages/growth/growth.py", "page.growth", ":material/trending_up:", "growth"),
    ("app_pages/segments/segments.py", "page.segments", ":material/segment:", "segments"),
    ("app_pages/journey/journey.py", "page.journey", ":material/route:", "journey"),
    ("app_pages/health/health.py", "page.health", ":material/monitor_heart:", "health"),
    ("app_pages/account/account.py", "page.account", ":material/person_search:", "account"),
    ("app_pages/maturity/maturity.py", "page.maturity", ":material/stairs:", "maturity"),
    ("app_pages/workshop/workshop.py", "page.workshop", ":material/groups:", "workshop"),
    # --- Impact & ROI, KPI tree (issue 11) ---
    ("app_pages/impact/impact.py", "page.impact", ":material/science:", "impact"),
    ("app_pages/kpi_tree/kpi_tree.py", "page.kpi_tree", ":material/account_tree:", "kpi-tree"),
    ("app_pages/data/data.py", "page.data", ":material/database:", "data"),
]

navigation = st.navigation(
    [
        *(
            st.Page(script, title=t(title, view.lang), icon=icon, url_path=url_path, default=url_path == "overview")
            for script, title, icon, url_path in PAGES
        ),
        # The participant's form: reached by its link only (with ?code=, the entry point shows nothing else).
        st.Page("app_pages/workshop/join.py", title=t("join.title", view.lang), url_path="join", visibility="hidden"),
    ]
)
navigation.run()
