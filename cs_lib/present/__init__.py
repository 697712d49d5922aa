"""How results read: charts (Vega-Lite specs), number formats, translations, the summary text.

No Streamlit here, so the app, the CLI and the board pack print the same things.
"""
