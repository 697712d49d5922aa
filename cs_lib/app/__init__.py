"""The Streamlit glue, and the only package besides `app_pages/` that imports Streamlit.

- `queries`: the cached warehouse connection and the one cached entry point for engine calls
- `view`: the sidebar (language, as-of month, filters — kept in the URL) and the link checks
- `widgets`: shared widgets (KPI cards, data tables, CSV downloads)
"""
