"""CS Cockpit's engine: warehouse, import, demo data and KPIs. No Streamlit here."""
