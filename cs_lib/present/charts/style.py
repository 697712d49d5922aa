"""What every chart shares: the Vega-Lite schema, colours per Streamlit theme, fonts, the common
config, and the width estimates that decide in the spec whether a label fits its slot."""

from __future__ import annotations

import json

SCHEMA_URL = "https://vega.github.io/schema/vega-lite/v6.json"

# Colours per Streamlit theme, against its backgrounds (#ffffff light; #0e1117 or #171614 dark):
# text at least 4.5:1, bars and lines at least 3:1 (tests/test_charts.py checks).
PALETTES = {
    "light": {
        "text": "#1f2328",
        "muted": "#4b5058",
        "grid": "#e3e5e8",
        "total": "#7d838c",
        "increase": "#2e7d32",
        "decrease": "#c62828",
        "grr": "#1f5f9e",
        "nrr": "#7a3e9d",
        "reference": "#555a61",
    },
    "dark": {
        "text": "#f0f2f6",
        "muted": "#b8bcc6",
        "grid": "#31353f",
        "total": "#9aa0aa",
        "increase": "#4cb35a",
        "decrease": "#f0625f",
        "grr": "#6aa7f0",
        "nrr": "#c08ce6",
        "reference": "#a8adb7",
    },
}
LABEL_FONT_SIZE = 12  # axis and bar labels
TITLE_FONT_SIZE = 15
# The y axis title stands level above the axis labels, not rotated beside them:
# it then takes no width from the plot, which a phone needs.
Y_TITLE_ON_TOP = {"titleAngle": 0, "titleAlign": "right", "titleBaseline": "bottom", "titleX": 0, "titleY": -12}

def theme_palette(theme: str | None) -> dict[str, str]:
    """Colours for Streamlit's theme type; anything but "dark" (e.g. None) is light."""
    return PALETTES["dark" if theme == "dark" else "light"]


def chart_title(text: str, color: str) -> dict:
    return {"text": text, "anchor": "start", "fontSize": TITLE_FONT_SIZE, "color": color, "offset": 12}


def chart_config(palette: dict[str, str]) -> dict:
    return {
        "view": {"stroke": None},
        "axis": {
            "labelColor": palette["muted"],
            "titleColor": palette["text"],
            "gridColor": palette["grid"],
            "domainColor": palette["grid"],
            "tickColor": palette["grid"],
            "labelFontSize": LABEL_FONT_SIZE,
            "titleFontSize": LABEL_FONT_SIZE,
            "titleFontWeight": "normal",
            "labelPadding": 4,
            "titlePadding": 8,
        },
        "title": {"color": palette["text"]},
    }


# Widths of bold Source Sans (Streamlit's chart font) in em, measured in Chromium;
# digits, "¥", "+" and most letters are about 0.53 em, CJK characters 1 em.
CHAR_EM = {"-": 0.33, ",": 0.3, ".": 0.3, " ": 0.25, "M": 0.76, "K": 0.61, "i": 0.28, "l": 0.28, "t": 0.38}


def text_em(text: str) -> float:
    """Estimated width of a bold label in em, to decide in the spec whether it fits its slot."""
    width = 0.0
    for char in text:
        if ord(char) >= 0x2E80:  # CJK, kana and full-width forms
            width += 1.0
        else:
            width += CHAR_EM.get(char, 0.62 if char.isupper() else 0.53)
    return round(width, 2)


def widest_em(texts: list[str]) -> float:
    return max(text_em(text) for text in texts)


def lookup_expr(key: str, mapping: dict[str, list[str]]) -> str:
    """A Vega expression mapping `key` to a (multi-line) label: `k == "a" ? ["x", "y"] : ... : k`."""
    expr = key
    for name, lines in reversed(mapping.items()):
        label = json.dumps(lines[0] if len(lines) == 1 else lines, ensure_ascii=False)
        expr = f"{key} === {json.dumps(name, ensure_ascii=False)} ? {label} : {expr}"
    return expr
