"""Chart specs built from the engine's DataFrames (no Streamlit here).

Each builder takes the DataFrame a `cs_lib.metrics.kpis` function returns, a
language and the Streamlit theme ("light" or "dark"), and returns a Vega-Lite v6
spec as a plain dict whose titles, axes, labels and tooltips are translated and
formatted, so the app and the board pack draw the same thing. The dicts are
written out directly: building them costs about a millisecond, where Altair
costs ~20 ms per layered chart on every filter change. tests/test_charts.py
validates every spec against the Vega-Lite schema.

The specs are drawn with `cs_lib.app.widgets.vega_chart(spec)`: they use the
container's width, a transparent background, and colours chosen for the
theme they are drawn on; labels that do not fit a narrow screen are left out or
shortened, never overlapped.
"""

from cs_lib.present.charts.retention_trend import has_retention_points, retention_trend_specs, trend_points
from cs_lib.present.charts.style import PALETTES, SCHEMA_URL
from cs_lib.present.charts.waterfall import MOVEMENTS, mrr_waterfall_spec, waterfall_steps

__all__ = [
    "MOVEMENTS",
    "PALETTES",
    "SCHEMA_URL",
    "has_retention_points",
    "mrr_waterfall_spec",
    "retention_trend_specs",
    "trend_points",
    "waterfall_steps",
]
